/* separate.c - overlap removal for drawings (separate.h): a uniform grid
 * finds the boxes that overlap, in time about linear in the items per
 * round; a first scaling gives the points room, then rounds of pushes
 * along the axis of least overlap part what still overlaps; the label
 * choice goes through the same grid. Also the text width estimate that
 * sizes the labels' boxes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "render/separate.h"

/* Two boxes closer than this are apart all the same (rounding). */
static const double slack = 1e-6;

/* How much the points spread out when the rounds were not enough. */
static const double spread_factor = 1.25;

/* A box where it is now: [x0, x1] x [y0, y1]. */
typedef struct rect {
    double x0, y0, x1, y1;
} rect;

static rect rect_at(double x, double y, const pg_sep_box *b, double pad)
{
    return (rect){ x - b->left - pad, y - b->up - pad, x + b->right + pad, y + b->down + pad };
}

static bool overlapping(const rect *a, const rect *b)
{
    return fmin(a->x1, b->x1) - fmax(a->x0, b->x0) > slack && fmin(a->y1, b->y1) - fmax(a->y0, b->y0) > slack;
}

/* ---- the grid: each rect listed in every cell it covers ---- */

typedef struct grid {
    double x0, y0, cell;
    size_t cols, rows;
    size_t *start; /* cols * rows + 1: cell c lists entry[start[c]] .. entry[start[c + 1] - 1] */
    size_t *entry; /* rect indices */
} grid;

static size_t cell_index(double at, double origin, double cell, size_t count)
{
    double k = floor((at - origin) / cell);
    return k <= 0 ? 0 : k >= (double)(count - 1) ? count - 1 : (size_t)k;
}

/* The cells rect r covers: columns c[0]..c[1], rows c[2]..c[3]. */
static void cells_of(const grid *g, const rect *r, size_t c[4])
{
    c[0] = cell_index(r->x0, g->x0, g->cell, g->cols);
    c[1] = cell_index(r->x1, g->x0, g->cell, g->cols);
    c[2] = cell_index(r->y0, g->y0, g->cell, g->rows);
    c[3] = cell_index(r->y1, g->y0, g->cell, g->rows);
}

/* Sets the grid's origin, cell size (at least `cell`, larger when the
 * grid would have more than about 4 cells a rect) and dimensions. */
static void grid_frame(grid *g, const rect *r, size_t n, double cell)
{
    double x1 = r[0].x1, y1 = r[0].y1;
    g->x0 = r[0].x0, g->y0 = r[0].y0;
    for (size_t i = 1; i < n; i++) {
        g->x0 = fmin(g->x0, r[i].x0), g->y0 = fmin(g->y0, r[i].y0);
        x1 = fmax(x1, r[i].x1), y1 = fmax(y1, r[i].y1);
    }
    g->cell = cell > 0 ? cell : 1;
    while ((floor((x1 - g->x0) / g->cell) + 1) * (floor((y1 - g->y0) / g->cell) + 1) > 4.0 * (double)n + 64)
        g->cell *= 1.5;
    g->cols = (size_t)floor((x1 - g->x0) / g->cell) + 1;
    g->rows = (size_t)floor((y1 - g->y0) / g->cell) + 1;
}

/* Calls visit(g, i, cell) for every cell rect i covers. */
static void each_cell(grid *g, const rect *r, size_t i, void (*visit)(grid *, size_t, size_t))
{
    size_t c[4];
    cells_of(g, &r[i], c);
    for (size_t row = c[2]; row <= c[3]; row++)
        for (size_t col = c[0]; col <= c[1]; col++)
            visit(g, i, row * g->cols + col);
}

static void count_in(grid *g, size_t i, size_t cell)
{
    (void)i;
    g->start[cell + 1]++;
}

/* Fills with start[] used as each cell's cursor (shifted back after). */
static void put_in(grid *g, size_t i, size_t cell)
{
    g->entry[g->start[cell]++] = i;
}

static void grid_free(grid *g)
{
    free(g->start);
    free(g->entry);
}

/* A grid over the n >= 1 rects r. 0, or -1 when out of memory. */
static int grid_build(grid *g, const rect *r, size_t n, double cell)
{
    grid_frame(g, r, n, cell);
    size_t cells = g->cols * g->rows;
    g->entry = NULL;
    g->start = calloc(cells + 1, sizeof *g->start);
    if (g->start == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        each_cell(g, r, i, count_in);
    for (size_t c = 0; c < cells; c++)
        g->start[c + 1] += g->start[c];
    g->entry = malloc((g->start[cells] ? g->start[cells] : 1) * sizeof *g->entry);
    if (g->entry == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        each_cell(g, r, i, put_in);
    memmove(g->start + 1, g->start, cells * sizeof *g->start); /* each cursor stopped at the next cell's start */
    g->start[0] = 0;
    return 0;
}

/* ---- medians and the first scaling ---- */

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void swap_doubles(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Partitions v[lo, hi] around the median of its first, middle and last
 * values into < pivot, == pivot, > pivot (three ways: many sides are
 * equal); the equal ones end up in [*eq_lo, *eq_hi]. */
static void partition3(double *v, size_t lo, size_t hi, size_t *eq_lo, size_t *eq_hi)
{
    double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi];
    double pivot = fmax(fmin(a, b), fmin(fmax(a, b), c));
    size_t lt = lo, i = lo, gt = hi + 1;
    while (i < gt) {
        if (v[i] < pivot)
            swap_doubles(&v[lt++], &v[i++]);
        else if (v[i] > pivot)
            swap_doubles(&v[i], &v[--gt]);
        else
            i++;
    }
    *eq_lo = lt, *eq_hi = gt - 1;
}

/* The median of the n >= 1 values at v (reordered): v[n / 2] as if
 * sorted, found by selection in about linear time; after 64 rounds of
 * bad pivots the rest is sorted (n log n at worst). */
static double median(double *v, size_t n)
{
    size_t lo = 0, hi = n - 1, k = n / 2;
    for (int round = 0; lo < hi && round < 64; round++) {
        size_t eq_lo, eq_hi;
        partition3(v, lo, hi, &eq_lo, &eq_hi);
        if (k < eq_lo)
            hi = eq_lo - 1;
        else if (k > eq_hi)
            lo = eq_hi + 1;
        else
            return v[k];
    }
    if (lo < hi)
        qsort(v + lo, hi - lo + 1, sizeof *v, compare_double);
    return v[k];
}

/* The distance from point r[i] to the nearest point listed in cell
 * (col, row), or `best` when that is nearer. */
static double nearest_in(const grid *g, const rect *r, size_t i, size_t col, size_t row, double best)
{
    size_t c = row * g->cols + col;
    for (size_t k = g->start[c]; k < g->start[c + 1]; k++)
        if (g->entry[k] != i)
            best = fmin(best, hypot(r[g->entry[k]].x0 - r[i].x0, r[g->entry[k]].y0 - r[i].y0));
    return best;
}

/* The nearest to point r[i] among the points of the cells of ring k
 * around cell at = (col, row) (the cells k columns or rows away), or `best`. */
static double nearest_ring(const grid *g, const rect *r, size_t i, const size_t at[2], size_t k, double best)
{
    size_t col0 = at[0] >= k ? at[0] - k : 0, row0 = at[1] >= k ? at[1] - k : 0;
    for (size_t row = row0; row <= at[1] + k && row < g->rows; row++) {
        if (row + k == at[1] || row == at[1] + k) { /* the top and bottom rows of the ring: all of them */
            for (size_t col = col0; col <= at[0] + k && col < g->cols; col++)
                best = nearest_in(g, r, i, col, row, best);
            continue;
        }
        if (at[0] >= k) /* the sides */
            best = nearest_in(g, r, i, at[0] - k, row, best);
        if (k > 0 && at[0] + k < g->cols)
            best = nearest_in(g, r, i, at[0] + k, row, best);
    }
    return best;
}

/* The distance from point i to its nearest neighbour: the cells in rings
 * around its own, until the rings are farther than what was found. */
static double nearest(const grid *g, const rect *r, size_t i)
{
    size_t c[4], reach = g->cols > g->rows ? g->cols : g->rows;
    double best = INFINITY;
    cells_of(g, &r[i], c);
    for (size_t k = 0; k <= reach && best > (double)(k ? k - 1 : 0) * g->cell; k++)
        best = nearest_ring(g, r, i, (size_t[2]){ c[0], c[2] }, k, best);
    return isfinite(best) ? best : 0;
}

/* The median nearest-neighbour distance of the n >= 2 points, or -1
 * when out of memory. */
static double median_nearest(const pg_sep_item *items, size_t n)
{
    static const pg_sep_box point = { 0, 0, 0, 0 };
    rect *r = malloc(n * sizeof *r);
    double *d = malloc(n * sizeof *d), result = -1, x1 = items[0].x, y1 = items[0].y, x0 = x1, y0 = y1;
    grid g = { 0 };
    for (size_t i = 0; r != NULL && i < n; i++) {
        r[i] = rect_at(items[i].x, items[i].y, &point, 0);
        x0 = fmin(x0, r[i].x0), y0 = fmin(y0, r[i].y0), x1 = fmax(x1, r[i].x1), y1 = fmax(y1, r[i].y1);
    }
    if (r == NULL || d == NULL || grid_build(&g, r, n, sqrt(fmax((x1 - x0) * (y1 - y0), 1) / (double)n)) != 0)
        goto cleanup;
    for (size_t i = 0; i < n; i++)
        d[i] = nearest(&g, r, i);
    result = median(d, n);
cleanup:
    grid_free(&g);
    free(r);
    free(d);
    return result;
}

static void scale(pg_sep_item *items, size_t n, double factor)
{
    for (size_t i = 0; i < n; i++)
        items[i].x *= factor, items[i].y *= factor;
}

/* ---- the rounds of pushes ---- */

typedef struct pair {
    size_t a, b;
} pair;

typedef PG_VEC(pair) pair_vec;

/* The overlapping pairs of grid cell `cell`, each found only in the cell
 * holding the top left corner of their overlap. 0, or -1 (memory). */
static int cell_pairs(const grid *g, const rect *r, size_t cell, pair_vec *out)
{
    for (size_t p = g->start[cell]; p < g->start[cell + 1]; p++)
        for (size_t q = p + 1; q < g->start[cell + 1]; q++) {
            const rect *a = &r[g->entry[p]], *b = &r[g->entry[q]];
            size_t at = cell_index(fmax(a->y0, b->y0), g->y0, g->cell, g->rows) * g->cols
                + cell_index(fmax(a->x0, b->x0), g->x0, g->cell, g->cols);
            if (at != cell || !overlapping(a, b))
                continue;
            if (PG_VEC_RESERVE(*out, 1) != 0)
                return -1;
            out->items[out->len++] = (pair){ g->entry[p], g->entry[q] };
        }
    return 0;
}

/* A cell size for the grid over the n rects: the median of their larger
 * sides. -1 when out of memory. */
static double typical_size(const rect *r, size_t n)
{
    double *side = malloc(n * sizeof *side), result = -1;
    for (size_t i = 0; side != NULL && i < n; i++)
        side[i] = fmax(r[i].x1 - r[i].x0, r[i].y1 - r[i].y0);
    if (side != NULL)
        result = median(side, n);
    free(side);
    return result;
}

/* Pushes items a < b apart if their boxes (where they are now) still
 * overlap: half the overlap each, along the axis where it is less. */
static void push(pg_sep_item *items, const pair *p, double pad)
{
    pg_sep_item *a = &items[p->a], *b = &items[p->b];
    rect ra = rect_at(a->x, a->y, &a->box, pad), rb = rect_at(b->x, b->y, &b->box, pad);
    if (!overlapping(&ra, &rb))
        return;
    double px = fmin(ra.x1, rb.x1) - fmax(ra.x0, rb.x0), py = fmin(ra.y1, rb.y1) - fmax(ra.y0, rb.y0);
    if (px <= py) {
        double half = px / 2 + slack, sign = ra.x0 + ra.x1 <= rb.x0 + rb.x1 ? 1 : -1;
        a->x -= sign * half, b->x += sign * half;
    } else {
        double half = py / 2 + slack, sign = ra.y0 + ra.y1 <= rb.y0 + rb.y1 ? 1 : -1;
        a->y -= sign * half, b->y += sign * half;
    }
}

/* The pairs of the n items whose boxes, widened by pad, overlap. 0, or -1
 * when out of memory. */
static int find_pairs(const pg_sep_item *items, size_t n, double pad, pair_vec *out)
{
    rect *r = malloc(n * sizeof *r);
    grid g = { 0 };
    int rc = -1;
    out->len = 0;
    for (size_t i = 0; r != NULL && i < n; i++)
        r[i] = rect_at(items[i].x, items[i].y, &items[i].box, pad);
    double cell = r ? typical_size(r, n) : -1;
    if (cell < 0 || grid_build(&g, r, n, cell) != 0)
        goto cleanup;
    rc = 0;
    for (size_t c = 0; rc == 0 && c < g.cols * g.rows; c++)
        rc = cell_pairs(&g, r, c, out);
cleanup:
    grid_free(&g);
    free(r);
    return rc;
}

/* Up to `rounds` rounds of pushes; *left: the pairs overlapping after
 * the last. 0, or -1 when out of memory. */
static int rounds(pg_sep_item *items, size_t n, double pad, int count, pair_vec *pairs, size_t *left)
{
    for (int k = 0; k < count; k++) {
        if (find_pairs(items, n, pad, pairs) != 0)
            return -1;
        if (pairs->len == 0)
            break;
        for (size_t p = 0; p < pairs->len; p++)
            push(items, &pairs->items[p], pad);
    }
    if (find_pairs(items, n, pad, pairs) != 0)
        return -1;
    *left = pairs->len;
    return 0;
}

/* Rounds of pushes, the points spread out after each run of rounds
 * that was not enough, at most opt->spreads times. 0, or -1 (memory). */
static int part(pg_sep_item *items, size_t n, const pg_sep_options *opt, pair_vec *pairs, size_t *left)
{
    for (int spread = 0;; spread++) {
        if (rounds(items, n, opt->gap / 2, opt->rounds, pairs, left) != 0)
            return -1;
        if (*left == 0 || spread >= opt->spreads)
            return 0;
        scale(items, n, spread_factor);
    }
}

pg_status pg_separate(pg_sep_item *items, size_t n, const pg_sep_options *opt, size_t *left, pg_error *err)
{
    pair_vec pairs = { 0 };
    double d = n >= 2 ? median_nearest(items, n) : 0;
    *left = 0;
    if (d > 0 && d < opt->spacing)
        scale(items, n, opt->spacing / d);
    int rc = d < 0 ? -1 : n >= 2 ? part(items, n, opt, &pairs, left) : 0;
    free(pairs.items);
    return rc == 0 ? PG_OK : pg_error_set(err, PG_ENOMEM, "out of memory separating the drawing's nodes");
}

/* ---- the labels ---- */

/* Label states while pg_separate_labels goes through them. */
enum { UNDECIDED = 0, KEPT, DROPPED };

/* Does label v's rect r[n + v] overlap another node's shape, or a label
 * kept before? */
static bool covers(const grid *g, const rect *r, const unsigned char *state, size_t n, size_t v)
{
    size_t c[4];
    cells_of(g, &r[n + v], c);
    for (size_t row = c[2]; row <= c[3]; row++)
        for (size_t col = c[0]; col <= c[1]; col++)
            for (size_t k = g->start[row * g->cols + col]; k < g->start[row * g->cols + col + 1]; k++) {
                size_t e = g->entry[k];
                bool against = e < n ? e != v : state[e - n] == KEPT;
                if (against && overlapping(&r[n + v], &r[e]))
                    return true;
            }
    return false;
}

/* The rects of the shapes (0..n-1), then of the labels (n..2n-1; those
 * not wanted collapse to their point, far from mattering: never KEPT). */
static rect *label_rects(const pg_sep_item *shape, const pg_sep_box *label, size_t n, double pad, const bool *keep)
{
    static const pg_sep_box point = { 0, 0, 0, 0 };
    rect *r = malloc(2 * n * sizeof *r);
    for (size_t v = 0; r != NULL && v < n; v++) {
        r[v] = rect_at(shape[v].x, shape[v].y, &shape[v].box, pad);
        r[n + v] = rect_at(shape[v].x, shape[v].y, keep[v] ? &label[v] : &point, pad);
    }
    return r;
}

/* Goes through the nodes in `order`, keeping the labels wanted that
 * cover nothing, over grid g of the rects r (label_rects). */
static void choose(const grid *g, const rect *r, const size_t *order, size_t n, bool *keep, unsigned char *state)
{
    for (size_t i = 0; i < n; i++) {
        size_t v = order[i];
        if (keep[v])
            state[v] = covers(g, r, state, n, v) ? DROPPED : KEPT;
        keep[v] = state[v] == KEPT;
    }
}

pg_status pg_separate_labels(const pg_sep_item *shape, const pg_sep_box *label, const size_t *order, size_t n,
                             double gap, bool *keep, pg_error *err)
{
    pg_status st = PG_OK;
    grid g = { 0 };
    rect *r = n ? label_rects(shape, label, n, gap / 2, keep) : NULL;
    unsigned char *state = calloc(n ? n : 1, 1);
    double cell = r ? typical_size(r, n) : -1;
    if (n > 0 && (r == NULL || state == NULL || cell < 0 || grid_build(&g, r, 2 * n, cell) != 0))
        st = pg_error_set(err, PG_ENOMEM, "out of memory choosing the drawing's labels");
    else if (n > 0)
        choose(&g, r, order, n, keep, state);
    grid_free(&g);
    free(r);
    free(state);
    return st;
}

/* ---- text widths ---- */

/* Helvetica's widths (the standard AFM metrics, 1/1000 em) of the
 * printable ASCII characters from the space on. */
static const short ascii_widths[95] = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

double pg_sep_text_width(const char *s, size_t len, double font_size)
{
    double ems = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c < 127)
            ems += ascii_widths[c - 32] / 1000.0;
        else if (c < 32 || c == 127 || (c & 0xC0) == 0xC0) /* a control, or a character's first byte */
            ems += 1.0;
    }
    return ems * font_size;
}
