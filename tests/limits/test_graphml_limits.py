"""GraphML's hostile inputs (issue 14). Entities are never expanded: an
internal entity of 100 KB referenced 20,000 times is kept as written in
little memory, external entities and XInclude are neither fetched nor
dropped (a warning each), billion laughs and a gzip bomb are still refused,
and a file declaring entities keeps libxml2's 10 MB text limit. Out of
memory under `prlimit --as` (a sweep of limits) is exit 4 and one line,
whatever runs out. libxml2's two-line message about invalid UTF-8 is one
line. A name over 10 MB goes through build -> graph.graphml -> build whole.
The cases that were quadratic (many keys, many defaults) are checked for
their output at a size that takes about a second; their times are
scripts/bench-linear.sh's business, not a test's.

    /usr/bin/python3 tests/limits/test_graphml_limits.py BUILD/partygraph"""
import csv
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

GEN = os.path.join(pgtest.ROOT, "scripts", "bench", "gen_graphml_hostile.py")
csv.field_size_limit(1 << 28)


def guarded():
    """A cap on the address space of runs that must stay small (2 GB: the
    expansion this file is about took 7.8 GB), for builds that can take
    one; AddressSanitizer reserves terabytes up front."""
    return [] if pgtest.asan_build(BINARY) else ["prlimit", f"--as={2 << 30}"]


def run(*args, prefix=(), env=None):
    """Exit status, stderr lines and peak RSS (MB) of one partygraph run."""
    child = subprocess.Popen([*prefix, BINARY, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), err.splitlines(), usage.ru_maxrss / 1024


def generate(tmp, case, n):
    path = os.path.join(tmp, f"{case}-{n}.graphml")
    with open(path, "w") as f:
        subprocess.run([sys.executable, GEN, case, str(n)], stdout=f, check=True)
    return path


def nodes(out):
    """OUT/nodes.csv as {id: row}."""
    with open(os.path.join(out, "nodes.csv"), newline="", encoding="utf-8") as f:
        return {r["id"]: {k: pgtest.csv_text(v) for k, v in r.items()} for r in csv.DictReader(f)}


def ours(lines, path):
    """Every line is one of partygraph's, naming the file."""
    return all(line.startswith(f"partygraph: {path}") for line in lines)


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(text.encode() if isinstance(text, str) else text)
    return path


# ---- entities and XInclude -----------------------------------------------------------


def check_amplification(tap, tmp):
    path = generate(tmp, "entity", 20000)
    out = os.path.join(tmp, "amp-out")
    code, err, mb = run("build", "-q", "--formats", "csv", path, "-o", out, prefix=guarded())
    note = nodes(out)["a"].get("note") if code == 0 else None
    tap.check(code == 0 and note == "&e;" * 20000 and mb < 300,
              f"a 100 KB entity referenced 20,000 times: kept as written (&e; x 20,000), {mb:.0f} MB",
              f"exit {code}, note {len(note or '')} bytes: {err[:3]}")
    warned = [line for line in err if "&e;" in line]
    tap.check(code == 0 and len(err) == 1 and len(warned) == 1 and ours(err, path) and ": warning: " in err[0]
              and "kept as written" in err[0], "... with one warning line naming the entity", "\n".join(err))


EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE graphml [
<!ENTITY greet "hello">
<!ENTITY secret SYSTEM "SECRET">
<!ENTITY nodes "<node id='x'/><node id='y'/>">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xi="http://www.w3.org/2001/XInclude">
<key id="n" for="node" attr.name="note" attr.type="string"/>
<graph>
<xi:include href="SECRET" parse="xml"/>
&nodes;
<node id="a"><data key="n">A &greet; B &secret; C <xi:include href="SECRET" parse="text"/>D</data></node>
<node id="b"><data key="n">&greet;&greet;</data></node>
<node id="&greet;"/>
<edge source="a" target="b"/>
</graph>
</graphml>
"""


def check_external(tap, tmp):
    secret = write(tmp, "secret.txt", "TOP SECRET\n")
    path = write(tmp, "external.graphml", EXTERNAL.replace("SECRET", secret))
    out = os.path.join(tmp, "external-out")
    code, err, _ = run("build", "-q", "--formats", "csv,json", path, "-o", out)
    got = nodes(out) if code == 0 else {}
    notes = {k: v.get("note") for k, v in got.items()}
    tap.check(notes == {"a": "A &greet; B &secret; C D", "b": "&greet;&greet;", "greet": ""},
              "internal and external entity references in text kept as written; an XInclude in the text left out",
              f"exit {code}: {notes} {err}")
    tap.check(got.get("greet", {}).get("original_id") == "&greet;",
              "an entity reference in an attribute (a node id) kept as written", str(got.get("greet")))
    leaked = [f for f in os.listdir(out) if "TOP SECRET" in open(os.path.join(out, f)).read()] if code == 0 else []
    tap.check(code == 0 and not leaked and "x" not in got and "y" not in got,
              "nothing fetched (the external entity's and XInclude's file), nothing read from an entity's markup",
              f"{leaked} {sorted(got)}")
    wants = [r"warning: entity &greet; kept as written", r"warning: external entity &secret; kept as written",
             r"warning: entity &nodes; not expanded", r"warning: XInclude <include> ignored"]
    counts = [sum(1 for line in err if re.search(w, line)) for w in wants]
    tap.check(counts == [1, 1, 1, 1] and ours(err, path),
              "one warning line for each entity (naming it) and one for XInclude", "\n".join(err))


def laughs(attribute):
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    body = '<node id="&lol9;"/>' if attribute else \
        '<node id="a"><data key="n">&lol9;</data></node>'
    return ('<?xml version="1.0"?>\n<!DOCTYPE graphml [\n' + "\n".join(lol) + "\n]>\n"
            '<graphml><key id="n" for="node" attr.name="note"/><graph>\n' + body + "\n</graph></graphml>\n")


def check_refusals(tap, tmp):
    for attribute in (False, True):
        path = write(tmp, f"laughs-{attribute}.graphml", laughs(attribute))
        code, err, mb = run("validate", path, prefix=guarded())
        where = "an attribute" if attribute else "text"
        tap.check(code == 1 and ours(err, path) and "XML: Detected an entity reference loop" in err[0] and mb < 100,
                  f"billion laughs in {where}: refused (exit 1, libxml2's reason), {mb:.0f} MB", f"exit {code}: {err}")
    bomb = os.path.join(tmp, "bomb.graphml.gz")
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(b"<graphml><graph>")
        block = b" " * (1 << 20)
        for _ in range(256):
            f.write(block)
        f.write(b"</graph></graphml>")
    code, err, mb = run("validate", "--max-input-bytes", "16M", bomb)
    tap.check(code == 1 and err[:1] == [f"partygraph: {bomb}: input larger than the limit of 16777216 bytes once "
                                        "gunzipped (--max-input-bytes)"] and ours(err, bomb) and mb < 200,
              f"a GraphML gzip bomb (256 MB of spaces): refused at 16M gunzipped, {mb:.0f} MB", str(err))
    text = "x" * (11 << 20)
    path = write(tmp, "declared-huge.graphml", '<!DOCTYPE graphml [<!ENTITY e "e">]>\n<graphml><key id="n" '
                 f'for="node" attr.name="note"/><graph><node id="a"><data key="n">{text}</data></node>'
                 "</graph></graphml>")
    code, err, _ = run("validate", "-q", path)
    tap.check(code == 1 and len(err) == 2 and re.match(rf"partygraph: {re.escape(path)}:2:\d+: XML: .*huge text",
                                                        err[0]),
              "a file declaring entities keeps libxml2's limits: an 11 MB text node is refused", str(err)[:300])


# ---- messages, out of memory ------------------------------------------------------------


def check_utf8(tap, tmp):
    head = b'<graphml><graph><node id="a'
    text = head + b'\xc3B"/></graph></graphml>\n'
    path = write(tmp, "latin.graphml", text)
    code, err, _ = run("validate", path)
    at = len(head)
    shown = " ".join(f"0x{b:02X}" for b in text[at:at + 4])
    want = f"partygraph: {path}:1:{at + 1}: XML: Input is not proper UTF-8, indicate encoding ! Bytes: {shown}"
    tap.check(code == 1 and err[:1] == [want] and ours(err, path),
              "invalid UTF-8: libxml2's message and its Bytes: line on one line", "\n".join(err))


def limits():
    """Ways to run short of memory, from too little to enough: (how, the
    command's prefix and environment, a line of AddressSanitizer's to
    ignore). Address-space limits (prlimit --as, 256 KB apart from the
    lowest the libraries load in, found to 64 KB: a coarser grid could step
    over the window between loading and reading, which is 2 MB for a small
    file); under AddressSanitizer, which reserves terabytes of address
    space, its soft RSS limit instead (malloc then returns NULL; RSS is
    sampled, so where a run fails varies), 4 MB apart."""
    if pgtest.asan_build(BINARY):
        for mb in range(16, 400, 4):
            env = dict(os.environ, ASAN_OPTIONS=f"allocator_may_return_null=1:soft_rss_limit_mb={mb}")
            yield f"soft_rss_limit_mb={mb}", [], env, "AddressSanitizer: soft rss limit exhausted"
        return
    lowest = loading_limit()
    for limit in range(lowest, lowest + (400 << 20), 256 << 10):
        yield f"--as={limit >> 10}K", ["prlimit", f"--as={limit}"], None, None


def loading_limit():
    """The least address space (to 64 KB) in which `--version` runs: the
    libraries loaded, nothing read."""
    low, high = 1 << 20, 1 << 30  # fails, runs
    while high - low > 64 << 10:
        middle = (low + high) // 2
        if run("--version", prefix=["prlimit", f"--as={middle}"])[0] == 0:
            high = middle
        else:
            low = middle
    return high


def short_of_memory(code, err, out):
    """Exit 4 with one line (warnings given before aside) saying out of
    memory (the loader's names the file; igraph's says "Out of memory"),
    and no output directory left."""
    lines = [line for line in err if ": warning: " not in line]
    return code == 4 and len(lines) == 1 and lines[0].startswith("partygraph: ") and \
        "out of memory" in lines[0].lower() and not os.path.exists(out)


def sweep(tap, tmp, what, path, good):
    """Runs `build` on `path` with less and less memory short: each run
    either succeeds with `good(out)` true or is short_of_memory. Under
    AddressSanitizer `validate` (its strndup does not survive a NULL from
    malloc, and validate has none), whose success is its exit status."""
    bad, stages, successes, first = [], {}, 0, None
    asan = pgtest.asan_build(BINARY)
    for how, prefix, env, sanitizer in limits():
        out = os.path.join(tmp, "oom-out")
        shutil.rmtree(out, ignore_errors=True)
        args = ["validate", "-q", path] if asan else ["build", "-q", "--formats", "csv", path, "-o", out]
        code, err, _ = run(*args, prefix=prefix, env=env)
        err = [line for line in err if not (sanitizer and line.startswith("==") and sanitizer in line)]
        first = first or how
        if code == 0 and (asan or good(out)):
            successes += 1
        elif short_of_memory(code, err, out):
            stage = re.sub(r"\d+", "N", err[-1].replace(path, "FILE"))
            stages[stage] = stages.get(stage, 0) + 1
        else:
            bad.append(f"{how}: exit {code}: {err[:3]}")
        if successes == 2:
            break
    failures = sum(stages.values())
    # failures: how many limits fell between what the libraries need to load and what reading needs
    # (2 MB for the entities here, 40 MB for the text): one is enough
    tap.check(not bad and failures >= 1 and successes >= 1,
              f"{what}: every run with too little memory says out of memory in one line (exit 4), the others "
              f"succeed: {failures} failures from {first} up", "\n".join(map(str, bad)))
    for stage, n in sorted(stages.items()):
        print(f"#   {n} x {stage}")


def check_out_of_memory(tap, tmp):
    text = "x" * (8 << 20)
    path = write(tmp, "text8.graphml", '<graphml><key id="n" for="node" attr.name="note"/><graph><node id="a">'
                 f'<data key="n">{text}</data></node><node id="b"/><edge source="a" target="b"/></graph></graphml>')
    sweep(tap, tmp, "an 8 MB text node", path, lambda out: nodes(out)["a"].get("note") == text)
    what = "an entity referenced 20,000 times"
    if pgtest.asan_build(BINARY):  # read before AddressSanitizer's sampler looks at the RSS (every 100 ms)
        tap.skip(what + ": out of memory", "too fast for AddressSanitizer's soft RSS limit")
        return
    path = generate(tmp, "entity", 20000)
    sweep(tap, tmp, what, path, lambda out: nodes(out)["a"].get("note") == "&e;" * 20000)


# ---- a huge name read back -------------------------------------------------------------


def check_round_trip(tap, tmp):
    name = "N" * (11 << 20) + "é"
    data = write(tmp, "bigname.json", '{"format": "partygraph/1", "parties": [{"id": "a", "name": "' + name +
                 '"}, {"id": "b", "name": "B"}], "relations": [{"type": "contact", "source": "a", "target": "b"}]}')
    first, again = os.path.join(tmp, "rt1"), os.path.join(tmp, "rt2")
    code1, err1, _ = run("build", "-q", "--formats", "graphml", data, "-o", first)
    code2, err2, _ = run("build", "-q", "--formats", "csv", os.path.join(first, "graph.graphml"), "-o", again)
    labels = {k: v["label"] for k, v in nodes(again).items()} if code2 == 0 else {}
    tap.check(code1 == 0 and code2 == 0 and labels == {"a": name, "b": "B"},
              "an 11 MB name: build -> graph.graphml -> build gives it back whole",
              f"exit {code1}, {code2}: {(err1 + err2)[:3]}")


# ---- what was quadratic ---------------------------------------------------------------


def check_lookup(tap, tmp):
    path = generate(tmp, "lookup", 2000)
    out = os.path.join(tmp, "lookup-out")
    code, err, _ = run("build", "-q", "--formats", "csv", path, "-o", out)
    got = nodes(out) if code == 0 else {}
    wrong = [v for v, r in got.items() if (r["a1999"], r["a1998"]) != ("last", "next to last")]
    tap.check(code == 0 and len(got) == 20000 and not wrong,
              "2,000 keys, 20,000 nodes with <data> of the last two: every value under its key", f"{err[:2]} {wrong[:3]}")


def check_defaults(tap, tmp):
    path = generate(tmp, "defaults", 5000)
    out = os.path.join(tmp, "defaults-out")
    code, err, _ = run("build", "-q", "--formats", "csv", path, "-o", out)
    got = nodes(out) if code == 0 else {}
    want = {f"a{i}": f"d{i}" for i in range(200)}
    wrong = [v for v, r in got.items() if {k: r[k] for k in want} != dict(want, **({"a5": "x"} if v == "n0" else {}))]
    tap.check(code == 0 and len(got) == 5000 and not wrong,
              "200 keys with defaults, 5,000 nodes: each node has every default but the <data> it gives",
              f"{err[:2]} {wrong[:3]}")
    path = generate(tmp, "wide", 300)
    code, err, _ = run("build", "-q", "--formats", "csv", path, "-o", out + "-wide")
    got = nodes(out + "-wide") if code == 0 else {}
    wrong = [v for v, r in got.items() if any(r[f"a{i}"] != f"d{i}" for i in range(300))]
    tap.check(code == 0 and len(got) == 100 and not wrong, "300 keys with defaults, 100 nodes: every default",
              f"{err[:2]} {wrong[:3]}")


SHARED_NAME = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="k0" for="node" attr.name="z" attr.type="string"><default>first</default></key>
<key id="k1" for="all" attr.name="z" attr.type="string"><default>second</default></key>
<key id="k2" for="edge" attr.name="z" attr.type="string"><default>edges'</default></key>
<graph>
<node id="p"/>
<node id="q"><data key="k0">mine</data></node>
<node id="r"><data key="k1">one</data><data key="k0">two</data></node>
</graph>
</graphml>
"""


def check_names(tap, tmp):
    path = write(tmp, "shared.graphml", SHARED_NAME)
    out = os.path.join(tmp, "shared-out")
    code, err, _ = run("build", "-q", "--formats", "csv", path, "-o", out)
    got = {k: v["z"] for k, v in nodes(out).items()} if code == 0 else {}
    tap.check(got == {"p": "second", "q": "mine", "r": "two"},
              "keys sharing a name: the last node key's default, or the element's last <data> of that name",
              f"exit {code}: {got} {err}")
    path = write(tmp, "baddefault.graphml", '<graphml>\n<key id="s" for="node" attr.name="seats" attr.type="int">\n'
                 '<default>many</default></key>\n<graph><node id="a"/><node id="b"/></graph></graphml>\n')
    code, err, _ = run("validate", path)
    tap.check(code == 1 and err[:1] == [f'partygraph: {path}:3: graphml/key[0]/default: expected an integer (key '
                                        '"s" is an integer), got "many"'] and len(err) == 2,
              "a default not of its key's type: one error, at the key's <default>", "\n".join(err))


def main():
    global BINARY
    BINARY = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pggraphml-")
    try:
        check_amplification(tap, tmp)
        check_external(tap, tmp)
        check_refusals(tap, tmp)
        check_utf8(tap, tmp)
        check_round_trip(tap, tmp)
        check_lookup(tap, tmp)
        check_defaults(tap, tmp)
        check_names(tap, tmp)
        check_out_of_memory(tap, tmp)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
