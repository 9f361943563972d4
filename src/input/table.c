/* table.c - see table.h: what every tabular input shares once read. */
#include "input/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_tables_free(pg_tables *t)
{
    for (size_t i = 0; i < t->blocks.len; i++)
        free(t->blocks.items[i]);
    free(t->blocks.items);
    free(t->items.items);
    pg_arena_free(&t->arena);
    *t = (pg_tables)PG_TABLES_INIT;
}

long pg_table_column(const pg_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->header[c].text, name) == 0)
            return (long)c;
    return -1;
}

/* Column number `col` (1-based) as a spreadsheet names it: A ... Z, AA ... */
static void column_letters(long col, char *buf, size_t size)
{
    char rev[16];
    size_t n = 0;
    for (; col > 0 && n < sizeof rev; col = (col - 1) / 26)
        rev[n++] = (char)('A' + (col - 1) % 26);
    size_t k = 0;
    for (; n > 0 && k + 1 < size; k++)
        buf[k] = rev[--n];
    buf[k] = '\0';
}

char *pg_table_where(const pg_table *t, const pg_cell *c, char *buf, size_t size)
{
    char letters[16];
    if (!t->in_sheet) {
        snprintf(buf, size, "%ld:%ld", c->at.line, c->at.column);
        return buf;
    }
    column_letters(c->at.column, letters, sizeof letters);
    snprintf(buf, size, "%s!%s%ld", t->name, letters, c->at.line);
    return buf;
}
