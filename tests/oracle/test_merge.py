"""Oracle tests for merging relations into the full view's edges, the
stage that puts links in pair order by counting sorts: every merged edge
of a random dataset with many parallel relations is checked against a
reference written here from the README's rules (weights summed in
ascending order, distinct types, sources and attribute values sorted and
joined, earliest and latest date, the count), the relation type counts
against a plain count, and the outputs must not depend on the order of the
input: the same dataset shuffled gives byte-identical files. The weights
are chosen so that adding them in another order gives another double.

    /usr/bin/python3 tests/oracle/test_merge.py BUILD/partygraph"""
import hashlib
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

WEIGHTS = [0.1, 0.2, 0.3, 0.7, 1e-9, 3.0, 1e16, 2.5e-3, 1 / 3]
TYPES = ["contact", "member_of", "attended", "signed"]
ROLES = ["chair", "guest", "observer"]
FORMATS = "graphml,csv,json,gexf"


def dataset(seed):
    """Parties with a country, dated and undated events with a mechanism
    and a country, and relations between few pairs (so that many merge),
    in both directions, some dated, some citing sources or with a role."""
    rng = random.Random(seed)
    countries = [{"id": f"C{i}", "name": f"Country {i}"} for i in range(3)]
    parties = [{"id": f"p{i}", "name": f"Party {i}", "country": f"C{rng.randrange(3)}"} for i in range(12)]
    mechanisms = [{"id": f"m{i}", "name": f"Mechanism {i}"} for i in range(2)]
    events = []
    for i in range(6):
        e = {"id": f"e{i}", "name": f"Event {i}", "mechanism": f"m{rng.randrange(2)}", "country": f"C{rng.randrange(3)}"}
        if i % 3:
            e["date"] = f"{rng.randrange(1990, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        events.append(e)
    sources = [{"id": f"s{i}", "title": f"Source {i}"} for i in range(4)]
    ends = [p["id"] for p in parties[:6]] + [e["id"] for e in events[:3]] + ["m0"]
    relations = []
    for _ in range(400):
        a, b = rng.sample(ends, 2)
        r = {"type": rng.choice(TYPES), "source": a, "target": b, "weight": rng.choice(WEIGHTS)}
        if rng.random() < 0.3:
            year = rng.randrange(1990, 2020)
            r["date"] = f"{year}-{rng.randrange(1, 13):02d}"
            if rng.random() < 0.5:
                r["end"] = f"{year + rng.randrange(0, 5)}-12"
        if rng.random() < 0.3:
            r["sources"] = rng.sample([s["id"] for s in sources], rng.randrange(1, 3))
        if rng.random() < 0.3:
            r["role"] = rng.choice(ROLES)
        relations.append(r)
    return {"format": "partygraph/1", "countries": countries, "parties": parties, "mechanisms": mechanisms,
            "events": events, "sources": sources, "relations": relations}


def shuffled(data, seed):
    """The same dataset with every array in another order."""
    rng = random.Random(seed)
    out = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = list(value)
            rng.shuffle(value)
        out[key] = value
    return out


def links(data):
    """Every relation, explicit or implied by a field, as (a, b, weight,
    type, first, last, sources, attrs) with a < b, by the README's rules
    on dates: a relation's own date and end, else those of a dated event
    it touches; an implied relation of an event has the event's dates."""
    events = {e["id"]: e for e in data["events"] if "date" in e}
    out = []
    for r in data["relations"]:
        first, last = r.get("date"), r.get("end", r.get("date"))
        if first is None:
            ev = events.get(r["source"]) or events.get(r["target"])
            first, last = (ev["date"], ev.get("end", ev["date"])) if ev else (None, None)
        attrs = {"role": r["role"]} if "role" in r else {}
        out.append((r["source"], r["target"], r["weight"], r["type"], first, last, r.get("sources", []), attrs))
    for p in data["parties"]:
        out.append((p["id"], p["country"], 1.0, "based_in", None, None, [], {}))
    for e in data["events"]:
        d = e.get("date")
        out.append((e["id"], e["mechanism"], 1.0, "part_of", d, d, [], {}))
        out.append((e["id"], e["country"], 1.0, "held_in", d, d, [], {}))
    return [(min(a, b), max(a, b), *rest) for a, b, *rest in out]


def expected_edges(data):
    """(source, target) -> the merged row, from the links."""
    pairs = {}
    for a, b, *rest in links(data):
        pairs.setdefault((a, b), []).append(rest)
    rows = {}
    for key, ls in pairs.items():
        firsts = [l[2] for l in ls if l[2]]
        lasts = [l[3] for l in ls if l[3]]
        total = 0.0
        for w in sorted(l[0] for l in ls):  # ascending, one addition at a time
            total += w
        roles = sorted({l[5]["role"] for l in ls if "role" in l[5]})
        rows[key] = {"weight": total, "count": str(len(ls)), "types": ";".join(sorted({l[1] for l in ls})),
                     "first": min(firsts) if firsts else "", "last": max(lasts) if lasts else "",
                     "sources": ";".join(sorted({s for l in ls for s in l[4]})), "role": ";".join(roles)}
    return rows


def check_edges(tap, binary, data, label):
    run = pgtest.build(binary, data, "--formats", "csv", "--layout", "none", "--restarts", "1", "--metrics", "degree")
    got = {(r["source"], r["target"]): r for r in pgtest.read_csv(os.path.join(run.out, "edges.csv"))}
    want = expected_edges(data)
    tap.check(sorted(got) == sorted(want), f"{label}: one edge per pair of entities with relations",
              f"missing {sorted(set(want) - set(got))[:5]}, extra {sorted(set(got) - set(want))[:5]}")
    keys = list(got)
    tap.check(keys == sorted(keys), f"{label}: edges in (source, target) id order", keys[:5])
    bad = [(k, got[k]["weight"], want[k]["weight"]) for k in want if k in got
           and float(got[k]["weight"]) != want[k]["weight"]]
    tap.check(not bad, f"{label}: weights are the exact ascending-order sums", bad[:5])
    for field in ("count", "types", "first", "last", "sources", "role"):
        bad = [(k, got[k].get(field), want[k][field]) for k in want if k in got and got[k].get(field, "") != want[k][field]]
        tap.check(not bad, f"{label}: every edge's {field}", bad[:5])
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    counts = {}
    for link in links(data):
        counts[link[3]] = counts.get(link[3], 0) + 1
    tap.check(summary["relations"]["by_type"] == counts, f"{label}: relation counts by type",
              f"{summary['relations']['by_type']} != {counts}")


def provenance_free(run, name):
    """The bytes of output file `name` with the input's path and SHA-256
    (which name the input, not the graph) blanked."""
    with open(run.data, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest().encode()
    with open(os.path.join(run.out, name), "rb") as f:
        return f.read().replace(digest, b"SHA").replace(run.data.encode(), b"FILE")


def check_order_free(tap, binary, data, view_args, label):
    """The files of `data` and of it shuffled are byte-identical, but for
    the input's path and SHA-256."""
    extra = ("--formats", FORMATS, "--layout", "none", "--restarts", "1", "--metrics", "degree", *view_args)
    a = pgtest.build(binary, data, *extra)
    b = pgtest.build(binary, shuffled(data, 7), *extra)
    names = sorted(os.listdir(a.out))
    differ = [n for n in names if n not in os.listdir(b.out) or provenance_free(a, n) != provenance_free(b, n)]
    tap.check(len(names) >= 5 and not differ, f"{label}: the input's order changes no byte of the outputs",
              f"{names}: {differ} differ")


def main():
    binary = sys.argv[1]
    tap = pgtest.Tap()
    for seed in (1, 2):
        data = dataset(seed)
        check_edges(tap, binary, data, f"seed {seed}")
        check_edges(tap, binary, shuffled(data, seed + 10), f"seed {seed} shuffled")
    data = dataset(3)
    check_order_free(tap, binary, data, (), "full view")
    check_order_free(tap, binary, data, ("--view", "parties"), "parties view")
    check_order_free(tap, binary, data, ("--view", "countries"), "countries view")
    tap.done()


if __name__ == "__main__":
    main()
