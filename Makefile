# partygraph - build, test and install.
#
#   make                 the CLI (build/partygraph) and libpartygraph.a
#   make check           everything, then every test, also under ASan+UBSan
#   make install         PREFIX=/usr/local DESTDIR= (binary, library, header)
#   make VALGRIND=1 check   also run the CLI golden tests under valgrind
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

.SECONDARY:
-include $(shell find build -name '*.d' 2>/dev/null)
