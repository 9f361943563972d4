"""Writes a hostile GraphML file to stdout, for scripts/bench-linear.sh
and tests/limits/test_graphml_limits.py. Each CASE grows with N: a reader
linear in what it reads takes ~10x as long for 10x N.

    python3 scripts/bench/gen_graphml_hostile.py CASE N

    entity    one 100 KB internal entity referenced N times in one <data>
              (expanded, N = 20,000 would be 2 GB of text; kept as written,
              60 KB)
    lookup    N string keys, and 10 x N nodes each with a <data> of the last
              two keys (a key found by a linear search costs N)
    defaults  200 keys with a <default> ("d0", "d1", ...), and N nodes
              without <data> but node n0, which has key k5 = "x" (every
              node gets 200 values)
    wide      N keys with a <default>, and 100 nodes without <data> (every
              node gets N values: what is read grows with N, and so does
              what each node costs)

Keys are named k0, k1, ... with attr.name a0, a1, ...; nodes n0, n1, ..."""
import sys

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
TAIL = "</graph>\n</graphml>\n"


def keys(n, out, default=False):
    for i in range(n):
        fallback = f"<default>d{i}</default>" if default else ""
        out.write(f'<key id="k{i}" for="node" attr.name="a{i}" attr.type="string">{fallback}</key>\n')


def nodes(n, out, body=""):
    for v in range(n):
        out.write(f'<node id="n{v}">{body}</node>\n' if body else f'<node id="n{v}"/>\n')


def entity(n, out):
    out.write(HEAD.replace("<graphml", '<!DOCTYPE graphml [<!ENTITY e "' + "x" * 100000 + '">]>\n<graphml'))
    out.write('<key id="n" for="node" attr.name="note" attr.type="string"/>\n<graph>\n<node id="a"><data key="n">')
    out.write("&e;" * n)
    out.write('</data></node>\n<node id="b"/>\n<edge source="a" target="b"/>\n' + TAIL)


def lookup(n, out):
    out.write(HEAD)
    keys(n, out)
    out.write("<graph>\n")
    nodes(10 * n, out, f'<data key="k{n - 1}">last</data><data key="k{n - 2}">next to last</data>')
    out.write(TAIL)


def defaults(n, out):
    out.write(HEAD)
    keys(200, out, default=True)
    out.write('<graph>\n<node id="n0"><data key="k5">x</data></node>\n')
    for v in range(1, n):
        out.write(f'<node id="n{v}"/>\n')
    out.write(TAIL)


def wide(n, out):
    out.write(HEAD)
    keys(n, out, default=True)
    out.write("<graph>\n")
    nodes(100, out)
    out.write(TAIL)


CASES = {"entity": entity, "lookup": lookup, "defaults": defaults, "wide": wide}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in CASES:
        sys.exit(__doc__)
    CASES[sys.argv[1]](int(sys.argv[2]), sys.stdout)
