"""Writes a synthetic partygraph/1 dataset of N parties to stdout: 160
countries, 40 mechanisms, N/2 events; each party is based in a country,
belongs to 1-3 mechanisms, attends a few events (popular events more
often) and has a few direct contacts. Seeded: the same N gives the same
bytes.   /usr/bin/python3 gen_dataset.py N"""
import json
import random
import sys


def main():
    n = int(sys.argv[1])
    rng = random.Random(n)
    countries = [{"id": f"C{i:03d}", "name": f"Country {i}", "region": rng.choice(["Africa", "Americas", "Asia", "Europe", "Oceania"])}
                 for i in range(160)]
    mechanisms = [{"id": f"m{i}", "name": f"Mechanism {i}", "kind": rng.choice(["dialogue", "forum", "international"])}
                  for i in range(40)]
    events = [{"id": f"e{i}", "name": f"Event {i}", "date": f"{rng.randrange(1990, 2024)}-{rng.randrange(1, 13):02d}",
               "mechanism": f"m{rng.randrange(40)}", "country": f"C{rng.randrange(160):03d}"} for i in range(max(1, n // 2))]
    parties = [{"id": f"p{i}", "name": f"Party {i}", "country": f"C{rng.randrange(160):03d}",
                "family": rng.choice(["communist", "socialist", "conservative", "liberal", "green", "nationalist"]),
                "ruling": rng.random() < 0.3} for i in range(n)]
    relations = []
    for p in parties:
        for m in rng.sample(range(40), rng.randrange(1, 4)):
            relations.append({"type": "member_of", "source": p["id"], "target": f"m{m}"})
        for _ in range(rng.randrange(2, 9)):
            e = int(len(events) * rng.random() ** 2)
            relations.append({"type": "attended", "source": p["id"], "target": f"e{e}"})
        for _ in range(rng.randrange(0, 5)):
            relations.append({"type": "contact", "source": p["id"], "target": f"p{rng.randrange(n)}",
                              "date": f"{rng.randrange(1990, 2024)}", "weight": rng.choice([1, 1, 2, 3])})
    relations = [r for r in relations if r["source"] != r["target"]]
    json.dump({"format": "partygraph/1", "title": f"synthetic {n}", "countries": countries, "parties": parties,
               "mechanisms": mechanisms, "events": events, "relations": relations}, sys.stdout)


if __name__ == "__main__":
    main()
