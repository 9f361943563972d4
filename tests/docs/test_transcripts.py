"""The transcripts of the Markdown pages, run and compared.

A transcript is a fenced block whose info string is `console`, in README.md,
examples/README.md or a page of docs/. Its lines starting "$ " are commands
(a command line ending in a backslash goes on on the next line); the lines
after one, up to the next command or the end of the block, are what it
prints: standard output, then standard error. A line "..." stands for any
number of lines (none too); a last line "[N]" says that the command exits
with status N (without one, it must exit 0). Lines are compared exactly,
but for trailing spaces.

Each block runs in a directory of its own holding a copy of examples/ (so a
command sees the repository's top, as the pages say: `examples/...`), its
commands one after another through bash, with `partygraph` on PATH being
the binary under test. A block that differs fails, named FILE:LINE with the
difference.

    /usr/bin/python3 tests/docs/test_transcripts.py BUILD/partygraph
    UPDATE=1 /usr/bin/python3 tests/docs/test_transcripts.py BUILD/partygraph

UPDATE=1 rewrites each block that differs with what the commands print now,
keeping its shape: as many lines before the first "..." and after the last
as it had (review the diff)."""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ROOT = pgtest.ROOT
UPDATE = os.environ.get("UPDATE") == "1"
TIMEOUT = 120
FENCE = re.compile(r"^( *)```console\s*$")
STATUS = re.compile(r"^\[(\d+)\]$")
tap = pgtest.Tap()


def pages():
    """The pages whose transcripts are checked, from the repository's top."""
    docs = sorted(f for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    return ["README.md", "examples/README.md"] + [f"docs/{f}" for f in docs]


def blocks(lines):
    """[(first, end, body)]: the index of each console block's first line
    inside the fence, of its closing fence, and its lines unindented."""
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        i += 1
        if not m:
            continue
        indent, first = m.group(1), i
        while i < len(lines) and lines[i].strip() != "```":
            i += 1
        body = [line[len(indent):] if line.startswith(indent) else line for line in lines[first:i]]
        out.append((first, i, body))
        i += 1
    return out


def commands(body):
    """[(command, [expected lines], status)] of a block's lines."""
    out = []
    i = 0
    while i < len(body):
        line = body[i]
        if not line.startswith("$ "):
            raise ValueError(f"line {i + 1} of the block is neither a command nor its output: {line!r}")
        cmd = line[2:]
        while cmd.endswith("\\") and i + 1 < len(body):
            i += 1
            cmd = cmd[:-1] + " " + body[i].strip()
        i += 1
        want = []
        while i < len(body) and not body[i].startswith("$ "):
            want.append(body[i].rstrip())
            i += 1
        status = 0
        if want and STATUS.match(want[-1]):
            status = int(STATUS.match(want.pop()).group(1))
        out.append((cmd, want, status))
    return out


def matches(want, got):
    """True when the lines `got` are `want`, each "..." standing for any
    number of lines."""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and got[0] == want[0] and matches(want[1:], got[1:])


def reshape(want, got):
    """What UPDATE=1 writes: `got`, or, when `want` elides, as many of
    `got`'s first and last lines as `want` shows around its elisions."""
    if matches(want, got) or "..." not in want:
        return want if matches(want, got) else got
    head = want.index("...")
    tail = len(want) - 1 - max(i for i, w in enumerate(want) if w == "...")
    if head + tail >= len(got):
        return got
    return got[:head] + ["..."] + (got[len(got) - tail:] if tail else [])


def sandbox():
    """A fresh directory with a copy of examples/ and `partygraph` on PATH."""
    top = tempfile.mkdtemp(prefix="pgtranscript-")
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(top, "examples"))
    os.mkdir(os.path.join(top, ".bin"))
    os.symlink(BIN, os.path.join(top, ".bin", "partygraph"))
    return top


def run(cmd, top):
    """(lines, status) of `cmd` run by bash in `top`."""
    env = dict(os.environ, LC_ALL="C.UTF-8", PATH=os.path.join(top, ".bin") + ":" + os.environ["PATH"])
    proc = subprocess.run(["bash", "-c", cmd], cwd=top, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    text = proc.stdout + proc.stderr
    return [line.rstrip() for line in text.splitlines()], proc.returncode


def check_block(body):
    """Runs a block; returns (problems, its lines as they would be now)."""
    top = sandbox()
    problems, now = [], []
    try:
        for cmd, want, status in commands(body):
            got, code = run(cmd, top)
            if not matches(want, got):
                diff = difflib.unified_diff(want, got, "documented", "printed", lineterm="", n=1)
                problems.append(f"$ {cmd}\n" + "\n".join(diff))
            if code != status:
                problems.append(f"$ {cmd}\nexits {code}, not {status}")
            now += [f"$ {cmd}"] + reshape(want, got) + ([f"[{code}]"] if code else [])
    finally:
        shutil.rmtree(top)
    return problems, now


def check_page(page):
    """Checks (or, with UPDATE=1, rewrites) the console blocks of one page;
    returns how many it has."""
    path = os.path.join(ROOT, page)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found = blocks(lines)
    results = []
    for first, end, body in found:
        try:
            results.append(check_block(body))
        except (ValueError, subprocess.TimeoutExpired) as e:
            results.append(([f"the transcript does not run: {e}"], None))
    for (first, end, body), (problems, now) in zip(found, results):
        tap.check(not problems or (UPDATE and now), f"{page}:{first}: the transcript prints what it shows"
                  + (" (rewritten)" if problems and UPDATE and now else ""), "\n".join(problems))
    for (first, end, body), (problems, now) in reversed(list(zip(found, results))):
        if problems and UPDATE and now:
            indent = FENCE.match(lines[first - 1]).group(1)
            lines[first:end] = [(indent + line).rstrip() if line else line for line in now]
    if UPDATE:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return len(found)


def check_matcher():
    """The comparison itself: an elision matches any lines, a changed line
    fails."""
    ok = (matches(["a", "...", "c"], ["a", "b", "b", "c"]) and matches(["...", "c"], ["c"])
          and not matches(["a", "c"], ["a", "b", "c"]) and not matches(["a", "...", "c"], ["a", "b"])
          and reshape(["a", "...", "z"], ["x", "y", "w"]) == ["x", "...", "w"])
    tap.check(ok, "an elision matches any lines, a changed or missing line does not")


def main():
    check_matcher()
    counts = {page: check_page(page) for page in pages()}
    tap.check(counts["examples/README.md"] >= 2 and counts["README.md"] >= 1,
              f"the tutorial and the README have transcripts ({sum(counts.values())} blocks in all)", counts)
    tap.done()


main()
