"""--timings, summary.json's timings and the progress bar.

Timings: with --timings every stage the run went through (load, build,
each metric, the distance pass, communities, layout, periods, each file
written) is in summary.json, in the order run, each a number >= 0, and
their sum is at most the total, which is at most the wall time this test
measures around the run; without --timings summary.json has none and is
byte-identical from run to run. summary.json is written whatever
--formats says.

Progress: run under a pseudo-terminal (python's pty module) the bar
appears on stderr, redrawn with '\\r' and finished at 100%; it never
appears when stderr is not a terminal (unless --progress forces it), never
with --quiet; the files written are the same with and without it.

    /usr/bin/python3 tests/progress/test_progress.py build/partygraph"""
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

EXAMPLE = "examples/cpc-interparty.json"
METRICS = ["degree", "strength", "coreness", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
           "constraint", "effective_size", "clustering"]
BAR = re.compile(r"partygraph: (.+?)\s+(\d+)% \[([#.]{30})\]\s+([\d.]+[kM]?)/s  (\S+)")


def timed(binary, *args):
    """Runs partygraph; returns the process and the wall seconds it took."""
    started = time.monotonic()
    proc = pgtest.run(binary, *args, check=False)
    return proc, time.monotonic() - started


def files(directory):
    return {f: open(os.path.join(directory, f), "rb").read() for f in sorted(os.listdir(directory))}


def check_timings(tap, binary, tmp):
    out = os.path.join(tmp, "timed")
    proc, wall = timed(binary, "build", "-q", EXAMPLE, "-o", out, "--timings", "--window", "2y",
                       "--formats", "graphml,dot,csv,json,gexf")
    summary = pgtest.read_json(os.path.join(out, "summary.json")) if proc.returncode == 0 else {}
    timings, totals = summary.get("timings", {}), summary.get("timing_totals", {})
    names = list(timings)
    written = sorted(f for f in os.listdir(out) if f != "summary.json") if proc.returncode == 0 else ["?"]
    tap.check(proc.returncode == 0 and names[:2] == ["load", "build"], "--timings: load and build come first",
              proc.stderr.decode() + str(names))
    missing = [m for m in METRICS + ["communities", "layout", "periods"] if m not in timings]
    tap.check(not missing and any(n.startswith("distance pass") for n in names),
              "every metric, the distance pass, communities, layout and periods have a time", missing)
    writes = [n for n in names if n.startswith("write ")]
    tap.check(sorted(w[len("write "):] for w in writes) == written and names[-len(writes):] == writes,
              "each file written but summary.json has its time, after the analysis", f"{writes} vs {written}")
    ok = all(isinstance(v, (int, float)) and v >= 0 for v in list(timings.values()) + list(totals.values()))
    tap.check(ok and names.index("layout") < names.index("periods") and
              names.index("communities") < names.index("layout"), "every time is a number >= 0, in the order run",
              timings)
    total = totals.get("total", -1)
    tap.check(sum(timings.values()) <= total + 1e-5 and total <= wall,
              f"the stages' sum <= the total ({total:.4f}s) <= the wall time measured here ({wall:.4f}s)",
              f"sum {sum(timings.values())}")
    pass_time = sum(v for k, v in timings.items() if k.startswith("distance pass"))
    tap.check(abs(totals.get("igraph", -1) + totals.get("own", -1) - total) < 1e-5 and
              0 < totals.get("igraph", -1) <= total and pass_time - 1e-5 <= totals.get("algorithms", -1) < pass_time + timings.get("periods", 0) + 1e-5 and
              abs(totals.get("algorithms", -1) + totals.get("overhead", -1) - totals.get("own", -1)) < 1e-5,
              "total = igraph + own, own = algorithms (the distance passes, the periods' too) + overhead", totals)
    lines = proc.stderr.decode().splitlines()
    printed = [re.sub(r"^partygraph:\s+[\d.]+s  ", "", line) for line in lines]
    total_line = re.fullmatch(r"total: igraph [\d.]+s, own [\d.]+s \(algorithms [\d.]+s, overhead [\d.]+s: \d+%\)",
                              printed[-1] if printed else "")
    tap.check(printed[:len(names)] == names and printed[len(names):-1] == ["write summary.json", "commit"] and
              total_line is not None,
              "stderr lists the same stages, then summary.json's, the commit's and the total under the names of "
              "summary.json's timing_totals", proc.stderr.decode())
    again = os.path.join(tmp, "untimed")
    proc, _ = timed(binary, "build", "-q", EXAMPLE, "-o", again, "--window", "2y", "--formats", "graphml,dot,csv,json,gexf")
    plain = pgtest.read_json(os.path.join(again, "summary.json")) if proc.returncode == 0 else {"timings": 1}
    tap.check("timings" not in plain and "timing_totals" not in plain and proc.stderr == b"",
              "without --timings summary.json holds no times and stderr stays empty")
    del summary["timings"], summary["timing_totals"]
    tap.check(summary == plain, "--timings changes nothing else in summary.json")
    third = os.path.join(tmp, "untimed-again")
    pgtest.run(binary, "build", "-q", EXAMPLE, "-o", third, "--window", "2y", "--formats", "graphml,dot,csv,json,gexf")
    tap.check(files(again) == files(third), "without --timings two runs write byte-identical files")


def check_always_summary(tap, binary, tmp):
    for formats in ["graphml", "csv", "gexf,nodelink"]:
        out = os.path.join(tmp, "only-" + formats.replace(",", "-"))
        proc = pgtest.run(binary, "build", "-q", "examples/minimal.json", "-o", out, "--formats", formats, check=False)
        got = sorted(os.listdir(out)) if proc.returncode == 0 else []
        tap.check("summary.json" in got and pgtest.read_json(os.path.join(out, "summary.json"))["nodes"] == 12,
                  f"--formats {formats} writes summary.json too", got)
    out = os.path.join(tmp, "ego")
    proc = pgtest.run(binary, "ego", "-q", EXAMPLE, "cpv", "-o", out, "--formats", "csv", "--timings", check=False)
    names = list(pgtest.read_json(os.path.join(out, "summary.json")).get("timings", {})) if proc.returncode == 0 else []
    tap.check(sorted(os.listdir(out)) == ["edges.csv", "ego.json", "nodes.csv", "summary.json"] and
              names[:3] == ["load", "build", "ego"] and "write ego.json" in names,
              "ego writes summary.json with --formats csv; its timings start with load, build, ego", names)
    named = os.path.join(tmp, "named.graphml")
    proc = pgtest.run(binary, "build", "examples/minimal.json", "--graphml", named, "--timings", check=False)
    tap.check(proc.returncode == 0 and f"write {named}".encode() in proc.stderr,
              "--graphml FILE --timings times the file named", proc.stderr.decode())


def run_pty(binary, *args):
    """Runs partygraph with stderr on a pseudo-terminal; returns the exit
    status and what the terminal received (the pty turns \\n into \\r\\n)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([binary, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    return proc.wait(), received.decode(errors="replace").replace("\r\n", "\n")


def bars(text):
    """The bars drawn, as (stage, percent, rate, last field), in order."""
    return [(m.group(1).strip(), int(m.group(2)), rate(m.group(4)), m.group(5)) for m in BAR.finditer(text)]


def rate(text):
    """A rate as drawn: 1234, 56k or 112.2M (a second)."""
    scale = {"k": 1e3, "M": 1e6}.get(text[-1], 1)
    return float(text.rstrip("kM")) * scale


def check_progress(tap, binary, tmp):
    quiet_out, bar_out = os.path.join(tmp, "no-bar"), os.path.join(tmp, "bar")
    common = [EXAMPLE, "--window", "2y", "--formats", "graphml,csv,json", "--threads", "2"]
    proc = pgtest.run(binary, "build", *common, "-o", quiet_out, check=False)
    tap.check(proc.returncode == 0 and proc.stderr == b"", "stderr not a terminal: no progress at all",
              proc.stderr.decode())
    started = time.monotonic()
    status, text = run_pty(binary, "build", *common, "-o", bar_out, "--progress")
    wall = time.monotonic() - started
    drawn = bars(text)
    stages = [s for s, _, _, _ in drawn]
    tap.check(status == 0 and "\r" in text and {"distance pass and betweenness", "periods", "reading"} <= set(stages),
              "a terminal with --progress: bars for the distance pass (with betweenness by hops), the periods, the "
              "loader", text[:2000])
    status, weighted = run_pty(binary, "build", *common, "--weighted", "-o", os.path.join(tmp, "weighted"),
                               "--progress")
    tap.check(status == 0 and {"distance pass", "Betweenness centrality"} <= {s for s, _, _, _ in bars(weighted)},
              "weighted: bars for the distance pass and igraph's own betweenness (its progress relayed)",
              weighted[:2000])
    finished = [(s, p) for s, p, _, last in drawn if last.endswith("s")]
    tap.check(all(p == 100 for _, p in finished) and {s for s, _ in finished} == set(stages),
              "every bar ends at 100% with the stage's time", finished)
    ordered = all(b[1] >= a[1] for a, b in zip(drawn, drawn[1:]) if a[0] == b[0])
    tap.check(ordered and all(r >= 0 for _, _, r, _ in drawn), "percentages never go back within a stage")
    began = sum(1 for _, p, _, _ in drawn if p == 0)
    tap.check(len(drawn) <= 2 * began + 10 * wall + 1,
              f"at most ten redraws a second besides each bar's first and last ({len(drawn)} for {began} bars)")
    lines = text.split("\n")
    tap.check(all(line.count("partygraph:") <= 1 or line.startswith("\r") for line in lines) and
              any(line.startswith("partygraph: [") and "loaded" in line for line in lines),
              "bars are redrawn in place and each ends its line; the step lines stay", text[:2000])
    tap.check(files(quiet_out) == files(bar_out), "the files written are the same with and without progress")
    status, text = run_pty(binary, "build", *common, "-o", os.path.join(tmp, "quiet"), "--progress", "-q")
    tap.check(status == 0 and text == "", "--quiet silences progress, even with --progress on a terminal", text)
    status, text = run_pty(binary, "build", "examples/minimal.json", "-o", os.path.join(tmp, "tty"))
    tap.check(status == 0 and "loaded 12 entities" in text and not bars(text),
              "a terminal without --progress: step lines, no bar for stages this short", text)
    proc = pgtest.run(binary, "build", *common, "-o", os.path.join(tmp, "forced"), "--progress", check=False)
    tap.check(proc.returncode == 0 and len(bars(proc.stderr.decode())) >= 6,
              "--progress draws the bars when stderr is not a terminal too")


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory(prefix="pgprogress-") as tmp:
        check_timings(tap, binary, tmp)
        check_always_summary(tap, binary, tmp)
        check_progress(tap, binary, tmp)
    tap.done()


if __name__ == "__main__":
    main()
