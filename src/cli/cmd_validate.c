/* cmd_validate.c - `partygraph validate FILE...`: every problem of a dataset,
 * one line each on stderr; exit 1 when there is any error. */
#include <stdio.h>

#include <string.h>

#include "cli/cli.h"

const char cmd_validate_usage[] =
    "usage: partygraph validate [options] FILE...\n"
    "\n"
    "Checks FILE (\"-\" reads standard input; partygraph/1, or a graph another tool\n"
    "wrote: see --input-format; several FILEs: CSV or TSV tables, read as one\n"
    "folder of tables) against the partygraph/1 format and\n"
    "lists every problem on stderr as FILE:LINE:COL or FILE: JSON-PATH, then a count.\n"
    "On success prints what the file holds. Exits 0 when valid (warnings allowed),\n"
    "1 when invalid, 3 when FILE cannot be read.\n"
    "\n"
    "examples:\n"
    "  partygraph validate data.json\n"
    "      every problem of a dataset, one per line, then a count\n"
    "  partygraph validate data.json.gz\n"
    "      a gzip-compressed file needs no option\n"
    "  gzip -dc data.json.gz | partygraph validate -\n"
    "      standard input too\n"
    "\n"
    "options:\n";

/* The noun for a count of `n`: "1 relation", "2 relations". */
static const char *noun(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_contents(const pg_dataset *ds)
{
    pg_input_format f = pg_dataset_input_format(ds);
    char from[64] = "";
    if (f != PG_INPUT_PARTYGRAPH)
        snprintf(from, sizeof from, " (read from %s)", pg_input_format_name(f));
    size_t count[PG_KIND_COUNT];
    char kinds[256], shown[260] = "";
    for (int k = 0; k < PG_KIND_COUNT; k++)
        count[k] = pg_dataset_kind_count(ds, (pg_kind)k);
    cli_kind_counts(count, kinds, sizeof kinds);
    if (kinds[0] != '\0') /* none when there is no entity */
        snprintf(shown, sizeof shown, " (%s)", kinds);
    size_t entities = pg_dataset_entity_count(ds), relations = pg_dataset_relation_count(ds),
           sources = pg_dataset_source_count(ds);
    printf("%s: valid partygraph/1%s: %zu %s%s, %zu %s, %zu %s\n", pg_dataset_file(ds), from, entities,
           noun(entities, "entity", "entities"), shown, relations, noun(relations, "relation", "relations"), sources,
           noun(sources, "source", "sources"));
}

int cmd_validate(int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a);
    int rc = cli_parse(argc, argv, CLI_VALIDATE, cmd_validate_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (!cli_inputs_ok(&a, a.npositional))
        return cli_usage_error("validate", "validate takes one FILE, or several table files (.csv, .tsv)");
    cli_tally tally = { 0 };
    pg_load_options opt = cli_load_options(&a, 0, &tally);
    opt.progress = NULL;
    pg_error err;
    pg_dataset *ds = pg_dataset_load_files((const char *const *)a.positional, (size_t)a.npositional, &opt, &err);
    if (ds == NULL) {
        const char *input = strcmp(a.positional[0], "-") == 0 ? err.file : a.positional[0]; /* not a table's */
        if (err.status == PG_EINVALID)
            cli_message("%s: %ld error%s, %ld warning%s", input, tally.errors, tally.errors == 1 ? "" : "s",
                        tally.warnings, tally.warnings == 1 ? "" : "s");
        return cli_exit_code(err.status);
    }
    if (!a.quiet)
        print_contents(ds);
    pg_dataset_free(ds);
    return EXIT_OK;
}
