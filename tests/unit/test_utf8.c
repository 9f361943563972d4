/* test_utf8.c - the characters of ids and attribute names: XML 1.0 (fifth
 * edition) NameChar, checked against the spec's own productions (parsed
 * here from their text, for every code point), and the names that
 * partygraph makes of other text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "harness.h"

/* Productions [4] and [4a] as https://www.w3.org/TR/xml/#NT-NameChar
 * writes them. */
static const char *const spec =
    "NameStartChar ::= \":\" | [A-Z] | \"_\" | [a-z] | [#xC0-#xD6] | [#xD8-#xF6] | [#xF8-#x2FF] | "
    "[#x370-#x37D] | [#x37F-#x1FFF] | [#x200C-#x200D] | [#x2070-#x218F] | [#x2C00-#x2FEF] | "
    "[#x3001-#xD7FF] | [#xF900-#xFDCF] | [#xFDF0-#xFFFD] | [#x10000-#xEFFFF]\n"
    "NameChar ::= NameStartChar | \"-\" | \".\" | [0-9] | #xB7 | [#x0300-#x036F] | [#x203F-#x2040]";

enum { LIMIT = 0x110000 };

/* One character of a production: "c", a, #xHEX (the end of the text at *s). */
static unsigned long spec_char(const char **s)
{
    if (**s == '"') {
        unsigned long c = (unsigned char)(*s)[1];
        *s += 3;
        return c;
    }
    if ((*s)[0] == '#' && (*s)[1] == 'x')
        return strtoul(*s + 2, (char **)s, 16);
    return (unsigned char)*(*s)++;
}

/* Marks in `in` every code point the alternatives of both productions
 * name ("NameStartChar" itself stands for the first line's). */
static void parse_spec(bool *in)
{
    for (const char *s = strstr(spec, "::="); s != NULL; s = strstr(s, "::=")) {
        for (s += 3; *s && *s != '\n'; s++) {
            bool range = *s == '[';
            if (!range && *s != '"' && *s != '#')
                continue;
            s += range;
            unsigned long lo = spec_char(&s), hi = lo;
            if (range && *s == '-')
                s++, hi = spec_char(&s);
            for (unsigned long c = lo; c <= hi && c < LIMIT; c++)
                in[c] = true;
        }
    }
}

static void every_code_point(void)
{
    bool *in = calloc(LIMIT, sizeof *in);
    if (!CHECK(in != NULL, "memory for the table"))
        return;
    parse_spec(in);
    unsigned long wrong = 0, first = 0, count = 0;
    for (unsigned long c = 0; c < LIMIT; c++) {
        count += in[c];
        if (in[c] != pg_utf8_name_char((uint32_t)c) && wrong++ == 0)
            first = c;
    }
    char what[112];
    snprintf(what, sizeof what, "pg_utf8_name_char is NameChar for all of U+0000-U+10FFFF (%lu wrong, from U+%04lX)",
             wrong, first);
    CHECK(wrong == 0, what);
    /* 1 + 26 + 1 + 26 + 23 + 31 + 520 + 14 + 7297 + 2 + 288 + 1008 + 43007 + 1232 + 526 + 917504,
     * then 1 + 1 + 10 + 1 + 112 + 2 */
    CHECK(count == 971506 + 127, "the spec's text was read whole: its ranges hold 971633 code points");
    free(in);
}

static void chosen_characters(void)
{
    static const uint32_t yes[] = { 'A', 'z', '0', '9', '_', '-', '.', ':', 0xB7, 0xEB /* ë */, 0xE9 /* é */,
                                    0x41C /* М */, 0x5317 /* 北 */, 0x4EAC /* 京 */, 0x308 /* combining diaeresis */,
                                    0x627 /* ا */, 0x5D0 /* א */, 0x915 /* क */, 0x10000, 0xEFFFF };
    static const uint32_t no[] = { ' ', '"', '\'', ';', ',', '/', '#', '&', '<', '>', '=', '\\', '|', '@', '%',
                                   0x7F, 0xA0, 0xD7 /* × */, 0xF7 /* ÷ */, 0x37E /* Greek question mark */,
                                   0x2000, 0x2028, 0x3000 /* ideographic space */, 0xFFFE, 0xF0000, 0x10FFFF };
    bool ok = true;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ok &= pg_utf8_name_char(yes[i]);
    CHECK(ok, "letters and digits of any script, combining marks and _ - . : are NameChars");
    ok = true;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ok &= !pg_utf8_name_char(no[i]);
    CHECK(ok, "spaces, quotes, ; , / # and the like, and code points past U+EFFFF are not");
}

/* A string of `n` copies of `c`. */
static char *repeat(const char *c, size_t n)
{
    size_t len = strlen(c);
    char *s = malloc(n * len + 1);
    for (size_t i = 0; s && i < n; i++)
        memcpy(s + i * len, c, len);
    if (s)
        s[n * len] = '\0';
    return s;
}

static void names(void)
{
    CHECK(pg_utf8_name_chars("北京", 200) == 2 && pg_utf8_name_chars("Zoe\xCC\x88", 200) == 4,
          "an id counts characters, not bytes");
    CHECK(pg_utf8_name_chars("", 200) == 0 && pg_utf8_name_chars("a b", 200) == 0 &&
              pg_utf8_name_chars("a\xC3", 200) == 0 && pg_utf8_name_chars("\xED\xA0\x80", 200) == 0,
          "no id: empty, a space, a cut sequence, a surrogate");
    char *at = repeat("北", 200), *past = repeat("北", 201);
    CHECK(at && past && pg_utf8_name_chars(at, 200) == 200 && pg_utf8_name_chars(past, 200) == 0,
          "200 characters of three bytes are an id, 201 are not");
    char buf[801];
    CHECK(past && pg_utf8_to_name(past, buf, sizeof buf, 200) == 600 && strcmp(buf, at) == 0,
          "a rewrite is cut at 200 characters");
    free(at);
    free(past);
    pg_utf8_to_name("  Москва, 北京 ; Zoë!", buf, sizeof buf, 200);
    CHECK_STR(buf, "Москва_北京_Zoë", "a rewrite keeps every script's letters, a run of others is one _");
    pg_utf8_to_name("3887118,", buf, sizeof buf, 200);
    CHECK_STR(buf, "3887118", "no _ at the ends");
    pg_utf8_to_name("a\xFF\xFE" "b", buf, sizeof buf, 200);
    CHECK_STR(buf, "a_b", "malformed bytes are a run of others");
    CHECK(pg_utf8_to_name(" ;,", buf, sizeof buf, 200) == 0 && buf[0] == '\0', "nothing left: length 0");
    CHECK(pg_utf8_to_name("ab北", buf, 5, 200) == 2 && strcmp(buf, "ab") == 0,
          "a character that does not fit the buffer is left out whole");
}

void run_tests(void)
{
    every_code_point();
    chosen_characters();
    names();
}
