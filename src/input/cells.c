/* cells.c - see cells.h: the typing rule of tabular inputs. */
#include "input/cells.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

bool pg_cells_header_is(const char *header, const char *name)
{
    for (; *name; header++, name++)
        if (*header != *name && !(*name >= 'a' && *name <= 'z' && *header == *name - 'a' + 'A'))
            return false;
    return *header == '\0';
}

bool pg_cells_is_number(const char *text)
{
    const char *end = NULL;
    cJSON *v = text[0] == '-' || (text[0] >= '0' && text[0] <= '9') ? cJSON_ParseWithOpts(text, &end, true) : NULL;
    bool number = cJSON_IsNumber(v);
    cJSON_Delete(v);
    return number;
}

/* The words read as booleans, and their values. */
static const struct {
    const char *word;
    bool value;
} BOOLS[] = { { "true", true }, { "false", false }, { "TRUE", true }, { "FALSE", false } };

bool pg_cells_is_bool(const char *text, bool *value)
{
    for (size_t i = 0; i < sizeof BOOLS / sizeof BOOLS[0]; i++)
        if (strcmp(text, BOOLS[i].word) == 0) {
            *value = BOOLS[i].value;
            return true;
        }
    return false;
}

bool pg_cells_not_date(const pg_cell *c, char *buf, size_t size)
{
    pg_date d;
    if (c->type == PG_CELL_NUMBER && c->typed)
        return c->number == (double)(int)c->number && c->number >= 0 && c->number <= 9999
                   ? false
                   : (snprintf(buf, size, "a date is YYYY, YYYY-MM or YYYY-MM-DD"), true);
    if (pg_date_parse(c->text, &d))
        return false;
    if (!pg_date_impossible(c->text, buf, size))
        snprintf(buf, size, "a date is YYYY, YYYY-MM or YYYY-MM-DD");
    return true;
}

/* Does untyped cell text `text` fit `type`? */
static bool fits(const char *text, pg_cells_type type)
{
    bool b;
    return type == PG_CELLS_NUMBER ? pg_cells_is_number(text) : type == PG_CELLS_BOOL ? pg_cells_is_bool(text, &b)
                                                                                      : true;
}

/* Does every non-empty untyped cell of column `col` fit `type`, one at least? */
static bool all_fit(const pg_table *t, size_t col, pg_cells_type type)
{
    size_t seen = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const pg_cell *c = pg_table_cell(t, r, col);
        if (c->type == PG_CELL_EMPTY || c->typed)
            continue;
        if (!fits(c->text, type))
            return false;
        seen++;
    }
    return seen > 0;
}

pg_cells_type pg_cells_column_type(const pg_table *t, size_t col)
{
    if (all_fit(t, col, PG_CELLS_NUMBER))
        return PG_CELLS_NUMBER;
    return all_fit(t, col, PG_CELLS_BOOL) ? PG_CELLS_BOOL : PG_CELLS_TEXT;
}

/* A typed cell's value. */
static cJSON *typed_value(const pg_cell *c)
{
    if (c->type == PG_CELL_NUMBER)
        return cJSON_CreateNumber(c->number);
    if (c->type == PG_CELL_BOOL)
        return cJSON_CreateBool(strcmp(c->text, "true") == 0);
    return cJSON_CreateString(c->text);
}

cJSON *pg_cells_value(const pg_cell *c, pg_cells_type type)
{
    bool b;
    if (c->typed)
        return typed_value(c);
    if (type == PG_CELLS_NUMBER && pg_cells_is_number(c->text))
        return cJSON_Parse(c->text);
    if (type == PG_CELLS_BOOL && pg_cells_is_bool(c->text, &b))
        return cJSON_CreateBool(b);
    return cJSON_CreateString(c->text);
}
