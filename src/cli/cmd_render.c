/* cmd_render.c - `partygraph render FILE...`: load, build a view, analyse and
 * draw it with Graphviz's library into graph.svg (and graph.png,
 * graph.pdf with --format) in a directory, all or nothing, with the same
 * file names as `build --formats svg,png,pdf`; then list the files. */
#include <stdio.h>

#include "cli/cli.h"

const char cmd_render_usage[] =
    "usage: partygraph render [options] FILE...\n"
    "\n"
    "Loads FILE (\"-\" reads standard input; several FILEs: CSV or TSV tables, read\n"
    "as one folder of tables), builds and analyses a view of it as\n"
    "`build` does, and draws it into DIR with Graphviz's library, no Graphviz command\n"
    "needed:\n"
    "  graph.svg   each node's group titled with its entity id, names as tooltips\n"
    "  graph.png   the same picture as an image\n"
    "  graph.pdf   the same picture for print\n"
    "Colours follow the communities, sizes --size-by, labels --labels; a legend and\n"
    "a title with the view and the date window. Positions are the --layout (with\n"
    "--layout none, Graphviz's sfdp). Files appear together or not at all.\n"
    "\n"
    "examples:\n"
    "  partygraph render data.json --format svg,png\n"
    "      the picture into partygraph-render/\n"
    "  partygraph render data.json --view parties --format pdf -o parties/\n"
    "      the parties' network, for print\n"
    "\n"
    "options:\n";

/* The files written, one per line. */
static void list_files(const cli_args *a)
{
    for (int f = 0; f < PG_FORMAT_COUNT; f++)
        if (a->formats & (1u << f))
            printf("%s/%s\n", a->dir, pg_format_filename((pg_format)f));
}

int cmd_render(int argc, char **argv)
{
    cli_args a;
    int code = EXIT_OK;
    cli_args_init(&a);
    a.dir = "partygraph-render";
    a.formats = 1u << PG_FORMAT_SVG;
    a.always = 0; /* the pictures only */
    int rc = cli_parse(argc, argv, CLI_RENDER | CLI_VIEW | CLI_ANALYSIS, cmd_render_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (!cli_inputs_ok(&a, a.npositional))
        return cli_usage_error("render", "render takes one FILE, or several table files (.csv, .tsv)");
    cli_progress_start(&a);
    pg_dataset *ds = cli_load_inputs(&a, a.npositional, 1, &code);
    pg_graph *g = ds ? cli_analyse(ds, &a, &code) : NULL;
    if (g)
        code = cli_write_outputs(&a, g);
    if (code == EXIT_OK && !a.quiet)
        list_files(&a);
    pg_graph_free(g);
    pg_dataset_free(ds);
    return code;
}
