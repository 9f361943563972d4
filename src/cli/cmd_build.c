/* cmd_build.c - `partygraph build FILE`: load, validate, analyse, then
 * write graph.graphml, graph.dot, nodes.csv, edges.csv and summary.json
 * into a directory (all or nothing), or only the files asked for with
 * --graphml/--dot, and print a readable summary. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_build_usage[] =
    "usage: partygraph build [options] FILE\n"
    "\n"
    "Loads FILE (\"-\" reads standard input), builds the merged relationship network,\n"
    "computes the node metrics and communities, and writes into DIR:\n"
    "  graph.graphml  Gephi, NetworkX, igraph (typed keys, r/g/b/size for Gephi)\n"
    "  graph.dot      Graphviz: sfdp -Tsvg DIR/graph.dot -o graph.svg\n"
    "  nodes.csv      one row per node: id, label, kind, metrics, attributes\n"
    "  edges.csv      one row per merged edge\n"
    "  summary.json   counts, structure, communities, top 10 per centrality\n"
    "Files appear together or not at all; a failed run leaves DIR as it was.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     output directory (default: partygraph-out)\n"
    "      --graphml FILE   write only the GraphML, to FILE (\"-\": stdout)\n"
    "      --dot FILE       write only the DOT, to FILE (\"-\": stdout)\n"
    "      --weighted       path metrics use distance = 1/weight (default: hops)\n"
    "      --cluster ALG    louvain (default) or leiden\n"
    "      --resolution R   modularity resolution (default 1)\n"
    "      --restarts N     seeded runs, best modularity kept (default 10)\n"
    "      --seed N         first random seed (default 42)\n"
    "  -q, --quiet          no summary on stdout\n"
    "  -h, --help           this help\n";

typedef struct build_args {
    const char *input;
    const char *dir;
    const char *graphml; /* only-this-file targets; NULL = not asked */
    const char *dot;
    bool quiet;
    pg_analysis_options analysis;
} build_args;

enum { OPT_GRAPHML = 256, OPT_DOT, OPT_WEIGHTED, OPT_CLUSTER, OPT_RESOLUTION, OPT_RESTARTS, OPT_SEED };

static int set_option(build_args *a, int c, const char *value)
{
    long n;
    switch (c) {
    case 'o': a->dir = value; break;
    case 'q': a->quiet = true; break;
    case OPT_GRAPHML: a->graphml = value; break;
    case OPT_DOT: a->dot = value; break;
    case OPT_WEIGHTED: a->analysis.weighted_paths = 1; break;
    case OPT_CLUSTER:
        if (pg_cluster_parse(value, &a->analysis.cluster) != PG_OK)
            return cli_usage_error("build", "--cluster must be louvain or leiden, not '%s'", value);
        break;
    case OPT_RESOLUTION:
        if (!cli_parse_double(value, &a->analysis.resolution) || !(a->analysis.resolution > 0))
            return cli_usage_error("build", "--resolution must be a number > 0, not '%s'", value);
        break;
    case OPT_RESTARTS:
        if (!cli_parse_long(value, 1, 100000, &n))
            return cli_usage_error("build", "--restarts must be an integer from 1 to 100000, not '%s'", value);
        a->analysis.restarts = (int)n;
        break;
    case OPT_SEED:
        if (!cli_parse_long(value, 0, 2147483647L, &n))
            return cli_usage_error("build", "--seed must be an integer from 0 to 2147483647, not '%s'", value);
        a->analysis.seed = (unsigned long)n;
        break;
    }
    return EXIT_OK;
}

static int parse_args(int argc, char **argv, build_args *a)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' }, { "graphml", required_argument, NULL, OPT_GRAPHML },
        { "dot", required_argument, NULL, OPT_DOT }, { "weighted", no_argument, NULL, OPT_WEIGHTED },
        { "cluster", required_argument, NULL, OPT_CLUSTER }, { "resolution", required_argument, NULL, OPT_RESOLUTION },
        { "restarts", required_argument, NULL, OPT_RESTARTS }, { "seed", required_argument, NULL, OPT_SEED },
        { NULL, 0, NULL, 0 },
    };
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd_build_usage, stdout);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option("build", c, argv);
        if ((rc = set_option(a, c, optarg)) != EXIT_OK)
            return rc;
    }
    if (argc - optind != 1)
        return cli_usage_error("build", "build takes exactly one FILE");
    a->input = argv[optind];
    if (a->graphml && a->dot && strcmp(a->graphml, a->dot) == 0)
        return cli_usage_error("build", "--graphml and --dot name the same file '%s'", a->dot);
    return EXIT_OK;
}

/* Writes format `f` of `g` to `path` as part of output set `out`. */
static pg_status write_one(pg_output *out, const pg_graph *g, pg_format f, const char *path, pg_error *err)
{
    FILE *stream = pg_output_open(out, path, err);
    return stream ? pg_write(g, f, stream, err) : err->status;
}

static pg_status write_dir(pg_output *out, const pg_graph *g, const char *dir, pg_error *err)
{
    pg_status st = pg_output_mkdir(out, dir, err);
    for (int f = 0; f < PG_FORMAT_COUNT && st == PG_OK; f++) {
        char path[4096];
        if (!pg_format_available(g, (pg_format)f) || f == PG_FORMAT_EGO_TEXT)
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, pg_format_filename((pg_format)f)) >= (int)sizeof path) {
            snprintf(err->message, sizeof err->message, "the output directory name is too long");
            return err->status = PG_EIO;
        }
        st = write_one(out, g, (pg_format)f, path, err);
    }
    return st;
}

static pg_status write_outputs(const build_args *a, const pg_graph *g, pg_error *err)
{
    pg_output *out = pg_output_new();
    pg_status st = PG_OK;
    if (out == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = PG_ENOMEM;
    }
    if (a->graphml)
        st = write_one(out, g, PG_FORMAT_GRAPHML, a->graphml, err);
    if (st == PG_OK && a->dot)
        st = write_one(out, g, PG_FORMAT_DOT, a->dot, err);
    if (st == PG_OK && !a->graphml && !a->dot)
        st = write_dir(out, g, a->dir, err);
    if (st == PG_OK)
        st = pg_output_commit(out, err);
    pg_output_free(out);
    return st;
}

static bool stdout_taken(const build_args *a)
{
    return (a->graphml && strcmp(a->graphml, "-") == 0) || (a->dot && strcmp(a->dot, "-") == 0);
}

int cmd_build(int argc, char **argv)
{
    build_args a = { NULL, "partygraph-out", NULL, NULL, false, PG_ANALYSIS_OPTIONS_INIT };
    int rc = parse_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    cli_tally tally = { 0, 0 };
    pg_load_options load = { 1, cli_on_problem, &tally };
    pg_error err = { 0 };
    pg_graph *g = NULL;
    cli_progress_start();
    pg_dataset *ds = pg_dataset_load_file_opts(a.input, &load, &err);
    if (ds == NULL)
        return cli_exit_code(err.status); /* cli_on_problem printed why */
    cli_progress("loaded %zu entities and %zu relations", pg_dataset_entity_count(ds), pg_dataset_relation_count(ds));
    g = pg_graph_build(ds, &err);
    pg_status st = g ? pg_graph_analyse(g, &a.analysis, &err) : err.status;
    if (st == PG_OK) {
        cli_progress("analysed %zu nodes and %zu edges", pg_graph_node_count(g), pg_graph_edge_count(g));
        st = write_outputs(&a, g, &err);
    }
    if (st != PG_OK)
        cli_print_problem(&err);
    else if (!a.quiet && !stdout_taken(&a))
        cli_print_summary(g, &a.analysis, a.graphml || a.dot ? NULL : a.dir);
    pg_graph_free(g);
    pg_dataset_free(ds);
    return cli_exit_code(st);
}
