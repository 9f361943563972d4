"""Writes one hostile JSON input of size N to stdout, for the linear-time
benchmark (scripts/bench-linear.sh) and tests/limits/test_json_limits.py:

    /usr/bin/python3 gen_hostile.py CASE N

CASE is one of
    errors      partygraph/1, one party with N attributes whose names are
                not ids (N errors in one element, for `validate`)
    nodelink    node-link JSON, one node with N attributes
    jgf         JSON Graph Format, one node whose metadata has N members
    popolo      Popolo, one organization with N members
    duplicates  partygraph/1, one party whose N attributes are one key
                repeated N times (value i: the last, N - 1, is kept)
    nodelink-duplicates   the same in node-link JSON
The attribute named a<i> (or "a <i>") holds the number i, so a reader of
the output can check every value. Deterministic: the same N, the same
bytes."""
import json
import sys


def attrs(n, fmt):
    return ", ".join('"%s": %d' % (fmt % i, i) for i in range(n))


def party(body):
    return '{"id": "p", "name": "P", %s}' % body


def main():
    case, n = sys.argv[1], int(sys.argv[2])
    if case == "errors":
        doc = '{"parties": [%s]}' % party(attrs(n, "a %d"))
    elif case == "nodelink":
        doc = '{"nodes": [{"id": "p", "name": "P", %s}, {"id": "q"}], "links": [{"source": "p", "target": "q"}]}' % attrs(n, "a%d")
    elif case == "jgf":
        doc = '{"graph": {"nodes": {"p": {"label": "P", "metadata": {%s}}, "q": {}}, "edges": [{"source": "p", "target": "q"}]}}' % attrs(n, "a%d")
    elif case == "popolo":
        doc = '{"organizations": [{"id": "p", "name": "P", "classification": "party", %s}, {"id": "q", "name": "Q", "classification": "party"}], "memberships": [{"member_id": "p", "organization_id": "q"}]}' % attrs(n, "a%d")
    elif case == "duplicates":
        doc = '{"parties": [%s]}' % party(", ".join('"a": %d' % i for i in range(n)))
    elif case == "nodelink-duplicates":
        doc = '{"nodes": [{"id": "p", "name": "P", %s}, {"id": "q"}], "links": [{"source": "p", "target": "q"}]}' % ", ".join('"a": %d' % i for i in range(n))
    else:
        sys.exit("unknown case " + case)
    json.loads(doc)  # well-formed
    sys.stdout.write(doc + "\n")


main()
