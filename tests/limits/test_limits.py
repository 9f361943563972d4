"""Limits, nothing lost and the bad inputs too big for a golden case:
--max-input-bytes on a file, standard input, a FIFO and a gzip bomb;
allocation failure under `ulimit -v` (a sweep of address-space limits:
every run either succeeds or says "out of memory" in one line, writes
nothing and leaves DIR as it was); threads and worker processes that
cannot start (`prlimit --nproc=1`); a full disk (`ulimit -f`, set by the
shell, so that partygraph's own handling of SIGXFSZ is tested; and a
small tmpfs when one can be mounted); runs failing late (at the periods,
at writing) leaving DIR and --graphml FILE intact; an unreadable file and
an output directory that cannot be created (as user nobody, through
setpriv: the tests run as root, for whom permissions do not stop reads);
a 50 MB name; a million relations between one pair; every golden case's
stderr in the "partygraph: " form naming the file; and the exit codes of
`partygraph --help`, docs/cli.md and cli.h agreeing. Times are printed
with the checks, never asserted (speed is the benchmarks' business,
scripts/); memory bounds on hostile inputs are asserted.

    /usr/bin/python3 tests/limits/test_limits.py BUILD/partygraph"""
import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

# Permissions stop only a user who is not root: as root, drop to nobody.
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []


def shell(binary, limits, *args, **kw):
    """Runs partygraph under `sh -c 'ulimit ...; exec partygraph ARGS'`."""
    cmd = f"{limits}; exec {shlex.quote(binary)} {' '.join(shlex.quote(a) for a in args)}"
    return subprocess.run(["sh", "-c", cmd], capture_output=True, **kw)


def kept_dir(tmp, name):
    """A DIR holding the outputs of an earlier run (of examples/minimal.json)
    and a file of the user's; returns its path and snapshot."""
    out = os.path.join(tmp, name)
    pgtest.run(BINARY, "build", "-q", os.path.join(pgtest.ROOT, "examples", "minimal.json"), "-o", out)
    open(os.path.join(out, "notes.txt"), "w").write("the user's own file\n")
    return out, pgtest.snapshot(out)


# ---- --max-input-bytes -------------------------------------------------------


def check_input_limit(tap, tmp):
    path = os.path.join(pgtest.ROOT, "examples", "minimal.json")
    size = os.path.getsize(path)
    exact = pgtest.run(BINARY, "validate", "-q", "--max-input-bytes", str(size), path, check=False)
    over = pgtest.run(BINARY, "validate", "-q", "--max-input-bytes", str(size - 1), path, check=False)
    want = f"partygraph: {path}: input larger than the limit of {size - 1} bytes (--max-input-bytes)\n"
    tap.check(exact.returncode == 0 and over.returncode == 1 and over.stderr.decode().startswith(want),
              "--max-input-bytes: a file of exactly N bytes is read, one of N + 1 refused (exit 1, the file, the limit)",
              exact.stderr.decode() + over.stderr.decode())
    text = open(path, "rb").read()
    proc = pgtest.run(BINARY, "build", "-q", "--max-input-bytes", "1K", "-", "-o", os.path.join(tmp, "o"),
                      stdin=text, check=False)
    tap.check(proc.returncode == 1 and proc.stderr.decode() ==
              "partygraph: <stdin>: input larger than the limit of 1024 bytes (--max-input-bytes)\n"
              and not os.path.exists(os.path.join(tmp, "o")),
              "standard input over the limit (1K = 1024): refused, nothing written", proc.stderr.decode())
    for value in ("1.5", "-1", "12T", "K", "1KB", "99999999999999999999"):
        proc = pgtest.run(BINARY, "build", "--max-input-bytes", value, path, check=False)
        if proc.returncode != 2 or "--max-input-bytes must be a number of bytes" not in proc.stderr.decode():
            break
    tap.check(proc.returncode == 2, "--max-input-bytes: a malformed size is a usage error", proc.stderr.decode())
    proc = pgtest.run(BINARY, "path", "--max-input-bytes", "0", path, "red", "green", check=False)
    tap.check(proc.returncode == 0, "--max-input-bytes 0: no limit (path reads the file)", proc.stderr.decode())
    cases = os.path.join(pgtest.ROOT, "tests", "cli", "cases")
    wrong = []
    for name in ("readers-graphml-path/input.graphml", "readers-ndjson-stdin/stdin", "readers-nodelink-problems/input.json"):
        path = os.path.join(cases, name)
        size = os.path.getsize(path)
        fits = pgtest.run(BINARY, "validate", "-q", "--max-input-bytes", str(size), path, check=False)
        over = pgtest.run(BINARY, "validate", "-q", "--max-input-bytes", str(size - 1), path, check=False)
        if b"input larger" in fits.stderr or over.returncode != 1 or not over.stderr.decode().startswith(
                f"partygraph: {path}: input larger than the limit of {size - 1} bytes"):
            wrong.append(f"{name}: {fits.returncode} / {over.returncode} {over.stderr.decode()}")
    tap.check(not wrong, "GraphML, NDJSON and node-link inputs: the same limit, at the same byte", "\n".join(wrong))
    check_fifo(tap, tmp)
    check_gzip_bomb(tap, tmp)


def check_fifo(tap, tmp):
    """A writer that never stops: partygraph stops reading past the limit."""
    fifo = os.path.join(tmp, "endless.fifo")
    os.mkfifo(fifo)
    written = [0]

    def feed():
        chunk = b" " * 65536
        try:
            with open(fifo, "wb") as f:
                f.write(b'{"parties": [')
                while written[0] < 1 << 30:
                    f.write(chunk)
                    written[0] += len(chunk)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    started = time.time()
    proc = pgtest.run(BINARY, "validate", "--max-input-bytes", "2M", fifo, check=False, timeout=60)
    writer.join(timeout=60)
    tap.check(proc.returncode == 1 and proc.stderr.decode().startswith(
              f"partygraph: {fifo}: input larger than the limit of 2097152 bytes (--max-input-bytes)\n")
              and written[0] < (2 << 20) + (4 << 20) and time.time() - started < 10,
              f"a FIFO fed without end: refused after the limit ({written[0] >> 20} MB written before the pipe broke)",
              proc.stderr.decode())


def check_gzip_bomb(tap, tmp):
    """1 GiB of spaces in a ~1 MB gzip file: refused at the limit, fast,
    in little memory."""
    bomb = os.path.join(tmp, "bomb.json.gz")
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(bomb, "wb") as f:
        f.write(packer.compress(b'{"parties": ['))
        block = b" " * (1 << 20)
        for _ in range(1024):
            f.write(packer.compress(block))
        f.write(packer.compress(b"]}") + packer.flush())
    started = time.time()
    child = subprocess.Popen([BINARY, "validate", "--max-input-bytes", "16M", bomb], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    err = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.time() - started
    tap.check(os.waitstatus_to_exitcode(status) == 1 and usage.ru_maxrss < 200 * 1024 and err.startswith(
              f"partygraph: {bomb}: input larger than the limit of 16777216 bytes once gunzipped (--max-input-bytes)\n"),
              f"a gzip bomb ({os.path.getsize(bomb) >> 10} KB -> 1 GiB): refused at 16M gunzipped in {seconds:.2f} s, "
              f"{usage.ru_maxrss >> 10} MB", err)


# ---- out of memory -----------------------------------------------------------


def check_out_of_memory(tap, tmp):
    what = "ulimit -v sweep: every run succeeds or fails with one 'out of memory' line, nothing written, DIR kept"
    if pgtest.asan_build(BINARY):
        tap.check(True, f"{what} # SKIP AddressSanitizer reserves terabytes of address space: no ASan build "
                  "runs under ulimit -v")
        return
    data = os.path.join(tmp, "gen.json")
    with open(data, "wb") as f:
        subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "5000"],
                       stdout=f, check=True)
    out, before = kept_dir(tmp, "oom-out")
    lowest = 20000
    while shell(BINARY, f"ulimit -v {lowest}", "--version").returncode != 0:  # the libraries must load
        lowest += 4000
    bad, stages, failures, successes, kb = [], {}, 0, 0, lowest
    while successes < 2 and kb < lowest + 1200000:
        proc = shell(BINARY, f"ulimit -v {kb}", "build", "-q", "--jobs", "2", "--threads", "2", "--restarts", "2",
                     "--betweenness-samples", "200", "--closeness-samples", "200", "--formats", "graphml,csv,json,gexf",
                     data, "-o", out)
        err = proc.stderr.decode(errors="replace")
        if proc.returncode == 0:
            successes += 1
            before = pgtest.snapshot(out)
        elif proc.returncode == 4 and pgtest.one_line(proc) and ("out of memory" in err.lower() or "fatal error" in err) \
                and pgtest.snapshot(out) == before:
            failures += 1
            stage = re.sub(r"\d+", "N", err.strip())
            stages[stage] = stages.get(stage, 0) + 1
        else:
            bad.append(f"ulimit -v {kb}: exit {proc.returncode}: {err.strip()[:300]}")
        kb += 1500
    tap.check(not bad and failures >= 5 and successes >= 1, what + f" ({failures} failures from {lowest} KB up)",
              "\n".join(bad))
    for stage, n in sorted(stages.items()):
        print(f"#   {n} x {stage}")


def check_no_threads(tap, tmp):
    """With no thread or process to spare (prlimit --nproc=1, as nobody:
    root is not held to it), the loader's thread, the distance pass's
    threads and the betweenness workers run in the calling thread: the
    same files as a normal run."""
    shared = os.path.join(tmp, "nproc")
    os.makedirs(shared)
    os.chmod(shared, 0o777)
    data = os.path.join(shared, "gen.json")
    with open(data, "wb") as f:  # over 1 MB: loaded by two threads
        subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "2000"],
                       stdout=f, check=True)
    os.chmod(data, 0o644)
    args = ["build", "-q", "--jobs", "2", "--threads", "2", "--betweenness-samples", "0", data, "-o"]
    pgtest.run(BINARY, *args, os.path.join(shared, "free"))
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")  # LeakSanitizer needs a thread of its own at exit
    binary = pgtest.for_nobody(BINARY, shared)
    proc = subprocess.run(NOBODY + ["prlimit", "--nproc=1:1", binary, *args, os.path.join(shared, "held")],
                          capture_output=True, env=env)
    tap.check(proc.returncode == 0 and pgtest.snapshot(os.path.join(shared, "free")) == pgtest.snapshot(os.path.join(shared, "held")),
              "no thread or process can start (prlimit --nproc=1): the work runs in one thread, the same files",
              proc.stderr.decode())


# ---- full disk ---------------------------------------------------------------


def check_full_disk(tap, tmp):
    example = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
    out, before = kept_dir(tmp, "fsize-out")
    proc = shell(BINARY, "ulimit -f 16", "build", "-q", example, "-o", out)
    err = proc.stderr.decode()
    tap.check(proc.returncode == 3 and pgtest.one_line(proc) and re.match(
              rf"partygraph: cannot write '{re.escape(out)}/[a-z.]+': File too large\n", err) and pgtest.snapshot(out) == before,
              "ulimit -f (SIGXFSZ left to partygraph): exit 3, one line naming the file, DIR byte-identical, "
              "no temporary file", err)
    target = os.path.join(tmp, "kept.graphml")
    open(target, "w").write("the user's GraphML\n")
    proc = shell(BINARY, "ulimit -f 16", "build", "-q", example, "--graphml", target)
    tap.check(proc.returncode == 3 and pgtest.one_line(proc) and open(target).read() == "the user's GraphML\n"
              and os.listdir(tmp).count("kept.graphml") == 1 and not [f for f in os.listdir(tmp) if "kept.graphml." in f],
              "ulimit -f with --graphml FILE: FILE intact, no temporary file beside it", proc.stderr.decode())
    check_tmpfs(tap, tmp, example)


def check_tmpfs(tap, tmp, example):
    disk = os.path.join(tmp, "disk")
    os.makedirs(disk)
    what = "a full tmpfs: exit 3, one line naming the file, DIR byte-identical, no temporary file"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", disk], capture_output=True).returncode != 0:
        tap.check(True, f"{what} # SKIP cannot mount a tmpfs here")
        return
    try:
        out = os.path.join(disk, "out")
        pgtest.run(BINARY, "build", "-q", os.path.join(pgtest.ROOT, "examples", "minimal.json"), "-o", out)
        before = pgtest.snapshot(out)
        proc = pgtest.run(BINARY, "build", "-q", example, "-o", out, check=False)
        err = proc.stderr.decode()
        tap.check(proc.returncode == 3 and pgtest.one_line(proc) and "No space left on device" in err and out in err
                  and pgtest.snapshot(out) == before and os.listdir(disk) == ["out"], what, err)
    finally:
        subprocess.run(["umount", disk])


# ---- nothing lost ------------------------------------------------------------


def check_late_failures(tap, tmp):
    undated = os.path.join(tmp, "undated.json")
    json.dump({"parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
               "relations": [{"type": "contact", "source": "a", "target": "b"}]}, open(undated, "w"))
    out, before = kept_dir(tmp, "late-out")
    proc = pgtest.run(BINARY, "build", "-q", "--window", "1y", undated, "-o", out, check=False)
    tap.check(proc.returncode == 2 and pgtest.one_line(proc) and pgtest.snapshot(out) == before,
              "a problem found after the analysis (--window on undated data): DIR exactly as it was",
              proc.stderr.decode())
    os.remove(os.path.join(out, "nodes.csv"))
    os.makedirs(os.path.join(out, "nodes.csv"))  # a target that cannot be written, after others were
    before = pgtest.snapshot(out)
    proc = pgtest.run(BINARY, "build", "-q", os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"), "-o", out,
                      check=False)
    tap.check(proc.returncode == 3 and proc.stderr.decode() == f"partygraph: cannot write '{out}/nodes.csv': it is a "
              "directory\n" and pgtest.snapshot(out) == before and sorted(os.listdir(out)) == sorted(
                  ["edges.csv", "graph.dot", "graph.graphml", "nodes.csv", "summary.json", "timeline.csv", "claims.csv", "notes.txt"]),
              "a target failing at writing, after graph.graphml and graph.dot were written: DIR exactly as it was",
              proc.stderr.decode())
    shared = os.path.join(tmp, "shared")
    os.makedirs(os.path.join(shared, "ro"))
    os.chmod(shared, 0o777)
    os.chmod(os.path.join(shared, "ro"), 0o555)
    target = os.path.join(shared, "kept.graphml")
    open(target, "w").write("the user's GraphML\n")
    os.chmod(target, 0o666)
    data = pgtest.for_nobody(os.path.join(pgtest.ROOT, "examples", "minimal.json"), tmp)
    proc = subprocess.run(NOBODY + [BINARY, "build", "-q", data,
                                    "--graphml", target, "--dot", os.path.join(shared, "ro", "g.dot")],
                          capture_output=True)
    tap.check(proc.returncode == 3 and proc.stderr.decode().startswith(
              f"partygraph: cannot write '{shared}/ro/g.dot': Permission denied")
              and open(target).read() == "the user's GraphML\n" and sorted(os.listdir(shared)) == ["kept.graphml", "ro"],
              "--graphml FILE --dot UNWRITABLE (as nobody): FILE intact, no temporary file", proc.stderr.decode())


# ---- bad inputs --------------------------------------------------------------


def check_permissions(tap, tmp):
    shared = os.path.join(tmp, "perm")
    os.makedirs(shared)
    os.chmod(shared, 0o755)
    secret = os.path.join(shared, "secret.json")
    shutil.copy(os.path.join(pgtest.ROOT, "examples", "minimal.json"), secret)
    os.chmod(secret, 0o000)
    proc = subprocess.run(NOBODY + [BINARY, "validate", secret], capture_output=True)
    tap.check(proc.returncode == 3 and proc.stderr.decode() == f"partygraph: cannot open '{secret}': Permission denied\n",
              "an unreadable file (as nobody): exit 3, the file and the reason", proc.stderr.decode())
    os.chmod(secret, 0o644)
    proc = subprocess.run(NOBODY + [BINARY, "build", "-q", secret, "-o", os.path.join(shared, "new", "out")],
                          capture_output=True)
    tap.check(proc.returncode == 3 and proc.stderr.decode() ==
              f"partygraph: cannot create directory '{shared}/new': Permission denied\n"
              and sorted(os.listdir(shared)) == ["secret.json"],
              "an output directory in a read-only place (as nobody): exit 3, the directory and the reason",
              proc.stderr.decode())
    proc = pgtest.run(BINARY, "build", "-q", secret, "-o", os.path.join(secret, "out"), check=False)
    tap.check(proc.returncode == 3 and proc.stderr.decode() ==
              f"partygraph: cannot create directory '{secret}': a file of that name exists\n",
              "an output directory under a file: exit 3", proc.stderr.decode())


def peak(args):
    """Exit status, stderr, seconds and peak RSS (MB) of one run."""
    started = time.time()
    child = subprocess.Popen([BINARY, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), err.decode(errors="replace"), time.time() - started, usage.ru_maxrss / 1024


def check_huge_inputs(tap, tmp):
    name = "N" * (50 << 20)
    big = os.path.join(tmp, "bigname.json")
    with open(big, "w") as f:
        f.write('{"parties": [{"id": "a", "name": "' + name + '"}, {"id": "b", "name": "B"}], '
                '"relations": [{"type": "contact", "source": "a", "target": "b"}]}')
    code, err, seconds, mb = peak(["validate", big])
    tap.check(code == 0 and mb < 6 * 50 + 60,
              f"a 50 MB name is accepted: validate in {seconds:.2f} s, {mb:.0f} MB", err)
    out = os.path.join(tmp, "bigname-out")
    csv.field_size_limit(1 << 27)
    code, err, seconds, mb = peak(["build", "-q", "--formats", "csv", big, "-o", out])
    with open(os.path.join(out, "nodes.csv"), newline="") as f:
        names = [row["label"] for row in csv.DictReader(f)]
    tap.check(code == 0 and names == [name, "B"],
              f"a 50 MB name comes out whole in nodes.csv (build {seconds:.2f} s, {mb:.0f} MB)", err)
    os.remove(big)
    shutil.rmtree(out)
    pair = os.path.join(tmp, "million.json")
    with open(pair, "w") as f:
        f.write('{"parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "relations": [')
        f.write(",".join(['{"type":"contact","source":"a","target":"b"}'] * 1000000))
        f.write("]}")
    out = os.path.join(tmp, "million-out")
    code, err, seconds, mb = peak(["build", "-q", "--formats", "csv", pair, "-o", out])
    with open(os.path.join(out, "edges.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    tap.check(code == 0 and len(rows) == 1 and rows[0]["count"] == "1000000" and rows[0]["weight"] == "1000000",
              f"a million relations between one pair: one edge, count 1000000, in {seconds:.2f} s, "
              f"{mb:.0f} MB", err + str(rows[:2]))


# ---- messages and exit codes -------------------------------------------------


def case_argv(case_dir):
    """The words of a golden case's command line, as the shell that runs it
    (tests/cli/run.sh) makes them."""
    args = open(os.path.join(case_dir, "args")).read()
    proc = subprocess.run(["sh", "-c", f'set -- {args.strip()}; for w in "$@"; do printf "%s\\0" "$w"; done'], capture_output=True,
                          cwd=case_dir, check=True)
    return [w.decode() for w in proc.stdout.split(b"\0")[:-1]]


def escaped(word):
    """`word` as a message shows it: control characters as \\u00XX."""
    return re.sub("[\x00-\x1f\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", word)


def check_golden_messages(tap):
    """Every stderr line of every golden case starts "partygraph: "; the
    lines of a failed run that is not a usage error (exit 2) name the
    input or the file at fault (a word of the case's command line)."""
    cases = os.path.join(pgtest.ROOT, "tests", "cli", "cases")
    bad = []
    for case in sorted(os.listdir(cases)):
        d = os.path.join(cases, case)
        status = int(open(os.path.join(d, "expected.status")).read())
        argv = case_argv(d)
        words = [escaped(w) for w in argv[1:] if not w.startswith("-")] + (["<stdin>"] if "-" in argv else [])
        for line in open(os.path.join(d, "expected.stderr"), encoding="utf-8").read().splitlines():
            if not line.startswith("partygraph: "):
                bad.append(f"{case}: {line}")
            elif status not in (0, 2) and not any(w in line for w in words):
                bad.append(f"{case}: names no file: {line}")
    tap.check(not bad and len(os.listdir(cases)) > 80,
              f"every stderr line of the {len(os.listdir(cases))} golden cases starts 'partygraph: ' and names the file",
              "\n".join(bad))


def check_exit_codes(tap):
    """One table: partygraph --help, docs/cli.md's "Exit codes and
    messages" and cli.h's enum give the same codes and meanings."""
    help_text = pgtest.run(BINARY, "--help").stdout.decode()
    from_help = dict(re.findall(r"^  ([0-4])  (.+)$", help_text.split("exit codes:")[1], re.M))
    page = open(os.path.join(pgtest.ROOT, "docs", "cli.md"), encoding="utf-8").read()
    section = page.split("\n## Exit codes and messages\n")[1].strip("\n").split("\n\n")[0]
    from_page = dict(re.findall(r"^\| ([0-4]) \| (.+) \|$", section, re.M))
    header = open(os.path.join(pgtest.ROOT, "src", "cli", "cli.h")).read()
    from_enum = dict((v, k) for k, v in re.findall(r"(EXIT_[A-Z]+) = ([0-4])", header))
    tap.check(len(from_help) == 5 and from_help == from_page and sorted(from_enum) == sorted(from_help),
              "partygraph --help, docs/cli.md's table and cli.h list the same exit codes with the same meanings",
              f"help: {from_help}\ndocs/cli.md: {from_page}\nenum: {from_enum}")
    cases = {  # what gives each code, as documented
        "out of memory": 4 if "out of memory" in from_help.get("4", "") else -1,
        "--max-input-bytes": 1 if "--max-input-bytes" in from_help.get("1", "") else -1,
    }
    tap.check(all(v >= 0 for v in cases.values()),
              "the table says which code out of memory (4) and the input limit (1) give", str(from_help))


def main():
    global BINARY
    BINARY = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pglimits-")
    os.chmod(tmp, 0o755)
    try:
        check_input_limit(tap, tmp)
        check_full_disk(tap, tmp)
        check_late_failures(tap, tmp)
        check_permissions(tap, tmp)
        check_huge_inputs(tap, tmp)
        check_golden_messages(tap)
        check_exit_codes(tap)
        check_out_of_memory(tap, tmp)
        check_no_threads(tap, tmp)
    finally:
        subprocess.run(["umount", os.path.join(tmp, "disk")], capture_output=True)
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
