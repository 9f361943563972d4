/* read_gexf.c - GEXF 1.1 to 1.3 (gexf.net) as Gephi, NetworkX and
 * partygraph write it, parsed whole by libxml2 (nothing fetched, no entity
 * expanded) and translated node by node and edge by edge through read_map.
 *
 * What is read: <attributes class="node|edge"> declare attributes (`id`,
 * `title`, `type`: integer, long, float, double are numbers, boolean is
 * true/false/1/0, anything else a string; a <default> for the elements
 * without a value); a node's `id`, `label` (its name) and <attvalue
 * for|id value> (of one attribute, the first; other values of a dynamic
 * attribute are dropped with one warning); an edge's `source`, `target`,
 * `weight`, `label`, and its attvalues; `start`, `end` (or `startopen`,
 * `endopen`), <spells> and timestamps as dates: `date` and `end` of an entity or a
 * relation (the earliest start, the latest end; a node or edge already
 * dated, as partygraph's own are, keeps its own); viz:color, viz:position
 * and viz:size as viz_r, viz_g, viz_b, viz_a, viz_x, viz_y, viz_z and
 * viz_size, viz:shape and viz:thickness as viz_shape and viz_thickness
 * (one warning), except in partygraph's own graph.gexf, whose
 * drawing is computed again; `defaultedgetype="directed"` and directed
 * edges are read undirected with one warning; an edge's `type` that is
 * not an edge kind (NetworkX writes an edge's `type` there) is its
 * relation type, one warning, else its `kind` (GEXF 1.3); a node's `pid`
 * and <parents> are part_of ties to the parents, one warning. Problems name the element's
 * line and its path, such as gexf/graph/nodes/node[3]/weight. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "input/reader.h"
#include "input/xml_errors.h"

enum { OPTIONS = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT };
enum { NODES, EDGES };

static const pg_jpath GEXF_PATH = { NULL, "gexf", 0, 1 };
static const pg_jpath GRAPH_PATH = { &GEXF_PATH, "graph", 0, 2 };
static const pg_jpath NODES_PATH = { &GRAPH_PATH, "nodes", 0, 3 };
static const pg_jpath EDGES_PATH = { &GRAPH_PATH, "edges", 0, 3 };
static const pg_jpath NODE_PATH = { &NODES_PATH, "node", 0, 4 };
static const pg_jpath EDGE_PATH = { &EDGES_PATH, "edge", 0, 4 };

typedef enum value_type { T_STRING, T_NUMBER, T_BOOL } value_type;

/* A declared attribute. */
typedef struct decl {
    const char *id, *title, *fallback; /* fallback: its <default> text, or NULL */
    value_type type;
} decl;

typedef struct gexf {
    pg_reader *R;
    PG_VEC(decl) decls[2]; /* NODES, EDGES */
    bool own;              /* partygraph's own graph.gexf */
} gexf;

/* The types read as numbers. */
static const char *const NUMBER_TYPES[] = { "integer", "long", "float", "double", "short", "byte", NULL };

/* viz elements: the element, its XML attribute, the partygraph attribute, its type. */
static const struct {
    const char *element, *attr, *key;
    value_type type;
} VIZ[] = {
    { "color", "r", "viz_r", T_NUMBER },         { "color", "g", "viz_g", T_NUMBER },
    { "color", "b", "viz_b", T_NUMBER },         { "color", "a", "viz_a", T_NUMBER },
    { "position", "x", "viz_x", T_NUMBER },      { "position", "y", "viz_y", T_NUMBER },
    { "position", "z", "viz_z", T_NUMBER },      { "size", "value", "viz_size", T_NUMBER },
    { "shape", "value", "viz_shape", T_STRING }, { "thickness", "value", "viz_thickness", T_NUMBER },
};

/* ---- the tree ------------------------------------------------------------ */

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Is `n` in Gephi's viz namespace? */
static bool is_viz(const xmlNode *n)
{
    return n->ns != NULL && n->ns->href != NULL && strstr((const char *)n->ns->href, "viz") != NULL;
}

/* The first child element of `n` named `name` (outside the viz namespace), or NULL. */
static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name) && !is_viz(c))
            return c;
    return NULL;
}

/* The next sibling element of `n` with its name, or NULL. */
static const xmlNode *next(const xmlNode *n)
{
    const xmlNode *c = n->next;
    while (c && !(is(c, (const char *)n->name) && !is_viz(c)))
        c = c->next;
    return c;
}

/* The text of XML attribute `name` of `n` (in the tree), or NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a = xmlHasProp((xmlNode *)n, (const xmlChar *)name);
    if (a == NULL || a->children == NULL || a->children->type != XML_TEXT_NODE)
        return NULL;
    return (const char *)a->children->content;
}

/* The text of element `n` (its first text child), or NULL. */
static const char *text_of(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_TEXT_NODE)
            return (const char *)c->content;
    return NULL;
}

/* ---- values -------------------------------------------------------------- */

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

/* `text` as a JSON number, or NULL when it is not one (the text is
 * trimmed; '.' whatever the locale). */
static cJSON *number_of(const char *text)
{
    char buf[64];
    size_t n = strlen(text);
    while (n > 0 && strchr(" \n\t\r", text[n - 1]))
        n--;
    while (n > 0 && strchr(" \n\t\r", *text))
        text++, n--;
    if (n == 0 || n >= sizeof buf || !strchr("-0123456789.", text[0]))
        return NULL;
    snprintf(buf, sizeof buf, "%.*s", (int)n, text);
    cJSON *v = cJSON_ParseWithOpts(buf[0] == '.' ? buf : buf, NULL, 1);
    if (v != NULL && !cJSON_IsNumber(v))
        cJSON_Delete(v), v = NULL;
    return v;
}

/* `text` typed as `type`; NULL after reporting, at `p`, text not of the type. */
static cJSON *typed(gexf *G, value_type type, const char *text, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    cJSON *v = NULL;
    if (type == T_STRING)
        v = cJSON_CreateString(text);
    else if (type == T_BOOL && (strcmp(text, "true") == 0 || strcmp(text, "1") == 0))
        v = cJSON_CreateTrue();
    else if (type == T_BOOL && (strcmp(text, "false") == 0 || strcmp(text, "0") == 0))
        v = cJSON_CreateFalse();
    else if (type == T_NUMBER)
        v = number_of(text);
    if (v == NULL && type != T_STRING)
        pg_report_error(&G->R->report, &p, "expected %s, got %s", type == T_BOOL ? "true or false" : "a number",
                        pg_quote(q, text));
    return v;
}

/* Adds `v` (taken) as `key` of `obj` unless it has one. Returns false when
 * out of memory (reported). */
static bool put(gexf *G, cJSON *obj, const char *key, cJSON *v)
{
    if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL) {
        cJSON_Delete(v);
        return true;
    }
    if (v != NULL && cJSON_AddItemToObject(obj, key, v))
        return true;
    cJSON_Delete(v);
    return pg_report_oom(&G->R->report);
}

/* ---- declarations ---------------------------------------------------------- */

static bool declare(gexf *G, int d, const xmlNode *a)
{
    const char *type = attr(a, "type");
    decl x = { attr(a, "id"), attr(a, "title"), text_of(child(a, "default")), T_STRING };
    if (x.id == NULL)
        return true; /* nothing can refer to it */
    if (x.title == NULL)
        x.title = x.id;
    if (type && in_list(NUMBER_TYPES, type))
        x.type = T_NUMBER;
    else if (type && strcmp(type, "boolean") == 0)
        x.type = T_BOOL;
    if (PG_VEC_RESERVE(G->decls[d], 1) != 0)
        return pg_report_oom(&G->R->report);
    G->decls[d].items[G->decls[d].len++] = x;
    return true;
}

/* Every <attributes class="node|edge"> of the graph. */
static bool read_decls(gexf *G, const xmlNode *graph)
{
    bool go = true;
    for (const xmlNode *as = graph->children; as && go; as = as->next) {
        const char *cls = is(as, "attributes") ? attr(as, "class") : NULL;
        int d = cls && strcmp(cls, "edge") == 0 ? EDGES : NODES;
        for (const xmlNode *a = cls ? as->children : NULL; a && go; a = a->next)
            go = is(a, "attribute") ? declare(G, d, a) : true;
    }
    return go;
}

static const decl *find_decl(const gexf *G, int d, const char *id)
{
    for (size_t i = 0; id && i < G->decls[d].len; i++)
        if (strcmp(G->decls[d].items[i].id, id) == 0)
            return &G->decls[d].items[i];
    return NULL;
}

/* ---- one node or edge ------------------------------------------------------- */

/* One <attvalue> `v` (for|id, value) of a declared attribute. */
static bool attvalue(gexf *G, int d, const xmlNode *v, cJSON *obj, pg_jpath p)
{
    const char *id = attr(v, "for") ? attr(v, "for") : attr(v, "id"), *value = attr(v, "value");
    const decl *k = is(v, "attvalue") ? find_decl(G, d, id) : NULL;
    if (k == NULL || value == NULL)
        return true;
    if (cJSON_GetObjectItemCaseSensitive(obj, k->title) != NULL)
        pg_read_warn_once(G->R, "dynamic", &p, "an attribute with several values (\"%s\"): the first is kept",
                          k->title);
    cJSON *x = typed(G, k->type, value, pg_jpath_key(&p, k->title));
    return x ? put(G, obj, k->title, x) : !pg_report_stopped(&G->R->report);
}

/* Its <attvalues>, then the defaults of the attributes it has no value of. */
static bool attvalues(gexf *G, int d, const xmlNode *n, cJSON *obj, pg_jpath p)
{
    bool go = true;
    for (const xmlNode *v = child(child(n, "attvalues"), "attvalue"); v && go; v = next(v))
        go = attvalue(G, d, v, obj, p);
    for (size_t i = 0; i < G->decls[d].len && go; i++) {
        const decl *k = &G->decls[d].items[i];
        cJSON *x = k->fallback ? typed(G, k->type, k->fallback, pg_jpath_key(&p, k->title)) : NULL;
        go = x ? put(G, obj, k->title, x) : !k->fallback || !pg_report_stopped(&G->R->report);
    }
    return go;
}

/* viz:color, viz:position, viz:size, viz:thickness as viz_* numbers,
 * viz:shape as viz_shape. */
static bool viz(gexf *G, const xmlNode *n, cJSON *obj, pg_jpath p)
{
    bool go = true;
    for (const xmlNode *c = n->children; c && go && !G->own; c = c->next)
        for (size_t i = 0; i < sizeof VIZ / sizeof VIZ[0] && go; i++) {
            const char *text = is_viz(c) && is(c, VIZ[i].element) ? attr(c, VIZ[i].attr) : NULL;
            cJSON *x = text ? typed(G, VIZ[i].type, text, pg_jpath_key(&p, VIZ[i].key)) : NULL;
            if (x != NULL)
                pg_read_warn_once(G->R, "viz", NULL, "viz:color, viz:position, viz:size, viz:shape and viz:thickness "
                                  "are kept as viz_r, viz_g, viz_b, viz_a, viz_x, viz_y, viz_z, viz_size, viz_shape "
                                  "and viz_thickness");
            go = x ? put(G, obj, VIZ[i].key, x) : !text || !pg_report_stopped(&G->R->report);
        }
    return go;
}

/* A date text: a day (a time of day cut off), a month or a year. */
static bool put_date(gexf *G, cJSON *obj, const char *key, const char *text)
{
    size_t n = strcspn(text, "T ");
    char buf[64];
    snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : 0), text);
    return buf[0] ? put(G, obj, key, cJSON_CreateString(buf)) : true;
}

/* Widens [*start, *end] to hold `a` and `b` (dates compare as text:
 * ISO 8601 sorts so). */
static void widen(const char *a, const char *b, const char **start, const char **end)
{
    if (a && (*start == NULL || strcmp(a, *start) < 0))
        *start = a;
    if (b && (*end == NULL || strcmp(b, *end) > 0))
        *end = b;
}

/* The earliest start and the latest end of the element's spells and
 * timestamps (GEXF 1.3's <timestamps><timestamp value>). */
static void spells(const xmlNode *n, const char **start, const char **end)
{
    for (const xmlNode *s = child(child(n, "spells"), "spell"); s; s = next(s))
        widen(attr(s, "start") ? attr(s, "start") : attr(s, "timestamp"),
              attr(s, "end") ? attr(s, "end") : attr(s, "timestamp"), start, end);
    for (const xmlNode *t = child(child(n, "timestamps"), "timestamp"); t; t = next(t))
        widen(attr(t, "value"), attr(t, "value"), start, end);
    widen(attr(n, "timestamp"), attr(n, "timestamp"), start, end);
}

/* Does element `n` live on without an end: a `start` without an `end`,
 * or a spell without one? */
static bool open_ended(const xmlNode *n)
{
    if (attr(n, "start") && !attr(n, "end"))
        return true;
    for (const xmlNode *s = child(child(n, "spells"), "spell"); s; s = next(s))
        if (!attr(s, "end"))
            return true;
    return false;
}

/* An edge of partygraph's own whose relations share one date (`first`
 * is `last`) and which lives on without an end had a relation without
 * an end (a membership): it is read so, without `last` as its end. */
static void keep_open(const xmlNode *n, cJSON *obj)
{
    const cJSON *first = cJSON_GetObjectItemCaseSensitive(obj, "first");
    const cJSON *last = cJSON_GetObjectItemCaseSensitive(obj, "last");
    if (cJSON_IsString(first) && cJSON_IsString(last) && strcmp(first->valuestring, last->valuestring) == 0 &&
        open_ended(n))
        cJSON_DeleteItemFromObjectCaseSensitive(obj, "last");
}

/* `start` and `end` (or its spells) as `date` and `end`, unless it is
 * dated already (`date`, or partygraph's `first`: see keep_open). */
static bool dates(gexf *G, const xmlNode *n, cJSON *obj)
{
    const char *start = attr(n, "start") ? attr(n, "start") : attr(n, "startopen");
    const char *end = attr(n, "end") ? attr(n, "end") : attr(n, "endopen");
    if (cJSON_GetObjectItemCaseSensitive(obj, "first") && !cJSON_GetObjectItemCaseSensitive(obj, "date"))
        keep_open(n, obj);
    if (cJSON_GetObjectItemCaseSensitive(obj, "date") || cJSON_GetObjectItemCaseSensitive(obj, "first"))
        return true;
    spells(n, &start, &end);
    return (!start || put_date(G, obj, "date", start)) && (!end || put_date(G, obj, "end", end));
}

/* The attributes of node or edge `n` (d: NODES or EDGES); NULL after an
 * error in them (reported). */
static cJSON *attributes(gexf *G, int d, const xmlNode *n, pg_jpath p)
{
    cJSON *obj = cJSON_CreateObject();
    const char *label = attr(n, "label"), *weight = d == EDGES ? attr(n, "weight") : NULL;
    bool go = obj ? attvalues(G, d, n, obj, p) : pg_report_oom(&G->R->report);
    go = go && (!label || put(G, obj, "label", cJSON_CreateString(label)));
    go = go && (!weight || put(G, obj, "weight", typed(G, T_NUMBER, weight, pg_jpath_key(&p, "weight"))));
    go = go && viz(G, n, obj, p) && dates(G, n, obj);
    if (!go)
        cJSON_Delete(obj);
    return go ? obj : NULL;
}

/* ---- the graph --------------------------------------------------------------- */

/* Declares node `n` (number i), or, `read`, reads it. */
static bool node(gexf *G, const xmlNode *n, long i, bool read)
{
    pg_jpath p = pg_jpath_index(&NODE_PATH, i);
    cJSON *attrs = (G->R->line = xmlGetLineNo(n), attributes(G, NODES, n, p));
    bool go;
    if (read)
        go = attrs ? pg_read_node(G->R, (size_t)i, attrs, p) : !pg_report_stopped(&G->R->report);
    else
        go = pg_read_declare(G->R, attrs ? attr(n, "id") : NULL, attrs, p);
    cJSON_Delete(attrs);
    return go;
}

/* Declares every node, then reads each. */
static bool read_nodes(gexf *G, const xmlNode *nodes)
{
    bool go = true;
    long i = 0;
    for (const xmlNode *n = child(nodes, "node"); n && go; n = next(n), i++)
        go = node(G, n, i, false);
    i = 0;
    for (const xmlNode *n = child(nodes, "node"); n && go; n = next(n), i++)
        go = node(G, n, i, true);
    return go;
}

/* An edge's `type` that is not a GEXF edge kind (NetworkX writes an
 * edge's own `type` attribute there) as its relation type, one warning,
 * else its `kind` (GEXF 1.3) quietly; a directed edge, one warning.
 * Returns false when out of memory. */
static bool edge_type(gexf *G, const xmlNode *e, cJSON *attrs, pg_jpath p)
{
    static const char *const KINDS[] = { "directed", "undirected", "mutual", NULL };
    const char *type = attr(e, "type");
    if (type && strcmp(type, "directed") == 0)
        pg_read_warn_once(G->R, "directed", &p, "a directed edge: its direction is dropped (partygraph's network is "
                                                "undirected)");
    if (cJSON_GetObjectItemCaseSensitive(attrs, "type") != NULL)
        return true;
    if (type == NULL || in_list(KINDS, type))
        return !attr(e, "kind") || put(G, attrs, "type", cJSON_CreateString(attr(e, "kind"))); /* GEXF 1.3's */
    pg_read_warn_once(G->R, "gexf-type", &p, "an edge's `type` that is not a GEXF edge kind (directed, undirected, "
                                             "mutual) is read as its relation type, as NetworkX writes it");
    return put(G, attrs, "type", cJSON_CreateString(type));
}

static bool read_edge(gexf *G, const xmlNode *e, long i)
{
    pg_jpath p = pg_jpath_index(&EDGE_PATH, i);
    const char *source = attr(e, "source"), *target = attr(e, "target");
    G->R->line = xmlGetLineNo(e);
    if (source == NULL || target == NULL)
        return pg_report_error(&G->R->report, &p, "an <edge> without a %s", source ? "target" : "source");
    cJSON *attrs = attributes(G, EDGES, e, p);
    if (attrs && !edge_type(G, e, attrs, p))
        cJSON_Delete(attrs), attrs = NULL;
    bool go = attrs ? pg_read_edge(G->R, source, target, attrs, NULL, i, p) : !pg_report_stopped(&G->R->report);
    cJSON_Delete(attrs);
    return go;
}

/* A part_of tie from node `id` to its parent `parent` (edge number i). */
static bool parent_tie(gexf *G, const xmlNode *n, const char *id, const char *parent, long i, pg_jpath p)
{
    cJSON *attrs = cJSON_CreateObject();
    G->R->line = xmlGetLineNo(n);
    pg_read_warn_once(G->R, "parents", &p, "a node's parent (`pid`, <parents>) is read as a part_of tie to it, as "
                                           "GraphML's groups are");
    bool go = attrs ? pg_read_edge(G->R, id, parent, attrs, "part_of", i, p) : pg_report_oom(&G->R->report);
    cJSON_Delete(attrs);
    return go;
}

/* The hierarchy of GEXF 1.2 and 1.3: a node's `pid` and its <parents>
 * as part_of ties, numbered from edge number *i on. */
static bool read_parents(gexf *G, const xmlNode *nodes, long *i)
{
    bool go = true;
    long k = 0;
    for (const xmlNode *n = child(nodes, "node"); n && go; n = next(n), k++) {
        pg_jpath p = pg_jpath_index(&NODE_PATH, k);
        if (attr(n, "pid") && attr(n, "id"))
            go = parent_tie(G, n, attr(n, "id"), attr(n, "pid"), (*i)++, pg_jpath_key(&p, "pid"));
        for (const xmlNode *c = child(child(n, "parents"), "parent"); c && go && attr(n, "id"); c = next(c))
            go = !attr(c, "for") || parent_tie(G, c, attr(n, "id"), attr(c, "for"), (*i)++, pg_jpath_key(&p, "parents"));
    }
    return go;
}

static bool read_graph(gexf *G, const xmlNode *graph)
{
    const char *edgetype = attr(graph, "defaultedgetype");
    const xmlNode *edges = child(graph, "edges");
    G->R->line = xmlGetLineNo(graph);
    if (edgetype && strcmp(edgetype, "directed") == 0)
        pg_read_warn_once(G->R, "directed", &GRAPH_PATH, "a directed graph: edge directions are dropped "
                                                         "(partygraph's network is undirected)");
    bool go = read_decls(G, graph) && read_nodes(G, child(graph, "nodes"));
    long i = 0;
    for (const xmlNode *e = child(edges, "edge"); e && go; e = next(e), i++)
        go = read_edge(G, e, i);
    return go && read_parents(G, child(graph, "nodes"), &i);
}

/* The description's text after its first paragraph (the title, when the
 * file has no <title>: partygraph writes them so) as the dataset's. */
static bool describe(gexf *G, const char *text)
{
    const char *rest = strstr(text, "\n\n");
    pg_dataset *ds = G->R->L.ds;
    if (rest == NULL || ds->description[0] != '\0')
        return true;
    ds->description = pg_arena_strdup(&ds->arena, rest + 2);
    return ds->description ? true : pg_report_oom(&G->R->report);
}

/* The document's <meta>: partygraph's own file; its <title>, else the
 * first paragraph of its <description>, is the title. */
static bool read_meta(gexf *G, const xmlNode *root)
{
    const xmlNode *meta = child(root, "meta");
    const char *creator = text_of(child(meta, "creator")), *title = text_of(child(meta, "title"));
    const char *description = text_of(child(meta, "description"));
    G->own = creator != NULL && strncmp(creator, "partygraph", 10) == 0;
    pg_read_note_creator(G->R, creator);
    const char *from = title ? title : description;
    cJSON *t = from ? cJSON_CreateString(from) : NULL;
    char *cut = t && !title ? strstr(t->valuestring, "\n\n") : NULL;
    if (cut != NULL)
        *cut = '\0';
    bool go = from == NULL || (t ? pg_read_title(G->R, t) : pg_report_oom(&G->R->report));
    cJSON_Delete(t);
    return go && (title || !description || describe(G, description));
}

/* libxml2 refused the text: out of memory, or its first error at its
 * line:column. */
static bool xml_failed(gexf *G, pg_xml_errors *x)
{
    char message[512];
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    if (pg_xml_errors_oom(x))
        return pg_report_oom(&G->R->report);
    pg_strbuf_printf(&b, "XML: ");
    pg_xml_errors_message(x, &b);
    if (x->first.code == XML_ERR_OK)
        return pg_report_error(&G->R->report, NULL, "%s", message);
    return pg_report_error_at(&G->R->report, x->first.line, x->first.int2, "%s", message);
}

static bool read_document(gexf *G, const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL || !is(root, "gexf"))
        return pg_report_error(&G->R->report, NULL, "the root element is not <gexf>: this is not GEXF");
    const xmlNode *graph = child(root, "graph");
    if (graph == NULL)
        return pg_report_error(&G->R->report, &GEXF_PATH, "no <graph> element");
    return read_meta(G, root) && read_graph(G, graph);
}

bool pg_read_gexf(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    if (len > INT_MAX)
        return pg_report_error(&R->report, NULL, "a GEXF file of more than 2 GB cannot be read");
    pg_xml_errors x;
    gexf G = { .R = R };
    pg_xml_errors_begin(&x);
    xmlDoc *doc = xmlReadMemory(text, (int)len, NULL, NULL, OPTIONS);
    bool go = doc && !pg_xml_errors_any(&x) ? read_document(&G, doc) : xml_failed(&G, &x);
    xmlFreeDoc(doc);
    pg_xml_errors_end(&x);
    free(G.decls[NODES].items);
    free(G.decls[EDGES].items);
    R->line = 0;
    return go;
}
