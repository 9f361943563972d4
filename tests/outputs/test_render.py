"""The pictures: `partygraph render` and `build --formats svg,png,pdf`,
drawn with Graphviz's library. The SVG is read with ElementTree and
checked against nodes.csv (ids, labels, tooltips), the PNG's header (its
size: the SVG's at 96 dpi, a longer side of at most 4,000 pixels) and the
PDF's cross-reference table are read byte by byte; runs repeat exactly;
Graphviz's failures are reported, not printed.

    /usr/bin/python3 tests/outputs/test_render.py BUILD/partygraph"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from xml.etree import ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

DATASETS = ["examples/cpc-interparty.json", "examples/minimal.json", "tests/data/hostile.json"]
PICTURES = ["graph.pdf", "graph.png", "graph.svg"]
NS = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
TITLE = "{http://www.w3.org/1999/xlink}title"
LABEL_CHARS = 32  # README: a label has at most 32 characters, a longer name its first 31 and an ellipsis
PNG_MAX_SIDE = 4000  # README: a PNG's longer side is at most 4,000 pixels


def xml_text(s):
    """As test_outputs.py: control characters XML 1.0 cannot carry read
    back as U+FFFD."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def label_lines(name):
    """A name as the SVG's label lines must show it (README): longer than 32
    characters, its first 31 and an ellipsis; line breaks as lines, tabs as
    spaces."""
    if len(name) > LABEL_CHARS:
        name = name[:LABEL_CHARS - 1] + "\u2026"
    name = name.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return [line for line in xml_text(name).split("\n") if line]


def tooltip(name, kind):
    """The tooltip as an XML reader gives it back: exact, but a literal tab
    in an attribute value is normalised to a space (XML 1.0, 3.3.3)."""
    return xml_text(name).replace("\t", " ") + f" ({kind})"


def render(binary, path, out, *extra, **kw):
    return pgtest.run(binary, "render", path, "-o", out, *extra, check=False, **kw)


def node_groups(svg_bytes):
    """(graph node groups, legend groups, the root graph group) of an SVG."""
    root = ElementTree.fromstring(svg_bytes)
    graph = root.find("svg:g[@class='graph']", NS)
    nodes, legend = [], []
    for g in graph.iterfind("svg:g", NS):
        classes = (g.get("class") or "").split()
        if "legend" in classes:
            legend.append(g)
        elif "node" in classes:
            nodes.append(g)
    return nodes, legend, graph


def texts(group):
    return [t.text or "" for t in group.iterfind(".//svg:text", NS)]


def title_of(group):
    return group.find("svg:title", NS).text


def xs(group):
    """The x coordinates of a group's shapes (ellipses, polygons)."""
    out = []
    for e in group.iterfind(".//svg:ellipse", NS):
        cx, rx = float(e.get("cx")), float(e.get("rx"))
        out += [cx - rx, cx + rx]
    for p in group.iterfind(".//svg:polygon", NS):
        out += [float(pt.split(",")[0]) for pt in p.get("points").split()]
    return out


def png_size(data):
    """Width and height from the IHDR chunk, or None when it is no PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def pdf_problems(data):
    """What is wrong with the PDF's cross-reference table: every in-use
    entry must point at "N G obj" for its own object number N."""
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        return "no %PDF- header or %%EOF trailer"
    start = int(re.search(rb"startxref\s+(\d+)", data[-64:]).group(1))
    m = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", data[start:])
    if not m:
        return f"no xref table at {start}"
    first, count = int(m.group(1)), int(m.group(2))
    at = start + m.end()
    bad = []
    for i in range(count):
        offset, gen, use = data[at + 20 * i: at + 20 * i + 18].split()
        if use == b"n" and not data[int(offset):].startswith(b"%d %d obj" % (first + i, int(gen))):
            bad.append(first + i)
    return f"objects {bad[:5]} are not where the xref says" if bad else ""


def check_svg(tap, name, svg, dataset, rows, label_top=30):
    nodes, legend, graph = node_groups(svg)
    ids = sorted(r["id"] for r in rows)
    titles = [title_of(g) for g in nodes]
    tap.check(sorted(titles) == ids, f"{name}: the SVG's node groups are titled with exactly the ids of nodes.csv",
              set(ids) ^ set(titles))
    labelled = [g for g in nodes if any(t.strip() for t in texts(g))]
    want = len(rows) if label_top < 0 else min(label_top, len(rows))
    tap.check(len(labelled) == want, f"{name}: {len(labelled)} labelled nodes, expected {want}")
    legend_text = " ".join(t for g in legend for t in texts(g))
    ok = all((g.get("id") or "").startswith("legend-") for g in legend) and "kinds" in legend_text \
        and "communities" in legend_text
    tap.check(ok and len(legend) > 4, f"{name}: the legend's groups (class legend, id legend-N) list kinds and communities",
              legend_text[:300])
    right = max((x for g in nodes for x in xs(g)), default=0)
    left = min(x for g in legend for x in xs(g) + [float(t.get("x")) for t in g.iterfind(".//svg:text", NS)])
    tap.check(left > right, f"{name}: the legend lies right of every node ({left:.1f} > {right:.1f})")
    heading = "\n".join(t.text or "" for t in graph.findall("svg:text", NS))
    title = dataset.get("title", "")
    tap.check(all(line in heading for line in label_lines(title)) if len(title) <= LABEL_CHARS else title[:20] in heading,
              f"{name}: the picture's title names the dataset", heading)
    return nodes


def check_names(tap, name, nodes, dataset, kinds):
    """Every name literally in its node's tooltip and (all labelled) label."""
    names = {e["id"]: e["name"] for k in ("countries", "parties", "mechanisms", "events", "persons") for e in dataset.get(k, [])}
    wrong_tip, wrong_label = [], []
    for g in nodes:
        i = title_of(g)
        a = g.find(".//svg:a", NS)
        if a is None or a.get(TITLE) != tooltip(names[i], kinds[i]):
            wrong_tip.append((i, a.get(TITLE) if a is not None else None))
        if [t for t in texts(g) if t] != label_lines(names[i]):
            wrong_label.append((i, texts(g)))
    tap.check(not wrong_tip, f"{name}: every name reads back exactly from its tooltip", wrong_tip[:5])
    tap.check(not wrong_label, f"{name}: every label shows its name (longer than 32 characters: its first 31 and "
              "an ellipsis)", wrong_label[:5])


def svg_points(svg_bytes):
    """The SVG's width and height in points."""
    root = ElementTree.fromstring(svg_bytes)
    return tuple(float(root.get(a).rstrip("pt")) for a in ("width", "height"))


def check_binaries(tap, name, out):
    png = open(os.path.join(out, "graph.png"), "rb").read()
    size = png_size(png)
    width, height = svg_points(open(os.path.join(out, "graph.svg"), "rb").read())
    expect = (width * 96 / 72, height * 96 / 72)  # small drawings: 96 dpi, not scaled
    tap.check(size is not None and max(expect) <= PNG_MAX_SIDE and all(abs(a - b) <= 2 for a, b in zip(size, expect)),
              f"{name}: graph.png is the SVG's drawing at 96 dpi, {size}", f"expected about {expect}")
    pdf = open(os.path.join(out, "graph.pdf"), "rb").read()
    problem = pdf_problems(pdf)
    tap.check(not problem and b"/CreationDate" not in pdf, f"{name}: graph.pdf is a PDF with a sound xref table and no date",
              problem)


def check_dataset(tap, binary, path, tmp):
    name = os.path.basename(path)
    out = os.path.join(tmp, name + ".render")
    proc = render(binary, path, out, "--format", "svg,png,pdf")
    listed = proc.stdout.decode().split()
    tap.check(proc.returncode == 0 and sorted(os.listdir(out)) == PICTURES and proc.stderr == b""
              and listed == [os.path.join(out, f) for f in ("graph.svg", "graph.png", "graph.pdf")],
              f"{name}: render writes and lists graph.svg, graph.png, graph.pdf, silently", proc.stderr.decode())
    if proc.returncode != 0:
        return
    built = os.path.join(tmp, name + ".build")
    pgtest.run(binary, "build", "-q", path, "-o", built, "--formats", "csv,svg,png,pdf")
    rows = pgtest.read_csv(os.path.join(built, "nodes.csv"))
    dataset = pgtest.read_json(path)
    svg = open(os.path.join(out, "graph.svg"), "rb").read()
    nodes = check_svg(tap, name, svg, dataset, rows)
    check_binaries(tap, name, out)
    same = all(open(os.path.join(out, f), "rb").read() == open(os.path.join(built, f), "rb").read() for f in PICTURES)
    tap.check(same, f"{name}: build --formats svg,png,pdf writes the same bytes as render")
    again = os.path.join(tmp, name + ".again")
    render(binary, path, again, "--format", "svg,png,pdf")
    same = all(open(os.path.join(out, f), "rb").read() == open(os.path.join(again, f), "rb").read() for f in PICTURES)
    tap.check(same, f"{name}: a second run writes byte-identical pictures")
    if name == "cpc-interparty.json":
        committed = open("examples/cpc-interparty.svg", "rb").read()
        titles = sorted(title_of(g) for g in node_groups(committed)[0])
        size = png_size(open("examples/cpc-interparty.png", "rb").read())
        tap.check(titles == sorted(r["id"] for r in rows) and size is not None,
                  "examples/cpc-interparty.svg and .png draw the bundled dataset's network (scripts/render-example.sh)")
    if name == "hostile.json":
        out = os.path.join(tmp, name + ".all")
        render(binary, path, out, "--labels", "all")
        nodes = check_svg(tap, name + " --labels all", open(os.path.join(out, "graph.svg"), "rb").read(), dataset, rows, -1)
        check_names(tap, name, nodes, dataset, {r["id"]: r["kind"] for r in rows})


def check_labels(tap, binary, tmp):
    """top:5 labels exactly the five first on PageRank (nodes.csv); all; none."""
    path = "examples/cpc-interparty.json"
    built = os.path.join(tmp, "labels.build")
    pgtest.run(binary, "build", "-q", path, "-o", built, "--formats", "csv")
    rows = pgtest.read_csv(os.path.join(built, "nodes.csv"))
    dataset = pgtest.read_json(path)
    top5 = {r["id"] for r in sorted(rows, key=lambda r: (-float(r["pagerank"]), r["id"].encode()))[:5]}
    for option, top in (("top:5", 5), ("all", -1), ("none", 0)):
        out = os.path.join(tmp, "labels-" + option.replace(":", ""))
        proc = render(binary, path, out, "--labels", option)
        if not tap.check(proc.returncode == 0, f"--labels {option}: render succeeds", proc.stderr.decode()):
            continue
        nodes = check_svg(tap, f"--labels {option}", open(os.path.join(out, "graph.svg"), "rb").read(), dataset, rows, top)
        if top == 5:
            got = {title_of(g) for g in nodes if any(t.strip() for t in texts(g))}
            tap.check(got == top5, "--labels top:5: the five labelled are the first five on PageRank", got ^ top5)


def check_window_and_layouts(tap, binary, tmp):
    path = "examples/cpc-interparty.json"
    out = os.path.join(tmp, "window")
    proc = render(binary, path, out, "--from", "2017", "--to", "2019-06", "--view", "parties")
    heading = ""
    if proc.returncode == 0:
        _, _, graph = node_groups(open(os.path.join(out, "graph.svg"), "rb").read())
        heading = " ".join(t.text or "" for t in graph.findall("svg:text", NS))
    tap.check("2017-01-01 to 2019-06-30" in heading and "parties view" in heading
              and "Communist Party of China" in heading, "--from/--to: the title gives the view and the date window",
              heading or proc.stderr.decode())
    out = os.path.join(tmp, "sfdp")
    proc = render(binary, path, out, "--layout", "none", "--format", "svg,png")
    built = os.path.join(tmp, "sfdp.build")
    pgtest.run(binary, "build", "-q", path, "-o", built, "--formats", "csv", "--layout", "none")
    if tap.check(proc.returncode == 0, "--layout none: render lays the graph out with sfdp", proc.stderr.decode()):
        rows = pgtest.read_csv(os.path.join(built, "nodes.csv"))
        check_svg(tap, "--layout none", open(os.path.join(out, "graph.svg"), "rb").read(), pgtest.read_json(path), rows)
        again = os.path.join(tmp, "sfdp.again")
        render(binary, path, again, "--layout", "none")
        tap.check(open(os.path.join(out, "graph.svg"), "rb").read() == open(os.path.join(again, "graph.svg"), "rb").read(),
                  "--layout none: sfdp's picture repeats exactly")


def check_small(tap, binary, tmp):
    """A view with no node, and an untitled one-node dataset, still draw."""
    out = os.path.join(tmp, "empty")
    proc = render(binary, "examples/cpc-interparty.json", out, "--where", "region=Nowhere", "--format", "svg,png,pdf")
    nodes, legend = node_groups(open(os.path.join(out, "graph.svg"), "rb").read())[:2] if proc.returncode == 0 else ([], [])
    tap.check(proc.returncode == 0 and not nodes and legend, "a view without nodes: a picture with a title and a legend",
              proc.stderr.decode())
    path = os.path.join(tmp, "one.json")
    with open(path, "w") as f:
        f.write('{"format": "partygraph/1", "parties": [{"id": "a", "name": "A"}]}')
    out = os.path.join(tmp, "one")
    proc = render(binary, path, out)
    heading = ""
    if proc.returncode == 0:
        _, _, graph = node_groups(open(os.path.join(out, "graph.svg"), "rb").read())
        heading = " ".join(t.text or "" for t in graph.findall("svg:text", NS))
    tap.check(heading.startswith("one.json full view, 1 node, 0 edges"),
              "an untitled dataset: the title is the input's base name", heading or proc.stderr.decode())


def check_failures(tap, binary, tmp):
    """Graphviz's errors come back as one message and exit 4, nothing
    written; bad --format values are usage errors."""
    out = os.path.join(tmp, "no-plugins")
    env = dict(os.environ, GVBINDIR=os.path.join(tmp, "no-such-dir"))
    proc = render(binary, "examples/minimal.json", out, env=env)
    err = proc.stderr.decode()
    tap.check(proc.returncode == 4 and err.startswith("partygraph: Graphviz") and err.count("\n") == 1
              and not os.path.exists(out), "without Graphviz's plugins: one line naming Graphviz's error, exit 4, no files",
              f"exit {proc.returncode}: {err}")
    for bad in ("graphml", "svg,jpg", ""):
        proc = render(binary, "examples/minimal.json", os.path.join(tmp, "bad"), "--format", bad)
        tap.check(proc.returncode == 2 and b"--format must be a list of svg, png, pdf" in proc.stderr,
                  f"--format '{bad}': a usage error", proc.stderr.decode())


def check_large(tap, binary, tmp):
    """A 2,150-node synthetic network drawn (no timing assertion): the SVG
    keeps its size in points, the PNG is that drawing scaled down to a
    longer side of 4,000 pixels (96 dpi would make it larger), its other
    side in the SVG's proportion: with sfdp's positions too, each picture
    is drawn afresh (README), so the PNG shows the SVG's layout."""
    path = os.path.join(tmp, "synthetic-1300.json")
    with open(path, "wb") as f:
        f.write(subprocess.run([sys.executable, "scripts/bench/gen_dataset.py", "1300"], check=True,
                               stdout=subprocess.PIPE).stdout)
    dataset = pgtest.read_json(path)
    want = sum(len(dataset.get(k, [])) for k in ("countries", "parties", "mechanisms", "events", "persons"))
    for layout in ("none", "auto"):
        out = os.path.join(tmp, "large-" + layout)
        started = time.monotonic()
        proc = render(binary, path, out, "-q", "--layout", layout, "--format", "svg,png")
        seconds = time.monotonic() - started
        svg = open(os.path.join(out, "graph.svg"), "rb").read() if proc.returncode == 0 else b""
        nodes = node_groups(svg)[0] if svg else []
        size = png_size(open(os.path.join(out, "graph.png"), "rb").read()) if svg else None
        tap.check(proc.returncode == 0 and len(nodes) == want and size,
                  f"synthetic 1300 parties ({want} nodes), --layout {layout}: drawn", proc.stderr.decode())
        print(f"# synthetic 1300 parties, --layout {layout}: analysed and drawn (svg, png) in {seconds:.1f} s")
        if not size:
            continue
        width, height = svg_points(svg)
        longer = 0 if width >= height else 1
        other = PNG_MAX_SIDE * min(width, height) / max(width, height)
        tap.check(max(width, height) * 96 / 72 > PNG_MAX_SIDE and abs(size[longer] - PNG_MAX_SIDE) <= 2
                  and abs(size[1 - longer] - other) <= 2,
                  f"--layout {layout}: the {width:.0f} x {height:.0f} pt drawing is a PNG of {size[0]} x {size[1]} "
                  f"pixels, its longer side scaled to {PNG_MAX_SIDE}, the other in proportion ({other:.0f})")


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    # the sanitizer build: what fontconfig loses itself (graphviz.lsan) is not ours
    os.environ["LSAN_OPTIONS"] = f"suppressions={os.path.abspath('tests/outputs/graphviz.lsan')}:print_suppressions=0"
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory(prefix="pgrender-") as tmp:
        for path in DATASETS:
            check_dataset(tap, binary, path, tmp)
        check_labels(tap, binary, tmp)
        check_window_and_layouts(tap, binary, tmp)
        check_small(tap, binary, tmp)
        check_failures(tap, binary, tmp)
        check_large(tap, binary, tmp)
    tap.done()


if __name__ == "__main__":
    main()
