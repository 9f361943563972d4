"""report.html's drawing is legible (issue 17): scripts/picture-check
reads the page's <svg id="pg-graph"> and counts node-node, label-label and
label-node overlaps; first on pages made here with known overlaps (so that
it can fail), then on the reports of the bundled dataset (its 30 labels,
every label asked for, no layout), examples/minimal.json and a 2,000-party
synthetic file (scripts/bench/gen_dataset.py): every count is zero, the
labelled nodes are among those --labels asks for, the drawing (laid out)
stays within a 1,000-point square plus 5,000 square points a node, and a
release build writes the synthetic report in well under a minute.

    /usr/bin/python3 tests/outputs/test_report_legible.py BUILD/partygraph"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

CHECK = os.path.join(pgtest.ROOT, "scripts", "picture-check")
GEN = os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py")
AREA_PER_NODE, AREA_BASE = 5000, 1000 * 1000  # square points: a node's share, and a square of 1,000 points
SECONDS = 60          # for the 2,000-party report, release build

PAGE = ('<!DOCTYPE html>\n<html><body><svg id="pg-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 500">\n'
        '<g class="nodes">\n{nodes}</g>\n<g class="labels" font-size="10" text-anchor="middle">\n{labels}</g>\n'
        '</svg></body></html>\n')


def circle(ident, cx, cy, r):
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" class="node" data-id="{ident}"><title>{ident}</title></circle>\n'


def square(ident, x, y, side):
    return (f'<rect x="{x}" y="{y}" width="{side}" height="{side}" class="node" data-id="{ident}">'
            f'<title>{ident}</title></rect>\n')


def diamond(ident, cx, cy, r):
    points = f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}"
    return f'<polygon points="{points}" class="node" data-id="{ident}"><title>{ident}</title></polygon>\n'


def label(ident, x, y, text):
    return f'<text x="{x}" y="{y}" data-id="{ident}">{text}</text>\n'


# Each case: shapes, labels, and the counts (node-node, label-label,
# label-node) they hold by construction. Helvetica at 10 points: "M" is
# 8.33 wide, so "MMMMMMMMMM" is 83 points, centred on its x; a line 12
# points high, 9 above its baseline.
CASES = {
    "clean": ([circle("a", 20, 20, 10), square("b", 100, 10, 20), diamond("c", 200, 20, 10),
               diamond("d", 214, 34, 10), circle("e", 400, 20, 10)],
              [label("a", 20, 45, "MMMMMMMMMM"), label("b", 110, 24, "MMMMMMMMMM")], (0, 0, 0)),
    "node-node": ([circle("a", 20, 20, 10), circle("b", 35, 20, 10)], [], (1, 0, 0)),
    "label-label": ([circle("a", 20, 20, 5), circle("b", 80, 20, 5)],
                    [label("a", 20, 45, "MMMMMMMMMM"), label("b", 80, 45, "MMMMMMMMMM")], (0, 1, 0)),
    "label-node": ([circle("a", 20, 20, 5), square("b", 40, 36, 10)], [label("a", 20, 45, "MMMMMMMMMM")], (0, 0, 1)),
}


def picture_check(*args):
    proc = subprocess.run([sys.executable, CHECK, *args], capture_output=True, text=True)
    found = re.search(r"node-node (\d+)\+?, label-label (\d+)\+?, label-node (\d+)", proc.stdout)
    return proc.returncode, tuple(int(x) for x in found.groups()) if found else None, proc.stdout + proc.stderr


def check_tool(tap, tmp):
    """picture-check reads a report page: a made one of each kind of overlap."""
    for name, (shapes, labels, want) in CASES.items():
        page = os.path.join(tmp, f"made-{name}.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(PAGE.format(nodes="".join(shapes), labels="".join(labels)))
        rc, counts, out = picture_check(page)
        tap.check(counts == want and rc == (1 if any(want) else 0),
                  f"picture-check on a made report page '{name}': counts {want}", out)


def view_box(page):
    text = open(page, encoding="utf-8").read()
    found = re.search(r'<svg id="pg-graph"[^>]* viewBox="0 0 ([0-9.]+) ([0-9.]+)"', text)
    return (float(found.group(1)), float(found.group(2))) if found else (float("inf"), float("inf"))


def labels_asked(out, top):
    """The ids --labels top:N asks for: the first N by PageRank (nodes.csv),
    ties by id (N None: every node); and how many nodes there are."""
    nodes = pgtest.read_csv(os.path.join(out, "nodes.csv"))
    key = lambda n: (-float(f"{float(n['pagerank']):.11e}"), n["id"].encode())  # noqa: E731
    return {n["id"] for n in sorted(nodes, key=key)[:top]}, len(nodes)  # top None: all


def drawn_labels(page):
    text = open(page, encoding="utf-8").read()
    svg = text[text.index('<svg id="pg-graph"'):text.index("</svg>")]
    return set(re.findall(r'<text [^>]*data-id="([^"]*)"', svg))


def check_report(tap, binary, tmp, path, what, *extra, top=30, all_labels=False, timed=False, sized=True):
    out = os.path.join(tmp, what.replace(" ", "-").replace("/", "-"))
    start = time.monotonic()
    proc = pgtest.run(binary, "build", "-q", path, "-o", out, "--formats", "html,csv", *extra, check=False)
    seconds = time.monotonic() - start
    page = os.path.join(out, "report.html")
    if not tap.check(proc.returncode == 0 and os.path.exists(page), f"{what}: build --formats html writes report.html",
                     proc.stderr.decode(errors="replace")):
        return
    rc, counts, text = picture_check(page)
    tap.check(rc == 0 and counts == (0, 0, 0), f"{what}: picture-check counts zero overlaps in report.html", text)
    asked, n = labels_asked(out, None if all_labels else top)
    drawn = drawn_labels(page)
    tap.check(drawn and drawn <= asked, f"{what}: {len(drawn)} labels drawn, all among the {len(asked)} asked for",
              sorted(drawn - asked)[:5])
    width, height = view_box(page)
    if sized:
        tap.check(width * height <= AREA_BASE + AREA_PER_NODE * n, f"{what}: the drawing, {width:.0f} x {height:.0f} "
                  f"points, stays within a 1,000-point square and {AREA_PER_NODE} square points a node ({n} nodes)")
    if timed:
        tap.check(seconds < SECONDS, f"{what}: build --formats html,csv takes {seconds:.1f} s (< {SECONDS} s)")
    return drawn, asked


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    sanitized = "asan" in binary.split(os.sep)
    with tempfile.TemporaryDirectory(prefix="pgreportlegible-") as tmp:
        check_tool(tap, tmp)
        drawn, asked = check_report(tap, binary, tmp, "examples/cpc-interparty.json", "cpc-interparty")
        tap.check(drawn == asked, "cpc-interparty: every one of the 30 labels fits", sorted(asked - drawn))
        check_report(tap, binary, tmp, "examples/cpc-interparty.json", "cpc-interparty --labels all", "--labels", "all",
                     all_labels=True)
        check_report(tap, binary, tmp, "examples/cpc-interparty.json", "cpc-interparty --layout none", "--layout",
                     "none", sized=False)  # a circle of 100 nodes a mean edge apart is larger
        check_report(tap, binary, tmp, "examples/minimal.json", "minimal.json")
        synthetic = os.path.join(tmp, "synthetic-2000.json")
        with open(synthetic, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, GEN, "2000"], stdout=f, check=True)
        check_report(tap, binary, tmp, synthetic, "2,000 synthetic parties", timed=not sanitized)
    tap.done()


if __name__ == "__main__":
    main()
