/* csv.h - CSV and TSV as spreadsheets and scripts write them, read with
 * libcsv into a table (table.h): comma, semicolon (European Excel) or tab
 * separated, detected from the header line unless given; CRLF, LF or CR
 * line ends; quoted fields holding separators, doubled quotes and line
 * breaks; spaces kept as they are; blank lines skipped; the apostrophe
 * partygraph writes before a text a spreadsheet would run as a formula
 * (write/escape.c) taken off again, the cell then typed as text. The
 * text must be UTF-8: input.c drops a byte order mark and transcodes
 * UTF-16 and UTF-32 before. */
#ifndef PG_CSV_H
#define PG_CSV_H

#include <stddef.h>

#include "input/jpos.h"
#include "input/table.h"

typedef struct pg_csv_error {
    pg_place at;       /* line:column of the problem (characters) */
    char reason[160];
} pg_csv_error;

/* The separator `text` (`len` bytes) uses: of ',', ';' and tab, the one
 * its header line (its first line, quotes respected) holds most; ',' when
 * it holds none, or on a tie with ','. */
char pg_csv_detect(const char *text, size_t len);

/* Reads the `len` bytes at `text` as one table appended to `out`: its
 * name `name`, in file `file` (both copied), separated by `delim` (0:
 * pg_csv_detect's). A row shorter than the header is filled with empty
 * cells. Returns 0; -1 with *e set when the text is not CSV (a row wider
 * than the header, a quote left open at the end, malformed UTF-8 or a NUL
 * byte, no header line); -2 when out of memory. `out` is unchanged but for
 * its arena unless 0 is returned. */
int pg_csv_read(const char *text, size_t len, const char *file, const char *name, char delim, pg_tables *out,
                pg_csv_error *e);

#endif
