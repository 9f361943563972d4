"""Huge pages for big inputs (issue 21, src/cli/memory.c): when an
argument names a regular file of 2 MiB or more and the kernel gives
transparent huge pages on request ("[madvise]" in
/sys/kernel/mm/transparent_hugepage/enabled, read here), partygraph runs
itself again once, at the start, with glibc.malloc.hugetlb=1 put in front
of the user's GLIBC_TUNABLES; a small input, a pipe, a user's own
hugetlb setting, a limit on the address space (`prlimit --as`, where
the heap's 2 MB steps would leave the stack no room to report "out of
memory"), or a run through the dynamic loader (`ld-linux... partygraph`,
where the kernel's program is the loader) runs once. Seen from outside with `strace -f -e execve`:
the executions, their arguments and the environment each one got. The
results are the same either way (byte for byte), and nothing is printed
twice.

    /usr/bin/python3 tests/limits/test_huge_pages.py BUILD/partygraph"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
MIB = 1 << 20
THP = "/sys/kernel/mm/transparent_hugepage/enabled"
EXECVE = re.compile(r'^(?:\[pid +\d+\] |\d+ +)?execve\("([^"]*)", \[(.*?)\], \[(.*)\]\) = 0$')


def on_request():
    """Does this kernel give huge pages only where asked?"""
    try:
        return "[madvise]" in open(THP).read()
    except OSError:
        return False


def traced(tmp, args, tunables=None, stdin=None, prefix=()):
    """Runs partygraph ARGS under strace; returns (process, executions),
    each execution (path, argv text, GLIBC_TUNABLES or None). LeakSanitizer
    cannot work under ptrace: it is off in a traced run of the ASan build."""
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    env.pop("GLIBC_TUNABLES", None)
    if tunables is not None:
        env["GLIBC_TUNABLES"] = tunables
    log = os.path.join(tmp, "strace.log")
    proc = subprocess.run([*prefix, "strace", "-f", "-v", "-s", "4096", "-e", "trace=execve", "-o", log, BINARY, *args],
                          env=env, stdin=stdin, capture_output=True)
    runs = []
    for line in open(log):
        m = EXECVE.match(line.strip())
        if m:
            found = re.search(r'"GLIBC_TUNABLES=([^"]*)"', m.group(3))
            runs.append((m.group(1), m.group(2), found.group(1) if found else None))
    return proc, runs


def plain(args, **kw):
    env = dict(os.environ, GLIBC_TUNABLES="glibc.malloc.hugetlb=0")
    return subprocess.run([BINARY, *args], env=env, capture_output=True, **kw)


def check_big(tap, tmp, big, expect_again):
    args = ["path", big, "p0", "p1"]
    proc, runs = traced(tmp, args)
    want = 2 if expect_again else 1
    tap.check(proc.returncode == 0 and len(runs) == want,
              f"a {os.path.getsize(big) / MIB:.1f} MiB input: {want} execution(s) of the program",
              f"exit {proc.returncode}\n{runs}\n{proc.stderr[-500:]}")
    if expect_again and len(runs) == 2:
        same_args = runs[0][1] == runs[1][1]
        tap.check(runs[0][2] is None and runs[1][2] == "glibc.malloc.hugetlb=1" and same_args,
                  "the second runs with glibc.malloc.hugetlb=1 and the same arguments", runs)
        tap.check(os.path.realpath(runs[1][0]) == os.path.realpath(BINARY),
                  "the second is this very program", runs)
    else:
        tap.skip("the second runs with glibc.malloc.hugetlb=1", f"no second run expected here ({THP})")
        tap.skip("the second is this very program", f"no second run expected here ({THP})")
    ref = plain(args)
    tap.check(ref.returncode == 0 and proc.stdout == ref.stdout and proc.stderr == ref.stderr,
              "path prints the same, once, with and without the second execution",
              f"{proc.stdout[:300]!r}\n{ref.stdout[:300]!r}")


def check_tunables(tap, tmp, big, expect_again):
    proc, runs = traced(tmp, ["validate", "-q", big], tunables="glibc.malloc.arena_max=2")
    if expect_again:
        tap.check(proc.returncode == 0 and len(runs) == 2 and runs[1][2] == "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2",
                  "the user's tunables are kept, after glibc.malloc.hugetlb=1", runs)
    else:
        tap.skip("the user's tunables are kept", f"no second run expected here ({THP})")
    proc, runs = traced(tmp, ["validate", "-q", big], tunables="glibc.malloc.hugetlb=0")
    tap.check(proc.returncode == 0 and len(runs) == 1 and runs[0][2] == "glibc.malloc.hugetlb=0",
              "a user's own glibc.malloc.hugetlb setting: one execution, the setting as given", runs)


def check_once(tap, tmp, big):
    small = os.path.join(pgtest.ROOT, "examples", "minimal.json")
    proc, runs = traced(tmp, ["validate", "-q", small])
    tap.check(proc.returncode == 0 and len(runs) == 1,
              f"a small input ({os.path.getsize(small)} bytes): one execution", runs)
    with open(big, "rb") as f:
        proc, runs = traced(tmp, ["validate", "-q", "-"], stdin=f)
    tap.check(proc.returncode == 0 and len(runs) == 1, "a big input on standard input: one execution", runs)
    what = "a big input under an address-space limit (prlimit --as=8G): one execution"
    if pgtest.asan_build(BINARY):
        tap.skip(what, "AddressSanitizer reserves terabytes of address space")
        return
    proc, runs = traced(tmp, ["validate", "-q", big], prefix=("prlimit", f"--as={8 << 30}"))
    tap.check(proc.returncode == 0 and len(runs) == 1, what, runs)


def interpreter():
    """The dynamic loader the binary asks for (readelf -l), or None."""
    try:
        out = subprocess.run(["readelf", "-l", BINARY], capture_output=True, text=True).stdout
    except OSError:
        return None
    m = re.search(r"\[Requesting program interpreter: ([^\]]+)\]", out)
    return m.group(1) if m else None


def check_loader(tap, tmp, big):
    what = "a big input, the program run through its dynamic loader: one execution, the same answer"
    loader = interpreter()
    if loader is None or not os.path.exists(loader):
        tap.skip(what, "readelf names no dynamic loader for this binary")
        return
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    env.pop("GLIBC_TUNABLES", None)
    log = os.path.join(tmp, "loader.log")
    proc = subprocess.run(["strace", "-f", "-e", "trace=execve", "-o", log, loader, BINARY, "path", big, "p0", "p1"],
                          env=env, capture_output=True)
    runs = [line for line in open(log) if "execve(" in line and "= 0" in line]
    ref = plain(["path", big, "p0", "p1"])
    tap.check(proc.returncode == 0 and len(runs) == 1 and proc.stdout == ref.stdout, what,
              f"exit {proc.returncode}\n{runs}\n{proc.stderr[-300:]}")


def check_outputs(tap, tmp, big):
    """`build` writes the same files with huge pages as without."""
    outs = []
    for name, env_value in (("huge", None), ("plain", "glibc.malloc.hugetlb=0")):
        env = dict(os.environ)
        env.pop("GLIBC_TUNABLES", None)
        if env_value:
            env["GLIBC_TUNABLES"] = env_value
        out = os.path.join(tmp, name)
        proc = subprocess.run([BINARY, "build", "-q", "--layout", "none", "--metrics", "degree,pagerank,coreness",
                               big, "-o", out], env=env, capture_output=True)
        outs.append((proc.returncode, {f: open(os.path.join(out, f), "rb").read()
                                       for f in sorted(os.listdir(out)) if f != "summary.json"}
                     if proc.returncode == 0 else proc.stderr))
    tap.check(outs[0][0] == 0 and outs[0] == outs[1], "build writes byte-identical files either way",
              f"{outs[0][0]} {outs[1][0]}")


def can_trace():
    """Can strace follow a process here? Some containers forbid ptrace."""
    proc = subprocess.run(["strace", "-f", "-e", "trace=execve", "-o", os.devnull, "true"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc.returncode == 0


def main():
    tap = pgtest.Tap()
    if shutil.which("strace") is None:
        tap.skip("huge pages for big inputs", "strace is not installed (scripts/install-deps.sh --test)")
        tap.done()
    if not can_trace():
        tap.skip("huge pages for big inputs", "strace cannot trace here (ptrace is not allowed: a container's "
                 "seccomp profile, or kernel.yama.ptrace_scope 3)")
        tap.done()
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.json")
        with open(big, "w") as f:
            subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "3500"],
                           stdout=f, check=True)
        if os.path.getsize(big) < 2 * MIB:
            tap.check(False, "the generated input is 2 MiB or more", os.path.getsize(big))
        expect_again = on_request()
        check_big(tap, tmp, big, expect_again)
        check_tunables(tap, tmp, big, expect_again)
        check_once(tap, tmp, big)
        check_loader(tap, tmp, big)
        check_outputs(tap, tmp, big)
    tap.done()


main()
