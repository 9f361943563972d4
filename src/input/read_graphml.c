/* read_graphml.c - GraphML (graphml.graphdrawing.org) as Gephi, NetworkX,
 * igraph and partygraph write it, read with libxml2's xmlReader one element
 * at a time: a node or edge is expanded alone, and only the values of its
 * <data> are kept until the graph has been read (an edge may come before
 * its nodes); the keys' defaults join each node and edge only while it is
 * translated. A `<key>` names an attribute (`attr.name`, else yEd's
 * `yfiles.type`, else its id) and types it (`attr.type`: int and long,
 * float and double are numbers, boolean true/false/1/0, anything else a
 * string); its `<default>` applies to nodes or edges without a `<data>` of
 * that name (of several keys of one name, the last with a default). Values
 * are read as NetworkX and igraph read them (docs/input.md, "GraphML as
 * others write it"): NaN, infinities and empty numbers missing, integers
 * beyond 2^53 as their digits, a string weight holding a number that
 * number, a date's time of day cut off, a <data> of another element's key
 * kept, each with one warning. One `<graph>` is read; graphs nested in
 * nodes (yEd's groups) are flattened, each member part_of its group;
 * hyperedges are errors, ports are ignored with a warning, and elements of
 * other namespaces (Gephi's viz, yEd's) are ignored but for yEd's node and
 * edge labels. Problems name the element's line and its path, such as
 * graphml/graph/edge[3]/weight.
 * Keys are found by hash, and each element costs its own size: the time is
 * linear in the input (and in the defaults given out).
 *
 * Nothing is fetched (no network, no DTD) and no entity is expanded: a
 * reference is kept as written (`&name;`, one warning per entity) in text
 * and attribute values, and elsewhere the markup it stands for is not read;
 * XInclude elements are not followed (one warning). So nothing read is
 * larger than the input. A document that declares entities is parsed under
 * libxml2's standard limits (text nodes up to 10 MB, its checks against
 * entity amplification on); any other with XML_PARSE_HUGE, so that a name
 * over 10 MB, which partygraph may write, reads back (the input limit caps
 * it). Everything libxml2 says is caught (xml_errors.h): its running out of
 * memory is out of memory, its first error the one reported, on one line. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "input/reader.h"
#include "input/xml_errors.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define YED_NS "http://www.yworks.com/xml/graphml"

/* XInclude's namespaces (2001, and 2003 as old files have it). */
static const char *const XINCLUDE_NS[] = { "http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude" };

/* Never XML_PARSE_NOENT, DTDLOAD, DTDVALID or XINCLUDE. */
enum {
    OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
              XML_PARSE_NOBLANKS | XML_PARSE_COMPACT
};

typedef enum key_type { T_STRING, T_INT, T_DOUBLE, T_BOOL } key_type;

/* yEd's keys (`yfiles.type`): graphics, whose label is read, and the rest,
 * dropped. */
typedef enum yed_kind { Y_NONE, Y_LABEL, Y_DROP } yed_kind;

enum { FOR_NODE = 1, FOR_EDGE = 2, FOR_GRAPH = 4 };
enum { NODES, EDGES }; /* graphml.defaults[] */

/* The attributes read of each element (NULL-terminated). */
static const char *const KEY_ATTRS[] = { "id", "attr.name", "attr.type", "for", "yfiles.type", NULL };
static const char *const NODE_ATTRS[] = { "id", NULL };
static const char *const EDGE_ATTRS[] = { "source", "target", NULL };
static const char *const DATA_ATTRS[] = { "key", NULL };
static const char *const GRAPH_ATTRS[] = { "edgedefault", NULL };

/* graphml, graphml/graph and its elements: static, so that paths built on
 * them may be returned */
static const pg_jpath GRAPHML_PATH = { NULL, "graphml", 0, 1 };
static const pg_jpath GRAPH_PATH = { &GRAPHML_PATH, "graph", 0, 2 };
static const pg_jpath NODE_PATH = { &GRAPH_PATH, "node", 0, 3 };
static const pg_jpath EDGE_PATH = { &GRAPH_PATH, "edge", 0, 3 };

typedef struct key {
    const char *id, *name, *fallback; /* fallback: the <default>, or NULL */
    key_type type;
    yed_kind yed;
    unsigned domain;
    long index, line; /* graphml/key[index]; the line of its <default> */
    size_t slot;      /* its name's: keys of one name share it */
    cJSON *value;     /* the default typed, from the <graph> on (NULL: none, or not of the type) */
} key;

/* A <data> value of the element being read. */
typedef struct found {
    const char *name;
    cJSON *value;
} found;

/* Per attribute name: the element (serial) that last gave it, and where in
 * graphml.found. */
typedef struct mark {
    unsigned long serial;
    size_t at;
} mark;

/* A <node> or <edge>, kept until the whole graph has been read. */
typedef struct pending {
    const char *id, *source, *target;
    cJSON *attrs; /* its <data>; NULL after an error in them */
    long line, index;
    const char *type; /* an edge's type when its attributes give none (a yEd group's part_of), or NULL */
} pending;

typedef struct graphml {
    pg_reader *R;
    const pg_xml_errors *x;
    PG_VEC(key) keys;
    long key_elements;         /* <key> elements seen */
    pg_strmap key_ids;         /* key id -> index in keys (the first key of an id) */
    pg_strmap names;           /* attribute name -> slot */
    size_t slots;
    PG_VEC(size_t) defaults[2]; /* NODES, EDGES: the keys whose default applies, one per name, last key first */
    mark *marks;               /* one per slot, from the <graph> on */
    unsigned long serial;
    PG_VEC(found) found;
    int graphs;
    bool broken;               /* libxml2 could not read an element whole */
    PG_VEC(pending) nodes, edges;
} graphml;

/* Is `n` a GraphML element (no namespace or GraphML's) named `name`? */
static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name) &&
           (n->ns == NULL || xmlStrEqual(n->ns->href, (const xmlChar *)GRAPHML_NS));
}

static void at(graphml *G, const xmlNode *n)
{
    G->R->line = xmlGetLineNo(n);
}

/* ---- what is not expanded -------------------------------------------------- */

static bool xinclude(const xmlNode *n)
{
    for (size_t i = 0; n->type == XML_ELEMENT_NODE && n->ns != NULL && i < 2; i++)
        if (xmlStrEqual(n->ns->href, (const xmlChar *)XINCLUDE_NS[i]))
            return true;
    return false;
}

/* The kinds of entity a reference may name, for messages. */
static const struct {
    const char *kind, *why;
} ENTITY_KINDS[] = {
    { "entity", "partygraph expands no entities" },
    { "external entity", "partygraph expands no entities and reads no other file" },
    { "undeclared entity", "partygraph expands no entities" },
};

/* ENTITY_KINDS' entry for the entity reference `ref` names. */
static int entity_kind(const xmlNode *ref)
{
    const xmlEntity *e = xmlGetDocEntity(ref->doc, ref->name);
    if (e == NULL)
        return 2;
    return e->etype == XML_INTERNAL_GENERAL_ENTITY ? 0 : 1;
}

/* Warns, once per entity name, that reference `ref` is not expanded:
 * kept as written `in_text`, what it stands for not read elsewhere. */
static void kept(graphml *G, const xmlNode *ref, const pg_jpath *p, bool in_text)
{
    const char *name = (const char *)ref->name;
    int kind = entity_kind(ref);
    char topic[96];
    snprintf(topic, sizeof topic, "entity:%s", name);
    pg_read_warn_once(G->R, topic, p, "%s &%.100s; %s: %s", ENTITY_KINDS[kind].kind, name,
                      in_text ? "kept as written" : "not expanded (what it stands for is not read)",
                      ENTITY_KINDS[kind].why);
}

/* Warns about `c` when what it stands for is not read: an entity
 * reference (kept as written `in_text`) or an XInclude element. */
static void notice(graphml *G, const xmlNode *c, const pg_jpath *p, bool in_text)
{
    if (c->type == XML_ENTITY_REF_NODE)
        kept(G, c, p, in_text);
    else if (xinclude(c))
        pg_read_warn_once(G->R, "xinclude", p, "XInclude <%.100s> ignored: partygraph includes no other file",
                          (const char *)c->name);
}

/* ---- text ------------------------------------------------------------------- */

/* The text of a leaf as GraphML has it: a text node's content, an entity
 * reference as written (&name;), nothing for the others. Copied to `out`
 * unless NULL; returns its length. */
static size_t leaf(const xmlNode *c, char *out)
{
    bool text = (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL;
    bool ref = c->type == XML_ENTITY_REF_NODE;
    const char *s = text ? (const char *)c->content : ref ? (const char *)c->name : "";
    size_t n = strlen(s);
    if (out != NULL && ref) {
        out[0] = '&';
        out[n + 1] = ';';
    }
    if (out != NULL)
        memcpy(out + ref, s, n);
    return n + 2 * ref;
}

/* The text of `c`, its siblings after it and what they hold, as written:
 * entity references kept, XInclude elements and comments left out. Its
 * length; copied to `out` unless NULL (the pass that warns). */
static size_t gather(graphml *G, const xmlNode *c, char *out, const pg_jpath *p)
{
    size_t len = 0;
    for (; c != NULL; c = c->next) {
        char *to = out ? out + len : NULL;
        if (out == NULL)
            notice(G, c, p, true);
        len += c->type == XML_ELEMENT_NODE ? (xinclude(c) ? 0 : gather(G, c->children, to, p)) : leaf(c, to);
    }
    return len;
}

/* The text from `first` on (the children of an element or attribute)
 * copied into the dataset's arena; NULL after reporting out of memory. */
static const char *text_of(graphml *G, const xmlNode *first, const pg_jpath *p)
{
    size_t n = gather(G, first, NULL, p);
    char *s = G->R->report.oom ? NULL : pg_arena_alloc(&G->R->L.ds->arena, n + 1);
    if (s == NULL)
        return pg_report_oom(&G->R->report), NULL;
    gather(G, first, s, p);
    s[n] = '\0';
    return s;
}

/* The unprefixed attributes `names` of `n` into `values` (NULL when
 * absent), as written. False after reporting out of memory. */
static bool read_attrs(graphml *G, const xmlNode *n, const char *const names[], const char *values[],
                       const pg_jpath *p)
{
    for (size_t i = 0; names[i] != NULL; i++)
        values[i] = NULL;
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
        for (size_t i = 0; a->ns == NULL && names[i] != NULL; i++)
            if (xmlStrEqual(a->name, (const xmlChar *)names[i]) && (values[i] = text_of(G, a->children, p)) == NULL)
                return false;
    return true;
}

/* ---- keys --------------------------------------------------------------------- */

static key_type type_of(const char *t)
{
    if (t && (strcmp(t, "int") == 0 || strcmp(t, "long") == 0))
        return T_INT;
    if (t && (strcmp(t, "float") == 0 || strcmp(t, "double") == 0))
        return T_DOUBLE;
    return t && strcmp(t, "boolean") == 0 ? T_BOOL : T_STRING;
}

static unsigned domain_of(const char *f)
{
    if (f == NULL || strcmp(f, "all") == 0)
        return FOR_NODE | FOR_EDGE | FOR_GRAPH;
    if (strcmp(f, "node") == 0 || strcmp(f, "edge") == 0)
        return f[0] == 'n' ? FOR_NODE : FOR_EDGE;
    return strcmp(f, "graph") == 0 ? FOR_GRAPH : 0;
}

/* What a key of `yfiles.type` t is (yEd's graphics: their label is read). */
static yed_kind yed_of(const char *t)
{
    if (t == NULL)
        return Y_NONE;
    return strcmp(t, "nodegraphics") == 0 || strcmp(t, "edgegraphics") == 0 ? Y_LABEL : Y_DROP;
}

/* k's <default> (the last of several), with its line. */
static bool key_default(graphml *G, const xmlNode *n, key *k, const pg_jpath *p)
{
    for (const xmlNode *c = n->children; c != NULL; c = c->next) {
        notice(G, c, p, false);
        if (!is(c, "default"))
            continue;
        k->line = xmlGetLineNo(c);
        if ((k->fallback = text_of(G, c->children, p)) == NULL)
            return false;
    }
    return true;
}

/* Registers k under its id (unless a key has it already) and its name. */
static bool add_key(graphml *G, key *k)
{
    long slot = pg_strmap_get(&G->names, k->name);
    if (slot < 0 && pg_strmap_put(&G->names, k->name, (long)G->slots) < 0)
        return pg_report_oom(&G->R->report);
    k->slot = slot < 0 ? G->slots++ : (size_t)slot;
    if (PG_VEC_RESERVE(G->keys, 1) != 0 || pg_strmap_put(&G->key_ids, k->id, (long)G->keys.len) < 0)
        return pg_report_oom(&G->R->report);
    G->keys.items[G->keys.len++] = *k;
    return true;
}

static bool read_key(graphml *G, const xmlNode *n, long i)
{
    pg_jpath kp = pg_jpath_key(&GRAPHML_PATH, "key"), p = pg_jpath_index(&kp, i);
    const char *a[5];
    at(G, n);
    if (!read_attrs(G, n, KEY_ATTRS, a, &p))
        return false;
    if (a[0] == NULL)
        return pg_report_error(&G->R->report, &p, "a <key> without an id");
    yed_kind y = yed_of(a[4]);
    const char *name = y == Y_LABEL ? "label" : a[1] && a[1][0] ? a[1] : a[4] && a[4][0] ? a[4] : a[0];
    key k = { a[0], name, NULL, type_of(a[2]), y, domain_of(a[3]), i, 0, 0, NULL };
    if (!key_default(G, n, &k, &p))
        return false;
    k.fallback = y == Y_NONE ? k.fallback : NULL;
    return add_key(G, &k);
}

static const key *find_key(const graphml *G, const char *id)
{
    long i = id ? pg_strmap_get(&G->key_ids, id) : -1;
    return i < 0 ? NULL : &G->keys.items[i];
}

/* ---- values ------------------------------------------------------------- */

/* Is `text` `word` in any case ("True" as NetworkX writes it)? */
static bool word_is(const char *text, const char *word)
{
    for (; *word; text++, word++)
        if (*text != *word && *text != *word - 'a' + 'A')
            return false;
    return *text == '\0';
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Is `s` the rest of an exponent: a sign or none, then digits only? */
static bool exponent(const char *s)
{
    s += *s == '+' || *s == '-';
    if (!digit(*s))
        return false;
    while (digit(*s))
        s++;
    return *s == '\0';
}

/* Is `s` a number as cJSON reads one: '-' or a digit first, then what
 * strtod takes whole (digits, a '.', an exponent)? Decided before cJSON
 * allocates, so that its failing can only mean out of memory. */
static bool number_text(const char *s)
{
    size_t digits = 0;
    if (*s != '-' && !digit(*s))
        return false;
    for (s += *s == '-'; digit(*s); s++)
        digits++;
    if (*s == '.')
        for (s++; digit(*s); s++)
            digits++;
    if (digits == 0)
        return false;
    return *s == 'e' || *s == 'E' ? exponent(s + 1) : *s == '\0';
}

/* `text` without the spaces around it into `out`; false (out "") when
 * too long to be a number or a boolean. */
static bool trim(const char *text, char out[64])
{
    size_t n = strlen(text);
    while (n > 0 && strchr(" \n\t\r", text[n - 1]) != NULL)
        n--;
    while (n > 0 && strchr(" \n\t\r", *text) != NULL)
        text++, n--;
    snprintf(out, 64, "%.*s", (int)(n < 64 ? n : 0), text);
    return n < 64;
}

/* Text a number key holds that is no number partygraph can keep: what a
 * value is read as then (missing), and why, one warning per kind. */
static const struct {
    const char *text, *kind;
} MISSING[] = {
    { "", "empty" }, { "nan", "NaN" }, { "inf", "infinite" }, { "+inf", "infinite" }, { "-inf", "infinite" },
    { "infinity", "infinite" }, { "+infinity", "infinite" }, { "-infinity", "infinite" },
};

/* Is the trimmed number text `t` one of MISSING (any case)? Warns once
 * per kind; returns whether the value is missing. */
static bool missing_number(graphml *G, const key *k, const char *t, const pg_jpath *p)
{
    char topic[32];
    for (size_t i = 0; i < sizeof MISSING / sizeof MISSING[0]; i++) {
        if (!word_is(t, MISSING[i].text))
            continue;
        snprintf(topic, sizeof topic, "missing:%s", MISSING[i].kind);
        pg_read_warn_once(G->R, topic, p, "%s value of key \"%s\" read as missing (and so every %s value)",
                          MISSING[i].kind, k->id, MISSING[i].kind);
        return true;
    }
    return false;
}

/* Is `s` an integer beyond the 53 bits a double holds exactly (its digits
 * are then kept as text)? */
static bool huge_integer(const char *s)
{
    size_t n = strspn(s + (*s == '-'), "0123456789");
    if (n == 0 || s[(*s == '-') + n] != '\0')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return errno == ERANGE || v > (1LL << 53) || v < -(1LL << 53);
}

/* An integer key's value too large for a double to hold exactly: its
 * digits as text, one warning. */
static cJSON *integer_text(graphml *G, const key *k, const char *digits, const pg_jpath *p)
{
    pg_read_warn_once(G->R, "huge", p, "integer %.40s of key \"%s\" is beyond 2^53: kept as text (its exact digits), "
                      "and so every such integer", digits, k->id);
    cJSON *v = cJSON_CreateString(digits);
    return v ? v : (pg_report_oom(&G->R->report), NULL);
}

/* `text` as a number of key k (an integer key's whole numbers only): a
 * leading '+' and spaces around allowed as XML Schema has them; NaN,
 * infinities and empty text missing (*gone, NULL returned); integers
 * beyond 2^53 as their digits. NULL otherwise after reporting. */
static cJSON *number(graphml *G, const key *k, const char *text, pg_jpath p, bool *gone)
{
    char buf[64], q[PG_QUOTE_SIZE];
    bool fits = trim(text, buf);
    const char *number = buf + (buf[0] == '+' && buf[1] != '-');
    if ((*gone = fits && missing_number(G, k, buf, &p)))
        return NULL;
    if (huge_integer(number))
        return integer_text(G, k, number, &p);
    bool is_number = number_text(number);
    cJSON *v = is_number ? cJSON_ParseWithOpts(number, NULL, 1) : NULL; /* '.' whatever the locale */
    if (is_number && v == NULL)
        return pg_report_oom(&G->R->report), NULL;
    bool whole = v && fabs(v->valuedouble) < 9e15 && v->valuedouble == floor(v->valuedouble);
    if (v != NULL && (k->type == T_DOUBLE || whole))
        return v;
    cJSON_Delete(v);
    const char *want = k->type == T_INT ? "an integer" : "a number";
    pg_report_error(&G->R->report, &p, "expected %s (key \"%s\" is %s), got %s", want, k->id, want, pg_quote(q, text));
    return NULL;
}

/* The names whose text is a date: a time of day after it is cut off. */
static const char *const DATE_NAMES[] = { "date", "end", "founded", "dissolved", "first", "last", NULL };

static bool listed(const char *name, const char *const names[])
{
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* Is `s` a date YYYY-MM-DD followed by a time of day ('T' or ' ', then
 * more)? */
static bool date_time(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < 10; i++)
        if (shape[i] == 'd' ? !digit(s[i]) : s[i] != '-')
            return false;
    return (s[10] == 'T' || s[10] == ' ') && s[11] != '\0';
}

/* A date with a time of day (`text`) as its day, one warning. */
static cJSON *day_of(graphml *G, const char *text, const pg_jpath *p)
{
    char day[11];
    pg_read_warn_once(G->R, "time of day", p, "date %.40s: the time of day is cut off (and so in every date)", text);
    snprintf(day, sizeof day, "%.10s", text);
    cJSON *v = cJSON_CreateString(day);
    return v ? v : (pg_report_oom(&G->R->report), NULL);
}

/* A weight of string key k holding a number (trimmed `t`) as that
 * number, one warning. */
static cJSON *string_weight(graphml *G, const key *k, const char *t, const pg_jpath *p)
{
    pg_read_warn_once(G->R, "string weight", p, "key \"%s\" is declared a string: its numbers are read as weights",
                      k->id);
    cJSON *v = cJSON_ParseWithOpts(t + (t[0] == '+'), NULL, 1);
    return v ? v : (pg_report_oom(&G->R->report), NULL);
}

/* A string key's text read otherwise: a date with a time of day as the
 * day, a weight declared a string holding a number as that number. NULL:
 * the text as it is (or out of memory, reported). */
static cJSON *special_string(graphml *G, const key *k, const char *text, pg_jpath p)
{
    char t[64];
    if (listed(k->name, DATE_NAMES) && date_time(text))
        return day_of(G, text, &p);
    bool weight = strcmp(k->name, "weight") == 0 || strcmp(k->name, "Weight") == 0;
    if (!weight || !trim(text, t) || !number_text(t + (t[0] == '+')))
        return NULL;
    return string_weight(G, k, t, &p);
}

static cJSON *boolean(graphml *G, const key *k, const char *text, pg_jpath p, bool *gone)
{
    char q[PG_QUOTE_SIZE], t[64];
    trim(text, t);
    bool yes = word_is(t, "true") || strcmp(t, "1") == 0, no = word_is(t, "false") || strcmp(t, "0") == 0;
    if ((*gone = t[0] == '\0' && missing_number(G, k, t, &p)))
        return NULL;
    if (!yes && !no) {
        pg_report_error(&G->R->report, &p, "expected true or false (key \"%s\" is boolean), got %s", k->id,
                        pg_quote(q, text));
        return NULL;
    }
    cJSON *v = cJSON_CreateBool(yes);
    return v ? v : (pg_report_oom(&G->R->report), NULL);
}

/* `text` as key k's type says (a string refers to `text`, in the arena);
 * NULL after reporting text not of that type, or out of memory, or when
 * the value is missing (*gone: NaN, empty...). */
static cJSON *typed(graphml *G, const key *k, const char *text, pg_jpath p, bool *gone)
{
    *gone = false;
    if (k->type == T_BOOL)
        return boolean(G, k, text, p, gone);
    if (k->type != T_STRING)
        return number(G, k, text, p, gone);
    cJSON *v = special_string(G, k, text, p);
    v = v ? v : cJSON_CreateStringReference(text);
    return v ? v : (pg_report_oom(&G->R->report), NULL);
}

/* A new item with typed default `v`'s value. */
static cJSON *copy_value(const cJSON *v)
{
    if (cJSON_IsString(v))
        return cJSON_CreateStringReference(v->valuestring);
    return cJSON_IsBool(v) ? cJSON_CreateBool(cJSON_IsTrue(v)) : cJSON_CreateNumber(v->valuedouble);
}

/* ---- defaults ------------------------------------------------------------ */

/* Types key i's default, once for all elements (an error at the key when
 * it is not of the key's type). Returns "go on". */
static bool type_default(graphml *G, size_t i)
{
    key *k = &G->keys.items[i];
    if (k->fallback == NULL)
        return true;
    pg_jpath kp = pg_jpath_key(&GRAPHML_PATH, "key"), ip = pg_jpath_index(&kp, k->index),
             p = pg_jpath_key(&ip, "default");
    G->R->line = k->line;
    bool gone;
    k->value = typed(G, k, k->fallback, p, &gone);
    return k->value != NULL || !pg_report_stopped(&G->R->report);
}

/* Lists in G->defaults[d] the keys whose default the elements of `domain`
 * get: for each name, the last key of that name with one. */
static bool list_defaults(graphml *G, int d, unsigned domain)
{
    unsigned long serial = ++G->serial;
    for (size_t i = G->keys.len; i-- > 0;) {
        const key *k = &G->keys.items[i];
        if (!(k->domain & domain) || k->value == NULL || G->marks[k->slot].serial == serial)
            continue;
        G->marks[k->slot].serial = serial;
        if (PG_VEC_RESERVE(G->defaults[d], 1) != 0)
            return pg_report_oom(&G->R->report);
        G->defaults[d].items[G->defaults[d].len++] = i;
    }
    return true;
}

/* Once every key is known (at the <graph>): the defaults typed and listed,
 * and a mark for each attribute name. */
static bool settle_keys(graphml *G)
{
    bool go = true;
    G->marks = calloc(G->slots + 1, sizeof *G->marks);
    if (G->marks == NULL)
        return pg_report_oom(&G->R->report);
    for (size_t i = 0; go && i < G->keys.len; i++)
        go = type_default(G, i);
    return go && list_defaults(G, NODES, FOR_NODE) && list_defaults(G, EDGES, FOR_EDGE);
}

/* Marks (with a new serial) the names `attrs` has. */
static unsigned long mark_names(graphml *G, const cJSON *attrs)
{
    unsigned long serial = ++G->serial;
    for (const cJSON *v = attrs->child; v != NULL; v = v->next) {
        long slot = pg_strmap_get(&G->names, v->string);
        if (slot >= 0)
            G->marks[slot].serial = serial;
    }
    return serial;
}

/* Adds to `attrs`, of a node or edge (d), the defaults of the names it has
 * no <data> of, in key order. Returns how many; -1 when out of memory. */
static long complete(graphml *G, cJSON *attrs, int d)
{
    unsigned long serial = mark_names(G, attrs);
    long added = 0;
    for (size_t i = G->defaults[d].len; i-- > 0;) {
        const key *k = &G->keys.items[G->defaults[d].items[i]];
        if (G->marks[k->slot].serial == serial)
            continue;
        cJSON *v = copy_value(k->value);
        if (v == NULL)
            return -1;
        cJSON_AddItemToObjectCS(attrs, k->name, v);
        added++;
    }
    return added;
}

/* Removes the last `n` items of `attrs` (the defaults complete added). */
static void strip(cJSON *attrs, long n)
{
    for (; n > 0; n--)
        cJSON_Delete(cJSON_DetachItemViaPointer(attrs, attrs->child->prev));
}

/* ---- the data of a node or edge ---------------------------------------------------- */

/* Keeps value v of key k for the element being read: a later <data> of
 * the same name replaces an earlier one. */
static bool keep_value(graphml *G, const key *k, cJSON *v)
{
    mark *m = &G->marks[k->slot];
    if (m->serial == G->serial) {
        cJSON_Delete(G->found.items[m->at].value);
        G->found.items[m->at].value = v;
        return true;
    }
    if (PG_VEC_RESERVE(G->found, 1) != 0) {
        cJSON_Delete(v);
        return pg_report_oom(&G->R->report);
    }
    *m = (mark){ G->serial, G->found.len };
    G->found.items[G->found.len++] = (found){ k->name, v };
    return true;
}

/* Is `n` a yEd element named `name`? */
static bool is_yed(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL && xmlStrEqual(n->ns->href, (const xmlChar *)YED_NS) &&
           xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The first y:NodeLabel or y:EdgeLabel in or under `n`, or NULL. */
static const xmlNode *yed_label(const xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (is_yed(n, "NodeLabel") || is_yed(n, "EdgeLabel"))
            return n;
        const xmlNode *in = n->type == XML_ELEMENT_NODE ? yed_label(n->children) : NULL;
        if (in != NULL)
            return in;
    }
    return NULL;
}

/* `s` (in the arena) without the spaces around it, in place. */
static char *trimmed(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && strchr(" \n\t\r", s[n - 1]) != NULL)
        s[--n] = '\0';
    return s + strspn(s, " \n\t\r");
}

/* A <data> `c` of yEd's key k: of its graphics, the label's text is the
 * label; the rest is dropped (one warning). Returns "go on". */
static bool yed_datum(graphml *G, const xmlNode *c, const key *k, const pg_jpath *p)
{
    const xmlNode *l = k->yed == Y_LABEL ? yed_label(c->children) : NULL;
    pg_read_warn_once(G->R, "yed", p, "yEd's graphics (shapes, geometry, colours) and resources are dropped; its "
                                      "node and edge labels are read as labels");
    char *text = l ? (char *)text_of(G, l->children, p) : NULL;
    if (l != NULL && text == NULL)
        return false;
    text = text ? trimmed(text) : NULL;
    if (text == NULL || text[0] == '\0')
        return true;
    cJSON *v = cJSON_CreateStringReference(text);
    return v ? keep_value(G, k, v) : pg_report_oom(&G->R->report);
}

/* One <data> `c` of a node or edge (domain `domain`, path `p`). Returns
 * "go on". */
static bool datum(graphml *G, const xmlNode *c, unsigned domain, pg_jpath p)
{
    const char *id;
    char q[PG_QUOTE_SIZE];
    at(G, c);
    if (!read_attrs(G, c, DATA_ATTRS, &id, &p))
        return false;
    const key *k = find_key(G, id);
    pg_jpath dp = pg_jpath_key(&p, k ? k->name : "data");
    if (k == NULL)
        return pg_report_error(&G->R->report, &dp, "<data> of an undeclared key %s", pg_quote(q, id ? id : ""));
    if (!(k->domain & domain))
        pg_read_warn_once(G->R, "domain", &dp, "<data> of key %s, declared for another element: kept (and so every "
                          "such <data>)", pg_quote(q, k->id));
    if (k->yed != Y_NONE)
        return yed_datum(G, c, k, &dp);
    const char *text = text_of(G, c->children, &dp);
    bool gone;
    cJSON *v = text ? typed(G, k, text, dp, &gone) : NULL;
    return v ? keep_value(G, k, v) : !pg_report_stopped(&G->R->report);
}

/* The values found, as an object when `keep` (NULL otherwise, or after
 * reporting out of memory: *go false); G->found is emptied. */
static cJSON *gathered(graphml *G, bool keep, bool *go)
{
    cJSON *attrs = keep ? cJSON_CreateObject() : NULL;
    if (keep && attrs == NULL)
        *go = pg_report_oom(&G->R->report);
    for (size_t i = 0; i < G->found.len; i++) {
        if (attrs != NULL)
            cJSON_AddItemToObjectCS(attrs, G->found.items[i].name, G->found.items[i].value);
        else
            cJSON_Delete(G->found.items[i].value);
    }
    G->found.len = 0;
    return attrs;
}

/* The values of the <data> of a node or edge element (domain `domain`).
 * NULL after reporting an error in them (*go: whether loading may go on). */
static cJSON *attributes(graphml *G, const xmlNode *n, unsigned domain, pg_jpath p, bool *go)
{
    size_t errors = G->R->report.errors;
    G->serial++;
    *go = true;
    for (const xmlNode *c = n->children; *go && c != NULL; c = c->next) {
        notice(G, c, &p, false);
        if (is(c, "data"))
            *go = datum(G, c, domain, p);
    }
    return gathered(G, *go && G->R->report.errors == errors, go);
}

/* ---- nodes and edges ------------------------------------------------------ */

/* Ports a node holds: ignored, with a warning. */
static void node_children(graphml *G, const xmlNode *n, pg_jpath p)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        at(G, c);
        if (is(c, "port"))
            pg_read_warn_once(G->R, "port", &p, "ports are ignored (edges join their nodes)");
    }
    at(G, n);
}

/* graphml/graph/node[index] or .../edge[index] (parents static: safe to
 * return). */
static pg_jpath element_path(const char *name, long index)
{
    return pg_jpath_index(strcmp(name, "node") == 0 ? &NODE_PATH : &EDGE_PATH, index);
}

/* The attributes a <node> (id) or <edge> (source, target) needs, into e.
 * Returns whether it has them (else reported; *go: whether loading may go
 * on); false, *go too, when out of memory. */
static bool required(graphml *G, const xmlNode *n, bool node, pending *e, pg_jpath p, bool *go)
{
    const char *a[2];
    if (!read_attrs(G, n, node ? NODE_ATTRS : EDGE_ATTRS, a, &p))
        return *go = false;
    e->id = node ? a[0] : NULL;
    e->source = node ? NULL : a[0];
    e->target = node ? NULL : a[1];
    if (node ? a[0] != NULL : a[0] != NULL && a[1] != NULL)
        return true;
    if (node)
        *go = pg_report_error(&G->R->report, &p, "a <node> without an id");
    else
        *go = pg_report_error(&G->R->report, &p, "an <edge> without a %s", a[0] ? "target" : "source");
    return false;
}

static bool push(graphml *G, const pending *e, bool node)
{
    if (PG_VEC_RESERVE(G->nodes, 1) != 0 || PG_VEC_RESERVE(G->edges, 1) != 0) {
        cJSON_Delete(e->attrs);
        return pg_report_oom(&G->R->report);
    }
    if (node)
        G->nodes.items[G->nodes.len++] = *e;
    else
        G->edges.items[G->edges.len++] = *e;
    return true;
}

static bool keep(graphml *G, const xmlNode *n, bool node);

/* The part_of tie from node `member` (index in G->nodes) to its group
 * `group`: an edge of no attributes, typed part_of. */
static bool tie(graphml *G, size_t member, const char *group)
{
    const pending *m = &G->nodes.items[member];
    pending e = { NULL, m->id, group, cJSON_CreateObject(), m->line, (long)G->edges.len, "part_of" };
    if (e.attrs == NULL)
        return pg_report_oom(&G->R->report);
    return m->id == NULL || group == NULL ? (cJSON_Delete(e.attrs), true) : push(G, &e, false);
}

/* A graph nested in node `group` (a yEd group): its nodes and edges read
 * as the graph's, each node with a part_of tie to the group. */
static bool members(graphml *G, const xmlNode *graph, const char *group, pg_jpath p)
{
    bool go = true;
    pg_read_warn_once(G->R, "group", &p, "a graph nested in a node (a yEd group) is flattened: its nodes and edges "
                                         "are read, and each node is part_of the group's node");
    for (const xmlNode *c = graph->children; go && c != NULL; c = c->next) {
        size_t i = G->nodes.len;
        at(G, c);
        if (is(c, "hyperedge"))
            return pg_report_error(&G->R->report, &p, "a <hyperedge>: partygraph reads edges between two nodes only");
        if (is(c, "node") || is(c, "edge"))
            go = keep(G, c, is(c, "node"));
        if (go && is(c, "node"))
            go = tie(G, i, group);
    }
    return go;
}

/* The graphs node `n` (G->nodes' item `i`) holds, read flat. */
static bool nested(graphml *G, const xmlNode *n, size_t i, pg_jpath p)
{
    bool go = true;
    for (const xmlNode *c = n->children; go && c != NULL; c = c->next)
        if (is(c, "graph"))
            go = members(G, c, G->nodes.items[i].id, p);
    return go;
}

/* Keeps a <node> or <edge> (its attributes NULL after an error in them)
 * until the whole graph has been read; a node's nested graphs too. */
static bool keep(graphml *G, const xmlNode *n, bool node)
{
    pending e = { NULL, NULL, NULL, NULL, xmlGetLineNo(n), node ? (long)G->nodes.len : (long)G->edges.len, NULL };
    pg_jpath p = element_path(node ? "node" : "edge", e.index);
    bool go = true;
    at(G, n);
    if (required(G, n, node, &e, p, &go)) {
        if (node)
            node_children(G, n, p);
        e.attrs = attributes(G, n, node ? FOR_NODE : FOR_EDGE, p, &go);
    }
    if (G->R->report.oom)
        return cJSON_Delete(e.attrs), false;
    if (!push(G, &e, node) || pg_report_stopped(&G->R->report))
        return false;
    return !node || nested(G, n, (size_t)e.index, p);
}

/* Declares node i, its defaults added for the call only. */
static bool declare(graphml *G, size_t i)
{
    pending *e = &G->nodes.items[i];
    long added = e->attrs ? complete(G, e->attrs, NODES) : 0;
    G->R->line = e->line;
    if (added < 0)
        return pg_report_oom(&G->R->report);
    bool go = pg_read_declare(G->R, e->id, e->attrs, element_path("node", (long)i));
    strip(e->attrs, added);
    return go;
}

/* Reads node or edge i (d: NODES or EDGES) with its defaults, then frees
 * its attributes. */
static bool read_one(graphml *G, size_t i, int d)
{
    pending *e = d == NODES ? &G->nodes.items[i] : &G->edges.items[i];
    long added = e->attrs ? complete(G, e->attrs, d) : 0;
    bool go = added >= 0 ? true : pg_report_oom(&G->R->report);
    G->R->line = e->line;
    if (go && d == NODES)
        go = pg_read_node(G->R, i, e->attrs, element_path("node", (long)i));
    else if (go && e->attrs != NULL)
        go = pg_read_edge(G->R, e->source, e->target, e->attrs, e->type, (long)i, element_path("edge", (long)i));
    cJSON_Delete(e->attrs);
    e->attrs = NULL;
    return go;
}

/* Once the graph is read: every node declared, then read, then every
 * edge (an edge may name a node that comes after it). */
static bool translate(graphml *G)
{
    bool go = true;
    for (size_t i = 0; i < G->nodes.len && go; i++)
        go = declare(G, i);
    for (size_t i = 0; i < G->nodes.len && go; i++)
        go = read_one(G, i, NODES);
    for (size_t i = 0; i < G->edges.len && go; i++)
        go = read_one(G, i, EDGES);
    return go;
}

/* ---- the document ---------------------------------------------------------- */

/* A <data> of the graph itself: a `title` or `name` is the title, a
 * `description` (partygraph writes one) the description; any other
 * (but partygraph's `view`) is not read, one warning. */
static bool graph_data(graphml *G, const xmlNode *n)
{
    const pg_jpath gp = GRAPH_PATH;
    const char *id;
    at(G, n);
    if (!read_attrs(G, n, DATA_ATTRS, &id, &gp))
        return false;
    const key *k = find_key(G, id);
    bool description = k != NULL && strcmp(k->name, "description") == 0;
    if (k != NULL && (k->domain & FOR_GRAPH) && strcmp(k->name, "title") != 0 && strcmp(k->name, "name") != 0 &&
        !description && strcmp(k->name, "view") != 0) /* partygraph's own */
        pg_read_warn_once(G->R, "graph-data", &gp, "the graph's own data (\"%s\" and any other) is not read: "
                          "partygraph keeps a graph's title and description", k->name);
    if (k == NULL || !(k->domain & FOR_GRAPH) ||
        (strcmp(k->name, "title") != 0 && strcmp(k->name, "name") != 0 && !description))
        return true;
    pg_jpath tp = pg_jpath_key(&gp, k->name);
    const char *text = text_of(G, n->children, &tp);
    bool gone;
    cJSON *v = text ? typed(G, k, text, tp, &gone) : NULL;
    bool go = !v                ? !pg_report_stopped(&G->R->report)
              : description ? pg_read_description(G->R, v)
                            : pg_read_title(G->R, v);
    cJSON_Delete(v);
    return go;
}

/* The <graph> element `n`: its edgedefault; a second graph is an error.
 * Every key is known from here on. */
static bool graph_start(graphml *G, const xmlNode *n)
{
    const pg_jpath rp = GRAPHML_PATH, gp = GRAPH_PATH;
    const char *edgedefault;
    G->R->line = xmlGetLineNo(n);
    if (G->graphs++ > 0)
        return pg_report_error(&G->R->report, &rp, "more than one <graph>: partygraph reads one"), false;
    if (!read_attrs(G, n, GRAPH_ATTRS, &edgedefault, &gp))
        return false;
    if (edgedefault && strcmp(edgedefault, "directed") == 0)
        pg_read_warn_once(G->R, "directed", &gp, "a directed graph: edge directions are dropped (partygraph's "
                                                 "network is undirected)");
    return settle_keys(G);
}

/* A <key> (depth 1) or an element of the graph (depth 2), read whole. */
static bool whole_element(graphml *G, xmlTextReader *r, int depth)
{
    const pg_jpath gp = GRAPH_PATH;
    xmlNode *n = xmlTextReaderExpand(r);
    if (n == NULL || pg_xml_errors_any(G->x))
        return G->broken = true, false; /* reported by the caller */
    if (depth == 1)
        return read_key(G, n, G->key_elements++);
    at(G, n);
    if (is(n, "hyperedge"))
        return pg_report_error(&G->R->report, &gp, "a <hyperedge>: partygraph reads edges between two nodes only");
    if (is(n, "node") || is(n, "edge"))
        return keep(G, n, is(n, "node"));
    return is(n, "data") ? graph_data(G, n) : true;
}

/* One element of the stream at `depth`: the root, a key, the graph, or
 * what the graph holds (read whole). *skip: the caller is to pass over
 * the element's content rather than descend into it. */
static bool element(graphml *G, xmlTextReader *r, int depth, bool *skip)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
    bool ours = ns == NULL || xmlStrEqual(ns, (const xmlChar *)GRAPHML_NS);
    const char *name = (const char *)xmlTextReaderConstLocalName(r);
    const xmlNode *n = xmlTextReaderCurrentNode(r);
    *skip = depth >= 1 && !(depth == 1 && ours && strcmp(name, "graph") == 0);
    G->R->line = xmlGetLineNo(n);
    if (depth == 0 && !(ours && strcmp(name, "graphml") == 0))
        return pg_report_error(&G->R->report, NULL, "the root element is <%s>, not <graphml>: this is not GraphML",
                               name), false;
    if (depth == 1 && ours && strcmp(name, "graph") == 0)
        return graph_start(G, n);
    if (!ours || depth != 1 + (G->graphs > 0) || (depth == 1 && strcmp(name, "key") != 0))
        return notice(G, n, depth > 1 ? &GRAPH_PATH : &GRAPHML_PATH, false), true; /* descriptions, other namespaces */
    return whole_element(G, r, depth);
}

/* One node of the stream: an element, or an entity reference between
 * elements. */
static bool visit(graphml *G, xmlTextReader *r, bool *skip)
{
    int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
    *skip = false;
    if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        kept(G, xmlTextReaderCurrentNode(r), depth > 1 ? &GRAPH_PATH : &GRAPHML_PATH, false);
    if (type == XML_READER_TYPE_COMMENT && depth == 0) /* "<!-- partygraph 0.1.0, ... -->" */
        pg_read_note_creator(G->R, (const char *)xmlTextReaderConstValue(r));
    return type == XML_READER_TYPE_ELEMENT ? element(G, r, depth, skip) : true;
}

/* libxml2 could not go on: out of memory, or its first error, at its
 * line:column, on one line. */
static bool xml_failed(graphml *G)
{
    char message[512];
    pg_strbuf b = pg_strbuf_init(message, sizeof message);
    if (pg_xml_errors_oom(G->x))
        return pg_report_oom(&G->R->report);
    pg_strbuf_printf(&b, "XML: ");
    pg_xml_errors_message(G->x, &b);
    if (G->x->first.code == XML_ERR_OK)
        return pg_report_error(&G->R->report, NULL, "%s", message);
    G->R->line = 0;
    return pg_report_error_at(&G->R->report, G->x->first.line, G->x->first.int2, "%s", message);
}

/* Reads the document from the node `more` says was read (as
 * xmlTextReaderRead): the keys, and the nodes and edges (each held only as
 * its data), then translates them. */
static bool walk(graphml *G, xmlTextReader *r, int more)
{
    bool skip = false;
    while (more == 1 && !pg_xml_errors_any(G->x)) {
        if (!visit(G, r, &skip))
            return G->broken ? xml_failed(G) : false;
        more = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    if (pg_xml_errors_any(G->x) || more < 0)
        return xml_failed(G);
    pg_jpath rp = pg_jpath_key(&PG_JPATH_ROOT, "graphml");
    if (G->graphs == 0)
        return pg_report_error(&G->R->report, &rp, "no <graph> element");
    return translate(G);
}

/* A reader over the text with `options`, its first node read (*more); NULL
 * when out of memory. */
static xmlTextReader *open_reader(const char *text, size_t len, int options, pg_xml_errors *x, int *more)
{
    xmlTextReader *r = xmlReaderForMemory(text, (int)len, NULL, NULL, options);
    if (r != NULL) {
        pg_xml_errors_watch(x, r);
        *more = xmlTextReaderRead(r);
    }
    return r;
}

/* Does the document declare entities? (The first read parses the prolog:
 * the internal subset is all there is; the external one is never read.) */
static bool declares_entities(xmlTextReader *r)
{
    const xmlNode *n = xmlTextReaderCurrentNode(r);
    const xmlDtd *dtd = n != NULL && n->doc != NULL ? n->doc->intSubset : NULL;
    return dtd != NULL && (dtd->entities != NULL || dtd->pentities != NULL);
}

/* The reader for the text, its first node read: parsed to the root element
 * under libxml2's standard limits, and when that shows no entity
 * declaration, parsed again with huge text nodes allowed (XML_PARSE_HUGE
 * also turns off the checks against entity amplification: there is
 * nothing for them to check then). */
static xmlTextReader *reader_for(const char *text, size_t len, pg_xml_errors *x, int *more)
{
    xmlTextReader *r = open_reader(text, len, OPTIONS, x, more);
    if (r == NULL || *more != 1 || pg_xml_errors_any(x) || declares_entities(r))
        return r;
    xmlFreeTextReader(r);
    pg_xml_errors_reset(x);
    return open_reader(text, len, OPTIONS | XML_PARSE_HUGE, x, more);
}

/* The attributes still held (after an error) and the typed defaults. */
static void release_values(graphml *G)
{
    for (size_t i = 0; i < G->nodes.len; i++)
        cJSON_Delete(G->nodes.items[i].attrs);
    for (size_t i = 0; i < G->edges.len; i++)
        cJSON_Delete(G->edges.items[i].attrs);
    for (size_t i = 0; i < G->keys.len; i++)
        cJSON_Delete(G->keys.items[i].value);
}

static void release(graphml *G)
{
    release_values(G);
    free(G->nodes.items);
    free(G->edges.items);
    free(G->keys.items);
    free(G->found.items);
    free(G->defaults[NODES].items);
    free(G->defaults[EDGES].items);
    free(G->marks);
    pg_strmap_free(&G->key_ids);
    pg_strmap_free(&G->names);
}

bool pg_read_graphml(pg_reader *R, const char *text, size_t len, pg_input *in)
{
    (void)in; /* the whole input is in `text` */
    if (len > INT_MAX)
        return pg_report_error(&R->report, NULL, "a GraphML file of more than 2 GB cannot be read");
    pg_xml_errors x;
    graphml G = { .R = R, .x = &x };
    int more = 0;
    pg_xml_errors_begin(&x);
    xmlTextReader *r = reader_for(text, len, &x, &more);
    bool go = r ? walk(&G, r, more) : pg_report_oom(&R->report);
    release(&G);
    xmlFreeTextReader(r);
    pg_xml_errors_end(&x);
    return go;
}
