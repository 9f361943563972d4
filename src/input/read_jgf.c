/* read_jgf.c - JSON Graph Format (jsongraphformat.info): {"graph": {"label",
 * "directed", "metadata", "nodes", "edges"}}, or {"graphs": [one graph]}.
 * Version 2 keys the nodes by id ({"cpc": {"label", "metadata"}}); version 1
 * lists them ([{"id", "label", "metadata"}]); both are read. A node's or
 * edge's `metadata` members are its attributes, its `label` its name; an
 * edge's `relation` is its type when its metadata has no `type`. */
#include <string.h>

#include "input/reader.h"

enum { ID_TEXT = 64 };

/* The attributes of a node or edge: its metadata members, and its label
 * unless the metadata has one. NULL when out of memory. */
static cJSON *attributes(const cJSON *item)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "metadata");
    const cJSON *label = cJSON_GetObjectItemCaseSensitive(item, "label");
    cJSON *attrs = cJSON_IsObject(meta) ? cJSON_Duplicate(meta, true) : cJSON_CreateObject();
    if (attrs != NULL && label != NULL && cJSON_GetObjectItemCaseSensitive(attrs, "label") == NULL &&
        !cJSON_AddItemToObject(attrs, "label", cJSON_Duplicate(label, true))) {
        cJSON_Delete(attrs);
        return NULL;
    }
    return attrs;
}

/* The id of node `n`: its key in a v2 map, its "id" member in a v1 list. */
static const char *node_id(pg_reader *R, const cJSON *n, bool map, pg_jpath p, char buf[ID_TEXT])
{
    if (!cJSON_IsObject(n)) {
        pg_read_wrong(R, n, p, "a node object");
        return NULL;
    }
    if (map)
        return n->string;
    return pg_read_member_id(R, n, "id", p, buf, ID_TEXT);
}

/* The path of node `n` under *np (which must outlive it). */
static pg_jpath node_path(const pg_jpath *np, const cJSON *n, bool map, long i)
{
    return map ? pg_jpath_key(np, n->string) : pg_jpath_index(np, i);
}

/* Declares every node, then reads each. */
static bool read_nodes(pg_reader *R, const cJSON *nodes, pg_jpath np)
{
    bool map = cJSON_IsObject(nodes), go = true;
    char buf[ID_TEXT];
    long i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++) {
        pg_jpath p = node_path(&np, n, map, i);
        cJSON *attrs = attributes(n);
        go = attrs ? pg_read_declare(R, node_id(R, n, map, p, buf), attrs, p) : pg_report_oom(&R->report);
        cJSON_Delete(attrs);
    }
    i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++) {
        cJSON *attrs = attributes(n);
        go = attrs ? pg_read_node(R, (size_t)i, attrs, node_path(&np, n, map, i)) : pg_report_oom(&R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

static bool read_edge(pg_reader *R, const cJSON *e, long i, pg_jpath p)
{
    char s[ID_TEXT], t[ID_TEXT];
    if (!cJSON_IsObject(e))
        return pg_read_wrong(R, e, p, "an edge object");
    const char *source = pg_read_member_id(R, e, "source", p, s, sizeof s);
    const char *target = pg_read_member_id(R, e, "target", p, t, sizeof t);
    const cJSON *relation = cJSON_GetObjectItemCaseSensitive(e, "relation");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "directed")))
        pg_read_warn_once(R, "directed", &p, "a directed edge: its direction is dropped (partygraph's network is "
                                             "undirected)");
    if (source == NULL || target == NULL)
        return !pg_report_stopped(&R->report);
    cJSON *attrs = attributes(e);
    bool go = attrs ? pg_read_edge(R, source, target, attrs, cJSON_IsString(relation) ? relation->valuestring : NULL,
                                   i, p)
                    : pg_report_oom(&R->report);
    cJSON_Delete(attrs);
    return go;
}

static bool read_graph(pg_reader *R, const cJSON *g, pg_jpath gp)
{
    char got[PG_QUOTE_SIZE];
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(g, "nodes");
    const cJSON *edges = cJSON_GetObjectItemCaseSensitive(g, "edges");
    pg_jpath np = pg_jpath_key(&gp, "nodes"), ep = pg_jpath_key(&gp, "edges");
    if (!cJSON_IsObject(g))
        return pg_read_wrong(R, g, gp, "a graph object");
    if (!cJSON_IsObject(nodes) && !cJSON_IsArray(nodes))
        return pg_report_error(&R->report, &np, "expected the nodes as an object (JGF 2) or an array (JGF 1), got %s",
                               nodes ? pg_schema_describe(nodes, got, sizeof got) : "nothing");
    if (edges != NULL && !cJSON_IsArray(edges))
        return pg_read_wrong(R, edges, ep, "an array");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "directed")))
        pg_read_warn_once(R, "directed", &gp, "a directed graph: edge directions are dropped (partygraph's network "
                                              "is undirected)");
    bool go = pg_read_title(R, cJSON_GetObjectItemCaseSensitive(g, "label")) && read_nodes(R, nodes, np);
    long i = 0;
    for (const cJSON *e = edges ? edges->child : NULL; e && go; e = e->next, i++)
        go = read_edge(R, e, i, pg_jpath_index(&ep, i));
    return go;
}

bool pg_read_jgf(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "graph");
    const cJSON *graphs = cJSON_GetObjectItemCaseSensitive(root, "graphs");
    pg_jpath gsp = pg_jpath_key(&PG_JPATH_ROOT, "graphs"), gp = pg_jpath_key(&PG_JPATH_ROOT, "graph");
    bool go;
    if (graph == NULL && cJSON_IsArray(graphs) && cJSON_GetArraySize(graphs) == 1) {
        graph = graphs->child;
        gp = pg_jpath_index(&gsp, 0);
    }
    if (graph != NULL)
        go = read_graph(R, graph, gp);
    else if (cJSON_IsArray(graphs))
        go = pg_report_error(&R->report, NULL, "the file holds %d graphs; partygraph reads one (split the file)",
                             cJSON_GetArraySize(graphs));
    else
        go = pg_report_error(&R->report, NULL, "no \"graph\" object: this is not JSON Graph Format");
    cJSON_Delete(root);
    return go;
}
