"""The manual pages, the bash completion and the documentation against the
binary.

docs/man/partygraph.1 and docs/man/partygraph-format.5 must format without
a warning (groff -ww, man --warnings, lexgrog); every option `partygraph
help CMD` lists must appear in that command's section of partygraph.1 with
its argument name, and nothing else; OPTIONS must describe each option once,
naming every value the CLI accepts; EXIT STATUS must give the codes of
`partygraph --help` and of docs/cli.md; the version must be PG_VERSION's.
The format page's example must validate, its limits must be where the
binary puts them, its lists must match docs/input.md's and the binary's.
scripts/partygraph.bash-completion is sourced in bash and driven through
COMP_WORDS/COMP_CWORD; what it offers is compared with `partygraph help CMD`
and with the valid values the CLI's own messages list for a bad value, so
that a new option or value fails here until the pages and the completion
learn it. The man pages are read as groff formats them (one line per
paragraph), never from their source (but for the .TH line).

The Markdown pages are held to the binary too: the options table of
docs/cli.md lists exactly the options of every command, with help's
argument names, and names every value of each fixed set; the metrics table
of docs/network.md names exactly the metrics --metrics knows, and its
python-igraph calls, run on the bundled dataset's nodes.csv and edges.csv,
give partygraph's values; the tables of output files (README.md "What it
writes", docs/outputs.md "The files") list exactly what a build with every
format and --window writes. CITATION.cff must be CFF 1.2.0 with the
required keys, PG_VERSION as its version and the licence of LICENSE.

    /usr/bin/python3 tests/docs/test_docs.py BUILD/partygraph"""
import csv
import datetime
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ROOT = pgtest.ROOT
PAGE1 = os.path.join(ROOT, "docs", "man", "partygraph.1")
PAGE5 = os.path.join(ROOT, "docs", "man", "partygraph-format.5")
COMPLETION = os.path.join(ROOT, "scripts", "partygraph.bash-completion")
TMP = tempfile.TemporaryDirectory(prefix="pgdocs-")
ENV = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
tap = pgtest.Tap()

# The left column of an option, as help prints it and the man page lists it:
# "-o, --output DIR", "--view VIEW", "--giant", "-h, --help".
OPTION = re.compile(r"^(?:-([A-Za-z]), )?--([a-z][a-z0-9-]*)(?: (\S+))?$")


def sh(*args, **kwargs):
    return subprocess.run(list(args), capture_output=True, text=True, env=ENV, **kwargs)


# ---- what the binary says --------------------------------------------------

def commands():
    """The commands `partygraph --help` lists."""
    text = sh(BIN, "--help").stdout
    block = text.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def help_options(cmd):
    """{(short, long, arg)} of `partygraph help CMD` (short and arg: None
    when there is none)."""
    text = sh(BIN, "help", cmd).stdout
    rows = set()
    for line in text.split("\noptions:\n", 1)[1].splitlines():
        m = re.match(r"^  (.{30}) (\S.*)$", line)
        left = m.group(1).strip() if m else line.strip()
        o = OPTION.match(left)
        if not o:
            raise ValueError(f"help {cmd}: cannot read option line {line!r}")
        rows.add(o.groups())
    return rows


def split_list(text):
    """"a, b, c or d" and "a,b,c" -> [a, b, c, d]."""
    return [w for w in re.split(r",\s*|\s+or\s+", text.strip()) if w]


def probe(cmd, option):
    """What the CLI accepts as the value of `option` of `cmd`, from its
    message for a nonsense value: ("set", [values]), ("number", None) or
    ("free", None) when any value passes (the missing FILE stops it then)."""
    usage = sh(BIN, "help", cmd).stdout.splitlines()[0]
    # ego's ID, path's A B, convert's OUT (a name convert writes, so that the option is what fails)
    ids = ["x.json"] * (len(usage.split("[options]", 1)[1].split()) - 1)
    proc = sh(BIN, cmd, option, "no-such-value", "missing.json", *ids, cwd=TMP.name)
    err = proc.stderr
    if proc.returncode == 3:
        return ("free", None)
    m = re.search(r"unknown metric '[^']*' \(known: ([^)]*)\)", err)
    if m:
        return ("set", split_list(m.group(1)))
    m = re.search(r"must be (.*), not '", err)
    if not m:
        raise ValueError(f"{cmd} {option}: unexpected message {err!r}")
    want = m.group(1)
    if re.match(r"an integer|a number", want):
        return ("number", None)
    m2 = re.match(r"a metric \(not (.*)\)$", want)
    if m2:
        excluded = split_list(m2.group(1))
        return ("set", [x for x in probe(cmd, "--metrics")[1] if x not in excluded])
    want = re.sub(r"^a list of ", "", want)
    return ("set", split_list(want))


def exit_codes_help():
    """The table under "exit codes:" in --help: "  N  MEANING" lines."""
    text = sh(BIN, "--help").stdout.split("\nexit codes:", 1)[1]
    return {int(code): meaning.strip() for code, meaning in re.findall(r"^  (\d+)  (.+)$", text, re.M)}


# ---- what the man pages say ------------------------------------------------

def render(page, width="3000n"):
    """The page as groff formats it, one line per paragraph, in plain
    characters. Returns (lines, stderr)."""
    proc = sh("groff", "-man", "-Tutf8", "-P-cbou", f"-rLL={width}", "-rHY=0", page)
    text = proc.stdout
    for a, b in (("\u2212", "-"), ("\u2010", "-"), ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'),
                 ("\u201d", '"'), ("\u00a0", " ")):
        text = text.replace(a, b)
    return [line.rstrip() for line in text.splitlines()], proc.stderr


def sections(lines):
    """{SECTION: [lines]} (.SH headings start at column 0)."""
    out, name = {}, None
    for line in lines[1:]:
        if line and not line[0].isspace():
            name = line.strip()
            out.setdefault(name, [])
        elif name:
            out[name].append(line)
    return out


def subsections(lines):
    """{Subsection: [lines]} of a section (.SS headings at column 3)."""
    out, name = {}, None
    for line in lines:
        if re.match(r"^   \S", line):
            name = line.strip()
            out[name] = []
        elif name:
            out[name].append(line)
    return out


def tags(lines):
    """[(tag, description)] of the .TP paragraphs: tags at column 7, the
    description at column 14, on the next line or, after a tag short enough,
    on the same one; .TQ tags share the description that follows them."""
    out, pending = [], []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if re.match(r"^ {14}\S", line) and pending:
            out.extend((t, line.strip()) for t in pending)
            pending = []
        elif not re.match(r"^ {7}\S", line):
            continue
        elif re.match(r"^ {7}\S|^ {14}\S", following):  # a tag line of its own (or of a .TQ run)
            pending.append(line.strip())
        elif re.match(r"^ {7}\S{1,6} +\S", line) and line[13] == " " and line[14] != " ":
            out.extend((t, line[14:].strip()) for t in pending + [line[7:14].strip()])
            pending = []
        else:  # a paragraph, not a tag
            pending = []
    return out


def listed_options(lines):
    """The options a command's section lists after "Options:", each entry
    "-o, --output DIR" read as help reads its own, and any entry that is no
    option (an error)."""
    text = "\n".join(lines)
    if "Options:" not in text:
        return set(), ["no Options: list"]
    rows, bad = set(), []
    for para in text.split("Options:", 1)[1].splitlines():
        para = re.sub(r"^\s*[A-Z][a-z ]*:\s+", "", para.strip()).rstrip(".")
        for entry in filter(None, (e.strip() for e in para.split(";"))):
            o = OPTION.match(entry)
            if o:
                rows.add(o.groups())
            else:
                bad.append(entry)
    return rows, bad


def long_options_in(text):
    return set(re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*[a-z0-9])", text))


def page_header(page):
    with open(page, encoding="utf-8") as f:
        for line in f:
            if line.startswith(".TH "):
                return shlex.split(line)[1:]
    return []


# ---- what the Markdown pages say -------------------------------------------

def md_section(page, heading):
    """The text under the Markdown heading HEADING (any level) of PAGE (a
    path from the top of the repository), to the next heading of the same
    or a higher level; "" when there is no such heading."""
    with open(os.path.join(ROOT, page), encoding="utf-8") as f:
        lines = f.read().split("\n")
    level, out = None, []
    for line in lines:
        m = re.match(r"^(#{1,6}) (.*)$", line)
        if level is None:
            if m and m.group(2).strip() == heading:
                level = len(m.group(1))
        elif m and len(m.group(1)) <= level:
            break
        else:
            out.append(line)
    return "\n".join(out).strip("\n")


def md_table(text):
    """The rows of the first Markdown table of TEXT, as lists of cells
    (the header and the |---| line left out)."""
    rows = [line for line in text.split("\n") if line.startswith("|")]
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    return [c for c in cells[2:] if c]


def code_spans(cell):
    return re.findall(r"`([^`]+)`", cell)


# ---- the completion --------------------------------------------------------

def complete(*cases):
    """Runs _partygraph for each command line (a list of words, the last
    being completed) in one bash, in the test's scratch directory; returns
    one set of candidates per case."""
    script = [f"source {shlex.quote(COMPLETION)}", "complete -p partygraph; echo @@END"]
    for words in cases:
        quoted = " ".join(shlex.quote(w) for w in words)
        script += [f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; COMPREPLY=()",
                   f"COMP_LINE={shlex.quote(' '.join(words))}; COMP_POINT=${{#COMP_LINE}}",
                   "_partygraph; printf '%s\\n' \"${COMPREPLY[@]}\"; echo @@END"]
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", "\n".join(script)], capture_output=True,
                          text=True, cwd=FILES)
    parts = proc.stdout.split("@@END\n")
    if proc.returncode != 0 or proc.stderr or len(parts) != len(cases) + 2:
        raise RuntimeError(f"bash: exit {proc.returncode}, {len(parts)} parts: {proc.stderr}")
    complete.registration = parts[0].strip()
    return [set(filter(None, p.split("\n"))) for p in parts[1:-1]]


def completion_value(value):
    """What the completion offers for a value the CLI names: "top:N" is
    completed as far as "top:"."""
    return "top:" if value == "top:N" else value


# ---- the checks ------------------------------------------------------------

def check_warnings():
    for page in (PAGE1, PAGE5):
        name = os.path.basename(page)
        proc = sh("groff", "-ww", "-man", "-Tutf8", page)
        tap.check(proc.returncode == 0 and proc.stderr == "" and len(proc.stdout) > 1000,
                  f"{name}: groff -ww -man -Tutf8 warns of nothing", proc.stderr)
        if shutil.which("man"):
            proc = sh("man", "--warnings", "-l", page)
            tap.check(proc.returncode == 0 and proc.stderr == "", f"{name}: man --warnings -l warns of nothing",
                      proc.stderr)
        else:
            tap.check(True, f"{name}: man --warnings # SKIP man is not installed")
        if shutil.which("lexgrog"):
            proc = sh("lexgrog", page)
            want = os.path.basename(page).rsplit(".", 1)[0] + " - "
            tap.check(proc.returncode == 0 and want in proc.stdout, f"{name}: lexgrog reads its NAME line",
                      proc.stdout + proc.stderr)
        else:
            tap.check(True, f"{name}: lexgrog # SKIP lexgrog is not installed")


def check_header():
    with open(os.path.join(ROOT, "include", "partygraph.h"), encoding="utf-8") as f:
        version = re.search(r'#define PG_VERSION "([^"]+)"', f.read()).group(1)
    printed = sh(BIN, "--version").stdout.split()[1]
    heads = {os.path.basename(p): page_header(p) for p in (PAGE1, PAGE5)}
    tap.check(printed == version, "partygraph --version prints PG_VERSION", printed)
    for name, head in heads.items():
        tap.check(len(head) >= 4 and head[3] == f"partygraph {version}" and re.fullmatch(r"\d{4}-\d\d-\d\d", head[2])
                  is not None, f"{name}: .TH names partygraph {version} and an ISO date", head)
    tap.check(heads["partygraph.1"][:2] == ["PARTYGRAPH", "1"] and heads["partygraph-format.5"][:2] ==
              ["PARTYGRAPH-FORMAT", "5"] and heads["partygraph.1"][2] == heads["partygraph-format.5"][2],
              "the pages' titles, sections and dates agree", heads)


def check_commands(sec, cmds):
    synopsis = {line.split()[1] for line in sec["SYNOPSIS"] if line.strip().startswith("partygraph ")
                and not line.split()[1].startswith("-")}
    tap.check(synopsis == set(cmds) | {"help"}, "SYNOPSIS names every command of --help, and help",
              f"{sorted(synopsis)} vs {cmds}")
    subs = subsections(sec["COMMANDS"])
    tap.check(set(subs) == set(cmds) | {"help"}, "COMMANDS has a section per command", sorted(subs))
    return subs


def check_command_options(subs, cmds, helps):
    for cmd in cmds:
        lines = subs.get(cmd, [])
        listed, bad = listed_options(lines)
        want = helps[cmd]
        tap.check(listed == want and not bad,
                  f"partygraph.1 {cmd}: the options listed are exactly those of 'help {cmd}', with their arguments",
                  f"missing: {sorted(want - listed, key=str)}\nnot in help: {sorted(listed - want, key=str)}\n"
                  f"unreadable: {bad}")
        prose = "\n".join(lines).split("Options:", 1)[0]
        foreign = long_options_in(prose) - {o[1] for o in want}
        tap.check(not foreign, f"partygraph.1 {cmd}: its text names no option {cmd} lacks", sorted(foreign))


def check_options_section(sec, helps, values):
    entries = tags(sec["OPTIONS"])
    documented = {}
    for tag, desc in entries:
        o = OPTION.match(tag)
        if o:
            documented.setdefault(o.groups(), []).append(desc)
    every = set().union(*helps.values())
    tap.check(set(documented) == every and all(len(d) == 1 for d in documented.values()),
              "OPTIONS describes every option of every command once, with the argument help gives it",
              f"missing: {sorted(every - set(documented), key=str)}\nunknown: "
              f"{sorted(set(documented) - every, key=str)}")
    missing = []
    for option, valid in sorted(values.items()):
        desc = " ".join(" ".join(d) for k, d in documented.items() if k[1] == option.lstrip("-"))
        for v in valid:
            pattern = r"top:\S" if v == "top:N" else r"(?<![\w-])" + re.escape(v) + r"(?![\w-])"
            if not re.search(pattern, desc):
                missing.append(f"{option} {v}")
    tap.check(values and not missing, "OPTIONS names every value the CLI accepts for each option with a fixed set",
              missing)


def check_defaults(subs, sec, cmds, helps):
    """Each command that writes a directory: the one it creates by default
    is named in its section, in its help and under -o."""
    minimal = os.path.join(ROOT, "examples", "minimal.json")
    o_desc = " ".join(d for t, d in tags(sec["OPTIONS"]) if t.startswith("-o, --output"))
    for cmd in [c for c in cmds if ("o", "output", "DIR") in helps[c]]:
        usage = sh(BIN, "help", cmd).stdout.splitlines()[0]
        ids = ["red"] * (len(usage.split("[options]", 1)[1].split()) - 1)  # ego's ID
        work = tempfile.mkdtemp(dir=TMP.name)
        proc = sh(BIN, cmd, "-q", minimal, *ids, "--layout", "none", cwd=work)
        made = os.listdir(work)
        ok = proc.returncode == 0 and len(made) == 1
        name = made[0] if ok else "?"
        out_line = [x for x in sh(BIN, "help", cmd).stdout.splitlines() if "--output" in x]
        tap.check(ok and name in "\n".join(subs[cmd]) and f"{name} for {cmd}" in o_desc,
                  f"{cmd} writes into {name} by default, as its section and -o say", (proc.stderr, made, o_desc))
        line = out_line[0] if out_line else ""
        tap.check(ok and (f"ego: {name}" if cmd == "ego" else f"default: {name}") in line,
                  f"help {cmd} names {name} as the default directory", line)


def check_exit_status(sec):
    helped = exit_codes_help()
    man = {}
    for tag, desc in tags(sec["EXIT STATUS"]):
        if tag.isdigit():
            man[int(tag)] = desc
    table = md_section("docs/cli.md", "Exit codes and messages").split("\n\n")[0]
    page_codes = {int(c) for c in re.findall(r"^\| (\d+) \|", table, re.M)}
    tap.check(set(man) == set(helped) == page_codes, "EXIT STATUS has the codes of --help and of docs/cli.md",
              f"man {sorted(man)}, help {sorted(helped)}, docs/cli.md {sorted(page_codes)}")
    wrong = [c for c in helped if c in man and not man[c].lower().startswith(helped[c].lower())]
    tap.check(not wrong, "each exit status says what --help says of it", {c: (helped[c], man.get(c)) for c in wrong})


def check_examples(sec, helps):
    text = "\n".join(sec["EXAMPLES"]).replace("\\\n", " ")
    runs = [line.strip() for line in text.splitlines() if "partygraph " in line and not line.strip().endswith(":")]
    problems = []
    for line in runs:
        for part in line.split("|"):
            words = shlex.split(part)
            if not words or words[0] != "partygraph":
                continue
            cmd, rest = words[1], words[2:]
            known = {("--" + o[1]): o[2] for o in helps.get(cmd, ())} | {"-" + o[0]: o[2] for o in
                                                                         helps.get(cmd, ()) if o[0]}
            i = 0
            while i < len(rest):
                w = rest[i]
                if w.startswith("-") and w != "-":
                    if w not in known:
                        problems.append(f"{line}: {cmd} has no {w}")
                    i += 1 if known.get(w) else 0
                elif w.startswith("examples/") and not os.path.exists(os.path.join(ROOT, w)):
                    problems.append(f"{line}: no {w}")
                i += 1
    tap.check(len(runs) >= 8 and not problems, f"EXAMPLES: {len(runs)} command lines, every option real",
              "\n".join(problems))
    wants = ["build examples/cpc-interparty.json", "neato -n", "build -", ".gz", "--window", "--view parties"]
    tap.check(all(w in text for w in wants), "EXAMPLES cover the common runs of the README's tour",
              [w for w in wants if w not in text])
    see = " ".join(sec["SEE ALSO"])
    tap.check(all(x in see for x in ("partygraph-format(5)", "dot(1)", "sfdp(1)")),
              "SEE ALSO names partygraph-format(5), dot(1), sfdp(1)", see)


def help_examples(cmd):
    """The command lines under "examples:" in `partygraph help CMD`."""
    text = sh(BIN, "help", cmd).stdout
    block = text.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0] if "\nexamples:\n" in text else ""
    return [line.strip() for line in block.splitlines() if line.startswith("  ") and not line.startswith("    ")]


def man_examples(sec):
    """{CMD: [command lines]} of the per-command subsections of EXAMPLES."""
    subs = subsections(sec["EXAMPLES"])
    return {cmd: [line.strip() for line in lines if " partygraph " in f" {line.strip()} "
                  and not line.strip().endswith(":")] for cmd, lines in subs.items()}


def run_examples(lines):
    """Runs example lines one after another with bash in a fresh directory
    holding examples/, data.json (the bundled dataset) and data.json.gz,
    `partygraph` being the binary under test; returns why each one that did
    not exit 0 failed."""
    top = tempfile.mkdtemp(dir=TMP.name)
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(top, "examples"))
    data = os.path.join(top, "data.json")
    shutil.copy(os.path.join(ROOT, "examples", "cpc-interparty.json"), data)
    subprocess.run(["gzip", "-k", data], check=True)
    os.mkdir(os.path.join(top, ".bin"))
    os.symlink(BIN, os.path.join(top, ".bin", "partygraph"))
    env = dict(ENV, PATH=os.path.join(top, ".bin") + ":" + os.environ["PATH"])
    failed = []
    for line in lines:
        proc = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=top, env=env, capture_output=True,
                              text=True, timeout=300)
        if proc.returncode != 0:
            failed.append(f"{line}: exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    return failed


def check_command_examples(sec, cmds):
    """help CMD and the man page's EXAMPLES give each command the same 2-4
    examples, and each runs on the bundled dataset (examples of one command
    run one after another, so that one may use what the one before wrote)."""
    man = man_examples(sec)
    for cmd in cmds:
        mine = help_examples(cmd)
        tap.check(2 <= len(mine) <= 4 and mine == man.get(cmd), f"help {cmd} and partygraph.1 EXAMPLES "
                  f"{cmd} show the same {len(mine)} examples", f"help: {mine}\nman: {man.get(cmd)}")
        failed = run_examples(mine)
        tap.check(mine and not failed, f"help {cmd}: every example runs on the bundled dataset", "\n".join(failed))


def check_format_page(values):
    lines, _ = render(PAGE5)
    sec = sections(lines)
    example = "\n".join(sec.get("EXAMPLE", []))
    path = os.path.join(TMP.name, "example.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(example)
    proc = sh(BIN, "validate", path)
    tap.check(proc.returncode == 0 and proc.stderr == "" and "valid partygraph/1" in proc.stdout,
              "partygraph-format.5: its EXAMPLE is valid partygraph/1 without a warning", proc.stdout + proc.stderr)
    data = json.loads(example) if proc.returncode == 0 else {}
    tap.check(all(data.get(k) for k in ("countries", "parties", "mechanisms", "events", "relations", "sources")),
              "partygraph-format.5: its EXAMPLE has every kind of element", sorted(data))

    top = {w for tag, _ in tags(sec["TOP-LEVEL KEYS"]) for w in re.split(r",\s*", tag)}
    minimal = pgtest.load_example("minimal.json")
    readme = md_section("docs/input.md", "The input format `partygraph/1`")
    rows = dict(re.findall(r"^\| ((?:`[a-z]+`(?:, )?)+) \| (.*) \|$", readme, re.M))
    readme_keys = {k for key in rows for k in re.findall(r"`([a-z]+)`", key)}
    tap.check(set(minimal) <= top and readme_keys <= top,
              "partygraph-format.5: every top-level key of minimal.json and docs/input.md's table is described",
              f"missing: {sorted((set(minimal) | readme_keys) - top)}")

    fields = {k: re.findall(r'"([a-z0-9_]+)"', re.sub(r"\[[^]]*\]", "", v))  # nested ones under their field
              for key, v in rows.items() for k in re.findall(r"`([a-z]+)`", key)}
    subs = subsections(sec["ENTITIES"])
    missing = []
    for array, heading in (("countries", "Countries"), ("parties", "Parties"), ("mechanisms", "Mechanisms"),
                           ("events", "Events"), ("sources", "Sources")):
        described = {w for tag, _ in tags(subs.get(heading, [])) for w in re.split(r",\s*", tag)}
        missing += [f"{array}.{f}" for f in fields.get(array, []) if f not in described | {"id", "name"}]
    relation_tags = {w for tag, _ in tags(sec["RELATIONS"]) for w in re.split(r",\s*", tag)}
    missing += [f"relations.{f}" for f in fields.get("relations", []) if f not in relation_tags]
    tap.check(fields.get("parties") and not missing,
              "partygraph-format.5: every field of docs/input.md's table is described under its kind", missing)

    usual = re.search(r"the usual ones are ((?:`[a-z_]+`[,\s]*)+)", readme)
    usual = re.findall(r"`([a-z_]+)`", usual.group(1)) if usual else []
    relations_text = "\n".join(sec["RELATIONS"])
    tap.check(len(usual) >= 5 and all(re.search(r"\b" + t + r"\b", relations_text) for t in usual),
              "partygraph-format.5: RELATIONS names docs/input.md's usual relation types",
              [t for t in usual if t not in relations_text])

    formats = {tag for tag, _ in tags(sec["OTHER INPUT FORMATS"])}
    accepted = set(values["--input-format"]) - {"auto"}
    tap.check(formats == accepted, "partygraph-format.5: OTHER INPUT FORMATS lists what --input-format accepts",
              f"{sorted(formats)} vs {sorted(accepted)}")

    check_limits({tag: desc for tag, desc in tags(sec["LIMITS"])})


def check_limits(limits):
    """The documented limits are where the binary draws them."""
    def valid(doc):
        path = os.path.join(TMP.name, "limit.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc)
        proc = sh(BIN, "validate", path)
        return proc.returncode, proc.stderr

    def deep(levels):  # the top-level object, parties, a party, then arrays
        return '{"parties": [{"id": "a", "name": "A", "deep": ' + "[" * (levels - 3) + "]" * (levels - 3) + "}]}"

    m = re.search(r"at most (\d+) levels", limits.get("nesting", ""))
    n = int(m.group(1)) if m else 0
    at, over = valid(deep(n)), valid(deep(n + 1))
    tap.check(n > 3 and at[0] == 0 and over[0] == 1 and "nesting too deep" in over[1],
              f"nesting: {n} levels load, {n + 1} are refused", (at, over))

    m = re.search(r"(\d+) to (\d+) characters", limits.get("ids", ""))
    lo, hi = (int(m.group(1)), int(m.group(2))) if m else (0, 0)

    def ids(k):
        return valid(json.dumps({"parties": [{"id": "a" * k, "name": "A"}]}))
    tap.check(hi > 0 and ids(hi)[0] == 0 and ids(hi + 1)[0] == 1 and ids(lo)[0] == 0 and valid(
              '{"parties": [{"id": "", "name": "A"}]}')[0] == 1, f"ids: {lo} to {hi} characters, no more", (lo, hi))

    m = re.search(r"from (\S+) to (\S+?):", limits.get("weights", ""))
    lo_w, hi_w = (m.group(1), m.group(2)) if m else ("0", "0")

    def weight(w):
        return valid('{"parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "relations": '
                     '[{"type": "contact", "source": "a", "target": "b", "weight": %s}]}' % w)[0]
    tap.check(m is not None and weight(lo_w) == 0 and weight(hi_w) == 0 and weight(hi_w.replace("e100", "e101")) == 1
              and weight(lo_w.replace("e-100", "e-101")) == 1, f"weights: {lo_w} to {hi_w}, no further",
              (lo_w, hi_w))


def check_options_table(helps, values):
    """docs/cli.md's table: every option of every command, with the
    argument name help gives it, and every value of a fixed set (the metric
    names are the metrics table's, checked there)."""
    rows, bad = {}, []
    for cells in md_table(md_section("docs/cli.md", "Options")):
        for span in code_spans(cells[0]):
            o = OPTION.match(span)
            if o:
                rows[o.groups()] = cells[1]
            else:
                bad.append(span)
    every = set().union(*helps.values())
    tap.check(rows and set(rows) == every and not bad,
              "docs/cli.md: the options table lists every option of every command, with help's argument names",
              f"missing: {sorted(every - set(rows), key=str)}\nnot in help: {sorted(set(rows) - every, key=str)}\n"
              f"unreadable: {bad}")
    missing = []
    for option, valid in sorted(values.items()):
        if option in ("--metrics", "--size-by"):
            continue
        desc = " ".join(d for k, d in rows.items() if k[1] == option.lstrip("-"))
        for v in valid:
            pattern = r"top:\S" if v == "top:N" else r"(?<![\w-])" + re.escape(v) + r"(?![\w-])"
            if not re.search(pattern, desc):
                missing.append(f"{option} {v}")
    tap.check(not missing, "docs/cli.md: the options table names every value the CLI accepts for each fixed set",
              missing)


def igraph_values(directory):
    """(node ids, python-igraph Graph) of DIR/nodes.csv and DIR/edges.csv,
    the edges with their "weight"."""
    import igraph as ig
    with open(os.path.join(directory, "nodes.csv"), encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(directory, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    index = {n["id"]: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in edges])
    g.es["weight"] = [float(e["weight"]) for e in edges]
    return nodes, g


def same_value(cell, value):
    """A nodes.csv cell and a python-igraph value agree: both undefined
    (an empty cell; None or NaN), or equal to 1e-9 relative."""
    undefined = value is None or (isinstance(value, float) and math.isnan(value))
    if cell == "" or undefined:
        return cell == "" and undefined
    return math.isclose(float(cell), float(value), rel_tol=1e-9, abs_tol=1e-12)


def check_metrics_table(values):
    """docs/network.md's metrics table names exactly the metrics --metrics
    knows; each python-igraph cell that is one call (`g.…(…)`) gives, on
    the bundled dataset, the column of nodes.csv."""
    rows = md_table(md_section("docs/network.md", "Metrics"))
    named = {m for cells in rows for m in code_spans(cells[0])}
    known = set(values.get("--metrics", []))
    tap.check(known and named == known, "docs/network.md: the metrics table names every metric --metrics knows",
              f"missing: {sorted(known - named)}\nunknown: {sorted(named - known)}")
    calls = {cells[0].strip("`"): cells[3][1:-1] for cells in rows
             if len(cells) > 3 and re.fullmatch(r"`g\.[a-z_]+\([^`]*\)`", cells[3])}
    out = os.path.join(TMP.name, "metrics")
    proc = sh(BIN, "build", "-q", os.path.join(ROOT, "examples", "cpc-interparty.json"), "-o", out,
              "--formats", "csv", "--layout", "none")
    try:
        nodes, g = igraph_values(out)
    except (ImportError, OSError) as e:
        tap.check(False, "docs/network.md: the python-igraph calls give partygraph's values", (proc.stderr, e))
        return
    wrong = []
    for metric, call in sorted(calls.items()):
        got = eval(call, {"g": g})  # the page's own code, on a graph the test built
        bad = [n["id"] for n, v in zip(nodes, got) if not same_value(n[metric], v)]
        if bad:
            wrong.append(f"{metric}: {call} differs at {bad[:5]}")
    tap.check(len(calls) >= 8 and not wrong,
              f"docs/network.md: its {len(calls)} python-igraph calls give nodes.csv's values on the bundled dataset",
              "\n".join(wrong) or sorted(calls))


def check_output_tables(values):
    """The files of README.md's "What it writes" and of docs/outputs.md's
    "The files" are exactly those a build with every format and --window
    writes."""
    out = os.path.join(TMP.name, "every-format")
    proc = sh(BIN, "build", "-q", os.path.join(ROOT, "examples", "minimal.json"), "-o", out,
              "--formats", ",".join(values["--formats"]), "--window", "1y")
    written = set(os.listdir(out)) if proc.returncode == 0 else set()
    for page, heading in (("README.md", "What it writes"), ("docs/outputs.md", "The files")):
        listed = {f for cells in md_table(md_section(page, heading)) for f in code_spans(cells[0])}
        tap.check(len(written) >= 10 and listed == written,
                  f"{page} ({heading}): the table lists exactly the files a build with every format writes",
                  f"not listed: {sorted(written - listed)}\nnot written: {sorted(listed - written)}\n{proc.stderr}")


def cff_fields(text):
    """The keys of a CFF file: yaml's reading when /usr/bin/python3 has yaml,
    else a line reader: `key: value` lines at column 0, and the authors as
    the `name:` or `family-names:` lines of their block (any other block is
    taken as present)."""
    try:
        import yaml
        return yaml.safe_load(text)
    except ImportError:
        fields, key = {}, None
        for line in text.split("\n"):
            top = re.match(r"^([a-z-]+):[ \t]*(.*)$", line)
            person = re.match(r"^\s+-?\s*(name|family-names):\s*(.+)$", line)
            if top:
                key, value = top.group(1), top.group(2).strip().strip('"')
                fields[key] = [] if key == "authors" else value or "(a block)"
            elif person and key == "authors":
                fields["authors"].append({person.group(1): person.group(2).strip().strip('"')})
        return fields


def check_citation():
    """CITATION.cff: CFF 1.2.0 with its required keys, version PG_VERSION,
    the licence of LICENSE (GPL version 2 text: GPL-2.0-only or
    GPL-2.0-or-later), the one README.md names."""
    with open(os.path.join(ROOT, "CITATION.cff"), encoding="utf-8") as f:
        cff = cff_fields(f.read())
    with open(os.path.join(ROOT, "include", "partygraph.h"), encoding="utf-8") as f:
        version = re.search(r'#define PG_VERSION "([^"]+)"', f.read()).group(1)
    with open(os.path.join(ROOT, "LICENSE"), encoding="utf-8") as f:
        head = f.read(400)
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme_spdx = re.findall(r"SPDX `([^`]+)`", f.read())
    required = ("cff-version", "message", "title", "authors", "version", "license", "date-released")
    missing = [k for k in required if not cff.get(k)]
    authors = cff.get("authors") or []
    tap.check(not missing and str(cff.get("cff-version")) == "1.2.0" and all(
              isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in authors),
              "CITATION.cff: cff-version 1.2.0, message, title, named authors, version, license, date-released",
              f"missing: {missing}; cff-version {cff.get('cff-version')!r}; authors {authors!r}")
    released = str(cff.get("date-released", ""))
    try:
        datetime.date.fromisoformat(released)
        date_ok = True
    except ValueError:
        date_ok = False
    tap.check(str(cff.get("version")) == version and date_ok,
              f"CITATION.cff: version is PG_VERSION ({version}), date-released an ISO date",
              (cff.get("version"), released))
    gpl2 = "GNU GENERAL PUBLIC LICENSE" in head and "Version 2, June 1991" in head
    licence = cff.get("license")
    tap.check(gpl2 and licence in ("GPL-2.0-only", "GPL-2.0-or-later") and readme_spdx == [licence],
              "CITATION.cff: its license is LICENSE's (the GPL version 2 text) and the SPDX id README.md names",
              f"LICENSE starts {head[:80]!r}; CITATION.cff {licence!r}; README.md {readme_spdx}")


def check_completion(cmds, helps, values, kinds):
    os.makedirs(os.path.join(FILES, "sub"))
    for name in ("a.json", "b.json.gz", "c.graphml", "d.ndjson", "e.txt", "f.csv"):
        open(os.path.join(FILES, name), "w").close()
    inputs = {"a.json", "b.json.gz", "c.graphml", "d.ndjson", "sub", "-"}

    cases, wants, what = [], [], []

    def case(words, want, label):
        cases.append(words)
        wants.append(set(want))
        what.append(label)

    case(["partygraph", ""], set(cmds) | {"help", "-h", "--help", "--version"}, "the commands of --help")
    case(["partygraph", "help", ""], set(cmds), "help: the commands")
    for cmd in cmds:
        opts = {"--" + o[1] for o in helps[cmd]} | {"-" + o[0] for o in helps[cmd] if o[0]}
        case(["partygraph", cmd, "-"], opts, f"{cmd} -: exactly the options of 'help {cmd}'")
        case(["partygraph", cmd, "--m"], {o for o in opts if o.startswith("--m")}, f"{cmd} --m: a prefix")
        case(["partygraph", cmd, ""], inputs, f"{cmd}: FILE is an input file, a directory or -")
        for short, long, arg in sorted(helps[cmd], key=str):
            if arg is None:
                continue
            option = "--" + long
            kind = kinds[(cmd, option)]
            if kind == "set":
                want = {completion_value(v) for v in values[option]}
            elif arg == "DIR":
                want = {"sub"}
            elif arg == "FILE":
                want = {"a.json", "b.json.gz", "c.graphml", "d.ndjson", "e.txt", "f.csv", "sub", "-"}
            else:
                want = set()
            case(["partygraph", cmd, option, ""], want, f"{cmd} {option} {arg}: {kind}")
    case(["partygraph", "build", "--formats", "graphml,"], {"graphml," + f for f in values["--formats"]
                                                            if f != "graphml"}, "--formats graphml,: the others")
    case(["partygraph", "build", "--formats", "graphml,csv,g"], {"graphml,csv," + f for f in values["--formats"]
                                                                 if f.startswith("g") and f != "graphml"},
         "--formats graphml,csv,g")
    case(["partygraph", "render", "--format", "png,"], {"png," + f for f in values["--format"] if f != "png"},
         "render --format png,")
    case(["partygraph", "build", "--metrics", "degree,pagerank,c"], {"degree,pagerank," + m for m in
                                                                      values["--metrics"] if m.startswith("c")},
         "--metrics degree,pagerank,c")
    case(["partygraph", "build", "--cluster", "l"], {c for c in values["--cluster"] if c.startswith("l")},
         "--cluster l")
    case(["partygraph", "build", "--view", "=", ""], set(values["--view"]), "--view=")
    case(["partygraph", "build", "--view", "=", "p"], {v for v in values["--view"] if v.startswith("p")},
         "--view=p")
    case(["partygraph", "build", "--view", "parties", ""], inputs, "FILE after --view parties")
    case(["partygraph", "build", "--view", "=", "parties", "-q", ""], inputs, "FILE after --view=parties -q")
    case(["partygraph", "build", "a.json", ""], set(), "nothing after FILE")
    case(["partygraph", "ego", "--radius", "2", "a.json", ""], set(), "ego: no completion for ID")
    case(["partygraph", "nonsense", ""], set(), "an unknown command: nothing")

    got = complete(*cases)
    tap.check("-F _partygraph" in complete.registration and complete.registration.endswith(" partygraph"),
              "sourcing the completion registers _partygraph for partygraph", complete.registration)
    for g, w, label in zip(got, wants, what):
        tap.check(g == w, f"completion: {label}", f"missing: {sorted(w - g)}\nextra: {sorted(g - w)}")


def main():
    global FILES
    FILES = os.path.join(TMP.name, "files")
    os.makedirs(FILES)
    cmds = commands()
    helps = {c: help_options(c) for c in cmds}
    kinds, values = {}, {}
    for cmd in cmds:
        for _, long, arg in helps[cmd]:
            if arg is not None:
                kind, valid = probe(cmd, "--" + long)
                kinds[(cmd, "--" + long)] = kind
                if valid:
                    values["--" + long] = valid
    tap.check(len(cmds) >= 5 and all(helps.values()) and {"--view", "--formats", "--cluster"} <= set(values),
              f"read {len(cmds)} commands, their options and {len(values)} fixed value sets from the binary",
              (cmds, sorted(values)))

    check_warnings()
    check_header()
    lines, err = render(PAGE1)
    sec = sections(lines)
    tap.check(not err and {"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT",
                           "FILES", "EXAMPLES", "SEE ALSO"} <= set(sec), "partygraph.1 has the usual sections",
              sorted(sec))
    subs = check_commands(sec, cmds)
    check_command_options(subs, cmds, helps)
    check_options_section(sec, helps, values)
    check_defaults(subs, sec, cmds, helps)
    check_exit_status(sec)
    check_examples(sec, helps)
    check_command_examples(sec, cmds + ["help"])
    check_format_page(values)
    check_options_table(helps, values)
    check_metrics_table(values)
    check_output_tables(values)
    check_citation()
    check_completion(cmds, helps, values, kinds)
    tap.done()


main()
