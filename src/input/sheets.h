/* sheets.h - what the workbook readers (xlsx.c, ods.c) share: one read
 * of a zip archive (the workbook being read, the sheet being built), its
 * XML parts streamed node by node through libxml2's xmlTextReader, the
 * text and attributes of nodes, cells gathered and made into a table,
 * warnings and the error. Private to the library. */
#ifndef PG_SHEETS_H
#define PG_SHEETS_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/strbuf.h"
#include "base/vec.h"
#include "input/table.h"
#include "input/workbook.h"

/* The most cells one sheet's table may have (the rows holding values
 * times the columns up to the last holding one): past it the sheet is
 * refused, as a mistake or an attack (a value at A1 and another at
 * XFD1048576 would make a table of 17 billion cells). */
#define PG_SHEETS_MAX_CELLS ((size_t)1 << 25)

/* One read: the archive, what is being built, what went wrong. */
typedef struct pg_sheets {
    zip_t *zip;
    pg_tables *out;
    const char *file;        /* in out's arena */
    pg_workbook_error *e;
    PG_VEC(pg_cell) cells;   /* the current sheet's cells holding a value, in the order given */
    PG_VEC(char) text;       /* text being gathered from an element (no NUL kept) */
} pg_sheets;

/* Visits the node `r` is on; returns 0 to go on, 1 to skip the node's
 * subtree, -1 (e set) or -2 to stop. */
typedef int (*pg_sheets_visit)(void *ctx, xmlTextReader *r);

/* Does the archive hold a part named `name`? */
bool pg_sheets_has(const pg_sheets *w, const char *name);

/* Streams part `name` of the archive through `visit` (with `ctx`), node by
 * node. Returns 0; 1 when there is no such part; -1 (e set: malformed XML
 * at the part's line:column, an encrypted or oversized part) or -2. */
int pg_sheets_walk(pg_sheets *w, const char *name, pg_sheets_visit visit, void *ctx);

/* Adds to the current sheet the cell at `row`, `col` (1-based) holding
 * `text` (`len` bytes, copied) of `type` (not PG_CELL_EMPTY) and, for a
 * number, `number`. Returns 0, -1 (e set: the sheet holds
 * PG_SHEETS_MAX_CELLS values already) or -2. */
int pg_sheets_cell(pg_sheets *w, long row, long col, pg_cell_type type, const char *text, size_t len,
                     double number);

/* Adds a number cell: its shortest round-trip digits as text. 0, -1 or
 * -2 as pg_sheets_cell. */
int pg_sheets_number(pg_sheets *w, long row, long col, double number);

/* Ends the current sheet as the table `name` (copied) appended to w->out:
 * the cells added since the last call. Returns 0, -1 (e set: the table
 * would have more than PG_SHEETS_MAX_CELLS cells) or -2. */
int pg_sheets_end(pg_sheets *w, const char *name);

/* Records a warning about the cell at `row`, `col` of sheet `sheet`. */
void pg_sheets_warn(pg_sheets *w, const char *sheet, long row, long col, const char *reason);

/* Sets w->e's error: at `where` ("" for the whole file), `reason`
 * (printf-like). Returns -1. */
int pg_sheets_fail(pg_sheets *w, const char *where, const char *reason, ...) PG_PRINTF(3, 4);

/* Appends the text of `r`'s current node (a text, CDATA or white space
 * node) to w->text; other nodes add nothing. Returns 0 or -2. */
int pg_sheets_gather(pg_sheets *w, xmlTextReader *r);

/* Appends `n` bytes at `s` to w->text. Returns 0 or -2. */
int pg_sheets_append(pg_sheets *w, const char *s, size_t n);

/* The attribute of `r`'s current element whose local name is `local` in
 * namespace `ns` (NULL: in any namespace or none), or NULL; valid until
 * the next call or until the reader moves. */
const char *pg_sheets_attr(xmlTextReader *r, const char *ns, const char *local);

#endif
