"""Legible drawings (issue 17): scripts/picture-check counts
node-node, label-label and label-node overlaps in an SVG; first on SVGs
made here with known overlaps (so that it can fail), then on every way of
drawing that docs/outputs.md names (sfdp, neato -n, dot, neato on
graph.dot; partygraph render and build --formats svg, with the layout and
with sfdp's positions) for the bundled dataset and a 2,000-party synthetic one: every count is
zero. The labels are those of the pictures (the top --labels nodes on
PageRank, names cut to 32 characters); neato -n keeps the layout's
arrangement; directed ties keep their arrowheads.

    /usr/bin/python3 tests/outputs/test_legible.py BUILD/partygraph"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

CHECK = os.path.join(pgtest.ROOT, "scripts", "picture-check")
GEN = os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py")
BUNDLED = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
ROUTES = [["sfdp", "-Tsvg"], ["neato", "-n", "-Tsvg"], ["dot", "-Tsvg"], ["neato", "-Tsvg"]]
NS = {"svg": "http://www.w3.org/2000/svg"}
KINDS = ("countries", "parties", "mechanisms", "events", "persons")

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><g id="graph0" class="graph">\n')


def node(title, shape, *texts):
    """A node group as Graphviz writes it; texts are (x, y, anchor, size, text)."""
    out = f'<g class="node"><title>{title}</title><g><a xlink:title="{title}">{shape}'
    for x, y, anchor, size, s in texts:
        out += f'<text text-anchor="{anchor}" x="{x}" y="{y}" font-family="Helvetica,sans-Serif" font-size="{size}">{s}</text>'
    return out + "</a></g></g>\n"


def box(x0, y0, x1, y1, fill="#8dd3c7", stroke="#4d4d4d"):
    return f'<polygon fill="{fill}" stroke="{stroke}" points="{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1} {x0},{y0}"/>'


def diamond(cx, cy, r):
    return f'<polygon fill="#ffffb3" stroke="#4d4d4d" points="{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy} {cx},{cy - r}"/>'


def ellipse(cx, cy, rx, ry):
    return f'<ellipse fill="#bebada" stroke="#4d4d4d" cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}"/>'


# Each case: the nodes, and the counts (node-node, label-label, label-node)
# they hold by construction. Helvetica at 10 points: "M" 8.33 wide, so
# "MMMMMMMMMM" is 83 points; a line is 12 points high around its baseline.
CASES = {
    "clean": ([
        # shapes apart; each label inside, or overflowing, its own shape
        node("a", box(0, 0, 40, 20), (20, 14, "middle", 10, "A")),
        node("b", ellipse(100, 10, 10, 6), (100, 14, "middle", 10, "MMMMMMMMMM")),
        # diamonds whose boxes overlap, not their shapes
        node("c", diamond(0, 100, 20)), node("d", diamond(30, 130, 20)),
        # an xlabel beside its node, and an invisible plaintext shape over another node
        node("e", box(200, 0, 210, 10), (212, 9, "start", 10, "beside")),
        node("f", box(190, -5, 260, 15, fill="none", stroke="transparent")),
        # two boxes that touch
        node("g", box(300, 0, 320, 20)), node("h", box(320, 0, 340, 20)),
    ], (0, 0, 0)),
    "node-node": ([node("a", ellipse(0, 0, 20, 10)), node("b", ellipse(30, 0, 20, 10))], (1, 0, 0)),
    "label-label": ([
        node("a", box(0, 0, 10, 10), (5, -20, "middle", 10, "MMMMMMMMMM")),
        node("b", box(60, 0, 70, 10), (65, -20, "middle", 10, "MMMMMMMMMM")),
    ], (0, 1, 0)),
    "label-node": ([
        node("a", box(0, 0, 10, 10), (5, 9, "start", 10, "MMMMMMMMMM")),
        node("b", box(50, 0, 60, 10)),
    ], (0, 0, 1)),
    "all three": ([
        node("a", box(0, 0, 20, 20), (10, 14, "middle", 10, "MMMMMMMMMM")),
        node("b", box(15, 0, 35, 20), (25, 14, "middle", 10, "MMMMMMMMMM")),
    ], (1, 1, 2)),
}

COUNTS = re.compile(r"node-node (\d+), label-label (\d+), label-node (\d+)")


def picture_check(*args):
    """(exit status, (node-node, label-label, label-node) or None, output)."""
    proc = subprocess.run([sys.executable, CHECK, *args], capture_output=True, text=True)
    m = COUNTS.search(proc.stdout)
    return proc.returncode, tuple(map(int, m.groups())) if m else None, proc.stdout + proc.stderr


def check_tool(tap, tmp):
    for name, (nodes, expected) in CASES.items():
        path = os.path.join(tmp, name.replace(" ", "-") + ".svg")
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEAD + "".join(nodes) + "</g></svg>\n")
        rc, counts, out = picture_check(path)
        tap.check(counts == expected and rc == (1 if any(expected) else 0),
                  f"picture-check on a made SVG ({name}): counts {expected}, exit {1 if any(expected) else 0}", out)
    rc, _, out = picture_check("-v", os.path.join(tmp, "label-node.svg"))
    tap.check("label-node: a / b" in out, "picture-check -v names the offending pair (a's label over b)", out)
    rc, _, out = picture_check(os.path.join(tmp, "absent.svg"))
    tap.check(rc == 2, "picture-check exits 2 on a file it cannot read", out)


def draw(tap, route, dot, svg, what):
    """Runs a Graphviz route; True when it drew silently."""
    proc = subprocess.run([*route, dot, "-o", svg], capture_output=True, timeout=600)
    return tap.check(proc.returncode == 0 and proc.stderr == b"", f"{what}: {' '.join(route)} draws graph.dot silently",
                     proc.stderr.decode(errors="replace"))


def check_routes(tap, dot, tmp, what, skip=()):
    """Every route legible; returns {engine words: svg path}."""
    svgs = {}
    for route in ROUTES:
        key = " ".join(route[:-1])
        if key in dict(skip):
            tap.skip(f"{what}: {key} -Tsvg is legible", dict(skip)[key])
            continue
        svg = os.path.join(tmp, f"{what}-{key.replace(' ', '')}.svg")
        if draw(tap, route, dot, svg, what):
            rc, counts, out = picture_check("-v", svg)
            tap.check(rc == 0 and counts == (0, 0, 0), f"{what}: {key} -Tsvg is legible (no overlaps)", out)
            svgs[key] = svg
    return svgs


def labelled(svg):
    """{node title: its label's text} for the nodes with a label."""
    out = {}
    for g in ElementTree.parse(svg).getroot().iterfind(".//svg:g[@class='node']", NS):
        texts = ["".join(t.itertext()) for t in g.iterfind(".//svg:text", NS)]
        if any(texts):
            out[g.find("svg:title", NS).text] = "".join(texts)
    return out


def top_nodes(out, n):
    """The n nodes first on PageRank in nodes.csv (ties by id)."""
    rows = list(csv.DictReader(open(os.path.join(out, "nodes.csv"), encoding="utf-8")))
    return {r["id"] for r in sorted(rows, key=lambda r: (-float(r["pagerank"]), r["id"]))[:n]}


def cut(name):
    return name if len(name) <= 32 else name[:31] + "\u2026"


def check_labels(tap, binary, tmp, svg, out):
    data = json.load(open(BUNDLED, encoding="utf-8"))
    names = {e["id"]: e["name"] for kind in KINDS for e in data.get(kind, [])}
    got = labelled(svg)
    tap.check(set(got) == top_nodes(out, 30), "bundled: the labelled nodes are the 30 first on PageRank",
              sorted(set(got) ^ top_nodes(out, 30)))
    wrong = {i: t for i, t in got.items() if t != cut(names[i])}
    tap.check(not wrong, "bundled: each label is the name cut to 32 characters (31 and an ellipsis)", wrong)
    for option, expected in (("all", len(names)), ("none", 0), ("top:5", 5)):
        proc = pgtest.run(binary, "build", "-q", BUNDLED, "--labels", option, "--dot", "-")
        path = os.path.join(tmp, f"labels-{option.replace(':', '')}.svg")
        draw_proc = subprocess.run(["sfdp", "-Tsvg", "-o", path], input=proc.stdout, capture_output=True)
        count = len(labelled(path)) if draw_proc.returncode == 0 else None
        tap.check(count == expected, f"--labels {option}: sfdp draws {expected} labels", f"{count} labelled")


def check_arrangement(tap, dot):
    """neato -n moves nodes apart but keeps where they are relative to each other."""
    text = open(dot, encoding="utf-8").read()
    pos = {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r'^  "([A-Za-z0-9_-]+)" \[.*?pos="([-0-9.]+),([-0-9.]+)!"', text, re.M)}
    proc = subprocess.run(["neato", "-n", "-Tplain", dot], capture_output=True, text=True)
    drawn = {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r'^node "?([A-Za-z0-9_-]+)"? ([-0-9.e]+) ([-0-9.e]+) ', proc.stdout, re.M)}
    ids = sorted(set(pos) & set(drawn))
    rho = [pgtest.spearman([pos[i][k] for i in ids], [drawn[i][k] for i in ids]) for k in (0, 1)]
    tap.check(len(ids) == len(pos) > 0 and min(rho) >= 0.9,
              f"neato -n keeps the layout's arrangement (rank correlation of x, y: {rho[0]:.3f}, {rho[1]:.3f} >= 0.9)")


def check_arrows(tap, dot, svg):
    text = open(dot, encoding="utf-8").read()
    directed = len(re.findall(r"dir=(?:forward|both)", text))
    heads = sum(1 for g in ElementTree.parse(svg).getroot().iterfind(".//svg:g[@class='edge']", NS)
                if g.find(".//svg:polygon", NS) is not None)
    tap.check(directed > 0 and heads == directed, f"directed ties keep their arrowheads ({directed} in the DOT, {heads} drawn)")


def check_pictures(tap, binary, data, tmp, what):
    """partygraph's own pictures: render and build --formats svg (with the
    layout, and --layout none, where sfdp places the nodes), legible."""
    for words in (["render", "--format", "svg"], ["build", "--formats", "svg"],
                  ["build", "--formats", "svg", "--layout", "none"]):
        out = os.path.join(tmp, what.replace(",", "").replace(" ", "-") + "-" + "-".join(words).replace("--", ""))
        proc = pgtest.run(binary, words[0], "-q", data, "-o", out, *words[1:], check=False)
        svg = os.path.join(out, "graph.svg")
        rc, counts, text = picture_check("-v", svg) if proc.returncode == 0 else (None, None, proc.stderr)
        tap.check(rc == 0 and counts == (0, 0, 0), f"{what}: partygraph {' '.join(words)} is legible (no overlaps)", text)


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory() as tmp:
        check_tool(tap, tmp)
        missing = [e for e in ("sfdp", "neato", "dot") if shutil.which(e) is None]
        if missing:
            tap.skip("every Graphviz route is legible", f"{', '.join(missing)} not installed")
            tap.done()
        out = os.path.join(tmp, "bundled")
        pgtest.run(binary, "build", "-q", BUNDLED, "-o", out, "--formats", "dot,csv")
        dot = os.path.join(out, "graph.dot")
        svgs = check_routes(tap, dot, tmp, "bundled")
        if "sfdp" in svgs:
            check_labels(tap, binary, tmp, svgs["sfdp"], out)
            check_arrows(tap, dot, svgs["sfdp"])
        check_arrangement(tap, dot)
        check_pictures(tap, binary, BUNDLED, tmp, "bundled")
        synthetic = os.path.join(tmp, "synthetic.json")
        with open(synthetic, "wb") as f:
            subprocess.run([sys.executable, GEN, "2000"], stdout=f, check=True)
        out = os.path.join(tmp, "synthetic")
        pgtest.run(binary, "build", "-q", synthetic, "-o", out, "--formats", "dot")
        check_pictures(tap, binary, synthetic, tmp, "2,000 parties")
        check_routes(tap, os.path.join(out, "graph.dot"), tmp, "2,000 parties",
                     skip=[("dot", "dot's network simplex takes over 10 minutes on its 3,200 nodes and 21,828 "
                                   "edges (docs/outputs.md: dot is for small graphs)")])
        check_large(tap, binary, tmp)
    tap.done()


def check_large(tap, binary, tmp):
    """20,000 synthetic parties (30,200 nodes, 220,000 edges): neato -n on
    graph.dot and partygraph's SVG legible, the picture within 200 inches
    a side. Only degree and PageRank, one community run: the drawing does
    not depend on the other metrics, which take minutes here."""
    if pgtest.asan_build(binary):
        tap.skip("20,000 parties: graph.dot and graph.svg legible, at most 200 inches a side",
                 "minutes under AddressSanitizer; the release build checks it")
        return
    synthetic = os.path.join(tmp, "large.json")
    with open(synthetic, "wb") as f:
        subprocess.run([sys.executable, GEN, "20000"], stdout=f, check=True)
    out = os.path.join(tmp, "large")
    pgtest.run(binary, "build", "-q", synthetic, "-o", out, "--formats", "dot,svg", "--metrics", "degree,pagerank",
               "--restarts", "1")
    check_routes(tap, os.path.join(out, "graph.dot"), tmp, "20,000 parties",
                 skip=[("sfdp", "sfdp needs -Goverlap=prism beyond 5,000 nodes (docs/outputs.md), minutes here"),
                       ("dot", "dot is for small graphs"), ("neato", "neato is for up to a few thousand nodes")])
    svg = os.path.join(out, "graph.svg")
    rc, counts, text = picture_check("-v", svg)
    tap.check(rc == 0 and counts == (0, 0, 0), "20,000 parties: partygraph's graph.svg is legible (no overlaps)", text)
    root = ElementTree.parse(svg).getroot()
    sides = [float(root.get(k).removesuffix("pt")) for k in ("width", "height")]
    tap.check(max(sides) <= 14400.5, f"20,000 parties: the picture is at most 200 inches a side ({sides} points)")


if __name__ == "__main__":
    main()
