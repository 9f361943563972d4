/* test_people.c - the partygraph/1 additions of issue 16 seen from inside:
 * declared relation types (pg_dataset.relation_types, the direction they
 * give the full view's edges, a declared type replacing a built-in one),
 * persons and their implied ties, and format detection of files with
 * `persons` (pg_detect_format). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "input/detect.h"
#include "model/graph.h"
#include "model/reltype.h"

static pg_dataset *load(const char *json)
{
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(json, strlen(json), "t.json", NULL, &err);
    if (ds == NULL)
        printf("# load failed: %s\n", err.message);
    return ds;
}

/* The edge between entities `a` and `b` of `g`, u < v, or NULL. */
static const pg_edge *edge(const pg_graph *g, const char *a, const char *b)
{
    long u = pg_graph_node_index(g, a), v = pg_graph_node_index(g, b);
    if (u > v) {
        long t = u;
        u = v;
        v = t;
    }
    for (size_t i = 0; i < g->edges.len; i++)
        if (g->edges.items[i].u == u && g->edges.items[i].v == v)
            return &g->edges.items[i];
    return NULL;
}

/* The type `id` of `ds`, or NULL. */
static const pg_relation_type *type_of(const pg_dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->relation_types.len; i++)
        if (strcmp(ds->relation_types.items[i].id, id) == 0)
            return &ds->relation_types.items[i];
    return NULL;
}

static const char *const declared =
    "{\"relation_types\": [{\"id\": \"mentored\", \"directed\": true, \"label\": \"mentored\"},"
    "  {\"id\": \"visited\", \"directed\": false}, {\"id\": \"contact\", \"directed\": true}],"
    " \"parties\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}, {\"id\": \"c\", \"name\": \"C\"}],"
    " \"persons\": [{\"id\": \"x\", \"name\": \"X\", \"party\": \"a\"}, {\"id\": \"y\", \"name\": \"Y\"}],"
    " \"relations\": [{\"type\": \"mentored\", \"source\": \"y\", \"target\": \"x\", \"weight\": 2},"
    "  {\"type\": \"visited\", \"source\": \"a\", \"target\": \"b\"},"
    "  {\"type\": \"contact\", \"source\": \"c\", \"target\": \"b\", \"weight\": 3},"
    "  {\"type\": \"praised\", \"source\": \"c\", \"target\": \"a\"}]}";

static void relation_types(void)
{
    pg_dataset *ds = load(declared);
    pg_error err;
    pg_graph *g = ds ? pg_graph_build(ds, &err) : NULL;
    if (g == NULL) {
        CHECK(false, "the dataset with declared types loads and builds");
        pg_dataset_free(ds);
        return;
    }
    const pg_relation_type *m = type_of(ds, "mentored"), *v = type_of(ds, "visited"), *p = type_of(ds, "praised");
    CHECK(m && m->declared && m->directed && !m->structural && strcmp(m->label, "mentored") == 0,
          "a declared type is kept with its direction, structure and label");
    CHECK(v && v->declared && !v->directed && p && !p->declared && p->directed,
          "a declared type replaces the built-in one of its id (visited: undirected); praised stays built in");
    const pg_edge *xy = edge(g, "x", "y"), *ab = edge(g, "a", "b"), *bc = edge(g, "b", "c"), *ac = edge(g, "a", "c");
    CHECK(xy && xy->u == pg_graph_node_index(g, "x") && xy->backward == 1 && xy->forward == 0 &&
              xy->backward_weight == 2,
          "a declared directed type runs from source to target: y mentored x is x-y backward, weight 2");
    CHECK(ab && ab->forward == 0 && ab->backward == 0, "visited declared undirected: no direction");
    CHECK(bc && bc->backward == 1 && bc->backward_weight == 3, "contact declared directed: c to b");
    CHECK(ac && ac->backward == 1, "a built-in directed type keeps its direction (c praised a)");
    const pg_edge *xa = edge(g, "a", "x");
    CHECK(xa && strcmp(xa->types, "belongs_to") == 0, "a person's party implies belongs_to");
    pg_graph_free(g);
    pg_dataset_free(ds);
}

static void detection(void)
{
    static const struct {
        const char *text;
        pg_input_format want;
        const char *what;
    } cases[] = {
        { "{\"persons\": [], \"format\": \"partygraph/1\"}", PG_INPUT_PARTYGRAPH, "format decides, even after persons" },
        { "{\"organizations\": [], \"format\": \"partygraph/1\"}", PG_INPUT_PARTYGRAPH, "format decides over Popolo keys" },
        { "{\"persons\": [], \"parties\": []}", PG_INPUT_PARTYGRAPH, "persons with parties: partygraph/1" },
        { "{\"persons\": [], \"relations\": []}", PG_INPUT_PARTYGRAPH, "persons with relations: partygraph/1" },
        { "{\"persons\": [], \"organizations\": [], \"memberships\": []}", PG_INPUT_POPOLO, "Popolo stays Popolo" },
        { "{\"title\": \"t\", \"persons\": []}", PG_INPUT_POPOLO, "persons alone lean towards Popolo" },
        { "{\"relation_types\": []}", PG_INPUT_PARTYGRAPH, "relation_types: partygraph/1" },
        { "{\"nodes\": [], \"persons\": []}", PG_INPUT_NODELINK, "a deciding key wins over persons" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(pg_detect_format(cases[i].text, strlen(cases[i].text)) == cases[i].want, cases[i].what);
}

void run_tests(void)
{
    relation_types();
    detection();
}
