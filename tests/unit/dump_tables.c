/* dump_tables.c - the test suites' window on pg_workbook_read (until
 * loading reads workbooks): `dump_tables FILE` reads FILE as a workbook
 * and prints, one JSON object a line,
 *   {"table":NAME,"ncols":N,"nrows":N}            each table, then its cells,
 *   {"sheet":NAME,"row":R,"col":C,"where":"S!C12","type":T,"text":X}
 *                                                  header first, row by row,
 *                                                  T text|number|bool|date|empty
 *   {"warning":WHERE,"reason":X}                   each warning, and
 *   {"warnings_more":N}                            when some were left out;
 * or {"error":WHERE,"reason":X} and exit status 1 (2: out of memory, or
 * the file cannot be read). */
#include <stdio.h>
#include <stdlib.h>

#include "input/workbook.h"

static const char *const TYPES[] = { "empty", "text", "number", "bool", "date" };

/* Writes `s` as a JSON string. */
static void json_string(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void dump_cell(const pg_table *t, const pg_cell *c)
{
    char where[200];
    printf("{\"sheet\":");
    json_string(t->name);
    printf(",\"row\":%ld,\"col\":%ld,\"where\":", c->at.line, c->at.column);
    json_string(pg_table_where(t, c, where, sizeof where));
    printf(",\"type\":\"%s\",\"typed\":%s,\"text\":", TYPES[c->type], c->typed ? "true" : "false");
    json_string(c->text);
    printf("}\n");
}

static void dump_table(const pg_table *t)
{
    printf("{\"table\":");
    json_string(t->name);
    printf(",\"ncols\":%zu,\"nrows\":%zu}\n", t->ncols, t->nrows);
    for (size_t c = 0; c < t->ncols; c++)
        dump_cell(t, &t->header[c]);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        dump_cell(t, &t->cells[i]);
}

static void dump_note(const char *key, const pg_workbook_note *n)
{
    printf("{\"%s\":", key);
    json_string(n->where);
    printf(",\"reason\":");
    json_string(n->reason);
    printf("}\n");
}

/* The whole of file `path` into *data, *len; false when it cannot be read. */
static bool slurp(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0, got = 0;
    char *buf = malloc(cap);
    while (f != NULL && buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap)
            buf = realloc(buf, cap *= 2);
    bool ok = f != NULL && buf != NULL && !ferror(f);
    if (f != NULL)
        fclose(f);
    *data = buf, *len = n;
    return ok;
}

/* Prints what was read (status 0) or the error (-1). */
static void dump(int status, const pg_tables *t, const pg_workbook_error *e)
{
    for (size_t i = 0; status == 0 && i < t->items.len; i++)
        dump_table(&t->items.items[i]);
    for (size_t i = 0; status == 0 && i < e->nwarnings; i++)
        dump_note("warning", &e->warnings[i]);
    if (status == 0 && e->more > 0)
        printf("{\"warnings_more\":%zu}\n", e->more);
    if (status == -1)
        dump_note("error", &e->error);
}

int main(int argc, char **argv)
{
    char *data = NULL;
    size_t len = 0;
    if (argc != 2 || !slurp(argv[1], &data, &len)) {
        fprintf(stderr, "usage: dump_tables FILE (a readable .xlsx or .ods)\n");
        free(data);
        return 2;
    }
    pg_tables t = PG_TABLES_INIT;
    pg_workbook_error e;
    int status = pg_workbook_read(data, len, argv[1], &t, &e);
    dump(status, &t, &e);
    pg_tables_free(&t);
    free(data);
    return status == 0 ? 0 : status == -1 ? 1 : 2;
}
