/* test_escape.c - text in XML, DOT, CSV (and its rule for formulas) and JSON,
 * and the JSON writer. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "write/escape.h"
#include "write/jsonw.h"

static const char *hostile = "a\"b\\c\nd<e>&f'g]]>h\x01i\rj\tk\xE2\x80\xAE\xF0\x9F\x98\x80";

static char *escaped(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, s);
    fclose(f);
    return buf;
}

static void check_escape(void (*fn)(FILE *, const char *), const char *in, const char *want, const char *what)
{
    char *got = escaped(fn, in);
    CHECK_STR(got, want, what);
    free(got);
}

static void json_writer(void *ctx, void *file)
{
    (void)ctx;
    pg_jsonw w;
    pg_jsonw_init(&w, file);
    pg_jsonw_open(&w, '{', false);
    pg_jsonw_key(&w, "n");
    pg_jsonw_long(&w, 3);
    pg_jsonw_key(&w, "list");
    pg_jsonw_open(&w, '[', true);
    pg_jsonw_number(&w, 0.5);
    pg_jsonw_number(&w, 0.0 / 0.0);
    pg_jsonw_string(&w, NULL);
    pg_jsonw_raw(&w, "2.0");
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "empty");
    pg_jsonw_open(&w, '{', false);
    pg_jsonw_close(&w);
    pg_jsonw_key(&w, "s");
    pg_jsonw_string(&w, "x");
    pg_jsonw_close(&w);
}

static const char *dot_text; /* what dot_prefix writes the first dot_len bytes of */
static size_t dot_len;

static void dot_prefix(FILE *f, const char *s)
{
    (void)s;
    pg_escape_dot_n(f, dot_text, dot_len);
}

/* pg_escape_dot_n: the first n bytes only; pg_escape_dot_size: their
 * escaped size (counted here by hand). */
static void dot_prefixes(void)
{
    dot_text = "a&b\"c";
    dot_len = 3;
    check_escape(dot_prefix, "", "a&amp;b", "DOT prefix: the first 3 bytes only");
    dot_text = "a\r\nb";
    dot_len = 2;
    check_escape(dot_prefix, "", "a", "DOT prefix: a CR before a cut LF writes nothing (as in CR LF)");
    dot_len = 4;
    check_escape(dot_prefix, "", "a\\nb", "DOT prefix: all of it is pg_escape_dot");
    CHECK(pg_escape_dot_size("a&\"\\\n\x01", 6) == 1 + 5 + 2 + 2 + 2 + 3,
          "DOT size: a, &amp;, \\\", \\\\, \\n, U+FFFD");
    CHECK(pg_escape_dot_size("a\r\nb\rc\t", 7) == 1 + 0 + 2 + 1 + 2 + 1 + 1, "DOT size: CR LF is one \\n, a lone CR one");
    CHECK(pg_escape_dot_size("\xEF\xBF\xBEx\xEF\xBB\xBF", 7) == 7, "DOT size: U+FFFD for U+FFFE, U+FEFF kept");
    CHECK(pg_escape_dot_size("a&b", 2) == 6, "DOT size: only the first n bytes");
}

void run_tests(void)
{
    check_escape(pg_escape_xml, hostile,
                 "a&quot;b\\c\nd&lt;e&gt;&amp;f&apos;g]]&gt;h\xEF\xBF\xBDi&#13;j\tk\xE2\x80\xAE\xF0\x9F\x98\x80",
                 "XML: entities, CR kept as a reference, U+0001 replaced by U+FFFD");
    check_escape(pg_escape_xml, "a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c\xEF\xBF\xBD", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD",
                 "XML: U+FFFE and U+FFFF become U+FFFD");
    check_escape(pg_escape_xml_attr, hostile,
                 "a&quot;b\\c&#10;d&lt;e&gt;&amp;f&apos;g]]&gt;h\xEF\xBF\xBDi&#13;j&#9;k\xE2\x80\xAE\xF0\x9F\x98\x80",
                 "XML attribute: tab and line feed as references too");
    check_escape(pg_escape_xml, "\xEF\xBB\xBFx\xEF", "\xEF\xBB\xBFx\xEF", "XML: other characters starting with 0xEF kept");
    check_escape(pg_escape_dot, hostile, "a\\\"b\\\\c\\nd<e>&amp;f'g]]>h\xEF\xBF\xBDi\\nj k\xE2\x80\xAE\xF0\x9F\x98\x80",
                 "DOT: quotes and backslashes escaped, & as &amp;, line breaks as \\n");
    check_escape(pg_escape_dot, "a\r\nb", "a\\nb", "DOT: CRLF is one line break");
    check_escape(pg_escape_dot, "x\"]; node [label=\"y", "x\\\"]; node [label=\\\"y", "DOT: no injection");
    check_escape(pg_escape_dot, "a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c\xEF\xBB\xBF" "d\xEF",
                 "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBB\xBF" "d\xEF",
                 "DOT: U+FFFE and U+FFFF become U+FFFD, other characters starting with 0xEF are kept");
    check_escape(pg_escape_dot, "\x01\x08\x0b\x0c\x0e\x1f", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
                 "DOT: the control characters XML 1.0 forbids become U+FFFD");
    dot_prefixes();
    check_escape(pg_escape_csv, "plain", "plain", "CSV: plain cells are bare");
    check_escape(pg_escape_csv, "a,b", "\"a,b\"", "CSV: commas are quoted");
    check_escape(pg_escape_csv, "say \"hi\"\nnow", "\"say \"\"hi\"\"\nnow\"", "CSV: quotes doubled, newlines quoted");
    check_escape(pg_escape_csv, " lead", "\" lead\"", "CSV: a leading space is quoted");
    check_escape(pg_escape_csv, "trail ", "\"trail \"", "CSV: a trailing space is quoted");
    check_escape(pg_escape_csv, "=1+1", "=1+1", "CSV: pg_escape_csv writes formulas as they are (--csv-raw)");
    check_escape(pg_escape_csv_text, "plain text", "plain text", "CSV text: plain text is bare");
    check_escape(pg_escape_csv_text, "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", "CSV text: = gets an apostrophe");
    check_escape(pg_escape_csv_text, "+1", "'+1", "CSV text: + gets an apostrophe");
    check_escape(pg_escape_csv_text, "-2+3", "'-2+3", "CSV text: - gets an apostrophe");
    check_escape(pg_escape_csv_text, "@SUM(1)", "'@SUM(1)", "CSV text: @ gets an apostrophe");
    check_escape(pg_escape_csv_text, "\tx", "'\tx", "CSV text: a leading tab gets an apostrophe");
    check_escape(pg_escape_csv_text, "\rx", "\"'\rx\"", "CSV text: a leading CR too, inside the quotes");
    check_escape(pg_escape_csv_text, "'quoted'", "''quoted'", "CSV text: a leading apostrophe gets another");
    check_escape(pg_escape_csv_text, "=HYPERLINK(\"x\"), 1", "\"'=HYPERLINK(\"\"x\"\"), 1\"",
                 "CSV text: the apostrophe goes inside the quotes");
    check_escape(pg_escape_csv_text, "=x ", "\"'=x \"", "CSV text: a trailing space still quotes");
    check_escape(pg_escape_csv_text, "", "", "CSV text: empty stays empty");
    check_escape(pg_escape_csv_text, "a=b", "a=b", "CSV text: = later in the text is harmless");
    check_escape(pg_escape_csv_text, " =x", "\" =x\"", "CSV text: only the first character counts");
    const char *starters = "=+-@\t\r'", *others = "a0 .\"\n,;\xEF";
    bool ok = true;
    for (const char *c = starters; *c; c++)
        ok &= pg_escape_csv_formula((char[]){ *c, 'x', '\0' });
    for (const char *c = others; *c; c++)
        ok &= !pg_escape_csv_formula((char[]){ *c, '=', '\0' });
    CHECK(ok && !pg_escape_csv_formula(""), "pg_escape_csv_formula: exactly = + - @ TAB CR ' at the start");
    check_escape(pg_escape_json, "a\"b\\c\n\x01\xC3\xA9", "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\"", "JSON string literal");
    check_escape(pg_escape_json_html, "</script><!--&\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xAA\n",
                 "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\xE2\x80\xAA\\n\"",
                 "JSON for a <script> element: < > & U+2028 U+2029 as \\u escapes, U+202A kept");
    char *json = capture(json_writer, NULL);
    CHECK_STR(json, "{\n  \"n\": 3,\n  \"list\": [0.5, null, null, 2.0],\n  \"empty\": {},\n  \"s\": \"x\"\n}\n",
              "JSON writer: indentation, inline arrays, null for NaN, raw values");
    free(json);
}
