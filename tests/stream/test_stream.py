"""The streaming loader on files larger than its chunks, read from a
file, a gzip file (compressed here by Python's zlib), standard input and
gzip through standard input: the same nodes and edges every way, and as
many as Python's own json module finds; the line:column of problems
computed here from the text.

Usage: test_stream.py PARTYGRAPH"""
import gzip
import json
import os
import random
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from pgtest import Tap, read_csv, run  # noqa: E402

BINARY = sys.argv[1]
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="pgstream-")


def dataset(parties, per_party, seed):
    """A dataset of a few countries, `parties` parties (names with
    escapes and characters outside the BMP), events and 2 * `per_party`
    relations per party: many elements, a small graph (fast metrics)."""
    rng = random.Random(seed)
    countries = [{"id": f"C{i:03d}", "name": f"Country {i} \u00e9\U0001F600", "region": rng.choice(["Asia", "Europe"])}
                 for i in range(20)]
    party = [{"id": f"p{i}", "name": f"Party \"{i}\"\t\u4e2d", "country": rng.choice(countries)["id"],
              "ruling": rng.random() < 0.2, "seats": rng.randint(0, 500), "share": rng.random() * 1e-3,
              "tags": ["a", 1, True]} for i in range(parties)]
    events = [{"id": f"e{i}", "name": f"Event {i}", "date": f"{2000 + i % 20}-{1 + i % 12:02d}",
               "country": rng.choice(countries)["id"]} for i in range(parties // 4)]
    relations = []
    for i in range(parties * per_party):
        a, b = rng.sample(party, 2)
        relations.append({"type": "contact", "source": a["id"], "target": b["id"], "weight": rng.randint(1, 5)})
        relations.append({"type": "attended", "source": a["id"], "target": rng.choice(events)["id"]})
    return {"format": "partygraph/1", "title": "stream test", "countries": countries, "parties": party,
            "events": events, "relations": relations}


def write(name, data):
    path = os.path.join(tmp.name, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def outputs(args, stdin=None):
    """nodes.csv and edges.csv of `build` (bytes), or the failure."""
    out = os.path.join(tmp.name, "out")
    proc = run(BINARY, "build", "-q", "--formats", "csv", "-o", out, *args, stdin=stdin, check=False)
    if proc.returncode != 0:
        return proc.stderr.decode(errors="replace")
    with open(os.path.join(out, "nodes.csv"), "rb") as a, open(os.path.join(out, "edges.csv"), "rb") as b:
        return a.read(), b.read()


def position(text, offset):
    """1-based line and column (in characters) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# ---- the same graph from every kind of input --------------------------

data = dataset(400, 24, 1)
styles = {
    "compact": json.dumps(data, separators=(",", ":"), ensure_ascii=False),
    "indented": json.dumps(data, indent=2, ensure_ascii=True),
    "sorted keys, BOM": "\ufeff" + json.dumps(data, indent="\t", sort_keys=True, ensure_ascii=False),
}
for style, text in styles.items():
    raw = text.encode("utf-8")
    plain = write("d.json", raw)
    packed = write("d.json.gz", gzip.compress(raw))
    want = outputs([plain])
    ok = isinstance(want, tuple)
    t.check(ok and len(raw) > 1 << 20, f"{style}: a {len(raw) / 1e6:.1f} MB file (more than one read) loads",
            want if not ok else "")
    if not ok:
        continue
    nodes, edges = read_csv(os.path.join(tmp.name, "out", "nodes.csv")), read_csv(os.path.join(tmp.name, "out", "edges.csv"))
    ids = {e["id"] for k in ("countries", "parties", "events") for e in data[k]}
    pairs = {tuple(sorted((r["source"], r["target"]))) for r in data["relations"]}
    pairs |= {tuple(sorted((e["id"], e["country"]))) for k in ("parties", "events") for e in data[k]}  # implied
    t.check({n["id"] for n in nodes} == ids and len(edges) == len(pairs),
            f"{style}: every entity is a node and every pair of endpoints an edge (Python's json as the oracle)",
            f"{len(nodes)} nodes, {len(edges)} edges; want {len(ids)}, {len(pairs)}")
    t.check(outputs([packed]) == want, f"{style}: the same nodes.csv and edges.csv from the gzip file")
    t.check(outputs(["-"], stdin=raw) == want, f"{style}: the same from standard input")
    t.check(outputs(["-"], stdin=gzip.compress(raw)) == want, f"{style}: the same from gzip through standard input")

# ---- where problems are ----------------------------------------------

k = 345
for style in ("indented", "compact"):  # many lines; one line of a megabyte with characters of 2 to 4 bytes
    text = styles[style]
    key = '"id": "p%d"' if style == "indented" else '"id":"p%d"'
    start = text.rindex("{", 0, text.index(key % k))
    ruling = '"ruling": ' if style == "indented" else '"ruling":'
    bad = text[:start] + text[start:].replace(ruling, ruling + '"yes", "extra": ', 1)
    path = write("bad.json", bad.encode("utf-8"))
    proc = run(BINARY, "validate", path, check=False)
    line, col = position(bad, bad.index('"yes"', start))
    want = f"partygraph: {path}:{line}:{col}: $.parties[{k}].ruling: expected true or false, got a string (\"yes\")"
    t.check(proc.returncode == 1 and proc.stderr.decode().startswith(want + "\n"),
            f"{style}: a schema error far into a file: the line:column of the offending value",
            proc.stderr.decode() + "\nwant: " + want)
text = styles["indented"]
proc_gz = run(BINARY, "validate", "-", stdin=gzip.compress(bad.encode("utf-8")), check=False)
t.check(proc_gz.stderr.decode().replace("<stdin>", path) == proc.stderr.decode(),
        "the same problems from gzip through standard input")

rng = random.Random(7)
cuts = sorted(rng.sample(range(len(text) // 2, len(text)), 12))
wrong = []
for cut in cuts:
    while text[cut - 1].isalpha():  # inside true, false or null the error is where the word starts
        cut -= 1
    piece = text[:cut]
    path = write("cut.json", piece.encode("utf-8"))
    proc = run(BINARY, "validate", path, check=False)
    line, col = position(piece, len(piece))
    if not re.search(rf"^partygraph: {re.escape(path)}:{line}:{col}: unexpected end of input", proc.stderr.decode(), re.M):
        wrong.append(f"cut at {cut}: {proc.stderr.decode().strip()} (want {line}:{col})")
t.check(not wrong, "a file cut anywhere: the error is at its end, line:column counted here", "\n".join(wrong))

packed = gzip.compress(text.encode("utf-8"))
path = write("cut.json.gz", packed[: len(packed) // 2])
proc = run(BINARY, "validate", path, check=False)
t.check(proc.returncode == 3 and "cut.json.gz" in proc.stderr.decode() and proc.stderr.count(b"\n") == 1,
        "a truncated gzip file: one read error, exit 3, no problem of the part read", proc.stderr.decode())

t.done()
