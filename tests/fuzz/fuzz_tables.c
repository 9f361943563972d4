/* fuzz_tables.c - libFuzzer harness: the tabular inputs on arbitrary
 * bytes. The bytes are read as one table file (CSV or TSV, the separator
 * detected, then forced to ';' and tab), as a participation log (with
 * --columns), and as whatever they are detected to be: a zip archive or
 * an OLE2 file is a workbook (.xlsx, .ods, refused .xls), so that the
 * workbook readers see every seed of the corpus's workbooks mutated.
 *
 * Checked beyond "no crash, leak or undefined behaviour": a failed load
 * names its status and says why; a dataset says it was read from tables.
 * Rules: nothing printed unless an invariant breaks, then abort(). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "partygraph.h"

static void broken(const char *what, const pg_error *err)
{
    char line[1400];
    fprintf(stderr, "fuzz_tables: %s (%s)\n", what, pg_error_format(err, line, sizeof line));
    abort();
}

/* Loads the bytes as a file named `name`, as tables (`format`) or as
 * detected (PG_INPUT_AUTO), with separator `sep` (0: detected) and
 * participation log columns `columns` (NULL: none). */
static void load_as(const char *data, size_t size, const char *name, pg_input_format format, char sep,
                    const char *columns)
{
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    opt.max_errors = 0;
    opt.input_format = format;
    opt.separator = sep;
    opt.columns = columns;
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(data, size, name, &opt, &err);
    if (ds == NULL && (err.status == PG_OK || err.message[0] == '\0'))
        broken("a failed load without a reason", &err);
    if (ds != NULL && format != PG_INPUT_AUTO && pg_dataset_input_format(ds) != format)
        broken("a table file read as another format", &err);
    pg_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    load_as(d, size, "parties.csv", PG_INPUT_TABLES, 0, NULL);
    load_as(d, size, "relations.csv", PG_INPUT_TABLES, ';', NULL);
    load_as(d, size, "edges.tsv", PG_INPUT_TABLES, '\t', NULL);
    load_as(d, size, "log.csv", PG_INPUT_TABLES, 0, "event=a,date=b,participant=c,mechanism=d");
    load_as(d, size, "book.xlsx", PG_INPUT_AUTO, 0, NULL);
    return 0;
}
