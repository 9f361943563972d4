"""Reading spreadsheets, against the Python a user would write instead.

Three inputs, each timed with farm-bench, partygraph and its peer in turn
in one run (the ratio pair by pair):
  - a participation log of N rows (scripts/bench/log.py's, default 100,000)
    read with --columns, against csv.DictReader building a NetworkX graph
    of the events, parties and attended ties;
  - a dataset of P parties (gen_dataset.py, default 20,000) as a folder of
    CSV tables (written by `partygraph convert`), against csv.DictReader
    over every table building the NetworkX graph of its relations;
  - the same dataset as an .xlsx workbook, against openpyxl (read-only)
    building the same graph.
partygraph runs `validate` (read, check every cell, resolve every id);
the peer reads and builds the graph, checking nothing. Prints a Markdown
table of medians and ratios (docs/performance.md, "Reading spreadsheets").

    /usr/bin/python3 scripts/bench/tables.py BUILD/partygraph [ROWS] [PARTIES]"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import log as logbench  # noqa: E402

PEER_LOG = """
import csv, sys
import networkx as nx
G = nx.Graph()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        G.add_node(row["Meeting"], kind="event", date=row["Date"])
        G.add_node(row["Party"], kind="party")
        G.add_edge(row["Party"], row["Meeting"], type="attended")
print(G.number_of_nodes(), G.number_of_edges())
"""

PEER_TABLES = """
import csv, os, sys
import networkx as nx
G = nx.Graph()
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if name == "relations.csv":
        for r in rows:
            G.add_edge(r["source"], r["target"], type=r["type"])
    elif name not in ("about.csv", "sources.csv", "claims.csv", "relation_types.csv"):
        for r in rows:
            G.add_node(r["id"], **r)
print(G.number_of_nodes(), G.number_of_edges())
"""

PEER_XLSX = """
import sys
import networkx as nx
import openpyxl
G = nx.Graph()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb.worksheets:
    rows = ws.iter_rows(values_only=True)
    header = next(rows)
    for row in rows:
        r = dict(zip(header, row))
        if ws.title == "relations":
            G.add_edge(r["source"], r["target"], type=r["type"])
        elif ws.title not in ("about", "sources", "claims", "relation_types"):
            G.add_node(r["id"], **r)
print(G.number_of_nodes(), G.number_of_edges())
"""


def median(out, row):
    """The median of farm-bench's row `row` ("A wall s", "A/B wall",
    "A peak MiB"), or NaN."""
    m = re.search(rf"^{re.escape(row)}\s+([\d.]+)\s+([\d.]+)", out, re.M)
    return float(m.group(2)) if m else float("nan")


def bench(what, command, peer, tmp):
    script = os.path.join(tmp, "peer.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(peer[0])
    proc = subprocess.run(["farm-bench", "-n", "5", "--timeout", "600", "--vs",
                           f"/usr/bin/python3 {script} {peer[1]}", "--"] + command,
                          capture_output=True, text=True)
    return what, proc.stdout + proc.stderr


def main():
    binary = os.path.abspath(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    parties = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    with tempfile.TemporaryDirectory(prefix="pgbench-tables-") as tmp:
        log = os.path.join(tmp, "log.csv")
        logbench.write_log(log, rows)
        data = os.path.join(tmp, "data.json")
        with open(data, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_dataset.py"), str(parties)], stdout=f, check=True)
        folder, book = os.path.join(tmp, "tables") + "/", os.path.join(tmp, "data.xlsx")
        subprocess.run([binary, "convert", "-q", data, folder], check=True)
        subprocess.run([binary, "convert", "-q", data, book], check=True)
        columns = "event=Meeting,date=Date,participant=Party,mechanism=Forum,country=Host country"
        runs = [bench(f"participation log, {rows:,} rows", [binary, "validate", "-q", log, "--columns", columns],
                      (PEER_LOG, log), tmp),
                bench(f"CSV tables, {parties:,} parties", [binary, "validate", "-q", folder], (PEER_TABLES, folder),
                      tmp),
                bench(f".xlsx workbook, {parties:,} parties", [binary, "validate", "-q", book], (PEER_XLSX, book),
                      tmp)]
    print("| input | partygraph validate: wall s, peak MiB | Python peer: wall s, peak MiB | peer / partygraph (wall) |")
    print("|---|---:|---:|---:|")
    for what, out in runs:
        ratio = median(out, "A/B wall")
        print(f"| {what} | {median(out, 'A wall s'):.2f}, {median(out, 'A peak MiB'):.0f} | "
              f"{median(out, 'B wall s'):.2f}, {median(out, 'B peak MiB'):.0f} | {1 / ratio:.1f} |")
    for what, out in runs:
        print(f"\n<!-- {what}\n{out}-->")


if __name__ == "__main__":
    main()
