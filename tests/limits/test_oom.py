"""Out of memory everywhere: every reader, every writer, the pictures, ego
and path, run under an address-space limit (`prlimit --as`) at points
spread from "the libraries barely load" to "the run just fits". Each run
must either succeed or exit 4 with exactly one stderr line starting
"partygraph: " and saying so (or, for a picture, that Graphviz crashed:
the drawing process may die of the limit inside a font library), leave the output directory byte-identical
and no temporary file anywhere, and never die of a signal.

    /usr/bin/python3 tests/limits/test_oom.py BUILD/partygraph"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

POINTS = 12  # limits tried below the smallest that lets each run succeed
MB = 1 << 20


def limited(limit, args):
    return subprocess.run(["prlimit", f"--as={limit}", BINARY, *args], capture_output=True, timeout=120)


def verdict(proc, out, before):
    """None when the run is acceptable, else what is wrong with it."""
    err = "".join(line for line in proc.stderr.decode(errors="replace").splitlines(keepends=True)
                  if not re.match(r"partygraph: [^ ]*: ([^ ]*: )?warning: ", line))  # the data's own warnings
    dirs = [os.path.dirname(out)] + ([out] if os.path.isdir(out) else [])
    temps = [os.path.join(d, f) for d in dirs for f in os.listdir(d) if ".partygraph-" in f]
    for t in temps:  # judged once: the next run starts clean
        os.unlink(t)
    if temps:
        return f"temporary files left: {[os.path.basename(t) for t in temps[:3]]}"
    if proc.returncode == 0:
        return None
    if proc.returncode < 0:
        return f"killed by signal {-proc.returncode}: {err.strip()[-300:]}"
    if proc.returncode != 4 or err.count("\n") != 1 or not err.startswith("partygraph: "):
        return f"exit {proc.returncode}, stderr: {err.strip()[:400]!r}"
    if not re.search(r"out of memory|cannot allocate|fatal error|Graphviz (crashed|exited)", err, re.I):
        return f"exit 4 without saying out of memory (or that Graphviz crashed): {err.strip()[:300]!r}"
    if pgtest.snapshot(out) != before:
        return "a failed run changed the output directory"
    return None


def threshold(args, low, high):
    """The smallest limit (to 1 MB) under which `args` succeeds."""
    while high - low > MB:
        mid = (low + high) // 2
        if limited(mid, args).returncode == 0:
            high = mid
        else:
            low = mid
    return high


def sweep(tap, name, args, out, low):
    """Runs `args` at POINTS limits from `low` up to its threshold."""
    top = threshold(args, low, 1 << 30)
    before = pgtest.snapshot(out)
    bad, kinds = [], {}
    for i in range(POINTS + 1):
        limit = low + (top - low) * i // POINTS
        proc = limited(limit, args)
        problem = verdict(proc, out, before)
        if problem:
            bad.append(f"--as={limit // MB} MB: {problem}")
        elif proc.returncode == 0:
            before = pgtest.snapshot(out)
        else:
            line = re.sub(r"\d+", "N", proc.stderr.decode(errors="replace").strip())
            kinds[line] = kinds.get(line, 0) + 1
    tap.check(not bad, f"{name}: {POINTS + 1} limits from {low // MB} to {top // MB} MB: each run succeeds or "
              f"says 'out of memory' in one line (exit 4), nothing half-written", "\n".join(bad[:12]))
    for line, n in sorted(kinds.items()):
        print(f"#   {n} x {line}")


def lowest(tmp):
    """The smallest address space in which `partygraph --version` starts."""
    low = 16 * MB
    while limited(low, ["--version"]).returncode != 0:
        low += 4 * MB
    return low


def inputs(tmp):
    """A synthetic dataset as partygraph/1, GraphML, node-link JSON."""
    data = os.path.join(tmp, "gen.json")
    with open(data, "wb") as f:
        subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "800"],
                       stdout=f, check=True)
    graphml, nodelink = os.path.join(tmp, "gen.graphml"), os.path.join(tmp, "gen.nodelink.json")
    pgtest.run(BINARY, "build", "-q", data, "--layout", "none", "--graphml", graphml, "--nodelink", nodelink)
    return data, graphml, nodelink


def main():
    global BINARY
    BINARY = sys.argv[1]
    tap = pgtest.Tap()
    if b"__asan_init" in open(BINARY, "rb").read():
        tap.skip("out of memory under prlimit --as", "AddressSanitizer reserves terabytes of address space")
        tap.done()
    with tempfile.TemporaryDirectory(prefix="pgtest-oom-") as tmp:
        pgtest.private_font_cache(tmp)
        data, graphml, nodelink = inputs(tmp)
        example = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
        out = os.path.join(tmp, "out")
        pgtest.run(BINARY, "build", "-q", example, "-o", out)
        low = lowest(tmp)
        every = "graphml,dot,csv,json,gexf,nodelink,cytoscape,html"
        runs = [
            ("build, every text format, periods", ["build", "-q", data, "--formats", every, "--window", "1y",
                                                   "--restarts", "2", "-o", out]),
            ("build from GraphML", ["build", "-q", graphml, "--formats", "graphml,csv,json", "-o", out]),
            ("build from node-link JSON", ["build", "-q", nodelink, "--formats", "graphml,csv,json", "-o", out]),
            ("validate", ["validate", "-q", data]),
            ("render svg, png, pdf", ["render", "-q", example, "--format", "svg,png,pdf", "-o", out]),
            ("build with the pictures", ["build", "-q", example, "--formats", "svg,png,html", "-o", out]),
            ("ego", ["ego", "-q", data, "p1", "--radius", "2", "-o", out]),
            ("path", ["path", data, "p1", "p2"]),
        ]
        for name, args in runs:
            sweep(tap, name, args, out, low)
    tap.done()


if __name__ == "__main__":
    main()
