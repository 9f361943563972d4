"""Writes a synthetic partygraph/1 dataset of N parties to stdout: 160
countries, 40 mechanisms, N/2 events; each party is based in a country,
belongs to 1-3 mechanisms, attends a few events (popular events more
often) and has a few direct contacts. Seeded: the same N gives the same
bytes.

    /usr/bin/python3 gen_dataset.py [--gzip] N

Streams: the file is written in chunks as it is drawn, so a million
parties (1.4 GB) need little memory. The bytes are those json.dump wrote
when this script built the whole document first (same random draws in the
same order, same separators), so datasets of earlier benchmarks stay
comparable. The draws come in the order countries, mechanisms, events,
parties, relations while the file lists parties before events: the events
are drawn once to move the generator past them and drawn again, from a
saved state, when their turn comes. --gzip compresses the output (level 6,
no timestamp: still the same bytes for the same N)."""
import gzip
import random
import sys

FAMILIES = ["communist", "socialist", "conservative", "liberal", "green", "nationalist"]
CHUNK = 1 << 20


class Out:
    """Joins small strings into ~1 MB writes."""

    def __init__(self, stream):
        self.stream, self.parts, self.size = stream, [], 0

    def write(self, s):
        self.parts.append(s)
        self.size += len(s)
        if self.size >= CHUNK:
            self.flush()

    def flush(self):
        self.stream.write("".join(self.parts).encode("ascii"))
        self.parts, self.size = [], 0


def array(out, key, items, first=False):
    """Writes `"key": [item, item, ...]` as json.dump separates them."""
    out.write(("" if first else ", ") + f'"{key}": [')
    sep = ""
    for item in items:
        out.write(sep + item)
        sep = ", "
    out.write("]")


def events(rng, count):
    randrange = rng.randrange
    for i in range(count):
        yield (f'{{"id": "e{i}", "name": "Event {i}", "date": "{randrange(1990, 2024)}-{randrange(1, 13):02d}", '
               f'"mechanism": "m{randrange(40)}", "country": "C{randrange(160):03d}"}}')


def parties(rng, n):
    randrange, choice, rand = rng.randrange, rng.choice, rng.random
    for i in range(n):
        country = randrange(160)
        family = choice(FAMILIES)
        ruling = "true" if rand() < 0.3 else "false"
        yield (f'{{"id": "p{i}", "name": "Party {i}", "country": "C{country:03d}", "family": "{family}", '
               f'"ruling": {ruling}}}')


def relations(rng, n, n_events):
    randrange, choice, rand, sample = rng.randrange, rng.choice, rng.random, rng.sample
    mechanisms, weights = range(40), [1, 1, 2, 3]
    for i in range(n):
        p = f"p{i}"
        for m in sample(mechanisms, randrange(1, 4)):
            yield f'{{"type": "member_of", "source": "{p}", "target": "m{m}"}}'
        for _ in range(randrange(2, 9)):
            yield f'{{"type": "attended", "source": "{p}", "target": "e{int(n_events * rand() ** 2)}"}}'
        for _ in range(randrange(0, 5)):
            target = randrange(n)
            date, weight = randrange(1990, 2024), choice(weights)
            if target != i:
                yield (f'{{"type": "contact", "source": "{p}", "target": "p{target}", "date": "{date}", '
                       f'"weight": {weight}}}')


def generate(n, out):
    rng = random.Random(n)
    regions = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    countries = [f'{{"id": "C{i:03d}", "name": "Country {i}", "region": "{rng.choice(regions)}"}}' for i in range(160)]
    kinds = ["dialogue", "forum", "international"]
    mechanisms = [f'{{"id": "m{i}", "name": "Mechanism {i}", "kind": "{rng.choice(kinds)}"}}' for i in range(40)]
    n_events = max(1, n // 2)
    event_rng = random.Random()
    event_rng.setstate(rng.getstate())
    for _ in events(rng, n_events):
        pass
    out.write(f'{{"format": "partygraph/1", "title": "synthetic {n}"')
    array(out, "countries", countries)
    array(out, "parties", parties(rng, n))
    array(out, "mechanisms", mechanisms)
    array(out, "events", events(event_rng, n_events))
    array(out, "relations", relations(rng, n, n_events))
    out.write("}")
    out.flush()


def main():
    args = sys.argv[1:]
    compress = "--gzip" in args
    args = [a for a in args if a != "--gzip"]
    if len(args) != 1 or not args[0].isdigit():
        sys.exit("usage: gen_dataset.py [--gzip] N")
    stream = sys.stdout.buffer
    if compress:
        with gzip.GzipFile(fileobj=stream, mode="wb", compresslevel=6, mtime=0) as z:
            generate(int(args[0]), Out(z))
    else:
        generate(int(args[0]), Out(stream))
    stream.flush()


if __name__ == "__main__":
    main()
