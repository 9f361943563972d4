""""Did you mean" on the command line (issue 20): every command name and
every long option name, misspelt by one edit (a letter swapped with the
next, dropped, doubled or changed, or the word in capitals), is refused
with exit 2 and one line naming the nearest name. The names come from
`--help` and `help COMMAND`; the nearest name is worked out here (optimal
string alignment distance, the same word in another case first), so a
tie may name another name as near as the one misspelt. Abbreviations are
refused on every command and name what they begin; `help help` and
`version` are `--help` and `--version`; an id (ego, path, --exclude) or an
attribute (--where, --by) in the wrong case or one edit off is refused
with the dataset's own one, read here from the JSON; a --where value no
node has is a warning naming the nearest value and the most common ones.

    /usr/bin/python3 tests/cli/test_suggest.py BUILD/partygraph"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
MINIMAL = os.path.join(pgtest.ROOT, "examples", "minimal.json")
SCRATCH = tempfile.TemporaryDirectory()  # the runs' directory: an accepted abbreviation writes there
MEANT = re.compile(r"did you mean '([^']*)'\?")


def sh(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, cwd=SCRATCH.name)


def distance(a, b):
    """Optimal string alignment distance (adjacent swaps count one)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def nearest(word, names):
    """The names a suggestion for `word` may be: the same word in another
    case, else those at the least distance (within max(1, len / 3))."""
    same = [n for n in names if n.lower() == word.lower() and n != word]
    if same:
        return set(same)
    limit = max(1, len(word) // 3)
    near = {n: distance(word, n) for n in names if n != word}
    best = min([d for d in near.values() if d <= limit], default=None)
    return {n for n, d in near.items() if d == best}


def typos(name):
    """One-edit misspellings of `name`: swap, drop, double, change, capitals."""
    out = set()
    mid = len(name) // 2
    if len(name) >= 3 and name[mid - 1] != name[mid]:
        out.add(name[:mid - 1] + name[mid] + name[mid - 1] + name[mid + 1:])
    if len(name) >= 3:
        out.add(name[:mid] + name[mid + 1:])
    out.add(name[:mid] + name[mid] + name[mid:])
    out.add(name[:mid] + ("q" if name[mid] != "q" else "z") + name[mid + 1:])
    out.add(name.upper())
    return out


def commands():
    text = sh("--help").stdout.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in text.splitlines()]


def options_of(cmd):
    return sorted(set(re.findall(r"--([a-z][a-z-]*)", "\n".join(
        line for line in sh("help", cmd).stdout.splitlines() if line.startswith("  -")))))


def suggested(proc):
    m = MEANT.search(proc.stderr)
    return m.group(1) if m else None


def refused_with(tap, what, proc, allowed):
    """Exit 2, one line, and a suggestion among `allowed`."""
    ok = proc.returncode == 2 and proc.stderr.count("\n") == 1 and suggested(proc) in allowed
    tap.check(ok, what, f"exit {proc.returncode}, stderr {proc.stderr!r}, want one of {sorted(allowed)}")


def check_commands(tap, names):
    words = names + ["help", "version"]
    for name in names:
        for typo in sorted(typos(name) - set(words)):
            refused_with(tap, f"command '{typo}' suggests '{name}'", sh(typo, MINIMAL), nearest(typo, words))


def check_options(tap, cmds):
    seen = set()
    for cmd in cmds:
        names = options_of(cmd) + ["help"]
        for name in names:
            if name in seen:
                continue
            seen.add(name)
            for typo in sorted(typos(name)):
                if typo in names or any(n.startswith(typo) for n in names):
                    continue
                refused_with(tap, f"{cmd} --{typo} suggests --{name}", sh(cmd, "--" + typo),
                             {"--" + n for n in nearest(typo, names)})


def check_abbreviations(tap, cmds):
    """Every option but its last letter is refused, naming what it begins."""
    for cmd in cmds:
        names = options_of(cmd)
        for name in names:
            short = name[:-1]
            if short in names or len(short) < 2:
                continue
            proc = sh(cmd, "--" + short, "x", MINIMAL)
            begun = sorted("--" + n for n in names if n.startswith(short))
            said = set(re.findall(r"--[a-z-]+", proc.stderr.partition(":")[2])) - {"--" + short}
            tap.check(proc.returncode == 2 and said == set(begun), f"{cmd} --{short} is refused and names {begun}",
                      proc.stderr)


def check_aliases(tap):
    for word, option in (("help", "--help"), ("version", "--version")):
        args = ["help", "help"] if word == "help" else [word]
        a, b = sh(*args), sh(option)
        tap.check(a.returncode == 0 and a.stdout == b.stdout and b.stdout, f"{' '.join(args)} is {option}", a.stderr)


def check_ids(tap, ds):
    ids = [e["id"] for k in ("countries", "parties", "mechanisms", "events") for e in ds.get(k, [])]
    for i in ids:
        for typo in sorted({i.upper(), i + i[-1]} - set(ids)):
            want = nearest(typo, ids)
            refused_with(tap, f"ego {typo} suggests {i}", sh("ego", MINIMAL, typo, "-o", "unused"), want)
            refused_with(tap, f"path {ids[0]} {typo} suggests {i}", sh("path", MINIMAL, ids[0], typo), want)
            refused_with(tap, f"--exclude {typo} suggests {i}",
                         sh("build", "-q", "--graphml", "-", "--exclude", typo, MINIMAL), want)


def check_attributes(tap, ds):
    """The scalar fields of the JSON's entities are their attributes (id and
    name are not: nodes are not filtered by them), and kind."""
    keys = sorted({k for kind in ("countries", "parties", "mechanisms", "events") for e in ds.get(kind, [])
                   for k, v in e.items() if isinstance(v, (str, int, float, bool)) and k not in ("id", "name")} | {"kind"})
    for key in keys:
        typo = key[:len(key) // 2] + "q" + key[len(key) // 2 + 1:]
        if typo in keys:
            continue
        proc = sh("build", "-q", "--graphml", "-", "--where", f"{typo}=x", MINIMAL)
        refused_with(tap, f"--where {typo}=x suggests {key}", proc, nearest(typo, keys) | {key})
        proc = sh("build", "-q", "--graphml", "-", "--by", typo, MINIMAL)
        refused_with(tap, f"--by {typo} suggests {key}", proc, nearest(typo, keys) | {key})


def check_values(tap, ds):
    """--where on a value no node has: exit 0, a warning naming the nearest
    value and the values there are, most common first (counted here)."""
    counts = {}
    for e in ds.get("parties", []):
        if "family" in e:
            counts[e["family"]] = counts.get(e["family"], 0) + 1
    common = sorted(counts, key=lambda v: (-counts[v], v))[:5]
    for value in sorted(counts):
        typo = value[:-1]
        proc = sh("build", "-q", "--graphml", "-", "--where", f"family={typo}", MINIMAL)
        listed = re.findall(r"'([^']*)' \((\d+)\)", proc.stderr)
        ok = (proc.returncode == 0 and "warning" in proc.stderr and suggested(proc) in nearest(typo, list(counts))
              and listed == [(v, str(counts[v])) for v in common])
        tap.check(ok, f"--where family={typo} warns, suggests {value} and lists {common}", proc.stderr)


def main():
    tap = pgtest.Tap()
    cmds = commands()
    tap.check(len(cmds) >= 7, "--help lists the commands", cmds)
    check_commands(tap, cmds)
    check_options(tap, cmds)
    check_abbreviations(tap, cmds)
    check_aliases(tap)
    ds = pgtest.read_json(MINIMAL)
    check_ids(tap, ds)
    check_attributes(tap, ds)
    check_values(tap, ds)
    tap.done()


main()
