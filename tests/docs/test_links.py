"""The Markdown pages' links, tables of contents and the README's size.

Every relative link and image of README.md, CONTRIBUTING.md and the .md
files under docs/ and examples/ must point at a file or directory that
exists and, with a #fragment, at a heading of that file: the anchor GitHub
makes of it (the heading's text as rendered, lower-cased, every character
but letters, digits, '_', '-' and spaces dropped, spaces turned into '-';
a repeated anchor gets -1, -2, ...). Links in code (fenced blocks, `spans`)
are not links. Each page must have a "Contents" section linking every
other section of its own (## headings); the README must link every page of
docs/, CONTRIBUTING.md, LICENSE and CITATION.cff, and stay under 20 KB.

    /usr/bin/python3 tests/docs/test_links.py [BUILD/partygraph]

(The binary is not used: the argument is accepted as every suite's is.)"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

ROOT = pgtest.ROOT
README_MAX_BYTES = 20 * 1024
tap = pgtest.Tap()

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^()\s>]*(?:\([^()\s]*\))?[^()\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def pages():
    """Every page checked, as paths from the top of the repository."""
    found = ["README.md", "CONTRIBUTING.md"]
    for top in ("docs", "examples"):
        for root, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs.sort()
            found += [os.path.relpath(os.path.join(root, f), ROOT) for f in sorted(files) if f.endswith(".md")]
    return found


def prose_lines(text):
    """The lines of a Markdown text outside fenced code blocks, each with
    its inline code spans blanked, as (line number, line)."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            yield number, re.sub(r"(`+)(?:(?!\1).)+?\1", lambda c: " " * len(c.group(0)), line)


def heading_text(raw):
    """A heading's text as GitHub renders it: links and images reduced to
    their text, code spans to their content, emphasis marks (*) dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    return re.sub(r"`+", "", text).replace("*", "")


def anchor(text):
    """GitHub's anchor for a heading text (before the -N of a repeat)."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def headings(text):
    """[(level, text, anchor)] of a page, in order, repeats numbered."""
    seen, out = {}, []
    fence = None
    for line in text.split("\n"):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if fence is not None:
            fence = None if line.strip().startswith(fence) else fence
            continue
        h = HEADING.match(line)
        if h:
            base = anchor(heading_text(h.group(2)))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.append((len(h.group(1)), h.group(2), base if n == 0 else f"{base}-{n}"))
    return out


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def links(text):
    """[(line number, target)] of a page's links and images, in prose."""
    out = []
    for number, line in prose_lines(text):
        out += [(number, m.group(1)) for m in LINK.finditer(line)]
        r = REFERENCE.match(line)
        if r:
            out.append((number, r.group(1)))
    return out


def absolute(target):
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) is not None or target.startswith("//")


def broken(page, target):
    """Why a link of PAGE to TARGET is broken, or None when it is not (or
    is not relative)."""
    if absolute(target):
        return None
    path, _, fragment = target.partition("#")
    resolved = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
    full = os.path.join(ROOT, resolved)
    if resolved.startswith("..") or not os.path.exists(full):
        return f"{target}: no file {resolved}"
    if not fragment:
        return None
    if not resolved.endswith(".md") or os.path.isdir(full):
        return f"{target}: a #fragment into {resolved}, which has no headings"
    if fragment not in {a for _, _, a in headings(read(resolved))}:
        return f"{target}: {resolved} has no heading with anchor #{fragment}"
    return None


def check_links(page):
    found = links(read(page))
    bad = [f"line {n}: {why}" for n, t in found for why in [broken(page, t)] if why]
    relative = [t for _, t in found if not absolute(t)]
    tap.check(relative and not bad,
              f"{page}: its {len(relative)} relative links point at files and headings that exist", "\n".join(bad))


def check_contents(page):
    """A "Contents" section linking every other ## section of the page."""
    text = read(page)
    hs = headings(text)
    sections = [a for level, _, a in hs if level == 2 and a != "contents"]
    block = text.split("\n## Contents\n", 1)[1].split("\n## ", 1)[0] if "\n## Contents\n" in text else ""
    listed = {t[1:] for _, t in links(block) if t.startswith("#")}
    missing = [s for s in sections if s not in listed]
    tap.check(block and not missing, f"{page}: its Contents link every section", f"not linked: {missing}"
              if block else "no '## Contents' section")


def check_readme():
    size = os.path.getsize(os.path.join(ROOT, "README.md"))
    tap.check(size <= README_MAX_BYTES, f"README.md is {size} bytes, at most {README_MAX_BYTES}")
    targets = {os.path.normpath(t.partition("#")[0]) for _, t in links(read("README.md"))}
    wanted = {p for p in pages() if p.startswith("docs" + os.sep) and p != os.path.join("docs", "README.md")}
    wanted |= {"CONTRIBUTING.md", "LICENSE", "CITATION.cff", os.path.join("examples", "README.md")}
    tap.check(not wanted - targets, "README.md links every page of docs/, the tutorial, CONTRIBUTING.md, LICENSE "
              "and CITATION.cff", f"not linked: {sorted(wanted - targets)}")


def main():
    checked = pages()
    tap.check(len(checked) >= 8, f"{len(checked)} pages to check", checked)
    for page in checked:
        check_links(page)
        check_contents(page)
    check_readme()
    tap.done()


main()
