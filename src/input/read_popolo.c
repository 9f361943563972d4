/* read_popolo.c - Popolo JSON (popoloproject.com, as EveryPolitician
 * exports it): {"areas", "organizations", "persons", "events",
 * "memberships", "posts"}.
 *
 *   - an area is a country when its `classification` (EveryPolitician:
 *     `type`) is "country" (any case); another area (a constituency) is no
 *     node: what names it by `area_id` keeps its name as `area` and the id
 *     as `area_id`;
 *   - an organization is a party when its `classification` is "party" or
 *     "political party" (any case), else a mechanism whose own kind is the
 *     classification (legislature, chamber, ...); `founding_date` is
 *     `founded`, `dissolution_date` `dissolved`, `area_id` its country;
 *   - a person is a person;
 *   - an event is an event: `start_date` its date, `end_date` its end (times
 *     cut off), `organization_id` its mechanism or host, `area_id` its
 *     country, `classification` its type;
 *   - a membership (of `person_id` or `member_id` in `organization_id`) is
 *     a relation: `belongs_to` for a person in a party, `attended` for an
 *     event, else `member_of`, with `start_date` as `date`, `end_date` as
 *     `end` and every other member (`role`, `on_behalf_of_id`,
 *     `legislative_period_id`, `post_id`, ...) as an attribute;
 *   - a membership's `on_behalf_of_id` also ties its person to that party:
 *     one relation per person and party, from the earliest start to the
 *     latest end (open when one membership has no end), unless a membership
 *     of the person in that party says it already;
 *   - posts are not read (one warning).
 * Every other member is an attribute (read_map.c's rules). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "input/reader.h"

enum { ID_TEXT = 64, DATE_TEXT = 11 };

/* Renamed members: Popolo's name -> partygraph's, per collection. */
typedef struct renaming {
    const char *from, *to;
} renaming;

static const renaming org_names[] = { { "founding_date", "founded" }, { "dissolution_date", "dissolved" },
                                    { "area_id", "country" }, { "classification", NULL }, { NULL, NULL } };
static const renaming area_names[] = { { "classification", NULL }, { "type", NULL }, { "parent_id", "parent" },
                                     { NULL, NULL } };
static const renaming person_names[] = { { "area_id", "country" }, { NULL, NULL } };
static const renaming event_names[] = { { "start_date", "date" }, { "end_date", "end" }, { "area_id", "country" },
                                      { "classification", "type" }, { "organization_id", NULL }, { NULL, NULL } };
static const renaming membership_names[] = { { "start_date", "date" }, { "end_date", "end" }, { "member_id", NULL },
                                           { "organization_id", NULL }, { "person_id", NULL }, { NULL, NULL } };

typedef struct collection {
    const char *key;
    const renaming *names;
} collection;

static const collection collections[] = {
    { "areas", area_names }, { "organizations", org_names }, { "persons", person_names }, { "events", event_names },
};

enum { NCOLLECTIONS = sizeof collections / sizeof collections[0] };

/* A person's tie to the party a membership is on behalf of. */
typedef struct party_tie {
    char *key;                    /* "person\x1fparty" (owned), its key in popolo.pairs */
    const char *person, *party;   /* ids as written */
    const cJSON *date, *end;      /* the earliest start, the latest end */
    bool open;                    /* a membership of the pair has no end */
    bool direct;                  /* a membership in the party says it */
    long at;                      /* the first membership naming the pair */
} party_tie;

/* What a Popolo file is read with. */
typedef struct popolo {
    pg_reader *R;
    pg_strmap areas;              /* area id -> index into area_items */
    PG_VEC(const cJSON *) area_items;
    pg_strmap pairs;              /* "person\x1fparty" -> index into ties */
    PG_VEC(party_tie) ties;
} popolo;

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *v = get(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Is `text` one of `names` (lower case), in any case? */
static bool names_one_of(const char *text, const char *const *names)
{
    for (const char *const *n = names; text && *n; n++) {
        size_t i = 0;
        while (text[i] && tolower((unsigned char)text[i]) == (*n)[i])
            i++;
        if (text[i] == '\0' && (*n)[i] == '\0')
            return true;
    }
    return false;
}

static bool is_party(const char *classification)
{
    static const char *const names[] = { "party", "political party", NULL };
    return names_one_of(classification, names);
}

/* An area's classification: its `classification`, else its `type`. */
static const char *area_class(const cJSON *area)
{
    const char *c = string_of(area, "classification");
    return c ? c : string_of(area, "type");
}

static bool is_country(const cJSON *area)
{
    static const char *const names[] = { "country", NULL };
    return names_one_of(area_class(area), names);
}

/* The entity kind of an element of collection `c`; false for an area that
 * is not a country (no node). */
static bool element_kind(const collection *c, const cJSON *item, pg_kind *kind)
{
    const char *text = string_of(item, "classification");
    static const pg_kind kinds[NCOLLECTIONS] = { PG_KIND_COUNTRY, PG_KIND_MECHANISM, PG_KIND_PERSON, PG_KIND_EVENT };
    *kind = kinds[c - collections];
    if (*kind == PG_KIND_MECHANISM && text && is_party(text))
        *kind = PG_KIND_PARTY;
    return *kind != PG_KIND_COUNTRY || is_country(item);
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

/* ---- areas that are not countries ------------------------------------- */

/* Remembers every area by id. False when out of memory (reported). */
static bool index_areas(popolo *P, const cJSON *areas)
{
    for (const cJSON *a = areas ? areas->child : NULL; a; a = a->next) {
        const char *id = string_of(a, "id");
        if (id == NULL || pg_strmap_get(&P->areas, id) >= 0)
            continue;
        if (PG_VEC_RESERVE(P->area_items, 1) != 0 || pg_strmap_put(&P->areas, id, (long)P->area_items.len) < 0)
            return pg_report_oom(&P->R->report);
        P->area_items.items[P->area_items.len++] = a;
    }
    return true;
}

/* The area `v` names, or NULL. */
static const cJSON *area_of(const popolo *P, const cJSON *v)
{
    long i = cJSON_IsString(v) ? pg_strmap_get(&P->areas, v->valuestring) : -1;
    return i >= 0 ? P->area_items.items[i] : NULL;
}

/* `area` = the name of the area `v` names (its id without one) and
 * `area_id` = v, unless `attrs` has them. False when out of memory. */
static bool add_area(popolo *P, pg_read_obj *attrs, const cJSON *area, const cJSON *v)
{
    const cJSON *name = get(area, "name");
    bool ok = pg_read_obj_has(attrs, "area") ||
              pg_read_obj_add(P->R, attrs, "area", cJSON_Duplicate(cJSON_IsString(name) ? name : v, true));
    return ok && (pg_read_obj_has(attrs, "area_id") || pg_read_obj_add(P->R, attrs, "area_id",
                                                                       cJSON_Duplicate(v, true)));
}

/* ---- members and attributes --------------------------------------------- */

/* The partygraph name of member `key` under `names` (NULL: not kept). */
static const char *renamed(const renaming *names, const char *key)
{
    for (const renaming *r = names; r->from; r++)
        if (strcmp(r->from, key) == 0)
            return r->to;
    return key;
}

/* Member `v` under its partygraph name into `attrs`, unless `attrs` has
 * that name already; an `area_id` naming an area that is not a country (or
 * any area, for a membership) gives `area` and `area_id`. False when out
 * of memory (reported). */
static bool add_member(popolo *P, pg_read_obj *attrs, const renaming *names, const cJSON *v)
{
    const cJSON *area = strcmp(v->string, "area_id") == 0 ? area_of(P, v) : NULL;
    if (area != NULL && (names == membership_names || !is_country(area)))
        return add_area(P, attrs, area, v);
    const char *key = renamed(names, v->string);
    if (key == NULL || pg_read_obj_has(attrs, key))
        return true;
    bool date = strcmp(key, "date") == 0 || strcmp(key, "end") == 0 || strcmp(key, "founded") == 0;
    return pg_read_obj_add(P->R, attrs, key, date ? date_value(v) : cJSON_Duplicate(v, true));
}

/* An event's organization: its mechanism or, when that is a party or
 * country, its host. */
static bool add_event_org(pg_reader *R, pg_read_obj *attrs, const cJSON *org)
{
    long d = pg_strmap_get(&R->by_id, org->valuestring);
    bool mechanism = d >= 0 && R->decls.items[d].kind == PG_KIND_MECHANISM;
    return pg_read_obj_add(R, attrs, mechanism ? "mechanism" : "host", cJSON_CreateString(org->valuestring));
}

/* The attributes of an organization, area, person or event, with its
 * kind, in *attrs (pg_read_obj_free it); false when out of memory
 * (reported). */
static bool attributes(popolo *P, const collection *c, const cJSON *item, pg_kind kind, pg_read_obj *attrs)
{
    pg_reader *R = P->R;
    bool ok = pg_read_obj_init(R, attrs) &&
              pg_read_obj_add(R, attrs, "kind", cJSON_CreateString(pg_kind_name(kind)));
    const cJSON *cl = get(item, "classification");
    if (ok && kind == PG_KIND_MECHANISM && cJSON_IsString(cl))
        ok = pg_read_obj_add(R, attrs, "mechanism_kind", cJSON_CreateString(cl->valuestring));
    const cJSON *org = get(item, "organization_id");
    if (ok && kind == PG_KIND_EVENT && cJSON_IsString(org))
        ok = add_event_org(R, attrs, org);
    for (const cJSON *v = item->child; ok && v; v = v->next)
        ok = add_member(P, attrs, c->names, v);
    return ok;
}

/* ---- entities ------------------------------------------------------------ */

/* Declares or reads (`declare`) element `item` of `c` at p, entity number
 * *index when it is one. */
static bool entity(popolo *P, const collection *c, const cJSON *item, bool declare, size_t *index, pg_jpath p)
{
    char buf[ID_TEXT];
    pg_reader *R = P->R;
    pg_kind kind = PG_KIND_PARTY;
    if (cJSON_IsObject(item) && !element_kind(c, item, &kind))
        return true;
    pg_read_obj attrs = { NULL, PG_STRMAP_INIT, 0 };
    bool go;
    if (cJSON_IsObject(item) && !attributes(P, c, item, kind, &attrs))
        go = false;
    else if (declare && attrs.obj == NULL)
        go = pg_read_declare(R, NULL, NULL, p) && pg_read_wrong(R, item, p, "an object");
    else if (declare)
        go = pg_read_declare(R, pg_read_member_id(R, item, "id", p, buf, sizeof buf), attrs.obj, p);
    else
        go = pg_read_node(R, *index, attrs.obj, p);
    (*index)++;
    pg_read_obj_free(&attrs);
    return go;
}

/* Walks the entities of every collection: declares them (`declare`) or
 * reads them. */
static bool entities(popolo *P, const cJSON *root, bool declare)
{
    bool go = true;
    size_t index = 0;
    for (int k = 0; k < NCOLLECTIONS && go; k++) {
        const collection *c = &collections[k];
        pg_jpath cp = pg_jpath_key(&PG_JPATH_ROOT, c->key);
        long i = 0;
        const cJSON *list = get(root, c->key);
        for (const cJSON *item = list ? list->child : NULL; item && go; item = item->next, i++)
            go = entity(P, c, item, declare, &index, pg_jpath_index(&cp, i));
    }
    return go;
}

/* ---- memberships ----------------------------------------------------------- */

/* The kind of the node declared as `id`, or -1. */
static int kind_of(const pg_reader *R, const char *id)
{
    long d = id ? pg_strmap_get(&R->by_id, id) : -1;
    return d >= 0 ? (int)R->decls.items[d].kind : -1;
}

/* The relation a membership of `member` in `org` is. */
static const char *membership_type(const pg_reader *R, const char *member, const char *org)
{
    int k = kind_of(R, org);
    if (k == PG_KIND_PARTY && kind_of(R, member) == PG_KIND_PERSON)
        return "belongs_to";
    return k == PG_KIND_EVENT ? "attended" : "member_of";
}

/* The key naming a membership's member: person_id, else member_id. */
static const char *member_key(const cJSON *m)
{
    return get(m, "person_id") != NULL ? "person_id" : "member_id";
}

/* A membership of a person or organization in an organization. */
static bool membership(popolo *P, const cJSON *m, long i, pg_jpath p)
{
    char s[ID_TEXT], t[ID_TEXT];
    pg_reader *R = P->R;
    if (!cJSON_IsObject(m))
        return pg_read_wrong(R, m, p, "a membership object");
    if (get(m, "organization_id") == NULL && get(m, "on_behalf_of_id") != NULL)
        return true; /* only the party tie */
    R->end_keys[0] = member_key(m);
    R->end_keys[1] = "organization_id";
    const char *source = pg_read_member_id(R, m, R->end_keys[0], p, s, sizeof s);
    const char *target = pg_read_member_id(R, m, "organization_id", p, t, sizeof t);
    pg_read_obj attrs;
    bool ok = pg_read_obj_init(R, &attrs);
    for (const cJSON *v = m->child; ok && v; v = v->next)
        ok = add_member(P, &attrs, membership_names, v);
    bool go = !ok                ? false
              : source && target ? pg_read_edge(R, source, target, attrs.obj, membership_type(R, source, target), i, p)
                                 : !pg_report_stopped(&R->report);
    pg_read_obj_free(&attrs);
    return go;
}

/* ---- the party a membership is on behalf of ------------------------------- */

/* Is date `a` (a string or NULL) earlier (`earlier`) or later than b? */
static bool better(const cJSON *a, const cJSON *b, bool earlier)
{
    if (!cJSON_IsString(a))
        return false;
    if (!cJSON_IsString(b))
        return true;
    int c = strcmp(a->valuestring, b->valuestring);
    return earlier ? c < 0 : c > 0;
}

/* "person\x1fparty" in a new string; NULL when out of memory. */
static char *pair_key(const char *person, const char *party)
{
    size_t n = strlen(person) + strlen(party) + 2;
    char *key = malloc(n);
    if (key != NULL)
        snprintf(key, n, "%s\x1f%s", person, party);
    return key;
}

/* The tie of the pair (person, party), made when new (its index in
 * *at); false when out of memory. */
static bool pair_tie(popolo *P, const char *person, const char *party, long m, long *at)
{
    char *key = pair_key(person, party);
    *at = key ? pg_strmap_get(&P->pairs, key) : -1;
    if (key == NULL || *at >= 0) {
        free(key);
        return key != NULL;
    }
    *at = (long)P->ties.len;
    if (PG_VEC_RESERVE(P->ties, 1) != 0 || pg_strmap_put(&P->pairs, key, *at) < 0) {
        free(key);
        return false;
    }
    P->ties.items[P->ties.len++] = (party_tie){ key, person, party, NULL, NULL, false, false, m };
    return true;
}

/* Widens the span of tie `t` to membership `m`'s dates. */
static void widen(party_tie *t, const cJSON *m)
{
    const cJSON *start = get(m, "start_date"), *end = get(m, "end_date");
    t->date = better(start, t->date, true) ? start : t->date;
    t->end = better(end, t->end, false) ? end : t->end;
    t->open |= !cJSON_IsString(end);
}

/* Notes membership `m` (number i) for the tie of its person to the party
 * it is in or on behalf of. False when out of memory (reported). */
static bool note_membership(popolo *P, const cJSON *m, long i)
{
    const char *person = string_of(m, "person_id"), *org = string_of(m, "organization_id");
    const char *party = string_of(m, "on_behalf_of_id");
    bool direct = org && kind_of(P->R, org) == PG_KIND_PARTY;
    long at;
    if (person == NULL || (!direct && party == NULL))
        return true;
    if (!pair_tie(P, person, direct ? org : party, i, &at))
        return pg_report_oom(&P->R->report);
    P->ties.items[at].direct |= direct;
    widen(&P->ties.items[at], m);
    return true;
}

/* The dates of tie `t` into the new object *attrs (pg_read_obj_free
 * it); false when out of memory (reported). */
static bool tie_dates(pg_reader *R, const party_tie *t, pg_read_obj *attrs)
{
    bool ok = pg_read_obj_init(R, attrs);
    if (ok && t->date != NULL)
        ok = pg_read_obj_add(R, attrs, "date", date_value(t->date));
    if (ok && t->end != NULL && !t->open)
        ok = pg_read_obj_add(R, attrs, "end", date_value(t->end));
    return ok;
}

/* The relation of tie `t` (numbered `index`), unless a membership in the
 * party says it. */
static bool party_relation(popolo *P, const party_tie *t, long index, pg_jpath mp)
{
    pg_reader *R = P->R;
    pg_jpath p = pg_jpath_index(&mp, t->at);
    pg_read_obj attrs = { NULL, PG_STRMAP_INIT, 0 };
    if (t->direct)
        return true;
    pg_read_warn_once(R, "on_behalf_of", &p, "a membership's \"on_behalf_of_id\" also ties its person to that "
                      "party (one relation per person and party, from the first start to the last end)");
    R->end_keys[0] = "person_id";
    R->end_keys[1] = "on_behalf_of_id";
    bool go = tie_dates(R, t, &attrs) &&
              pg_read_edge(R, t->person, t->party, attrs.obj, membership_type(R, t->person, t->party), index, p);
    pg_read_obj_free(&attrs);
    return go;
}

/* Every membership, then the ties to the parties they are on behalf of. */
static bool memberships(popolo *P, const cJSON *root)
{
    const cJSON *list = get(root, "memberships");
    pg_jpath mp = pg_jpath_key(&PG_JPATH_ROOT, "memberships");
    bool go = true;
    long i = 0;
    for (const cJSON *m = list ? list->child : NULL; go && m; m = m->next, i++)
        go = note_membership(P, m, i) && membership(P, m, i, pg_jpath_index(&mp, i));
    for (size_t k = 0; go && k < P->ties.len; k++)
        go = party_relation(P, &P->ties.items[k], i + (long)k, mp);
    return go;
}

/* ---- the file --------------------------------------------------------------- */

/* Warns once about areas that are not countries, naming the first's class. */
static void area_warning(pg_reader *R, const cJSON *areas)
{
    long i = 0;
    pg_jpath ap = pg_jpath_key(&PG_JPATH_ROOT, "areas");
    for (const cJSON *a = areas ? areas->child : NULL; a; a = a->next, i++) {
        pg_jpath p = pg_jpath_index(&ap, i);
        const char *cl = area_class(a);
        if (cJSON_IsObject(a) && !is_country(a))
            pg_read_warn_once(R, "areas", &p, "areas that are not countries (\"%s\", ...) are not nodes: what names "
                              "one by \"area_id\" keeps its name as \"area\" and the id as \"area_id\"; their other "
                              "members are not kept", cl ? cl : "unclassified");
    }
}

/* Each collection that is present must be an array; posts are not read. */
static bool check_arrays(pg_reader *R, const cJSON *root)
{
    static const char *const keys[] = { "areas", "organizations", "events", "memberships", "persons", "posts" };
    bool go = true;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && go; k++) {
        const cJSON *v = get(root, keys[k]);
        pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, keys[k]);
        if (v != NULL && !cJSON_IsArray(v))
            go = pg_read_wrong(R, v, p, "an array");
        else if (v != NULL && strcmp(keys[k], "posts") == 0 && cJSON_GetArraySize(v) > 0)
            pg_read_warn_once(R, keys[k], &p, "\"posts\" are not read (partygraph has no posts; a membership's "
                                              "\"post_id\" is kept as an attribute)");
    }
    return go;
}

static void popolo_free(popolo *P)
{
    for (size_t k = 0; k < P->ties.len; k++)
        free(P->ties.items[k].key);
    pg_strmap_free(&P->areas);
    pg_strmap_free(&P->pairs);
    free(P->area_items.items);
    free(P->ties.items);
}

bool pg_read_popolo(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    popolo P = { .R = R, .areas = PG_STRMAP_INIT, .pairs = PG_STRMAP_INIT };
    R->end_keys[0] = "member_id"; /* a membership's ends */
    R->end_keys[1] = "organization_id";
    cJSON *root = pg_read_parse_json(R, text, len);
    if (root == NULL)
        return false;
    bool go = cJSON_IsObject(root) ? check_arrays(R, root) : pg_read_wrong(R, root, PG_JPATH_ROOT, "a Popolo object");
    if (go)
        area_warning(R, get(root, "areas"));
    go = go && index_areas(&P, get(root, "areas")) && entities(&P, root, true) && entities(&P, root, false) &&
         memberships(&P, root);
    popolo_free(&P);
    cJSON_Delete(root);
    return go;
}
