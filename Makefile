# partygraph - build, test and install.
#
#   make                 the CLI (build/partygraph), libpartygraph.a and .so
#   make check           everything, then every test, also under ASan+UBSan
#   make examples        the C programs of examples/ (build/examples/)
#   make install         PREFIX=/usr/local DESTDIR= (binary, libraries, header,
#                        partygraph.pc, man pages, bash completion)
#   make uninstall       the same PREFIX and DESTDIR: removes what install put
#   make VALGRIND=1 check   also run the CLI golden tests under valgrind
#   make fuzz FUZZ_SECONDS=60   the libFuzzer harnesses (clang), each that long
#
# CFLAGS given on the command line are appended to ours.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
MANDIR = $(PREFIX)/share/man
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions

# The version is the header's; the SONAME carries its major number.
version_part = $(shell sed -n 's/^\#define PG_VERSION_$(1) \([0-9]*\)$$/\1/p' include/partygraph.h)
VERSION := $(call version_part,MAJOR).$(call version_part,MINOR).$(call version_part,PATCH)
SONAME := libpartygraph.so.$(call version_part,MAJOR)

PKGS = igraph libcjson libgvc libcgraph zlib libxml-2.0 libzip
PKG_OK := $(shell pkg-config --exists $(PKGS) && echo yes)
ifneq ($(PKG_OK),yes)
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),)
$(error pkg-config cannot find $(PKGS): run scripts/install-deps.sh first)
endif
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lcsv # libcsv has no pkg-config file

# Includes name their folder: #include "model/graph.h".
BASE_CFLAGS = -std=c11 -Wall -Wextra -Werror -O2 -g -Iinclude -Isrc $(PKG_CFLAGS)
# library objects: position-independent (one set for the .a and the .so), and
# hidden but for what include/partygraph.h declares
LIB_CFLAGS = -fPIC -fvisibility=hidden
ALL_CFLAGS = $(BASE_CFLAGS) $(CFLAGS)
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# libgomp: igraph's own OpenMP runtime, which igraph_glue.c sets to one thread
LIBS = $(PKG_LIBS) -lgomp -lm -pthread

# Generated sources (never committed): the report's style and script,
# src/write/report.css and src/write/report.js, as C arrays (scripts/embed.sh).
GEN := build/gen
GEN_SRC := $(GEN)/report_assets.c
# src/ is in folders by stage (src/README.md); src/cli/ is the program.
LIB_SRC := $(filter-out src/cli/%,$(wildcard src/*/*.c)) $(GEN_SRC)
CLI_SRC := $(wildcard src/cli/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

# Two builds of everything: build/ (release) and build/asan/ (sanitizers).
REL := build
SAN := build/asan

rel_obj = $(patsubst %.c,$(REL)/obj/%.o,$(1))
san_obj = $(patsubst %.c,$(SAN)/obj/%.o,$(1))

REL_LIB := $(REL)/libpartygraph.a
REL_SO := $(REL)/libpartygraph.so.$(VERSION)
SAN_LIB := $(SAN)/libpartygraph.a
REL_CLI := $(REL)/partygraph
SAN_CLI := $(SAN)/partygraph
REL_UNITS := $(patsubst tests/unit/%.c,$(REL)/tests/%,$(UNIT_SRC))
SAN_UNITS := $(patsubst tests/unit/%.c,$(SAN)/tests/%,$(UNIT_SRC))

EXAMPLE_SRC := $(wildcard examples/*.c)
EXAMPLES := $(patsubst examples/%.c,$(REL)/examples/%,$(EXAMPLE_SRC))

.PHONY: all check test examples install uninstall clean
all: $(REL_CLI) $(REL_LIB) $(REL_SO)

$(REL)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# (the Makefile a prerequisite: objects built before LIB_CFLAGS cannot go into the .so)
$(REL)/obj/src/%.o: src/%.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(REL)/obj/$(GEN)/%.o: $(GEN)/%.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(GEN)/report_assets.c: src/write/report.css src/write/report.js scripts/embed.sh
	@mkdir -p $(@D)
	scripts/embed.sh write/report_assets.h pg_report_css=src/write/report.css pg_report_js=src/write/report.js > $@.tmp
	mv $@.tmp $@

$(SAN)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -MMD -MP -c $< -o $@

$(REL_LIB): $(call rel_obj,$(LIB_SRC))
	rm -f $@ # a member of a file since removed must not linger
	$(AR) rcs $@ $^

$(SAN_LIB): $(call san_obj,$(LIB_SRC))
	rm -f $@ # a member of a file since removed must not linger
	$(AR) rcs $@ $^

# -z defs: every symbol the library needs comes from a library it names
$(REL_SO): $(call rel_obj,$(LIB_SRC))
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs $^ $(LIBS) -o $@
	ln -sf $(@F) $(REL)/$(SONAME)
	ln -sf $(SONAME) $(REL)/libpartygraph.so

# examples see the public header only, as a program using the library would
$(REL)/examples/%: examples/%.c include/partygraph.h $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -g -Iinclude $(CFLAGS) $< $(REL_LIB) $(LIBS) -o $@

examples: $(EXAMPLES)

$(REL_CLI): $(call rel_obj,$(CLI_SRC)) $(REL_LIB)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN_CLI): $(call san_obj,$(CLI_SRC)) $(SAN_LIB)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

$(REL)/tests/%: $(REL)/obj/tests/unit/%.o $(REL)/obj/tests/unit/harness.o $(REL)/obj/tests/unit/dataset_dump.o $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN)/tests/%: $(SAN)/obj/tests/unit/%.o $(SAN)/obj/tests/unit/harness.o $(SAN)/obj/tests/unit/dataset_dump.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

# the Python suites' window on the workbook reader (tests/unit/dump_tables.c):
# a program of its own, without the unit harness
$(REL)/tests/dump_tables: $(REL)/obj/tests/unit/dump_tables.o $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN)/tests/dump_tables: $(SAN)/obj/tests/unit/dump_tables.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

check: $(REL_CLI) $(REL_SO) $(SAN_CLI) $(REL_UNITS) $(SAN_UNITS) $(EXAMPLES) $(REL)/tests/dump_tables $(SAN)/tests/dump_tables
	@VALGRIND=$(VALGRIND) tests/run.sh $(REL) $(SAN)

test: check

# partygraph.pc is made from src/partygraph.pc.in for the PREFIX given here
install: $(REL_CLI) $(REL_LIB) $(REL_SO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 $(REL_CLI) $(DESTDIR)$(BINDIR)/partygraph
	install -m 644 $(REL_LIB) $(DESTDIR)$(LIBDIR)/libpartygraph.a
	install -m 755 $(REL_SO) $(DESTDIR)$(LIBDIR)/libpartygraph.so.$(VERSION)
	ln -sf libpartygraph.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpartygraph.so
	install -m 644 include/partygraph.h $(DESTDIR)$(INCLUDEDIR)/partygraph.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@PKGS@|$(PKGS)|' src/partygraph.pc.in \
	    > $(DESTDIR)$(PKGCONFIGDIR)/partygraph.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/partygraph.pc
	install -m 644 docs/man/partygraph.1 $(DESTDIR)$(MANDIR)/man1/partygraph.1
	install -m 644 docs/man/partygraph-format.5 $(DESTDIR)$(MANDIR)/man5/partygraph-format.5
	install -m 644 scripts/partygraph.bash-completion $(DESTDIR)$(COMPLETIONDIR)/partygraph

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/partygraph $(DESTDIR)$(LIBDIR)/libpartygraph.a \
	    $(DESTDIR)$(LIBDIR)/libpartygraph.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libpartygraph.so $(DESTDIR)$(INCLUDEDIR)/partygraph.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/partygraph.pc $(DESTDIR)$(MANDIR)/man1/partygraph.1 \
	    $(DESTDIR)$(MANDIR)/man5/partygraph-format.5 $(DESTDIR)$(COMPLETIONDIR)/partygraph

clean:
	rm -rf build

# Fuzzing (CONTRIBUTING.md, "Fuzzing"): the libFuzzer harnesses of tests/fuzz/,
# built by clang with the library in build/fuzz/, and the replay of their
# corpus and regressions with the gcc builds, which `make check` runs.
#
#   make fuzz FUZZ_SECONDS=N   each harness N seconds, one after another
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ := build/fuzz
FUZZ_HARNESSES := load nodelink writers tables
# clang, unlike gcc, warns of fields left out of designated initialisers
FUZZ_CFLAGS = $(ALL_CFLAGS) $(SANITIZE) -Wno-missing-field-initializers
FUZZ_BINS := $(patsubst %,$(FUZZ)/fuzz_%,$(FUZZ_HARNESSES))
REL_REPLAYS := $(patsubst %,$(REL)/replay/fuzz_%,$(FUZZ_HARNESSES))
SAN_REPLAYS := $(patsubst %,$(SAN)/replay/fuzz_%,$(FUZZ_HARNESSES))

ifneq ($(filter fuzz $(FUZZ)/%,$(MAKECMDGOALS)),)
ifeq ($(shell command -v $(FUZZ_CC)),)
$(error $(FUZZ_CC) not found: run scripts/install-deps.sh --fuzz first)
endif
endif

.PHONY: fuzz
fuzz: $(FUZZ_BINS)
	tests/fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

$(FUZZ)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ)/libpartygraph.a: $(patsubst %.c,$(FUZZ)/obj/%.o,$(LIB_SRC))
	rm -f $@ # a member of a file since removed must not linger
	$(AR) rcs $@ $^

$(FUZZ)/fuzz_%: $(FUZZ)/obj/tests/fuzz/fuzz_%.o $(FUZZ)/obj/tests/unit/dataset_dump.o $(FUZZ)/libpartygraph.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(LIBS) -o $@

$(REL)/replay/fuzz_%: $(REL)/obj/tests/fuzz/fuzz_%.o $(REL)/obj/tests/fuzz/replay.o $(REL)/obj/tests/unit/dataset_dump.o $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN)/replay/fuzz_%: $(SAN)/obj/tests/fuzz/fuzz_%.o $(SAN)/obj/tests/fuzz/replay.o $(SAN)/obj/tests/unit/dataset_dump.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

check: $(REL_REPLAYS) $(SAN_REPLAYS)

.SECONDARY:
-include $(shell find build -name '*.d' 2>/dev/null)
