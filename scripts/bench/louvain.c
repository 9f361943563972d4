/* louvain.c - benchmark helper (scripts/bench-scale.sh, row g): times one
 * igraph_community_multilevel run of the system's libigraph (Debian's
 * 0.10.2, what partygraph links) on an edge list, so that its cost can be
 * compared with python-igraph's bundled igraph core on the identical graph.
 *
 *   louvain EDGES SEED      EDGES: "N" on the first line, then "A B WEIGHT"
 *                           per edge (0-based vertex indices)
 * Prints "louvain SECONDS" and "modularity Q". Not part of the product. */
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int read_edges(const char *path, igraph_integer_t *n, igraph_vector_int_t *edges, igraph_vector_t *weights)
{
    FILE *f = fopen(path, "r");
    long vertices, a, b;
    double w;
    if (f == NULL || fscanf(f, "%ld", &vertices) != 1) {
        if (f != NULL)
            fclose(f);
        return -1;
    }
    *n = vertices;
    while (fscanf(f, "%ld %ld %lf", &a, &b, &w) == 3)
        if (igraph_vector_int_push_back(edges, a) || igraph_vector_int_push_back(edges, b) ||
            igraph_vector_push_back(weights, w))
            break;
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    igraph_integer_t n = 0;
    igraph_vector_int_t edges, membership;
    igraph_vector_t weights;
    igraph_t g;
    igraph_real_t q;
    if (argc != 3) {
        fprintf(stderr, "usage: louvain EDGES SEED\n");
        return 2;
    }
    igraph_vector_int_init(&edges, 0);
    igraph_vector_int_init(&membership, 0);
    igraph_vector_init(&weights, 0);
    if (read_edges(argv[1], &n, &edges, &weights) != 0 || igraph_create(&g, &edges, n, IGRAPH_UNDIRECTED)) {
        fprintf(stderr, "louvain: cannot read %s\n", argv[1]);
        return 1;
    }
    igraph_rng_seed(igraph_rng_default(), strtoul(argv[2], NULL, 10));
    double t0 = now();
    igraph_community_multilevel(&g, &weights, 1.0, &membership, NULL, NULL);
    printf("louvain %.3f\n", now() - t0);
    igraph_modularity(&g, &membership, &weights, 1.0, IGRAPH_UNDIRECTED, &q);
    printf("modularity %.6f\n", q);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&edges);
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&weights);
    return 0;
}
