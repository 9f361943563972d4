/* cmd_convert.c - `partygraph convert IN... OUT`: any input that build reads,
 * written as canonical partygraph/1 JSON, as a folder of tables or as an
 * .xlsx or .ods workbook, all or nothing (pg_output). Also the writing that
 * `init` shares (cli_write_dataset). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

const char cmd_convert_usage[] =
    "usage: partygraph convert [options] IN... OUT\n"
    "\n"
    "Reads IN (any input build reads; \"-\" reads standard input; several INs: CSV or\n"
    "TSV tables, read as one folder of tables) and writes what it holds to OUT, by\n"
    "OUT's name:\n"
    "  NAME.json   canonical partygraph/1 JSON: fixed key order, two-space indent\n"
    "  -           the same on standard output\n"
    "  DIR/        a folder of tables: about.csv and one CSV per array that has records\n"
    "  NAME.xlsx   an Excel workbook with the same tables as sheets\n"
    "  NAME.ods    an OpenDocument spreadsheet (LibreOffice), the same sheets\n"
    "OUT appears whole or not at all; IN itself is never overwritten.\n"
    "\n"
    "examples:\n"
    "  partygraph convert data.json tables/\n"
    "      a folder of CSV tables to edit\n"
    "  partygraph convert tables/ data.xlsx\n"
    "      the same tables as an Excel workbook\n"
    "  partygraph convert data.xlsx -\n"
    "      back to canonical partygraph/1 JSON, on stdout\n"
    "\n"
    "options:\n";

/* Does `s` end with `suffix`? */
static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The forms by the end of OUT's name. */
static const struct {
    const char *suffix;
    cli_dataset_form form;
} forms[] = {
    { ".json", CLI_FORM_JSON },
    { "/", CLI_FORM_TABLES },
    { ".xlsx", CLI_FORM_XLSX },
    { ".ods", CLI_FORM_ODS },
};

cli_dataset_form cli_dataset_form_of(const char *out)
{
    if (strcmp(out, "-") == 0)
        return CLI_FORM_JSON;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (ends_with(out, forms[i].suffix))
            return forms[i].form;
    return CLI_FORM_NONE;
}

/* A form written as one file: JSON or a workbook. */
static pg_status write_whole(const pg_dataset *ds, cli_dataset_form form, bool every, FILE *f, pg_error *err)
{
    switch (form) {
    case CLI_FORM_XLSX: return pg_dataset_write_xlsx(ds, every, f, err);
    case CLI_FORM_ODS: return pg_dataset_write_ods(ds, every, f, err);
    default: return pg_dataset_write_json(ds, f, err);
    }
}

/* A writer's PG_EIO said again with the target's name. */
static pg_status name_target(pg_error *err, const char *path)
{
    char reason[256];
    const char *colon = strrchr(err->message, ':');
    snprintf(reason, sizeof reason, "%s", colon ? colon : "");
    snprintf(err->message, sizeof err->message, "cannot write '%s'%s", strcmp(path, "-") ? path : "standard output",
             reason);
    return PG_EIO;
}

/* One file of the set: JSON, one table, or the workbook. */
static pg_status write_file(pg_output *o, const pg_dataset *ds, const char *path, const char *table, bool every,
                            pg_error *err)
{
    FILE *f = pg_output_open(o, path, err);
    pg_status st = f == NULL ? err->status
                   : table   ? pg_dataset_write_table(ds, table, every, f, err)
                             : write_whole(ds, cli_dataset_form_of(path), every, f, err);
    return f && st == PG_EIO ? name_target(err, path) : st;
}

/* A table with no rows is not written: PG_EARG when a file of its name
 * is there already (another dataset's table, which reading the folder
 * would take for this one's). */
static pg_status no_stale_table(const char *path, pg_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return PG_OK;
    snprintf(err->message, sizeof err->message,
             "'%.600s' is there already and this dataset has no such table: remove it, or convert into an empty folder",
             path);
    return err->status = PG_EARG;
}

/* The tables folder `dir` (ending in '/'): every table that has rows, or
 * every table with `every`. */
static pg_status write_tables(pg_output *o, const pg_dataset *ds, const char *dir, bool every, pg_error *err)
{
    char path[4096];
    const char *name;
    pg_status st = pg_output_mkdir(o, dir, err);
    for (int i = 0; st == PG_OK && (name = pg_dataset_table_name(i)) != NULL; i++) {
        if (snprintf(path, sizeof path, "%s%s.csv", dir, name) >= (int)sizeof path) {
            snprintf(err->message, sizeof err->message, "the output folder's name is too long");
            return err->status = PG_EIO;
        }
        if (every || pg_dataset_table_rows(ds, name) > 0)
            st = write_file(o, ds, path, name, every, err);
        else
            st = no_stale_table(path, err);
    }
    return st;
}

pg_status cli_write_dataset(pg_output *o, const pg_dataset *ds, const char *out, bool every, pg_error *err)
{
    if (cli_dataset_form_of(out) == CLI_FORM_TABLES)
        return write_tables(o, ds, out, every, err);
    return write_file(o, ds, out, NULL, every, err);
}

/* Protects the `n` inputs `in` from being written over by `o`. */
static pg_status protect(pg_output *o, char *const *in, int n, pg_error *err)
{
    pg_status st = PG_OK;
    for (int i = 0; st == PG_OK && i < n; i++)
        st = pg_output_protect(o, in[i], err);
    return st;
}

/* Writes `ds` to `out` as one output set, the `n` inputs `in` protected.
 * Returns an exit code, after printing any error. */
static int convert(const pg_dataset *ds, char *const *in, int n, const char *out)
{
    pg_error err = { 0 };
    pg_output *o = pg_output_new();
    pg_status st = o ? protect(o, in, n, &err) : PG_ENOMEM;
    if (st == PG_OK)
        st = cli_write_dataset(o, ds, out, false, &err);
    if (st == PG_OK)
        st = pg_output_commit(o, &err);
    pg_output_free(o);
    if (st == PG_ENOMEM && !err.message[0])
        snprintf(err.message, sizeof err.message, "out of memory");
    if (st != PG_OK)
        cli_print_problem(&err);
    return cli_exit_code(st);
}

int cmd_convert(int argc, char **argv)
{
    cli_args a;
    int code = EXIT_OK;
    cli_args_init(&a);
    int rc = cli_parse(argc, argv, CLI_VALIDATE, cmd_convert_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (a.npositional < 2 || !cli_inputs_ok(&a, a.npositional - 1))
        return cli_usage_error("convert", "convert takes IN and OUT (IN: one file, or several table files: .csv, "
                               ".tsv)");
    const char *out = a.positional[a.npositional - 1];
    if (cli_dataset_form_of(out) == CLI_FORM_NONE)
        return cli_usage_error("convert", "OUT must end in .json, .xlsx, .ods or / (a folder of tables), or be -");
    pg_dataset *ds = cli_load_inputs(&a, a.npositional - 1, 1, &code);
    if (ds)
        code = convert(ds, a.positional, a.npositional - 1, out);
    pg_dataset_free(ds);
    return code;
}
