"""The bundled dataset against the articles it was read from: every quote
(`evidence` of relations, events and persons, a string or an array of
them; a claim's `text`) stands verbatim in one of the articles its element
cites, and every article an element that quotes cites holds one of its
quotes (a citation the quotes do not back is a false one); every cited
source exists and names a seed file that exists, every relation and claim cites a
source, every claim is about an entity of the file, and every date is an
ISO 8601 calendar date at year, month or day precision.

"Verbatim" normalises only what typesetting changes: runs of white space
become one space, typographic quotes become ' and ", en and em dashes
become -. Nothing else (case, punctuation, ellipses) is forgiven. The
articles are ../shared/seeds/*.txt; without them the checks that read
them are skipped, with the reason.

    /usr/bin/python3 tests/examples/test_sources.py [BUILD/partygraph]"""
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

DATASET = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
SEEDS = os.path.join(pgtest.SHARED, "seeds")
ENTITIES = ("countries", "parties", "mechanisms", "events", "persons")
TYPESET = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise(text):
    """The text with typographic quotes and dashes plain, white space single."""
    return re.sub(r"\s+", " ", text.translate(TYPESET)).strip()


def elements(data):
    """(path, element) for every entity, relation and claim of the file."""
    for array in ENTITIES + ("relations", "claims"):
        for i, e in enumerate(data.get(array, [])):
            yield f"{array}[{i}]", e


def quotes(path, e):
    """The quotes an element makes: its evidence, and a claim's text."""
    if path.startswith("claims[") and "text" in e:
        yield e["text"]
    evidence = e.get("evidence", [])
    yield from [evidence] if isinstance(evidence, str) else evidence


def parse_date(text):
    """The date's (first day, last day) at its own precision, or None
    when it is not an ISO 8601 calendar date of 1, 2 or 3 parts."""
    m = DATE.match(text) if isinstance(text, str) else None
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if d:
            day = datetime.date(y, mo, d)
            return day, day
        if mo:
            first = datetime.date(y, mo, 1)
            return first, (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    except ValueError:
        return None


def dates(path, e):
    """(where, value) of every date an element holds."""
    for key in ("date", "end", "founded"):
        if key in e:
            yield f"{path}.{key}", e[key]
    for k, role in enumerate(e.get("roles", [])):
        for key in ("from", "to"):
            if key in role:
                yield f"{path}.roles[{k}].{key}", role[key]


def check_references(tap, data):
    sources = {s["id"] for s in data.get("sources", [])}
    unknown = [(p, s) for p, e in elements(data) for s in e.get("sources", []) if s not in sources]
    tap.check(not unknown, "every cited source id is a source of the file", unknown[:10])
    uncited = [p for p, e in elements(data) if p.startswith(("relations[", "claims[")) and not e.get("sources")]
    tap.check(not uncited, "every relation and every claim cites at least one source", uncited[:10])
    ids = {e["id"] for array in ENTITIES for e in data.get(array, [])}
    strays = [(f"claims[{i}]", c.get("entity")) for i, c in enumerate(data.get("claims", [])) if c.get("entity") not in ids]
    tap.check(not strays, f"every claim ({len(data.get('claims', []))}) is about an entity of the file", strays[:10])


def check_dates(tap, data):
    bad = [(w, v) for p, e in elements(data) for w, v in dates(p, e) if parse_date(v) is None]
    tap.check(not bad, "every date is YYYY, YYYY-MM or YYYY-MM-DD and a real calendar day", bad[:10])
    backwards = [p for p, e in elements(data) if parse_date(e.get("date")) and parse_date(e.get("end"))
                 and parse_date(e["end"])[1] < parse_date(e["date"])[0]]
    tap.check(not backwards, "no end is before its date", backwards)


def check_quotes(tap, data):
    reason = pgtest.shared_missing("seeds")
    what = ("every source's file is a seed article", "every quote stands verbatim in an article its element cites",
            "every article an element with quotes cites holds one of its quotes")
    if reason:
        for w in what:
            tap.skip(w, reason)
        return
    files = {s["id"]: os.path.join(SEEDS, s.get("file", "")) for s in data.get("sources", [])}
    absent = [(sid, f) for sid, f in files.items() if not os.path.isfile(f)]
    tap.check(not absent, what[0], absent)
    text = {sid: normalise(open(f, encoding="utf-8").read()) for sid, f in files.items() if os.path.isfile(f)}
    n, missing = 0, []
    for p, e in elements(data):
        for q in quotes(p, e):
            n += 1
            if not any(normalise(q) in text.get(s, "") for s in e.get("sources", [])):
                missing.append(f"{p} {e.get('sources')}: {q[:70]}")
    tap.check(n > 0 and not missing, f"all {n} quotes stand verbatim in an article their element cites", "\n".join(missing))
    unbacked = [f"{p}: {s} holds none of {[q[:40] for q in qs]}" for p, e in elements(data)
                for qs in [list(quotes(p, e))] if qs
                for s in e.get("sources", []) if not any(normalise(q) in text.get(s, "") for q in qs)]
    tap.check(not unbacked, "every article an element with quotes cites holds one of its quotes", "\n".join(unbacked))


def main():
    tap = pgtest.Tap()
    data = json.load(open(DATASET, encoding="utf-8"))
    check_references(tap, data)
    check_dates(tap, data)
    check_quotes(tap, data)
    tap.done()


if __name__ == "__main__":
    main()
