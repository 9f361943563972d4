/* cells.h - a table's cells as JSON values, by the typing rule of the
 * tabular format (docs/input.md, "Tables and workbooks"): a cell the file
 * types (a workbook's, a CSV cell behind the apostrophe guard) keeps its
 * type, a date as its YYYY-MM-DD text; the other cells of a column are
 * read as numbers when every non-empty one is a JSON number, as booleans
 * when every one is true or false (TRUE, FALSE as spreadsheets write
 * them), else as text. A field whose type partygraph knows (a weight: a
 * number) is read by that type instead. Private to the library. */
#ifndef PG_CELLS_H
#define PG_CELLS_H

#include <cJSON.h>
#include <stdbool.h>

#include "input/table.h"

typedef enum pg_cells_type {
    PG_CELLS_TEXT,
    PG_CELLS_NUMBER,
    PG_CELLS_BOOL,
} pg_cells_type;

/* Is header `header` the word `name` (lower case) in any case? */
bool pg_cells_header_is(const char *header, const char *name);

/* Is `text` a JSON number, whole? */
bool pg_cells_is_number(const char *text);

/* Is `text` true or false as the tabular format writes them (true,
 * false, TRUE, FALSE)? Sets *value when so. */
bool pg_cells_is_bool(const char *text, bool *value);

/* When cell `c` (not empty) is no date (YYYY, YYYY-MM or YYYY-MM-DD
 * text, a workbook's date, or a whole number of at most 4 digits, a
 * year), writes why into `buf` and returns true. */
bool pg_cells_not_date(const pg_cell *c, char *buf, size_t size);

/* The type the untyped cells of column `col` of `t` are read as: number
 * or boolean when every non-empty one is one, else (and for a column of
 * none) text. */
pg_cells_type pg_cells_column_type(const pg_table *t, size_t col);

/* The value of cell `c` (not empty) in a column read as `type`: a typed
 * cell by its own type, an untyped one by `type` when its text is of that
 * type, else as text. NULL when out of memory. */
cJSON *pg_cells_value(const pg_cell *c, pg_cells_type type);

#endif
