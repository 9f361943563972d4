/* export.c - a filtered view exported through libpartygraph: the parties
 * view of a dataset between two dates, its largest connected component
 * only, written as GraphML to a file that appears whole or not at all
 * (pg_output: a temporary file renamed into place), or to stdout with "-".
 *
 *   ./export DATASET.json FROM TO OUT.graphml      FROM, TO: YYYY[-MM[-DD]]
 *
 * The same file as `partygraph build --view parties --from FROM --to TO
 * --giant --layout none --graphml OUT.graphml DATASET.json`. Exit status:
 * 0; 1 with the library's one-line error; 2 for bad arguments. */
#include <partygraph.h>

#include <stdio.h>
#include <string.h>

/* pg_output_new, with `err` filled when it fails (it is out of memory). */
static pg_output *new_output(pg_error *err)
{
    pg_output *out = pg_output_new();
    if (out == NULL) {
        memset(err, 0, sizeof *err);
        err->status = PG_ENOMEM;
        strcpy(err->message, "out of memory");
    }
    return out;
}

int main(int argc, char **argv)
{
    pg_error err = { 0 };
    pg_dataset *ds = NULL;
    pg_graph *g = NULL;
    pg_output *out = NULL;
    FILE *f = NULL;
    pg_view_options view = PG_VIEW_OPTIONS_INIT;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    char line[1400];
    int status = 1;

    if (argc != 5) {
        fprintf(stderr, "usage: export DATASET.json FROM TO OUT.graphml\n");
        return 2;
    }
    view.view = PG_VIEW_PARTIES;
    view.from = argv[2];
    view.to = argv[3];
    view.giant = 1;
    opt.layout = PG_LAYOUT_NONE;
    if ((ds = pg_dataset_load_file(argv[1], &err)) == NULL || (g = pg_graph_build_view(ds, &view, &err)) == NULL ||
        pg_graph_analyse(g, &opt, &err) != PG_OK || (out = new_output(&err)) == NULL ||
        (f = pg_output_open(out, argv[4], &err)) == NULL || pg_write(g, PG_FORMAT_GRAPHML, f, &err) != PG_OK ||
        pg_output_commit(out, &err) != PG_OK) {
        fprintf(stderr, "export: %s\n", pg_error_format(&err, line, sizeof line));
        goto cleanup;
    }
    fprintf(stderr, "export: %zu parties, %zu ties from %s to %s\n", pg_graph_node_count(g), pg_graph_edge_count(g),
            argv[2], argv[3]);
    status = 0;
cleanup:
    pg_output_free(out); /* an uncommitted file is removed; the stream belongs to `out` */
    pg_graph_free(g);
    pg_dataset_free(ds);
    return status;
}
