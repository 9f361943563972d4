"""report.html in its real consumer: each page is loaded in headless
Chromium (Debian's `chromium`) and the DOM it holds after the script ran
(--dump-dom) is compared with nodes.csv, edges.csv, summary.json and
graph.graphml of the same build: the drawing, the tables, the search and
the sort, the selection of a node, the kinds hidden and the network as of
a date (driven through the URL fragment, #search=TEXT, #sort=COLUMN&desc,
#select=ID, #hide=KIND,KIND, #asof=YYYY-MM-DD), and every hostile name
given back literally. The file itself must reference nothing outside it
but plain <a> links. (Its legibility: tests/outputs/test_report_legible.py.)

    /usr/bin/python3 tests/outputs/test_html.py BUILD/partygraph"""
from html.parser import HTMLParser
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from urllib.parse import quote

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402
import test_timeline  # noqa: E402  (the timeline's and the claims' rules, written out again)

CHROMIUM = "/usr/bin/chromium"
# dataset, a piece of some names to search for
DATASETS = [("examples/cpc-interparty.json", "socialist"), ("examples/minimal.json", "PARTY"),
            ("tests/data/hostile.json", '"<&>"')]
# names that would end a <script> element or a comment if written raw
BREAKOUT = {
    "format": "partygraph/1", "title": "</title><script>document.title='pwned'</script>",
    "parties": [{"id": "a", "name": "</script><script>document.documentElement.setAttribute('data-pwned','1')</script>"},
                {"id": "b", "name": "<!-- <script> -->"}, {"id": "c", "name": "line\u2028sep\u2029para & <b>bold</b>"},
                {"id": "d", "name": "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"}],
    "relations": [{"type": "contact", "source": "a", "target": "b"}, {"type": "contact", "source": "b", "target": "c"},
                  {"type": "contact", "source": "c", "target": "d"}],
}
# ColorBrewer Set3, the documented community colours (white beyond 12)
SET3 = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd",
        "#ccebc5", "#ffed6f"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def all(self, test=lambda e: True):
        for c in self.children:
            if isinstance(c, Element):
                if test(c):
                    yield c
                yield from c.all(test)

    def first(self, test):
        return next(self.all(test), None)


class Tree(HTMLParser):
    """A document tree from html.parser (no HTML library on the system)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.stack = [self.root]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        e = Element(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(e)
        if tag not in VOID:
            self.stack.append(e)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs, self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def by_id(tree, ident):
    return tree.root.first(lambda e: e.attrs.get("id") == ident)


def dump(page, fragment, profile):
    """The DOM of `page` after its script ran, as Chromium serialises it."""
    url = pathlib.Path(page).as_uri() + ("#" + fragment if fragment else "")
    proc = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={profile}", "--dump-dom", url], capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"chromium exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    return Tree(proc.stdout.decode("utf-8"))


def check_static(tap, name, text):
    """Nothing outside the file: no src, no stylesheet link, no url() or
    @import, href only on <a>; two scripts, both inline."""
    tree = Tree(text)
    outside = [(e.tag, a) for e in tree.root.all() for a in e.attrs
               if a == "src" or a == "srcset" or (a in ("href", "xlink:href") and e.tag != "a")]
    scripts = [e for e in tree.root.all(lambda e: e.tag == "script")]
    styles = "".join(e.text() for e in tree.root.all(lambda e: e.tag == "style"))
    ok = (not outside and not tree.root.first(lambda e: e.tag == "link") and "url(" not in styles
          and "@import" not in styles and len(scripts) == 2 and scripts[0].attrs.get("type") == "application/json")
    tap.check(ok, f"{name}: self-contained (no src, no <link>, no url() or @import; two inline scripts)",
              f"{outside} {len(scripts)} scripts")
    try:
        return json.loads(scripts[0].text())
    except (IndexError, ValueError):
        return {"nodes": []}


def xml_text(s):
    """A name as markup carries it: the control characters XML 1.0 cannot
    carry become U+FFFD (GraphML's documented rule)."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def node_centre(e):
    """The centre of a node's shape, from its own attributes."""
    if e.tag == "circle":
        return float(e.attrs["cx"]), float(e.attrs["cy"])
    if e.tag == "rect":
        return (float(e.attrs["x"]) + float(e.attrs["width"]) / 2, float(e.attrs["y"]) + float(e.attrs["height"]) / 2)
    points = [tuple(map(float, p.split(","))) for p in e.attrs["points"].split()]
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def svg_nodes(tree):
    svg = by_id(tree, "pg-graph")
    return svg, {e.attrs["data-id"]: e for e in svg.all(lambda e: "node" in e.classes())}


def check_drawing(tap, name, tree, out, nodes, edges):
    svg, shapes = svg_nodes(tree)
    elements = list(svg.all(lambda e: "node" in e.classes()))
    ids = [n["id"] for n in nodes]
    tap.check(len(elements) == len(ids) and set(shapes) == set(ids),
              f"{name}: the SVG has one node element per row of nodes.csv, with its id", set(shapes) ^ set(ids))
    titled = all(e.first(lambda t: t.tag == "title") is not None for e in elements)
    colours = {n["id"]: (SET3[int(n["community"])] if int(n["community"]) < 12 else "#ffffff") for n in nodes}
    tap.check(titled and all(shapes[i].attrs.get("fill") == colours[i] for i in shapes),
              f"{name}: each node has a <title> and its community's Set3 colour")
    legend = next((e.text() for e in tree.root.all(lambda e: "legend" in e.classes())), "")
    shown = re.search(r"Shapes: (.*?)\.", legend)
    kinds = {n["kind"] for n in nodes}
    tap.check(shown is not None and all(re.search(rf"\b{k}\b", shown.group(1)) for k in kinds),
              f"{name}: the legend's shapes name every kind drawn ({', '.join(sorted(kinds))})", legend)
    lines = [(e.attrs.get("data-source"), e.attrs.get("data-target")) for e in svg.all(lambda e: e.tag == "line")]
    want = [(e["source"], e["target"]) for e in edges]
    tap.check(sorted(lines) == sorted(want), f"{name}: one <line> per row of edges.csv, between its ends",
              f"{len(lines)} lines, {len(want)} edges")
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    centres = {i: node_centre(e) for i, e in shapes.items()}
    rho = [pgtest.spearman([centres[i][k] for i in ids], [sign * G.nodes[i][axis] for i in ids])
           for k, axis, sign in ((0, "x", 1), (1, "y", -1))]
    tap.check(min(rho) > 0.9, f"{name}: the drawing keeps the GraphML layout's arrangement, y flipped (Spearman's "
              f"rho of x and of y above 0.9: {rho[0]:.3f}, {rho[1]:.3f})")
    labelled = {e.attrs["data-id"] for e in svg.all(lambda e: e.tag == "text")}
    key = lambda n: (-float(f"{float(n['pagerank']):.11e}"), n["id"].encode())  # noqa: E731
    top = {n["id"] for n in sorted(nodes, key=key)[:30]}
    tap.check(labelled == top, f"{name}: the 30 largest nodes by PageRank are labelled", labelled ^ top)
    names = {n["id"]: xml_text(n["label"]) for n in nodes}
    cut = lambda s: s if len(s) <= 32 else s[:31] + "\u2026"  # noqa: E731
    wrong = [(e.attrs["data-id"], e.text()) for e in svg.all(lambda e: e.tag == "text")
             if e.text() != cut(names[e.attrs["data-id"]])]
    tap.check(not wrong, f"{name}: each label is the name, cut to 31 characters and '\u2026' beyond 32", wrong[:5])


def table_rows(tree, ident):
    table = by_id(tree, ident)
    body = table.first(lambda e: e.tag == "tbody") if table else None
    return list(body.all(lambda e: e.tag == "tr")) if body else []


def row_id(tr):
    return tr.first(lambda e: e.tag == "td" and "id" in e.classes()).text()


def check_tables(tap, name, tree, nodes, summary):
    rows = table_rows(tree, "pg-rankings")
    ids = [row_id(r) for r in rows]
    tap.check(len(rows) == len(nodes) and set(ids) == {n["id"] for n in nodes},
              f"{name}: the rankings table has one row per node", f"{len(rows)} rows, {len(nodes)} nodes")
    ranks = [int(r.first(lambda e: e.tag == "td").text()) for r in rows]
    tap.check(ranks == list(range(1, len(rows) + 1)), f"{name}: rows start in PageRank order (# = 1, 2, ...)", ranks[:10])
    communities = table_rows(tree, "pg-communities")
    sizes = [int(r.first(lambda e: e.tag == "td" and "num" in e.classes() and not e.first(lambda s: s.tag == "span"))
                 .text()) for r in communities]
    want = summary["communities"]
    tap.check(len(communities) == want["count"] and sizes == want["sizes"],
              f"{name}: the communities table has one row per community ({want['count']}), with its size", sizes)


def check_sort(tap, name, tree, nodes):
    rows = table_rows(tree, "pg-rankings")
    degree = {n["id"]: int(n["degree"]) for n in nodes}
    got = [row_id(r) for r in rows]
    want = [n["id"] for n in sorted(nodes, key=lambda n: (-degree[n["id"]], n["id"].encode()))]
    th = by_id(tree, "pg-rankings").first(lambda e: e.tag == "th" and e.attrs.get("data-key") == "degree")
    tap.check(got == want and th.attrs.get("aria-sort") == "descending",
              f"{name}: #sort=degree&desc orders the rows by degree, descending (ties by id)",
              [(i, degree[i]) for i in got[:8]])


def marked(tree):
    _, shapes = svg_nodes(tree)
    rows = {row_id(r) for r in table_rows(tree, "pg-rankings") if "hit" in r.classes()}
    return {i for i, e in shapes.items() if "hit" in e.classes()}, rows, by_id(tree, "pg-search-count").text()


def check_search(tap, name, page, profile, nodes, part):
    lower = {n["id"]: (n["id"].lower(), n["label"].lower()) for n in nodes}
    unique = next((i for i in sorted(lower) if sum(lower[i][0] in a or lower[i][0] in b
                                                   for a, b in lower.values()) == 1), None)
    if tap.check(unique is not None, f"{name}: some id matches only itself"):
        shapes, rows, count = marked(dump(page, "search=" + quote(unique, safe=""), profile))
        tap.check(shapes == rows == {unique} and count == "1 match",
                  f"{name}: #search={unique} marks exactly that node and says '1 match'", f"{shapes} {rows} {count!r}")
    want = {i for i, (a, b) in lower.items() if part.lower() in a or part.lower() in b}
    tree = dump(page, "search=" + quote(part, safe=""), profile)
    shapes, rows, count = marked(tree)
    words = f"{len(want)} matches" if len(want) > 1 else "1 match"
    tap.check(want and shapes == rows == want and count == words,
              f"{name}: #search={part} marks the {len(want)} nodes whose id or name holds it, any case",
              f"{sorted(shapes ^ want)} {count!r}")
    return tree


def check_names(tap, name, tree, dataset):
    """Every name literally in the DOM's text, and the script ran."""
    names = {e["id"]: e["name"] for kind in ("countries", "parties", "mechanisms", "events", "persons") for e in dataset.get(kind, [])}
    cells = {}
    for r in table_rows(tree, "pg-rankings"):
        cells[row_id(r)] = r.first(lambda e: e.tag == "td" and "name" in e.classes()).text()
    wrong = [i for i, n in names.items() if cells.get(i) != n]
    html = tree.root.first(lambda e: e.tag == "html")
    ran = html.attrs.get("data-ready") == "true" and "data-pwned" not in str([e.attrs for e in tree.root.all()])
    tap.check(not wrong and ran, f"{name}: every name is in the rankings table exactly as in the data; the page ran",
              [(i, cells.get(i), names[i]) for i in wrong[:5]])


def first_day(date):
    """The first day of a date of any precision, as YYYY-MM-DD ('' stays '')."""
    parts = date.split("-") if date else []
    return "-".join(parts + ["01"] * (3 - len(parts))) if parts else ""


def svg_state(tree):
    """The SVG's node shapes and lines by class: {id: classes}, [(source, target, classes)]."""
    svg, shapes = svg_nodes(tree)
    lines = [(e.attrs["data-source"], e.attrs["data-target"], e.classes()) for e in svg.all(lambda e: e.tag == "line")]
    return svg, {i: e.classes() for i, e in shapes.items()}, lines


def check_select(tap, name, page, profile, nodes, edges):
    """#select=ID for the node on most rows of edges.csv: exactly it and
    its neighbours are "near" (not faded), exactly its ties, and the panel
    gives its name, id, kind, community and one item per tie."""
    count = Counter(e["source"] for e in edges) + Counter(e["target"] for e in edges)
    ident = min(count, key=lambda i: (-count[i], i.encode()))
    incident = [e for e in edges if ident in (e["source"], e["target"])]
    want = {ident} | {e["source"] for e in incident} | {e["target"] for e in incident}
    tree = dump(page, "select=" + quote(ident, safe=""), profile)
    svg, classes, lines = svg_state(tree)
    near = {i for i, c in classes.items() if "near" in c}
    near_lines = sorted((a, b) for a, b, c in lines if "near" in c)
    tap.check("selecting" in svg.classes() and near == want
              and near_lines == sorted((e["source"], e["target"]) for e in incident),
              f"{name}: #select={ident} leaves exactly it, its {len(want) - 1} neighbours and its {len(incident)} "
              "ties unfaded", f"{sorted(near ^ want)[:5]} {len(near_lines)} lines")
    panel = by_id(tree, "pg-details")
    if not tap.check(panel is not None, f"{name}: the page has the details panel #pg-details"):
        return
    row = next(n for n in nodes if n["id"] == ident)
    cells = dict(zip([e.text() for e in panel.all(lambda e: e.tag == "dt")],
                     [e.text() for e in panel.all(lambda e: e.tag == "dd")]))
    items = list(panel.all(lambda e: e.tag == "li"))
    heading = (panel.first(lambda e: e.tag == "h3") or Element("h3", [], None)).text()
    strong = panel.first(lambda e: e.tag == "strong")
    ok = ("hidden" not in panel.attrs and strong is not None and strong.text() == row["label"]
          and cells.get("id") == ident and cells.get("kind") == row["kind"] and cells.get("community") == row["community"]
          and len(items) == len(incident) and heading == (f"{len(incident)} ties" if len(incident) != 1 else "1 tie"))
    tap.check(ok, f"{name}: the panel shows {ident}'s name, id, kind, community and its {len(incident)} ties",
              f"{cells} {heading!r} {len(items)} items")
    label = {n["id"]: n["label"] for n in nodes}
    arrows = {"mutual": "\u2194", "undirected": "\u2013"}
    want = sorted((arrows.get(e["direction"], "\u2192" if e["source"] == ident else "\u2190"),
                   label[e["target"] if e["source"] == ident else e["source"]]) for e in incident)
    got = sorted((li.first(lambda e: "arrow" in e.classes()).text().strip(), li.first(lambda e: e.tag == "button").text())
                 for li in items if li.first(lambda e: "arrow" in e.classes()) and li.first(lambda e: e.tag == "button"))
    tap.check(got == want, f"{name}: each tie in the panel names the other end, with an arrow out, in, both ways or "
              "none as edges.csv's direction says", [x for x in got if x not in want][:3])


def off_state(tree):
    _, classes, lines = svg_state(tree)
    return {i for i, c in classes.items() if "off" in c}, sorted((a, b) for a, b, c in lines if "off" in c)


def check_filters(tap, binary, tmp, profile):
    """#hide=event,person hides the nodes of those kinds (one checkbox per
    kind in nodes.csv) and every tie at them; #asof=DATE hides the nodes
    dated after it (nodes.csv's date) and the ties whose first date is
    after it or whose end is hidden; the undated stay. A dataset without
    dates has no slider."""
    out = os.path.join(tmp, "filters")
    build(binary, "examples/cpc-interparty.json", out, "--formats", "html,csv")
    page = os.path.join(out, "report.html")
    nodes = pgtest.read_csv(os.path.join(out, "nodes.csv"))
    edges = pgtest.read_csv(os.path.join(out, "edges.csv"))
    kind = {n["id"]: n["kind"] for n in nodes}
    tree = dump(page, "hide=event,person", profile)
    filters = by_id(tree, "pg-filters") or Element("div", [], None)
    boxes = list(filters.all(lambda e: e.tag == "input" and e.attrs.get("type") == "checkbox"))
    tap.check(sorted(b.attrs.get("value") for b in boxes) == sorted(set(kind.values())),
              "one checkbox per kind in nodes.csv", [b.attrs.get("value") for b in boxes])
    hidden = {i for i, k in kind.items() if k in ("event", "person")}
    want_lines = sorted((e["source"], e["target"]) for e in edges if {e["source"], e["target"]} & hidden)
    off, off_lines = off_state(tree)
    tap.check(hidden and off == hidden and off_lines == want_lines,
              f"#hide=event,person hides the {len(hidden)} events and persons and their {len(want_lines)} ties",
              f"{sorted(off ^ hidden)[:5]} {len(off_lines)} lines")
    asof = "2019-01-01"
    later = {n["id"] for n in nodes if n["date"] and first_day(n["date"]) > asof}
    want_lines = sorted((e["source"], e["target"]) for e in edges
                        if (e["first"] and first_day(e["first"]) > asof) or {e["source"], e["target"]} & later)
    tree = dump(page, "asof=" + asof, profile)
    off, off_lines = off_state(tree)
    shown = by_id(tree, "pg-asof-date").text() if by_id(tree, "pg-asof-date") else None
    tap.check(later and off == later and off_lines == want_lines and shown == "as of " + asof,
              f"#asof={asof} hides the {len(later)} nodes and {len(want_lines)} ties dated later (undated ones stay)",
              f"{sorted(off ^ later)[:5]} {len(off_lines)} of {len(want_lines)} lines, {shown!r}")
    out = os.path.join(tmp, "undated")
    build(binary, os.path.join(tmp, "breakout.json"), out, "--formats", "html")
    tree = dump(os.path.join(out, "report.html"), "", profile)
    tap.check(by_id(tree, "pg-asof") is None and by_id(tree, "pg-filters") is not None,
              "a dataset without dates: no time slider")


def build(binary, path, out, *extra):
    return pgtest.run(binary, "build", "-q", path, "-o", out, *extra, check=False)


def check_dataset(tap, binary, path, part, tmp, profile):
    name = os.path.basename(path)
    out = os.path.join(tmp, name)
    proc = build(binary, path, out, "--formats", "html,csv,json,graphml")
    page = os.path.join(out, "report.html")
    if not tap.check(proc.returncode == 0 and os.path.exists(page), f"{name}: build --formats html writes report.html",
                     proc.stderr.decode()):
        return
    dataset = pgtest.read_json(path)
    nodes = pgtest.read_csv(os.path.join(out, "nodes.csv"))
    edges = pgtest.read_csv(os.path.join(out, "edges.csv"))
    summary = pgtest.read_json(os.path.join(out, "summary.json"))
    data = check_static(tap, name, open(page, encoding="utf-8").read())
    tap.check([n["name"] for n in data["nodes"]] == [n["label"] for n in nodes],
              f"{name}: the page's JSON data carries every name exactly")
    tree = dump(page, "sort=degree&desc", profile)
    check_drawing(tap, name, tree, out, nodes, edges)
    check_tables(tap, name, dump(page, "", profile), nodes, summary)
    check_sort(tap, name, tree, nodes)
    check_names(tap, name, check_search(tap, name, page, profile, nodes, part), dataset)
    check_select(tap, name, page, profile, nodes, edges)
    again = os.path.join(tmp, name + ".again")
    build(binary, path, again, "--formats", "html", "--threads", "1")
    tap.check(open(page, "rb").read() == open(os.path.join(again, "report.html"), "rb").read(),
              f"{name}: a second run writes a byte-identical report.html")


def check_breakout(tap, binary, tmp, profile):
    path = os.path.join(tmp, "breakout.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(BREAKOUT, f, ensure_ascii=False)
    out = os.path.join(tmp, "breakout")
    build(binary, path, out, "--formats", "html")
    text = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    data = check_static(tap, "</script> names", text)
    tap.check("\u2028" not in text.split('id="pg-data">')[1].split("</script>")[0] and
              [n["name"] for n in data["nodes"]] == [p["name"] for p in BREAKOUT["parties"]],
              "</script> names: the JSON has no raw U+2028 and reads back every name")
    tree = dump(os.path.join(out, "report.html"), "search=" + quote("</script>", safe=""), profile)
    check_names(tap, "</script> names", tree, BREAKOUT)
    title = tree.root.first(lambda e: e.tag == "h1").text()
    shapes, rows, count = marked(tree)
    tap.check(title == BREAKOUT["title"] and shapes == rows == {"a"} and count == "1 match",
              "</script> names: the title is text, and a search for '</script>' finds its node", f"{title!r} {count!r}")


# Appended to a copy of a page: hovers over node ID, turns the wheel and
# drags at its centre through synthetic events, and records what the page
# did in attributes of <body>, for the DOM dump.
PROBE = """<script>
(function () {
  var svg = document.getElementById('pg-graph'), body = document.body;
  var node = svg.querySelector('.node[data-id="ID"]'), r = node.getBoundingClientRect();
  var x = Math.round(r.left + r.width / 2), y = Math.round(r.top + r.height / 2); /* events carry whole pixels */
  function under(px, py) {
    var p = svg.createSVGPoint(); p.x = px; p.y = py;
    p = p.matrixTransform(svg.getScreenCTM().inverse());
    return p.x.toFixed(3) + ' ' + p.y.toFixed(3);
  }
  function pointer(type, px, py) {
    svg.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: px, clientY: py, pointerId: 1,
                                               pointerType: 'mouse', isPrimary: true }));
  }
  node.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, clientX: x, clientY: y }));
  body.setAttribute('data-home', svg.getAttribute('viewBox'));
  body.setAttribute('data-under-before', under(x, y));
  svg.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -300, clientX: x, clientY: y }));
  body.setAttribute('data-zoomed', svg.getAttribute('viewBox'));
  body.setAttribute('data-under-after', under(x, y));
  pointer('pointerdown', x, y);
  pointer('pointermove', x + 60, y + 40);
  pointer('pointerup', x + 60, y + 40);
  body.setAttribute('data-panned', svg.getAttribute('viewBox'));
  body.setAttribute('data-under-dragged', under(x + 60, y + 40));
})();
</script>
"""


def check_interaction(tap, binary, tmp, profile):
    """The tooltip, the wheel and the drag, through synthetic events."""
    out = os.path.join(tmp, "interaction")
    build(binary, "examples/cpc-interparty.json", out, "--formats", "html,csv")
    text = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    probe = os.path.join(out, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", PROBE.replace("ID", "cpv") + "</body>"))
    tree = dump(probe, "", profile)
    row = next(n for n in pgtest.read_csv(os.path.join(out, "nodes.csv")) if n["id"] == "cpv")
    tip = by_id(tree, "pg-tooltip")
    cells = [e.text() for e in tip.all(lambda e: e.tag in ("strong", "div", "dt", "dd"))]
    want = [row["label"], "party, Vietnam", "degree", row["degree"], "betweenness",
            f"{float(row['betweenness']):.4g}", "pagerank", f"{float(row['pagerank']):.4g}", "eigenvector",
            f"{float(row['eigenvector']):.4g}", "community", row["community"]]
    tap.check("hidden" not in tip.attrs and cells == want,
              "hovering over a node shows its name, kind, country, degree, betweenness, PageRank, eigenvector, "
              "community", f"{cells} != {want}")
    body = tree.root.first(lambda e: e.tag == "body").attrs
    home, zoomed, panned = ([float(x) for x in body[k].split()] for k in ("data-home", "data-zoomed", "data-panned"))
    tap.check(zoomed[2] < home[2] and zoomed[3] < home[3] and body["data-under-before"] == body["data-under-after"],
              "the wheel zooms in around the pointer (the point under it stays)", body)
    tap.check(panned[2:] == zoomed[2:] and panned[:2] != zoomed[:2]
              and body["data-under-dragged"] == body["data-under-after"],
              "dragging pans: the point grabbed follows the pointer", body)


def check_size_by(tap, binary, tmp, profile):
    """--size-by coreness (a metric summary.json does not rank): the page
    ranks by it, the rankings table has its column, the tooltip shows it,
    and the 30 labels go to the first 30 by it (ties by id)."""
    out = os.path.join(tmp, "coreness")
    build(binary, "examples/cpc-interparty.json", out, "--formats", "html,csv", "--size-by", "coreness")
    nodes = pgtest.read_csv(os.path.join(out, "nodes.csv"))
    core = {n["id"]: n["coreness"] for n in nodes}
    text = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    probe = os.path.join(out, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", PROBE.replace("ID", "cpv") + "</body>"))
    tree = dump(probe, "", profile)
    table = by_id(tree, "pg-rankings")
    keys = [th.attrs.get("data-key") for th in table.all(lambda e: e.tag == "th")]
    column = keys.index("coreness") if "coreness" in keys else None
    rows = table_rows(tree, "pg-rankings")
    cells = {row_id(r): [td.text() for td in r.all(lambda e: e.tag == "td")][column] for r in rows} if column else {}
    tap.check(cells == core, "--size-by coreness: the rankings table has a coreness column with nodes.csv's values",
              f"columns {keys}")
    order = [n["id"] for n in sorted(nodes, key=lambda n: (-int(n["coreness"]), n["id"].encode()))]
    tap.check([row_id(r) for r in rows] == order, "--size-by coreness: rows start in coreness order (ties by id)",
              [(row_id(r), core[row_id(r)]) for r in rows[:8]])
    tip = by_id(tree, "pg-tooltip")
    items = [e.text() for e in tip.all(lambda e: e.tag in ("dt", "dd"))]
    at = items.index("coreness") if "coreness" in items else -1
    tap.check(at >= 0 and items[at + 1] == core["cpv"], "--size-by coreness: the tooltip shows the node's coreness",
              items)
    svg, _ = svg_nodes(tree)
    labelled = {e.attrs["data-id"] for e in svg.all(lambda e: e.tag == "text")}
    tap.check(labelled == set(order[:30]), "--size-by coreness: the 30 first by coreness are labelled",
              labelled ^ set(order[:30]))


def check_options(tap, binary, tmp, profile):
    path = "examples/minimal.json"
    out = os.path.join(tmp, "default")
    build(binary, path, out)
    tap.check(not os.path.exists(os.path.join(out, "report.html")), "report.html is not in the default formats")
    counts = {}
    for labels in ("none", "all", "top:3"):
        out = os.path.join(tmp, "labels-" + labels)
        build(binary, path, out, "--formats", "html", "--labels", labels)
        svg, _ = svg_nodes(Tree(open(os.path.join(out, "report.html"), encoding="utf-8").read()))
        counts[labels] = len(list(svg.all(lambda e: e.tag == "text")))
    tap.check(counts == {"none": 0, "all": 12, "top:3": 3}, "--labels none, all, top:3 label 0, every, 3 nodes", counts)
    out = os.path.join(tmp, "window")
    build(binary, "examples/cpc-interparty.json", out, "--formats", "html,json", "--from", "2017", "--to", "2019-06")
    summary = pgtest.read_json(os.path.join(out, "summary.json"))
    facts = by_id(Tree(open(os.path.join(out, "report.html"), encoding="utf-8").read()), "pg-facts").text()
    want = (f"Dates: from {summary['view']['from']} to {summary['view']['to']} \u00b7 {summary['nodes']} nodes, "
            f"{summary['edges']} edges, {summary['communities']['count']} communities")
    tap.check(want in facts, "--from 2017 --to 2019-06: the page gives the date window and the counts of summary.json",
              f"{facts!r} lacks {want!r}")
    out = os.path.join(tmp, "no-layout")
    build(binary, path, out, "--formats", "html", "--layout", "none")
    tree = dump(os.path.join(out, "report.html"), "", profile)
    _, shapes = svg_nodes(tree)
    centres = [node_centre(shapes[i]) for i in sorted(shapes, key=str.encode)]
    cx = sum(x for x, _ in centres) / len(centres)
    cy = sum(y for _, y in centres) / len(centres)
    radii = [math.hypot(x - cx, y - cy) for x, y in centres]
    angles = [math.atan2(y - cy, x - cx) for x, y in centres]
    in_order = all((b - a) % (2 * math.pi) < math.pi for a, b in zip(angles, angles[1:]))
    note = "No layout was computed" in tree.root.text()
    mean = sum(radii) / len(radii)
    tap.check(max(radii) - min(radii) < 0.05 * mean and in_order and note and len(centres) == 12,
              "--layout none: the page says so and the nodes stand on a circle in id order (moved apart for their "
              "labels by less than 5% of its radius)", radii)


def cells_of(tree, ident):
    """The text of every cell of table `ident`'s body, row by row."""
    return [[td.text() for td in tr.all(lambda e: e.tag == "td")] for tr in table_rows(tree, ident)]


def check_timeline(tap, binary, tmp, profile):
    """The Timeline and Claims sections hold the rows the rules give, in
    order, every text literally (the claims' quote has a quote, a comma
    and a line break)."""
    data = test_timeline.dataset()
    path = os.path.join(tmp, "timeline.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    for args, lo, hi in (([], test_timeline.datetime.date.min, test_timeline.datetime.date.max),
                         (["--from", "2017-12", "--to", "2018"], test_timeline.first_day("2017-12"),
                          test_timeline.last_day("2018"))):
        out = os.path.join(tmp, "timeline" + "".join(args))
        build(binary, path, out, "--formats", "html", *args)
        tree = dump(os.path.join(out, "report.html"), "", profile)
        want = [[r[c] for c in test_timeline.TIMELINE_COLUMNS] for r in test_timeline.expected_timeline(data, lo, hi)]
        got = cells_of(tree, "pg-timeline")
        tap.check(want and got == want, f"report.html {' '.join(args)}: the Timeline table has the rows the rules give, "
                  "in date order", "\n".join(f"got  {g}\nwant {w}" for g, w in zip(got, want) if g != w)
                  or (len(got), len(want)))
    claims = [[c["entity"], c["date"], c["measure"], c["value"], c["qualifier"], c["unit"], c["source"], c["text"]]
              for c in test_timeline.expected_claims(data)]
    got = [r[:3] + [float(r[3])] + r[4:] for r in cells_of(tree, "pg-claims")]
    tap.check(got == claims, "report.html: the Claims table has every claim in order, its quote literally",
              "\n".join(f"got  {g}\nwant {w}" for g, w in zip(got, claims) if g != w) or (len(got), len(claims)))
    out = os.path.join(tmp, "no-claims")
    build(binary, "examples/minimal.json", out, "--formats", "html")
    tree = dump(os.path.join(out, "report.html"), "", profile)
    tap.check(by_id(tree, "pg-claims") is None and len(table_rows(tree, "pg-timeline")) > 0,
              "report.html of a dataset without claims: a timeline, no Claims section")


def check_sources(tap, binary):
    """The report's script and style are real files: node parses the
    script, and what the library embeds is those files' text (the page
    holds each, less its leading comment)."""
    proc = subprocess.run(["node", "--check", "src/write/report.js"], capture_output=True)
    tap.check(proc.returncode == 0, "src/write/report.js: node --check parses it", proc.stderr.decode(errors="replace"))
    with tempfile.TemporaryDirectory(prefix="pghtml-") as tmp:
        pgtest.run(binary, "build", "-q", "examples/minimal.json", "--formats", "html", "-o", tmp)
        page = open(os.path.join(tmp, "report.html"), encoding="utf-8").read()
    for name in ("src/write/report.js", "src/write/report.css"):
        text = open(name, encoding="utf-8").read()
        body = text[text.index("*/\n") + 3:] if text.startswith("/*") else text
        tap.check(len(body) > 500 and body in page, f"{name}: report.html embeds its text", body[:80])
    with tempfile.NamedTemporaryFile("w", suffix=".js") as bad:
        bad.write("/* a note */\nvar s = '</script><script>alert(1)';\n")
        bad.flush()
        proc = subprocess.run(["scripts/embed.sh", "x.h", f"pg_x={bad.name}"], capture_output=True)
    tap.check(proc.returncode != 0 and b"</" in proc.stderr, "scripts/embed.sh refuses a script holding '</'",
              proc.stderr.decode(errors="replace"))


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    check_sources(tap, binary)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"ok 1 - report.html in headless Chromium # SKIP {CHROMIUM} is missing (scripts/install-deps.sh --test)")
        print("1..1")
        return
    tmp = tempfile.mkdtemp(prefix="pghtml-")
    profile = os.path.join(tmp, "chromium-profile")
    try:
        for path, part in DATASETS:
            check_dataset(tap, binary, path, part, tmp, profile)
        check_breakout(tap, binary, tmp, profile)
        check_filters(tap, binary, tmp, profile)
        check_interaction(tap, binary, tmp, profile)
        check_size_by(tap, binary, tmp, profile)
        check_options(tap, binary, tmp, profile)
        check_timeline(tap, binary, tmp, profile)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
