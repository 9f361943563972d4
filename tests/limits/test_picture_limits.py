"""Pictures under pressure, and DOT that always renders (issue 14).

- `render --format svg,png,pdf` under `prlimit --as`, from the least that
  the analysis needs upward, until it succeeds: every run exits 0 with
  whole pictures (the SVG parses, the PNG ends with its IEND chunk, the PDF
  with %%EOF) or exits 4 with exactly one stderr line starting
  "partygraph: " - never a signal, never Fontconfig's or GLib's lines - and
  leaves no file behind.
- Graphviz crashing (SIGSEGV, abort), calling exit(1) or printing
  thousands of lines, simulated by an LD_PRELOAD shim compiled here that
  wraps gvLayout or gvRenderData: exit 4 and one line saying so, no file
  (a DIR of earlier outputs stays byte-identical); the printing run
  succeeds silently with the same bytes as without the shim.
- No process to spare (`prlimit --nproc=1`, as nobody: root is not held to
  it): exit 4, one line saying the process could not start (README: the
  picture is not drawn in-process instead).
- A 20,000-character name (full of & \\ " to test the escapes' expansion),
  title and relation type, and names with U+FFFE, U+FFFF and control
  characters: `dot -Tsvg` and `sfdp -Tsvg` render graph.dot, and every SVG
  (theirs, build's and render's) passes xmllint; graph.dot's label is the
  name cut by the README's rule (its longest prefix whose DOT escape, with
  the 3 bytes of "…", is at most 16,000 bytes), GraphML keeps it whole.
- AddressSanitizer builds: LeakSanitizer's check runs in the drawing
  process (which leaves with _exit): without tests/outputs/graphviz.lsan,
  fontconfig's leaks there fail the run; with it, the run passes.

    /usr/bin/python3 tests/limits/test_picture_limits.py BUILD/partygraph"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

EXAMPLE = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
PICTURES = ("graph.svg", "graph.png", "graph.pdf")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
DOT_TEXT_BYTES = 16000  # README (DOT): text from the data is cut to 16,000 bytes once escaped
ELLIPSIS = "\u2026"

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PG_TEST_GRAPHVIZ=WHERE:WHAT, WHERE layout or render, WHAT segv, abort,
 * exit or noise (then the real function). */
static void act(const char *where)
{
    const char *how = getenv("PG_TEST_GRAPHVIZ");
    size_t n = strlen(where);
    if (how == NULL || strncmp(how, where, n) != 0 || how[n] != ':')
        return;
    how += n + 1;
    if (strcmp(how, "segv") == 0) {
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
    }
    if (strcmp(how, "abort") == 0)
        abort();
    if (strcmp(how, "exit") == 0)
        exit(1);
    for (int i = 0; strcmp(how, "noise") == 0 && i < 5000; i++)
        fprintf(i % 2 ? stderr : stdout, "Fontconfig warning: \"/etc/fonts/conf.d/%d.conf\", line %d: noise\n", i, i);
}

int gvLayout(void *gvc, void *g, const char *engine)
{
    act("layout");
    int (*real)(void *, void *, const char *) = (int (*)(void *, void *, const char *))dlsym(RTLD_NEXT, "gvLayout");
    return real(gvc, g, engine);
}

int gvRenderData(void *gvc, void *g, const char *format, char **data, unsigned int *len)
{
    act("render");
    int (*real)(void *, void *, const char *, char **, unsigned int *) =
        (int (*)(void *, void *, const char *, char **, unsigned int *))dlsym(RTLD_NEXT, "gvRenderData");
    return real(gvc, g, format, data, len);
}
"""


def whole_pictures(out):
    """What is wrong with the pictures in `out` ("" when nothing)."""
    try:
        ElementTree.parse(os.path.join(out, "graph.svg"))
    except (OSError, ElementTree.ParseError) as e:
        return f"graph.svg: {e}"
    png = open(os.path.join(out, "graph.png"), "rb").read()
    pdf = open(os.path.join(out, "graph.pdf"), "rb").read()
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or not png.endswith(b"IEND\xaeB`\x82"):
        return "graph.png is not a whole PNG"
    if not pdf.startswith(b"%PDF-") or not pdf.rstrip().endswith(b"%%EOF"):
        return "graph.pdf is not a whole PDF"
    return ""


# ---- out of memory ---------------------------------------------------------


def check_memory(tap, tmp):
    what = "prlimit --as sweep: render exits 0 with whole pictures, or 4 with one line and no file; never a signal"
    if pgtest.asan_build(BINARY):
        tap.skip(what, "AddressSanitizer reserves terabytes of address space: no ASan build runs under prlimit --as")
        return
    lowest = 16  # from where the analysis passes (its own failures are test_limits.py's), up
    while subprocess.run(["prlimit", f"--as={lowest << 20}", BINARY, "build", "-q", "--formats", "csv", EXAMPLE, "-o",
                          os.path.join(tmp, f"as-csv-{lowest}")], capture_output=True).returncode and lowest < 1024:
        lowest += 4
    bad, failures, successes, drawing, mb = [], {}, 0, 0, lowest
    while successes < 2 and mb < lowest + 600:
        out = os.path.join(tmp, f"as-{mb}")
        proc = subprocess.run(["prlimit", f"--as={mb << 20}", BINARY, "render", "-q", "--format", "svg,png,pdf",
                               EXAMPLE, "-o", out], capture_output=True)
        err = proc.stderr.decode(errors="replace")
        if proc.returncode == 0 and not err and not whole_pictures(out):
            successes += 1
        elif proc.returncode == 4 and pgtest.one_line(proc) and not pgtest.snapshot(out):
            message = re.sub(r"\d+", "N", err.strip())[:160]
            failures[message] = failures.get(message, 0) + 1
            drawing += "picture" in err
        else:
            bad.append(f"--as={mb}M: exit {proc.returncode}: {err.strip()[:300]} {whole_pictures(out)[:100]}"
                       f" {sorted(pgtest.snapshot(out) or [])}")
        mb += 6
    tap.check(not bad and drawing >= 3 and successes >= 1,
              what + f" ({sum(failures.values())} failures from {lowest} MB up, {drawing} of them drawing)",
              "\n".join(bad))
    for message, n in sorted(failures.items()):
        print(f"#   {n} x {message}")


# ---- Graphviz crashing, exiting, printing ----------------------------------


def build_shim(tmp):
    src = os.path.join(tmp, "shim.c")
    lib = os.path.join(tmp, "shim.so")
    open(src, "w").write(SHIM)
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", src, "-o", lib, "-ldl"], check=True)
    return lib


def shimmed(lib, how):
    """The environment that loads the shim with PG_TEST_GRAPHVIZ=how."""
    env = dict(os.environ, LD_PRELOAD=lib, PG_TEST_GRAPHVIZ=how)
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
    return env


def check_shim(tap, tmp):
    lib = build_shim(tmp)
    expected = {
        "layout:segv": "partygraph: Graphviz crashed drawing the picture (signal 11, Segmentation fault)\n",
        "render:segv": "partygraph: Graphviz crashed drawing the picture (signal 11, Segmentation fault)\n",
        "render:abort": "partygraph: Graphviz crashed drawing the picture (signal 6, Aborted)\n",
        "layout:exit": "partygraph: Graphviz exited drawing the picture\n",
        "render:exit": "partygraph: Graphviz exited drawing the picture\n",
    }
    for how, message in expected.items():
        out = os.path.join(tmp, "shim-" + how.replace(":", "-"))
        proc = subprocess.run([BINARY, "render", "-q", "--format", "svg,png,pdf", EXAMPLE, "-o", out],
                              capture_output=True, env=shimmed(lib, how))
        tap.check(proc.returncode == 4 and proc.stderr.decode(errors="replace") == message and proc.stdout == b""
                  and pgtest.snapshot(out) is None, f"Graphviz {how.replace(':', ' ')}: exit 4, {message.strip()!r}, no file",
                  f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:600]}")
    kept = os.path.join(tmp, "shim-kept")
    pgtest.run(BINARY, "build", "-q", EXAMPLE, "-o", kept, "--formats", "csv,svg")
    before = pgtest.snapshot(kept)
    proc = subprocess.run([BINARY, "build", "-q", EXAMPLE, "-o", kept, "--formats", "csv,svg,png"],
                          capture_output=True, env=shimmed(lib, "render:exit"))
    tap.check(proc.returncode == 4 and pgtest.one_line(proc) and pgtest.snapshot(kept) == before,
              "build --formats csv,svg,png into a DIR of earlier outputs, Graphviz exiting: exit 4, one line, "
              "DIR byte-identical (no temporary file)", proc.stderr.decode(errors="replace")[:600])
    check_noise(tap, tmp, lib)


def check_noise(tap, tmp, lib):
    quiet, noisy = os.path.join(tmp, "quiet"), os.path.join(tmp, "noisy")
    pgtest.run(BINARY, "render", "-q", "--format", "svg,png,pdf", EXAMPLE, "-o", quiet)
    for how in ("layout:noise", "render:noise"):
        shutil.rmtree(noisy, ignore_errors=True)
        proc = subprocess.run([BINARY, "render", "--format", "svg,png,pdf", EXAMPLE, "-o", noisy],
                              capture_output=True, env=shimmed(lib, how))
        listed = [os.path.join(noisy, f) for f in PICTURES]
        tap.check(proc.returncode == 0 and proc.stderr == b"" and proc.stdout.decode().split() == listed
                  and pgtest.snapshot(noisy) == pgtest.snapshot(quiet),
                  f"Graphviz printing 5,000 lines ({how}): none reaches stdout or stderr, the same pictures",
                  f"exit {proc.returncode}: {proc.stderr[:300]!r} {proc.stdout[:300]!r}")


# ---- no process to spare ---------------------------------------------------


def check_no_process(tap, tmp):
    shared = os.path.join(tmp, "nproc")
    os.makedirs(shared)
    os.chmod(shared, 0o777)
    out = os.path.join(shared, "out")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")  # LeakSanitizer needs a thread of its own at exit
    binary, example = pgtest.for_nobody(BINARY, shared), pgtest.for_nobody(EXAMPLE, shared)
    proc = subprocess.run(NOBODY + ["prlimit", "--nproc=1:1", binary, "render", "-q", example, "-o", out],
                          capture_output=True, env=env)
    err = proc.stderr.decode(errors="replace")
    tap.check(proc.returncode == 4 and pgtest.one_line(proc) and "cannot start a process for Graphviz drawing the picture"
              in err and pgtest.snapshot(out) is None,
              "no process to spare (prlimit --nproc=1): exit 4, one line saying so, no file", f"exit {proc.returncode}: {err}")


# ---- DOT that always renders -----------------------------------------------


def dot_escaped(s):
    """A text as the README says DOT writes it: \\ and " backslashed, &
    as &amp;, line breaks (LF, CR LF, CR) as \\n, tab a space, the other
    controls and U+FFFE, U+FFFF as U+FFFD."""
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n").replace("\t", " ")
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", s)


def dot_cut(s):
    """The README's rule: all of s when its escape has at most 16,000
    bytes, else its longest prefix whose escape, with "…", has."""
    if len(dot_escaped(s).encode()) <= DOT_TEXT_BYTES:
        return dot_escaped(s)
    n = 0
    while len(dot_escaped(s[:n + 1]).encode()) + 3 <= DOT_TEXT_BYTES:
        n += 1
    return dot_escaped(s[:n]) + ELLIPSIS


def long_dataset(path):
    """Names past Graphviz's limits and with what XML 1.0 cannot carry."""
    long_name = "Партия " + 'x&\\"' * 5000  # 20,007 characters, 65,000+ bytes once escaped
    data = {
        "format": "partygraph/1", "title": "Title \ufffe\uffff " + "t" * 20000,
        "parties": [{"id": "long", "name": long_name}, {"id": "nonchars", "name": "B\ufffe\uffff\x01\x1f end"},
                    {"id": "plain", "name": "C" * 20000}],
        "relations": [{"type": "contact\uffff" + "y" * 20000, "source": "long", "target": "nonchars"},
                      {"type": "met", "source": "nonchars", "target": "plain"}],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return data


def xmllint(path):
    proc = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True)
    return proc.returncode == 0 and proc.stderr == b"", proc.stderr.decode(errors="replace")[:300]


def check_dot_renders(tap, tmp):
    path = os.path.join(tmp, "long.json")
    data = long_dataset(path)
    out = os.path.join(tmp, "long")
    proc = pgtest.run(BINARY, "build", "-q", path, "-o", out, "--formats", "dot,svg,graphml", check=False)
    if not tap.check(proc.returncode == 0, "build of 20,000-character names and U+FFFE/U+FFFF",
                     proc.stderr.decode(errors="replace")):
        return
    dot = os.path.join(out, "graph.dot")
    for engine in ("dot", "sfdp"):
        svg = os.path.join(tmp, f"long-{engine}.svg")
        proc = subprocess.run([engine, "-Tsvg", dot, "-o", svg], capture_output=True)
        ok, why = xmllint(svg) if proc.returncode == 0 else (False, proc.stderr.decode(errors="replace")[:300])
        tap.check(proc.returncode == 0 and proc.stderr == b"" and ok,
                  f"{engine} -Tsvg renders graph.dot silently, and its SVG passes xmllint", why)
    text = open(dot, encoding="utf-8").read()
    names = {p["id"]: p["name"] for p in data["parties"]}
    wrong = []
    for i, name in names.items():
        m = re.search(r'^  "%s" \[.*?tooltip="((?:[^"\\]|\\.)*)"' % re.escape(i), text, re.M)
        if m is None or m.group(1) != dot_cut(name) + " (party)" or len(m.group(1).encode()) > DOT_TEXT_BYTES + 8:
            wrong.append((i, m.group(1)[:80] if m else None))
    tap.check(not wrong, "graph.dot's tooltips: each name cut by the README's rule to 16,000 escaped bytes, "
              "U+FFFE, U+FFFF and controls as U+FFFD, then \" (party)\"", wrong)
    longest = max(len(q.encode()) for q in re.findall(r'"((?:[^"\\]|\\.)*)"', text))
    tap.check(longest < 16383, f"no quoted string of graph.dot reaches Graphviz's limit (the longest: {longest} bytes)")
    graphml = ElementTree.parse(os.path.join(out, "graph.graphml")).getroot()
    labels = [d.text for d in graphml.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.text]
    tap.check(names["long"] in labels and names["plain"] in labels, "graph.graphml keeps the 20,000-character names whole")
    for f, what in ((os.path.join(out, "graph.svg"), "build's graph.svg"), (None, "render --format svg")):
        if f is None:
            proc = pgtest.run(BINARY, "render", "-q", "--labels", "all", path, "-o", os.path.join(tmp, "long-render"),
                              check=False)
            f = os.path.join(tmp, "long-render", "graph.svg")
            if not tap.check(proc.returncode == 0, "render --labels all of them", proc.stderr.decode(errors="replace")):
                continue
        ok, why = xmllint(f)
        tap.check(ok, f"{what} passes xmllint", why)


# ---- LeakSanitizer in the drawing process ----------------------------------


def check_leak_check(tap, tmp):
    what = "LeakSanitizer's check runs in the drawing process: fontconfig's leaks fail it unsuppressed, pass suppressed"
    if not pgtest.asan_build(BINARY):
        tap.skip(what, "not an AddressSanitizer build")
        return
    runs = {}
    for name, options in (("bare", "print_suppressions=0"),
                          ("suppressed", f"suppressions={pgtest.ROOT}/tests/outputs/graphviz.lsan:print_suppressions=0")):
        env = dict(os.environ, LSAN_OPTIONS=options)
        runs[name] = subprocess.run([BINARY, "render", "-q", EXAMPLE, "-o", os.path.join(tmp, "lsan-" + name)],
                                    capture_output=True, env=env)
    bare, suppressed = runs["bare"], runs["suppressed"]
    tap.check(bare.returncode == 4 and pgtest.one_line(bare) and b"LeakSanitizer found a leak" in bare.stderr
              and suppressed.returncode == 0 and suppressed.stderr == b"", what,
              f"{bare.returncode}: {bare.stderr[:300]!r}; {suppressed.returncode}: {suppressed.stderr[:300]!r}")


def main():
    global BINARY
    BINARY = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pgpictures-")
    os.chmod(tmp, 0o755)
    pgtest.private_font_cache(os.path.join(tmp, "fonts"))
    try:
        check_dot_renders(tap, tmp)
        check_shim(tap, tmp)
        check_no_process(tap, tmp)
        check_leak_check(tap, tmp)
        check_memory(tap, tmp)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
