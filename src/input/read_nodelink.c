/* read_nodelink.c - NetworkX node-link JSON (json_graph.node_link_data,
 * D3): {"directed", "multigraph", "graph": {...}, "nodes": [{"id", ...}],
 * "links" or "edges": [{"source", "target", ...}]}. Ids are strings or
 * numbers; every other member of a node or link is an attribute (read_map.c
 * says how). A directed graph loses its direction and a multigraph's
 * parallel edges merge, each with a warning. */
#include <string.h>

#include "input/reader.h"

enum { ID_TEXT = 64 };

/* The array under `key`, or NULL (after an error when it is not one). */
static const cJSON *array(pg_reader *R, const cJSON *root, const char *key, bool *go)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (v == NULL || cJSON_IsArray(v))
        return v;
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key);
    *go = pg_read_wrong(R, v, p, "an array");
    return NULL;
}

/* Warnings for what partygraph's undirected, merged model drops. */
static void flags(pg_reader *R, const cJSON *root)
{
    pg_jpath d = pg_jpath_key(&PG_JPATH_ROOT, "directed"), m = pg_jpath_key(&PG_JPATH_ROOT, "multigraph");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "directed")))
        pg_read_warn_once(R, "directed", &d, "a directed graph: edge directions are dropped (partygraph's network "
                                             "is undirected)");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "multigraph")))
        pg_read_warn_once(R, "multigraph", &m, "a multigraph: parallel edges are read as separate relations and "
                                               "merge into one edge, as partygraph merges relations");
}

/* Declares every node, then reads each. */
static bool read_nodes(pg_reader *R, const cJSON *nodes)
{
    pg_jpath np = pg_jpath_key(&PG_JPATH_ROOT, "nodes");
    char buf[ID_TEXT];
    bool go = true;
    long i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++) {
        pg_jpath p = pg_jpath_index(&np, i);
        const char *id = NULL;
        if (!cJSON_IsObject(n))
            pg_read_wrong(R, n, p, "a node object");
        else
            id = pg_read_member_id(R, n, "id", p, buf, sizeof buf);
        go = pg_read_declare(R, id, n, p);
    }
    i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++)
        go = pg_read_node(R, (size_t)i, n, pg_jpath_index(&np, i));
    return go;
}

static bool read_links(pg_reader *R, const cJSON *links, const char *key)
{
    pg_jpath lp = pg_jpath_key(&PG_JPATH_ROOT, key);
    char s[ID_TEXT], t[ID_TEXT];
    bool go = true;
    long i = 0;
    for (const cJSON *l = links->child; l && go; l = l->next, i++) {
        pg_jpath p = pg_jpath_index(&lp, i);
        const char *source = NULL, *target = NULL;
        if (!cJSON_IsObject(l)) {
            go = pg_read_wrong(R, l, p, "a link object");
            continue;
        }
        source = pg_read_member_id(R, l, "source", p, s, sizeof s);
        target = pg_read_member_id(R, l, "target", p, t, sizeof t);
        go = source && target ? pg_read_edge(R, source, target, l, NULL, i, p) : !pg_report_stopped(&R->report);
    }
    return go;
}

bool pg_read_nodelink(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    char got[PG_QUOTE_SIZE];
    bool go = true;
    const char *key = cJSON_GetObjectItemCaseSensitive(root, "links") ? "links" : "edges";
    const cJSON *nodes = NULL, *links = NULL;
    if (!cJSON_IsObject(root))
        go = pg_report_error(&R->report, NULL, "expected a node-link object at the top level, got %s",
                             pg_schema_describe(root, got, sizeof got));
    else if ((nodes = array(R, root, "nodes", &go)) == NULL && go)
        go = pg_report_error(&R->report, NULL, "no \"nodes\" array: this is not node-link JSON");
    if (go && nodes) {
        links = array(R, root, key, &go);
        flags(R, root);
        const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "graph");
        go = go && pg_read_title(R, cJSON_GetObjectItemCaseSensitive(graph, "name")) &&
             pg_read_title(R, cJSON_GetObjectItemCaseSensitive(graph, "title")) && read_nodes(R, nodes);
    }
    if (go && links)
        go = read_links(R, links, key);
    cJSON_Delete(root);
    return go;
}
