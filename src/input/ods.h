/* ods.h - the sheets of an .ods workbook (ods.c: OpenDocument spreadsheet) as tables.
 * Private to the library. */
#ifndef PG_ODS_H
#define PG_ODS_H

#include "input/sheets.h"

/* Reads the sheets of the workbook in s->zip, one table each appended to
 * s->out, as pg_workbook_read does. Returns 0, -1 (s->e's error set) or
 * -2 (out of memory). */
int pg_ods_read(pg_sheets *s);

#endif
