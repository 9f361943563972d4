/* test_csv.c - CSV and TSV into tables: separators detected, quoted
 * cells with separators, quotes and line breaks, CRLF, spaces kept,
 * short rows filled, the formula guard undone, and each cell's
 * line:column; the texts that are not CSV, each at its place. */
#include <string.h>

#include "harness.h"
#include "input/csv.h"

/* Reads `text` as table "t" with separator `delim` (0: detected) into
 * *out; the status. */
static int read(const char *text, char delim, pg_tables *out, pg_csv_error *e)
{
    return pg_csv_read(text, strlen(text), "t.csv", "t", delim, out, e);
}

static const char *text_at(const pg_tables *t, size_t row, size_t col)
{
    return pg_table_cell(&t->items.items[0], row, col)->text;
}

static void separators(void)
{
    CHECK(pg_csv_detect("a,b,c\n1;2;3", 11) == ',', "commas in the header: comma");
    CHECK(pg_csv_detect("a;b;\"c,d,e\"\n", 12) == ';', "semicolons outside quotes: semicolon (European Excel)");
    CHECK(pg_csv_detect("a\tb\tc\n", 6) == '\t', "tabs: tab");
    CHECK(pg_csv_detect("name\n", 5) == ',', "one column: comma");
}

static void cells(void)
{
    pg_tables t = PG_TABLES_INIT;
    pg_csv_error e;
    int rc = read("id;name;note\r\ncpc;\"Communist; Party\";\"says \"\"hi\"\"\r\ntwice\"\r\n\r\npsoe; PSOE \r\n", 0, &t,
                  &e);
    const pg_table *x = rc == 0 ? &t.items.items[0] : NULL;
    CHECK(x && x->ncols == 3 && x->nrows == 2, "3 columns, 2 rows (a blank line skipped)");
    if (x == NULL)
        return;
    CHECK_STR(x->header[1].text, "name", "the header names the columns");
    CHECK_STR(text_at(&t, 0, 1), "Communist; Party", "a separator inside quotes is text");
    CHECK_STR(text_at(&t, 0, 2), "says \"hi\"\r\ntwice", "doubled quotes and a line break inside quotes");
    CHECK_STR(text_at(&t, 1, 1), " PSOE ", "spaces are kept");
    CHECK(pg_table_cell(x, 1, 2)->type == PG_CELL_EMPTY, "a short row is filled with empty cells");
    CHECK(pg_table_cell(x, 0, 2)->at.line == 2 && pg_table_cell(x, 0, 2)->at.column == 24,
          "a cell's place: the line and column of its opening quote");
    CHECK(pg_table_cell(x, 1, 0)->at.line == 5 && pg_table_cell(x, 1, 0)->at.column == 1,
          "after a quoted line break and a blank line, lines still count");
    pg_tables_free(&t);
}

static void guard_and_places(void)
{
    pg_tables t = PG_TABLES_INIT;
    pg_csv_error e;
    int rc = read("\xc3\xa9t\xc3\xa9,x\n'=SUM(A1),'007\n", 0, &t, &e);
    CHECK(rc == 0, "a guarded formula reads");
    if (rc != 0)
        return;
    const pg_cell *f = pg_table_cell(&t.items.items[0], 0, 0), *z = pg_table_cell(&t.items.items[0], 0, 1);
    CHECK(strcmp(f->text, "=SUM(A1)") == 0 && f->typed && f->type == PG_CELL_TEXT,
          "the formula guard partygraph writes is undone, the cell typed as text");
    CHECK(strcmp(z->text, "'007") == 0 && !z->typed, "an apostrophe before anything else is data");
    CHECK(t.items.items[0].header[1].at.column == 5, "columns count characters, not bytes");
    char where[32];
    CHECK_STR(pg_table_where(&t.items.items[0], z, where, sizeof where), "2:11", "a CSV cell's place is line:column");
    pg_tables_free(&t);
}

static void refused(void)
{
    static const struct {
        const char *text;
        long line, column;
        const char *reason;
    } cases[] = {
        { "a,b\n1,2,3\n", 2, 5, "more cells than the header" },
        { "a,b\n1,\"open\n", 2, 3, "closing quote is missing" },
        { "a,b\n1,\xff\n", 2, 3, "malformed UTF-8" },
        { "", 1, 1, "no header line" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pg_tables t = PG_TABLES_INIT;
        pg_csv_error e = { { 0, 0 }, "" };
        int rc = read(cases[i].text, ',', &t, &e);
        CHECK(rc == -1 && e.at.line == cases[i].line && e.at.column == cases[i].column &&
                  strstr(e.reason, cases[i].reason) != NULL && t.items.len == 0,
              cases[i].reason);
        pg_tables_free(&t);
    }
}

static void sheet_places(void)
{
    pg_cell c = { PG_CELL_TEXT, true, "x", 0, { 12, 28 } };
    pg_table t = { "parties", "data.xlsx", true, 1, 0, &c, &c };
    char where[32];
    CHECK_STR(pg_table_where(&t, &c, where, sizeof where), "parties!AB12", "a sheet cell's place is Sheet!C12");
}

void run_tests(void)
{
    separators();
    cells();
    guard_and_places();
    refused();
    sheet_places();
}
