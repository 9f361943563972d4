/* paths.c - `partygraph path`: the shortest paths between two entities
 * of a view, written through names and the relation types of each step. */
#include <math.h>

#include "error.h"
#include "fmt.h"
#include "graph.h"
#include "igraph_glue.h"

enum { MAX_SHOWN = 20 };

static igraph_error_t all_paths(const pg_graph *g, igraph_integer_t a, igraph_integer_t b, bool weighted,
                                igraph_vector_int_list_t *vertices, igraph_vector_int_list_t *edges)
{
    if (!weighted)
        return igraph_get_all_shortest_paths(&g->ig, vertices, edges, NULL, a, igraph_vss_1(b), IGRAPH_ALL);
    igraph_vector_t lengths;
    IGRAPH_CHECK(igraph_vector_init_copy(&lengths, &g->weights));
    IGRAPH_FINALLY(igraph_vector_destroy, &lengths);
    for (igraph_integer_t e = 0; e < igraph_vector_size(&lengths); e++)
        VECTOR(lengths)[e] = 1.0 / VECTOR(lengths)[e];
    IGRAPH_CHECK(igraph_get_all_shortest_paths_dijkstra(&g->ig, vertices, edges, NULL, a, igraph_vss_1(b), &lengths,
                                                        IGRAPH_ALL));
    igraph_vector_destroy(&lengths);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

static void name(const pg_graph *g, FILE *f, igraph_integer_t v)
{
    fprintf(f, "%s (%s)", pg_graph_node_label(g, (size_t)v), pg_graph_node_id(g, (size_t)v));
}

static double length(const pg_graph *g, const igraph_vector_int_t *path_edges, bool weighted)
{
    double total = 0;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(path_edges); i++)
        total += weighted ? 1.0 / g->edges.items[VECTOR(*path_edges)[i]].weight : 1.0;
    return total;
}

static void print_path(const pg_graph *g, FILE *f, const igraph_vector_int_t *vs, const igraph_vector_int_t *es)
{
    fputs("    ", f);
    name(g, f, VECTOR(*vs)[0]);
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(es); i++) {
        fprintf(f, " -[%s]- ", g->edges.items[VECTOR(*es)[i]].types);
        name(g, f, VECTOR(*vs)[i + 1]);
    }
    fputc('\n', f);
}

static void print_paths(const pg_graph *g, FILE *f, igraph_integer_t a, igraph_integer_t b, bool weighted,
                        const igraph_vector_int_list_t *vertices, const igraph_vector_int_list_t *edges)
{
    char num[PG_FMT_DOUBLE_SIZE];
    igraph_integer_t n = igraph_vector_int_list_size(vertices);
    if (n == 0) {
        fputs("no path between ", f);
        name(g, f, a);
        fputs(" and ", f);
        name(g, f, b);
        fputs(": they are in different components\n", f);
        return;
    }
    double len = length(g, igraph_vector_int_list_get_ptr(edges, 0), weighted);
    fprintf(f, "%" IGRAPH_PRId " shortest path%s of %s %s:\n", n, n == 1 ? "" : "s", weighted ? "distance" : "length",
            pg_fmt_double(len, num));
    for (igraph_integer_t i = 0; i < n && i < MAX_SHOWN; i++)
        print_path(g, f, igraph_vector_int_list_get_ptr(vertices, i), igraph_vector_int_list_get_ptr(edges, i));
    if (n > MAX_SHOWN)
        fprintf(f, "    ... and %" IGRAPH_PRId " more\n", n - MAX_SHOWN);
}

static igraph_error_t paths(const pg_graph *g, igraph_integer_t a, igraph_integer_t b, bool weighted, FILE *f)
{
    igraph_vector_int_list_t vertices, edges;
    IGRAPH_CHECK(igraph_vector_int_list_init(&vertices, 0));
    IGRAPH_FINALLY(igraph_vector_int_list_destroy, &vertices);
    IGRAPH_CHECK(igraph_vector_int_list_init(&edges, 0));
    IGRAPH_FINALLY(igraph_vector_int_list_destroy, &edges);
    IGRAPH_CHECK(all_paths(g, a, b, weighted, &vertices, &edges));
    print_paths(g, f, a, b, weighted, &vertices, &edges);
    igraph_vector_int_list_destroy(&edges);
    igraph_vector_int_list_destroy(&vertices);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

pg_status pg_write_paths(const pg_graph *g, const char *from_id, const char *to_id, int weighted, FILE *out,
                         pg_error *err)
{
    long a = pg_graph_node_index(g, from_id), b = pg_graph_node_index(g, to_id);
    if (a < 0 || b < 0)
        return pg_error_set(err, PG_EARG, "no node '%s' in the %s view", a < 0 ? from_id : to_id,
                            pg_view_name(g->spec.view));
    pg_igraph_scope scope;
    pg_igraph_enter(&scope);
    igraph_error_t rc = paths(g, a, b, weighted != 0, out);
    pg_igraph_leave(&scope);
    if (rc != IGRAPH_SUCCESS)
        return pg_igraph_status(rc, "finding the shortest paths", err);
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set(err, PG_EIO, "cannot write the paths");
    pg_error_clear(err);
    return PG_OK;
}
