/* picture.h - what the pictures (render*.c) and the HTML report
 * (write_html.c) share: the text of the date window, which nodes carry a
 * label, and how a label cuts a long name. Private to the library. */
#ifndef PG_PICTURE_H
#define PG_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "model/graph.h"

/* Labels of the drawings show at most this many characters of a name. */
enum { PG_LABEL_CHARS = 32 };

/* Room for pg_picture_day's text. */
enum { PG_DAY_SIZE = 16 };

/* Day `yyyymmdd` (as in pg_view_spec) as "YYYY-MM-DD" into `buf`;
 * returns `buf`. */
const char *pg_picture_day(long yyyymmdd, char buf[PG_DAY_SIZE]);

/* Appends the date window of view `s` to `b`: "from 2017-01-01 to
 * 2019-06-30", "from 2017-01-01" or "until 2019-06-30" (an open end,
 * PG_OPEN_START or PG_OPEN_END, is left out). Returns false, appending
 * nothing, when the view has no window (all dates). */
bool pg_picture_window(const pg_view_spec *s, pg_strbuf *b);

/* The nodes of analysed `g` in the order the drawings rank them: by their
 * rank on options.size_by (pg_graph_ranks, ties by id), then the nodes
 * without a value, by id. Fills rank[] (pg_graph_ranks' ranks, may be
 * NULL) and order[] (the nodes, n entries). 0, or -1 when out of memory. */
int pg_picture_order(const pg_graph *g, long *rank, size_t *order);

/* Does the node at position i of that order carry a label? The first
 * options.label_top do (all for -1, none for 0). */
bool pg_picture_labelled(const pg_graph *g, size_t i);

/* DOT strings hold at most this many bytes of a text from the data,
 * escaped, the "…" of a cut included: Graphviz's scanner refuses a quoted
 * string of 16,383 bytes or more, and a tooltip adds " (mechanism)". */
enum { PG_DOT_TEXT_BYTES = 16000 };

/* How much of `name` a label shows: its length in bytes when it has at
 * most `max_chars` characters (code points; 0: no limit), else the length
 * of its first max_chars - 1 characters, which the label follows with "…"
 * - so a label is never longer than max_chars characters. */
size_t pg_picture_cut(const char *name, size_t max_chars);

/* The size in bytes of the `len` bytes at `s` (whole characters) once
 * escaped for some syntax (it may look at s[len], the next byte). */
typedef size_t pg_escaped_size_fn(const char *s, size_t len);

/* pg_picture_cut with a budget in bytes as well: the length of all of
 * `name` when it has at most max_chars characters and `size` (NULL: the
 * bytes themselves) makes it at most max_bytes bytes; else the length of
 * its longest prefix of at most max_chars - 1 characters whose size, plus
 * the 3 bytes of "…", is at most max_bytes. */
size_t pg_picture_cut_bytes(const char *name, size_t max_chars, size_t max_bytes, pg_escaped_size_fn *size);

/* Node v's size on a 0..1 scale: the square root of its size_by metric
 * over the largest (0 where undefined), so that areas follow the metric;
 * every drawing and every format's node size follows it. */
double pg_node_size01(const pg_graph *g, size_t v);

#endif
