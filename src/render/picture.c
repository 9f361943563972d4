/* picture.c - what the pictures and the HTML report share (picture.h):
 * the date window's text, the labelled nodes and the cutting of names.
 *
 * Rules: days are written YYYY-MM-DD; an open end of the window is left
 * out. The labelled nodes are the first options.label_top in rank order
 * on options.size_by (nodes without a value last, by id). A name is cut
 * to at most PG_LABEL_CHARS characters in all: its first
 * PG_LABEL_CHARS - 1 and an ellipsis, counting code points; a DOT string
 * by the same rule to at most PG_DOT_TEXT_BYTES bytes once escaped. */
#include "render/picture.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

enum { ELLIPSIS_BYTES = 3 }; /* "…", U+2026, in UTF-8 */

const char *pg_picture_day(long yyyymmdd, char buf[PG_DAY_SIZE])
{
    pg_date d = { (short)(yyyymmdd / 10000), (unsigned char)(yyyymmdd / 100 % 100), (unsigned char)(yyyymmdd % 100) };
    return pg_date_format(d, buf, PG_DAY_SIZE);
}

bool pg_picture_window(const pg_view_spec *s, pg_strbuf *b)
{
    char from[PG_DAY_SIZE], to[PG_DAY_SIZE];
    bool has_from = s->windowed && s->from_day > PG_OPEN_START, has_to = s->windowed && s->to_day < PG_OPEN_END;
    if (has_from && has_to)
        pg_strbuf_printf(b, "from %s to %s", pg_picture_day(s->from_day, from), pg_picture_day(s->to_day, to));
    else if (has_from)
        pg_strbuf_printf(b, "from %s", pg_picture_day(s->from_day, from));
    else if (has_to)
        pg_strbuf_printf(b, "until %s", pg_picture_day(s->to_day, to));
    return has_from || has_to;
}

int pg_picture_order(const pg_graph *g, long *rank, size_t *order)
{
    long *own = rank ? NULL : malloc((g->n ? g->n : 1) * sizeof *own);
    long *r = rank ? rank : own;
    if (r == NULL || pg_graph_ranks(g, pg_metric_index(g->options.size_by), r) != 0) {
        free(own);
        return -1;
    }
    size_t ranked = 0, unranked = 0;
    for (size_t v = 0; v < g->n; v++)
        ranked += r[v] > 0;
    for (size_t v = 0; v < g->n; v++)
        order[r[v] > 0 ? (size_t)r[v] - 1 : ranked + unranked++] = v;
    free(own);
    return 0;
}

bool pg_picture_labelled(const pg_graph *g, size_t i)
{
    return g->options.label_top < 0 || i < (size_t)g->options.label_top;
}

/* The length of the character at s (a lead byte and its continuation
 * bytes). */
static size_t char_len(const char *s)
{
    size_t len = 1;
    while (((unsigned char)s[len] & 0xC0) == 0x80)
        len++;
    return len;
}

size_t pg_picture_cut_bytes(const char *name, size_t max_chars, size_t max_bytes, pg_escaped_size_fn *size)
{
    size_t chars = 0, bytes = 0, keep = 0, i = 0, limit = max_chars ? max_chars : SIZE_MAX;
    for (size_t len; name[i]; i += len) {
        len = char_len(name + i);
        bytes += size ? size(name + i, len) : len;
        if (++chars > limit || bytes > max_bytes)
            return keep;
        if (chars < limit && bytes + ELLIPSIS_BYTES <= max_bytes)
            keep = i + len;
    }
    return i;
}

size_t pg_picture_cut(const char *name, size_t max_chars)
{
    return pg_picture_cut_bytes(name, max_chars, SIZE_MAX, NULL);
}

double pg_node_size01(const pg_graph *g, size_t v)
{
    int m = pg_metric_index(g->options.size_by);
    double max = g->max_metric[m], x = VECTOR(g->metric[m])[v];
    return max > 0 && x > 0 ? sqrt(x / max) : 0.0;
}
