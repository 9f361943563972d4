/* test_stream.c - the streaming loader against the whole-text loader it
 * replaced (pg_read_partygraph_buffer, PG_LOAD_WHOLE): on valid
 * documents of many shapes and on broken ones (every truncation of a
 * small file among them) both must give the same records and the same
 * problems in the same order, at the same line:column, in one thread and
 * in two; every problem with a JSON path must have a line:column (those
 * found after reading, such as unknown ids, included). The scanner is
 * also run over input that arrives a few bytes at a time. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "dataset_dump.h"
#include "harness.h"
#include "input/read_partygraph.h"
#include "input/scan.h"
#include "model/dataset.h"

/* ---- a dump of everything a load gives ----------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...) PG_PRINTF(2, 3);

static void append(text *t, const char *s, size_t len)
{
    if (t->len + len + 1 > t->cap) {
        t->cap = (t->len + len + 1) * 2;
        t->s = realloc(t->s, t->cap);
        if (t->s == NULL)
            abort();
    }
    memcpy(t->s + t->len, s, len);
    t->len += len;
    t->s[t->len] = '\0';
}

static void add(text *t, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n >= 0)
        append(t, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Appends test_dump_dataset's text of `ds`. */
static void dump_text(text *t, const pg_dataset *ds)
{
    char *s = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&s, &len);
    if (m == NULL)
        abort();
    test_dump_dataset(m, ds);
    if (fclose(m) != 0)
        abort();
    append(t, s, len);
    free(s);
}

/* Problems, with their line:column; those with a path are counted in
 * `located` when they have one. */
typedef struct collected {
    text t;
    int located, with_path;
} collected;

static void collect(const pg_error *e, void *ud)
{
    collected *c = ud;
    if (e->path[0]) {
        c->with_path++;
        c->located += e->line > 0 && e->column > 0;
    }
    char line[1400];
    add(&c->t, "%s\n", pg_error_format(e, line, sizeof line));
}

/* Loads `json` in `mode`, finding every problem; returns the dump and
 * the problems as one malloc'd text. */
static char *load_dump(const char *json, size_t len, pg_load_mode mode, size_t max_errors, int *located,
                       int *with_path)
{
    collected c = { { NULL, 0, 0 }, 0, 0 };
    pg_load_options opt = { .max_errors = max_errors, .on_problem = collect, .userdata = &c };
    pg_error err;
    pg_dataset *ds = pg_read_partygraph_buffer(json, len, "t.json", &opt, mode, &err);
    add(&c.t, "== %s\n", ds ? "loaded" : pg_status_name(err.status));
    if (ds != NULL)
        dump_text(&c.t, ds);
    pg_dataset_free(ds);
    if (located)
        *located = c.located;
    if (with_path)
        *with_path = c.with_path;
    return c.t.s;
}

/* True when the three ways of loading agree on `json` and place every
 * problem that has a path; prints the first difference when not. */
static bool agree(const char *json, size_t len, size_t max_errors)
{
    int located = 0, with_path = 0;
    char *whole = load_dump(json, len, PG_LOAD_WHOLE, max_errors, &located, &with_path);
    bool same = located == with_path;
    for (int mode = PG_LOAD_ONE_THREAD; mode <= PG_LOAD_TWO_THREADS && same; mode++) {
        char *stream = load_dump(json, len, (pg_load_mode)mode, max_errors, &located, &with_path);
        same = strcmp(whole, stream) == 0 && located == with_path;
        if (!same)
            printf("# input (%zu bytes): %.300s\n# whole:\n%.1500s\n# streamed (%d of %d located):\n%.1500s\n", len,
                   json, whole, located, with_path, stream);
        free(stream);
    }
    free(whole);
    return same;
}

#define AGREE(json, what) CHECK(agree((json), strlen(json), 0), (what))

/* ---- documents ------------------------------------------------------ */

static const char *const valid_docs[] = {
    /* every section, pretty-printed */
    "{\n  \"format\": \"partygraph/1\",\n  \"title\": \"T\",\n  \"description\": \"D\",\n  \"notes\": [\"a\", \"b\"],\n"
    "  \"sources\": [{\"id\": \"s1\", \"title\": \"S\", \"url\": \"http://x\", \"date\": \"2001\"}],\n"
    "  \"countries\": [{\"id\": \"VNM\", \"name\": \"Viet Nam\", \"iso3\": \"VNM\", \"region\": \"Asia\"}],\n"
    "  \"parties\": [\n    {\"id\": \"cpv\", \"name\": \"CPV\", \"country\": \"VNM\", \"ruling\": true, \"founded\": \"1930\",\n"
    "     \"identifiers\": [{\"scheme\": \"w\", \"identifier\": \"Q1\"}], \"sources\": [\"s1\"]},\n"
    "    {\"id\": \"lpr\", \"name\": \"LPRP\", \"family\": \"communist\"}\n  ],\n"
    "  \"mechanisms\": [{\"id\": \"m\", \"name\": \"M\", \"kind\": \"forum\"}],\n"
    "  \"events\": [{\"id\": \"e\", \"name\": \"E\", \"date\": \"2019-05\", \"end\": \"2019-06-01\", \"country\": \"VNM\",\n"
    "              \"mechanism\": \"m\", \"host\": \"cpv\", \"type\": \"congress\"}],\n"
    "  \"relations\": [\n    {\"type\": \"attended\", \"source\": \"cpv\", \"target\": \"e\", \"role\": \"guest\", \"weight\": 2.5,\n"
    "     \"date\": \"2019\", \"sources\": [\"s1\"], \"evidence\": \"x\"},\n"
    "    {\"type\": \"contact\", \"source\": \"lpr\", \"target\": \"cpv\"}\n  ]\n}\n",
    /* empty arrays, nulls, unknown keys, odd order */
    "{\"relations\": [], \"zzz\": {\"a\": [1, {\"b\": null}]}, \"parties\": [], \"title\": null, \"notes\": \"n\","
    " \"events\": null, \"x\": [1, 2, 3]}",
    /* a BOM, keys in odd order, CRLF line ends */
    "\xEF\xBB\xBF{\r\n\"parties\": [{\"name\": \"B\", \"id\": \"b\"}, {\"id\": \"a\", \"name\": \"A\"}],\r\n"
    "\"relations\": [{\"target\": \"a\", \"source\": \"b\", \"type\": \"t\"}], \"format\": \"partygraph/1\"}",
    /* deep values, big strings with escapes and non-BMP characters, numbers in all forms */
    "{\"parties\": [{\"id\": \"p\", \"name\": \"\\u00e9\\ud83d\\ude00 \xF0\x9F\x98\x80 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\","
    " \"deep\": [[[[[[[[[[{\"a\": [[[[1]]]]}]]]]]]]]]], \"n1\": 0, \"n2\": -0, \"n3\": 1.5e3, \"n4\": -2E-2,"
    " \"n5\": 123456789012345678901234567890, \"n6\": 0.000001, \"list\": [1, \"two\", true, 2.50],"
    " \"obj\": {\"k\": \"v\", \"n\": [null]}}]}",
    /* unicode keys at the top level and in elements */
    "{\"p\\u0061rties\": [{\"id\": \"a\", \"name\": \"x\", \"caf\\u0065\": 1}], \"\\u00fcber\": 1}",
    /* persons, relation types, groupings */
    "{\"relation_types\": [{\"id\": \"met\", \"directed\": true, \"label\": \"met\"}, {\"id\": \"x\", \"structural\": true}],"
    " \"countries\": [{\"id\": \"C\", \"name\": \"C\", \"groupings\": [\"g2\", \"g1\"]}],"
    " \"parties\": [{\"id\": \"p\", \"name\": \"P\"}],"
    " \"persons\": [{\"id\": \"h\", \"name\": \"H\", \"party\": \"p\", \"country\": \"C\", \"roles\": [{\"title\": \"t\","
    " \"organization\": \"p\", \"from\": \"2001\", \"to\": \"2002-03\"}, {\"title\": \"u\"}]}],"
    " \"relations\": [{\"type\": \"met\", \"source\": \"h\", \"target\": \"p\"}]}",
    /* whitespace everywhere */
    " \t\n{ \"parties\" \n : \n [ \n { \"id\" : \"a\" , \"name\" : \"x\" } \n , \n {\"id\":\"b\",\"name\":\"y\"} ] } \n\t ",
};

static const char *const broken_docs[] = {
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\",}]}",           /* trailing comma in an element */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"},]}",           /* trailing comma in a split array */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}],}",           /* trailing comma at the top level */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}] \"events\": []}",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"} {\"id\": \"b\"}]}",
    "{\"parties\": [{\"id\": \"a\", \"name\": tru}]}",
    "{\"parties\": [{\"id\": \"a\", \"name\": 01}]}",
    "{\"parties\": [}",
    "{\"parties\" [] }",
    "{parties: []}",
    "{\"parties\": []} x",
    "{\"parties\": []}}",
    "{\"parties\": [1, 2, \"x\", null, [], {}]}",                  /* wrong element types */
    "{\"parties\": {}, \"relations\": 3, \"title\": 4, \"notes\": [1]}",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"name\": \"y\", \"id\": \"b\"}]}",
    "{\"parties\": [], \"parties\": [{\"id\": \"a\", \"name\": \"x\"}], \"zz\": 1, \"zz\": 2}",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"\\ud800\"}]}",      /* lone surrogate */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"\\udc00x\"}]}",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"\xC3\x28\"}]}",     /* invalid UTF-8 */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\x01\"}]}",        /* a control character */
    "{\"relations\": [{\"type\": \"t\", \"source\": \"a\", \"target\": \"zz\"}], \"parties\": [{\"id\": \"a\", \"name\": \"x\"}]}",
    "{\"relations\": [{\"type\": \"t\", \"source\": \"a\"}, {\"source\": 1, \"target\": 2, \"type\": \"\"},"
    " {\"type\": \"t;u\", \"source\": \"a\", \"target\": \"a\", \"weight\": -1, \"date\": \"x\", \"end\": 3}],"
    " \"parties\": [{\"id\": \"a\", \"name\": \"x\", \"country\": \"a\", \"sources\": [\"nope\", 3]}]}",
    "{\"parties\": [{\"id\": \"a b\", \"name\": \"\"}, {\"id\": \"a b\", \"name\": \"x\", \"ruling\": 1, \"degree\": 2}]}",
    "{\"format\": \"partygraph/2\", \"parties\": [{\"id\": \"a\"}]}",
    /* repeated keys: the last value, nested ones too; repeated sections replace the earlier one */
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"o\": {\"k\": 1, \"k\": {\"j\": 1, \"j\": 2}}, \"name\": 3}]}",
    "{\"parties\": [{\"id\": \"a b\", \"name\": \"x\"}], \"relations\": [{\"type\": \"t\", \"source\": \"a\", \"target\": \"b\"}],"
    " \"parties\": [{\"id\": \"a\", \"name\": \"y\"}, {\"id\": \"b\", \"name\": 5}], \"parties\": [{\"id\": \"a\", \"name\": \"z\"},"
    " {\"id\": \"b\", \"name\": \"w\"}], \"title\": \"T\", \"title\": null}",
    "{\"sources\": [{\"id\": \"s\"}], \"parties\": [{\"id\": \"s2\", \"name\": \"x\", \"sources\": [\"s\", \"s2\"]}],"
    " \"sources\": [{\"id\": \"s2\"}], \"format\": \"x\", \"format\": \"partygraph/1\"}",
    "{\"countries\": [{\"id\": \"c\", \"name\": \"C\"}], \"parties\": [{\"id\": \"c\", \"name\": \"P\", \"country\": \"c\"}],"
    " \"countries\": [], \"relations\": [{\"type\": \"t\", \"source\": \"c\", \"target\": \"c\"}], \"zz\": 1, \"zz\": {\"a\": 1, \"a\": 2}}",
    /* relation types and persons: repeats, bad roles; a repeated relation_types replaces the first */
    "{\"relation_types\": [{\"id\": \"a\"}, {\"id\": \"a\", \"directed\": 1}, {\"id\": \"b c\"}, {\"zz\": 1}, 3],"
    " \"persons\": [{\"id\": \"h\", \"name\": \"H\", \"party\": \"h\", \"roles\": [{\"to\": \"x\"}, 1, {\"title\": \"\"}]}],"
    " \"relation_types\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"b\"}], \"countries\": [{\"id\": \"C\", \"name\": \"C\","
    " \"groupings\": [1, \"x\"]}]}",
    "[1, 2]",
    "\"just a string\"",
    "",
    "   ",
    "\xEF\xBB\xBF",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}]",
    "{\"a\": \"\\q\"}",
    "{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"n\": 1e}]}",
};

static void shapes(void)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof valid_docs / sizeof *valid_docs; i++) {
        char *d = load_dump(valid_docs[i], strlen(valid_docs[i]), PG_LOAD_ONE_THREAD, 0, NULL, NULL);
        if (strstr(d, "== loaded") == NULL)
            printf("# not loaded: %.300s\n%.1000s", valid_docs[i], d);
        ok = ok && strstr(d, "== loaded") != NULL && agree(valid_docs[i], strlen(valid_docs[i]), 0);
        free(d);
    }
    CHECK(ok, "valid documents of every shape: loaded, the same records in every mode");
    ok = true;
    for (size_t i = 0; i < sizeof broken_docs / sizeof *broken_docs; i++)
        ok = ok && agree(broken_docs[i], strlen(broken_docs[i]), 0) && agree(broken_docs[i], strlen(broken_docs[i]), 1) &&
             agree(broken_docs[i], strlen(broken_docs[i]), 3);
    CHECK(ok, "broken documents: the same problems in the same order (all, the first, the first three)");
}

/* A NUL byte and nesting beyond the limit, which string literals and
 * short texts cannot show. */
static void limits(void)
{
    const char nul[] = "{\"parties\": [{\"id\": \"a\", \"name\": \"x\0\"}]}";
    CHECK(agree(nul, sizeof nul - 1, 0), "a NUL byte inside an element");
    const char nul2[] = "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}\0]}";
    CHECK(agree(nul2, sizeof nul2 - 1, 0), "a NUL byte between elements");
    for (int depth = 508; depth <= 512; depth++) {
        text t = { NULL, 0, 0 };
        add(&t, "{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"deep\": ");
        for (int i = 0; i < depth; i++)
            add(&t, "[");
        for (int i = 0; i < depth; i++)
            add(&t, "]");
        add(&t, "}], \"zz\": ");
        for (int i = 0; i < depth; i++)
            add(&t, "[");
        for (int i = 0; i < depth; i++)
            add(&t, "]");
        add(&t, "}");
        char what[80];
        snprintf(what, sizeof what, "nesting %d levels deep inside an element: the same limit", depth + 4);
        CHECK(agree(t.s, t.len, 0), what);
        free(t.s);
    }
}

/* A document of many batches: thousands of elements, some of them bad,
 * a string of 300 kB with escapes and characters outside the BMP. */
static void many_batches(void)
{
    text t = { NULL, 0, 0 };
    add(&t, "{\"parties\": [");
    for (int i = 0; i < 6000; i++)
        add(&t, "%s{\"id\": \"%s%d\", \"name\": \"P %d\", \"seats\": %d.5e%d}", i ? ",\n" : "",
            i % 997 == 5 ? "bad id " : "p", i, i, i, i % 5);
    add(&t, "],\n\"notes\": \"");
    for (int i = 0; i < 20000; i++)
        add(&t, "\\u00e9\\n\xF0\x9F\x98\x80 \\\"q\\\" ");
    add(&t, "\",\n\"relations\": [");
    for (int i = 0; i < 12000; i++)
        add(&t, "%s{\"type\": \"t\", \"source\": \"p%d\", \"target\": \"p%d\"}", i ? ", " : "", i % 6000,
            i % 1499 == 7 ? 9999 : (i * 7) % 6000);
    add(&t, "]}");
    CHECK(t.len > 600000 && agree(t.s, t.len, 0), "a document of many batches, with errors all along: the same problems");
    CHECK(agree(t.s, t.len / 2, 0), "the same document cut in the middle: the syntax error alone");
    free(t.s);
}

static void truncations(void)
{
    const char *doc = valid_docs[0];
    size_t len = strlen(doc);
    size_t bad = len + 1;
    for (size_t n = 0; n <= len && bad > len; n++)
        if (!agree(doc, n, 0))
            bad = n;
    CHECK(bad > len, "every truncation of a small file: the same error at the same line:column");
    const char *deep = valid_docs[3];
    len = strlen(deep);
    bad = len + 1;
    for (size_t n = 0; n <= len && bad > len; n++)
        if (!agree(deep, n, 2))
            bad = n;
    CHECK(bad > len, "every truncation of escapes, numbers and non-BMP characters");
}

/* Every byte of a small file replaced by characters that break JSON. */
static void mutations(void)
{
    const char *doc = valid_docs[0];
    size_t len = strlen(doc);
    char *copy = malloc(len + 1);
    const char subst[] = { '}', ']', ',', '"', ':', '\\', 'x', '1', '[', '\xff' };
    bool ok = copy != NULL;
    for (size_t i = 0; ok && i < len; i += 3) {
        memcpy(copy, doc, len + 1);
        copy[i] = subst[i % sizeof subst];
        ok = agree(copy, len, 0);
    }
    free(copy);
    CHECK(ok, "a byte of a small file changed, everywhere: the same problems");
}

/* ---- the scanner over input that trickles in ------------------------ */

typedef struct trickle {
    const char *s;
    size_t len, at, step;
} trickle;

static long trickle_read(void *source, void *buf, size_t cap, pg_error *err)
{
    trickle *t = source;
    size_t n = t->len - t->at;
    (void)err;
    n = n < t->step ? n : t->step;
    n = n < cap ? n : cap;
    memcpy(buf, t->s + t->at, n);
    t->at += n;
    t->step = t->step % 7 + 1; /* 1 to 7 bytes at a time */
    return (long)n;
}

static bool all_keys(const char *key)
{
    (void)key;
    return true;
}

/* The items of a scan, one line each. */
static char *scan_all(const char *json, size_t len, size_t step)
{
    trickle t = { json, len, 0, step };
    pg_scan sc;
    pg_scan_init(&sc, trickle_read, &t, all_keys);
    text out = { NULL, 0, 0 };
    pg_scan_item it;
    do {
        pg_scan_next(&sc, &it);
        add(&out, "%d %.*s %ld:%ld %.*s|%s\n", (int)it.kind, (int)it.key_len, it.key ? it.key : "", it.line,
            it.column, (int)it.len, it.text ? it.text : "", it.kind == PG_SCAN_SYNTAX ? sc.syntax.reason : "");
    } while (it.kind < PG_SCAN_END);
    if (it.kind == PG_SCAN_END) /* an error stops reading wherever the last chunk ended */
        add(&out, "%s %zu\n", sc.sha256, sc.bytes);
    pg_scan_free(&sc);
    return out.s;
}

static void chunks(void)
{
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof valid_docs / sizeof *valid_docs; i++) {
        const char *doc = valid_docs[i];
        char *whole = scan_all(doc, strlen(doc), (size_t)1 << 30);
        char *bits = scan_all(doc, strlen(doc), 1);
        ok = strcmp(whole, bits) == 0;
        if (!ok)
            printf("# at once:\n%s# in bits:\n%s", whole, bits);
        free(whole);
        free(bits);
    }
    for (size_t i = 0; ok && i < sizeof broken_docs / sizeof *broken_docs; i++) {
        char *whole = scan_all(broken_docs[i], strlen(broken_docs[i]), (size_t)1 << 30);
        char *bits = scan_all(broken_docs[i], strlen(broken_docs[i]), 3);
        ok = strcmp(whole, bits) == 0;
        if (!ok)
            printf("# at once:\n%s# in bits:\n%s", whole, bits);
        free(whole);
        free(bits);
    }
    CHECK(ok, "the scanner gives the same items, positions, errors and digest when the input comes 1-7 bytes at a time");
    const char *numbers = "{\"x\": [1234567, 1e10, -0.5, true, false, null, \"\\u00e9\"]}";
    char *a = scan_all(numbers, strlen(numbers), (size_t)1 << 30), *b = scan_all(numbers, strlen(numbers), 2);
    CHECK(strcmp(a, b) == 0 && strstr(a, " 1234567|") != NULL, "numbers and literals cut by a chunk boundary");
    if (strcmp(a, b) != 0)
        printf("# at once:\n%s# in bits:\n%s", a, b);
    free(a);
    free(b);
}

/* ---- positions ------------------------------------------------------- */

/* The first problem of `doc`, formatted. */
static const char *first(const char *doc)
{
    static char line[1400];
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(doc, strlen(doc), "t.json", NULL, &err);
    pg_dataset_free(ds);
    return ds ? "(loaded)" : pg_error_format(&err, line, sizeof line);
}

/* Keeps the first problem of any kind, formatted. */
static void keep_first(const pg_error *e, void *ud)
{
    char *line = ud;
    if (line[0] == '\0')
        pg_error_format(e, line, 1400);
}

/* The first problem (a warning too) of `doc` loaded in `mode`. */
static const char *first_problem(const char *doc, pg_load_mode mode)
{
    static char line[1400];
    line[0] = '\0';
    pg_load_options opt = { .on_problem = keep_first, .userdata = line };
    pg_error err;
    pg_dataset_free(pg_read_partygraph_buffer(doc, strlen(doc), "t.json", &opt, mode, &err));
    return line;
}

static void positions(void)
{
    CHECK_STR(first("{\n  \"parties\": [\n    {\"id\": \"a\", \"name\": \"x\"},\n    {\"name\": \"\xC3\xBC\xC3\xBC\",\n"
                    "     \"id\": \"\xC3\xA9 \xC3\xA9\"}\n  ]\n}"),
              "t.json:5:12: $.parties[1].id: \"\xC3\xA9 \xC3\xA9\" is not a valid id: use 1-200 letters or digits of any "
              "script and _ . - : (for example \"\xC3\xA9_\xC3\xA9\"); free text belongs in \"name\"",
              "a schema error points at the offending value, columns in characters");
    CHECK_STR(first_problem("{\"parties\": [{\"id\": \"a\", \"name\": \"\xC3\xBC\", \"name\": \"y\"}]}", PG_LOAD_ONE_THREAD),
              "t.json:1:47: $.parties[0].name: warning: duplicate key \"name\": the last of its 2 values is kept",
              "a duplicate key points at the value kept");
    CHECK_STR(first("{\"parties\": [{\"name\": \"x\"}]}"), "t.json:1:14: $.parties[0]: missing \"id\"",
              "a missing key points at its object");
    CHECK_STR(first("{\"title\": \"t\",\n \"notes\": [\"a\",\n  {}]}"),
              "t.json:3:3: $.notes[1]: expected a string, got an object", "inside a top-level value");
    CHECK_STR(first_problem("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"caf\\u00e9\": 1, \"caf\\u00e9\": [[2]]}]}",
                            PG_LOAD_TWO_THREADS),
              "t.json:1:68: $.parties[0][\"caf\xC3\xA9\"]: warning: duplicate key \"caf\xC3\xA9\": the last of its 2 values is kept",
              "keys with escapes are found too");
    CHECK_STR(first("{\"parties\": [{\"id\": \"a\",\n \"name\": \"x\"}],\n \"relations\": [{\"type\": \"t\",\n"
                    "  \"source\": \"a\", \"target\": \"\xC3\xA9\xC3\xA9\"}]}"),
              "t.json:4:28: $.relations[0].target: unknown id \"\xC3\xA9\xC3\xA9\"",
              "an unknown id, found once the text is gone, at its place");
    CHECK_STR(first("{\"sources\": [{\"id\": \"s\"}],\n\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"sources\": [\"s\",\n \"t\"]}]}"),
              "t.json:3:2: $.parties[0].sources[1]: unknown source \"t\" (did you mean \"s\"?)",
              "an unknown source, at its place");
}

/* The dump of `doc` loaded in one thread (records and problems). */
static bool dump_has(const char *doc, const char *want)
{
    char *d = load_dump(doc, strlen(doc), PG_LOAD_ONE_THREAD, 0, NULL, NULL);
    bool found = strstr(d, want) != NULL;
    if (!found)
        printf("# wanted %s in:\n%s", want, d);
    free(d);
    return found;
}

/* A repeated key keeps its last value, wherever it is. */
static void last_values(void)
{
    CHECK(dump_has("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"o\": {\"k\": 1, \"k\": {\"j\": 1, \"j\": 2}}, \"name\": \"y\"}]}",
                   "E a|y|1|0|0-0-0|0-0-0| o=s:{\"k\":{\"j\":2}}"),
          "in an element and in the objects of its attributes");
    CHECK(dump_has("{\"parties\": [{\"id\": \"a b\", \"name\": \"x\"}], \"parties\": [{\"id\": \"a\", \"name\": \"y\"}],"
                   " \"relations\": [{\"type\": \"t\", \"source\": \"a\", \"target\": \"b\"}], \"parties\": [{\"id\": \"b\", \"name\": \"z\"},"
                   " {\"id\": \"a\", \"name\": \"w\"}]}",
                   "== loaded\ntitle= desc= sha="),
          "a repeated top-level array replaces the earlier ones: their errors go");
    CHECK(dump_has("{\"parties\": [{\"id\": \"a\", \"name\": \"y\"}], \"relations\": [{\"type\": \"t\", \"source\": \"a\", \"target\": \"b\"}],"
                   " \"parties\": [{\"id\": \"b\", \"name\": \"z\"}, {\"id\": \"a\", \"name\": \"w\"}]}",
                   "E a|w|1|1|0-0-0|0-0-0|\nE b|z|1|0|0-0-0|0-0-0|\nR t|a@0|b@1|"),
          "... and its records: the ids of the last one, free again, resolved afresh");
    CHECK(dump_has("{\"title\": \"T\", \"sources\": [{\"id\": \"s\"}], \"title\": null, \"sources\": [{\"id\": \"u\"}],"
                   " \"parties\": [{\"id\": \"a\", \"name\": \"x\", \"sources\": [\"s\"]}]}",
                   "t.json:1:51: $.title: warning: duplicate key \"title\": the last of its 2 values is kept\n"
                   "t.json:1:68: $.sources: warning: duplicate key \"sources\": the last of its 2 values is kept\n"
                   "t.json:1:95: $.parties[0].sources[0]: unknown source \"s\" (did you mean \"u\"?)\n== invalid data\n"),
          "a replaced section's sources are gone (a reference to them, read before, placed at its element)");
    CHECK(dump_has("{\"title\": \"T\", \"description\": \"D\", \"title\": null, \"description\": \"E\"}", "== loaded\ntitle= desc=E sha"),
          "a null title replaces a title");
    text t = { NULL, 0, 0 };
    add(&t, "{\"parties\": [{\"id\": \"a\", \"name\": \"x\"");
    for (int i = 0; i < 30000; i++)
        add(&t, ", \"k\": %d", i);
    add(&t, "}]}");
    char *d = load_dump(t.s, t.len, PG_LOAD_TWO_THREADS, 0, NULL, NULL);
    CHECK(strstr(d, "the last of its 30000 values is kept") != NULL && strstr(d, " k=n:29999\n") != NULL &&
              agree(t.s, t.len, 0),
          "30,000 repeats of one key: one warning, the last value");
    free(d);
    free(t.s);
}

/* A program that installs cJSON hooks of its own after partygraph's: the
 * loader notices, frees its trees itself (ASan/valgrind would report a
 * leak otherwise) and loads the same. Runs last: the hooks stay replaced. */
static void foreign_hooks(void)
{
    cJSON_InitHooks(NULL); /* plain malloc and free, not partygraph's */
    bool ok = true;
    for (size_t i = 0; i < sizeof valid_docs / sizeof valid_docs[0]; i++)
        ok = ok && agree(valid_docs[i], strlen(valid_docs[i]), 0);
    for (size_t i = 0; i < sizeof broken_docs / sizeof broken_docs[0]; i++)
        ok = ok && agree(broken_docs[i], strlen(broken_docs[i]), 0);
    CHECK(ok, "with the caller's own cJSON hooks every document loads the same, trees freed node by node");
}

void run_tests(void)
{
    shapes();
    limits();
    many_batches();
    truncations();
    mutations();
    chunks();
    positions();
    last_values();
    foreign_hooks();
}
