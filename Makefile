# partygraph - build, test and install.
#
#   make                 the CLI (build/partygraph) and libpartygraph.a
#   make check           everything, then every test, also under ASan+UBSan
#   make install         PREFIX=/usr/local DESTDIR= (binary, library, header)
#   make VALGRIND=1 check   also run the CLI golden tests under valgrind
#   make fuzz FUZZ_SECONDS=60   the libFuzzer harnesses (clang), each that long
#
# CFLAGS given on the command line are appended to ours.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include

PKGS = igraph libcjson libgvc libcgraph zlib libxml-2.0
PKG_OK := $(shell pkg-config --exists $(PKGS) && echo yes)
ifneq ($(PKG_OK),yes)
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),)
$(error pkg-config cannot find $(PKGS): run scripts/install-deps.sh first)
endif
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))

BASE_CFLAGS = -std=c11 -Wall -Wextra -Werror -O2 -g -Iinclude -Isrc $(PKG_CFLAGS)
ALL_CFLAGS = $(BASE_CFLAGS) $(CFLAGS)
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# libgomp: igraph's own OpenMP runtime, which igraph_glue.c sets to one thread
LIBS = $(PKG_LIBS) -lgomp -lm -pthread

LIB_SRC := $(wildcard src/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

# Two builds of everything: build/ (release) and build/asan/ (sanitizers).
REL := build
SAN := build/asan

rel_obj = $(patsubst %.c,$(REL)/obj/%.o,$(1))
san_obj = $(patsubst %.c,$(SAN)/obj/%.o,$(1))

REL_LIB := $(REL)/libpartygraph.a
SAN_LIB := $(SAN)/libpartygraph.a
REL_CLI := $(REL)/partygraph
SAN_CLI := $(SAN)/partygraph
REL_UNITS := $(patsubst tests/unit/%.c,$(REL)/tests/%,$(UNIT_SRC))
SAN_UNITS := $(patsubst tests/unit/%.c,$(SAN)/tests/%,$(UNIT_SRC))

.PHONY: all check test install uninstall clean
all: $(REL_CLI) $(REL_LIB)

$(REL)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(SAN)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -MMD -MP -c $< -o $@

$(REL_LIB): $(call rel_obj,$(LIB_SRC))
	$(AR) rcs $@ $^

$(SAN_LIB): $(call san_obj,$(LIB_SRC))
	$(AR) rcs $@ $^

$(REL_CLI): $(call rel_obj,$(CLI_SRC)) $(REL_LIB)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN_CLI): $(call san_obj,$(CLI_SRC)) $(SAN_LIB)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

$(REL)/tests/%: $(REL)/obj/tests/unit/%.o $(REL)/obj/tests/unit/harness.o $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN)/tests/%: $(SAN)/obj/tests/unit/%.o $(SAN)/obj/tests/unit/harness.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

check: $(REL_CLI) $(SAN_CLI) $(REL_UNITS) $(SAN_UNITS)
	@VALGRIND=$(VALGRIND) tests/run.sh $(REL) $(SAN)

test: check

install: $(REL_CLI) $(REL_LIB)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(REL_CLI) $(DESTDIR)$(BINDIR)/partygraph
	install -m 644 $(REL_LIB) $(DESTDIR)$(LIBDIR)/libpartygraph.a
	install -m 644 include/partygraph.h $(DESTDIR)$(INCLUDEDIR)/partygraph.h

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/partygraph $(DESTDIR)$(LIBDIR)/libpartygraph.a $(DESTDIR)$(INCLUDEDIR)/partygraph.h

clean:
	rm -rf build

# Fuzzing (README, "Fuzzing"): the libFuzzer harnesses of tests/fuzz/,
# built by clang with the library in build/fuzz/, and the replay of their
# corpus and regressions with the gcc builds, which `make check` runs.
#
#   make fuzz FUZZ_SECONDS=N   each harness N seconds, one after another
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ := build/fuzz
FUZZ_HARNESSES := load nodelink writers
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
	$(AR) rcs $@ $^

$(FUZZ)/fuzz_%: $(FUZZ)/obj/tests/fuzz/fuzz_%.o $(FUZZ)/libpartygraph.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(LIBS) -o $@

$(REL)/replay/fuzz_%: $(REL)/obj/tests/fuzz/fuzz_%.o $(REL)/obj/tests/fuzz/replay.o $(REL_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@

$(SAN)/replay/fuzz_%: $(SAN)/obj/tests/fuzz/fuzz_%.o $(SAN)/obj/tests/fuzz/replay.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

check: $(REL_REPLAYS) $(SAN_REPLAYS)

.SECONDARY:
-include $(shell find build -name '*.d' 2>/dev/null)
