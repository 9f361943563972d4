/* read_igraph.c - GML and Pajek NET, read by igraph's own readers
 * (igraph_read_graph_gml, igraph_read_graph_pajek) with igraph's C
 * attribute handler attached for the call only, then translated node by
 * node and edge by edge through read_map like every foreign format.
 *
 * Ids: a GML node's `label` when every node has one and no two share one
 * (as NetworkX reads GML), its numeric `id` then kept as `gml_id` (one
 * warning); else its `id`. A Pajek vertex's name (its label), else its
 * number. Every other node, edge and graph attribute igraph keeps is kept
 * with its type (numbers, strings, booleans); a value igraph gives as
 * missing (NaN, or an empty string) is absent; numeric character
 * references (`&#8211;`, as NetworkX writes non-ASCII text) are decoded;
 * 1 and 0 in a key partygraph types as boolean (`ruling`) are true and
 * false, since neither format has booleans. The graph's `label` or
 * `name` is the title. A directed graph is read undirected with one
 * warning, and igraph's own warnings (a composite GML attribute such as
 * `graphics`, which igraph 0.10 drops) are passed on once each, a
 * composite one at its first line. A file igraph refuses is an error at
 * the line igraph names; a Pajek file igraph refuses for the `key value`
 * pairs NetworkX writes after a vertex or an edge is read again without
 * them (pajek_pairs), and they become attributes (strings; `True` and
 * `False` in BOOLEAN_KEYS booleans), one warning. Paths name the
 * node or edge in file order from 0: `node[3]/weight`. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "input/pajek_pairs.h"
#include "input/reader.h"
#include "model/igraph_glue.h"

enum { GRAPH_ATTRS, NODE_ATTRS, EDGE_ATTRS, DOMAINS };

/* What one format reads, and how its nodes are named. */
typedef struct dialect {
    const char *title;                            /* in messages: "GML" */
    igraph_error_t (*read)(igraph_t *g, FILE *f); /* igraph's reader */
    const char *label;                            /* the attribute that names nodes, when usable */
    const char *number;                           /* the numeric id attribute, or NULL */
    const char *number_kept;                      /* what `number` is kept as when `label` names them, or NULL */
    long first;                                   /* the number of the first node when none is given */
    const char *x, *y;                            /* what positions `x` and `y` are kept as */
} dialect;

static const dialect GML = { "GML", igraph_read_graph_gml, "label", "id", "gml_id", 0, "gml_x", "gml_y" };
static const dialect PAJEK = { "Pajek", igraph_read_graph_pajek, "name", "id", NULL, 1, "pajek_x", "pajek_y" };

/* A graph igraph read, with its attribute names and types. */
typedef struct foreign {
    pg_reader *R;
    const dialect *d;
    igraph_t g;
    igraph_strvector_t names[DOMAINS];
    igraph_vector_int_t types[DOMAINS];
    bool by_label;      /* nodes are named by d->label */
    const char **ids;   /* the id text of each node (in the dataset's arena) */
    const char *text;   /* the file's text, for the places of igraph's warnings */
    size_t len;
    const pg_pajek_pairs *pairs; /* NetworkX's `key value` pairs, when taken out of the text; else NULL */
    bool retry;         /* igraph refused what may be such pairs: read again without them */
    long refused_line;  /* then why igraph refused the file, at which line */
    char refused_why[256];
} foreign;

/* ---- values ------------------------------------------------------------ */

/* The type igraph gives attribute `name` of `domain`, or -1. */
static int type_of(const foreign *F, int domain, const char *name)
{
    for (igraph_integer_t i = 0; i < igraph_strvector_size(&F->names[domain]); i++)
        if (strcmp(igraph_strvector_get(&F->names[domain], i), name) == 0)
            return (int)VECTOR(F->types[domain])[i];
    return -1;
}

/* Writes code point `c` as UTF-8 at `out`; returns the bytes written. */
static size_t put_utf8(char *out, unsigned long c)
{
    if (c < 0x80)
        return out[0] = (char)c, 1;
    if (c < 0x800)
        return out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000)
        return out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | (c >> 6 & 0x3F)),
               out[2] = (char)(0x80 | (c & 0x3F)), 3;
    out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F)), out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The code point of the character reference at s ("&#8211;", "&#xDC;"),
 * *len its length; 0 when there is none there. */
static unsigned long reference(const char *s, size_t *len)
{
    bool hex = s[2] == 'x' || s[2] == 'X';
    const char *digits = s + 2 + hex;
    char *end;
    if (!(hex ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
        return 0;
    unsigned long c = strtoul(digits, &end, hex ? 16 : 10);
    *len = (size_t)(end - s) + 1;
    bool ok = *end == ';' && c > 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    return ok ? c : 0;
}

/* A string value with its numeric character references decoded (NetworkX
 * writes every non-ASCII character so; igraph 0.10 decodes only &amp;
 * &quot; &lt; &gt;). UTF-8 is never longer than the reference. */
static cJSON *string_value(const char *s)
{
    char *out = strstr(s, "&#") ? malloc(strlen(s) + 1) : NULL;
    if (out == NULL)
        return strstr(s, "&#") ? NULL : cJSON_CreateString(s);
    size_t n = 0, len;
    unsigned long c;
    while (*s)
        if (s[0] == '&' && s[1] == '#' && (c = reference(s, &len)) != 0)
            n += put_utf8(out + n, c), s += len;
        else
            out[n++] = *s++;
    out[n] = '\0';
    cJSON *v = cJSON_CreateString(out);
    free(out);
    return v;
}

/* Keys partygraph types as booleans: GML and Pajek have none, and NetworkX
 * writes true as 1 and false as 0. */
static const char *const BOOLEAN_KEYS[] = { "ruling", "directed", "structural", NULL };

static bool boolean_key(const char *name)
{
    for (const char *const *k = BOOLEAN_KEYS; *k; k++)
        if (strcmp(*k, name) == 0)
            return true;
    return false;
}

/* A number as JSON: 0 and 1 as false and true for BOOLEAN_KEYS. */
static cJSON *number_value(const foreign *F, const char *name, double x)
{
    if (boolean_key(name) && (x == 0 || x == 1)) {
        pg_read_warn_once(F->R, "boolean", NULL, "%s has no booleans: `%s` 1 and 0 (and every such key's) are "
                          "read as true and false", F->d->title, name);
        return cJSON_CreateBool(x == 1);
    }
    return cJSON_CreateNumber(x);
}

/* A numeric value: NaN (igraph's missing value) is absent. */
static cJSON *numeric(const foreign *F, bool node, const char *name, igraph_integer_t i, bool *oom)
{
    double x = node ? VAN(&F->g, name, i) : EAN(&F->g, name, i);
    cJSON *v = isfinite(x) ? number_value(F, name, x) : NULL;
    *oom = isfinite(x) && v == NULL;
    return v;
}

/* A string value: "" (igraph's missing value) is absent. */
static cJSON *text(const foreign *F, bool node, const char *name, igraph_integer_t i, bool *oom)
{
    const char *s = node ? VAS(&F->g, name, i) : EAS(&F->g, name, i);
    cJSON *v = s != NULL && s[0] != '\0' ? string_value(s) : NULL;
    *oom = s != NULL && s[0] != '\0' && v == NULL;
    return v;
}

/* Value number `i` of attribute `name` of `domain` (nodes or edges) as
 * JSON; NULL when it is missing (or out of memory: *oom). */
static cJSON *value_of(const foreign *F, int domain, const char *name, int type, igraph_integer_t i, bool *oom)
{
    bool node = domain == NODE_ATTRS;
    cJSON *v = NULL;
    if (type == IGRAPH_ATTRIBUTE_NUMERIC)
        return numeric(F, node, name, i, oom);
    if (type == IGRAPH_ATTRIBUTE_STRING)
        return text(F, node, name, i, oom);
    if (type == IGRAPH_ATTRIBUTE_BOOLEAN)
        *oom = (v = cJSON_CreateBool(node ? VAB(&F->g, name, i) : EAB(&F->g, name, i))) == NULL;
    return v;
}

/* The name attribute `name` of a node is kept under (NULL: not kept):
 * positions, which partygraph computes again, under the dialect's names. */
static const char *node_key(const foreign *F, const char *name)
{
    bool x = strcmp(name, "x") == 0, y = strcmp(name, "y") == 0;
    if (F->d->number && strcmp(name, F->d->number) == 0)
        return F->by_label ? F->d->number_kept : NULL;
    if (x || y)
        pg_read_warn_once(F->R, "position", NULL, "%s: the positions `x` and `y` are kept as `%s` and `%s` "
                          "(partygraph computes its own)", F->d->title, F->d->x, F->d->y);
    return x ? F->d->x : y ? F->d->y : name;
}

/* A `key value` pair's value: its text, or, for BOOLEAN_KEYS, Python's
 * `True` and `False` (as NetworkX writes them) as booleans. */
static cJSON *pair_value(const cJSON *pair)
{
    bool t = strcmp(pair->valuestring, "True") == 0, f = strcmp(pair->valuestring, "False") == 0;
    if ((t || f) && boolean_key(pair->string))
        return cJSON_CreateBool(t);
    return cJSON_CreateString(pair->valuestring);
}

/* The `key value` pairs of node or edge `i` (NetworkX's Pajek) into
 * `attrs`, in place of what igraph read under their keys (a pair `name`
 * is the name, as NetworkX reads it, not the vertex's label); false when
 * out of memory. */
static bool add_pairs(const foreign *F, int domain, igraph_integer_t i, cJSON *attrs)
{
    const pg_json_vec *e = F->pairs != NULL && domain == EDGE_ATTRS ? &F->pairs->edges : NULL;
    const cJSON *pairs = e != NULL && (size_t)i < e->len ? e->items[i] : NULL;
    if (F->pairs != NULL && domain == NODE_ATTRS)
        pairs = pg_pajek_pairs_vertex(F->pairs, (long)i + 1);
    for (const cJSON *p = pairs ? pairs->child : NULL; p; p = p->next) {
        cJSON *c = pair_value(p);
        cJSON_DeleteItemFromObjectCaseSensitive(attrs, p->string);
        if (c == NULL || !cJSON_AddItemToObject(attrs, p->string, c))
            return cJSON_Delete(c), false;
    }
    return true;
}

/* The attributes of node or edge `i` (domain NODE_ATTRS or EDGE_ATTRS);
 * NULL when out of memory. */
static cJSON *attributes(const foreign *F, int domain, igraph_integer_t i)
{
    cJSON *attrs = cJSON_CreateObject();
    bool oom = attrs == NULL;
    for (igraph_integer_t a = 0; !oom && a < igraph_strvector_size(&F->names[domain]); a++) {
        const char *name = igraph_strvector_get(&F->names[domain], a);
        const char *key = domain == NODE_ATTRS ? node_key(F, name) : name;
        cJSON *v = key ? value_of(F, domain, name, (int)VECTOR(F->types[domain])[a], i, &oom) : NULL;
        if (v != NULL && !cJSON_AddItemToObject(attrs, key, v))
            cJSON_Delete(v), oom = true;
    }
    oom = oom || !add_pairs(F, domain, i, attrs);
    if (oom)
        cJSON_Delete(attrs);
    return oom ? NULL : attrs;
}

/* ---- ids --------------------------------------------------------------- */

/* Does every node have a label of its own (d->label, strings, none empty,
 * none repeated)? -1 when out of memory. */
static int labels_usable(const foreign *F)
{
    pg_strmap seen = PG_STRMAP_INIT;
    int ok = type_of(F, NODE_ATTRS, F->d->label) == IGRAPH_ATTRIBUTE_STRING;
    for (igraph_integer_t v = 0; ok > 0 && v < igraph_vcount(&F->g); v++) {
        const char *s = VAS(&F->g, F->d->label, v);
        ok = s[0] == '\0' ? 0 : pg_strmap_put(&seen, s, v);
    }
    pg_strmap_free(&seen);
    return ok;
}

/* The id text of node `v` in the dataset's arena; NULL when out of memory. */
static const char *id_text(const foreign *F, igraph_integer_t v)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    pg_arena *arena = &F->R->L.ds->arena;
    if (F->by_label)
        return pg_arena_strdup(arena, VAS(&F->g, F->d->label, v));
    bool numbered = F->d->number && type_of(F, NODE_ATTRS, F->d->number) == IGRAPH_ATTRIBUTE_NUMERIC;
    double x = numbered ? VAN(&F->g, F->d->number, v) : (double)(v + F->d->first);
    return pg_arena_strdup(arena, pg_fmt_double(x, buf));
}

/* Names every node (F->by_label, F->ids). Returns "go on". */
static bool name_nodes(foreign *F)
{
    int usable = labels_usable(F);
    igraph_integer_t n = igraph_vcount(&F->g);
    F->by_label = usable > 0;
    F->ids = usable >= 0 ? calloc((size_t)n + 1, sizeof *F->ids) : NULL;
    for (igraph_integer_t v = 0; F->ids != NULL && v < n; v++)
        if ((F->ids[v] = id_text(F, v)) == NULL)
            return pg_report_oom(&F->R->report);
    if (F->ids == NULL)
        return pg_report_oom(&F->R->report);
    if (F->by_label && F->d->number_kept && type_of(F, NODE_ATTRS, F->d->number) >= 0)
        pg_read_warn_once(F->R, "gml_id", NULL, "%s: nodes are named by their `%s` (as NetworkX reads them); their "
                          "`%s` is kept as `%s`", F->d->title, F->d->label, F->d->number, F->d->number_kept);
    return true;
}

/* ---- the graph ----------------------------------------------------------- */

/* The title: the graph's `label`, else its `name`. */
static bool read_title(foreign *F)
{
    static const char *const keys[] = { "label", "name", "title" };
    bool go = true;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && go; k++) {
        if (type_of(F, GRAPH_ATTRS, keys[k]) != IGRAPH_ATTRIBUTE_STRING)
            continue;
        cJSON *t = cJSON_CreateString(GAS(&F->g, keys[k]));
        go = t ? pg_read_title(F->R, t) : pg_report_oom(&F->R->report);
        cJSON_Delete(t);
    }
    return go;
}

/* Declares every node, then reads each. */
static bool read_nodes(foreign *F)
{
    const pg_jpath np = pg_jpath_key(&PG_JPATH_ROOT, "node");
    igraph_integer_t n = igraph_vcount(&F->g);
    bool go = true;
    for (igraph_integer_t v = 0; v < n && go; v++) {
        cJSON *attrs = attributes(F, NODE_ATTRS, v);
        go = attrs ? pg_read_declare(F->R, F->ids[v], attrs, pg_jpath_index(&np, v)) : pg_report_oom(&F->R->report);
        cJSON_Delete(attrs);
    }
    for (igraph_integer_t v = 0; v < n && go; v++) {
        cJSON *attrs = attributes(F, NODE_ATTRS, v);
        go = attrs ? pg_read_node(F->R, (size_t)v, attrs, pg_jpath_index(&np, v)) : pg_report_oom(&F->R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

static bool read_edges(foreign *F)
{
    const pg_jpath ep = pg_jpath_key(&PG_JPATH_ROOT, "edge");
    bool go = true;
    for (igraph_integer_t e = 0; e < igraph_ecount(&F->g) && go; e++) {
        const char *source = F->ids[IGRAPH_FROM(&F->g, e)], *target = F->ids[IGRAPH_TO(&F->g, e)];
        cJSON *attrs = attributes(F, EDGE_ATTRS, e);
        go = attrs ? pg_read_edge(F->R, source, target, attrs, NULL, (long)e, pg_jpath_index(&ep, e))
                   : pg_report_oom(&F->R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

/* The offset of the first `key [` (a nested list; spaces and line
 * breaks may come between) in text[from, len), or len. */
static size_t list_at(const char *text, size_t len, size_t from, const char *key)
{
    size_t n = strlen(key);
    for (size_t i = from; i + n < len; i++) {
        bool starts = (i == 0 || isspace((unsigned char)text[i - 1])) && strncmp(text + i, key, n) == 0;
        size_t j = i + n;
        while (starts && j < len && isspace((unsigned char)text[j]))
            j++;
        if (starts && j < len && text[j] == '[')
            return i;
    }
    return len;
}

/* The line where igraph's `warning` about a composite attribute ("Composite
 * vertex attribute 'graphics' ignored in GML file.") points: the key's
 * first list in a node (an edge), or 0. */
static long warning_line(const foreign *F, const char *warning)
{
    char what[16], key[128];
    if (sscanf(warning, "Composite %15s attribute '%127[^']'", what, key) != 2)
        return 0;
    const char *in = strcmp(what, "vertex") == 0 ? "node" : strcmp(what, "edge") == 0 ? "edge" : NULL;
    size_t at = list_at(F->text, F->len, in ? list_at(F->text, F->len, 0, in) : 0, key);
    long line = 1;
    for (size_t i = 0; i < at && at < F->len; i++)
        line += F->text[i] == '\n';
    return at < F->len ? line : 0;
}

/* igraph's warnings, once each (at the first place of the key a warning
 * about a nested list names); a directed graph's, once. */
static void pass_warnings(foreign *F)
{
    char topic[300];
    for (int i = 0; i < pg_igraph_warning_count(); i++) {
        if (strstr(pg_igraph_warning(i), "(&#") != NULL)
            continue; /* a numeric character reference, decoded here */
        snprintf(topic, sizeof topic, "igraph:%s", pg_igraph_warning(i));
        F->R->line = warning_line(F, pg_igraph_warning(i));
        pg_read_warn_once(F->R, topic, NULL, "%s: igraph: %s", F->d->title, pg_igraph_warning(i));
    }
    F->R->line = 0;
    if (igraph_is_directed(&F->g))
        pg_read_warn_once(F->R, "directed", NULL, "a directed graph: edge directions are dropped (partygraph's "
                                                  "network is undirected)");
}

/* Translates the graph igraph read. */
static bool translate(foreign *F)
{
    for (int d = 0; d < DOMAINS; d++)
        if (igraph_strvector_init(&F->names[d], 0) != IGRAPH_SUCCESS ||
            igraph_vector_int_init(&F->types[d], 0) != IGRAPH_SUCCESS)
            return pg_report_oom(&F->R->report);
    if (igraph_cattribute_list(&F->g, &F->names[GRAPH_ATTRS], &F->types[GRAPH_ATTRS], &F->names[NODE_ATTRS],
                               &F->types[NODE_ATTRS], &F->names[EDGE_ATTRS], &F->types[EDGE_ATTRS]) != IGRAPH_SUCCESS)
        return pg_report_oom(&F->R->report);
    pass_warnings(F);
    return name_nodes(F) && read_title(F) && read_nodes(F) && read_edges(F);
}

/* ---- igraph's reading ----------------------------------------------------- */

/* The line and the reason igraph's `message` gives ("Parse error in GML
 * file, line 3 (syntax error, ...) (src/io/gml.c:461)": its source place
 * cut off); *reason NULL when it names no line. */
static long igraph_place(char *message, const char **reason, int *len)
{
    const char *at = strstr(message, ", line ");
    char *cut = strstr(message, " (src/");
    if (cut != NULL)
        *cut = '\0';
    *reason = at ? strchr(at + 7, '(') : NULL;
    if (*reason == NULL)
        return 0;
    *len = (int)strlen(++*reason);
    *len -= *len > 0 && (*reason)[*len - 1] == ')';
    return strtol(at + 7, NULL, 10);
}

/* Is line `line` of the file in a `*Vertices`, `*Edges` or `*Arcs`
 * section (the last section line before it starts so, in any case)? */
static bool in_section(const foreign *F, long line)
{
    bool in = false;
    const char *p = F->text, *end = F->text + F->len;
    for (long l = 1; l < line && p < end; l++) {
        if (*p == '*')
            in = (end - p >= 9 && strncasecmp(p, "*vertices", 9) == 0) ||
                 (end - p >= 6 && strncasecmp(p, "*edges", 6) == 0) || (end - p >= 5 && strncasecmp(p, "*arcs", 5) == 0);
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    return in;
}

/* Did igraph refuse a Pajek vertex or edge line for more words than it
 * knows, as NetworkX's `key value` pairs are (read again without them)? */
static bool networkx_pairs(const foreign *F, long line, const char *reason)
{
    return F->d == &PAJEK && F->pairs == NULL && strstr(reason, "ALNUM") != NULL && in_section(F, line);
}

/* Reports why igraph refused the file: its reason, at the line it names. */
static bool refused(foreign *F, igraph_error_t rc)
{
    pg_error e;
    const char *reason;
    int len = 0;
    pg_igraph_status(rc, "reading", &e);
    if (rc == IGRAPH_ENOMEM)
        return pg_report_oom(&F->R->report);
    long line = igraph_place(e.message, &reason, &len);
    if (reason == NULL)
        return pg_report_error(&F->R->report, NULL, "%s: igraph refuses the file: %s", F->d->title, e.message);
    snprintf(F->refused_why, sizeof F->refused_why, "%s: %.*s", F->d->title, len, reason);
    F->refused_line = line;
    if (networkx_pairs(F, line, reason))
        return F->retry = true;
    return pg_report_error_at(&F->R->report, line, 0, "%s", F->refused_why);
}

/* Reads the text with igraph's reader, igraph's C attribute handler
 * attached for the call; translates what it read. */
static bool read_with_igraph(foreign *F, FILE *f)
{
    pg_igraph_scope scope;
    igraph_error_t rc = IGRAPH_SUCCESS;
    igraph_attribute_table_t *old = igraph_set_attribute_table(&igraph_cattribute_table);
    pg_igraph_enter(&scope);
    PG_IGRAPH_RUN(&scope, rc, F->d->read(&F->g, f));
    bool go = rc == IGRAPH_SUCCESS ? translate(F) : refused(F, rc);
    if (rc == IGRAPH_SUCCESS)
        igraph_destroy(&F->g);
    pg_igraph_leave(&scope);
    igraph_set_attribute_table(old);
    return go;
}

static void release(foreign *F)
{
    for (int d = 0; d < DOMAINS; d++) {
        if (F->names[d].stor_begin != NULL)
            igraph_strvector_destroy(&F->names[d]);
        if (F->types[d].stor_begin != NULL)
            igraph_vector_int_destroy(&F->types[d]);
    }
    free(F->ids);
}

/* Reads `len` bytes at `text` with igraph's reader into F. */
static bool read_text(foreign *F, const char *text, size_t len)
{
    FILE *f = fmemopen((void *)text, len, "r");
    if (f == NULL)
        return pg_report_oom(&F->R->report);
    bool go = read_with_igraph(F, f);
    fclose(f);
    return go;
}

/* Reads the Pajek text again without NetworkX's `key value` pairs, which
 * become attributes (one warning at the first); with none, igraph's
 * refusal stands. */
static bool without_pairs(foreign *F)
{
    pg_pajek_pairs pairs;
    if (pg_pajek_pairs_split(F->text, F->len, &pairs) != 0)
        return pg_report_oom(&F->R->report);
    if (pairs.first_line == 0) {
        pg_pajek_pairs_free(&pairs);
        return pg_report_error_at(&F->R->report, F->refused_line, 0, "%s", F->refused_why);
    }
    F->pairs = &pairs;
    F->retry = false;
    F->R->line = pairs.first_line;
    pg_read_warn_once(F->R, "pairs", NULL, "Pajek: the `key value` pairs after a vertex or an edge (NetworkX's "
                      "write_pajek writes them; Pajek and igraph do not read them) are read as attributes, as "
                      "NetworkX reads them");
    F->R->line = 0;
    bool go = read_text(F, pairs.text, F->len);
    pg_pajek_pairs_free(&pairs);
    F->pairs = NULL;
    return go;
}

/* Reads the `len` bytes at `text` (past a byte-order mark) in dialect `d`. */
static bool read_dialect(pg_reader *R, const dialect *d, const char *text, size_t len)
{
    size_t bom = pg_utf8_bom(text, len);
    foreign F = { .R = R, .d = d, .text = text + bom, .len = len - bom };
    if (len == bom)
        return pg_report_error(&R->report, NULL, "%s: the file is empty", d->title);
    bool go = read_text(&F, F.text, F.len);
    if (go && F.retry)
        go = without_pairs(&F);
    release(&F);
    return go;
}

bool pg_read_gml(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    return read_dialect(R, &GML, text, len);
}

bool pg_read_pajek(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    return read_dialect(R, &PAJEK, text, len);
}
