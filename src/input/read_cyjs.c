/* read_cyjs.c - Cytoscape.js elements JSON, as Cytoscape.js (cy.json()),
 * Cytoscape's export, NetworkX's cytoscape_data and partygraph's own
 * graph.cyjs write it: {"data": {...}, "directed", "multigraph",
 * "elements": {"nodes": [{"data": {"id", ...}, "position"}], "edges":
 * [{"data": {"source", "target", ...}}]}}, or the elements as one array
 * (under "elements", or the whole input), where an element is an edge when
 * its "group" is "edges" or, without a group, its data has a "source".
 * An element's "data" is what is read: a node's "id" is its id, every
 * other member an attribute (read_map.c says how), but "value" when it is
 * the id again (NetworkX's node key: left out quietly); an edge's
 * "source" and "target" name nodes by id. The element's other members
 * (position, group, classes, selected) are the drawing's and are not read.
 * The title is the graph data's "name" or "title" (an object, or NetworkX
 * 2's array of [key, value] pairs), its "description" the description;
 * its other members are not read (one warning). */
#include <string.h>

#include "input/reader.h"

enum { ID_TEXT = 64 };

/* The elements of one array that a pass reads: all, or nodes or edges. */
typedef enum only { ALL, NODES, EDGES } only;

typedef struct list {
    cJSON *array;
    pg_jpath path;
    only only;
} list;

/* Is element `el` an edge (see the top)? */
static bool is_edge(const cJSON *el)
{
    const cJSON *group = cJSON_GetObjectItemCaseSensitive(el, "group");
    if (cJSON_IsString(group))
        return strcmp(group->valuestring, "edges") == 0;
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(el, "data"), "source") != NULL;
}

static bool wanted(const list *l, const cJSON *el)
{
    return l->only == ALL || !cJSON_IsObject(el) || is_edge(el) == (l->only == EDGES);
}

/* The "data" object of element `el` (at p), or NULL after an error. */
static cJSON *data_of(pg_reader *R, cJSON *el, pg_jpath p)
{
    cJSON *data = cJSON_IsObject(el) ? cJSON_GetObjectItemCaseSensitive(el, "data") : NULL;
    if (!cJSON_IsObject(el))
        pg_read_wrong(R, el, p, "an element object");
    else if (!cJSON_IsObject(data))
        pg_read_wrong(R, data, pg_jpath_key(&p, "data"), "a \"data\" object");
    return cJSON_IsObject(data) ? data : NULL;
}

/* Drops a node's "value" when it is its id again (NetworkX's key). */
static void drop_value(pg_reader *R, cJSON *data, const char *id, pg_jpath p)
{
    char buf[ID_TEXT];
    cJSON *value = cJSON_GetObjectItemCaseSensitive(data, "value");
    if (!cJSON_IsString(value) && !cJSON_IsNumber(value))
        return;
    const char *text = pg_read_id_text(R, value, pg_jpath_key(&p, "value"), buf, sizeof buf);
    if (text != NULL && strcmp(text, id) == 0)
        cJSON_DeleteItemFromObjectCaseSensitive(data, "value");
}

/* Declares each node of `l`, at its place; returns "go on". */
static bool declare_nodes(pg_reader *R, const list *l)
{
    char buf[ID_TEXT];
    bool go = true;
    long i = 0;
    for (cJSON *el = l->array->child; el && go; el = el->next, i++) {
        if (!wanted(l, el))
            continue;
        pg_jpath p = pg_jpath_index(&l->path, i), d = pg_jpath_key(&p, "data");
        cJSON *data = data_of(R, el, p);
        const char *id = data ? pg_read_member_id(R, data, "id", d, buf, sizeof buf) : NULL;
        if (id != NULL)
            drop_value(R, data, id, d);
        go = pg_read_declare(R, id, data, d);
    }
    return go;
}

/* Reads the nodes of `l` declared before (from number `first` on). */
static bool read_nodes(pg_reader *R, const list *l, size_t first)
{
    bool go = true;
    long i = 0;
    size_t n = first;
    for (cJSON *el = l->array->child; el && go; el = el->next, i++) {
        if (!wanted(l, el))
            continue;
        pg_jpath p = pg_jpath_index(&l->path, i);
        go = pg_read_node(R, n++, cJSON_GetObjectItemCaseSensitive(el, "data"), pg_jpath_key(&p, "data"));
    }
    return go;
}

/* Reads edge element `el`, number `i`, at p; returns "go on". */
static bool read_edge(pg_reader *R, cJSON *el, long i, pg_jpath p)
{
    char s[ID_TEXT], t[ID_TEXT];
    cJSON *data = data_of(R, el, p);
    pg_jpath d = pg_jpath_key(&p, "data");
    if (data == NULL)
        return !pg_report_stopped(&R->report);
    const char *source = pg_read_member_id(R, data, "source", d, s, sizeof s);
    const char *target = pg_read_member_id(R, data, "target", d, t, sizeof t);
    return source && target ? pg_read_edge(R, source, target, data, NULL, i, d) : !pg_report_stopped(&R->report);
}

static bool read_edges(pg_reader *R, const list *l)
{
    bool go = true;
    long i = 0;
    for (cJSON *el = l->array->child; el && go; el = el->next, i++)
        if (wanted(l, el))
            go = read_edge(R, el, i, pg_jpath_index(&l->path, i));
    return go;
}

/* The array at `v` (named by p) as a list of `only`; false after an error
 * when it is neither an array nor absent. */
static bool list_of(pg_reader *R, cJSON *v, pg_jpath p, only only, list *out)
{
    *out = (list){ cJSON_IsArray(v) ? v : NULL, p, only };
    return v == NULL || cJSON_IsArray(v) || pg_read_wrong(R, v, p, "an array");
}

/* Finds the node and edge lists: {"elements": {"nodes", "edges"}},
 * {"elements": [...]} or [...]. Returns "go on". */
static bool lists(pg_reader *R, cJSON *root, pg_jpath *ep, list *nodes, list *edges)
{
    char got[PG_QUOTE_SIZE];
    cJSON *elements = cJSON_IsArray(root) ? root : cJSON_GetObjectItemCaseSensitive(root, "elements");
    if (cJSON_IsArray(elements))
        return list_of(R, elements, *ep, NODES, nodes) && list_of(R, elements, *ep, EDGES, edges);
    if (!cJSON_IsObject(elements))
        return pg_report_error(&R->report, NULL, "no \"elements\": this is not Cytoscape.js JSON (got %s)",
                               elements ? pg_schema_describe(elements, got, sizeof got) : "nothing");
    return list_of(R, cJSON_GetObjectItemCaseSensitive(elements, "nodes"), pg_jpath_key(ep, "nodes"), ALL, nodes) &&
           list_of(R, cJSON_GetObjectItemCaseSensitive(elements, "edges"), pg_jpath_key(ep, "edges"), ALL, edges);
}

/* The graph attribute `key` of the graph's `data`: an object's member,
 * or of an array of [key, value] pairs (NetworkX 2's), the pair's value. */
static const cJSON *graph_attr(const cJSON *data, const char *key)
{
    if (!cJSON_IsArray(data))
        return cJSON_GetObjectItemCaseSensitive(data, key);
    for (const cJSON *pair = data->child; pair; pair = pair->next)
        if (cJSON_GetArraySize(pair) == 2 && cJSON_IsString(pair->child) && strcmp(pair->child->valuestring, key) == 0)
            return pair->child->next;
    return NULL;
}

/* Reads the graph's data, its nodes, then its edges. */
static bool read_graph(pg_reader *R, cJSON *root, const list *nodes, const list *edges)
{
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    bool go = pg_read_title(R, graph_attr(data, "name")) && pg_read_title(R, graph_attr(data, "title")) &&
              pg_read_description(R, graph_attr(data, "description"));
    pg_read_unread_graph_data(R, cJSON_IsObject(data) || cJSON_IsArray(data) ? data : NULL, "data");
    pg_read_flags(R, root);
    if (cJSON_IsString(graph_attr(data, "partygraph"))) /* its version */
        pg_read_note_creator(R, "partygraph");
    go = go && (nodes->array == NULL || declare_nodes(R, nodes));
    go = go && (nodes->array == NULL || read_nodes(R, nodes, 0));
    return go && (edges->array == NULL || read_edges(R, edges));
}

bool pg_read_cyjs(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    char got[PG_QUOTE_SIZE];
    list nodes = { 0 }, edges = { 0 };
    pg_jpath ep = cJSON_IsArray(root) ? PG_JPATH_ROOT : pg_jpath_key(&PG_JPATH_ROOT, "elements");
    bool go;
    if (!cJSON_IsObject(root) && !cJSON_IsArray(root))
        go = pg_report_error(&R->report, NULL, "expected Cytoscape.js elements at the top level, got %s",
                             pg_schema_describe(root, got, sizeof got));
    else
        go = lists(R, root, &ep, &nodes, &edges) && read_graph(R, root, &nodes, &edges);
    cJSON_Delete(root);
    return go;
}
