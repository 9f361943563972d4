"""Scale benchmark (issue 6): partygraph against the python-igraph script a
user would write, side by side on the same synthetic partygraph/1 files, one
table of wall times, peak RSS and ratios (peer / partygraph). Run it through
scripts/bench-scale.sh, which says what each row measures.

    /usr/bin/python3 scale.py [SIZES...]

Options partygraph gained during issue 6 (--metrics, --timings recorded in
summary.json, --jobs) are probed in `partygraph help build`; a row that needs
one the binary lacks prints n/a. Stage times come from summary.json
`timings` when it is there, else from the --timings lines on stderr."""
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG = os.environ.get("PARTYGRAPH", os.path.join(ROOT, "build", "partygraph"))
PY = "/usr/bin/python3"
GEN = os.path.join(ROOT, "scripts", "bench", "gen_dataset.py")
PEER = os.path.join(ROOT, "scripts", "bench", "peer.py")
METRICS = os.environ.get("E2E_METRICS", "degree,strength,coreness,eigenvector,pagerank,clustering")
BETWEENNESS_SIZE = int(os.environ.get("BETWEENNESS_SIZE", "10000"))
SMALL_SIZE = int(os.environ.get("SMALL_SIZE", "1000"))
NA = "n/a"


class Run:
    """One measured process: wall seconds, peak RSS in MB, its output."""

    def __init__(self, cmd, work):
        timef = os.path.join(work, "time")
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", timef] + cmd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.ok = p.returncode == 0
        self.out, self.err = p.stdout, p.stderr
        with open(timef) as f:
            fields = f.read().split()[-2:]
        self.secs, self.mb = float(fields[0]), int(fields[1]) / 1024
        if not self.ok:
            line = (self.err.strip().splitlines() or ["?"])[-1]
            print(f"  failed ({p.returncode}): {' '.join(cmd[:3])} ...: {line}", file=sys.stderr)

    def stages(self):
        """The peer's "STAGE SECONDS" lines."""
        got = {}
        for line in self.out.splitlines():
            name, _, value = line.partition(" ")
            got[name] = float(value) if "." in value else int(value)
        return got


def stderr_timings(text):
    """The --timings lines of a build's stderr as {stage: seconds}: progress
    lines carry cumulative times ([  0.69s] loaded ...), stage lines their
    own (   0.350s  betweenness)."""
    got, prev = {}, 0.0
    for line in text.splitlines():
        m = re.search(r"\[ *([0-9.]+)s\] (\w+)", line)
        if m:
            got[m.group(2)] = float(m.group(1)) - prev
            prev = float(m.group(1))
            continue
        m = re.search(r"([0-9.]+)s  (.+)$", line)
        if m:
            got[m.group(2).strip()] = float(m.group(1))
    return got


def flat(d, prefix=""):
    """Nested timings flattened to {"a.b": seconds}."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flat(v, prefix + k + "."))
        elif isinstance(v, (int, float)):
            out[prefix + k] = float(v)
    return out


def timings(run, outdir):
    """A build's stage times: summary.json `timings`, else its stderr."""
    try:
        with open(os.path.join(outdir, "summary.json")) as f:
            summary = json.load(f)
        if isinstance(summary.get("timings"), dict):
            totals = summary.get("timing_totals")
            return {**flat(summary["timings"]), **flat(totals if isinstance(totals, dict) else {}, "totals.")}, \
                "summary.json"
    except (OSError, ValueError):
        pass
    got = stderr_timings(run.err)
    return got, ("stderr" if got else None)


def pick(times, pattern):
    """The sum of the stages whose names match pattern, and their names."""
    keys = [k for k in times if re.search(pattern, k, re.I)]
    keys = [k for k in keys if not any(k.startswith(parent + ".") for parent in keys)]
    return (sum(times[k] for k in keys), keys) if keys else (None, [])


def counts(outdir):
    try:
        with open(os.path.join(outdir, "summary.json")) as f:
            s = json.load(f)
        return s["nodes"], s["edges"]
    except (OSError, ValueError, KeyError):
        return None


def slowest(times, k=3):
    """The k longest stages as "name 1.23 s, ..."."""
    skip = re.compile(r"^(nodes|edges)$|(^|[._ ])(own|igraph|total|algorithms|overhead)($|[._ ])")
    top = sorted(((v, n) for n, v in times.items() if not skip.search(n)), reverse=True)[:k]
    return ", ".join(f"{n} {v:.2f} s" for v, n in top)


def cell(secs, mb=None):
    if secs is None:
        return NA
    return f"{secs:.2f} s" + (f", {mb:.0f} MB" if mb is not None else "")


def ratio(peer, pg):
    return f"{peer / pg:.1f}x" if peer is not None and pg else NA


def machine(has):
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    pgv = subprocess.run([PG, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    igv = subprocess.run([PY, "-c", "import igraph; print(igraph.__version__)"], stdout=subprocess.PIPE,
                         text=True).stdout.strip()
    usable = subprocess.run(["nproc"], stdout=subprocess.PIPE, text=True).stdout.strip()
    print(f"machine: nproc {usable} ({os.cpu_count()} CPUs), {cpu}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB RAM")
    print(f"versions: {pgv}; python-igraph {igv}; Python {platform.python_version()}")
    print("partygraph options: " + ", ".join(f"{o} {'yes' if v else 'no'}" for o, v in has.items()))
    print(f"e2e metrics: {METRICS}; communities: partygraph's default, the peer's one multilevel run; GraphML out\n")


class Table:
    """The rows, printed at the end; a line on stderr as each is measured."""

    HEAD = ("parties", "row", "partygraph", "python-igraph", "peer ÷ pg", "goal (issues 6, 21)", "notes")

    def __init__(self):
        self.rows = []

    def add(self, *row):
        self.rows.append(tuple(str(x) for x in row))
        print("  " + " | ".join(self.rows[-1][1:]), file=sys.stderr)

    def print(self):
        if os.environ.get("MARKDOWN"):
            for i, r in enumerate([self.HEAD] + self.rows):
                print("| " + " | ".join(r) + " |")
                if i == 0:
                    print("|" + "---|" * len(r))
            return
        widths = [max(len(r[i]) for r in self.rows + [self.HEAD]) for i in range(len(self.HEAD))]
        for r in [self.HEAD] + self.rows:
            print("  ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip())


def goal(text, met):
    """A goal and whether this run meets it (None: not measured)."""
    return text + ("" if met is None else (": yes" if met else ": no"))


def pg_build(data, outdir, work, has, extra):
    """One `partygraph build` with --timings when the binary has it."""
    shutil.rmtree(outdir, ignore_errors=True)
    cmd = [PG, "build", "-q", "--layout", "none"] + (["--timings"] if has["--timings"] else [])
    run = Run(cmd + extra + [data, "-o", outdir], work)
    times, source = timings(run, outdir) if run.ok else ({}, None)
    return run, times, source


def summary_communities(outdir):
    """summary.json's "communities" object of a build into `outdir` ({} when absent)."""
    try:
        with open(os.path.join(outdir, "summary.json")) as f:
            return json.load(f).get("communities") or {}
    except (OSError, ValueError):
        return {}


def generate(n, work):
    data = os.path.join(work, f"data-{n}.json")
    with open(data, "wb") as f:
        subprocess.run([PY, GEN, str(n)], stdout=f, check=True)
    return data


def parse_row(n, data, mb, work, table):
    """(a) python json.load against `partygraph validate`."""
    pg = Run([PG, "validate", "-q", data], work)
    peer = Run([PY, PEER, "parse", data], work)
    p = peer.stages().get("parse")
    rate = mb / pg.secs if pg.ok and pg.secs else None
    table.add(n, f"a parse ({mb:.0f} MB)", cell(pg.secs, pg.mb) if pg.ok else NA, cell(p, peer.mb), ratio(p, pg.secs),
              goal(">= 150 MB/s, RSS <= 2x file", None if rate is None else rate >= 150 and pg.mb <= 2 * mb),
              f"MB/s {rate or 0:.0f} vs {mb / p:.0f}; RSS/file {pg.mb / mb:.1f} vs {peer.mb / mb:.1f}")


def load_row(n, data, work, table):
    """(b) json.load + merge + Graph against `partygraph path` (load, build,
    one BFS); returns the peer's load time and its counts."""
    pg = Run([PG, "path", data, "p0", "p1"], work)
    peer = Run([PY, PEER, "load", data], work)
    ps = peer.stages()
    p = ps["parse"] + ps["merge"] + ps["build"]
    r = p / pg.secs if pg.ok and pg.secs else None
    table.add(n, "b load+build", cell(pg.secs, pg.mb) if pg.ok else NA, cell(p, peer.mb), ratio(p, pg.secs),
              goal(">= 5x", None if r is None else r >= 5),
              f"pg: `path p0 p1` wall; peer in-process; RSS peer/pg {peer.mb / pg.mb:.1f}")
    return p, (ps["nodes"], ps["edges"])


def e2e_rows(n, data, work, has, table, p_load):
    """(d) end to end, and from its stage times (b'), (c) and (e), in the
    order b', c, d, e; returns
    partygraph's node and edge counts (None: not measured)."""
    out = os.path.join(work, "out")
    pe = Run([PY, PEER, "e2e", data, os.path.join(work, "peer.graphml"), METRICS], work)
    pes = pe.stages() if pe.ok else {}
    run, times, source = None, {}, None
    if has["--metrics"]:
        run, times, source = pg_build(data, out, work, has, ["--metrics", METRICS, "--formats", "graphml,json"])
    pg_ok = run is not None and run.ok
    ok = pg_ok and pe.ok
    r = pe.secs / run.secs if ok and run.secs else None
    q = summary_communities(out).get("modularity") if pg_ok else None
    qp = pes.pop("modularity", None)  # not a stage
    notes = ["needs --metrics" if run is None else f"pg: {slowest(times)}" if pg_ok else "partygraph failed (stderr)",
             f"peer: {slowest(pes)}" if pe.ok else "peer failed (stderr)"]
    quality = f"modularity {q:.4f} ({summary_communities(out).get('algorithm')}, " \
              f"{summary_communities(out).get('restarts')} restarts) vs {qp:.4f} (one multilevel)" \
        if q is not None and qp is not None else "modularity n/a"
    row_d = (n, "d end to end", cell(run.secs, run.mb) if pg_ok else NA, cell(pe.secs, pe.mb) if pe.ok else NA,
             ratio(pe.secs, run.secs) if ok else NA,
             goal(">= 2x, less memory, modularity >= peer's",
                  None if r is None or q is None or qp is None else r >= 2 and run.mb < pe.mb and q >= qp),
             "; ".join([quality] + ([f"RSS peer/pg {pe.mb / run.mb:.1f}"] if ok else []) + notes))
    lb, keys = pick(times, r"^(load|read|pars|build|built|view|merge)")
    table.add(n, "b' load+build (timings)", cell(lb), cell(p_load), ratio(p_load, lb),
              goal(">= 5x", None if lb is None else p_load / lb >= 5),
              f"{source}: {'+'.join(keys)}" if keys else "needs --metrics and --timings")
    g, keys = pick(times, r"graphml")
    note = f"{source}: {'+'.join(keys)}" if keys else "needs --metrics"
    if g is None and pg_ok:
        run2, _, _ = pg_build(data, out + "-json", work, has, ["--metrics", METRICS, "--formats", "json"])
        if run2.ok:
            g, note = max(run.secs - run2.secs, 0.0), "pg: difference of a graphml and a json run"
    gp = pes.get("write_graphml")
    table.add(n, "c GraphML write", cell(g), cell(gp), ratio(gp, g),
              goal(">= 3x", None if g is None or gp is None else g == 0 or gp / g >= 3), note)
    table.add(*row_d)
    own, _ = pick(times, r"(^|[._ ])own($|[._ ])")
    ig, _ = pick(times, r"igraph")
    total, _ = pick(times, r"^(totals\.)?total$")
    denom = total or (own + ig if own is not None and ig is not None else None)
    share = own / denom if own is not None and denom else None
    over, _ = pick(times, r"(^|[._ ])overhead($|[._ ])")
    note = "of its total" if share is not None else "needs own/igraph totals in summary.json timings"
    if over is not None and denom:
        note += f"; without its distance pass (the overhead): {100 * over / denom:.0f}%"
    table.add(n, "e partygraph's own time", f"{100 * share:.0f}%" if share is not None else NA, "", "",
              goal("<= 15%", None if share is None else share <= 0.15), note)
    return counts(out) if run is not None and run.ok else None


def louvain_row(n, data, work, table):
    """(g) one Louvain run on the identical graph (the peer's merged edge
    list): the system's libigraph, which partygraph links, timed by
    louvain.c, against python-igraph's bundled igraph core."""
    prog, edges = os.path.join(work, "louvain"), os.path.join(work, "edges.txt")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "igraph"], stdout=subprocess.PIPE, text=True).stdout
    subprocess.run(["cc", "-O2", os.path.join(ROOT, "scripts", "bench", "louvain.c"), "-o", prog] + flags.split(),
                   check=True)
    subprocess.run([PY, PEER, "edgelist", data, edges], check=True, stdout=subprocess.DEVNULL)
    c, peer = Run([prog, edges, "42"], work), Run([PY, PEER, "louvain", edges, "42"], work)
    cs, ps = c.stages() if c.ok else {}, peer.stages() if peer.ok else {}
    os.remove(edges)
    table.add(n, "g Louvain alone, same graph", cell(cs.get("louvain")), cell(ps.get("louvain")),
              ratio(ps.get("louvain"), cs.get("louvain")), "",
              "pg column: the system libigraph partygraph links (louvain.c); modularity "
              f"{cs.get('modularity', 0):.4f} vs {ps.get('modularity', 0):.4f}")


def size_rows(n, work, has, table):
    """Rows a to e, g and the counts guard for one size; False when partygraph
    and the peer disagree on the graph."""
    data = generate(n, work)
    mb = os.path.getsize(data) / 1e6
    print(f"{n} parties: {mb:.0f} MB", file=sys.stderr)
    parse_row(n, data, mb, work, table)
    p_load, peer_counts = load_row(n, data, work, table)
    pg_counts = e2e_rows(n, data, work, has, table, p_load)
    if os.environ.get("LOUVAIN", "1") != "0":
        louvain_row(n, data, work, table)
    os.remove(data)
    agree = pg_counts is None or tuple(pg_counts) == peer_counts
    table.add(n, "nodes/edges", "/".join(map(str, pg_counts)) if pg_counts else NA, "/".join(map(str, peer_counts)),
              "", "", "needs --metrics" if pg_counts is None else ("agree" if agree else "DISAGREE: different work"))
    return agree


def betweenness_rows(n, work, has, table):
    """(f): exact betweenness (by hops: the distance pass) on 1 and 2
    threads, python-igraph for reference."""
    if not has["--jobs"]:
        table.add(n, "f betweenness 1, 2 cores", NA, NA, NA, goal(">= 1.8x", None), "needs --jobs")
        return
    data = generate(n, work)
    metric = ["--metrics", "betweenness"] if has["--metrics"] else []
    secs = []
    for cores in ("1", "2"):
        run, times, _ = pg_build(data, os.path.join(work, "out-b"), work, has,
                                 metric + ["--jobs", cores, "--threads", cores, "--formats", "json"])
        stage = sum(v for k, v in times.items() if re.search(r"(^|\.)(betweenness$|distance pass)", k)) or None
        secs.append((stage if stage is not None else run.secs) if run.ok else None)
    peer = Run([PY, PEER, "betweenness", data], work)
    p = peer.stages().get("betweenness") if peer.ok else None
    up = secs[0] / secs[1] if None not in secs and secs[1] else None
    table.add(n, "f betweenness 1, 2 cores", f"{cell(secs[0])}, {cell(secs[1])}", cell(p), ratio(p, secs[1]),
              goal(">= 1.8x", None if up is None else up >= 1.8),
              f"speed-up {up:.2f}x; the distance pass's stage; ratio: peer / 2 cores" if up else "")
    os.remove(data)


def median_run(cmd, work, times=5):
    """The median wall time of `times` runs of `cmd` (None when one fails),
    and the largest peak RSS."""
    runs = [Run(cmd, work) for _ in range(times)]
    if not all(r.ok for r in runs):
        return None, None
    return sorted(r.secs for r in runs)[times // 2], max(r.mb for r in runs)


def small_row(n, work, table):
    """(h): the full default `build` (every metric, the default communities,
    the layout, every default file) against the peer's whole script (every
    metric with exact betweenness and closeness, 10 Louvain runs, GraphML),
    medians of 5 runs."""
    data = generate(n, work)
    pg, pg_mb = median_run([PG, "build", "-q", data, "-o", os.path.join(work, "out-small")], work)
    peer, peer_mb = median_run([PY, PEER, "igraph", data, os.path.join(work, "peer-small.graphml")], work)
    r = peer / pg if pg and peer else None
    table.add(n, "h full default build", cell(pg, pg_mb) if pg else NA, cell(peer, peer_mb) if peer else NA,
              ratio(peer, pg) if r else NA, goal("<= 0.4 s, >= 2x", None if r is None else pg <= 0.4 and r >= 2),
              "medians of 5; pg also lays out and writes DOT, CSV, timeline; peer: peer.py igraph")
    os.remove(data)


def main():
    sys.stdout.reconfigure(line_buffering=True)
    if not all(a.isdigit() and int(a) >= 2 for a in sys.argv[1:]):
        sys.exit("usage: bench-scale.sh [N_PARTIES...] (each at least 2)")
    sizes = [int(a) for a in sys.argv[1:]] or [20000, 200000]
    helptext = subprocess.run([PG, "help", "build"], stdout=subprocess.PIPE, text=True).stdout
    has = {o: re.search(re.escape(o) + r"(?![\w-])", helptext) is not None
           for o in ("--timings", "--metrics", "--jobs", "--closeness-samples")}
    machine(has)
    table, agree = Table(), True
    work = tempfile.mkdtemp(prefix="pg-bench-")
    try:
        for n in sizes:
            agree = size_rows(n, work, has, table) and agree
        if os.environ.get("BETWEENNESS", "1") != "0":
            betweenness_rows(BETWEENNESS_SIZE, work, has, table)
        if os.environ.get("SMALL", "1") != "0":
            small_row(SMALL_SIZE, work, table)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table.print()
    if not agree:
        sys.exit("bench-scale: partygraph and python-igraph built different graphs (nodes/edges rows)")


if __name__ == "__main__":
    main()
