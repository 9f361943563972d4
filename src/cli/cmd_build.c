/* cmd_build.c - `partygraph build FILE...`: load, build a view, analyse,
 * write graph.graphml, graph.dot, nodes.csv, edges.csv and summary.json
 * (and metrics_by_period.csv with --window) into a directory, all or
 * nothing, or only the files asked for with --graphml, --dot, --nodelink
 * and --cytoscape; then print a readable summary. */
#include <stdio.h>

#include "cli/cli.h"

const char cmd_build_usage[] =
    "usage: partygraph build [options] FILE...\n"
    "\n"
    "Loads FILE (\"-\" reads standard input; several FILEs: CSV or TSV tables, read\n"
    "as one folder of tables), builds a view of it, computes the node\n"
    "metrics, communities and structure reports, and writes into DIR:\n"
    "  graph.graphml          Gephi, NetworkX, igraph (typed keys, r/g/b/size for Gephi)\n"
    "  graph.dot              Graphviz: neato -n -Tsvg DIR/graph.dot -o graph.svg (or sfdp)\n"
    "  nodes.csv, edges.csv   one row per node, per edge\n"
    "  summary.json           counts, structure, communities, homophily, top 10s\n"
    "  metrics_by_period.csv  with --window: every ranked metric per period\n"
    "  graph.nodelink.json    with --formats nodelink: NetworkX, D3 (node-link JSON)\n"
    "  graph.cyjs             with --formats cytoscape: Cytoscape.js, Cytoscape\n"
    "  graph.gexf             with --formats gexf: Gephi, with its timeline\n"
    "  report.html            with --formats html: the drawing, search, sortable tables, offline\n"
    "  graph.svg, .png, .pdf  with --formats svg,png,pdf: the picture `render` draws\n"
    "Files appear together or not at all; a failed run leaves DIR as it was.\n"
    "\n"
    "examples:\n"
    "  partygraph build examples/cpc-interparty.json\n"
    "      the bundled dataset: its files into partygraph-out/, a summary on stdout\n"
    "  partygraph build data.json --view parties --window 1y -o by-year/\n"
    "      parties tied by shared events and mechanisms, one analysis per year\n"
    "  partygraph build data.json --dot - | neato -n -Tsvg > graph.svg\n"
    "      the DOT on stdout, drawn by Graphviz in partygraph's layout\n"
    "  partygraph build - --formats gexf,html < data.json.gz\n"
    "      standard input, gzip or not; GEXF for Gephi and an HTML report\n"
    "\n"
    "options:\n";

int cmd_build(int argc, char **argv)
{
    cli_args a;
    int code = EXIT_OK;
    cli_args_init(&a);
    int rc = cli_parse(argc, argv, CLI_OUTPUT | CLI_VIEW | CLI_ANALYSIS | CLI_PERIODS, cmd_build_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (!cli_inputs_ok(&a, a.npositional))
        return cli_usage_error("build", "build takes one FILE, or several table files (.csv, .tsv)");
    if ((rc = cli_check_outputs(&a, "build")) != EXIT_OK)
        return rc;
    cli_progress_start(&a);
    pg_dataset *ds = cli_load_inputs(&a, a.npositional, 1, &code);
    pg_graph *g = ds ? cli_analyse(ds, &a, &code) : NULL;
    if (g)
        code = cli_write_outputs(&a, g);
    if (code == EXIT_OK && !a.quiet && !cli_stdout_taken(&a))
        cli_print_summary(g, &a.analysis, cli_files_named(&a) ? NULL : a.dir, cli_dir_formats(&a));
    pg_graph_free(g);
    pg_dataset_free(ds);
    return code;
}
