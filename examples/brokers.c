/* brokers.c - the brokers of a dataset through libpartygraph: the parties
 * that sit between others in the parties view (parties tied by the events
 * and mechanisms they share, and by direct contacts), ranked by
 * betweenness, with Burt's constraint (low: a broker) and the Gould and
 * Fernandez roles between regions.
 *
 *   ./brokers DATASET.json [N]      N: how many (1 to 1,000,000), default 10
 *
 * One tab-separated line per party: rank, id, betweenness, constraint,
 * gatekeeper, representative, liaison, name ("-" for a value that is not
 * defined, such as the constraint of an isolated party). Exit status: 0; 1
 * with the library's one-line error; 2 for bad arguments. */
#include <partygraph.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A tab, then x with up to six significant digits, or "-" when undefined. */
static void value(double x)
{
    if (isnan(x))
        fputs("\t-", stdout);
    else
        printf("\t%.6g", x);
}

int main(int argc, char **argv)
{
    pg_error err = { 0 };
    pg_dataset *ds = NULL;
    pg_graph *g = NULL;
    pg_view_options view = PG_VIEW_OPTIONS_INIT;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    size_t *top = NULL;
    char line[1400];
    int status = 1;

    char *end = NULL;
    long n = argc == 3 ? strtol(argv[2], &end, 10) : 10;
    if (argc < 2 || argc > 3 || n < 1 || n > 1000000 || (end != NULL && *end != '\0')) {
        fprintf(stderr, "usage: brokers DATASET.json [N]\n");
        return 2;
    }
    view.view = PG_VIEW_PARTIES;
    opt.layout = PG_LAYOUT_NONE;
    opt.metrics = "betweenness,constraint,gatekeeper,representative,liaison";
    if ((top = calloc((size_t)n, sizeof *top)) == NULL) {
        fprintf(stderr, "brokers: out of memory\n");
        goto cleanup;
    }
    if ((ds = pg_dataset_load_file(argv[1], &err)) == NULL || (g = pg_graph_build_view(ds, &view, &err)) == NULL ||
        pg_graph_analyse(g, &opt, &err) != PG_OK) {
        fprintf(stderr, "brokers: %s\n", pg_error_format(&err, line, sizeof line));
        goto cleanup;
    }
    const double *betweenness = pg_graph_metric(g, "betweenness"), *constraint = pg_graph_metric(g, "constraint");
    const double *gatekeeper = pg_graph_metric(g, "gatekeeper"), *representative = pg_graph_metric(g, "representative");
    const double *liaison = pg_graph_metric(g, "liaison");
    size_t got = pg_graph_top(g, "betweenness", (size_t)n, top);
    for (size_t i = 0; i < got; i++) {
        size_t v = top[i];
        printf("%zu\t%s", i + 1, pg_graph_node_id(g, v));
        value(betweenness[v]);
        value(constraint[v]);
        value(gatekeeper[v]);
        value(representative[v]);
        value(liaison[v]);
        printf("\t%s\n", pg_graph_node_label(g, v));
    }
    status = 0;
cleanup:
    pg_graph_free(g);
    pg_dataset_free(ds);
    free(top);
    return status;
}
