/* read_popolo.c - Popolo JSON (popoloproject.com): {"organizations",
 * "memberships", "events", "areas", "persons", "posts"}.
 *
 *   - an organization is a party when its `classification` is "party" or
 *     "political party" (any case), else a mechanism whose own kind is the
 *     classification; `founding_date` is `founded`, `dissolution_date`
 *     `dissolved`, `area_id` its country; `identifiers` stay as they are;
 *   - an area is a country when its classification is "country" or absent
 *     (other areas are skipped with a warning);
 *   - an event is an event: `start_date` its date, `end_date` its end (times
 *     cut off), `organization_id` its mechanism or host, `area_id` its
 *     country, `classification` its type;
 *   - a membership of an organization in another is a `member_of`
 *     relation (`start_date`, `end_date`, `role`); memberships of persons,
 *     persons and posts are skipped with a warning, since partygraph's
 *     actors are parties.
 * Every other member is an attribute (read_map.c's rules). */
#include <ctype.h>
#include <string.h>

#include "input/reader.h"

enum { ID_TEXT = 64, DATE_TEXT = 11 };

/* Renamed members: Popolo's name -> partygraph's, per collection. */
typedef struct renaming {
    const char *from, *to;
} renaming;

static const renaming org_names[] = { { "founding_date", "founded" }, { "dissolution_date", "dissolved" },
                                    { "area_id", "country" }, { "classification", NULL }, { NULL, NULL } };
static const renaming area_names[] = { { "classification", NULL }, { "parent_id", "parent" }, { NULL, NULL } };
static const renaming event_names[] = { { "start_date", "date" }, { "end_date", "end" }, { "area_id", "country" },
                                      { "classification", "type" }, { "organization_id", NULL }, { NULL, NULL } };

typedef struct collection {
    const char *key;
    const renaming *names;
} collection;

static const collection collections[] = {
    { "areas", area_names }, { "organizations", org_names }, { "events", event_names },
};

enum { NCOLLECTIONS = sizeof collections / sizeof collections[0] };

static bool is_party(const char *classification)
{
    static const char *const names[] = { "party", "political party", NULL };
    for (const char *const *n = names; *n; n++) {
        size_t i = 0;
        while (classification[i] && tolower((unsigned char)classification[i]) == (*n)[i])
            i++;
        if (classification[i] == '\0' && (*n)[i] == '\0')
            return true;
    }
    return false;
}

/* The entity kind of an element of collection `c`; false for an area that
 * is not a country (skipped). */
static bool element_kind(const collection *c, const cJSON *item, pg_kind *kind)
{
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(item, "classification");
    const char *text = cJSON_IsString(cl) ? cl->valuestring : NULL;
    if (c->names == area_names) {
        *kind = PG_KIND_COUNTRY;
        return text == NULL || strcmp(text, "country") == 0;
    }
    *kind = c->names == event_names ? PG_KIND_EVENT : text && is_party(text) ? PG_KIND_PARTY : PG_KIND_MECHANISM;
    return true;
}

/* A date or date-time's date: "2017-11-30T09:00:00Z" -> "2017-11-30". */
static cJSON *date_value(const cJSON *v)
{
    char day[DATE_TEXT];
    if (!cJSON_IsString(v) || strlen(v->valuestring) <= 10 || v->valuestring[10] != 'T')
        return cJSON_Duplicate(v, true);
    snprintf(day, sizeof day, "%.10s", v->valuestring);
    return cJSON_CreateString(day);
}

/* Member `v` under its partygraph name (none: skipped) into `attrs`,
 * unless `attrs` has that name already. False when out of memory
 * (reported). */
static bool add_member(pg_reader *R, pg_read_obj *attrs, const renaming *names, const cJSON *v)
{
    const char *key = v->string;
    for (const renaming *r = names; r->from; r++)
        if (strcmp(r->from, key) == 0) {
            key = r->to;
            break;
        }
    if (key == NULL || pg_read_obj_has(attrs, key))
        return true;
    bool date = strcmp(key, "date") == 0 || strcmp(key, "end") == 0 || strcmp(key, "founded") == 0;
    return pg_read_obj_add(R, attrs, key, date ? date_value(v) : cJSON_Duplicate(v, true));
}

/* The attributes of an organization, area or event, with its kind, in
 * *attrs (pg_read_obj_free it); false when out of memory (reported). An
 * event's organization is its mechanism or, when that is a party or
 * country, its host. */
static bool attributes(pg_reader *R, const collection *c, const cJSON *item, pg_kind kind, pg_read_obj *attrs)
{
    bool ok = pg_read_obj_init(R, attrs) &&
              pg_read_obj_add(R, attrs, "kind", cJSON_CreateString(pg_kind_name(kind)));
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(item, "classification");
    if (ok && kind == PG_KIND_MECHANISM && cJSON_IsString(cl))
        ok = pg_read_obj_add(R, attrs, "mechanism_kind", cJSON_CreateString(cl->valuestring));
    const cJSON *org = cJSON_GetObjectItemCaseSensitive(item, "organization_id");
    if (ok && kind == PG_KIND_EVENT && cJSON_IsString(org)) {
        long d = pg_strmap_get(&R->by_id, org->valuestring);
        bool mechanism = d >= 0 && R->decls.items[d].kind == PG_KIND_MECHANISM;
        ok = pg_read_obj_add(R, attrs, mechanism ? "mechanism" : "host", cJSON_CreateString(org->valuestring));
    }
    for (const cJSON *v = item->child; ok && v; v = v->next)
        ok = add_member(R, attrs, c->names, v);
    return ok;
}

/* Walks the entities of every collection: declares them (`declare`) or
 * reads them. */
static bool entities(pg_reader *R, const cJSON *root, bool declare)
{
    char buf[ID_TEXT];
    bool go = true;
    size_t index = 0;
    for (int k = 0; k < NCOLLECTIONS && go; k++) {
        const collection *c = &collections[k];
        pg_jpath cp = pg_jpath_key(&PG_JPATH_ROOT, c->key);
        long i = 0;
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, c->key);
        for (const cJSON *item = list ? list->child : NULL; item && go; item = item->next, i++) {
            pg_jpath p = pg_jpath_index(&cp, i);
            pg_kind kind = PG_KIND_PARTY;
            if (cJSON_IsObject(item) && !element_kind(c, item, &kind)) {
                if (declare)
                    pg_read_warn_once(R, "areas", &p, "areas that are not countries are skipped (partygraph's "
                                                      "places are countries)");
                continue;
            }
            pg_read_obj attrs = { NULL, PG_STRMAP_INIT, 0 };
            if (cJSON_IsObject(item) && !attributes(R, c, item, kind, &attrs))
                go = false;
            else if (declare && attrs.obj == NULL)
                go = pg_read_declare(R, NULL, NULL, p) &&
                     pg_read_wrong(R, item, p, "an object");
            else if (declare)
                go = pg_read_declare(R, pg_read_member_id(R, item, "id", p, buf, sizeof buf), attrs.obj, p);
            else
                go = pg_read_node(R, index, attrs.obj, p);
            index++;
            pg_read_obj_free(&attrs);
        }
    }
    return go;
}

/* A membership of an organization in an organization: member_of. */
static bool membership(pg_reader *R, const cJSON *m, long i, pg_jpath p)
{
    char s[ID_TEXT], t[ID_TEXT];
    static const renaming names[] = { { "start_date", "date" }, { "end_date", "end" }, { "member_id", NULL },
                                    { "organization_id", NULL }, { "person_id", NULL }, { NULL, NULL } };
    if (!cJSON_IsObject(m))
        return pg_read_wrong(R, m, p, "a membership object");
    const cJSON *member = cJSON_GetObjectItemCaseSensitive(m, "member_id");
    if (member == NULL && cJSON_GetObjectItemCaseSensitive(m, "person_id") != NULL) {
        pg_read_warn_once(R, "persons", &p, "memberships of persons are skipped (partygraph's actors are parties)");
        return true;
    }
    const char *source = pg_read_id_text(R, member, pg_jpath_key(&p, "member_id"), s, sizeof s);
    const char *target = pg_read_member_id(R, m, "organization_id", p, t, sizeof t);
    pg_read_obj attrs;
    bool ok = pg_read_obj_init(R, &attrs);
    for (const cJSON *v = m->child; ok && v; v = v->next)
        ok = add_member(R, &attrs, names, v);
    bool go = !ok                ? false
              : source && target ? pg_read_edge(R, source, target, attrs.obj, "member_of", i, p)
                                 : !pg_report_stopped(&R->report);
    pg_read_obj_free(&attrs);
    return go;
}

/* Each collection that is present must be an array. */
static bool check_arrays(pg_reader *R, const cJSON *root)
{
    static const char *const keys[] = { "areas", "organizations", "events", "memberships", "persons", "posts" };
    bool go = true;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && go; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, keys[k]);
        pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, keys[k]);
        if (v != NULL && !cJSON_IsArray(v))
            go = pg_read_wrong(R, v, p, "an array");
        else if (v != NULL && k >= 4 && cJSON_GetArraySize(v) > 0)
            pg_read_warn_once(R, keys[k], &p, "\"%s\" are skipped (partygraph's actors are parties)", keys[k]);
    }
    return go;
}

bool pg_read_popolo(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    R->end_keys[0] = "member_id"; /* a membership's ends */
    R->end_keys[1] = "organization_id";
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    bool go = cJSON_IsObject(root) ? check_arrays(R, root) : pg_read_wrong(R, root, PG_JPATH_ROOT, "a Popolo object");
    go = go && entities(R, root, true) && entities(R, root, false);
    const cJSON *memberships = cJSON_GetObjectItemCaseSensitive(root, "memberships");
    pg_jpath mp = pg_jpath_key(&PG_JPATH_ROOT, "memberships");
    long i = 0;
    for (const cJSON *m = memberships ? memberships->child : NULL; go && m; m = m->next, i++)
        go = membership(R, m, i, pg_jpath_index(&mp, i));
    cJSON_Delete(root);
    return go;
}
