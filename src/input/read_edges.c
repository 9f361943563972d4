/* read_edges.c - edge lists in tables (docs/input.md, "Edge lists"):
 * Gephi's spreadsheet convention, an edges table of Source, Target and
 * optionally Type (Directed, Undirected or Mixed: a direction, dropped),
 * Weight, Label, Start, End, Time Interval (or Interval, timeset), with an optional nodes
 * table of Id, Label, ...; and partygraph's own nodes.csv and edges.csv
 * read back (their computed columns ignored: pg_reader.ours). Headers are
 * matched in any case; other columns are attributes (cells.h types them),
 * listed in one warning per table. Every node is declared first (the
 * nodes table's, then the ends only edges name, in order), then each is
 * read, then each edge, through read_map.c as the other readers do.
 * Problems are placed at $.TABLE[ROW].HEADER (the row below the header,
 * from 0; the header as written), which the table loader turns into the
 * file's line:column or the sheet's cell. */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/suggest.h"
#include "input/cells.h"
#include "input/reader.h"

/* What a column is for. */
typedef enum role { ATTR, ID, SOURCE, TARGET, TYPE, DIRECTION, WEIGHT, TIMESET, NAMED } role;

typedef struct column_role {
    const char *header; /* in lower case, matched in any case */
    role role;
    const char *key;    /* the attribute it is read as */
} column_role;

static const column_role NODE_COLUMNS[] = {
    { "id", ID, NULL },        { "label", NAMED, "label" },  { "name", NAMED, "name" },
    { "kind", NAMED, "kind" }, { "start", NAMED, "date" },   { "end", NAMED, "end" },
    { "interval", TIMESET, NULL }, { "timeset", TIMESET, NULL }, { "time interval", TIMESET, NULL },
    { NULL, ATTR, NULL },
};

static const column_role EDGE_COLUMNS[] = {
    { "source", SOURCE, NULL },   { "target", TARGET, NULL },    { "type", TYPE, "type" },
    { "weight", WEIGHT, "weight" }, { "label", NAMED, "label" }, { "start", NAMED, "date" },
    { "end", NAMED, "end" },      { "interval", TIMESET, NULL }, { "timeset", TIMESET, NULL },
    { "time interval", TIMESET, NULL }, { NULL, ATTR, NULL },
};

/* The headers partygraph writes first in nodes.csv and edges.csv. */
static const char *const OUR_NODES[] = { "id", "label", "kind", NULL };
static const char *const OUR_EDGES[] = { "source", "target", "weight", "count", "types", "first", "last", "sources",
                                         NULL };

/* Columns of partygraph's edges.csv that it computes, beyond the reserved
 * names; and the reserved names read_map.c reads back from partygraph's
 * own edges (the relations' types, dates, count and direction). */
static const char *const OUR_EDGE_EXTRAS[] = { "sources", "shared", "via", NULL };
static const char *const OUR_EDGE_READ[] = { "types", "first", "last", "count", "direction", "forward", "backward",
                                             NULL };

/* Gephi's directions (a Type column of only these is one). */
static const char *const DIRECTIONS[] = { "undirected", "directed", "mixed", NULL };

/* A table as read: each column's role, key and type. */
typedef struct plan {
    const pg_table *t;
    pg_jpath path; /* $.NAME */
    bool edge;
    role *roles;
    const char **keys;
    pg_cells_type *types;
    long id, source, target; /* columns, or -1 */
} plan;

/* Where an edge-only node was first named. */
typedef struct named_at {
    size_t row, col;
} named_at;

typedef struct edges {
    pg_reader *R;
    plan nodes, edges;
    bool has_nodes;
    cJSON **node_attrs; /* per row of the nodes table (NULL: a bad row) */
    cJSON *empty;       /* the attributes of an edge-only node */
    PG_VEC(named_at) only;
} edges;

static bool oom(pg_reader *R)
{
    return pg_report_oom(&R->report);
}

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

/* Is `s` one of `list` (lower case) in any case? */
static bool in_list_any_case(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (pg_cells_header_is(s, *list))
            return true;
    return false;
}

/* The column of `t` headed `name` in any case, or -1. */
static long column(const pg_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (pg_cells_header_is(t->header[c].text, name))
            return (long)c;
    return -1;
}

/* Does `t`'s header start with `list`, exactly? */
static bool starts_with(const pg_table *t, const char *const *list)
{
    size_t c = 0;
    for (; list[c]; c++)
        if (c >= t->ncols || strcmp(t->header[c].text, list[c]) != 0)
            return false;
    return true;
}

static bool is_edges(const pg_table *t)
{
    return strcmp(t->name, "edges") == 0 || (column(t, "source") >= 0 && column(t, "target") >= 0);
}

bool pg_tables_edge_list(const pg_tables *t)
{
    for (size_t i = 0; i < t->items.len; i++)
        if (is_edges(&t->items.items[i]))
            return true;
    return false;
}

/* ---- the plan of a table ------------------------------------------------- */

/* The cell at (row, col) of P's table. */
static const pg_cell *cell(const plan *P, size_t row, size_t col)
{
    return pg_table_cell(P->t, row, col);
}

/* Is every non-empty cell of column `col` one of Gephi's directions? */
static bool directions(const plan *P, size_t col)
{
    for (size_t r = 0; r < P->t->nrows; r++) {
        const pg_cell *c = cell(P, r, col);
        if (c->type != PG_CELL_EMPTY && !in_list_any_case(DIRECTIONS, c->text))
            return false;
    }
    return true;
}

/* Column `c`'s role, key and type. */
static void plan_column(plan *P, const column_role *table, size_t c)
{
    const char *h = P->t->header[c].text;
    size_t i = 0;
    while (table[i].header && !pg_cells_header_is(h, table[i].header))
        i++;
    P->roles[c] = table[i].role == TYPE && directions(P, c) ? DIRECTION : table[i].role;
    P->keys[c] = table[i].key ? table[i].key : h;
    P->types[c] = table[i].role == WEIGHT ? PG_CELLS_NUMBER
                  : table[i].role == ATTR ? pg_cells_column_type(P->t, c)
                                          : PG_CELLS_TEXT;
}

static void plan_free(plan *P)
{
    free(P->roles);
    free(P->keys);
    free(P->types);
}

/* Plans table `t` (edges or nodes). False when out of memory. */
static bool plan_table(plan *P, const pg_table *t, bool edge)
{
    *P = (plan){ t, pg_jpath_key(&PG_JPATH_ROOT, t->name), edge, calloc(t->ncols + 1, sizeof *P->roles),
                 calloc(t->ncols + 1, sizeof *P->keys), calloc(t->ncols + 1, sizeof *P->types), -1, -1, -1 };
    if (!P->roles || !P->keys || !P->types)
        return false;
    for (size_t c = 0; c < t->ncols; c++)
        plan_column(P, edge ? EDGE_COLUMNS : NODE_COLUMNS, c);
    P->id = edge ? -1 : column(t, "id");
    P->source = edge ? column(t, "source") : -1;
    P->target = edge ? column(t, "target") : -1;
    return true;
}

/* Is column `c` (an attribute) one partygraph computes, in its own file? */
static bool computed(const pg_reader *R, const plan *P, size_t c)
{
    const char *h = P->t->header[c].text;
    if (!R->ours || P->roles[c] != ATTR || (P->edge && in_list(OUR_EDGE_READ, h)))
        return false;
    return pg_schema_reserved(h, P->edge) || (P->edge && in_list(OUR_EDGE_EXTRAS, h));
}

/* Is column `c` an attribute the user should hear about: not one that
 * partygraph computes, nor one read_map reads back from its own edges? */
static bool listed(const pg_reader *R, const plan *P, size_t c)
{
    return P->roles[c] == ATTR && !computed(R, P, c) &&
           !(R->ours && P->edge && in_list(OUR_EDGE_READ, P->t->header[c].text));
}

/* The quoted headers of P's attribute columns into `list`; their number,
 * the first's column in *first. */
static size_t attribute_list(const pg_reader *R, const plan *P, char *list, size_t size, size_t *first)
{
    char q[PG_QUOTE_SIZE];
    pg_strbuf b = pg_strbuf_init(list, size);
    size_t n = 0;
    for (size_t c = P->t->ncols; c-- > 0;)
        if (listed(R, P, c))
            *first = c, n++;
    for (size_t c = *first, k = 0; k < n; c++)
        if (listed(R, P, c))
            pg_strbuf_printf(&b, "%s%s", k++ ? ", " : "", pg_quote(q, P->t->header[c].text));
    return n;
}

/* One warning listing the columns of P's table kept as attributes. */
static void warn_attributes(pg_reader *R, const plan *P)
{
    char list[400];
    size_t first = 0, n = attribute_list(R, P, list, sizeof list, &first);
    if (n == 0)
        return;
    pg_jpath p = pg_jpath_key(&P->path, P->t->header[first].text);
    pg_report_warning(&R->report, &p, "column%s %s %s not %s: kept as %s of every %s", n > 1 ? "s" : "", list,
                      n > 1 ? "are" : "is", P->edge ? "Source, Target, Type, Weight, Label or dates"
                                                    : "Id, Label, kind or dates",
                      n > 1 ? "attributes" : "an attribute", P->edge ? "edge" : "node");
}

/* `s` in lower case (ASCII), cut to fit `out`. */
static void lower(const char *s, char out[64])
{
    size_t i = 0;
    for (; s[i] && i + 1 < 64; i++)
        out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    out[i] = '\0';
}

/* Reports that P's table has no column `name` (lower case; shown as
 * `shown`), suggesting a header like it. Returns false. */
static bool missing_column(pg_reader *R, const plan *P, const char *name, const char *shown)
{
    char low[64], q[PG_QUOTE_SIZE];
    for (size_t c = 0; c < P->t->ncols; c++) {
        pg_jpath p = pg_jpath_key(&P->path, P->t->header[c].text);
        lower(P->t->header[c].text, low);
        if (pg_suggest_distance(low, name, 2) <= 2)
            return pg_report_error(&R->report, &p, "no %s column in table \"%s\": did you mean %s?", shown,
                                   P->t->name, pg_quote(q, P->t->header[c].text)), false;
    }
    pg_report_error(&R->report, &P->path, "no %s column in table \"%s\"", shown, P->t->name);
    return false;
}

/* ---- cells into attributes ----------------------------------------------- */

/* Adds `value` (taken) as `key` of `attrs` unless it has one. */
static bool put(pg_reader *R, cJSON *attrs, const char *key, cJSON *value)
{
    if (value == NULL)
        return oom(R);
    if (cJSON_GetObjectItemCaseSensitive(attrs, key) != NULL) {
        cJSON_Delete(value);
        return true;
    }
    return cJSON_AddItemToObject(attrs, key, value) ? true : (cJSON_Delete(value), oom(R));
}

/* A Gephi time: "2000.0" (a year as a double) as "2000", a time of day
 * cut off; into `out`. */
static void gephi_time(const char *token, size_t n, char out[64])
{
    snprintf(out, 64, "%.*s", (int)(n < 63 ? n : 63), token);
    char *t = strchr(out, 'T');
    if (t != NULL && t > out)
        *t = '\0';
    size_t len = strlen(out);
    if (len > 2 && strcmp(out + len - 2, ".0") == 0 && pg_cells_is_number(out))
        out[len - 2] = '\0';
}

/* Gephi's Time Interval, Interval or timeset ("<[2000, 2005]>", "<(1,10]>", "<[2000-01-01,
 * 2000-06-30]; [2001-01-01, 2001-12-31]>", "<2000, 2003>"): its first
 * time as `date`, its last as `end`. */
static bool add_timeset(pg_reader *R, cJSON *attrs, const char *text)
{
    static const char *const SEP = "<>[]();, \t";
    char first[64] = "", last[64] = "";
    int times = 0;
    for (const char *s = text + strspn(text, SEP); *s; s += strspn(s, SEP)) {
        size_t n = strcspn(s, SEP);
        gephi_time(s, n, times++ ? last : first);
        s += n;
    }
    if (times == 0)
        return true;
    return put(R, attrs, "date", cJSON_CreateString(first)) &&
           (times < 2 || put(R, attrs, "end", cJSON_CreateString(last)));
}

/* Warns, once, that an edge's Type says it is directed. */
static void directed(pg_reader *R, const pg_cell *c, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    if (!pg_cells_header_is(c->text, "undirected"))
        pg_read_warn_once(R, "directed", &p, "edge Type %s is Gephi's direction, not a relation type: directions are "
                          "dropped (partygraph's network is undirected)", pg_quote(q, c->text));
}

/* Is the cell a weight (a number)? Reports it at `p` when not. */
static bool weight_ok(pg_reader *R, const pg_cell *c, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    if (c->typed ? c->type == PG_CELL_NUMBER : pg_cells_is_number(c->text))
        return true;
    pg_report_error(&R->report, &p, "a weight must be a number, got %s", pg_quote(q, c->text));
    return false;
}

/* Is the cell, of a date column (key `key`), a date? Reports it at `p` when not. */
static bool date_ok(pg_reader *R, const pg_cell *c, const char *key, pg_jpath p)
{
    char q[PG_QUOTE_SIZE], why[96];
    if ((strcmp(key, "date") != 0 && strcmp(key, "end") != 0) || !pg_cells_not_date(c, why, sizeof why))
        return true;
    pg_report_error(&R->report, &p, "%s is not a date: %s", pg_quote(q, c->text), why);
    return false;
}

/* Cell `col` of row `row` into `attrs`; *bad when it was reported. */
static bool add_cell(pg_reader *R, const plan *P, size_t row, size_t col, cJSON *attrs, bool *bad)
{
    const pg_cell *c = cell(P, row, col);
    pg_jpath rp = pg_jpath_index(&P->path, (long)row), p = pg_jpath_key(&rp, P->t->header[col].text);
    role r = P->roles[col];
    if (c->type == PG_CELL_EMPTY || r == ID || r == SOURCE || r == TARGET || computed(R, P, col))
        return true;
    if (r == DIRECTION)
        return directed(R, c, p), true;
    if (r == TIMESET)
        return add_timeset(R, attrs, c->text);
    if ((r == WEIGHT && !weight_ok(R, c, p)) || (r == NAMED && !date_ok(R, c, P->keys[col], p)))
        return *bad = true, !pg_report_stopped(&R->report);
    return put(R, attrs, P->keys[col], pg_cells_value(c, P->types[col]));
}

/* The attributes of row `row` of P's table into *out (NULL after a
 * problem reported). Returns "go on". */
static bool row_attrs(pg_reader *R, const plan *P, size_t row, cJSON **out)
{
    bool bad = false, go = (*out = cJSON_CreateObject()) != NULL || oom(R);
    for (size_t c = 0; go && c < P->t->ncols; c++)
        go = add_cell(R, P, row, c, *out, &bad);
    if (!go || bad) {
        cJSON_Delete(*out);
        *out = NULL;
    }
    return go;
}

/* ---- declaring and reading nodes ------------------------------------------- */

/* The text of a non-empty cell (row, col), or NULL after reporting it
 * missing (as `what`). */
static const char *end_text(pg_reader *R, const plan *P, size_t row, long col, const char *what)
{
    const pg_cell *c = cell(P, row, (size_t)col);
    pg_jpath rp = pg_jpath_index(&P->path, (long)row), p = pg_jpath_key(&rp, P->t->header[col].text);
    if (c->type != PG_CELL_EMPTY && c->text[0] != '\0')
        return c->text;
    pg_report_error(&R->report, &p, "missing %s", what);
    return NULL;
}

/* Declares the node of row `row` of the nodes table. */
static bool declare_node(edges *E, size_t row)
{
    pg_reader *R = E->R;
    const plan *P = &E->nodes;
    pg_jpath rp = pg_jpath_index(&P->path, (long)row);
    const char *id = end_text(R, P, row, P->id, "id");
    if (pg_report_stopped(&R->report) || (id && !row_attrs(R, P, row, &E->node_attrs[row])))
        return false;
    return pg_read_declare(R, E->node_attrs[row] ? id : NULL, E->node_attrs[row], rp);
}

/* Declares the node cell (row, col) of the edges table names, unless it is declared. */
static bool declare_end(edges *E, size_t row, long col)
{
    pg_reader *R = E->R;
    const pg_cell *c = cell(&E->edges, row, (size_t)col);
    pg_jpath rp = pg_jpath_index(&E->edges.path, (long)row), p = pg_jpath_key(&rp, E->edges.t->header[col].text);
    if (c->type == PG_CELL_EMPTY || c->text[0] == '\0' || pg_strmap_get(&R->by_id, c->text) >= 0)
        return true;
    if (PG_VEC_RESERVE(E->only, 1) != 0)
        return oom(R);
    E->only.items[E->only.len++] = (named_at){ row, (size_t)col };
    return pg_read_declare(R, c->text, E->empty, p);
}

static bool declare_all(edges *E)
{
    bool go = true;
    for (size_t r = 0; go && E->has_nodes && r < E->nodes.t->nrows; r++)
        go = declare_node(E, r);
    for (size_t r = 0; go && r < E->edges.t->nrows; r++)
        go = declare_end(E, r, E->edges.source) && declare_end(E, r, E->edges.target);
    return go;
}

static bool read_nodes(edges *E)
{
    size_t n = E->has_nodes ? E->nodes.t->nrows : 0;
    bool go = true;
    for (size_t r = 0; go && r < n; r++) {
        pg_jpath rp = pg_jpath_index(&E->nodes.path, (long)r);
        go = pg_read_node(E->R, r, E->node_attrs[r], rp);
    }
    for (size_t i = 0; go && i < E->only.len; i++) {
        pg_jpath rp = pg_jpath_index(&E->edges.path, (long)E->only.items[i].row);
        go = pg_read_node(E->R, n + i, E->empty, rp);
    }
    return go;
}

/* ---- edges ------------------------------------------------------------------ */

static bool read_edge(edges *E, size_t row)
{
    pg_reader *R = E->R;
    const plan *P = &E->edges;
    const char *s = end_text(R, P, row, P->source, "source"), *t = end_text(R, P, row, P->target, "target");
    cJSON *attrs = NULL;
    if (s == NULL || t == NULL || !row_attrs(R, P, row, &attrs) || attrs == NULL)
        return !pg_report_stopped(&R->report);
    pg_jpath rp = pg_jpath_index(&P->path, (long)row);
    bool go = pg_read_edge(R, s, t, attrs, NULL, (long)row, rp);
    cJSON_Delete(attrs);
    return go;
}

static bool read_edges(edges *E)
{
    bool go = true;
    E->R->end_keys[0] = E->edges.t->header[E->edges.source].text;
    E->R->end_keys[1] = E->edges.t->header[E->edges.target].text;
    for (size_t r = 0; go && r < E->edges.t->nrows; r++)
        go = read_edge(E, r);
    return go;
}

/* ---- the tables -------------------------------------------------------------- */

/* The nodes table of an edge list whose edges table is `edge_table`:
 * one named "nodes", else another with an Id column; or NULL. */
static const pg_table *nodes_table(const pg_tables *t, const pg_table *edge_table)
{
    for (size_t i = 0; i < t->items.len; i++)
        if (strcmp(t->items.items[i].name, "nodes") == 0)
            return &t->items.items[i];
    for (size_t i = 0; i < t->items.len; i++)
        if (&t->items.items[i] != edge_table && column(&t->items.items[i], "id") >= 0)
            return &t->items.items[i];
    return NULL;
}

/* The first edges table of `t`, or NULL. */
static const pg_table *edges_table(const pg_tables *t)
{
    for (size_t i = 0; i < t->items.len; i++)
        if (is_edges(&t->items.items[i]))
            return &t->items.items[i];
    return NULL;
}

/* Plans the tables of `t` into E; false after reporting why not. */
static bool plan_all(edges *E, const pg_tables *t)
{
    const pg_table *et = edges_table(t);
    if (et == NULL)
        return pg_report_error(&E->R->report, NULL, "no edges table (one named \"edges\", or with Source and "
                                                    "Target columns)"), false;
    const pg_table *nt = nodes_table(t, et);
    E->has_nodes = nt != NULL;
    if (!plan_table(&E->edges, et, true) || (nt && !plan_table(&E->nodes, nt, false)))
        return oom(E->R);
    if (E->edges.source < 0 || E->edges.target < 0)
        return missing_column(E->R, &E->edges, E->edges.source < 0 ? "source" : "target",
                              E->edges.source < 0 ? "Source" : "Target");
    if (nt && E->nodes.id < 0)
        return missing_column(E->R, &E->nodes, "id", "Id");
    return true;
}

/* Notes partygraph's own nodes.csv and edges.csv, and warns about the
 * other columns. */
static void notice(edges *E)
{
    bool ours = starts_with(E->edges.t, OUR_EDGES) && (!E->has_nodes || starts_with(E->nodes.t, OUR_NODES));
    pg_read_note_creator(E->R, ours ? "partygraph" : NULL);
    if (E->has_nodes)
        warn_attributes(E->R, &E->nodes);
    warn_attributes(E->R, &E->edges);
}

static void edges_free(edges *E)
{
    for (size_t r = 0; E->node_attrs && r < E->nodes.t->nrows; r++)
        cJSON_Delete(E->node_attrs[r]);
    free(E->node_attrs);
    free(E->only.items);
    cJSON_Delete(E->empty);
    plan_free(&E->nodes);
    plan_free(&E->edges);
}

bool pg_read_edge_tables(pg_reader *R, const pg_tables *t)
{
    edges E = { .R = R };
    bool go = plan_all(&E, t);
    if (go) {
        E.empty = cJSON_CreateObject();
        E.node_attrs = E.has_nodes ? calloc(E.nodes.t->nrows + 1, sizeof *E.node_attrs) : NULL;
        go = (E.empty && (!E.has_nodes || E.node_attrs)) || oom(R);
    }
    if (go)
        notice(&E);
    go = go && declare_all(&E) && read_nodes(&E) && read_edges(&E);
    edges_free(&E);
    return go;
}
