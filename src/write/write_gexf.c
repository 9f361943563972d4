/* write_gexf.c - GEXF 1.3, Gephi's own format: the GraphML writer's
 * content with typed attribute columns (integer, long, double, boolean,
 * string), the node name as label, viz:color (community), viz:size (by
 * options.size_by, 4-40 as in GraphML) and viz:position (when a layout was
 * computed), and time for Gephi's timeline (mode="dynamic",
 * timeformat="date", full YYYY-MM-DD days):
 *
 *   - a dated event lives exactly from the first day of its date to the
 *     last day of its end (or of its date); every other node is timeless;
 *   - a merged edge lives in the spells of its relations (pg_edge.spells:
 *     a membership 1990-1995 and again 2005-2010 is two spells, not one
 *     from 1990 to 2010), open where a relation has no start or no end (an
 *     undated relation, a member_of without end); a projected tie lives
 *     from the first day of `first` to the last day of `last`; without
 *     dates an edge is timeless;
 *   - each spell is clipped to the days both ends of its edge live, and a
 *     spell that misses them altogether is dropped; an edge left without
 *     a spell takes the days its ends share (its event's days), or, when
 *     its ends are two events that share no day, the later event's days.
 *     Events never move: an edge's dates give way to its event's.
 *
 * One spell is written as the edge's start and end attributes, several as
 * <spells><spell start=".." end=".."/></spells> after its attvalues.
 * The node ids (escaped) and days are put in tables once per file;
 * without memory for them the writer writes nothing and sets errno to
 * ENOMEM.
 *
 * Valid against the GEXF 1.3 RELAX NG schema; no xsi:schemaLocation.
 * Undefined values have no <attvalue>. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/fmt.h"
#include "render/palette.h"
#include "render/picture.h"
#include "write/escape.h"
#include "write/fields.h"
#include "write/write.h"

static const char *const type_names[] = {
    [PG_FIELD_STRING] = "string", [PG_FIELD_INT] = "integer", [PG_FIELD_LONG] = "long",
    [PG_FIELD_DOUBLE] = "double", [PG_FIELD_BOOL] = "boolean",
};
/* Days a node or a spell lives, YYYYMMDD, open ends PG_OPEN_START / PG_OPEN_END. */
typedef pg_spell interval;

static const interval always = { PG_OPEN_START, PG_OPEN_END };

enum { MAX_INLINE_SPELLS = 1 }; /* more are written as <spells> */

/* Only the data fields are <attvalue>s: the label, viz and weight have
 * places of their own. */
static void declare(void *f, const pg_field *field)
{
    if (field->role == PG_FIELD_DATA)
        fprintf(f, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", field->name, field->name,
                type_names[field->type]);
}

static void attributes(const pg_graph *g, FILE *f)
{
    fputs("    <attributes class=\"node\" mode=\"static\">\n", f);
    pg_node_fields(g, PG_FIELDS_SCHEMA, declare, f);
    fputs("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n", f);
    pg_edge_fields(g, PG_FIELDS_SCHEMA, declare, f);
    fputs("    </attributes>\n", f);
}

static char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* <attvalue for="NAME" value="TEXT"/>: built whole and written at once
 * when TEXT needs no escaping (most values), piece by piece otherwise. */
static void value(void *f, const pg_field *field)
{
    char line[256];
    if (field->text == NULL || field->role != PG_FIELD_DATA)
        return;
    size_t n = strlen(field->name), m = pg_escape_xml_attr_plain(field->text);
    if (field->text[m] == '\0' && n + m < sizeof line - 40) {
        char *p = put(line, "          <attvalue for=\"", 25);
        p = put(p, field->name, n);
        p = put(p, "\" value=\"", 9);
        p = put(p, field->text, m);
        p = put(p, "\"/>\n", 4);
        fwrite(line, 1, (size_t)(p - line), f);
        return;
    }
    fputs("          <attvalue for=\"", f);
    fputs(field->name, f);
    fputs("\" value=\"", f);
    pg_escape_xml_attr(f, field->text);
    fputs("\"/>\n", f);
}

/* The days node v lives: an event's own dates, else always. */
static interval node_days(const pg_graph *g, size_t v)
{
    const pg_entity *e = pg_node_entity(g, v);
    if (e->kind != PG_KIND_EVENT || !pg_date_is_set(e->date))
        return always;
    return (interval){ pg_date_first_day(e->date), pg_date_last_day(pg_date_is_set(e->end) ? e->end : e->date) };
}

static interval meet(interval a, interval b)
{
    return (interval){ a.from_day > b.from_day ? a.from_day : b.from_day, a.to_day < b.to_day ? a.to_day : b.to_day };
}

static bool empty(interval d)
{
    return d.from_day > d.to_day;
}

/* How many spells edge x has by its own dates (see the file comment). */
static size_t own_spells(const pg_edge *x)
{
    return x->spells.count ? x->spells.count : 1;
}

/* Edge x's own spell k: a merged edge's, or a projected tie's first..last. */
static interval own_spell(const pg_graph *g, const pg_edge *x, size_t k)
{
    if (x->spells.count)
        return g->spells.items[x->spells.first + k];
    interval d = always;
    if (pg_date_is_set(x->first) && !x->open_start)
        d.from_day = pg_date_first_day(x->first);
    if (pg_date_is_set(x->last) && !x->open_end)
        d.to_day = pg_date_last_day(x->last);
    return d;
}

/* An edge with the days its two ends live (node_days of each, from a
 * table made once per file: entities lie far apart in memory). */
typedef struct dated_edge {
    const pg_edge *x;
    interval a, b;
} dated_edge;

/* The days both ends of x live, or, for two events that share none, the
 * later event's days. */
static interval ends_days(const dated_edge *d)
{
    interval both = meet(d->a, d->b);
    if (!empty(both))
        return both;
    return d->a.from_day > d->b.from_day ? d->a : d->b;
}

/* Spell k of x clipped to its ends' days; empty when it misses them. */
static interval clipped(const pg_graph *g, const dated_edge *d, size_t k)
{
    return meet(own_spell(g, d->x, k), meet(d->a, d->b));
}

/* How many spells of x are left after clipping. */
static size_t clipped_spells(const pg_graph *g, const dated_edge *d)
{
    size_t n = 0;
    for (size_t k = 0; k < own_spells(d->x); k++)
        n += !empty(clipped(g, d, k));
    return n;
}

static void day(FILE *f, const char *name, long d)
{
    char buf[PG_DAY_SIZE];
    putc(' ', f);
    fputs(name, f);
    fputs("=\"", f);
    fputs(pg_picture_day(d, buf), f);
    putc('"', f);
}

/* The start and end attributes of `d`, for its bounded ends. */
static void spell(FILE *f, interval d)
{
    if (d.from_day != PG_OPEN_START)
        day(f, "start", d.from_day);
    if (d.to_day != PG_OPEN_END)
        day(f, "end", d.to_day);
}

/* Edge d's start and end attributes, when it has at most one spell left
 * (none: its ends' days). */
static void edge_time(const pg_graph *g, FILE *f, const dated_edge *d)
{
    size_t n = clipped_spells(g, d);
    if (n == 0)
        spell(f, ends_days(d));
    for (size_t k = 0; n <= MAX_INLINE_SPELLS && k < own_spells(d->x); k++)
        if (!empty(clipped(g, d, k)))
            spell(f, clipped(g, d, k));
}

/* Edge d's <spells>, when it has more than one left. */
static void edge_spells(const pg_graph *g, FILE *f, const dated_edge *d)
{
    if (clipped_spells(g, d) <= MAX_INLINE_SPELLS)
        return;
    fputs("        <spells>\n", f);
    for (size_t k = 0; k < own_spells(d->x); k++) {
        interval s = clipped(g, d, k);
        if (empty(s))
            continue;
        fputs("          <spell", f);
        spell(f, s);
        fputs("/>\n", f);
    }
    fputs("        </spells>\n", f);
}

static void viz(const pg_graph *g, FILE *f, size_t v)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    pg_rgb rgb = pg_palette_rgb(g->community[v]);
    fputs("        <viz:color r=\"", f);
    fputs(pg_fmt_long(rgb.r, buf), f);
    fputs("\" g=\"", f);
    fputs(pg_fmt_long(rgb.g, buf), f);
    fputs("\" b=\"", f);
    fputs(pg_fmt_long(rgb.b, buf), f);
    fputs("\"/>\n        <viz:size value=\"", f);
    fputs(pg_fmt_double(pg_node_size(g, v), buf), f);
    fputs("\"/>\n", f);
    if (g->has_layout) {
        fputs("        <viz:position x=\"", f);
        fputs(pg_fmt_double(g->x[v], buf), f);
        fputs("\" y=\"", f);
        fputs(pg_fmt_double(g->y[v], buf), f);
        fputs("\"/>\n", f);
    }
}

static void node(const pg_graph *g, FILE *f, size_t v)
{
    fputs("      <node id=\"", f);
    pg_escape_xml_attr(f, pg_graph_node_id(g, v));
    fputs("\" label=\"", f);
    pg_escape_xml_attr(f, pg_graph_node_label(g, v));
    putc('"', f);
    spell(f, node_days(g, v));
    fputs(">\n        <attvalues>\n", f);
    pg_node_fields(g, v, value, f);
    fputs("        </attvalues>\n", f);
    viz(g, f, v);
    fputs("      </node>\n", f);
}

static void edge(const pg_graph *g, const pg_node_texts *ids, const interval *days, FILE *f, size_t e)
{
    const pg_edge *x = &g->edges.items[e];
    dated_edge d = { x, days[x->u], days[x->v] };
    char buf[PG_FMT_DOUBLE_SIZE];
    fputs("      <edge id=\"", f);
    fputs(pg_fmt_long((long)e, buf), f);
    pg_edge_ends ends = pg_edge_orient(x);
    fputs("\" source=\"", f);
    fputs(pg_node_text(ids, (size_t)ends.source), f);
    fputs("\" target=\"", f);
    fputs(pg_node_text(ids, (size_t)ends.target), f);
    fputs("\" weight=\"", f);
    fputs(pg_fmt_double(x->weight, buf), f);
    putc('"', f);
    edge_time(g, f, &d);
    fputs(">\n        <attvalues>\n", f);
    pg_edge_fields(g, e, value, f);
    fputs("        </attvalues>\n", f);
    edge_spells(g, f, &d);
    fputs("      </edge>\n", f);
}

/* <meta>: the creator, the view, the title and description. */
static void meta(const pg_graph *g, FILE *f)
{
    fprintf(f, "  <meta>\n    <creator>partygraph %s</creator>\n    <keywords>%s view</keywords>\n", PG_VERSION,
            pg_view_name(g->spec.view));
    if (g->ds->title[0] || g->ds->description[0]) {
        fputs("    <description>", f);
        pg_escape_xml(f, g->ds->title);
        fputs(g->ds->title[0] && g->ds->description[0] ? "\n\n" : "", f);
        pg_escape_xml(f, g->ds->description);
        fputs("</description>\n", f);
    }
    fputs("  </meta>\n", f);
}

void pg_write_gexf(const pg_graph *g, FILE *f)
{
    pg_node_texts ids;
    interval *days = malloc((g->n + 1) * sizeof *days);
    if (days == NULL || pg_node_texts_make(g, pg_escape_xml_attr, &ids) != 0) {
        free(days);
        errno = ENOMEM;
        return;
    }
    for (size_t v = 0; v < g->n; v++)
        days[v] = node_days(g, v);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ", f);
    pg_write_provenance(g, f);
    fputs(" -->\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n", f);
    meta(g, f);
    fputs("  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n", f);
    attributes(g, f);
    fprintf(f, "    <nodes count=\"%zu\">\n", g->n);
    for (size_t v = 0; v < g->n; v++)
        node(g, f, v);
    fprintf(f, "    </nodes>\n    <edges count=\"%zu\">\n", g->edges.len);
    for (size_t e = 0; e < g->edges.len; e++)
        edge(g, &ids, days, f, e);
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
    pg_node_texts_free(&ids);
    free(days);
}
