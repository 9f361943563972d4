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
 * are empty; columns after the last one holding a value are dropped.
 * Formulas are read by the value the file caches, never computed.
 *
 * The second half of this header is what xlsx.c and ods.c share with
 * workbook.c (the container, the XML walk, the sheet being built). */
#ifndef PG_WORKBOOK_H
#define PG_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/strbuf.h"
#include "base/vec.h"
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

/* ---- shared by workbook.c, xlsx.c and ods.c ---------------------------- */

/* One read: the archive, what is being built, what went wrong. */
typedef struct pg_workbook {
    zip_t *zip;
    pg_tables *out;
    const char *file;        /* in out's arena */
    pg_workbook_error *e;
    PG_VEC(pg_cell) cells;   /* the current sheet's cells holding a value, in the order given */
    PG_VEC(char) text;       /* text being gathered from an element (no NUL kept) */
} pg_workbook;

/* Visits the node `r` is on; returns 0 to go on, 1 to skip the node's
 * subtree, -1 (e set) or -2 to stop. */
typedef int (*pg_workbook_visit)(void *ctx, xmlTextReader *r);

/* Does the archive hold a part named `name`? */
bool pg_workbook_has(const pg_workbook *w, const char *name);

/* Streams part `name` of the archive through `visit` (with `ctx`), node by
 * node. Returns 0; 1 when there is no such part; -1 (e set: malformed XML
 * at the part's line:column, an encrypted or oversized part) or -2. */
int pg_workbook_walk(pg_workbook *w, const char *name, pg_workbook_visit visit, void *ctx);

/* Adds to the current sheet the cell at `row`, `col` (1-based) holding
 * `text` (`len` bytes, copied) of `type` (not PG_CELL_EMPTY) and, for a
 * number, `number`. Returns 0 or -2. */
int pg_workbook_cell(pg_workbook *w, long row, long col, pg_cell_type type, const char *text, size_t len,
                     double number);

/* Adds a number cell: its shortest round-trip digits as text. 0 or -2. */
int pg_workbook_number(pg_workbook *w, long row, long col, double number);

/* Ends the current sheet as the table `name` (copied) appended to w->out:
 * the cells added since the last call. Returns 0 or -2. */
int pg_workbook_sheet(pg_workbook *w, const char *name);

/* Records a warning about the cell at `row`, `col` of sheet `sheet`. */
void pg_workbook_warn(pg_workbook *w, const char *sheet, long row, long col, const char *reason);

/* Sets w->e's error: at `where` ("" for the whole file), `reason`
 * (printf-like). Returns -1. */
int pg_workbook_fail(pg_workbook *w, const char *where, const char *reason, ...) PG_PRINTF(3, 4);

/* Appends the text of `r`'s current node (a text, CDATA or white space
 * node) to w->text; other nodes add nothing. Returns 0 or -2. */
int pg_workbook_gather(pg_workbook *w, xmlTextReader *r);

/* Appends `n` bytes at `s` to w->text. Returns 0 or -2. */
int pg_workbook_append(pg_workbook *w, const char *s, size_t n);

/* The attribute of `r`'s current element whose local name is `local` in
 * namespace `ns` (NULL: in any namespace or none), or NULL; valid until
 * the next call or until the reader moves. */
const char *pg_workbook_attr(xmlTextReader *r, const char *ns, const char *local);

/* The sheets of the .xlsx workbook in w->zip, as pg_workbook_read. */
int pg_xlsx_read(pg_workbook *w);

/* The sheets of the .ods workbook in w->zip, as pg_workbook_read. */
int pg_ods_read(pg_workbook *w);

#endif
