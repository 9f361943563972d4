/* read_jgf.c - JSON Graph Format (jsongraphformat.info): {"graph": {"label",
 * "directed", "metadata", "nodes", "edges", "hyperedges"}}, or {"graphs":
 * [one graph]}. Version 2 keys the nodes by id ({"cpc": {"label",
 * "metadata"}}); version 1 lists them ([{"id", "label", "metadata"}]); both
 * are read. A node's or edge's `metadata` members are its attributes, its
 * `label` its name; an edge's `relation` is its type when its metadata has
 * no `type`. A graph is directed unless it says "directed": false (the
 * schemas' default): one warning says that only relations of a directed
 * type keep their direction.
 *
 * A hyperedge (`nodes`, or a directed one's `source` and `target` lists)
 * becomes a node of its own, an event unless its metadata gives another
 * `kind` (its id, else hyperedge-N; its label, metadata and `relation`,
 * as the event's `type`, are kept), tied to each member: `attended` (an
 * event) or `member_of`, with `role` "source" or "target" for a directed
 * one's and the hyperedge's numeric `weight` (docs/input.md says why). */
#include <stdio.h>
#include <string.h>

#include "input/reader.h"

enum { ID_TEXT = 64 };

/* What becomes of a direction, for the warnings. */
static const char UNDIRECTED[] = "only relations of a directed type (visited, hosted, ...) keep their direction; the "
                                 "others are read undirected";

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* The members of a graph that are read; others warn once each. */
static const char *const graph_keys[] = { "label", "directed", "nodes", "edges", "hyperedges", NULL };

/* The lists of a hyperedge's members and the role each gives its ties. */
static const char *const member_lists[][2] = { { "nodes", NULL }, { "source", "source" }, { "target", "target" } };

enum { NLISTS = sizeof member_lists / sizeof member_lists[0] };

/* Adds a copy of `v` as `key` to `attrs` unless `v` is NULL or `attrs`
 * has `key` already. False when out of memory. */
static bool add_missing(cJSON *attrs, const char *key, const cJSON *v)
{
    if (v == NULL || get(attrs, key) != NULL)
        return true;
    cJSON *copy = cJSON_Duplicate(v, true);
    if (copy != NULL && cJSON_AddItemToObject(attrs, key, copy))
        return true;
    cJSON_Delete(copy);
    return false;
}

/* The attributes of a node or edge: its metadata members, and its label
 * unless the metadata has one. NULL when out of memory. */
static cJSON *attributes(const cJSON *item)
{
    const cJSON *meta = get(item, "metadata");
    cJSON *attrs = cJSON_IsObject(meta) ? cJSON_Duplicate(meta, true) : cJSON_CreateObject();
    if (attrs != NULL && !add_missing(attrs, "label", get(item, "label"))) {
        cJSON_Delete(attrs);
        return NULL;
    }
    return attrs;
}

/* ---- nodes --------------------------------------------------------------- */

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

/* Declares every node. */
static bool declare_nodes(pg_reader *R, const cJSON *nodes, pg_jpath np)
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
    return go;
}

/* Reads every node declared by declare_nodes. */
static bool read_nodes(pg_reader *R, const cJSON *nodes, pg_jpath np)
{
    bool map = cJSON_IsObject(nodes), go = true;
    long i = 0;
    for (const cJSON *n = nodes->child; n && go; n = n->next, i++) {
        cJSON *attrs = attributes(n);
        go = attrs ? pg_read_node(R, (size_t)i, attrs, node_path(&np, n, map, i)) : pg_report_oom(&R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

/* ---- hyperedges ------------------------------------------------------------ */

/* The attributes of hyperedge `h`: its metadata and label, kind event,
 * its `relation` as `type` and, when its `id` names it not, that id as
 * `jgf_id` (unless the metadata has them). NULL when out of memory. */
static cJSON *hyper_attributes(const cJSON *h, const char *id)
{
    cJSON *attrs = attributes(h), *kind = cJSON_CreateString("event");
    const cJSON *own = get(h, "id");
    bool ok = attrs && kind && add_missing(attrs, "kind", kind) && add_missing(attrs, "type", get(h, "relation"));
    if (ok && cJSON_IsString(own) && strcmp(own->valuestring, id) != 0)
        ok = add_missing(attrs, "jgf_id", own);
    cJSON_Delete(kind);
    if (!ok)
        cJSON_Delete(attrs);
    return ok ? attrs : NULL;
}

/* The id hyperedge number `i` is declared under, in `buf`: its own `id`
 * when no node has it, else the first of hyperedge-N, hyperedge-N-2, ...
 * that none has. */
static const char *hyper_id(const pg_reader *R, const cJSON *h, long i, char buf[ID_TEXT])
{
    const cJSON *own = get(h, "id");
    if (cJSON_IsString(own) && own->valuestring[0] && pg_strmap_get(&R->by_id, own->valuestring) < 0)
        return own->valuestring;
    snprintf(buf, ID_TEXT, "hyperedge-%ld", i + 1);
    for (int k = 2; pg_strmap_get(&R->by_id, buf) >= 0; k++)
        snprintf(buf, ID_TEXT, "hyperedge-%ld-%d", i + 1, k);
    return buf;
}

/* Declares each hyperedge as a node (after the nodes). */
static bool declare_hyperedges(pg_reader *R, const cJSON *hs, pg_jpath hp)
{
    char buf[ID_TEXT];
    bool go = true;
    long i = 0;
    for (const cJSON *h = hs ? hs->child : NULL; h && go; h = h->next, i++) {
        pg_jpath p = pg_jpath_index(&hp, i);
        if (!cJSON_IsObject(h)) {
            go = pg_read_declare(R, NULL, NULL, p) && pg_read_wrong(R, h, p, "a hyperedge object");
            continue;
        }
        const char *id = hyper_id(R, h, i, buf);
        cJSON *attrs = hyper_attributes(h, id);
        go = attrs ? pg_read_declare(R, id, attrs, p) : pg_report_oom(&R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

/* Reads each hyperedge's node, declared from index `first` on. */
static bool read_hypernodes(pg_reader *R, const cJSON *hs, size_t first, pg_jpath hp)
{
    bool go = true;
    long i = 0;
    for (const cJSON *h = hs ? hs->child : NULL; h && go; h = h->next, i++) {
        const pg_read_decl *d = &R->decls.items[first + (size_t)i];
        cJSON *attrs = d->usable ? hyper_attributes(h, d->id) : NULL;
        if (d->usable)
            go = attrs ? pg_read_node(R, first + (size_t)i, attrs, pg_jpath_index(&hp, i)) : pg_report_oom(&R->report);
        cJSON_Delete(attrs);
    }
    return go;
}

/* The attributes of a tie of hyperedge `h`: the member's `role` (NULL:
 * none) and the hyperedge's numeric `weight`. NULL when out of memory. */
static cJSON *tie_attributes(const cJSON *h, const char *role)
{
    cJSON *attrs = cJSON_CreateObject();
    const cJSON *w = get(get(h, "metadata"), "weight");
    bool ok = attrs && (role == NULL || cJSON_AddStringToObject(attrs, "role", role)) &&
              (!cJSON_IsNumber(w) || add_missing(attrs, "weight", w));
    if (!ok)
        cJSON_Delete(attrs);
    return ok ? attrs : NULL;
}

/* The tie of member `v` (at p) to the hyperedge node `d`. */
static bool tie(pg_reader *R, const pg_read_decl *d, const cJSON *v, const cJSON *attrs, long index, pg_jpath p)
{
    char buf[ID_TEXT], q[PG_QUOTE_SIZE];
    const char *member = pg_read_id_text(R, v, p, buf, sizeof buf);
    if (member == NULL)
        return !pg_report_stopped(&R->report);
    if (pg_strmap_get(&R->by_id, member) < 0)
        return pg_report_error(&R->report, &p, "unknown node %s", pg_quote(q, member));
    return pg_read_edge(R, member, d->id, attrs, d->kind == PG_KIND_EVENT ? "attended" : "member_of", index, p);
}

/* The ties of the members in list `k` of hyperedge `h`, node `d`. */
static bool list_ties(pg_reader *R, const pg_read_decl *d, const cJSON *h, int k, long *index, pg_jpath hp)
{
    const cJSON *list = get(h, member_lists[k][0]);
    pg_jpath lp = pg_jpath_key(&hp, member_lists[k][0]);
    if (list != NULL && !cJSON_IsArray(list))
        return pg_read_wrong(R, list, lp, "an array of node ids");
    cJSON *attrs = list ? tie_attributes(h, member_lists[k][1]) : NULL;
    if (list != NULL && attrs == NULL)
        return pg_report_oom(&R->report);
    bool go = true;
    long j = 0;
    for (const cJSON *v = list ? list->child : NULL; v && go; v = v->next, j++)
        go = tie(R, d, v, attrs, (*index)++, pg_jpath_index(&lp, j));
    cJSON_Delete(attrs);
    return go;
}

/* The ties of every usable hyperedge node (from index `first`), numbered
 * from *index on. */
static bool hyper_ties(pg_reader *R, const cJSON *hs, size_t first, long *index, pg_jpath hp)
{
    bool go = true;
    long i = 0;
    for (const cJSON *h = hs ? hs->child : NULL; h && go; h = h->next, i++) {
        const pg_read_decl *d = &R->decls.items[first + (size_t)i];
        pg_jpath p = pg_jpath_index(&hp, i);
        for (int k = 0; k < NLISTS && go && d->usable; k++)
            go = list_ties(R, d, h, k, index, p);
    }
    return go;
}

/* ---- edges and the graph ------------------------------------------------- */

static bool read_edge(pg_reader *R, const cJSON *e, long i, pg_jpath p)
{
    char s[ID_TEXT], t[ID_TEXT];
    if (!cJSON_IsObject(e))
        return pg_read_wrong(R, e, p, "an edge object");
    const char *source = pg_read_member_id(R, e, "source", p, s, sizeof s);
    const char *target = pg_read_member_id(R, e, "target", p, t, sizeof t);
    const cJSON *relation = get(e, "relation");
    if (cJSON_IsTrue(get(e, "directed")))
        pg_read_warn_once(R, "directed", &p, "a directed edge: %s", UNDIRECTED);
    if (source == NULL || target == NULL)
        return !pg_report_stopped(&R->report);
    cJSON *attrs = attributes(e);
    bool go = attrs ? pg_read_edge(R, source, target, attrs, cJSON_IsString(relation) ? relation->valuestring : NULL,
                                   i, p)
                    : pg_report_oom(&R->report);
    cJSON_Delete(attrs);
    return go;
}

/* Does the graph have anything with a direction to drop? */
static bool has_links(const cJSON *g)
{
    return cJSON_GetArraySize(get(g, "edges")) > 0 || cJSON_GetArraySize(get(g, "hyperedges")) > 0;
}

/* Is `key` one of the graph's members that are read? */
static bool graph_key(const char *key)
{
    for (const char *const *k = graph_keys; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

/* Warns about what partygraph's undirected network and one-title dataset
 * drop from graph `g`: its direction ("directed" absent means directed),
 * and each member it does not read. */
static void graph_warnings(pg_reader *R, const cJSON *g, pg_jpath gp)
{
    const cJSON *d = get(g, "directed");
    char topic[ID_TEXT + 8];
    if ((d == NULL || cJSON_IsNull(d) || cJSON_IsTrue(d)) && has_links(g))
        pg_read_warn_once(R, "directed", &gp, "a directed graph%s: %s",
                          cJSON_IsTrue(d) ? "" : " (JGF's default when \"directed\" is absent)", UNDIRECTED);
    for (const cJSON *v = g->child; v; v = v->next) {
        snprintf(topic, sizeof topic, "graph:%.*s", ID_TEXT, v->string);
        if (!graph_key(v->string))
            pg_read_warn_once(R, topic, &gp, "the graph's \"%s\" is not kept (partygraph keeps a graph's label as "
                              "its title)", v->string);
    }
}

/* Are the graph's lists of their types? False after reporting one that
 * is not. */
static bool lists_ok(pg_reader *R, const cJSON *nodes, const cJSON *edges, const cJSON *hs, pg_jpath gp)
{
    char got[PG_QUOTE_SIZE];
    pg_jpath np = pg_jpath_key(&gp, "nodes"), ep = pg_jpath_key(&gp, "edges"), hp = pg_jpath_key(&gp, "hyperedges");
    if (!cJSON_IsObject(nodes) && !cJSON_IsArray(nodes))
        return pg_report_error(&R->report, &np, "expected the nodes as an object (JGF 2) or an array (JGF 1), got %s",
                               nodes ? pg_schema_describe(nodes, got, sizeof got) : "nothing"), false;
    if (edges != NULL && !cJSON_IsArray(edges))
        return pg_read_wrong(R, edges, ep, "an array"), false;
    if (hs != NULL && !cJSON_IsArray(hs))
        return pg_read_wrong(R, hs, hp, "an array"), false;
    return true;
}

/* Reads the nodes, hyperedges (as nodes), edges and hyperedges' ties. */
static bool read_parts(pg_reader *R, const cJSON *g, pg_jpath gp)
{
    const cJSON *nodes = get(g, "nodes"), *edges = get(g, "edges"), *hs = get(g, "hyperedges");
    pg_jpath np = pg_jpath_key(&gp, "nodes"), ep = pg_jpath_key(&gp, "edges"), hp = pg_jpath_key(&gp, "hyperedges");
    size_t first = (size_t)cJSON_GetArraySize(nodes);
    bool go = declare_nodes(R, nodes, np) && declare_hyperedges(R, hs, hp) && read_nodes(R, nodes, np) &&
              read_hypernodes(R, hs, first, hp);
    long i = 0;
    for (const cJSON *e = edges ? edges->child : NULL; e && go; e = e->next, i++)
        go = read_edge(R, e, i, pg_jpath_index(&ep, i));
    return go && hyper_ties(R, hs, first, &i, hp);
}

static bool read_graph(pg_reader *R, const cJSON *g, pg_jpath gp)
{
    if (!cJSON_IsObject(g))
        return pg_read_wrong(R, g, gp, "a graph object");
    if (!lists_ok(R, get(g, "nodes"), get(g, "edges"), get(g, "hyperedges"), gp))
        return !pg_report_stopped(&R->report);
    graph_warnings(R, g, gp);
    return pg_read_title(R, get(g, "label")) && read_parts(R, g, gp);
}

bool pg_read_jgf(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    const cJSON *graph = get(root, "graph");
    const cJSON *graphs = get(root, "graphs");
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
