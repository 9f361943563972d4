/* workbook.h - the sheets of a workbook as tables (table.h): an .xlsx
 * file (Excel's SpreadsheetML, ECMA-376; xlsx.c) or an .ods file
 * (LibreOffice's OpenDocument spreadsheet; ods.c), both zip archives of
 * XML parts, opened with libzip from memory and streamed part by part
 * through libxml2's xmlTextReader (nothing fetched, no entity expanded,
 * each part cut off past PG_WORKBOOK_PART_MAX bytes unpacked). Private to
 * the library.
 *
 * Every sheet becomes one table named after the sheet, its cells typed by
 * the file (text, number, boolean, date: `typed` true) and placed by row
 * and column (1-based: "parties!C12"). A sheet's header is its first row
 * holding a value; rows holding none are skipped; a row's missing cells
 * are empty; columns after the last one holding a value are dropped; an
 * empty sheet is a table of no columns. A table of more than
 * PG_SHEETS_MAX_CELLS cells (sheets.h) is refused. Formulas are read by
 * the value the file caches, never computed. The readers: xlsx.c and
 * ods.c, sharing sheets.c. */
#ifndef PG_WORKBOOK_H
#define PG_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "input/table.h"

/* The most bytes one part of a workbook may unpack to: past it the
 * archive is taken for a zip bomb. */
#define PG_WORKBOOK_PART_MAX ((unsigned long long)1 << 30)

enum { PG_WORKBOOK_WARNINGS = 8 };

/* One message: where (a cell "parties!C12", a part and its line:column
 * "xl/worksheets/sheet1.xml:3:15", or "" for the whole file) and what. */
typedef struct pg_workbook_note {
    char where[160];
    char reason[200];
} pg_workbook_note;

typedef struct pg_workbook_error {
    pg_workbook_note error;                              /* set when -1 is returned */
    pg_workbook_note warnings[PG_WORKBOOK_WARNINGS];     /* the first warnings, in order */
    size_t nwarnings;                                    /* of them, in warnings[] */
    size_t more;                                         /* warnings past the first PG_WORKBOOK_WARNINGS */
} pg_workbook_error;

/* Reads the `len` bytes at `data`, an .xlsx or .ods workbook (told apart
 * by its parts, whatever the file's name), as one table per sheet in the
 * workbook's order, appended to `out`; `file` (copied) is the file they
 * are in, for messages. Cells holding an error value (#DIV/0!) are read
 * as empty, with a warning in *e. Returns 0 (*e's warnings set); -1 with
 * e->error set when the bytes are not a readable workbook (not a zip, a
 * zip of something else, a password-protected workbook, an old .xls,
 * malformed XML in a part, a part unpacking past PG_WORKBOOK_PART_MAX);
 * -2 when out of memory. `out` is unchanged but for its arena unless 0 is
 * returned. */
int pg_workbook_read(const char *data, size_t len, const char *file, pg_tables *out, pg_workbook_error *e);

#endif
