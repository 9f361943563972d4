/* separate.h - making a drawing legible: a layout puts nodes where their
 * shapes and labels overlap; pg_separate keeps the layout's arrangement
 * but pushes overlapping boxes apart, and pg_separate_labels then chooses
 * the labels that can be drawn without covering a shape or another label.
 * Boxes, not shapes: two boxes apart means the shapes inside them are.
 * Deterministic (no randomness; the same input gives the same bytes).
 * Used by the report's drawing (write_html.c) and by place.h (the pictures
 * and graph.dot). Private to the library. */
#ifndef PG_SEPARATE_H
#define PG_SEPARATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* A box around a point, as its extents from the point (all >= 0): it
 * covers [x - left, x + right] x [y - up, y + down], y pointing down. */
typedef struct pg_sep_box {
    double left, right, up, down;
} pg_sep_box;

/* Something to place: a point and the box that must not overlap
 * another item's. */
typedef struct pg_sep_item {
    double x, y;
    pg_sep_box box;
} pg_sep_item;

/* How pg_separate works. */
typedef struct pg_sep_options {
    double spacing; /* the median nearest-neighbour distance to scale up to first (0: no scaling) */
    double gap;     /* the room left between two boxes */
    int rounds;     /* rounds of pushing before spreading the points out (then again) */
    int spreads;    /* times the points are spread out by a quarter when rounds were not enough */
} pg_sep_options;

/* Moves the `n` items so that no two boxes come closer than opt->gap,
 * keeping their arrangement: scales the points (never down) so that the
 * median distance from a point to its nearest neighbour is at least
 * opt->spacing; then, round after round, finds the overlapping pairs
 * through a uniform grid and pushes each pair apart, half each, along the
 * axis where they overlap less (equal points: the later one right).
 * After opt->rounds rounds with overlaps left, spreads the points by a
 * quarter and starts again, at most opt->spreads times. Sets *left to
 * the pairs still closer than the gap (0 unless the spreads ran out).
 * Returns PG_OK or PG_ENOMEM. */
pg_status pg_separate(pg_sep_item *items, size_t n, const pg_sep_options *opt, size_t *left, pg_error *err);

/* Chooses the labels to draw. shape[v] is node v's shape box and
 * label[v] its label's box around the same point; keep[v] says on entry
 * whether v wants a label. Goes through the `n` nodes in `order` (most
 * important first) and keeps v's label only when its box, widened by
 * `gap`, overlaps no other node's shape box and no label kept before;
 * clears keep[v] otherwise. Returns PG_OK or PG_ENOMEM. */
pg_status pg_separate_labels(const pg_sep_item *shape, const pg_sep_box *label, const size_t *order, size_t n,
                             double gap, bool *keep, pg_error *err);

/* A generous estimate of the width of the `len` bytes of UTF-8 at `s`
 * drawn in Helvetica (or a font with its metrics) at `font_size`: the
 * font's widths for ASCII, one em for every other character. */
double pg_sep_text_width(const char *s, size_t len, double font_size);

#endif
