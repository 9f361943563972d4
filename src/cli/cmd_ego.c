/* cmd_ego.c - `partygraph ego FILE ID`: the ego network of one entity in
 * a view, written like `build` (plus ego.json), and the ego report on
 * stdout. */
#include <stdio.h>

#include "cli/cli.h"

const char cmd_ego_usage[] =
    "usage: partygraph ego [options] FILE ID\n"
    "\n"
    "Builds a view of FILE, cuts out the nodes within --radius hops of the entity ID\n"
    "and the edges among them, analyses that ego network and writes it like `build`\n"
    "does, with ego.json: the alters by kind, country, region, family, ruling status\n"
    "and mechanism, each alter's ties to ID (contacts, first and last date), and the\n"
    "ego's brokerage. The same report is printed on stdout. With --no-ego the ego and\n"
    "its edges are left out once the network is cut, so the measures describe the\n"
    "alters among themselves; there is no ego report then, and the summary `build`\n"
    "prints is printed instead.\n"
    "\n"
    "examples:\n"
    "  partygraph ego data.json cpv --radius 2\n"
    "      the network two hops around cpv, and its report\n"
    "  partygraph ego data.json cpc --no-ego -o cpc-alters/\n"
    "      the CPC's alters among themselves, without the CPC\n"
    "\n"
    "options:\n";

/* The ego report on stdout (the build summary with --no-ego), then where
 * the files went, as build says it. */
static int report(const pg_graph *g, const cli_args *a, const pg_analysis_options *opt)
{
    pg_error err;
    pg_status st;
    if (a->no_ego)
        cli_print_summary(g, opt, NULL, 0);
    else if ((st = pg_write(g, PG_FORMAT_EGO_TEXT, stdout, &err)) != PG_OK) {
        cli_print_problem(&err);
        return cli_exit_code(st);
    }
    if (!cli_files_named(a)) {
        putchar('\n');
        cli_print_wrote(g, a->dir, cli_dir_formats(a));
    }
    return EXIT_OK;
}

static int ego(const pg_dataset *ds, const cli_args *a, const char *id)
{
    pg_error err;
    int code = EXIT_OK;
    pg_graph *view = cli_build_view(ds, a, &err);
    pg_ego_options eo = { a->radius, a->no_ego };
    pg_graph *g = view ? pg_graph_ego_opts(view, id, &eo, &err) : NULL;
    pg_graph_free(view);
    pg_analysis_options opt = cli_analysis_options(a);
    pg_status st = g ? pg_graph_analyse(g, &opt, &err) : err.status;
    if (st != PG_OK) {
        cli_print_problem(&err);
        pg_graph_free(g);
        return cli_exit_code(st);
    }
    code = cli_write_outputs(a, g);
    if (code == EXIT_OK && !a->quiet && !cli_stdout_taken(a))
        code = report(g, a, &opt);
    pg_graph_free(g);
    return code;
}

int cmd_ego(int argc, char **argv)
{
    cli_args a;
    int code = EXIT_OK;
    cli_args_init(&a);
    a.dir = "partygraph-ego";
    int rc = cli_parse(argc, argv, CLI_OUTPUT | CLI_VIEW | CLI_ANALYSIS | CLI_EGO, cmd_ego_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (a.npositional != 2)
        return cli_usage_error("ego", "ego takes a FILE and an ID");
    if ((rc = cli_check_outputs(&a, "ego")) != EXIT_OK)
        return rc;
    cli_progress_start(&a);
    pg_dataset *ds = cli_load(&a, 1, &code);
    if (ds)
        code = ego(ds, &a, a.positional[1]);
    pg_dataset_free(ds);
    return code;
}
