"""A participation log of N rows (default 100,000: 5,000 events of 20
participants drawn from 2,000 parties in 60 countries, 40 mechanisms),
written as CSV and loaded through read_log.c, timed: the time of the load
(the tool mode of BUILD/tests/test_edge_tables: CSV read, log translated,
resolved; the dump it prints goes to /dev/null) and the counts. A benchmark,
not a test (docs/input.md, "Participation logs").

    /usr/bin/python3 scripts/bench/log.py BUILD [N]"""
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time


def write_log(path, rows):
    rnd = random.Random(19)
    countries = [f"Country {i}" for i in range(60)]
    parties = [(f"Party {i}", countries[i % 60]) for i in range(2000)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Meeting", "Date", "Party", "Forum", "Host country", "Party country", "Role", "Delegates"])
        event, written = 0, 0
        while written < rows:
            date = f"{1990 + event % 30}-{1 + event % 12:02d}-{1 + event % 28:02d}"
            forum, host = f"Forum {event % 40}", countries[event % 60]
            for party, land in rnd.sample(parties, min(20, rows - written)):
                w.writerow([f"Meeting {event}", date, party, forum, host, land, rnd.choice(["host", "guest"]),
                            rnd.randint(1, 30)])
                written += 1
            event += 1


def main():
    build, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    tool = os.path.join(build, "tests", "test_edge_tables")
    with tempfile.TemporaryDirectory(prefix="pglog-") as tmp:
        path = os.path.join(tmp, "log.csv")
        write_log(path, rows)
        env = dict(os.environ, PG_TABLES_READ="log", PG_TABLES_FILES=path,
                   PG_TABLES_COLUMNS="event=Meeting,date=Date,participant=Party,mechanism=Forum,"
                                     "country=Host country,participant_country=Party country,role=Role")
        start = time.monotonic()
        proc = subprocess.run([tool], env=env, capture_output=True, text=True)
        seconds = time.monotonic() - start
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = proc.stdout.splitlines()
        print(f"rows {rows} ({os.path.getsize(path)} bytes)")
        print(f"load {seconds:.2f} s wall, {cpu.ru_utime + cpu.ru_stime:.2f} s CPU (exit {proc.returncode})")
        print(f"entities {sum(l.startswith('E ') for l in lines)} relations {sum(l.startswith('R ') for l in lines)}")


if __name__ == "__main__":
    main()
