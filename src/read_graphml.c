/* read_graphml.c - GraphML (graphml.graphdrawing.org) as Gephi, NetworkX,
 * igraph and partygraph write it, read with libxml2's xmlReader (no
 * network, no entity expansion) one element at a time: a node or edge is
 * expanded alone, and only its attributes are kept until the graph has been
 * read (an edge may come before its nodes). A `<key>` names an attribute (`attr.name`, else its
 * id) and types it (`attr.type`: int and long, float and double are
 * numbers, boolean true/false/1/0, anything else a string); its
 * `<default>` applies to nodes or edges without that `<data>`. One `<graph>`
 * is read; hyperedges and graphs nested in nodes are errors, ports are
 * ignored with a warning, and elements of other namespaces (Gephi's viz,
 * yEd's) are ignored. Problems name the element's line and its path, such
 * as graphml/graph/edge[3]/weight. */
#include <limits.h>
#include <math.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "read.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

typedef enum key_type { T_STRING, T_INT, T_DOUBLE, T_BOOL } key_type;

enum { FOR_NODE = 1, FOR_EDGE = 2, FOR_GRAPH = 4 };

/* graphml, graphml/graph and its elements: static, so that paths built on
 * them may be returned */
static const pg_jpath GRAPHML_PATH = { NULL, "graphml", 0, 1 };
static const pg_jpath GRAPH_PATH = { &GRAPHML_PATH, "graph", 0, 2 };
static const pg_jpath NODE_PATH = { &GRAPH_PATH, "node", 0, 3 };
static const pg_jpath EDGE_PATH = { &GRAPH_PATH, "edge", 0, 3 };

typedef struct key {
    const char *id, *name, *fallback; /* fallback: the <default>, or NULL */
    key_type type;
    unsigned domain;
} key;

/* A <node> or <edge>, kept until the whole graph has been read. */
typedef struct pending {
    const char *id, *source, *target;
    cJSON *attrs; /* NULL after an error in them */
    long line, index;
} pending;

typedef struct graphml {
    pg_reader *R;
    PG_VEC(key) keys;
    int graphs;
    PG_VEC(pending) nodes, edges;
} graphml;

/* Is `n` a GraphML element (no namespace or GraphML's) named `name`? */
static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name) &&
           (n->ns == NULL || xmlStrEqual(n->ns->href, (const xmlChar *)GRAPHML_NS));
}

/* The attribute `name` of `n` copied into the dataset's arena, or NULL. */
static const char *prop(graphml *G, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    const char *copy = v ? pg_arena_strdup(&G->R->L.ds->arena, (const char *)v) : NULL;
    xmlFree(v);
    return copy;
}

/* The text of `n`, copied into the arena ("" when empty). */
static const char *text_of(graphml *G, const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    const char *copy = pg_arena_strdup(&G->R->L.ds->arena, v ? (const char *)v : "");
    xmlFree(v);
    return copy;
}

static void at(graphml *G, const xmlNode *n)
{
    G->R->line = xmlGetLineNo(n);
}

/* ---- keys ------------------------------------------------------------- */

static key_type type_of(const char *t)
{
    if (t && (strcmp(t, "int") == 0 || strcmp(t, "long") == 0))
        return T_INT;
    if (t && (strcmp(t, "float") == 0 || strcmp(t, "double") == 0))
        return T_DOUBLE;
    return t && strcmp(t, "boolean") == 0 ? T_BOOL : T_STRING;
}

static unsigned domain_of(const char *f)
{
    if (f == NULL || strcmp(f, "all") == 0)
        return FOR_NODE | FOR_EDGE | FOR_GRAPH;
    if (strcmp(f, "node") == 0 || strcmp(f, "edge") == 0)
        return f[0] == 'n' ? FOR_NODE : FOR_EDGE;
    return strcmp(f, "graph") == 0 ? FOR_GRAPH : 0;
}

static bool read_key(graphml *G, const xmlNode *n, long i)
{
    pg_jpath kp = pg_jpath_key(&GRAPHML_PATH, "key"), p = pg_jpath_index(&kp, i);
    key k = { prop(G, n, "id"), prop(G, n, "attr.name"), NULL, type_of(prop(G, n, "attr.type")),
              domain_of(prop(G, n, "for")) };
    at(G, n);
    if (k.id == NULL)
        return pg_report_error(&G->R->report, &p, "a <key> without an id");
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, "default"))
            k.fallback = text_of(G, c);
    if (k.name == NULL || k.name[0] == '\0')
        k.name = k.id;
    if (PG_VEC_RESERVE(G->keys, 1) != 0)
        return pg_report_oom(&G->R->report);
    G->keys.items[G->keys.len++] = k;
    return true;
}

static const key *find_key(const graphml *G, const char *id)
{
    for (size_t i = 0; id && i < G->keys.len; i++)
        if (strcmp(G->keys.items[i].id, id) == 0)
            return &G->keys.items[i];
    return NULL;
}

/* ---- values ------------------------------------------------------------- */

/* Is `text` `word` in any case ("True" as NetworkX writes it)? */
static bool word_is(const char *text, const char *word)
{
    for (; *word; text++, word++)
        if (*text != *word && *text != *word - 'a' + 'A')
            return false;
    return *text == '\0';
}

/* `text` as key k's type says; NULL after reporting text that is not of
 * that type (or out of memory). */
static cJSON *typed(graphml *G, const key *k, const char *text, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    if (k->type == T_STRING)
        return cJSON_CreateString(text);
    if (k->type == T_BOOL) {
        bool t = word_is(text, "true") || strcmp(text, "1") == 0, f = word_is(text, "false") || strcmp(text, "0") == 0;
        if (t || f)
            return cJSON_CreateBool(t);
        pg_report_error(&G->R->report, &p, "expected true or false (key \"%s\" is boolean), got %s", k->id,
                        pg_quote(q, text));
        return NULL;
    }
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t' || text[n - 1] == '\r'))
        n--;
    while (n > 0 && (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r'))
        text++, n--;
    char number[64];
    snprintf(number, sizeof number, "%.*s", (int)(n < sizeof number ? n : 0), text);
    cJSON *v = cJSON_ParseWithOpts(number, NULL, 1); /* a JSON number: '.' whatever the locale */
    bool whole = cJSON_IsNumber(v) && fabs(v->valuedouble) < 9e15 && v->valuedouble == floor(v->valuedouble);
    if (cJSON_IsNumber(v) && (k->type == T_DOUBLE || whole))
        return v;
    cJSON_Delete(v);
    const char *want = k->type == T_INT ? "an integer" : "a number";
    pg_report_error(&G->R->report, &p, "expected %s (key \"%s\" is %s), got %s", want, k->id, want, pg_quote(q, text));
    return NULL;
}

/* Sets attribute `name` of `attrs` to `v` (replacing a default). */
static bool put(graphml *G, cJSON *attrs, const char *name, cJSON *v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(attrs, name);
    if (v == NULL || !cJSON_AddItemToObject(attrs, name, v)) {
        cJSON_Delete(v);
        return pg_report_oom(&G->R->report);
    }
    return true;
}

/* The attributes of a node, edge or graph element (domain `domain`):
 * the keys' defaults, then its <data>. NULL after reporting an error
 * (*go: whether loading may go on). */
static cJSON *attributes(graphml *G, const xmlNode *n, unsigned domain, pg_jpath p, bool *go)
{
    cJSON *attrs = cJSON_CreateObject();
    size_t errors = G->R->report.errors;
    *go = attrs ? true : pg_report_oom(&G->R->report);
    for (size_t i = 0; *go && i < G->keys.len; i++) {
        const key *k = &G->keys.items[i];
        if ((k->domain & domain) && k->fallback != NULL) {
            cJSON *v = typed(G, k, k->fallback, pg_jpath_key(&p, k->name));
            *go = v ? put(G, attrs, k->name, v) : !pg_report_stopped(&G->R->report);
        }
    }
    for (const xmlNode *c = n->children; *go && c; c = c->next) {
        if (!is(c, "data"))
            continue;
        const char *id = prop(G, c, "key");
        const key *k = find_key(G, id);
        char q[PG_QUOTE_SIZE];
        pg_jpath dp = pg_jpath_key(&p, k ? k->name : "data");
        at(G, c);
        if (k == NULL || !(k->domain & domain)) {
            *go = pg_report_error(&G->R->report, &dp, "<data> of %s key %s", k ? "another element's" : "an undeclared",
                                  pg_quote(q, id ? id : ""));
            continue;
        }
        cJSON *v = typed(G, k, text_of(G, c), dp);
        *go = v ? put(G, attrs, k->name, v) : !pg_report_stopped(&G->R->report);
    }
    if (!*go || G->R->report.errors > errors) {
        cJSON_Delete(attrs);
        return NULL;
    }
    return attrs;
}

/* ---- nodes and edges ------------------------------------------------------ */

/* What a node may not hold: a nested graph (an error) or ports (ignored). */
static bool node_children(graphml *G, const xmlNode *n, pg_jpath p)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        at(G, c);
        if (is(c, "graph"))
            return pg_report_error(&G->R->report, &p, "a graph nested in a node: partygraph reads flat graphs only");
        if (is(c, "port"))
            pg_read_warn_once(G->R, "port", &p, "ports are ignored (edges join their nodes)");
    }
    at(G, n);
    return true;
}

/* graphml/graph/node[index] or .../edge[index] (parents static: safe to
 * return). */
static pg_jpath element_path(const char *name, long index)
{
    return pg_jpath_index(strcmp(name, "node") == 0 ? &NODE_PATH : &EDGE_PATH, index);
}

/* Keeps a <node> or <edge> (its attributes NULL after an error in them)
 * until the whole graph has been read. */
static bool keep(graphml *G, const xmlNode *n, bool node)
{
    pending e = { NULL, NULL, NULL, NULL, xmlGetLineNo(n), node ? (long)G->nodes.len : (long)G->edges.len };
    pg_jpath p = element_path(node ? "node" : "edge", e.index);
    bool go = true;
    at(G, n);
    if (node) {
        e.id = prop(G, n, "id");
    } else {
        e.source = prop(G, n, "source");
        e.target = prop(G, n, "target");
    }
    bool whole = node ? e.id != NULL : e.source != NULL && e.target != NULL; /* its required attributes */
    if (!whole && node)
        go = pg_report_error(&G->R->report, &p, "a <node> without an id");
    else if (!whole)
        go = pg_report_error(&G->R->report, &p, "an <edge> without a %s", e.source ? "target" : "source");
    if (go && whole && (!node || node_children(G, n, p)))
        e.attrs = attributes(G, n, node ? FOR_NODE : FOR_EDGE, p, &go);
    if (PG_VEC_RESERVE(G->nodes, 1) != 0 || PG_VEC_RESERVE(G->edges, 1) != 0) {
        cJSON_Delete(e.attrs);
        return pg_report_oom(&G->R->report);
    }
    if (node)
        G->nodes.items[G->nodes.len++] = e;
    else
        G->edges.items[G->edges.len++] = e;
    return !pg_report_stopped(&G->R->report);
}

/* Once the graph is read: every node declared, then read, then every
 * edge (an edge may name a node that comes after it). */
static bool translate(graphml *G)
{
    bool go = true;
    for (size_t i = 0; i < G->nodes.len && go; i++) {
        G->R->line = G->nodes.items[i].line;
        go = pg_read_declare(G->R, G->nodes.items[i].id, G->nodes.items[i].attrs, element_path("node", (long)i));
    }
    for (size_t i = 0; i < G->nodes.len && go; i++) {
        G->R->line = G->nodes.items[i].line;
        go = pg_read_node(G->R, i, G->nodes.items[i].attrs, element_path("node", (long)i));
    }
    for (size_t i = 0; i < G->edges.len && go; i++) {
        const pending *e = &G->edges.items[i];
        G->R->line = e->line;
        if (e->attrs != NULL && e->source != NULL && e->target != NULL)
            go = pg_read_edge(G->R, e->source, e->target, e->attrs, NULL, (long)i, element_path("edge", (long)i));
    }
    return go;
}

/* A <data> of the graph itself: a `title` or `name` is the title. */
static bool graph_data(graphml *G, const xmlNode *n)
{
    const pg_jpath gp = GRAPH_PATH;
    const key *k = find_key(G, prop(G, n, "key"));
    at(G, n);
    if (k == NULL || !(k->domain & FOR_GRAPH) || (strcmp(k->name, "title") != 0 && strcmp(k->name, "name") != 0))
        return true;
    cJSON *v = typed(G, k, text_of(G, n), pg_jpath_key(&gp, k->name));
    bool go = v ? pg_read_title(G->R, v) : !pg_report_stopped(&G->R->report);
    cJSON_Delete(v);
    return go;
}

/* The <graph> element's own attribute edgedefault; a second graph is an
 * error. */
static bool graph_start(graphml *G, xmlTextReader *r)
{
    const pg_jpath rp = GRAPHML_PATH, gp = GRAPH_PATH;
    G->R->line = xmlGetLineNo(xmlTextReaderCurrentNode(r));
    if (G->graphs++ > 0)
        return pg_report_error(&G->R->report, &rp, "more than one <graph>: partygraph reads one"), false;
    xmlChar *dflt = xmlTextReaderGetAttribute(r, (const xmlChar *)"edgedefault");
    if (dflt && xmlStrEqual(dflt, (const xmlChar *)"directed"))
        pg_read_warn_once(G->R, "directed", &gp, "a directed graph: edge directions are dropped (partygraph's "
                                                 "network is undirected)");
    xmlFree(dflt);
    return true;
}

/* One element of the stream at `depth`: the root, a key, the graph, or
 * what the graph holds (read whole). *skip: the caller is to pass over
 * the element's content rather than descend into it. */
static bool element(graphml *G, xmlTextReader *r, int depth, bool *skip)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
    bool ours = ns == NULL || xmlStrEqual(ns, (const xmlChar *)GRAPHML_NS);
    const char *name = (const char *)xmlTextReaderConstLocalName(r);
    const pg_jpath gp = GRAPH_PATH;
    *skip = depth >= 1 && !(depth == 1 && ours && strcmp(name, "graph") == 0);
    G->R->line = xmlGetLineNo(xmlTextReaderCurrentNode(r));
    if (depth == 0 && !(ours && strcmp(name, "graphml") == 0))
        return pg_report_error(&G->R->report, NULL, "the root element is <%s>, not <graphml>: this is not GraphML",
                               name), false;
    if (depth == 1 && ours && strcmp(name, "graph") == 0)
        return graph_start(G, r);
    if (!ours || depth != 1 + (G->graphs > 0) || (depth == 1 && strcmp(name, "key") != 0))
        return true; /* other namespaces, descriptions, data of the document */
    xmlNode *n = xmlTextReaderExpand(r);
    if (n == NULL)
        return false; /* a syntax error: reported by the caller */
    if (depth == 1)
        return read_key(G, n, (long)G->keys.len);
    at(G, n);
    if (is(n, "hyperedge"))
        return pg_report_error(&G->R->report, &gp, "a <hyperedge>: partygraph reads edges between two nodes only");
    if (is(n, "node") || is(n, "edge"))
        return keep(G, n, is(n, "node"));
    return is(n, "data") ? graph_data(G, n) : true;
}

/* libxml2 calls this for each problem; the first is kept (later ones
 * follow from it). */
static void keep_first(void *userdata, xmlError *e)
{
    xmlError *first = userdata;
    if (first->code == XML_ERR_OK)
        xmlCopyError(e, first);
}

/* libxml2's first reason for failing, with its line and column. */
static bool syntax_error(pg_reader *R, const xmlError *e)
{
    if (e->message == NULL)
        return pg_report_error(&R->report, NULL, "not well-formed XML");
    size_t n = strlen(e->message);
    while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
        n--;
    R->line = 0;
    return pg_report_error_at(&R->report, e->line, e->int2, "XML: %.*s", (int)n, e->message);
}

/* Reads the document element by element: the keys, and the nodes and
 * edges (each held only as its attributes), then translates them. */
static bool walk(graphml *G, xmlTextReader *r, const xmlError *first)
{
    bool go = true, skip = false;
    int more = xmlTextReaderRead(r);
    for (; more == 1 && go; more = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r)) {
        skip = false;
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
            go = element(G, r, xmlTextReaderDepth(r), &skip);
    }
    if (first->code != XML_ERR_OK || more < 0)
        return syntax_error(G->R, first), false;
    pg_jpath rp = pg_jpath_key(&PG_JPATH_ROOT, "graphml");
    if (go && G->graphs == 0)
        return pg_report_error(&G->R->report, &rp, "no <graph> element");
    return go && translate(G);
}

bool pg_read_graphml(pg_reader *R, const char *text, size_t len)
{
    if (len > INT_MAX)
        return pg_report_error(&R->report, NULL, "a GraphML file of more than 2 GB cannot be read");
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
                  XML_PARSE_NOBLANKS | XML_PARSE_COMPACT;
    xmlTextReader *r = xmlReaderForMemory(text, (int)len, NULL, NULL, options);
    xmlError first = { 0 };
    graphml G = { R, { NULL, 0, 0 }, 0, { NULL, 0, 0 }, { NULL, 0, 0 } };
    if (r != NULL)
        xmlTextReaderSetStructuredErrorHandler(r, keep_first, &first);
    bool go = r ? walk(&G, r, &first) : pg_report_oom(&R->report);
    for (size_t i = 0; i < G.nodes.len; i++)
        cJSON_Delete(G.nodes.items[i].attrs);
    for (size_t i = 0; i < G.edges.len; i++)
        cJSON_Delete(G.edges.items[i].attrs);
    free(G.nodes.items);
    free(G.edges.items);
    free(G.keys.items);
    xmlResetError(&first);
    xmlFreeTextReader(r);
    return go;
}
