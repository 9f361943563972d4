/* table.h - tables as spreadsheets and CSV files hold them: the one form
 * every tabular input takes before it is read as a network (CSV and TSV
 * files: csv.c; the sheets of an .xlsx or .ods workbook). Private to the
 * library.
 *
 * A table is a header row of column names and the rows below it, every
 * row as wide as the header. Each cell knows where it was, for messages:
 * the line:column of its first character in a CSV file (columns counted
 * in characters, as every other message counts them), or its row and
 * column in a sheet (1-based; "parties!C12"). An empty cell is
 * PG_CELL_EMPTY: absent, as an empty cell of a spreadsheet is.
 *
 * Ownership: a pg_tables owns its tables and every string and cell in
 * them (its arena); pg_tables_free releases everything at once. */
#ifndef PG_TABLE_H
#define PG_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/vec.h"
#include "input/jpos.h"

typedef enum pg_cell_type {
    PG_CELL_EMPTY = 0,
    PG_CELL_TEXT,
    PG_CELL_NUMBER,
    PG_CELL_BOOL,
    PG_CELL_DATE,
} pg_cell_type;

typedef struct pg_cell {
    pg_cell_type type;
    bool typed;       /* the file says the type (a workbook's cell, a CSV cell behind the apostrophe guard),
                         else it is read from the text */
    const char *text; /* as written (CSV); a workbook's number as its shortest digits, a boolean as "true" or
                         "false", a date as YYYY-MM-DD; "" when empty */
    double number;    /* PG_CELL_NUMBER */
    pg_place at;      /* line:column in a CSV file; row, column in a sheet */
} pg_cell;

typedef struct pg_table {
    const char *name;  /* what it holds: a CSV file's name without folder and ending, a sheet's name */
    const char *file;  /* the file it is in, for messages */
    bool in_sheet;     /* its places are sheet cells, not line:column */
    size_t ncols;      /* columns: the header's cells */
    size_t nrows;      /* rows below the header */
    pg_cell *header;   /* ncols cells, their text the column names */
    pg_cell *cells;    /* nrows * ncols cells, row after row */
} pg_table;

typedef struct pg_tables {
    pg_arena arena;
    PG_VEC(pg_table) items;
    PG_VEC(void *) blocks; /* cell arrays taken over as they are (malloc'd), freed with the tables */
} pg_tables;

#define PG_TABLES_INIT { PG_ARENA_INIT, { NULL, 0, 0 }, { NULL, 0, 0 } }

/* Releases every table of `t` and what they hold; `t` is then empty. */
void pg_tables_free(pg_tables *t);

/* Cell (row, col) of `t` (row below the header, from 0). */
static inline const pg_cell *pg_table_cell(const pg_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

/* The column of `t` headed `name` (exactly), or -1. */
long pg_table_column(const pg_table *t, const char *name);

/* Writes where `c` is in `t`, for a message: "parties!C12" (a sheet) or
 * "12:5" (a CSV file's line:column), into `buf` of `size` bytes; returns
 * buf. */
char *pg_table_where(const pg_table *t, const pg_cell *c, char *buf, size_t size);

#endif
