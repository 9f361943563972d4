/* test_workbook.c - workbooks into tables, on the small files of
 * tests/data/workbooks/ (written by its make.py, which says what each
 * holds): the same sheets from .xlsx and .ods, shaped alike (a header
 * starting at B2, an empty row skipped, a styled empty column dropped),
 * cells typed and placed; the 1904 date system; the files that are not
 * workbooks, each with its message. Run from the top of the checkout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "input/workbook.h"

#define DIR "tests/data/workbooks/"

/* Reads workbook `name` of DIR into *t; the status (-3: no such file). */
static int read_file(const char *name, pg_tables *t, pg_workbook_error *e)
{
    char path[256], *data = NULL;
    snprintf(path, sizeof path, DIR "%s", name);
    FILE *f = fopen(path, "rb");
    long len = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    int status = -3;
    if (len >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)len + 1)) != NULL &&
        fread(data, 1, (size_t)len, f) == (size_t)len)
        status = pg_workbook_read(data, (size_t)len, path, t, e);
    if (f != NULL)
        fclose(f);
    free(data);
    return status;
}

/* The cell of `t` at sheet place `row`, `col`, or NULL. */
static const pg_cell *at(const pg_table *t, long row, long col)
{
    for (size_t i = 0; i < t->ncols * (t->nrows + 1); i++) {
        const pg_cell *c = i < t->ncols ? &t->header[i] : &t->cells[i - t->ncols];
        if (c->at.line == row && c->at.column == col)
            return c;
    }
    return NULL;
}

static bool holds(const pg_table *t, long row, long col, pg_cell_type type, const char *text)
{
    const pg_cell *c = at(t, row, col);
    return c != NULL && c->type == type && c->typed && strcmp(c->text, text) == 0;
}

static void parties(const char *name)
{
    pg_tables t = PG_TABLES_INIT;
    pg_workbook_error e;
    char what[128], where[64];
    int rc = read_file(name, &t, &e);
    snprintf(what, sizeof what, "%s: two sheets, in order", name);
    CHECK(rc == 0 && t.items.len == 2 && strcmp(t.items.items[0].name, "parties") == 0 &&
              strcmp(t.items.items[1].name, "about") == 0 && e.nwarnings == 0,
          what);
    if (rc != 0 || t.items.len != 2)
        return pg_tables_free(&t);
    const pg_table *p = &t.items.items[0];
    snprintf(what, sizeof what, "%s: from B2, 7 columns (A empty, L styled but empty: dropped), 2 rows", name);
    CHECK(p->ncols == 7 && p->nrows == 2 && p->in_sheet && p->header[1].at.line == 2, what);
    snprintf(what, sizeof what, "%s: text, date, number, boolean cells typed", name);
    CHECK(holds(p, 2, 2, PG_CELL_TEXT, "id") && holds(p, 3, 4, PG_CELL_DATE, "1921-07-23") &&
              holds(p, 3, 5, PG_CELL_NUMBER, "2980") && holds(p, 3, 6, PG_CELL_BOOL, "true") &&
              holds(p, 5, 5, PG_CELL_NUMBER, "120.5") && holds(p, 5, 4, PG_CELL_DATE, "1879-05-02") &&
              holds(p, 5, 3, PG_CELL_TEXT, "Partido Socialista Obrero Espa\xc3\xb1ol"),
          what);
    snprintf(what, sizeof what, "%s: the empty row 4 skipped; a missing cell empty, in its place", name);
    CHECK(p->cells[0].at.line == 3 && p->cells[p->ncols].at.line == 5 && at(p, 3, 7) != NULL &&
              at(p, 3, 7)->type == PG_CELL_EMPTY,
          what);
    snprintf(what, sizeof what, "%s: a cell's place", name);
    CHECK_STR(pg_table_where(p, at(p, 5, 7), where, sizeof where), "parties!G5", what);
    pg_tables_free(&t);
}

static void date1904(void)
{
    pg_tables t = PG_TABLES_INIT;
    pg_workbook_error e;
    int rc = read_file("mac1904.xlsx", &t, &e);
    CHECK(rc == 0 && t.items.len == 1 && holds(&t.items.items[0], 2, 2, PG_CELL_DATE, "2024-02-29"),
          "a date of the 1904 date system");
    pg_tables_free(&t);
}

static void refused(void)
{
    static const struct {
        const char *file, *where, *reason;
    } cases[] = {
        { "notazip.xlsx", "", "an .xlsx or .ods file is a zip archive" },
        { "encrypted.xlsx", "", "password-protected" },
        { "malformed.xlsx", "xl/worksheets/sheet1.xml:3:", "malformed XML: Opening and ending tag mismatch" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pg_tables t = PG_TABLES_INIT;
        pg_workbook_error e;
        int rc = read_file(cases[i].file, &t, &e);
        CHECK(rc == -1 && strncmp(e.error.where, cases[i].where, strlen(cases[i].where)) == 0 &&
                  (cases[i].where[0] != '\0' || e.error.where[0] == '\0') &&
                  strstr(e.error.reason, cases[i].reason) != NULL && t.items.len == 0,
              cases[i].file);
        pg_tables_free(&t);
    }
}

void run_tests(void)
{
    parties("parties.xlsx");
    parties("parties.ods");
    date1904();
    refused();
}
