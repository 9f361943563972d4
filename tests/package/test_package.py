"""The library as a package (issue 8): `make install` into a temporary
DESTDIR and `make uninstall` out of it; the shared library's SONAME and
exported symbols (exactly the functions the installed header declares, all
pg_*); pkg-config; examples/embed.c built against the installed copy,
dynamically and statically; the library loaded through an FFI (ctypes);
the header in C++; and the programs of examples/ (`make examples`) checked
against NetworkX and against the CLI.

    /usr/bin/python3 tests/package/test_package.py BUILD/partygraph

BUILD is the release build directory (the shared library and the examples
are built there)."""
import csv
import ctypes
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

ROOT = pgtest.ROOT
EXAMPLE = os.path.join(ROOT, "examples", "cpc-interparty.json")
PREFIX = "/usr/local"


def sh(*cmd, env=None, **kwargs):
    """Runs cmd; returns (exit status, stdout, stderr) as text."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, **kwargs)
    return p.returncode, p.stdout, p.stderr


def header_version(header):
    with open(header) as f:
        return re.search(r'#define PG_VERSION "([^"]+)"', f.read()).group(1)


def declared_functions(header):
    """The function names the header declares, read from its text without
    comments or preprocessor lines (an independent reading of the API)."""
    with open(header) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    text = re.sub(r"typedef[^;]*;", " ", text, flags=re.S)  # function-pointer types
    return set(re.findall(r"\b(pg_\w+)\s*\(", text))


def exported(lib):
    _, out, _ = sh("nm", "-D", "--defined-only", lib)
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def installed_files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def check_install(tap, dest, build):
    code, _, err = sh("make", "-s", "-C", ROOT, "install", f"PREFIX={PREFIX}", f"DESTDIR={dest}")
    if not tap.check(code == 0, "make install PREFIX=/usr/local DESTDIR=tmp", err):
        tap.done()  # nothing installed: the rest cannot run
    version = header_version(os.path.join(ROOT, "include", "partygraph.h"))
    major = version.split(".")[0]
    lib = f"usr/local/lib/libpartygraph.so.{version}"
    want = sorted(["usr/local/bin/partygraph", "usr/local/lib/libpartygraph.a", lib,
                   f"usr/local/lib/libpartygraph.so.{major}", "usr/local/lib/libpartygraph.so",
                   "usr/local/include/partygraph.h", "usr/local/lib/pkgconfig/partygraph.pc",
                   "usr/local/share/man/man1/partygraph.1", "usr/local/share/man/man5/partygraph-format.5",
                   "usr/local/share/bash-completion/completions/partygraph"])
    tap.check(installed_files(dest) == want, "install puts the binary, both libraries, the header, the .pc file, "
              "the man pages and the completion where they belong, nothing else",
              f"got {installed_files(dest)}")
    so = os.path.join(dest, lib)
    _, dyn, _ = sh("readelf", "-d", so)
    tap.check(f"Library soname: [libpartygraph.so.{major}]" in dyn, f"SONAME libpartygraph.so.{major}", dyn)
    tap.check(os.readlink(os.path.join(dest, "usr/local/lib/libpartygraph.so")) == f"libpartygraph.so.{major}"
              and os.readlink(os.path.join(dest, f"usr/local/lib/libpartygraph.so.{major}"))
              == f"libpartygraph.so.{version}", "the development and SONAME links")
    header = os.path.join(dest, "usr/local/include/partygraph.h")
    api, syms = declared_functions(header), exported(so)
    tap.check(syms and all(s.startswith("pg_") for s in syms), "the shared library exports pg_ symbols only",
              sorted(s for s in syms if not s.startswith("pg_")))
    tap.check(syms == api, f"it exports exactly the {len(api)} functions the header declares",
              f"undeclared: {sorted(syms - api)}\nmissing: {sorted(api - syms)}")
    _, cli_needs, _ = sh("nm", "-u", *[os.path.join(build, "obj", "src", "cli", f)
                                       for f in sorted(os.listdir(os.path.join(build, "obj", "src", "cli")))
                                       if f.endswith(".o")])
    used = {w[-1] for w in map(str.split, cli_needs.splitlines()) if w and w[-1].startswith("pg_")}
    tap.check(used and used <= api, f"the CLI calls only the public API ({len(used)} functions)",
              sorted(used - api))
    return so, header, version


def pkg_config(dest, *args):
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(dest, "usr/local/lib/pkgconfig"),
               PKG_CONFIG_SYSROOT_DIR=dest)
    code, out, err = sh("pkg-config", *args, "partygraph", env=env)
    return code, out.split(), err


def check_pkg_config(tap, dest, version):
    code, mod, err = pkg_config(dest, "--modversion")
    tap.check(code == 0 and mod == [version], f"pkg-config --modversion partygraph: {version}", err)
    code, flags, err = pkg_config(dest, "--cflags", "--libs")
    tap.check(code == 0 and f"-I{dest}/usr/local/include" in flags and "-lpartygraph" in flags,
              "pkg-config --cflags --libs partygraph points into the installed tree", f"{flags} {err}")
    return flags


def check_embed(tap, dest, flags, tmp):
    """examples/embed.c against the installed copy, as the shared and as the
    static library; both print what the in-tree build prints."""
    source = os.path.join(ROOT, "examples", "embed.c")
    libdir = os.path.join(dest, "usr/local/lib")
    dyn = os.path.join(tmp, "embed-shared")
    code, _, err = sh("cc", "-std=c11", "-Wall", "-Wextra", "-Werror", source, *flags, "-o", dyn)
    tap.check(code == 0, "examples/embed.c builds with `pkg-config --cflags --libs partygraph`", err)
    _, needed, _ = sh("readelf", "-d", dyn)
    tap.check("[libpartygraph.so.0]" in needed, "the program needs libpartygraph.so.0", needed)
    _, want, _ = sh(os.path.join(ROOT, "build", "examples", "embed"), EXAMPLE)
    code, got, err = sh(dyn, EXAMPLE, env=dict(os.environ, LD_LIBRARY_PATH=libdir))
    tap.check(code == 0 and got == want and got.startswith("partygraph "),
              "it runs on the installed shared library and prints what the in-tree build prints", got + err)
    # libpartygraph.a, and the libraries it needs as shared ones: Debian's
    # igraph.pc names igraph's own static dependencies, which need not be
    # installed (README, "The library")
    code, private, err = pkg_config(dest, "--print-requires-private")
    deps = [w for w in private if re.match(r"^[\w.+-]+$", w)]
    _, dep_flags, _ = sh("pkg-config", "--cflags", "--libs", *deps)
    with open(os.path.join(libdir, "pkgconfig", "partygraph.pc"), encoding="utf-8") as f:
        own = next((line.split(":", 1)[1].split() for line in f if line.startswith("Libs.private:")), [])
    stat = os.path.join(tmp, "embed-static")
    code, _, err = sh("cc", "-std=c11", f"-I{dest}/usr/local/include", source, "-L" + libdir, "-Wl,-Bstatic",
                      "-lpartygraph", "-Wl,-Bdynamic", *dep_flags.split(), *own, "-o", stat)
    _, needed, _ = sh("readelf", "-d", stat) if code == 0 else (1, "", "")
    tap.check(code == 0 and "libpartygraph" not in needed,
              "it links libpartygraph.a statically, the libraries pkg-config lists as its private needs shared",
              f"{deps} {err}")
    code, got, err = sh(stat, EXAMPLE) if os.path.exists(stat) else (1, "", "not built")
    tap.check(code == 0 and got == want, "the static program prints the same", got + err)


def check_ffi(tap, so, version):
    lib = ctypes.CDLL(so)
    lib.pg_version.restype = ctypes.c_char_p
    lib.pg_igraph_version.restype = ctypes.c_char_p
    tap.check(lib.pg_version().decode() == version and lib.pg_igraph_version().decode().startswith("0.10"),
              "an FFI (Python ctypes) loads the library and calls pg_version, pg_igraph_version")
    lib.pg_dataset_load_file.restype = ctypes.c_void_p
    lib.pg_dataset_load_file.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    lib.pg_dataset_entity_count.restype = ctypes.c_size_t
    lib.pg_dataset_entity_count.argtypes = [ctypes.c_void_p]
    lib.pg_dataset_free.argtypes = [ctypes.c_void_p]
    err = ctypes.create_string_buffer(4096)  # larger than pg_error
    ds = lib.pg_dataset_load_file(EXAMPLE.encode(), err)
    count = lib.pg_dataset_entity_count(ds) if ds else -1
    lib.pg_dataset_free(ds)
    data = json.load(open(EXAMPLE, encoding="utf-8"))
    want = sum(len(data.get(k, [])) for k in ("countries", "parties", "mechanisms", "events", "persons"))
    tap.check(count == want, f"through it, pg_dataset_load_file and pg_dataset_entity_count see the {want} entities",
              count)


def check_cplusplus(tap, header, tmp):
    if shutil.which("g++") is None:
        tap.check(True, "the header in C++ # SKIP g++ is not installed")
        return
    src = os.path.join(tmp, "api.cc")
    with open(src, "w") as f:
        f.write('#include <partygraph.h>\nint main() { pg_analysis_options o = PG_ANALYSIS_OPTIONS_INIT;'
                ' (void)o; return pg_version() == nullptr; }\n')
    code, _, err = sh("g++", "-std=c++20", "-Wall", "-Werror", "-fsyntax-only", f"-I{os.path.dirname(header)}", src)
    tap.check(code == 0, "the installed header compiles as C++ (extern \"C\", the option initialisers)", err)


def check_uninstall(tap, dest):
    code, _, err = sh("make", "-s", "-C", ROOT, "uninstall", f"PREFIX={PREFIX}", f"DESTDIR={dest}")
    left = installed_files(dest)
    tap.check(code == 0 and left == [], "make uninstall removes every file install put", f"{err} {left}")


def graph_of(data):
    """The merged graph partygraph/1 defines, built from the JSON here."""
    G = nx.Graph()
    for array in ("countries", "parties", "mechanisms", "events", "persons"):
        G.add_nodes_from(e["id"] for e in data.get(array, []))
    pairs = [(r["source"], r["target"]) for r in data.get("relations", [])]
    for array, fields in {"parties": ["country"], "events": ["country", "mechanism", "host"],
                          "persons": ["party", "country"]}.items():
        pairs += [(e["id"], e[f]) for e in data.get(array, []) for f in fields if e.get(f)]
    G.add_edges_from((u, v) for u, v in pairs if u != v)
    return G


def check_examples(tap, binary, tmp):
    """The programs of examples/ do what they say, against NetworkX and the CLI."""
    bindir = os.path.join(ROOT, "build", "examples")
    data = pgtest.read_json(EXAMPLE)
    G = graph_of(data)
    _, out, _ = sh(os.path.join(bindir, "embed"), EXAMPLE)
    head, *rows = out.splitlines()
    tap.check(head.split()[2:6] == [str(G.number_of_nodes()), "nodes,", str(G.number_of_edges()), "edges,"],
              "embed: the node and edge counts of the merged graph (NetworkX from the JSON)", head)
    W = nx.read_graphml(io.BytesIO(pgtest.run(binary, "build", "--layout", "none", "--graphml", "-",
                                              EXAMPLE).stdout))
    pr = nx.pagerank(W, weight="weight", tol=1e-10)
    top = sorted(pr, key=lambda v: (-pr[v], v))[:5]
    got = [r.split("\t") for r in rows]
    tap.check([r[1] for r in got] == top and all(abs(float(r[2]) - pr[r[1]]) < 1e-5 for r in got),
              "embed: the five nodes of highest PageRank and their values, as NetworkX's", f"{got}\n{top}")

    code, out, err = sh(os.path.join(bindir, "brokers"), EXAMPLE, "100")
    P = nx.read_graphml(io.BytesIO(pgtest.run(binary, "build", "--view", "parties", "--layout", "none",
                                              "--graphml", "-", EXAMPLE).stdout))
    bc = nx.betweenness_centrality(P, normalized=False)
    rows = [r.split("\t") for r in out.splitlines()]
    order = sorted(bc, key=lambda v: (-bc[v], v))
    tap.check(code == 0 and [r[1] for r in rows] == order
              and all(abs(float(r[2]) - bc[r[1]]) < 1e-9 for r in rows),
              "brokers: every party ranked by betweenness in the parties view, values as NetworkX's", out + err)
    cli = pgtest.build(binary, data, "--view", "parties", "--layout", "none")
    nodes = {r["id"]: r for r in pgtest.read_csv(os.path.join(cli.out, "nodes.csv"))}
    cols = ["constraint", "gatekeeper", "representative", "liaison"]
    same = all(r[3 + i] == "-" and nodes[r[1]][c] == "" or r[3 + i] != "-" and
               abs(float(r[3 + i]) - float(nodes[r[1]][c])) < 1e-5 for r in rows for i, c in enumerate(cols))
    tap.check(same, "brokers: constraint and brokerage roles as `partygraph build --view parties` writes them")

    bad = [sh(os.path.join(bindir, "brokers"), EXAMPLE, n)[0] for n in ("2305843009213693953", "3x", "0")]
    bad += [sh(os.path.join(bindir, "ego"), EXAMPLE, "cpc", r)[0] for r in ("abc", "0")]
    tap.check(bad == [2] * 5, "brokers N and ego RADIUS out of range or not numbers: exit 2 (usage)", bad)
    code, out, err = sh(os.path.join(bindir, "ego"), EXAMPLE, "cpc")
    cli_out = pgtest.run(binary, "ego", "--layout", "none", "-o", os.path.join(tmp, "ego"), EXAMPLE, "cpc").stdout
    if b"\nwrote " in cli_out:  # the CLI says where its files went, after a blank line
        cli_out = cli_out[:cli_out.rfind(b"\nwrote ")]
    alters = re.search(r"radius 1: (\d+) alters", out)
    tap.check(code == 0 and out.encode() == cli_out and alters and int(alters.group(1)) == G.degree("cpc"),
              "ego: the CLI's ego report; as many alters as NetworkX's neighbours of cpc", out[:300] + err)
    code, _, err = sh(os.path.join(bindir, "ego"), EXAMPLE, "no-such-id")
    tap.check(code == 1 and err.startswith("ego: ") and "no-such-id" in err and err.count("\n") == 1,
              "ego: an unknown id is one line on stderr and exit 1", err)

    target = os.path.join(tmp, "view.graphml")
    code, _, err = sh(os.path.join(bindir, "export"), EXAMPLE, "2015", "2021", target)
    cli_file = pgtest.run(binary, "build", "--view", "parties", "--from", "2015", "--to", "2021", "--giant",
                          "--layout", "none", "--graphml", "-", EXAMPLE).stdout
    with open(target, "rb") as f:
        mine = f.read()
    E = nx.read_graphml(target)
    tap.check(code == 0 and mine == cli_file and E.number_of_nodes() > 1 and nx.is_connected(E),
              "export: the CLI's filtered GraphML, connected (--giant), read by NetworkX", err)
    code, _, err = sh(os.path.join(bindir, "export"), EXAMPLE, "2015", "20x1", target)
    with open(target, "rb") as f:
        tap.check(code == 1 and f.read() == mine and "20x1" in err,
                  "export: a bad date is an error and the earlier file stays as it was", err)


def main():
    binary = sys.argv[1]
    build = os.path.dirname(os.path.abspath(binary))
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory(prefix="pg-package-") as tmp:
        dest = os.path.join(tmp, "dest")
        so, header, version = check_install(tap, dest, build)
        flags = check_pkg_config(tap, dest, version)
        check_embed(tap, dest, flags, tmp)
        check_ffi(tap, so, version)
        check_cplusplus(tap, header, tmp)
        check_uninstall(tap, dest)
        check_examples(tap, binary, tmp)
    tap.done()


if __name__ == "__main__":
    main()
