"""Golden files: every text output of `build` on the small bundled example,
byte for byte. A change to any writer shows up here as a diff to review.

    /usr/bin/python3 tests/outputs/test_golden.py BUILD/partygraph
    UPDATE=1 ... rewrites the golden files (then review `git diff`)."""
import difflib
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

GOLDEN = os.path.join(pgtest.ROOT, "tests", "outputs", "golden")
# The text formats; png and pdf are binary and checked by their own suites.
FORMATS = "graphml,dot,csv,json,gexf,nodelink,cytoscape,html"
CASES = {
    "minimal": ["examples/minimal.json"],
    "minimal-parties-window": ["examples/minimal.json", "--view", "parties", "--from", "2017", "--window", "2y"],
}


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)  # the input path in summary.json is the relative one given
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pggold-")
    try:
        for name, args in CASES.items():
            out = os.path.join(tmp, name)
            pgtest.run(binary, "build", "-q", *args, "--formats", FORMATS, "-o", out)
            want_dir = os.path.join(GOLDEN, name)
            if os.environ.get("UPDATE") == "1":
                shutil.rmtree(want_dir, ignore_errors=True)
                shutil.copytree(out, want_dir)
            got_files, want_files = sorted(os.listdir(out)), sorted(os.listdir(want_dir))
            tap.check(got_files == want_files, f"{name}: the files written are the golden ones", f"{got_files} != {want_files}")
            for f in want_files:
                got = open(os.path.join(out, f), "rb").read() if f in got_files else b""
                want = open(os.path.join(want_dir, f), "rb").read()
                diff = "".join(difflib.unified_diff(want.decode(errors="replace").splitlines(True),
                                                    got.decode(errors="replace").splitlines(True), "golden", "got", n=1))
                tap.check(got == want, f"{name}: {f} equals its golden file", diff[:3000])
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
