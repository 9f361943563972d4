/* read_claims.c - the `claims` of a partygraph/1 document (read_claims.h):
 * each element checked member by member and kept as a pg_claim, with the
 * place of its entity id for pg_resolve. */
#include "input/read_claims.h"

#include <math.h>
#include <string.h>

#include "base/suggest.h"

/* Every member a claim may have, in the order they are checked. */
static const char *const claim_keys[] = { "entity", "measure", "value", "date", "qualifier", "unit", "text", "sources" };

enum { NKEYS = sizeof claim_keys / sizeof claim_keys[0] };

static bool absent(const cJSON *v)
{
    return v == NULL || cJSON_IsNull(v);
}

static bool wrong_type(pg_loader *L, const cJSON *v, pg_jpath p, const char *expected)
{
    char got[PG_QUOTE_SIZE];
    return pg_report_error(L->report, &p, "expected %s, got %s", expected, pg_schema_describe(v, got, sizeof got));
}

/* The text of string member `key` of `item` at `p` into *out ("" when
 * absent, or not usable); a `required` one must be there, not empty. */
static bool text_member(pg_loader *L, const cJSON *item, const char *key, pg_jpath p, bool required, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
    pg_jpath vp = pg_jpath_key(&p, key);
    *out = "";
    if (absent(v))
        return !required || pg_report_error(L->report, &p, "missing \"%s\"", key);
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "a string");
    if (required && v->valuestring[0] == '\0')
        return pg_report_error(L->report, &vp, "must not be empty");
    *out = pg_arena_strdup(&L->ds->arena, v->valuestring);
    return *out != NULL || (*out = "", pg_report_oom(L->report));
}

/* The entity id (interned: claims name the same few entities), and the
 * place kept for resolving it: its value's. */
static bool entity_member(pg_loader *L, const cJSON *item, pg_jpath p, pg_claim *c, pg_place *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "entity");
    pg_jpath vp = pg_jpath_key(&p, "entity");
    if (absent(v))
        return pg_report_error(L->report, &p, "missing \"entity\"");
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "an id string");
    c->entity_id = pg_dataset_intern_id(L->ds, v->valuestring, &c->entity);
    *at = L->keep_places ? pg_report_place(L->report, &vp) : PG_PLACE_NONE;
    return c->entity_id != NULL || pg_report_oom(L->report);
}

static bool value_member(pg_loader *L, const cJSON *item, pg_jpath p, pg_claim *c)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "value");
    pg_jpath vp = pg_jpath_key(&p, "value");
    if (absent(v))
        return pg_report_error(L->report, &p, "missing \"value\"");
    if (!cJSON_IsNumber(v))
        return wrong_type(L, v, vp, "a number");
    if (!isfinite(v->valuedouble))
        return pg_report_error(L->report, &vp, "number out of range (it must be finite)");
    c->value = v->valuedouble;
    return true;
}

static bool date_member(pg_loader *L, const cJSON *item, pg_jpath p, pg_claim *c)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "date");
    return absent(v) || pg_schema_date(L, v, pg_jpath_key(&p, "date"), &c->date);
}

static bool sources_member(pg_loader *L, const cJSON *item, pg_jpath p, pg_claim *c)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "sources");
    return absent(v) || pg_schema_sources(L, v, pg_jpath_key(&p, "sources"), &c->sources);
}

static bool is_claim_key(const char *key)
{
    for (size_t k = 0; k < NKEYS; k++)
        if (strcmp(claim_keys[k], key) == 0)
            return true;
    return false;
}

/* The warning for member `key` (at `p`), which a claim does not have. */
static void unknown_key(pg_loader *L, const char *key, pg_jpath p)
{
    pg_suggest s;
    char q[PG_QUOTE_SIZE];
    pg_suggest_init(&s, key);
    for (size_t k = 0; k < NKEYS; k++)
        pg_suggest_offer(&s, claim_keys[k]);
    if (s.best)
        pg_report_warning(L->report, &p, "unknown key %s of a claim ignored (did you mean \"%s\"?)", pg_quote(q, key),
                          s.best);
    else
        pg_report_warning(L->report, &p, "unknown key %s of a claim ignored", pg_quote(q, key));
}

/* A warning for each member that is not a claim's. */
static void unknown_members(pg_loader *L, const cJSON *item, pg_jpath p)
{
    for (const cJSON *v = item->child; v != NULL; v = v->next)
        if (!is_claim_key(v->string))
            unknown_key(L, v->string, pg_jpath_key(&p, v->string));
}

/* Appends claim `c` (read at `p`, its entity at `at`) with its places. */
static bool add_claim(pg_loader *L, const pg_claim *c, pg_jpath p, pg_place at)
{
    pg_dataset *ds = L->ds;
    pg_place places[2] = { L->keep_places ? pg_report_place(L->report, &p) : PG_PLACE_NONE, at };
    if (PG_VEC_RESERVE(ds->claims, 1) != 0 || (L->keep_places && !pg_places_push(&L->places.claims, places, 2)))
        return pg_report_oom(L->report);
    ds->claims.items[ds->claims.len++] = *c;
    return true;
}

bool pg_read_claim(pg_loader *L, const cJSON *item, long index, pg_jpath p)
{
    if (!cJSON_IsObject(item))
        return wrong_type(L, item, p, "an object");
    pg_claim c = { .entity = -1, .input_index = index, .measure = "", .qualifier = "", .unit = "", .text = "" };
    pg_place at = PG_PLACE_NONE;
    size_t errors = L->report->errors;
    bool go = entity_member(L, item, p, &c, &at) && text_member(L, item, "measure", p, true, &c.measure) &&
              value_member(L, item, p, &c) && date_member(L, item, p, &c) &&
              text_member(L, item, "qualifier", p, false, &c.qualifier) &&
              text_member(L, item, "unit", p, false, &c.unit) && text_member(L, item, "text", p, false, &c.text) &&
              sources_member(L, item, p, &c);
    if (!go)
        return false;
    unknown_members(L, item, p);
    return L->report->errors > errors || c.entity_id == NULL || add_claim(L, &c, p, at);
}
