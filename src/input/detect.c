/* detect.c - see detect.h. Detection looks at the first 64 KiB only, so
 * that a stream need not be held: '<' is GEXF when the root element is
 * <gexf>, else GraphML; a JSON object followed
 * by another object is NDJSON; text that is not JSON is Pajek when it
 * starts `*Vertices` (or `*Network`), GML when it has `graph [` after
 * GML's keys; otherwise a top-level "format" key says
 * partygraph/1 wherever it is, else the first top-level key that belongs
 * to one format decides (see `key_formats`), else a key that only leans
 * towards one (`persons`: Popolo's, and partygraph/1's too; `directed`:
 * node-link's, and Cytoscape.js's too, which `elements` decides); an array
 * of objects with `data` or `group` is Cytoscape.js elements; nothing
 * decisive means partygraph/1, whose loader then explains what is wrong. */
#include "input/detect.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "base/vec.h"

enum { KEY_MAX = 32 };

static const char *const format_names[PG_INPUT_COUNT] = {
    "auto", "partygraph", "nodelink", "jgf", "popolo", "ndjson", "graphml", "cyjs", "gml", "pajek", "gexf", "tables",
};

/* What the formats are called in messages. */
static const char *const format_titles[PG_INPUT_COUNT] = {
    "auto", "partygraph/1", "node-link JSON", "JSON Graph Format", "Popolo JSON", "NDJSON", "GraphML",
    "Cytoscape.js JSON", "GML", "Pajek NET", "GEXF", "CSV/TSV tables",
};

const char *pg_input_format_name(pg_input_format f)
{
    return f >= 0 && f < PG_INPUT_COUNT ? format_names[f] : NULL;
}

pg_status pg_input_format_parse(const char *name, pg_input_format *out)
{
    int i = pg_name_index(format_names, PG_INPUT_COUNT, name);
    if (i < 0)
        return PG_EARG;
    *out = (pg_input_format)i;
    return PG_OK;
}

const char *pg_detect_title(pg_input_format f)
{
    return f >= 0 && f < PG_INPUT_COUNT ? format_titles[f] : NULL;
}

/* ---- detection ------------------------------------------------------ */

/* How much a top-level key says: a weak key decides only when no key
 * decides; "format" decides wherever it is. */
typedef enum strength { WEAK = 1, DECIDES, FORMAT } strength;

/* Top-level keys that one format has ("graph" is decided apart). */
static const struct {
    const char *key;
    pg_input_format format;
    strength strength;
} key_formats[] = {
    { "format", PG_INPUT_PARTYGRAPH, FORMAT },       { "countries", PG_INPUT_PARTYGRAPH, DECIDES },
    { "parties", PG_INPUT_PARTYGRAPH, DECIDES },     { "mechanisms", PG_INPUT_PARTYGRAPH, DECIDES },
    { "relations", PG_INPUT_PARTYGRAPH, DECIDES },   { "relation_types", PG_INPUT_PARTYGRAPH, DECIDES },
    { "sources", PG_INPUT_PARTYGRAPH, DECIDES },     { "notes", PG_INPUT_PARTYGRAPH, DECIDES },
    { "organizations", PG_INPUT_POPOLO, DECIDES },   { "memberships", PG_INPUT_POPOLO, DECIDES },
    { "persons", PG_INPUT_POPOLO, WEAK },            { "areas", PG_INPUT_POPOLO, DECIDES },
    { "posts", PG_INPUT_POPOLO, DECIDES },           { "graphs", PG_INPUT_JGF, DECIDES },
    { "nodes", PG_INPUT_NODELINK, WEAK }, /* partygraph/1's generic nodes too */         { "links", PG_INPUT_NODELINK, DECIDES },
    { "edges", PG_INPUT_NODELINK, DECIDES },         { "directed", PG_INPUT_NODELINK, WEAK },
    { "multigraph", PG_INPUT_NODELINK, WEAK },       { "elements", PG_INPUT_CYJS, DECIDES },    { "kind", PG_INPUT_NDJSON, DECIDES },
    { "type", PG_INPUT_NDJSON, DECIDES },            { "source", PG_INPUT_NDJSON, DECIDES },
    { "target", PG_INPUT_NDJSON, DECIDES },
};

static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The index after the string starting at s[i] ('"'), or n. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* The index after the JSON value at s[i], or n when it runs past the end. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"') {
            i = skip_string(s, n, i);
            if (depth == 0)
                return i;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && depth == 0)
            return i; /* the end of the container around a scalar */
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        else if (depth == 0 && strchr(", \t\r\n", c) != NULL)
            return i;
        i++;
    }
    return n;
}

/* Reads the member key at s[*i] (after '{' or ',') into `key` and leaves
 * *i at its value. False at the object's end or when the text runs out. */
static bool next_key(const char *s, size_t n, size_t *i, char key[KEY_MAX])
{
    size_t j = skip_space(s, n, *i);
    if (j < n && s[j] == ',')
        j = skip_space(s, n, j + 1);
    if (j >= n || s[j] != '"')
        return false;
    size_t end = skip_string(s, n, j);
    size_t len = end - j - 2;
    snprintf(key, KEY_MAX, "%.*s", (int)(len < KEY_MAX ? len : 0), s + j + 1);
    j = skip_space(s, n, end);
    if (j >= n || s[j] != ':')
        return false;
    *i = skip_space(s, n, j + 1);
    return true;
}

/* Does the object at s[i] have a "nodes" or "edges" member (JGF's graph)? */
static bool graph_object(const char *s, size_t n, size_t i)
{
    char key[KEY_MAX];
    if (i >= n || s[i] != '{')
        return false;
    for (i++; next_key(s, n, &i, key); i = skip_value(s, n, i))
        if (strcmp(key, "nodes") == 0 || strcmp(key, "edges") == 0)
            return true;
    return false;
}

/* What top-level `key` (its value at data[j]) says: *format, and how
 * strongly (0: nothing). */
static strength key_format(const char *data, size_t len, size_t j, const char *key, pg_input_format *format)
{
    if (strcmp(key, "graph") == 0 && graph_object(data, len, j))
        return *format = PG_INPUT_JGF, DECIDES;
    for (size_t k = 0; k < sizeof key_formats / sizeof key_formats[0]; k++)
        if (strcmp(key_formats[k].key, key) == 0)
            return *format = key_formats[k].format, key_formats[k].strength;
    return 0;
}

/* The format the top-level keys of the object at data[i] say: the
 * strongest key's, the first of equal strength; PG_INPUT_AUTO when none. */
static pg_input_format keys_format(const char *data, size_t len, size_t i)
{
    char key[KEY_MAX];
    pg_input_format found = PG_INPUT_AUTO, f;
    strength best = 0, st;
    for (size_t j = i + 1; best < FORMAT && next_key(data, len, &j, key); j = skip_value(data, len, j))
        if ((st = key_format(data, len, j, key, &f)) > best)
            best = st, found = f;
    return found;
}

/* Is the array at data[i] Cytoscape.js elements (its first element an
 * object with a `data` or `group` key)? */
static bool elements_array(const char *data, size_t len, size_t i)
{
    char key[KEY_MAX];
    size_t j = skip_space(data, len, i + 1);
    if (j >= len || data[j] != '{')
        return false;
    for (j++; next_key(data, len, &j, key); j = skip_value(data, len, j))
        if (strcmp(key, "data") == 0 || strcmp(key, "group") == 0)
            return true;
    return false;
}

/* ---- GML and Pajek: text that is not JSON ------------------------------ */

/* The index past the lines at s[i] that are blank or start with
 * `comment` after spaces. */
static size_t skip_comments(const char *s, size_t n, size_t i, char comment)
{
    for (i = skip_space(s, n, i); i < n && s[i] == comment; i = skip_space(s, n, i))
        while (i < n && s[i] != '\n')
            i++;
    return i;
}

/* Does the word `word` (any case) start at s[i], a word of its own? */
static bool word_at(const char *s, size_t n, size_t i, const char *word)
{
    size_t k = 0;
    for (; word[k] && i + k < n; k++)
        if ((s[i + k] | 0x20) != word[k])
            return false;
    return word[k] == '\0' && (i + k >= n || !isalnum((unsigned char)s[i + k]));
}

/* GML: keys and values (`Creator "yFiles"`, ...) up to `graph [`, in the
 * bytes peeked at, after `#` comments. */
static bool is_gml(const char *s, size_t n, size_t i)
{
    i = skip_comments(s, n, i, '#');
    if (i >= n || !isalpha((unsigned char)s[i]))
        return false;
    for (; i < n; i++)
        if ((i == 0 || !isalnum((unsigned char)s[i - 1])) && word_at(s, n, i, "graph") &&
            skip_space(s, n, i + 5) < n && s[skip_space(s, n, i + 5)] == '[')
            return true;
    return false;
}

/* Pajek: `*Vertices` or `*Network` first, after `%` comments. */
static bool is_pajek(const char *s, size_t n, size_t i)
{
    i = skip_comments(s, n, i, '%');
    return i < n && s[i] == '*' && (word_at(s, n, i + 1, "vertices") || word_at(s, n, i + 1, "network"));
}

/* The format of text that is neither markup nor JSON. */
static pg_input_format text_format(const char *data, size_t len, size_t i)
{
    if (is_pajek(data, len, i))
        return PG_INPUT_PAJEK;
    return is_gml(data, len, i) ? PG_INPUT_GML : PG_INPUT_PARTYGRAPH;
}

/* The index of the first element's '<' in markup: past the declaration,
 * comments, processing instructions and the DOCTYPE (n when none). */
static size_t root_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i + 1 < n && !(s[i] == '<' && isalpha((unsigned char)s[i + 1]))) {
        const char *close = i + 3 < n && s[i] == '<' && memcmp(s + i + 1, "!--", 3) == 0 ? "-->" : NULL;
        size_t k = close ? i + 4 : i + 1;
        while (close && k + 3 <= n && memcmp(s + k, close, 3) != 0)
            k++;
        i = close ? k + 3 : k;
    }
    return i;
}

/* Markup: GEXF when the root element (the first '<' and a letter: not a
 * declaration, comment or processing instruction) is <gexf> or
 * <PREFIX:gexf>, in the bytes peeked at; else GraphML. */
static pg_input_format markup_format(const char *s, size_t n)
{
    size_t i = root_start(s, n);
    size_t end = ++i;
    while (end < n && (isalnum((unsigned char)s[end]) || strchr("_-.:", s[end]) != NULL))
        end++;
    size_t colon = end;
    while (colon > i && s[colon - 1] != ':')
        colon--;
    return end - colon == 4 && memcmp(s + colon, "gexf", 4) == 0 ? PG_INPUT_GEXF : PG_INPUT_GRAPHML;
}

/* The text formats a file's name may say, by its ending (before ".gz"). */
static const struct {
    const char *ending;
    pg_input_format format;
} name_formats[] = { { ".gml", PG_INPUT_GML },    { ".net", PG_INPUT_PAJEK },   { ".paj", PG_INPUT_PAJEK },
                     { ".csv", PG_INPUT_TABLES }, { ".tsv", PG_INPUT_TABLES }, { ".xlsx", PG_INPUT_TABLES },
                     { ".ods", PG_INPUT_TABLES }, { ".xls", PG_INPUT_TABLES } };

/* Does `name` (n bytes) end with `ending`, in any case? */
static bool ends_with(const char *name, size_t n, const char *ending)
{
    size_t k = strlen(ending);
    for (size_t j = 0; k <= n && j < k; j++)
        if (tolower((unsigned char)name[n - k + j]) != ending[j])
            return false;
    return k <= n;
}

/* The format the name says, or `found`. */
static pg_input_format name_format(const char *name, pg_input_format found)
{
    size_t n = name ? strlen(name) : 0;
    if (ends_with(name, n, ".gz"))
        n -= 3;
    for (size_t k = 0; k < sizeof name_formats / sizeof name_formats[0]; k++)
        if (ends_with(name, n, name_formats[k].ending))
            return name_formats[k].format;
    return found;
}

pg_input_format pg_detect_format_named(const char *data, size_t len, const char *name)
{
    pg_input_format found = pg_detect_format(data, len);
    size_t i = skip_space(data, len, pg_utf8_bom(data, len));
    bool text = i < len && strchr("{[<", data[i]) == NULL;
    return found == PG_INPUT_PARTYGRAPH && text ? name_format(name, found) : found;
}

/* Does `data` start as a zip archive (an .xlsx or .ods workbook) or an
 * OLE2 compound file (an old .xls workbook)? */
static bool workbook_bytes(const char *data, size_t len)
{
    return (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) || (len >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0);
}

pg_input_format pg_detect_format(const char *data, size_t len)
{
    if (workbook_bytes(data, len))
        return PG_INPUT_TABLES;
    size_t i = skip_space(data, len, pg_utf8_bom(data, len));
    if (i < len && data[i] == '<')
        return markup_format(data, len);
    if (i < len && data[i] == '[' && elements_array(data, len, i))
        return PG_INPUT_CYJS;
    if (i < len && data[i] != '{' && data[i] != '[')
        return text_format(data, len, i);
    if (i >= len || data[i] != '{')
        return PG_INPUT_PARTYGRAPH;
    size_t after = skip_space(data, len, skip_value(data, len, i));
    if (after < len && data[after] == '{')
        return PG_INPUT_NDJSON;
    pg_input_format found = keys_format(data, len, i);
    /* an object with element keys: NDJSON when another object follows (above), when it is the whole
     * input, or when it runs past the bytes peeked at (a long first line); not when other text follows */
    if (found == PG_INPUT_NDJSON && after < len)
        found = PG_INPUT_AUTO;
    return found == PG_INPUT_AUTO ? PG_INPUT_PARTYGRAPH : found;
}
