/* read_graphml.c - GraphML (graphml.graphdrawing.org) as Gephi, NetworkX,
 * igraph and partygraph write it, read with libxml2 (no network, no
 * entity expansion). A `<key>` names an attribute (`attr.name`, else its
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
#include <string.h>

#include "read.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

typedef enum key_type { T_STRING, T_INT, T_DOUBLE, T_BOOL } key_type;

enum { FOR_NODE = 1, FOR_EDGE = 2, FOR_GRAPH = 4 };

typedef struct key {
    const char *id, *name, *fallback; /* fallback: the <default>, or NULL */
    key_type type;
    unsigned domain;
} key;

typedef struct graphml {
    pg_reader *R;
    PG_VEC(key) keys;
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
    pg_jpath p = pg_jpath_index(pg_jpath_key(pg_jpath_key(PG_JPATH_ROOT, "graphml"), "key"), i);
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
            cJSON *v = typed(G, k, k->fallback, pg_jpath_key(p, k->name));
            *go = v ? put(G, attrs, k->name, v) : !pg_report_stopped(&G->R->report);
        }
    }
    for (const xmlNode *c = n->children; *go && c; c = c->next) {
        if (!is(c, "data"))
            continue;
        const char *id = prop(G, c, "key");
        const key *k = find_key(G, id);
        char q[PG_QUOTE_SIZE];
        pg_jpath dp = pg_jpath_key(p, k ? k->name : "data");
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

/* Declares (`declare`) or reads every node of `graph`. */
static bool nodes(graphml *G, const xmlNode *graph, pg_jpath gp, bool declare)
{
    bool go = true;
    long i = 0;
    for (const xmlNode *n = graph->children; n && go; n = n->next) {
        if (!is(n, "node"))
            continue;
        pg_jpath p = pg_jpath_index(pg_jpath_key(gp, "node"), i);
        const char *id = prop(G, n, "id");
        at(G, n);
        if (!declare && !G->R->decls.items[i++].usable)
            continue; /* its problems were reported when it was declared */
        if (declare && id == NULL)
            pg_report_error(&G->R->report, &p, "a <node> without an id");
        cJSON *attrs = !declare || node_children(G, n, p) ? attributes(G, n, FOR_NODE, p, &go) : NULL;
        at(G, n);
        if (declare)
            go = go && pg_read_declare(G->R, id, attrs, p);
        else if (attrs)
            go = pg_read_node(G->R, (size_t)(i - 1), attrs, p);
        cJSON_Delete(attrs);
        i += declare;
    }
    return go && !pg_report_stopped(&G->R->report);
}

static bool edges(graphml *G, const xmlNode *graph, pg_jpath gp)
{
    bool go = true;
    long i = 0;
    for (const xmlNode *n = graph->children; n && go; n = n->next) {
        if (!is(n, "edge"))
            continue;
        pg_jpath p = pg_jpath_index(pg_jpath_key(gp, "edge"), i);
        const char *source = prop(G, n, "source"), *target = prop(G, n, "target");
        at(G, n);
        if (source == NULL || target == NULL) {
            go = pg_report_error(&G->R->report, &p, "an <edge> without a %s", source ? "target" : "source");
        } else {
            cJSON *attrs = attributes(G, n, FOR_EDGE, p, &go);
            at(G, n);
            if (attrs)
                go = pg_read_edge(G->R, source, target, attrs, NULL, i, p);
            cJSON_Delete(attrs);
        }
        i++;
    }
    return go;
}

/* The graph's own attributes: a title, and edgedefault. */
static bool graph_header(graphml *G, const xmlNode *graph, pg_jpath gp)
{
    const char *dflt = prop(G, graph, "edgedefault");
    bool go = true;
    at(G, graph);
    if (dflt && strcmp(dflt, "directed") == 0)
        pg_read_warn_once(G->R, "directed", &gp, "a directed graph: edge directions are dropped (partygraph's "
                                                 "network is undirected)");
    for (const xmlNode *c = graph->children; c && go; c = c->next) {
        at(G, c);
        if (is(c, "hyperedge"))
            return pg_report_error(&G->R->report, &gp, "a <hyperedge>: partygraph reads edges between two nodes only");
    }
    cJSON *attrs = attributes(G, graph, FOR_GRAPH, gp, &go);
    if (attrs)
        go = pg_read_title(G->R, cJSON_GetObjectItemCaseSensitive(attrs, "title")) &&
             pg_read_title(G->R, cJSON_GetObjectItemCaseSensitive(attrs, "name"));
    cJSON_Delete(attrs);
    return go;
}

/* The keys and the one graph of <graphml> `root`. */
static bool read_root(graphml *G, const xmlNode *root)
{
    pg_jpath rp = pg_jpath_key(PG_JPATH_ROOT, "graphml");
    const xmlNode *graph = NULL;
    long nkeys = 0;
    bool go = true;
    at(G, root);
    if (!is(root, "graphml"))
        return pg_report_error(&G->R->report, NULL, "the root element is <%s>, not <graphml>: this is not GraphML",
                               (const char *)root->name);
    for (const xmlNode *c = root->children; c && go; c = c->next) {
        if (is(c, "key"))
            go = read_key(G, c, nkeys++);
        else if (is(c, "graph") && graph != NULL)
            return at(G, c), pg_report_error(&G->R->report, &rp, "more than one <graph>: partygraph reads one");
        else if (is(c, "graph"))
            graph = c;
    }
    if (graph == NULL)
        return go && pg_report_error(&G->R->report, &rp, "no <graph> element");
    pg_jpath gp = pg_jpath_key(rp, "graph");
    return go && graph_header(G, graph, gp) && nodes(G, graph, gp, true) && nodes(G, graph, gp, false) &&
           edges(G, graph, gp);
}

/* libxml2 calls this for each problem; the first is kept (later ones
 * follow from it). */
static void keep_first(void *userdata, xmlError *e)
{
    xmlError *first = ((xmlParserCtxt *)userdata)->_private;
    if (first->code == XML_ERR_OK)
        xmlCopyError(e, first);
}

/* libxml2's first reason for failing, with its line and column. */
static bool syntax_error(pg_reader *R, xmlParserCtxt *ctxt, const xmlError *e)
{
    if (e->code == XML_ERR_OK || e->message == NULL)
        return ctxt ? pg_report_error(&R->report, NULL, "not well-formed XML") : pg_report_oom(&R->report);
    size_t n = strlen(e->message);
    while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
        n--;
    return pg_report_error_at(&R->report, e->line, e->int2, "XML: %.*s", (int)n, e->message);
}

bool pg_read_graphml(pg_reader *R, const char *text, size_t len)
{
    if (len > INT_MAX)
        return pg_report_error(&R->report, NULL, "a GraphML file of more than 2 GB cannot be read");
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    xmlError first = { 0 };
    if (ctxt != NULL) {
        ctxt->_private = &first;
        ctxt->sax->serror = keep_first;
    }
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
                  XML_PARSE_NOBLANKS | XML_PARSE_COMPACT;
    xmlDoc *doc = ctxt ? xmlCtxtReadMemory(ctxt, text, (int)len, NULL, NULL, options) : NULL;
    graphml G = { R, { NULL, 0, 0 } };
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    bool go = root ? read_root(&G, root) : (syntax_error(R, ctxt, &first), false);
    xmlResetError(&first);
    free(G.keys.items);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return go;
}
