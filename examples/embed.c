/* embed.c - the smallest program embedding libpartygraph: load a dataset,
 * build its full network, analyse it and print the counts and the five
 * nodes of highest PageRank.
 *
 *   cc embed.c $(pkg-config --cflags --libs partygraph) -o embed
 *   ./embed DATASET.json
 *
 * Exit status: 0, or 1 with the library's one-line error on stderr. */
#include <partygraph.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    pg_error err = { 0 };
    pg_dataset *ds = NULL;
    pg_graph *g = NULL;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    size_t top[5];
    char line[1400];
    int status = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: embed DATASET.json\n");
        return 2;
    }
    opt.layout = PG_LAYOUT_NONE; /* no pictures here: skip the layout */
    if ((ds = pg_dataset_load_file(argv[1], &err)) == NULL || (g = pg_graph_build(ds, &err)) == NULL ||
        pg_graph_analyse(g, &opt, &err) != PG_OK) {
        fprintf(stderr, "embed: %s\n", pg_error_format(&err, line, sizeof line));
        goto cleanup;
    }
    printf("partygraph %s: %zu nodes, %zu edges, %zu communities\n", pg_version(), pg_graph_node_count(g),
           pg_graph_edge_count(g), pg_graph_community_count(g));
    const double *pagerank = pg_graph_metric(g, "pagerank");
    size_t n = pg_graph_top(g, "pagerank", 5, top);
    for (size_t i = 0; i < n; i++)
        printf("%zu\t%s\t%.6f\t%s\n", i + 1, pg_graph_node_id(g, top[i]), pagerank[top[i]],
               pg_graph_node_label(g, top[i]));
    status = 0;
cleanup:
    pg_graph_free(g); /* the graph before the dataset it borrows */
    pg_dataset_free(ds);
    return status;
}
