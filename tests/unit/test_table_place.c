/* test_table_place.c - problems of tabular inputs placed at their cells:
 * a JSON path into an element (and into a list in a cell) becomes the
 * cell of its table, FILE:LINE:COL for a CSV file and FILE:Sheet!C12 for
 * a sheet, with the column's header; a row's own problem is at its first
 * cell; the about table's rows; other problems are left alone. */
#include <string.h>

#include "harness.h"
#include "input/table_place.h"

/* A table of 2 columns (id, founded) and 3 rows; in a sheet when `sheet`:
 * cell (r, c) is at line r + 2, column 1 + 10 c (CSV), or row r + 2,
 * column c + 1 (a sheet). */
typedef struct fixture {
    pg_cell header[2], cells[6];
    pg_table t;
} fixture;

static void make(fixture *f, bool sheet)
{
    static const char *const names[] = { "id", "founded" };
    for (int c = 0; c < 2; c++)
        f->header[c] = (pg_cell){ PG_CELL_TEXT, false, names[c], 0, { 1, sheet ? c + 1 : 1 + 10 * c } };
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 2; c++)
            f->cells[r * 2 + c] = (pg_cell){ PG_CELL_TEXT, false, "x", 0, { r + 2, sheet ? c + 1 : 1 + 10 * c } };
    f->t = (pg_table){ "parties", sheet ? "book.xlsx" : "t/parties.csv", sheet, 2, 3, f->header, f->cells };
}

/* The problem at `path` as placed by `p`. */
static pg_error placed(const pg_table_places *p, const char *path)
{
    pg_error e;
    memset(&e, 0, sizeof e);
    strcpy(e.file, "t");
    strcpy(e.path, path);
    pg_table_places_apply(p, &e);
    return e;
}

static void csv_places(void)
{
    fixture f;
    pg_table_places p = { { NULL, 0, 0 } };
    make(&f, false);
    /* the table's 3 rows are elements 5, 6, 7 of "parties" (another table gave 0-4) */
    CHECK(pg_table_places_add(&p, (pg_table_span){ &f.t, "parties", 5, 0, 3, -1 }), "a span");
    pg_error e = placed(&p, "$.parties[6].founded");
    CHECK_STR(e.file, "t/parties.csv", "the table's file");
    CHECK(e.line == 3 && e.column == 11, "the cell's line:column");
    CHECK_STR(e.path, "column \"founded\"", "the column's header");
    e = placed(&p, "$.parties[7].founded[2]");
    CHECK(e.line == 4 && e.column == 11, "an item of a list: its cell");
    e = placed(&p, "$.parties[5]");
    CHECK(e.line == 2 && e.column == 1 && e.path[0] == '\0', "the row itself: its first cell, no column");
    e = placed(&p, "$.parties[5].seats");
    CHECK(e.line == 2 && e.column == 1 && e.path[0] == '\0', "a column the table lacks: the row");
    strcpy(e.message, "duplicate id: already used at $.parties[5].");
    pg_table_places_apply(&p, &e);
    CHECK_STR(e.message, "duplicate id: already used at t/parties.csv:2:1.", "a path in the message: its row");
    e = placed(&p, "$.parties[4].founded");
    CHECK(strcmp(e.file, "t") == 0 && strcmp(e.path, "$.parties[4].founded") == 0, "another table's row: left");
    e = placed(&p, "$.relations[0].source");
    CHECK(strcmp(e.path, "$.relations[0].source") == 0, "another array: left");
    pg_table_places_free(&p);
}

static void sheet_and_about(void)
{
    fixture f;
    pg_table_places p = { { NULL, 0, 0 } };
    make(&f, true);
    CHECK(pg_table_places_add(&p, (pg_table_span){ &f.t, "parties", 0, 0, 3, -1 }), "a span");
    CHECK(pg_table_places_add(&p, (pg_table_span){ &f.t, "title", 0, 2, 1, 1 }), "an about row");
    pg_error e = placed(&p, "$.parties[1].founded");
    CHECK_STR(e.file, "book.xlsx:parties!B3", "a sheet: FILE:Sheet!C12");
    CHECK(e.line == 0 && e.column == 0, "no line:column");
    e = placed(&p, "$.title");
    CHECK_STR(e.file, "book.xlsx:parties!B4", "the about table's row: its value cell");
    CHECK_STR(e.path, "column \"founded\"", "(the value column's header)");
    pg_table_places_free(&p);
}

void run_tests(void)
{
    csv_places();
    sheet_and_about();
}
