/* read_nodelink.c - NetworkX node-link JSON (json_graph.node_link_data,
 * D3): {"directed", "multigraph", "graph": {...}, "nodes": [{"id", ...}],
 * "links" or "edges": [{"source", "target", ...}]}. Ids are strings or
 * numbers; every other member of a node or link is an attribute (read_map.c
 * says how). A directed graph loses its direction and a multigraph's
 * parallel edges merge, each with a warning.
 *
 * D3 v3 (and force-graph's examples) name a link's ends by their index in
 * "nodes" ("source": 0 is the first node), often with nodes that have no
 * id. The links are read that way, with one warning, when every end is an
 * integer from 0 to the number of nodes - 1 and one of them is no node's
 * id (so NetworkX's integer ids stay ids); a node without an id then takes
 * its index as id. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
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

/* The integer n that `v` is when 0 <= n < count, else -1. */
static long index_of(const cJSON *v, long count)
{
    double x = cJSON_IsNumber(v) ? v->valuedouble : -1;
    return x >= 0 && x < (double)count && x == floor(x) ? (long)x : -1;
}

/* Is every end of every link (there is one) an index into `count` nodes? */
static bool all_indexes(const pg_reader *R, const cJSON *links, long count)
{
    for (const cJSON *l = links->child; l; l = l->next)
        for (int k = 0; k < 2; k++)
            if (index_of(cJSON_GetObjectItemCaseSensitive(l, R->end_keys[k]), count) < 0)
                return false;
    return links->child != NULL;
}

/* The text of an integer id `id` in R's arena, else NULL. */
static const char *integer_text(pg_reader *R, const cJSON *id, bool *oom)
{
    char buf[ID_TEXT];
    if (index_of(id, LONG_MAX) < 0)
        return NULL;
    snprintf(buf, sizeof buf, "%ld", index_of(id, LONG_MAX));
    const char *text = pg_arena_strdup(&R->L.ds->arena, buf);
    *oom = text == NULL;
    return text;
}

/* Puts the id text of each node with a string or integer id in `ids`;
 * false when out of memory. */
static bool node_ids(pg_reader *R, const cJSON *nodes, pg_strmap *ids)
{
    bool oom = false;
    for (const cJSON *n = nodes->child; n && !oom; n = n->next) {
        const cJSON *id = cJSON_IsObject(n) ? cJSON_GetObjectItemCaseSensitive(n, "id") : NULL;
        const char *text = cJSON_IsString(id) ? id->valuestring : integer_text(R, id, &oom);
        oom = oom || (text != NULL && pg_strmap_put(ids, text, 0) < 0);
    }
    return !oom;
}

/* Does a link end name no node's id (the links being all indexes)? */
static bool unnamed_end(const pg_reader *R, const cJSON *links, const pg_strmap *ids)
{
    char buf[ID_TEXT];
    for (const cJSON *l = links->child; l; l = l->next)
        for (int k = 0; k < 2; k++) {
            snprintf(buf, sizeof buf, "%ld", index_of(cJSON_GetObjectItemCaseSensitive(l, R->end_keys[k]), LONG_MAX));
            if (pg_strmap_get(ids, buf) < 0)
                return true;
        }
    return false;
}

/* Are the links' ends indexes into `nodes` (see the top)? Warns when
 * they are; *go false when out of memory. */
static bool by_index(pg_reader *R, const cJSON *nodes, const cJSON *links, const char *key, bool *go)
{
    pg_strmap ids = PG_STRMAP_INIT;
    if (links == NULL || !all_indexes(R, links, cJSON_GetArraySize(nodes)))
        return false;
    if (!node_ids(R, nodes, &ids))
        *go = pg_report_oom(&R->report);
    bool yes = *go && unnamed_end(R, links, &ids);
    pg_strmap_free(&ids);
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key);
    if (yes)
        pg_read_warn_once(R, "d3-index", &p, "links name their nodes by index in \"nodes\", as D3 v3 writes them "
                                             "(0 is the first node); a node without an id takes its index as id");
    return yes;
}

/* The id of node `n`, number `i`: its "id", or when the links are by
 * index and it has none, `i`'s text. */
static const char *node_id(pg_reader *R, const cJSON *n, long i, bool indexed, pg_jpath p, char *buf, size_t size)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(n, "id");
    if (indexed && (id == NULL || cJSON_IsNull(id)))
        return snprintf(buf, size, "%ld", i), buf;
    return pg_read_member_id(R, n, "id", p, buf, size);
}

/* Declares every node, then reads each. */
static bool read_nodes(pg_reader *R, const cJSON *nodes, bool indexed)
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
            id = node_id(R, n, i, indexed, p, buf, sizeof buf);
        go = pg_read_declare(R, id, n, p);
    }
    i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++)
        go = pg_read_node(R, (size_t)i, n, pg_jpath_index(&np, i));
    return go;
}

/* The id of link end `k` of `l`: the member's text, or when the links
 * are by index the id of the node it indexes (NULL, quietly, when that
 * node was not usable). */
static const char *end_id(pg_reader *R, const cJSON *l, int k, bool indexed, pg_jpath p, char *buf, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(l, R->end_keys[k]);
    if (indexed)
        return R->decls.items[index_of(v, LONG_MAX)].id;
    return pg_read_member_id(R, l, R->end_keys[k], p, buf, size);
}

static bool read_links(pg_reader *R, const cJSON *links, const char *key, bool indexed)
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
        source = end_id(R, l, 0, indexed, p, s, sizeof s);
        target = end_id(R, l, 1, indexed, p, t, sizeof t);
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
    bool indexed = false;
    if (!cJSON_IsObject(root))
        go = pg_report_error(&R->report, NULL, "expected a node-link object at the top level, got %s",
                             pg_schema_describe(root, got, sizeof got));
    else if ((nodes = array(R, root, "nodes", &go)) == NULL && go)
        go = pg_report_error(&R->report, NULL, "no \"nodes\" array: this is not node-link JSON");
    if (go && nodes) {
        links = array(R, root, key, &go);
        indexed = by_index(R, nodes, links, key, &go);
        pg_read_flags(R, root);
        const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "graph");
        pg_read_unread_graph_data(R, cJSON_IsObject(graph) ? graph : NULL, "graph");
        if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(graph, "partygraph"))) /* its version */
            pg_read_note_creator(R, "partygraph");
        go = go && pg_read_title(R, cJSON_GetObjectItemCaseSensitive(graph, "name")) &&
             pg_read_title(R, cJSON_GetObjectItemCaseSensitive(graph, "title")) &&
             pg_read_description(R, cJSON_GetObjectItemCaseSensitive(graph, "description")) &&
             read_nodes(R, nodes, indexed);
    }
    if (go && links)
        go = read_links(R, links, key, indexed);
    cJSON_Delete(root);
    return go;
}
