/* ego.c - a party's ego report through libpartygraph: the entity's
 * neighbourhood in the full network, analysed, printed as the same text
 * report that `partygraph ego --layout none DATASET ID --radius R` prints
 * on stdout.
 *
 *   ./ego DATASET.json ID [RADIUS]      RADIUS: hops (1 to 1000), default 1
 *
 * Exit status: 0; 1 with the library's one-line error (an unknown id,
 * a bad dataset); 2 for bad arguments. */
#include <partygraph.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    pg_error err = { 0 };
    pg_dataset *ds = NULL;
    pg_graph *full = NULL, *ego = NULL;
    pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
    char line[1400];
    int status = 1;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: ego DATASET.json ID [RADIUS]\n");
        return 2;
    }
    char *end = NULL;
    long radius = argc == 4 ? strtol(argv[3], &end, 10) : 1;
    if (radius < 1 || radius > 1000 || (end != NULL && *end != '\0')) {
        fprintf(stderr, "ego: RADIUS must be a whole number from 1 to 1000, not '%s'\n", argv[3]);
        return 2;
    }
    opt.layout = PG_LAYOUT_NONE;
    if ((ds = pg_dataset_load_file(argv[1], &err)) == NULL || (full = pg_graph_build(ds, &err)) == NULL ||
        (ego = pg_graph_ego(full, argv[2], (int)radius, &err)) == NULL || pg_graph_analyse(ego, &opt, &err) != PG_OK ||
        pg_write(ego, PG_FORMAT_EGO_TEXT, stdout, &err) != PG_OK) {
        fprintf(stderr, "ego: %s\n", pg_error_format(&err, line, sizeof line));
        goto cleanup;
    }
    status = 0;
cleanup:
    pg_graph_free(ego); /* a copy: it does not borrow `full` */
    pg_graph_free(full);
    pg_dataset_free(ds);
    return status;
}
