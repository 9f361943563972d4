/* schema_reltype.c - the elements of `relation_types` (schema.h,
 * pg_schema_relation_type): a declared relation type, checked and handed
 * to the dataset (model/reltype.h), which then uses it instead of the
 * built-in type of its id (docs/input.md, "Relation types"). */
#include <string.h>

#include "base/suggest.h"
#include "input/schema.h"
#include "model/reltype.h"

static const char *const known_keys[] = { "id", "directed", "structural", "label", NULL };

/* Is `key` one a relation type has? */
static bool known(const char *key)
{
    for (const char *const *k = known_keys; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

/* The first member of `obj` named `key`, or NULL. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string != NULL && strcmp(c->string, key) == 0)
            return c;
    return NULL;
}

static bool wrong_type(pg_loader *L, const cJSON *v, pg_jpath p, const char *expected)
{
    char got[PG_QUOTE_SIZE];
    return pg_report_error(L->report, &p, "expected %s, got %s", expected, pg_schema_describe(v, got, sizeof got));
}

/* The required, valid `id` into *out (NULL when unusable). */
static bool type_id(pg_loader *L, const cJSON *obj, pg_jpath p, const char **out)
{
    const cJSON *v = member(obj, "id");
    pg_jpath vp = pg_jpath_key(&p, "id");
    char q[PG_QUOTE_SIZE];
    *out = NULL;
    if (v == NULL || cJSON_IsNull(v))
        return pg_report_error(L->report, &p, "missing \"id\" (the relation type it declares, such as \"visited\")");
    if (!cJSON_IsString(v))
        return wrong_type(L, v, vp, "a relation type id string such as \"visited\"");
    if (!pg_schema_valid_id(v->valuestring))
        return pg_report_error(L->report, &vp, "%s is not a valid relation type id: use 1-200 letters or digits of any "
                               "script and _ . - : (a label belongs in \"label\")", pg_quote(q, v->valuestring));
    *out = pg_dataset_intern(L->ds, v->valuestring); /* so that it meets the relations' types */
    return *out ? true : pg_report_oom(L->report);
}

/* Boolean member `key` into *out (false when absent or null). */
static bool flag(pg_loader *L, const cJSON *obj, const char *key, pg_jpath p, bool *out)
{
    const cJSON *v = member(obj, key);
    *out = false;
    if (v == NULL || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsBool(v))
        return wrong_type(L, v, pg_jpath_key(&p, key), "true or false");
    *out = cJSON_IsTrue(v);
    return true;
}

/* The optional `label` into *out ("" when absent). */
static bool label(pg_loader *L, const cJSON *obj, pg_jpath p, const char **out)
{
    const cJSON *v = member(obj, "label");
    *out = "";
    if (v == NULL || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsString(v))
        return wrong_type(L, v, pg_jpath_key(&p, "label"), "a string");
    *out = pg_arena_strdup(&L->ds->arena, v->valuestring);
    return *out ? true : pg_report_oom(L->report);
}

/* Warns about each key a relation type does not have (did you mean). */
static bool unknown_keys(pg_loader *L, const cJSON *obj, pg_jpath p)
{
    char q[PG_QUOTE_SIZE];
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (known(c->string))
            continue;
        pg_suggest s;
        pg_suggest_init(&s, c->string);
        for (const char *const *k = known_keys; *k; k++)
            pg_suggest_offer(&s, *k);
        pg_jpath kp = pg_jpath_key(&p, c->string);
        pg_report_warning(L->report, &kp, "unknown key %s of a relation type ignored (%s%s%s)", pg_quote(q, c->string),
                          s.best ? "did you mean \"" : "it has id, directed, structural, label",
                          s.best ? s.best : "", s.best ? "\"?" : "");
    }
    return !L->report->oom;
}

/* Is `id` declared already by this `relation_types` member? Reports it
 * so, with where; else remembers it as declared by element `index`. */
static bool unique(pg_loader *L, const char *id, long index, pg_jpath p, bool *dup)
{
    long before = pg_strmap_get(&L->type_ids, id);
    char q[PG_QUOTE_SIZE];
    *dup = before >= 0;
    if (!*dup)
        return pg_strmap_put(&L->type_ids, id, index) >= 0 ? true : pg_report_oom(L->report);
    pg_jpath ip = pg_jpath_key(&p, "id");
    return pg_report_error(L->report, &ip, "duplicate relation type id %s: already declared at $.relation_types[%ld]",
                           pg_quote(q, id), before);
}

bool pg_schema_relation_type(pg_loader *L, const cJSON *item, long index, pg_jpath p)
{
    if (!cJSON_IsObject(item))
        return wrong_type(L, item, p, "a relation type object {\"id\", \"directed\", \"structural\", \"label\"}");
    pg_relation_type t = { NULL, "", false, false, true };
    size_t errors = L->report->errors;
    bool dup = false;
    bool go = type_id(L, item, p, &t.id) && flag(L, item, "directed", p, &t.directed) &&
              flag(L, item, "structural", p, &t.structural) && label(L, item, p, &t.label) &&
              unknown_keys(L, item, p);
    if (!go || t.id == NULL || L->report->errors != errors)
        return go;
    if (!unique(L, t.id, index, p, &dup) || dup)
        return !dup && !L->report->oom ? true : !pg_report_stopped(L->report) && !L->report->oom;
    return pg_reltype_declare(L->ds, t) == 0 ? true : pg_report_oom(L->report);
}
