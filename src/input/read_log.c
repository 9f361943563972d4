/* read_log.c - a participation log (docs/input.md, "Participation logs"):
 * one table, one row per (event, participant), its columns given roles by
 * pg_load_options.columns ("event=Meeting,date=Date,participant=Party",
 * else the columns headed as the roles, in any case). Each distinct event
 * value is an event (its date, end, name, type, mechanism and country
 * from its rows: two rows that say different things for one event are an
 * error at the second, naming the first), each participant a party (its
 * country from participant_country), each mechanism and country named a
 * node of its kind, each ids made from names as pg_schema_to_id makes
 * them (a taken id gets _2, _3, ...), its name kept; and each row one
 * `attended` relation from the party to the event, with its role, weight
 * and the columns no role names as attributes (one warning lists them).
 * All of it goes through read_map.c, as every reader's nodes and edges do.
 * Problems are placed at $.TABLE[ROW].HEADER. */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/suggest.h"
#include "input/cells.h"
#include "input/reader.h"

typedef enum log_role {
    L_EVENT,
    L_PARTICIPANT,
    L_DATE,
    L_END,
    L_NAME,
    L_TYPE,
    L_MECHANISM,
    L_COUNTRY,
    L_PCOUNTRY,
    L_ROLE,
    L_WEIGHT,
    L_COUNT
} log_role;

/* The roles: what --columns names them, and the field each fills. */
static const struct {
    const char *name;
    const char *key;
} ROLES[L_COUNT] = {
    [L_EVENT] = { "event", NULL },         [L_PARTICIPANT] = { "participant", NULL },
    [L_DATE] = { "date", "date" },         [L_END] = { "end", "end" },
    [L_NAME] = { "name", "name" },         [L_TYPE] = { "type", "type" },
    [L_MECHANISM] = { "mechanism", "mechanism" }, [L_COUNTRY] = { "country", "country" },
    [L_PCOUNTRY] = { "participant_country", "country" }, [L_ROLE] = { "role", "role" },
    [L_WEIGHT] = { "weight", "weight" },
};

/* The roles that say something of the event (the others: of the party or the row). */
static bool of_event(log_role r)
{
    return r >= L_DATE && r <= L_COUNTRY;
}

/* The node kinds a log makes, in the order their maps are kept. */
enum { K_EVENT, K_PARTY, K_MECHANISM, K_COUNTRY, K_COUNT };
static const pg_kind KINDS[K_COUNT] = { PG_KIND_EVENT, PG_KIND_PARTY, PG_KIND_MECHANISM, PG_KIND_COUNTRY };

/* A node the log names. */
typedef struct node {
    int kind;                       /* K_* */
    const char *text, *id;          /* the cell text naming it; its id */
    size_t row;                     /* the first row naming it */
    const pg_cell *field[L_COUNT];  /* an event's (a party's country) first cell of each role */
    cJSON *attrs;
} node;

typedef struct part_log {
    pg_reader *R;
    const pg_table *t;
    pg_jpath path;          /* $.NAME */
    long col[L_COUNT];      /* each role's column, or -1 */
    bool *is_role;          /* per column */
    pg_cells_type *types;   /* per column */
    PG_VEC(node) nodes;
    pg_strmap by_text[K_COUNT];
    pg_strmap ids;          /* the ids given */
    bool *bad;              /* per row: reported, not read */
} part_log;

static bool oom(pg_reader *R)
{
    return pg_report_oom(&R->report);
}

/* The path of cell (row, col). */
static pg_jpath cell_path(const part_log *G, const pg_jpath *rp, size_t col)
{
    return pg_jpath_key(rp, G->t->header[col].text);
}

/* ---- the mapping -------------------------------------------------------- */

/* The role named `name` (`len` bytes), or L_COUNT after reporting it. */
static log_role role_named(part_log *G, const char *name, size_t len)
{
    char q[PG_QUOTE_SIZE], word[64];
    snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
    pg_suggest s;
    pg_suggest_init(&s, word);
    for (int r = 0; r < L_COUNT; r++) {
        if (strcmp(ROLES[r].name, word) == 0)
            return (log_role)r;
        pg_suggest_offer(&s, ROLES[r].name);
    }
    pg_report_error(&G->R->report, NULL, "--columns: no role %s (the roles: event, participant, date, end, name, "
                    "type, mechanism, country, participant_country, role, weight)%s%s%s", pg_quote(q, word),
                    s.best ? ": did you mean \"" : "", s.best ? s.best : "", s.best ? "\"?" : "");
    return L_COUNT;
}

/* The column headed `header` (`len` bytes) exactly, or -1 after reporting it. */
static long column_named(part_log *G, const char *header, size_t len)
{
    char q[PG_QUOTE_SIZE], word[256];
    snprintf(word, sizeof word, "%.*s", (int)(len < 255 ? len : 255), header);
    long c = pg_table_column(G->t, word);
    pg_suggest s;
    pg_suggest_init(&s, word);
    for (size_t i = 0; c < 0 && i < G->t->ncols; i++)
        pg_suggest_offer(&s, G->t->header[i].text);
    if (c < 0)
        pg_report_error(&G->R->report, NULL, "--columns: table \"%s\" has no column %s%s%s%s", G->t->name,
                        pg_quote(q, word), s.best ? ": did you mean \"" : "", s.best ? s.best : "",
                        s.best ? "\"?" : "");
    return c;
}

/* One "role=Header" of --columns (`len` bytes at `item`). */
static bool map_one(part_log *G, const char *item, size_t len)
{
    const char *eq = memchr(item, '=', len);
    if (eq == NULL)
        return pg_report_error(&G->R->report, NULL, "--columns: %.*s is not ROLE=HEADER", (int)len, item), false;
    log_role r = role_named(G, item, (size_t)(eq - item));
    long c = r < L_COUNT ? column_named(G, eq + 1, len - (size_t)(eq - item) - 1) : -1;
    if (c >= 0)
        G->col[r] = c;
    return c >= 0;
}

/* The columns of each role: --columns, else the headers named as roles. */
static bool map_columns(part_log *G, const char *columns)
{
    bool ok = true;
    for (int r = 0; r < L_COUNT; r++)
        G->col[r] = -1;
    for (size_t c = G->t->ncols; columns == NULL && c-- > 0;)
        for (int r = 0; r < L_COUNT; r++)
            if (pg_cells_header_is(G->t->header[c].text, ROLES[r].name))
                G->col[r] = (long)c;
    for (const char *s = columns; s && *s; s += *s == ',') {
        size_t n = strcspn(s, ",");
        ok = (n == 0 || map_one(G, s, n)) && ok;
        s += n;
    }
    return ok;
}

/* Checks that the roles a log needs have columns. */
static bool required(part_log *G)
{
    static const log_role need[] = { L_EVENT, L_PARTICIPANT, L_DATE };
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (G->col[need[i]] < 0)
            return pg_report_error(&G->R->report, &G->path, "no %s column in table \"%s\" (give it with --columns "
                                   "%s=HEADER)", ROLES[need[i]].name, G->t->name, ROLES[need[i]].name), false;
    return true;
}

/* The quoted headers of the columns no role names into `list`; their
 * number, the first's column in *first. */
static size_t attribute_list(const part_log *G, char *list, size_t size, size_t *first)
{
    char q[PG_QUOTE_SIZE];
    pg_strbuf b = pg_strbuf_init(list, size);
    size_t n = 0;
    for (size_t c = G->t->ncols; c-- > 0;)
        if (!G->is_role[c])
            *first = c, n++;
    for (size_t c = *first, k = 0; k < n; c++)
        if (!G->is_role[c])
            pg_strbuf_printf(&b, "%s%s", k++ ? ", " : "", pg_quote(q, G->t->header[c].text));
    return n;
}

/* One warning listing the columns no role names (attributes of the relations). */
static void warn_attributes(part_log *G)
{
    char list[400];
    size_t first = 0, n = attribute_list(G, list, sizeof list, &first);
    if (n == 0)
        return;
    pg_jpath p = pg_jpath_key(&G->path, G->t->header[first].text);
    pg_report_warning(&G->R->report, &p, "column%s %s %s no role of a participation log: kept as %s of every "
                      "\"attended\" relation", n > 1 ? "s" : "", list, n > 1 ? "have" : "has",
                      n > 1 ? "attributes" : "an attribute");
}

/* ---- the nodes named -------------------------------------------------------- */

/* The id of a node named `text`: pg_schema_to_id's ("x" when nothing is
 * left), with the first free suffix _2, _3, ... when taken. NULL when out
 * of memory. */
static const char *make_id(part_log *G, const char *text)
{
    char base[PG_ID_SIZE], id[PG_ID_SIZE + 24];
    if (!pg_schema_to_id(text, base))
        strcpy(base, "x");
    strcpy(id, base);
    for (unsigned long k = 2; pg_strmap_get(&G->ids, id) >= 0; k++)
        snprintf(id, sizeof id, "%s_%lu", base, k);
    const char *kept = pg_arena_strdup(&G->R->L.ds->arena, id);
    return kept && pg_strmap_put(&G->ids, kept, 0) >= 0 ? kept : NULL;
}

/* The node of kind `kind` named `text` (made when new, first named in
 * row `row`): its index, or -1 when out of memory. */
static long node_of(part_log *G, int kind, const char *text, size_t row)
{
    long i = pg_strmap_get(&G->by_text[kind], text);
    if (i >= 0)
        return i;
    node n = { .kind = kind, .text = text, .row = row };
    if ((n.id = make_id(G, text)) == NULL || PG_VEC_RESERVE(G->nodes, 1) != 0 ||
        pg_strmap_put(&G->by_text[kind], text, (long)G->nodes.len) < 0)
        return oom(G->R), -1;
    G->nodes.items[G->nodes.len++] = n;
    return (long)G->nodes.len - 1;
}

/* The non-empty cell of role `r` in row `row`, or NULL. */
static const pg_cell *role_cell(const part_log *G, size_t row, log_role r)
{
    const pg_cell *c = G->col[r] >= 0 ? pg_table_cell(G->t, row, (size_t)G->col[r]) : NULL;
    return c && c->type != PG_CELL_EMPTY && c->text[0] ? c : NULL;
}

/* Reports cell `c` (role `r`, row `row`) that says otherwise than `first`
 * of the same node `n`. */
static bool conflict(part_log *G, const node *n, log_role r, size_t row, const pg_cell *c, const pg_cell *first)
{
    char q[PG_QUOTE_SIZE], f[PG_QUOTE_SIZE], w[PG_QUOTE_SIZE], where[64];
    pg_jpath rp = pg_jpath_index(&G->path, (long)row), p = cell_path(G, &rp, (size_t)G->col[r]);
    pg_report_error(&G->R->report, &p, "%s %s has %s %s here but %s at %s", n->kind == K_EVENT ? "event" : "party",
                    pg_quote(w, n->text), ROLES[r].name, pg_quote(q, c->text), pg_quote(f, first->text),
                    pg_table_where(G->t, first, where, sizeof where));
    return false;
}

/* Notes role `r` of row `row` for node `n`; false after a conflict. */
static bool note_field(part_log *G, node *n, log_role r, size_t row)
{
    const pg_cell *c = role_cell(G, row, r);
    if (c == NULL)
        return true;
    if (n->field[r] == NULL)
        return (n->field[r] = c), true;
    return strcmp(n->field[r]->text, c->text) == 0 || conflict(G, n, r, row, c, n->field[r]);
}

/* Is the cell of role `r` in row `row` a date (when there is one)? */
static bool date_ok(part_log *G, size_t row, log_role r)
{
    const pg_cell *c = role_cell(G, row, r);
    char q[PG_QUOTE_SIZE], why[96];
    if (c == NULL || !pg_cells_not_date(c, why, sizeof why))
        return true;
    pg_jpath rp = pg_jpath_index(&G->path, (long)row), p = cell_path(G, &rp, (size_t)G->col[r]);
    return pg_report_error(&G->R->report, &p, "%s %s is not a date: %s", ROLES[r].name, pg_quote(q, c->text), why),
           false;
}

/* Is the weight of row `row` a number (when there is one)? */
static bool weight_ok(part_log *G, size_t row)
{
    const pg_cell *c = role_cell(G, row, L_WEIGHT);
    char q[PG_QUOTE_SIZE];
    if (c == NULL || (c->typed ? c->type == PG_CELL_NUMBER : pg_cells_is_number(c->text)))
        return true;
    pg_jpath rp = pg_jpath_index(&G->path, (long)row), p = cell_path(G, &rp, (size_t)G->col[L_WEIGHT]);
    return pg_report_error(&G->R->report, &p, "a weight must be a number, got %s", pg_quote(q, c->text)), false;
}

/* Reports role `r` missing in row `row`. */
static bool missing(part_log *G, size_t row, log_role r)
{
    pg_jpath rp = pg_jpath_index(&G->path, (long)row), p = cell_path(G, &rp, (size_t)G->col[r]);
    return pg_report_error(&G->R->report, &p, "missing %s", ROLES[r].name), false;
}

/* The nodes a mechanism, country or participant country cell names. */
static bool named_nodes(part_log *G, size_t row)
{
    static const struct {
        log_role role;
        int kind;
    } named[] = { { L_MECHANISM, K_MECHANISM }, { L_COUNTRY, K_COUNTRY }, { L_PCOUNTRY, K_COUNTRY } };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        const pg_cell *c = role_cell(G, row, named[i].role);
        if (c && node_of(G, named[i].kind, c->text, row) < 0)
            return false;
    }
    return true;
}

/* Row `row`: its event, party and the nodes it names, its cells checked.
 * Returns "go on" (a row with a problem is marked bad). */
static bool collect_row(part_log *G, size_t row)
{
    const pg_cell *e = role_cell(G, row, L_EVENT), *p = role_cell(G, row, L_PARTICIPANT);
    int problems = !(e || missing(G, row, L_EVENT)); /* every check runs: each reports its own problem */
    problems += !(p || missing(G, row, L_PARTICIPANT));
    problems += !date_ok(G, row, L_DATE);
    problems += !date_ok(G, row, L_END);
    problems += !weight_ok(G, row);
    bool ok = problems == 0;
    long ei = ok ? node_of(G, K_EVENT, e->text, row) : -2, pi = ei >= 0 ? node_of(G, K_PARTY, p->text, row) : -2;
    if (ei == -1 || pi == -1 || (ok && !named_nodes(G, row)))
        return false;
    for (int r = L_DATE; ok && of_event((log_role)r); r++)
        ok = note_field(G, &G->nodes.items[ei], (log_role)r, row);
    ok = ok && note_field(G, &G->nodes.items[pi], L_PCOUNTRY, row);
    G->bad[row] = !ok;
    return !pg_report_stopped(&G->R->report);
}

/* ---- declaring and reading ----------------------------------------------- */

static bool put_string(pg_reader *R, cJSON *attrs, const char *key, const char *s)
{
    return cJSON_AddStringToObject(attrs, key, s) != NULL || oom(R);
}

/* The id of the node of kind `kind` named by cell `c`. */
static const char *id_of(const part_log *G, int kind, const pg_cell *c)
{
    return G->nodes.items[pg_strmap_get(&G->by_text[kind], c->text)].id;
}

/* An event's or party's fields (a mechanism or country: its id). */
static bool put_fields(part_log *G, node *n)
{
    bool go = true;
    for (int r = L_DATE; go && r < L_COUNT; r++) {
        const pg_cell *c = n->field[r];
        if (c == NULL || (r == L_NAME))
            continue;
        int kind = r == L_MECHANISM ? K_MECHANISM : r == L_COUNTRY || r == L_PCOUNTRY ? K_COUNTRY : -1;
        go = put_string(G->R, n->attrs, ROLES[r].key, kind >= 0 ? id_of(G, kind, c) : c->text);
    }
    return go;
}

/* Declares node `i`. */
static bool declare(part_log *G, size_t i)
{
    node *n = &G->nodes.items[i];
    pg_jpath rp = pg_jpath_index(&G->path, (long)n->row);
    const char *name = n->field[L_NAME] ? n->field[L_NAME]->text : n->text;
    n->attrs = cJSON_CreateObject();
    if (n->attrs == NULL)
        return oom(G->R);
    bool go = put_string(G->R, n->attrs, "kind", pg_kind_name(KINDS[n->kind])) &&
              put_string(G->R, n->attrs, "name", name) && put_fields(G, n);
    return go && pg_read_declare(G->R, n->id, n->attrs, rp);
}

/* The cells of row `row` no role names into `attrs`, typed. */
static bool other_attrs(part_log *G, size_t row, cJSON *attrs)
{
    bool go = true;
    for (size_t c = 0; go && c < G->t->ncols; c++) {
        const pg_cell *x = pg_table_cell(G->t, row, c);
        if (G->is_role[c] || x->type == PG_CELL_EMPTY || cJSON_GetObjectItemCaseSensitive(attrs, G->t->header[c].text))
            continue;
        cJSON *v = pg_cells_value(x, G->types[c]);
        go = (v && cJSON_AddItemToObject(attrs, G->t->header[c].text, v)) || (cJSON_Delete(v), oom(G->R));
    }
    return go;
}

/* The attended relation's attributes of row `row` into `attrs`. */
static bool relation_attrs(part_log *G, size_t row, cJSON *attrs)
{
    bool go = true;
    const pg_cell *role = role_cell(G, row, L_ROLE), *weight = role_cell(G, row, L_WEIGHT);
    if (role)
        go = put_string(G->R, attrs, "role", role->text);
    if (go && weight)
        go = cJSON_AddItemToObject(attrs, "weight", pg_cells_value(weight, PG_CELLS_NUMBER)) || oom(G->R);
    return go && other_attrs(G, row, attrs);
}

/* Row `row`'s attended relation. */
static bool attended(part_log *G, size_t row)
{
    const pg_cell *e = role_cell(G, row, L_EVENT), *p = role_cell(G, row, L_PARTICIPANT);
    pg_jpath rp = pg_jpath_index(&G->path, (long)row);
    cJSON *attrs = cJSON_CreateObject();
    bool go = attrs ? relation_attrs(G, row, attrs) : oom(G->R);
    if (go)
        go = pg_read_edge(G->R, id_of(G, K_PARTY, p), id_of(G, K_EVENT, e), attrs, "attended", (long)row, rp);
    cJSON_Delete(attrs);
    return go;
}

static bool read_all(part_log *G)
{
    bool go = true;
    for (size_t r = 0; go && r < G->t->nrows; r++)
        go = collect_row(G, r);
    for (size_t i = 0; go && i < G->nodes.len; i++)
        go = declare(G, i);
    for (size_t i = 0; go && i < G->nodes.len; i++) {
        pg_jpath rp = pg_jpath_index(&G->path, (long)G->nodes.items[i].row);
        go = pg_read_node(G->R, i, G->nodes.items[i].attrs, rp);
    }
    for (size_t r = 0; go && r < G->t->nrows; r++)
        go = G->bad[r] || attended(G, r);
    return go;
}

/* ---- the table --------------------------------------------------------------- */

/* Which columns have roles, and how the others are typed. */
static void plan_columns(part_log *G)
{
    for (int r = 0; r < L_COUNT; r++)
        if (G->col[r] >= 0)
            G->is_role[G->col[r]] = true;
    for (size_t c = 0; c < G->t->ncols; c++)
        G->types[c] = G->is_role[c] ? PG_CELLS_TEXT : pg_cells_column_type(G->t, c);
}

static void log_free(part_log *G)
{
    for (size_t i = 0; i < G->nodes.len; i++)
        cJSON_Delete(G->nodes.items[i].attrs);
    free(G->nodes.items);
    for (int k = 0; k < K_COUNT; k++)
        pg_strmap_free(&G->by_text[k]);
    pg_strmap_free(&G->ids);
    free(G->is_role);
    free(G->types);
    free(G->bad);
}

/* Starts G on table `t`; false when out of memory (reported). */
static bool log_init(part_log *G, pg_reader *R, const pg_table *t)
{
    *G = (part_log){ .R = R, .t = t, .path = pg_jpath_key(&PG_JPATH_ROOT, t->name) };
    G->is_role = calloc(t->ncols + 1, sizeof *G->is_role);
    G->types = calloc(t->ncols + 1, sizeof *G->types);
    G->bad = calloc(t->nrows + 1, sizeof *G->bad);
    return (G->is_role && G->types && G->bad) || oom(R);
}

bool pg_read_log_table(pg_reader *R, const pg_table *t)
{
    part_log G;
    bool go = log_init(&G, R, t) && map_columns(&G, R->opt.columns) && required(&G);
    if (go) {
        plan_columns(&G);
        warn_attributes(&G);
        R->end_keys[0] = t->header[G.col[L_PARTICIPANT]].text;
        R->end_keys[1] = t->header[G.col[L_EVENT]].text;
        go = read_all(&G);
    }
    log_free(&G);
    return go;
}
