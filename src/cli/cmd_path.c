/* cmd_path.c - `partygraph path FILE A B`: the shortest paths between two
 * entities of a view, through names and relation types. */
#include <stdio.h>

#include "cli/cli.h"

const char cmd_path_usage[] =
    "usage: partygraph path [options] FILE A B\n"
    "\n"
    "Builds a view of FILE and prints the shortest paths (all of them, up to 20)\n"
    "between the entities with ids A and B, each step with its relation types.\n"
    "Paths count hops, or with --weighted add up 1/weight.\n"
    "\n"
    "examples:\n"
    "  partygraph path data.json cpv psoe\n"
    "      the shortest paths between two entities, step by step\n"
    "  partygraph path data.json cpv psoe --weighted\n"
    "      paths that favour heavy ties (adding up 1/weight)\n"
    "\n"
    "options:\n";

int cmd_path(int argc, char **argv)
{
    cli_args a;
    int code = EXIT_OK;
    cli_args_init(&a);
    int rc = cli_parse(argc, argv, CLI_VIEW | CLI_PATH, cmd_path_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (a.npositional != 3)
        return cli_usage_error("path", "path takes a FILE and two ids");
    cli_progress_start(&a);
    pg_dataset *ds = cli_load(&a, 1, &code);
    pg_error err;
    pg_graph *g = ds ? cli_build_view(ds, &a, &err) : NULL;
    pg_status st = g ? pg_write_paths(g, a.positional[1], a.positional[2], a.analysis.weighted_paths, stdout, &err)
                     : ds ? err.status : PG_OK;
    if (st != PG_OK) {
        cli_print_problem(&err);
        code = cli_exit_code(st);
    }
    pg_graph_free(g);
    pg_dataset_free(ds);
    return code;
}
