/* read_tables.c - tabular partygraph/1 (docs/input.md, "Tables and
 * workbooks"): tables named after the format's arrays, one row per
 * element, one column per field, become ONE cJSON document shaped as a
 * partygraph/1 file, which the partygraph/1 loader's own code reads
 * (pg_read_partygraph_root): the network is that of the JSON with the
 * same content by construction. Cells are typed by their field's type
 * (schema.c), other columns by their cells; every problem comes back to
 * its cell through the table places (table_place.c). */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/fmt.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "input/csv.h"
#include "input/json_arena.h"
#include "input/json_check.h"
#include "input/read_partygraph.h"
#include "input/reader.h"
#include "input/workbook.h"

/* The tables of partygraph/1's arrays, in the order of a partygraph/1
 * file (relation types before the relations). */
static const char *const arrays[] = {
    "sources", "countries", "parties", "mechanisms", "events", "persons", "nodes", "relation_types", "relations",
    "claims",
};

enum { NARRAYS = sizeof arrays / sizeof arrays[0] };

/* The rows of the `about` table: the document's own members. */
static const char *const about_keys[] = { "format", "title", "description", "notes" };

static bool is_array(const char *name)
{
    for (size_t i = 0; i < NARRAYS; i++)
        if (strcmp(arrays[i], name) == 0)
            return true;
    return false;
}

/* ---- messages about a table itself ------------------------------------ */

/* The name a message about place `at` of table `t` (0:0: the table) goes
 * under, into `buf`: the table's file, or in a workbook the file and the
 * cell ("book.xlsx:parties!C1"), whose place is then in the name. */
static pg_place table_file(const pg_table *t, pg_place at, char *buf, size_t size)
{
    pg_cell c = { PG_CELL_EMPTY, false, "", 0, at };
    char where[64];
    if (!t->in_sheet || at.line == 0) {
        snprintf(buf, size, "%s", t->file);
        return at;
    }
    snprintf(buf, size, "%s:%s", t->file, pg_table_where(t, &c, where, sizeof where));
    return PG_PLACE_NONE;
}

/* Warns, at `at` of table `t` (0:0: the table), with the report's file
 * switched to that table's for the one message. */
static void table_warning(pg_reader *R, const pg_table *t, pg_place at, const char *message)
{
    char name[320];
    const char *file = R->report.file;
    pg_place place = table_file(t, at, name, sizeof name);
    R->report.file = name;
    pg_report_warning_place(&R->report, place, NULL, "%s", message);
    R->report.file = file;
}

/* As table_warning, an error; returns "go on". */
static bool table_error(pg_reader *R, const pg_table *t, pg_place at, const char *message)
{
    char name[320];
    const char *file = R->report.file;
    pg_place place = table_file(t, at, name, sizeof name);
    R->report.file = name;
    bool go = pg_report_error_place(&R->report, place, NULL, "%s", message);
    R->report.file = file;
    return go;
}

/* A table whose name is no array of partygraph/1: warned about (did you
 * mean), ignored. */
static void unknown_table(pg_reader *R, const pg_table *t)
{
    pg_suggest s;
    char message[400], q[PG_QUOTE_SIZE];
    pg_suggest_init(&s, t->name);
    for (size_t i = 0; i < NARRAYS; i++)
        pg_suggest_offer(&s, arrays[i]);
    pg_suggest_offer(&s, "about");
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    pg_strbuf_printf(&b, "table %s ignored: not an array of partygraph/1", pg_quote(q, t->name));
    if (s.best != NULL)
        pg_strbuf_printf(&b, " (did you mean \"%s\"?)", s.best);
    table_warning(R, t, PG_PLACE_NONE, message);
}

/* ---- cells as JSON values -------------------------------------------- */

/* Is `s` a JSON number, and nothing else? */
static bool json_number(const char *s)
{
    pg_json_error e;
    return (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) && pg_json_check(s, strlen(s), &e) == 0;
}

/* true/false as partygraph writes them, TRUE/FALSE as spreadsheets do:
 * 1, 0; -1 for anything else. */
static int boolean(const char *s)
{
    static const char *const words[] = { "false", "true", "FALSE", "TRUE" };
    for (int i = 0; i < 4; i++)
        if (strcmp(s, words[i]) == 0)
            return i % 2;
    return -1;
}

/* Is `s` an integer beyond ±2^53, which a double would round? The JSON
 * loader keeps such a number as the text of its digits (json_numbers.h):
 * so is it here. */
static bool huge_integer(const char *s)
{
    size_t sign = s[0] == '-', n = strlen(s) - sign;
    return strspn(s + sign, "0123456789") == n && (n > 16 || (n == 16 && strcmp(s + sign, "9007199254740992") > 0));
}

/* The value of a number column's cell: the number, or the text as a
 * string (the checks then say what is wrong with it). */
static cJSON *number_value(const pg_cell *c)
{
    if (c->type == PG_CELL_NUMBER)
        return cJSON_CreateNumber(c->number);
    bool number = json_number(c->text) && !huge_integer(c->text);
    return number ? cJSON_CreateNumber(strtod(c->text, NULL)) : cJSON_CreateString(c->text);
}

/* The value of a boolean column's cell, or the text as a string. */
static cJSON *bool_value(const pg_cell *c)
{
    int b = boolean(c->text);
    return b < 0 ? cJSON_CreateString(c->text) : cJSON_CreateBool(b);
}

/* `len` bytes at `s` without the spaces at either end, as a new string
 * item; NULL when nothing is left (or out of memory: *oom). */
static cJSON *trimmed(const char *s, size_t len, bool *oom)
{
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    char *copy = len ? malloc(len + 1) : NULL;
    if (len && copy == NULL)
        return *oom = true, NULL;
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    cJSON *item = cJSON_CreateString(copy);
    free(copy);
    *oom = item == NULL;
    return item;
}

/* An item of an identifiers cell, "scheme:identifier": that object; an
 * item without a colon stays a string (the checks say what is wrong). */
static cJSON *identifier(cJSON *item)
{
    const char *colon = strchr(item->valuestring, ':');
    cJSON *o = colon ? cJSON_CreateObject() : NULL;
    if (colon == NULL || o == NULL)
        return colon ? (cJSON_Delete(item), NULL) : item;
    *(char *)colon = '\0';
    bool ok = cJSON_AddStringToObject(o, "scheme", item->valuestring) != NULL &&
              cJSON_AddStringToObject(o, "identifier", colon + 1) != NULL;
    cJSON_Delete(item);
    return ok ? o : (cJSON_Delete(o), NULL);
}

/* A list cell, items separated by ';' (spaces around them dropped, empty
 * ones skipped): an array of strings, or of identifiers. */
static cJSON *list_value(const char *s, bool identifiers)
{
    cJSON *a = cJSON_CreateArray();
    for (const char *p = s; a != NULL; p++) {
        size_t n = strcspn(p, ";");
        bool oom = false;
        cJSON *item = trimmed(p, n, &oom);
        if (item != NULL && identifiers)
            oom = (item = identifier(item)) == NULL;
        if (oom || (item != NULL && !cJSON_AddItemToArray(a, item)))
            return cJSON_Delete(a), NULL;
        if (p[n] == '\0')
            break;
        p += n;
    }
    return a;
}

/* The value of an attribute column's cell of type `col` (the column's
 * rule, for cells the file does not type). */
static cJSON *attribute_value(const pg_cell *c, pg_cell_type col)
{
    pg_cell_type type = c->typed ? c->type : col;
    if (type == PG_CELL_NUMBER)
        return number_value(c);
    if (type == PG_CELL_BOOL)
        return c->typed ? cJSON_CreateBool(c->text[0] == 't') : bool_value(c);
    return cJSON_CreateString(c->text);
}

/* Cell `c` of a column of type `type` (attributes: `col`, the column's
 * rule) as a JSON value; NULL when out of memory. */
static cJSON *cell_value(const pg_cell *c, pg_column_type type, pg_cell_type col)
{
    switch (type) {
    case PG_COLUMN_TEXT: return cJSON_CreateString(c->text);
    case PG_COLUMN_BOOL: return c->type == PG_CELL_BOOL ? cJSON_CreateBool(c->text[0] == 't') : bool_value(c);
    case PG_COLUMN_NUMBER: return number_value(c);
    case PG_COLUMN_LIST: return list_value(c->text, false);
    case PG_COLUMN_IDENTIFIERS: return list_value(c->text, true);
    case PG_COLUMN_ATTRIBUTE: break;
    }
    return attribute_value(c, col);
}

/* ---- columns ----------------------------------------------------------- */

/* What a table's column is: its field type, and for an attribute the
 * type its cells say (number when every cell the file does not type is
 * a JSON number, boolean when every one is true or false, else text). */
typedef struct column {
    pg_column_type type;
    pg_cell_type cells;
    bool skip; /* no header, or a later column has its header */
} column;

/* Is column `col` of `t` followed by one with the same header? */
static bool repeated(const pg_table *t, size_t col)
{
    for (size_t c = col + 1; c < t->ncols; c++)
        if (strcmp(t->header[c].text, t->header[col].text) == 0)
            return true;
    return false;
}

/* Does column `col` of `t` hold a value in some row? */
static bool has_values(const pg_table *t, size_t col)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (pg_table_cell(t, r, col)->type != PG_CELL_EMPTY)
            return true;
    return false;
}

/* Marks the columns of `t` whose cells are not read: without a header
 * (warned about when they hold values), or repeating a later column's
 * header (the last is kept, as of a repeated key). */
static void skip_columns(pg_reader *R, const pg_table *t, column *cols)
{
    char message[300], q[PG_QUOTE_SIZE];
    for (size_t c = 0; c < t->ncols; c++) {
        bool unnamed = t->header[c].text[0] == '\0';
        cols[c].skip = unnamed || repeated(t, c);
        if (!cols[c].skip || (unnamed && !has_values(t, c)))
            continue;
        if (unnamed)
            snprintf(message, sizeof message, "a column without a header: its cells are ignored");
        else
            snprintf(message, sizeof message, "column %s repeated: the last of its columns is kept",
                     pg_quote(q, t->header[c].text));
        table_warning(R, t, t->header[c].at, message);
    }
}

/* The rule of attribute column `col` of `t`. */
static pg_cell_type column_rule(const pg_table *t, size_t col)
{
    bool numbers = true, booleans = true, any = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const pg_cell *c = pg_table_cell(t, r, col);
        if (c->type == PG_CELL_EMPTY || c->typed)
            continue;
        any = true;
        numbers = numbers && json_number(c->text);
        booleans = booleans && boolean(c->text) >= 0;
    }
    return !any ? PG_CELL_TEXT : numbers ? PG_CELL_NUMBER : booleans ? PG_CELL_BOOL : PG_CELL_TEXT;
}

/* Appends `name` (and a suggestion) to the warning about unknown columns. */
static void list_unknown(pg_strbuf *b, const char *array, const char *name, size_t n)
{
    pg_suggest s;
    char q[PG_QUOTE_SIZE];
    pg_suggest_init(&s, name);
    pg_schema_suggest_field(array, &s);
    pg_strbuf_printf(b, "%s%s", n ? ", " : "", pg_quote(q, name));
    if (s.best != NULL)
        pg_strbuf_printf(b, " (did you mean \"%s\"?)", s.best);
}

/* Types the columns of `t` into `cols`, and warns once, at the first,
 * about those that are no field of its array (kept as attributes; the
 * `nodes` table's columns are attributes by nature). */
static void type_columns(pg_reader *R, const pg_table *t, column *cols)
{
    char message[512];
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    size_t n = 0, first = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        cols[c].type = pg_schema_field_type(t->name, t->header[c].text);
        cols[c].cells = cols[c].type == PG_COLUMN_ATTRIBUTE ? column_rule(t, c) : PG_CELL_TEXT;
        if (cols[c].type != PG_COLUMN_ATTRIBUTE || strcmp(t->name, "nodes") == 0 || cols[c].skip)
            continue;
        first = n ? first : c;
        list_unknown(&b, t->name, t->header[c].text, n++);
    }
    if (n == 0)
        return;
    char warning[700];
    snprintf(warning, sizeof warning, "%s %s %s of %s: kept as %s", n > 1 ? "columns" : "column", message,
             n > 1 ? "are not fields" : "is not a field", t->name, n > 1 ? "attributes" : "an attribute");
    table_warning(R, t, t->header[first].at, warning);
}

/* ---- the document ------------------------------------------------------ */

/* Row `r` of `t` as an element (its empty cells absent); NULL when out
 * of memory. */
static cJSON *row_object(const pg_table *t, size_t r, const column *cols)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t c = 0; o != NULL && c < t->ncols; c++) {
        const pg_cell *cell = pg_table_cell(t, r, c);
        if (cell->type == PG_CELL_EMPTY || cols[c].skip)
            continue;
        cJSON *v = cell_value(cell, cols[c].type, cols[c].cells);
        if (v == NULL || !cJSON_AddItemToObject(o, t->header[c].text, v))
            return cJSON_Delete(v), cJSON_Delete(o), NULL;
    }
    return o;
}

/* The array member `name` of `root`, made when missing; NULL when out
 * of memory. */
static cJSON *array_of(cJSON *root, const char *name)
{
    cJSON *a = cJSON_GetObjectItemCaseSensitive(root, name);
    return a != NULL ? a : cJSON_AddArrayToObject(root, name);
}

/* Appends the rows of `t` to array `name` of `root`, noting which
 * elements they are. Returns false when out of memory. */
static bool add_rows(pg_reader *R, cJSON *root, const pg_table *t)
{
    column *cols = malloc((t->ncols ? t->ncols : 1) * sizeof *cols);
    cJSON *a = cols ? array_of(root, t->name) : NULL;
    pg_table_span span = { t, arrays[0], a ? (size_t)cJSON_GetArraySize(a) : 0, 0, t->nrows, -1 };
    for (size_t i = 0; i < NARRAYS; i++)
        span.array = strcmp(arrays[i], t->name) == 0 ? arrays[i] : span.array;
    bool ok = a != NULL && pg_table_places_add(&R->table_places, span);
    if (ok)
        skip_columns(R, t, cols);
    if (ok)
        type_columns(R, t, cols);
    for (size_t r = 0; ok && r < t->nrows; r++) {
        cJSON *o = row_object(t, r, cols);
        ok = o != NULL && cJSON_AddItemToArray(a, o);
    }
    free(cols);
    return ok;
}

/* The row `r` of the about table `t` (columns `k` and `v`) as a member
 * of `root`; notes gather in an array. Returns false when out of memory. */
static bool add_about(pg_reader *R, cJSON *root, const pg_table *t, size_t r, long k, long v)
{
    const char *key = pg_table_cell(t, r, (size_t)k)->text, *value = pg_table_cell(t, r, (size_t)v)->text;
    const char *name = NULL;
    for (size_t i = 0; i < sizeof about_keys / sizeof about_keys[0]; i++)
        name = strcmp(key, about_keys[i]) == 0 ? about_keys[i] : name;
    if (name == NULL || key[0] == '\0') { /* a misspelt key: unknown to the loader, which says so */
        if (key[0] == '\0' || is_array(key) || cJSON_GetObjectItemCaseSensitive(root, key) != NULL)
            return true;
        name = pg_arena_strdup(&R->tables.arena, key);
    }
    cJSON *notes = strcmp(key, "notes") == 0 ? array_of(root, "notes") : NULL;
    size_t index = notes ? (size_t)cJSON_GetArraySize(notes) : 0;
    pg_table_span span = { t, name, index, r, 1, v };
    if (name == NULL || !pg_table_places_add(&R->table_places, span))
        return false;
    cJSON_DeleteItemFromObjectCaseSensitive(root, notes ? "" : name); /* a repeated key: the last row */
    cJSON *s = cJSON_CreateString(value);
    return s != NULL && (notes ? cJSON_AddItemToArray(notes, s) : cJSON_AddItemToObject(root, name, s));
}

/* The `about` table: columns key and value. Returns "go on". */
static bool read_about(pg_reader *R, cJSON *root, const pg_table *t, bool *oom)
{
    long k = pg_table_column(t, "key"), v = pg_table_column(t, "value");
    if (k < 0 || v < 0)
        return table_error(R, t, t->ncols ? t->header[0].at : PG_PLACE_NONE,
                           "the about table needs the columns \"key\" and \"value\"");
    for (size_t r = 0; r < t->nrows && !*oom; r++)
        *oom = !add_about(R, root, t, r, k, v);
    return true;
}

/* The document of the tables R holds; NULL (reported) when out of
 * memory or stopped. */
static cJSON *build(pg_reader *R)
{
    cJSON *root = cJSON_CreateObject();
    bool oom = root == NULL, go = true;
    for (size_t i = 0; !oom && go && i < R->tables.items.len; i++) {
        const pg_table *t = &R->tables.items.items[i];
        if (strcmp(t->name, "about") == 0)
            go = read_about(R, root, t, &oom);
        else if (!is_array(t->name))
            unknown_table(R, t);
    }
    for (size_t a = 0; !oom && go && a < NARRAYS; a++)
        for (size_t i = 0; !oom && i < R->tables.items.len; i++)
            if (strcmp(R->tables.items.items[i].name, arrays[a]) == 0)
                oom = !add_rows(R, root, &R->tables.items.items[i]);
    if (oom)
        pg_report_oom(&R->report);
    return oom || !go ? (cJSON_Delete(root), NULL) : root;
}

/* Tables named after partygraph/1's arrays: one document, read by the
 * partygraph/1 loader's code. */
static bool read_partygraph_tables(pg_reader *R)
{
    pg_arena scratch = PG_ARENA_INIT; /* the document's nodes: one per cell, freed at once (json_arena.h) */
    R->L.keep_places = true;          /* problems found when resolving are placed by their paths */
    R->schema_read = true;
    pg_json_arena_install();
    bool own = !pg_json_arena_begin(&scratch);
    cJSON *root = build(R);
    bool go = root != NULL && pg_read_partygraph_root(&R->L, root);
    if (own)
        cJSON_Delete(root);
    pg_json_arena_end();
    pg_arena_free(&scratch);
    return go;
}

/* Do the tables hold partygraph/1's arrays: one named after an array
 * other than `nodes` (which an edge list has too), or `about`? */
static bool partygraph_arrays(const pg_tables *t)
{
    for (size_t i = 0; i < t->items.len; i++) {
        const char *name = t->items.items[i].name;
        if ((is_array(name) && strcmp(name, "nodes") != 0) || strcmp(name, "about") == 0)
            return true;
    }
    return false;
}

/* Is `t` one table headed `event` and `participant` (any case): a
 * participation log with its columns named as the roles? */
static bool log_headed(const pg_tables *t)
{
    if (t->items.len != 1)
        return false;
    const pg_table *x = &t->items.items[0];
    bool event = false, participant = false;
    for (size_t c = 0; c < x->ncols; c++) {
        event |= strcasecmp(x->header[c].text, "event") == 0;
        participant |= strcasecmp(x->header[c].text, "participant") == 0;
    }
    return event && participant;
}

/* Every table's rows, for the readers that report at $.TABLE[ROW].HEADER
 * (edge lists, participation logs): their places. */
static bool rows_placed(pg_reader *R)
{
    for (size_t i = 0; i < R->tables.items.len; i++) {
        const pg_table *t = &R->tables.items.items[i];
        if (!pg_table_places_add(&R->table_places, (pg_table_span){ t, t->name, 0, 0, t->nrows, -1 }))
            return pg_report_oom(&R->report);
    }
    return true;
}

/* A participation log is one table: the only one given. */
static bool read_log(pg_reader *R)
{
    if (R->tables.items.len == 1)
        return pg_read_log_table(R, &R->tables.items.items[0]);
    return pg_report_error(&R->report, NULL, "--columns reads a participation log, one table; %s holds %zu tables",
                           R->L.ds->file, R->tables.items.len),
           false;
}

/* The shape of the tables decides how they are read (docs/input.md,
 * "Tables and workbooks"): a participation log when --columns maps its
 * columns or its headers name the roles; partygraph/1 when a table is
 * named after one of its arrays; an edge list when a table is named
 * `edges` or has Source and Target columns; else partygraph/1, which
 * says what it does not know. */
bool pg_read_tables(pg_reader *R, pg_tables *t)
{
    pg_tables_free(&R->tables);
    R->tables = *t;
    *t = (pg_tables)PG_TABLES_INIT;
    if (R->opt.columns != NULL || (!partygraph_arrays(&R->tables) && log_headed(&R->tables)))
        return rows_placed(R) && read_log(R);
    if (!partygraph_arrays(&R->tables) && pg_tables_edge_list(&R->tables))
        return rows_placed(R) && pg_read_edge_tables(R, &R->tables);
    return read_partygraph_tables(R);
}

/* ---- one CSV or TSV file ------------------------------------------------ */

/* The table name a file's name says: without its folder and its
 * endings (".csv", ".tsv", ".gz"), into `buf`. */
static const char *table_name(const char *file, char *buf, size_t size)
{
    const char *slash = strrchr(file, '/');
    snprintf(buf, size, "%s", slash ? slash + 1 : file);
    size_t n = strlen(buf);
    if (n > 3 && strcmp(buf + n - 3, ".gz") == 0)
        buf[n -= 3] = '\0';
    char *dot = strrchr(buf, '.');
    if (dot != NULL && dot != buf)
        *dot = '\0';
    return buf;
}

bool pg_read_table_csv(pg_reader *R, pg_tables *out, const char *file, const char *text, size_t len)
{
    char name[256];
    pg_csv_error e;
    size_t bom = pg_utf8_bom(text, len);
    int got = pg_csv_read(text + bom, len - bom, file, table_name(file, name, sizeof name), R->opt.separator, out, &e);
    if (got == -2)
        return pg_report_oom(&R->report);
    if (got == 0)
        return true;
    const char *display = R->report.file;
    R->report.file = file;
    pg_report_error_at(&R->report, e.at.line, e.at.column, "%s", e.reason);
    R->report.file = display;
    return false;
}

/* Reports what the workbook reader found: its warnings, then its error
 * (rc -1) or running out of memory (rc -2). Returns "go on". */
static bool workbook_notes(pg_reader *R, const pg_workbook_error *e, int rc)
{
    for (size_t i = 0; i < e->nwarnings; i++)
        pg_report_warning(&R->report, NULL, "%s%s%s", e->warnings[i].where, e->warnings[i].where[0] ? ": " : "",
                          e->warnings[i].reason);
    if (e->more > 0)
        pg_report_warning(&R->report, NULL, "%zu more warnings of the workbook like these", e->more);
    if (rc == -2)
        return pg_report_oom(&R->report);
    if (rc == -1)
        return pg_report_error(&R->report, NULL, "%s%s%s", e->error.where, e->error.where[0] ? ": " : "",
                               e->error.reason),
               false;
    return true;
}

/* A workbook's bytes (a zip archive, or an old .xls): its sheets as the
 * tables. */
static bool is_workbook(const char *text, size_t len)
{
    return len >= 4 && (memcmp(text, "PK\3\4", 4) == 0 || memcmp(text, "\xD0\xCF\x11\xE0", 4) == 0);
}

bool pg_read_table_text(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    pg_tables t = PG_TABLES_INIT;
    pg_workbook_error e = { 0 };
    (void)in;
    bool go = is_workbook(text, len) ? workbook_notes(R, &e, pg_workbook_read(text, len, R->L.ds->file, &t, &e))
                                     : pg_read_table_csv(R, &t, R->L.ds->file, text, len);
    go = go && pg_read_tables(R, &t);
    pg_tables_free(&t);
    return go;
}
