/* table_place.h - where a problem of tabular partygraph/1 is: the JSON
 * path the checks report ($.parties[3].founded) translated into the cell
 * it came from (tables/parties.csv:5:12, column "founded"; in a workbook
 * book.xlsx:parties!C12). One translator for every tabular input: it
 * knows tables and cells (table.h), not how they were read. Private to
 * the library. */
#ifndef PG_TABLE_PLACE_H
#define PG_TABLE_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/vec.h"
#include "input/table.h"
#include "partygraph.h"

/* Rows of a table that became elements of a top-level array: element
 * `first` + k came from row `row` + k, for k below `count`. `col` >= 0:
 * the value is that column's cell (the `about` table's value); -1: the
 * column is named by the path's key. */
typedef struct pg_table_span {
    const pg_table *table;
    const char *array; /* "parties", or "title" for the about table's rows */
    size_t first, row, count;
    long col;
} pg_table_span;

typedef struct pg_table_places {
    PG_VEC(pg_table_span) spans;
} pg_table_places;

/* Records a span (copied; its table and array name must outlive `p`).
 * Returns false when out of memory. */
bool pg_table_places_add(pg_table_places *p, pg_table_span span);

/* Releases the spans. */
void pg_table_places_free(pg_table_places *p);

/* When `e` is placed at a JSON path inside an element that came from a
 * table, places it at the cell instead: e->file that table's file,
 * e->line:e->column the cell (a sheet: the file becomes FILE:Sheet!C12),
 * e->path `column "KEY"` (empty for the row itself, or a column the
 * table lacks: then the row's first cell). Other problems are left as
 * they are. */
void pg_table_places_apply(const pg_table_places *p, pg_error *e);

#endif
