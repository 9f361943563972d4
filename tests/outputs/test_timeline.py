"""timeline.csv and claims.csv (and summary.json's claims) against rows
computed here from the JSON by the rules of docs/outputs.md, written out
again: which events and relations are dated, their order, precision,
participants, mechanism, country and sources; the claims' order, their
units kept apart, and the dated series per entity, measure and unit.

    /usr/bin/python3 tests/outputs/test_timeline.py BUILD/partygraph"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

TIMELINE_COLUMNS = ["date", "end", "precision", "kind", "id", "type", "label", "participants", "mechanism", "country",
                    "sources"]
CLAIM_COLUMNS = ["entity", "date", "measure", "value", "qualifier", "unit", "source", "text"]
# The labels docs/input.md gives the usual relation types (an undeclared other type has none).
LABELS = {"attended": "attended", "contact": "contact", "member_of": "member of", "visited": "visited",
          "signed": "signed"}
# The directed types of docs/input.md (their ends keep their order; an undirected type's go in id order).
DIRECTED = {"hosted", "visited", "invited", "sent_message", "awarded", "praised", "addressed", "learned_from",
            "congratulated"}
KINDS = {"countries": "country", "parties": "party", "mechanisms": "mechanism", "events": "event"}


def dataset():
    return {
        "format": "partygraph/1",
        "sources": [{"id": "s-a", "title": "A"}, {"id": "s-b", "title": "B"}, {"id": "-s-c", "title": "C"}],
        "countries": [{"id": "AAA", "name": "Avalon"}, {"id": "BBB", "name": "Brigadoon"}],
        "parties": [{"id": "red", "name": "Red", "country": "AAA"}, {"id": "-blue", "name": "Blue", "country": "BBB"},
                    {"id": "green", "name": "Green, the \"party\""}],
        "mechanisms": [{"id": "forum", "name": "Forum"}],
        "events": [
            {"id": "summit", "name": "Summit", "date": "2017-11-30", "end": "2017-12-03", "country": "AAA",
             "mechanism": "forum", "type": "summit", "sources": ["s-b", "s-a", "s-b"]},
            {"id": "appeal", "name": "=Appeal", "date": "2020-04", "type": "joint_statement"},
            {"id": "congress", "name": "Congress", "date": "2017"},
            {"id": "undated", "name": "Undated meeting"},
        ],
        "relations": [
            {"type": "member_of", "source": "red", "target": "forum", "date": "1990", "sources": ["s-a"]},
            {"type": "attended", "source": "-blue", "target": "summit"},
            {"type": "attended", "source": "green", "target": "summit", "date": "2017-12-01"},
            {"type": "signed", "source": "red", "target": "appeal", "sources": ["-s-c", "s-a"]},
            {"type": "contact", "source": "red", "target": "-blue", "date": "2017-11-30", "sources": ["s-b"]},
            {"type": "visited", "source": "green", "target": "BBB", "date": "2017-11"},
            {"type": "toasted", "source": "green", "target": "red", "date": "2017", "end": "2018-06"},
            {"type": "contact", "source": "green", "target": "red"},
            {"type": "attended", "source": "green", "target": "undated"},
            {"type": "attended", "source": "red", "target": "congress"},
            {"type": "contact", "source": "-blue", "target": "green", "date": "2017-11-30"},
            {"type": "contact", "source": "green", "target": "-blue", "date": "2017-11-30", "sources": ["s-a"]},
            {"type": "visited", "source": "red", "target": "AAA", "date": "2017-11-30"},
            {"type": "contact", "source": "red", "target": "-blue", "date": "2017-11-30", "end": "2017-12"},
        ],
        "claims": [
            {"entity": "red", "date": "2021-07", "measure": "parties_in_contact", "value": 600,
             "qualifier": "more than", "unit": "parties and organizations", "sources": ["s-a"],
             "text": "=more than 600 parties, \"and\" organizations\nin 160 countries"},
            {"entity": "red", "date": "2017", "measure": "parties_in_contact", "value": 400, "unit": "parties",
             "sources": ["s-b", "s-a"]},
            {"entity": "red", "date": "2021", "measure": "parties_in_contact", "value": 560, "unit": "parties"},
            {"entity": "red", "measure": "parties_in_contact", "value": 300.5, "unit": "parties"},
            {"entity": "red", "date": "2010", "measure": "parties_in_contact", "value": 200,
             "unit": "parties and organizations", "sources": ["s-a", "s-a"]},
            {"entity": "-blue", "date": "2019-05-01", "measure": "countries", "value": 12,
             "unit": "countries and regions"},
            {"entity": "-blue", "date": "2019-05", "measure": "countries", "value": 11, "unit": "countries"},
            {"entity": "forum", "date": "2018", "measure": "members", "value": 1e3},
            {"entity": "forum", "date": "2018", "measure": "members", "value": 999, "sources": ["s-b", "s-a"]},
            {"entity": "forum", "date": "2018", "measure": "members", "value": 999, "sources": ["s-a"]},
        ],
    }


# ---- the rules, written out again ----------------------------------------

first_day, last_day = pgtest.first_day, pgtest.last_day  # a partial ISO date's first and last days


def precision(text):
    return ("year", "month", "day")[text.count("-")]


def joined(ids):
    return ";".join(sorted(set(ids)))


def expected_timeline(data, lo=datetime.date.min, hi=datetime.date.max):
    ent = {e["id"]: dict(e, kind=KINDS[a]) for a in KINDS for e in data.get(a, [])}
    rows = []

    def inside(date, end):
        return (first_day(date) if date else datetime.date.min) <= hi and last_day(end or date) >= lo

    for e in data["events"]:
        if "date" not in e or not inside(e["date"], e.get("end")):
            continue
        ties = [r["target"] if r["source"] == e["id"] else r["source"] for r in data["relations"]
                if e["id"] in (r["source"], r["target"])]
        rows.append((first_day(e["date"]), 0, (e["id"].encode(),), {
            "date": e["date"], "end": e.get("end", ""), "precision": precision(e["date"]), "kind": "event",
            "id": e["id"], "type": e.get("type", ""), "label": e["name"], "participants": joined(ties),
            "mechanism": e.get("mechanism", ""), "country": e.get("country", ""),
            "sources": joined(e.get("sources", []))}))

    def among_ends(r, kind, field):
        for x in (r["source"], r["target"]):
            if ent[x]["kind"] == kind:
                return x
            if ent[x]["kind"] == "event" and field in ent[x]:
                return ent[x][field]
        return ""

    def as_written(date):
        return tuple(int(x) for x in date.split("-")) + (0,) * (3 - date.count("-") - 1) if date else (0, 0, 0)

    for r in data["relations"]:
        if not (r.get("date") or r.get("end")) or not inside(r.get("date"), r.get("end")):
            continue
        a, b = r["source"], r["target"]
        if r["type"] not in DIRECTED and b.encode() < a.encode():
            a, b = b, a
        key = (r["type"].encode(), a.encode(), b.encode(), as_written(r.get("date")), as_written(r.get("end")),
               joined(r.get("sources", [])).encode())
        rows.append((first_day(r["date"]), 1, key, {
            "date": r.get("date", ""), "end": r.get("end", ""), "precision": precision(r.get("date") or r["end"]),
            "kind": "relation", "id": "", "type": r["type"], "label": LABELS.get(r["type"], ""),
            "participants": f"{a};{b}", "mechanism": among_ends(r, "mechanism", "mechanism"),
            "country": among_ends(r, "country", "country"), "sources": joined(r.get("sources", []))}))
    return [row for *_, row in sorted(rows, key=lambda t: t[:3])]


def claim_key(c):
    d = c.get("date")
    return (c["entity"].encode(), c["measure"].encode(), c.get("unit", "").encode(),
            first_day(d) if d else datetime.date.min, -(last_day(d).toordinal() if d else 0), c["value"],
            c.get("qualifier", "").encode(), c.get("text", "").encode(), sorted(x.encode() for x in c.get("sources", [])))


def expected_claims(data):
    claims = sorted(data["claims"], key=claim_key)
    return [{"entity": c["entity"], "date": c.get("date", ""), "measure": c["measure"], "value": float(c["value"]),
             "qualifier": c.get("qualifier", ""), "unit": c.get("unit", ""), "source": joined(c.get("sources", [])),
             "text": c.get("text", "")} for c in claims]


# ---- checks ----------------------------------------------------------------

def check_timeline(tap, binary, data, args, lo, hi, what):
    run = pgtest.build(binary, data, "--formats", "timeline", *args)
    rows = pgtest.read_csv(os.path.join(run.out, "timeline.csv"))
    header = list(rows[0]) if rows else None
    want = expected_timeline(data, lo, hi)
    tap.check(header == TIMELINE_COLUMNS, f"timeline.csv{what}: the documented columns", header)
    tap.check(rows == want, f"timeline.csv{what}: the dated events and relations in order, as the rules give",
              "\n".join(f"got  {g}\nwant {w}" for g, w in zip(rows, want) if g != w) or (len(rows), len(want)))
    run.cleanup()


def check_choices(tap, binary, data):
    """--exclude and the type choices leave their relations out of the
    timeline (an excluded event too); the rows are those of the data with
    those relations and that event taken away."""
    out, off = {"red", "congress"}, {"visited", "signed"}
    chosen = dict(data, events=[e for e in data["events"] if e["id"] not in out],
                  relations=[r for r in data["relations"] if r["type"] not in off
                             and r["source"] not in out and r["target"] not in out])
    run = pgtest.build(binary, data, "--formats", "timeline", "--exclude", ",".join(sorted(out)),
                       "--exclude-types", ",".join(sorted(off)))
    rows = pgtest.read_csv(os.path.join(run.out, "timeline.csv"))
    want = expected_timeline(chosen)
    tap.check(rows == want and len(rows) < len(expected_timeline(data)),
              "timeline.csv with --exclude and --exclude-types: without the entities and types left out",
              "\n".join(f"got  {g}\nwant {w}" for g, w in zip(rows, want) if g != w) or (len(rows), len(want)))
    run.cleanup()


def check_claims(tap, binary, data):
    run = pgtest.build(binary, data, "--formats", "claims,json")
    rows = pgtest.read_csv(os.path.join(run.out, "claims.csv"))
    for r in rows:
        r["value"] = float(r["value"])
    tap.check(rows and list(rows[0]) == CLAIM_COLUMNS, "claims.csv: the documented columns", rows[:1])
    want = expected_claims(data)
    tap.check(rows == want, "claims.csv: every claim, by entity, measure, unit and date, units kept apart",
              "\n".join(f"got  {g}\nwant {w}" for g, w in zip(rows, want) if g != w) or (len(rows), len(want)))
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    series = {}
    for c in sorted(data["claims"], key=claim_key):
        series.setdefault((c["entity"], c["measure"], c.get("unit", "")), []).append(
            (c.get("date"), float(c["value"]), c.get("qualifier", ""), sorted(c.get("sources", []))))
    got = {(s["entity"], s["measure"], s["unit"]): [(p["date"], float(p["value"]), p["qualifier"], p["sources"])
                                                    for p in s["series"]] for s in summary.get("claims", [])}
    order = [(s["entity"], s["measure"], s["unit"]) for s in summary.get("claims", [])]
    tap.check(got == series and order == sorted(order),
              "summary.json: one dated series per entity, measure and unit, in order", (got, series))
    run.cleanup()
    run = pgtest.build(binary, data, "--formats", "claims", "--csv-raw")
    raw = pgtest.read_csv(os.path.join(run.out, "claims.csv"), raw=True)
    tap.check([r["text"] for r in raw] == [w["text"] for w in want] and raw[0]["entity"] == want[0]["entity"],
              "claims.csv with --csv-raw: text exactly as the data has it")
    run.cleanup()
    run = pgtest.build(binary, data, "--formats", "claims")
    cells = pgtest.read_csv(os.path.join(run.out, "claims.csv"), raw=True)
    tap.check(all(r["entity"] == "'-blue" for r in cells if r["entity"].endswith("-blue")) and
              all(r["text"].startswith("'=") for r in cells if r["text"].lstrip("'").startswith("=")),
              "claims.csv: text a spreadsheet would run starts with an apostrophe")
    run.cleanup()


def check_without_claims(tap, binary, data):
    data = {k: v for k, v in data.items() if k != "claims"}
    run = pgtest.build(binary, data)
    with open(os.path.join(run.out, "claims.csv"), encoding="utf-8") as f:
        text = f.read()
    tap.check(text == ",".join(CLAIM_COLUMNS) + "\n", "claims.csv of a dataset without claims: the header alone",
              text)
    tap.check(os.path.exists(os.path.join(run.out, "timeline.csv")), "build writes timeline.csv by default")
    tap.check(pgtest.read_json(os.path.join(run.out, "summary.json"))["claims"] == [],
              "summary.json: no claims, an empty list")
    run.cleanup()


def check_ego(tap, binary, data):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "data.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        out = os.path.join(tmp, "ego")
        proc = subprocess.run([binary, "ego", "-q", path, "red", "-o", out], capture_output=True)
        files = set(os.listdir(out)) if proc.returncode == 0 else set()
        tap.check(files and not files & {"timeline.csv", "claims.csv"},
                  "ego writes no timeline.csv or claims.csv (they are the dataset's, not the ego network's)",
                  (files, proc.stderr))


def check_order_free(tap, binary, data):
    """Every array of the input reversed, and each claim's sources: the
    same timeline.csv, claims.csv and summary.json's claims."""
    turned = {k: (list(reversed(v)) if isinstance(v, list) else v) for k, v in data.items()}
    turned["claims"] = [dict(c, sources=list(reversed(c.get("sources", [])))) for c in turned["claims"]]
    turned["relations"] = [dict(r, source=r["target"], target=r["source"]) if r["type"] in ("contact", "toasted")
                           else r for r in turned["relations"]]
    texts = []
    for d in (data, turned):
        run = pgtest.build(binary, d, "--formats", "timeline,claims,json")
        texts.append([open(os.path.join(run.out, f), encoding="utf-8").read() for f in ("timeline.csv", "claims.csv")] +
                     [pgtest.read_json(os.path.join(run.out, "summary.json"))["claims"]])
        run.cleanup()
    tap.check(texts[0] == texts[1], "the input's order (arrays, sources, an undirected relation's ends) changes "
              "neither timeline.csv, claims.csv nor summary.json's claims")


def main():
    binary = sys.argv[1]
    tap = pgtest.Tap()
    data = dataset()
    check_order_free(tap, binary, data)
    check_timeline(tap, binary, data, [], datetime.date.min, datetime.date.max, "")
    check_timeline(tap, binary, data, ["--from", "2017-12", "--to", "2018"], first_day("2017-12"), last_day("2018"),
                   " --from 2017-12 --to 2018")
    check_timeline(tap, binary, data, ["--to", "2017-11-29"], datetime.date.min, last_day("2017-11-29"),
                   " --to 2017-11-29")
    check_claims(tap, binary, data)
    check_choices(tap, binary, data)
    check_without_claims(tap, binary, data)
    check_ego(tap, binary, data)
    tap.done()


if __name__ == "__main__":
    main()
