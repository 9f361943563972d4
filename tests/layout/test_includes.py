"""The layering of src/: each folder's README.md says, on a line
"May include: A, B" (or "May include: nothing"), which other folders its
files may include; the folders form layers, lower ones never naming a
higher one. Checked here, so that the rule holds without anyone
remembering it:

- every folder of src/ has a README.md with that line, naming folders that
  exist, and the "may include" relation has no cycle;
- every #include "..." in src/ names its folder ("model/graph.h"), or is
  the public header partygraph.h, and goes to the file's own folder or to
  one its README allows;
- no two files include each other, directly or through others;
- the same from the compiled objects (BUILD/obj/src), which see what the
  includes do not: no file calls a function defined in a folder it may
  not include, and no files call each other in a circle. The program,
  src/cli/, is outside the library: it may call what include/partygraph.h
  declares, and nothing else of src/.

    /usr/bin/python3 tests/layout/test_includes.py BUILD/partygraph"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

SRC = os.path.join(pgtest.ROOT, "src")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
MAY = re.compile(r"^May include: (.+)$", re.M)
PROGRAM = "cli"  # the folder that uses the library through its public header


def folders():
    return sorted(d for d in os.listdir(SRC) if os.path.isdir(os.path.join(SRC, d)))


def rules(tap):
    """{folder: set of folders it may include}, from the READMEs."""
    allowed, bad = {}, []
    for d in folders():
        readme = os.path.join(SRC, d, "README.md")
        m = MAY.search(open(readme, encoding="utf-8").read()) if os.path.exists(readme) else None
        if m is None:
            bad.append(f"src/{d}: no README.md with a 'May include:' line")
            continue
        words = [w.strip().rstrip("/.") for w in m.group(1).split(",")]
        allowed[d] = set() if words == ["nothing"] else set(words)
        bad += [f"src/{d}/README.md names '{w}', which is no folder of src/" for w in allowed[d] - set(folders())]
    tap.check(not bad and allowed, f"each of the {len(folders())} folders of src/ says what it may include", bad)
    return allowed


def cycle(graph):
    """One cycle of `graph` ({node: set of nodes}) as a list, or None."""
    state = {}

    def visit(n, path):
        state[n] = 1
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return path[path.index(m):] + [m]
            if m not in state:
                found = visit(m, path + [m])
                if found:
                    return found
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n, [n])
            if found:
                return found
    return None


def sources():
    for d in folders():
        for f in sorted(os.listdir(os.path.join(SRC, d))):
            if f.endswith((".c", ".h")):
                yield d, f"{d}/{f}"


def check_includes(tap, allowed):
    bad, graph = [], {}
    for folder, path in sources():
        text = open(os.path.join(SRC, path), encoding="utf-8").read()
        graph[path] = set()
        for name in INCLUDE.findall(text):
            if name == "partygraph.h":
                continue
            target = name.split("/")[0] if "/" in name else None
            if target is None or not os.path.exists(os.path.join(SRC, name)):
                bad.append(f"src/{path}: #include \"{name}\" names no file of src/ by its folder")
            elif target != folder and target not in allowed.get(folder, set()):
                bad.append(f"src/{path}: #include \"{name}\": {folder}/ may not include {target}/ (src/{folder}/README.md)")
            else:
                graph[path].add(name)
    tap.check(not bad, "every #include in src/ names its folder and follows the layers", "\n".join(bad))
    found = cycle(graph)
    tap.check(found is None, "no include cycle between files", " -> ".join(found or []))
    found = cycle({d: allowed[d] - {d} for d in allowed})
    tap.check(found is None, "the folders' 'May include' lines form layers (no cycle)", " -> ".join(found or []))


def symbols(obj):
    """(defined, undefined) global symbols of an object file."""
    out = subprocess.run(["nm", "-g", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRC":
            defined.add(parts[2])
    return defined, undefined


def public_api():
    """The names of the functions include/partygraph.h declares."""
    text = open(os.path.join(pgtest.ROOT, "include", "partygraph.h"), encoding="utf-8").read()
    return set(re.findall(r"\b(pg_[a-z0-9_]+)\s*\(", text))


def may_call(folder, target, symbol, allowed, public):
    if folder == PROGRAM:
        return target == folder or symbol in public
    return target == folder or target in allowed.get(folder, set())


def check_calls(tap, allowed, build):
    objects = {}
    for folder, path in sources():
        obj = os.path.join(build, "obj", "src", path[:-2] + ".o")
        if path.endswith(".c") and os.path.exists(obj):
            objects[path] = (folder, *symbols(obj))
    if not objects:
        tap.skip("calls follow the layers, no call cycle between files", f"no objects under {build}/obj/src")
        return
    owner = {s: path for path, (_, defined, _) in objects.items() for s in defined}
    graph, bad, public = {}, [], public_api()
    for path, (folder, _, undefined) in objects.items():
        graph[path] = {owner[s] for s in undefined if s in owner and owner[s] != path}
        for s in sorted(s for s in undefined if s in owner):
            target = owner[s].split("/")[0]
            if not may_call(folder, target, s, allowed, public):
                bad.append(f"src/{path} calls {s} of src/{owner[s]}: {folder}/ may not use {target}/")
    tap.check(not bad and len(objects) > 50, f"the {len(objects)} objects call only their own folder and the "
              "folders below it (the program: the public API)", "\n".join(bad))
    found = cycle(graph)
    tap.check(found is None, "no files call each other in a circle", " -> ".join(found or []))


def main():
    build = os.path.dirname(os.path.abspath(sys.argv[1]))
    tap = pgtest.Tap()
    allowed = rules(tap)
    check_includes(tap, allowed)
    check_calls(tap, allowed, build)
    tap.done()


if __name__ == "__main__":
    main()
