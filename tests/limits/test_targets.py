"""Output targets that never destroy what a user points at (issue 14):
a symbolic link is followed (relative, chained, into another directory,
dangling; a loop refused) and stays a link; a FIFO is written in place for
a reader that gets the whole graph; copies of /dev/null and /dev/full made
with mknod in a temporary directory (root only: skipped otherwise) stay
devices, /dev/full's "No space left on device" is exit 3; a socket and a
block device are refused before anything is written; a replaced file keeps
its mode (and, as root, its owner nobody); the input itself, through a
symbolic link or a hard link, as --dot, as standard input, or inside -o
DIR, is refused (exit 2) and left alone; SIGINT, SIGTERM, SIGHUP, SIGQUIT
and SIGPIPE in the middle of writing leave DIR as it was (and a new DIR
not at all) while the exit status still says the signal; SIGKILL between
two renames, or after the last, leaves leftovers that the next run rolls
back or keeps; a dead run's files and stale lock are removed, a live one's
left; two runs into one directory: the second fails naming the first's PID
and the lock file, and many concurrent pairs never leave a mixed set;
standard output still works.

A run is stopped at a chosen point by an LD_PRELOAD shim compiled here
(no hook in the product): it raises a signal at the Nth open(), rename()
or unlink() whose path has a given text, or slows every rename().

    /usr/bin/python3 tests/limits/test_targets.py BUILD/partygraph"""
import io
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402
import networkx as nx  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
MINIMAL = os.path.join(pgtest.ROOT, "examples", "minimal.json")
CPC = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
ROOT_USER = os.geteuid() == 0
NOBODY = 65534

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* PGSHIM_CALL (open, rename or unlink), PGSHIM_MATCH (a text of the path),
 * PGSHIM_NTH (which such call), PGSHIM_SIGNAL: the signal raised, after an
 * open, before a rename or unlink. PGSHIM_DELAY_US: every rename waits. */
static int seen;

static void hit(const char *call, const char *path)
{
    const char *want = getenv("PGSHIM_CALL"), *match = getenv("PGSHIM_MATCH"), *nth = getenv("PGSHIM_NTH");
    if (want && strcmp(want, call) == 0 && path && match && strstr(path, match) && ++seen == atoi(nth ? nth : "1"))
        raise(atoi(getenv("PGSHIM_SIGNAL")));
}

static int real_open(const char *name, const char *path, int flags, mode_t mode)
{
    int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, name);
    int fd = real(path, flags, mode);
    hit("open", path);
    return fd;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return real_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return real_open("open64", path, flags, mode);
}

int rename(const char *from, const char *to)
{
    const char *delay = getenv("PGSHIM_DELAY_US");
    if (delay)
        usleep((useconds_t)atoi(delay));
    hit("rename", from);
    return ((int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename"))(from, to);
}

int unlink(const char *path)
{
    hit("unlink", path);
    return ((int (*)(const char *))dlsym(RTLD_NEXT, "unlink"))(path);
}
"""


def compile_shim(tmp):
    src = os.path.join(tmp, "shim.c")
    lib = os.path.join(tmp, "shim.so")
    open(src, "w").write(SHIM)
    proc = subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", lib, src, "-ldl"], capture_output=True)
    return lib if proc.returncode == 0 else None


def shim_env(shim, **settings):
    """The environment of a run with the shim preloaded (AddressSanitizer
    told not to insist on coming first), PGSHIM_* as given."""
    env = dict(os.environ, LD_PRELOAD=shim)
    env["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "verify_asan_link_order=0"]))
    for key, value in settings.items():
        env["PGSHIM_" + key.upper()] = str(value)
    return env


def no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(*args, **kw):
    return pgtest.run(BINARY, *args, check=False, **kw)


def dotfiles(directory):
    return sorted(f for f in os.listdir(directory) if f.startswith("."))


def entity_count(dataset):
    data = pgtest.read_json(dataset)
    return sum(len(data.get(k, [])) for k in ("countries", "parties", "mechanisms", "events", "persons"))


def graphml_nodes(data):
    """Nodes NetworkX reads from GraphML bytes (None when it cannot)."""
    try:
        return nx.read_graphml(io.BytesIO(data)).number_of_nodes()
    except Exception:  # noqa: BLE001 - not GraphML: the check fails
        return None


def read(path):
    """The bytes of `path`, or None when it cannot be read."""
    try:
        return open(path, "rb").read()
    except OSError:
        return None


def link_text(path):
    """What symbolic link `path` holds, or None when it is no link."""
    try:
        return os.readlink(path)
    except OSError:
        return None


def built(tmp, name, dataset, *extra):
    """DIR built from `dataset`, and its snapshot."""
    out = os.path.join(tmp, name)
    pgtest.run(BINARY, "build", "-q", dataset, "-o", out, *extra)
    return out, pgtest.snapshot(out)


def dead_pid():
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


# ---- symbolic links -----------------------------------------------------------


def check_symlinks(tap, tmp):
    d = os.path.join(tmp, "links")
    for sub in ("real", "sub"):
        os.makedirs(os.path.join(d, sub))
    real = os.path.join(d, "real", "g.graphml")
    links = {"rel.graphml": "real/g.graphml", "chain.graphml": "rel.graphml", "sub/up.graphml": "../real/g.graphml",
             "dangling.dot": "real/new.dot", "loop-a": "loop-b", "loop-b": "loop-a"}
    for name, text in links.items():
        os.symlink(text, os.path.join(d, name))
    n = entity_count(MINIMAL)
    for name, what in (("rel.graphml", "a relative link"), ("chain.graphml", "a chain of two links"),
                       ("sub/up.graphml", "a relative link in another directory ('../real/...')")):
        open(real, "w").write("the old file")
        proc = run("build", "-q", MINIMAL, "--graphml", os.path.join(d, name))
        kept = all(link_text(os.path.join(d, k)) == v for k, v in links.items())
        tap.check(proc.returncode == 0 and graphml_nodes(read(real)) == n and kept and not leftovers(d),
                  f"--graphml through {what}: the file at its end gets the graph ({n} nodes), every link stays, "
                  "nothing is left beside them", proc.stderr.decode() + str(leftovers(d)))
    proc = run("build", "-q", MINIMAL, "--dot", os.path.join(d, "dangling.dot"))
    stdout = run("build", "-q", MINIMAL, "--dot", "-").stdout
    tap.check(proc.returncode == 0 and os.path.islink(os.path.join(d, "dangling.dot"))
              and read(os.path.join(d, "real", "new.dot")) == stdout and not leftovers(d),
              "--dot through a dangling link: its target is created (what --dot - prints), the link stays",
              proc.stderr.decode())
    before = pgtest.snapshot(d)
    proc = run("build", "-q", MINIMAL, "--graphml", os.path.join(d, "loop-a"))
    tap.check(proc.returncode == 3 and pgtest.one_line(proc) and "Too many levels of symbolic links" in proc.stderr.decode()
              and pgtest.snapshot(d) == before, "a loop of links: exit 3, one line, nothing written", proc.stderr.decode())


def leftovers(d):
    """The dot-files in `d` and its subdirectories real/ and sub/."""
    return [f for sub in ("", "real", "sub") for f in dotfiles(os.path.join(d, sub))]


# ---- FIFOs, devices, sockets -----------------------------------------------------


def check_fifo(tap, tmp):
    d = os.path.join(tmp, "fifo")
    os.makedirs(d)
    fifo = os.path.join(d, "graph.graphml")
    os.mkfifo(fifo)
    got = os.path.join(tmp, "fifo.read")
    with open(got, "wb") as sink:
        reader = subprocess.Popen(["cat", fifo], stdout=sink)
        proc = run("build", "-q", MINIMAL, "--graphml", fifo, timeout=60)
        try:
            reader.wait(timeout=10)
            waited = ""
        except subprocess.TimeoutExpired:
            reader.kill()
            reader.wait()
            waited = "the reader was still waiting after 10 s"
    n = entity_count(MINIMAL)
    tap.check(proc.returncode == 0 and not waited and graphml_nodes(read(got)) == n
              and stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(d) == ["graph.graphml"],
              f"--graphml FIFO: written in place, the reader gets the whole graph ({n} nodes), it stays a FIFO",
              proc.stderr.decode() + waited + str(os.listdir(d)))


def make_device(path, like, tap, what):
    """A character device with the numbers of `like`; None after a skip."""
    if not ROOT_USER:
        tap.skip(what, "not root: mknod needs CAP_MKNOD")
        return None
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.stat(like).st_rdev)
        open(path, "wb").close()  # a file system mounted nodev refuses to open it
    except OSError as e:
        tap.skip(what, f"cannot make or open a device node here: {e.strerror}")
        return None
    return path


def check_devices(tap, tmp):
    d = os.path.join(tmp, "dev")
    os.makedirs(d)
    what = "--graphml to a copy of /dev/null (mknod): exit 0, still that device, nothing beside it"
    null = make_device(os.path.join(d, "null"), "/dev/null", tap, what)
    if null:
        proc = run("build", "-q", MINIMAL, "--graphml", null)
        st = os.lstat(null)
        tap.check(proc.returncode == 0 and stat.S_ISCHR(st.st_mode) and st.st_rdev == os.stat("/dev/null").st_rdev
                  and os.listdir(d) == ["null"], what, proc.stderr.decode() + str(os.listdir(d)))
    what = "--graphml to a copy of /dev/full: exit 3, 'No space left on device', still a device"
    full = make_device(os.path.join(d, "full"), "/dev/full", tap, what)
    if full:
        proc = run("build", "-q", MINIMAL, "--graphml", full)
        tap.check(proc.returncode == 3 and proc.stderr.decode() ==
                  f"partygraph: cannot write '{full}': No space left on device\n"
                  and stat.S_ISCHR(os.lstat(full).st_mode), what, proc.stderr.decode())
    what = "a block device (mknod) is refused before anything is written: exit 3, it stays"
    if not ROOT_USER:
        tap.skip(what, "not root: mknod needs CAP_MKNOD")
        return
    blk = os.path.join(d, "blk")
    os.mknod(blk, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    before = sorted(os.listdir(d))
    proc = run("build", "-q", MINIMAL, "--graphml", os.path.join(d, "new.graphml"), "--dot", blk)
    tap.check(proc.returncode == 3 and proc.stderr.decode() == f"partygraph: cannot write '{blk}': it is a block device\n"
              and stat.S_ISBLK(os.lstat(blk).st_mode) and sorted(os.listdir(d)) == before, what, proc.stderr.decode())


def check_socket(tap, tmp):
    d = os.path.join(tmp, "sock")
    os.makedirs(d)
    sock_path, fifo = os.path.join(d, "graph.dot"), os.path.join(d, "graph.graphml")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(sock_path)
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that a writer would not wait
    proc = run("build", "-q", MINIMAL, "--graphml", fifo, "--dot", sock_path, "--nodelink", os.path.join(d, "g.json"))
    try:
        got = os.read(reader, 100)
    except BlockingIOError:
        got = b"(a writer is still connected)"
    os.close(reader)
    tap.check(proc.returncode == 3 and proc.stderr.decode() == f"partygraph: cannot write '{sock_path}': it is a socket\n"
              and got == b"" and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
              and sorted(os.listdir(d)) == ["graph.dot", "graph.graphml"],
              "--graphml FIFO --dot SOCKET --nodelink NEW: refused before any write (the FIFO got nothing, no NEW)",
              proc.stderr.decode() + repr(got) + str(os.listdir(d)))
    sock.close()


# ---- mode and owner ---------------------------------------------------------------


def check_modes(tap, tmp):
    out, _ = built(tmp, "modes", MINIMAL)
    target = os.path.join(tmp, "modes.graphml")
    open(target, "w").write("the old file")
    os.chmod(os.path.join(out, "nodes.csv"), 0o600)
    os.chmod(target, 0o640)
    if ROOT_USER:
        for path in (os.path.join(out, "edges.csv"), target):
            os.chown(path, NOBODY, NOBODY)
    a = run("build", "-q", CPC, "-o", out)
    b = run("build", "-q", CPC, "--graphml", target)
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    tap.check(a.returncode == 0 and b.returncode == 0 and mode(os.path.join(out, "nodes.csv")) == 0o600
              and mode(target) == 0o640 and graphml_nodes(read(target)) == entity_count(CPC),
              "a replaced 0600 DIR/nodes.csv and a 0640 --graphml FILE keep their modes",
              f"{a.stderr.decode()}{b.stderr.decode()}{oct(mode(os.path.join(out, 'nodes.csv')))} {oct(mode(target))}")
    what = "a replaced file owned by nobody (DIR/edges.csv, --graphml FILE) stays nobody's"
    if not ROOT_USER:
        tap.skip(what, "not root: cannot chown to nobody")
        return
    owners = [(os.stat(p).st_uid, os.stat(p).st_gid) for p in (os.path.join(out, "edges.csv"), target)]
    tap.check(owners == [(NOBODY, NOBODY)] * 2, what, str(owners))


# ---- the input is no output -------------------------------------------------------


def check_input(tap, tmp):
    d = os.path.join(tmp, "same")
    os.makedirs(d)
    data = os.path.join(d, "data.json")
    shutil.copy(MINIMAL, data)
    alias, hard = os.path.join(d, "alias.json"), os.path.join(d, "hard.json")
    os.symlink("data.json", alias)
    os.link(data, hard)
    before = pgtest.snapshot(d)
    cases = [("the input itself as --graphml", data, ["--graphml", data], data),
             ("a symbolic link to the input as --graphml", data, ["--graphml", alias], alias),
             ("a hard link to the input as --nodelink", data, ["--nodelink", hard], hard),
             ("the input as --dot, after a good --graphml", data, ["--graphml", os.path.join(d, "g"), "--dot", data], data),
             ("the input, read through its link, as --cytoscape", alias, ["--cytoscape", data], data)]
    for what, source, args, target in cases:
        proc = run("build", "-q", source, *args)
        want = f"partygraph: cannot write '{target}': it is the input file '{source}'\n"
        tap.check(proc.returncode == 2 and proc.stderr.decode() == want and pgtest.snapshot(d) == before,
                  f"{what}: exit 2, one line, nothing written", proc.stderr.decode())
    with open(data, "rb") as f:
        proc = subprocess.run([BINARY, "build", "-q", "-", "--graphml", data], stdin=f, capture_output=True)
    tap.check(proc.returncode == 2 and proc.stderr.decode() == f"partygraph: cannot write '{data}': it is the input file "
              "'<stdin>'\n" and pgtest.snapshot(d) == before, "the file standard input is, as --graphml: exit 2",
              proc.stderr.decode())
    out, before = built(tmp, "same-out", MINIMAL)
    graphml = os.path.join(out, "graph.graphml")
    proc = run("build", "-q", "--input-format", "graphml", graphml, "-o", out)
    tap.check(proc.returncode == 2 and proc.stderr.decode().endswith(  # after the reader's warnings
              f"\npartygraph: cannot write '{graphml}': it is the input file '{graphml}'\n") and pgtest.snapshot(out) == before,
              "-o DIR when the input is DIR/graph.graphml: exit 2, DIR as it was", proc.stderr.decode())


# ---- signals ----------------------------------------------------------------------


def check_signals(tap, tmp, shim):
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE):
        out, before = built(tmp, f"sig-{sig.name}", MINIMAL)
        env = shim_env(shim, call="open", match=".partygraph-new-", nth=3, signal=int(sig))
        proc = run("build", "-q", CPC, "-o", out, env=env, preexec_fn=no_core)
        tap.check(proc.returncode == -sig and pgtest.snapshot(out) == before,
                  f"{sig.name} while writing the third file: killed by {sig.name}, DIR exactly as it was",
                  f"exit {proc.returncode}; {sorted(set(pgtest.snapshot(out)) ^ set(before))}")
    new = os.path.join(tmp, "sig-new")
    env = shim_env(shim, call="open", match=".partygraph-new-", nth=2, signal=int(signal.SIGINT))
    proc = run("build", "-q", CPC, "-o", os.path.join(new, "deeper", "out"), env=env)
    tap.check(proc.returncode == -signal.SIGINT and not os.path.exists(new),
              "SIGINT while writing into a new -o DIR/deeper/out: nothing left, not even DIR", f"exit {proc.returncode}")
    check_sigpipe(tap, tmp)


def check_sigpipe(tap, tmp):
    """A real SIGPIPE: --dot - into a pipe closed early, after --graphml
    FILE was written to its temporary file."""
    d = os.path.join(tmp, "pipe")
    os.makedirs(d)
    data = os.path.join(tmp, "gen300.json")
    with open(data, "wb") as f:
        subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "300"],
                       stdout=f, check=True)
    target = os.path.join(d, "kept.graphml")
    open(target, "w").write("the user's GraphML\n")
    child = subprocess.Popen([BINARY, "build", "-q", data, "--graphml", target, "--dot", "-"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    head = child.stdout.read(100)
    child.stdout.close()
    err = child.stderr.read().decode()
    status = child.wait(timeout=120)
    tap.check(status == -signal.SIGPIPE and head and open(target).read() == "the user's GraphML\n"
              and os.listdir(d) == ["kept.graphml"],
              "--graphml FILE --dot - | head -c 100: killed by SIGPIPE, FILE intact, no temporary file beside it",
              f"exit {status}: {err} {os.listdir(d)}")


# ---- killed: the next run recovers ------------------------------------------------


def killed(tmp, name, first_formats, **shim_settings):
    """DIR built from MINIMAL (with --formats first_formats), then a build
    of CPC into it killed by the shim, then a build of MINIMAL --formats
    graphml into it. Returns (DIR before, leftovers of the killed run,
    DIR after the next run, that run)."""
    out, before = built(tmp, name, MINIMAL, "--formats", first_formats)
    killed_run = run("build", "-q", CPC, "-o", out, env=shim_env(SHIM_LIB, **shim_settings))
    left = dotfiles(out)
    after_run = run("build", "-q", MINIMAL, "--formats", "graphml", "-o", out)
    return before, left, pgtest.snapshot(out), after_run, killed_run


def check_killed(tap, tmp, reference):
    before, left, after, proc, k = killed(tmp, "kill-mid", "graphml,dot,csv", call="rename",
                                          match=".partygraph-new-", nth=3, signal=9)
    tap.check(k.returncode == -9 and left and proc.returncode == 0 and after == before,
              f"SIGKILL between the 2nd and 3rd rename ({len(left)} leftovers), then a run writing graph.graphml "
              "only: graph.dot and the CSVs rolled back, nothing left", f"{left} {sorted(set(after) ^ set(before))}")
    before, left, after, proc, k = killed(tmp, "kill-absent", "graphml", call="rename",
                                          match=".partygraph-new-", nth=3, signal=9)
    tap.check(k.returncode == -9 and left and proc.returncode == 0 and after == before,
              "... into a DIR without graph.dot: the graph.dot the killed run had put there is removed again",
              f"{left} {sorted(set(after) ^ set(before))}")
    _, left, after, proc, k = killed(tmp, "kill-done", "graphml,dot,csv", call="unlink", match=".partygraph-",
                                     nth=1, signal=9)
    kept = {f: after.get(f) == reference.get(f) for f in ("graph.dot", "nodes.csv", "edges.csv")}
    tap.check(k.returncode == -9 and left and proc.returncode == 0 and all(kept.values())
              and not [f for f in after if f.startswith(".")],
              "SIGKILL after every rename (markers left): the killed run's set is kept, its markers removed",
              f"{left} {kept} {sorted(after)}")
    before, left, after, proc, k = killed(tmp, "kill-write", "graphml,dot,csv", call="open",
                                          match=".partygraph-new-", nth=3, signal=9)
    tap.check(k.returncode == -9 and left and proc.returncode == 0 and after == before,
              "SIGKILL while writing (half-written files left): the next run removes them", f"{left}")


def check_leftovers(tap, tmp):
    out, before = built(tmp, "leftovers", MINIMAL)
    dead, live = dead_pid(), os.getpid()
    mine = os.path.join(out, f".graph.dot.partygraph-new-{live}-0")
    theirs = os.path.join(out, f".graph.dot.partygraph-new-{dead}-3")
    lock = os.path.join(out, ".partygraph.lock")
    for path, text in ((mine, "a live run's"), (theirs, "a dead run's"), (lock, f"{dead}\n")):
        open(path, "w").write(text)
    proc = run("build", "-q", MINIMAL, "-o", out)
    tap.check(proc.returncode == 0 and dotfiles(out) == [os.path.basename(mine)] and open(mine).read() == "a live run's",
              "a dead run's temporary file and its stale lock are removed (the lock taken over); a live run's stays",
              proc.stderr.decode() + str(dotfiles(out)))
    os.remove(mine)


# ---- two runs at once -------------------------------------------------------------


def stopped(pid, seconds=30):
    """Waits until process `pid` is stopped (state T)."""
    end = time.time() + seconds
    while time.time() < end:
        if open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "T":
            return True
        time.sleep(0.01)
    return False


def check_second_run(tap, tmp, other):
    out, _ = built(tmp, "conc", MINIMAL)
    first = subprocess.Popen([BINARY, "build", "-q", MINIMAL, "--view", "parties", "-o", out], stderr=subprocess.PIPE,
                             env=shim_env(SHIM_LIB, call="open", match=".partygraph-new-", nth=1,
                                          signal=int(signal.SIGSTOP)))
    paused = stopped(first.pid)
    second = run("build", "-q", MINIMAL, "-o", out)
    want = (f"partygraph: {out}/.partygraph.lock: another partygraph run (PID {first.pid}) is writing into '{out}'")
    os.kill(first.pid, signal.SIGCONT)
    status = first.wait(timeout=60)
    tap.check(paused and second.returncode == 3 and pgtest.one_line(second) and second.stderr.decode().startswith(want)
              and status == 0 and pgtest.snapshot(out) == other,
              "a second run into a DIR the first is writing: exit 3, one line naming the lock file and the first's "
              "PID; the first then finishes its set", second.stderr.decode())


def pair(out, env):
    """Two builds at once into `out` (the full view, the parties view);
    their exit statuses and stderr."""
    runs = [subprocess.Popen([BINARY, "build", "-q", MINIMAL, *view, "-o", out], stderr=subprocess.PIPE, env=env)
            for view in ([], ["--view", "parties"])]
    return [(r.wait(timeout=60), r.stderr.read().decode()) for r in runs]


def check_pairs(tap, tmp, full, parties, count, env, what):
    out = os.path.join(tmp, "pairs")
    mixed, refused, bad = 0, 0, []
    for _ in range(count):
        shutil.rmtree(out, ignore_errors=True)
        pgtest.run(BINARY, "build", "-q", MINIMAL, "--view", "countries", "-o", out)
        results = pair(out, env)
        now = pgtest.snapshot(out)
        mixed += now not in (full, parties)
        for status, err in results:
            refused += status == 3 and ".partygraph.lock: another partygraph run (PID " in err
            if status not in (0, 3) or (status == 3 and ".partygraph.lock" not in err):
                bad.append(f"exit {status}: {err.strip()}")
    tap.check(mixed == 0 and not bad, f"{count} pairs of concurrent builds into one DIR{what}: never a mixed set "
              f"({refused} second runs refused by the lock)", f"{mixed} mixed sets; " + "\n".join(bad[:5]))


def check_concurrency(tap, tmp):
    full = pgtest.snapshot(built(tmp, "ref-full", MINIMAL)[0])
    parties = pgtest.snapshot(built(tmp, "ref-parties", MINIMAL, "--view", "parties")[0])
    check_second_run(tap, tmp, parties)
    check_pairs(tap, tmp, full, parties, 20, shim_env(SHIM_LIB, delay_us=20000), " (each rename slowed to 20 ms)")
    check_pairs(tap, tmp, full, parties, 60, None, "")


# ---- the rest ---------------------------------------------------------------------


def check_stdout_and_dirs(tap, tmp):
    proc = run("build", "-q", MINIMAL, "--graphml", "-")
    tap.check(proc.returncode == 0 and graphml_nodes(proc.stdout) == entity_count(MINIMAL),
              "--graphml - still writes the graph to standard output", proc.stderr.decode())
    made = os.path.join(tmp, "made")
    proc = run("build", "-q", MINIMAL, "-o", os.path.join(made, "deeper", "x" * 300))
    tap.check(proc.returncode == 3 and pgtest.one_line(proc) and "File name too long" in proc.stderr.decode()
              and not os.path.exists(made),
              "-o DIR that cannot be created (a name too long): exit 3, the parents it made removed again",
              proc.stderr.decode())


SHIM_LIB = None


def main():
    global SHIM_LIB
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory(prefix="pgtargets-") as tmp:
        SHIM_LIB = compile_shim(tmp)
        check_symlinks(tap, tmp)
        check_fifo(tap, tmp)
        check_devices(tap, tmp)
        check_socket(tap, tmp)
        check_modes(tap, tmp)
        check_input(tap, tmp)
        check_stdout_and_dirs(tap, tmp)
        check_leftovers(tap, tmp)
        if SHIM_LIB is None:
            tap.skip("signals, kills and concurrent runs", "cc cannot compile the LD_PRELOAD shim here")
        else:
            check_signals(tap, tmp, SHIM_LIB)
            check_killed(tap, tmp, pgtest.snapshot(built(tmp, "ref-cpc", CPC)[0]))
            check_concurrency(tap, tmp)
    tap.done()


main()
