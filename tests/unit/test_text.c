/* test_text.c - UTF-8 checks, positions, number formatting, SHA-256,
 * suggestions and the string map. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "harness.h"
#include "partygraph.h"

static size_t seq(const char *s)
{
    return pg_utf8_sequence((const unsigned char *)s, strlen(s) + 1);
}

static void utf8_tests(void)
{
    CHECK(seq("a") == 1 && seq("\xC3\xA9") == 2 && seq("\xE4\xB8\xAD") == 3 && seq("\xF0\x9F\x98\x80") == 4,
          "well-formed sequences of 1-4 bytes");
    CHECK(seq("\xC0\x80") == 0 && seq("\xE0\x80\x80") == 0 && seq("\xF0\x80\x80\x80") == 0, "overlong forms rejected");
    CHECK(seq("\xED\xA0\x80") == 0, "UTF-16 surrogates rejected");
    CHECK(seq("\xF4\x90\x80\x80") == 0 && seq("\xF5\x80\x80\x80") == 0, "above U+10FFFF rejected");
    CHECK(seq("\xE4\xB8") == 0 && seq("\x80") == 0 && pg_utf8_sequence((const unsigned char *)"", 1) == 0,
          "truncated, stray continuation and NUL rejected");
    long line, col;
    const char *text = "{\n  \"\xE4\xB8\xAD\xE5\x9B\xBD\": x";
    pg_utf8_position(text, strlen(text) - 1, &line, &col);
    CHECK(line == 2 && col == 9, "columns count characters, not bytes");
    CHECK(pg_utf8_bom("\xEF\xBB\xBF{}", 5) == 3 && pg_utf8_bom("{}", 2) == 0, "a BOM is recognised");
}

static void fmt_tests(void)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    CHECK_STR(pg_fmt_double(0.1, buf), "0.1", "0.1 is written shortest");
    CHECK_STR(pg_fmt_double(1.0 / 3, buf), "0.3333333333333333", "1/3 needs 16 digits");
    CHECK_STR(pg_fmt_double(0.1 + 0.2, buf), "0.30000000000000004", "0.1 + 0.2 needs 17 digits");
    CHECK_STR(pg_fmt_double(3, buf), "3", "integers have no point");
    CHECK_STR(pg_fmt_double(-0.0, buf), "0", "-0 is written 0");
    CHECK_STR(pg_fmt_double(1e-7, buf), "1e-07", "1e-7 is written shortest");
    double hard[] = { 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 2.0 / 3, 1234567.125 };
    bool all = true;
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++)
        all &= strtod(pg_fmt_double(hard[i], buf), NULL) == hard[i];
    CHECK(all, "every value reads back exactly");
    /* tests/run.sh builds de_DE.UTF-8 into $LOCPATH; without it (a test
     * binary run by hand) the check cannot run. */
    if (getenv("LOCPATH") == NULL) {
        test_skip("a comma locale does not change the decimal point", "LOCPATH not set");
        return;
    }
    bool loaded = setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
    CHECK(loaded && localeconv()->decimal_point[0] == ',', "the de_DE locale (decimal comma) is in use");
    CHECK_STR(pg_fmt_double(0.5, buf), "0.5", "a comma locale does not change our decimal point");
    CHECK_STR(pg_fmt_fixed(0.25, 2, buf), "0.25", "nor that of fixed-point output");
    setlocale(LC_NUMERIC, "C");
}

static void sha_of(const char *s, size_t len, char hex[65])
{
    pg_sha256 c;
    pg_sha256_init(&c);
    pg_sha256_update(&c, s, len);
    pg_sha256_hex(&c, hex);
}

static void sha_tests(void)
{
    char hex[65];
    sha_of("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of nothing");
    sha_of("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha_of(two, strlen(two), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "SHA-256 of two blocks");
    pg_sha256 c;
    pg_sha256_init(&c);
    char a[1000];
    memset(a, 'a', sizeof a);
    for (int i = 0; i < 1000; i++)
        pg_sha256_update(&c, a, sizeof a);
    pg_sha256_hex(&c, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "SHA-256 of a million a's");
}

static void suggest_tests(void)
{
    CHECK(pg_suggest_distance("cpx", "cpv", 3) == 1 && pg_suggest_distance("cpc", "pcc", 3) == 1 && pg_suggest_distance("abc", "cab", 3) == 2 &&
              pg_suggest_distance("ab", "ba", 3) == 1 && pg_suggest_distance("kitten", "sitting", 5) == 3,
          "edit distances, with adjacent swaps costing 1");
    CHECK(pg_suggest_distance("a", "abcdef", 2) == 3, "distances above the limit report limit + 1");
    pg_suggest s;
    pg_suggest_init(&s, "cpx");
    pg_suggest_offer(&s, "zzz");
    pg_suggest_offer(&s, "cpv");
    pg_suggest_offer(&s, "cpc");
    CHECK_STR(s.best, "cpc", "the nearest candidate wins, ties by byte order");
    pg_suggest_init(&s, "parties");
    pg_suggest_offer(&s, "parties");
    CHECK(s.best == NULL, "an exact match is not a suggestion");
    pg_suggest_init(&s, "CPC");
    pg_suggest_offer(&s, "CPX");
    pg_suggest_offer(&s, "cpc");
    CHECK_STR(s.best, "cpc", "the same word in another case beats any edit");
    static const char *const names[] = { "build", "Build", NULL, "validate" };
    CHECK_STR(pg_suggest_nearest("biuld", names, 4), "build", "pg_suggest_nearest: a swap is one edit");
    CHECK_STR(pg_suggest_nearest("build", names, 4), "Build",
              "pg_suggest_nearest: never the word itself, NULL candidates skipped");
}

static void strmap_tests(void)
{
    pg_strmap m = PG_STRMAP_INIT;
    static char keys[1000][8];
    bool ok = true;
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        ok &= pg_strmap_put(&m, keys[i], i) == 1;
    }
    CHECK(ok && m.len == 1000, "1000 keys go in, through several grows");
    ok = true;
    for (int i = 0; i < 1000; i++)
        ok &= pg_strmap_get(&m, keys[i]) == i;
    CHECK(ok, "every key finds its value");
    CHECK(pg_strmap_put(&m, "k5", 99) == 0 && pg_strmap_get(&m, "k5") == 5, "a duplicate changes nothing");
    CHECK(pg_strmap_get(&m, "nope") == -1 && pg_strmap_key(&m, "nope") == NULL, "absent keys");
    CHECK(pg_strmap_put_value(&m, "k5", 7) == 0 && pg_strmap_get(&m, "k5") == 7, "values can be replaced");
    pg_strmap_free(&m);
}

static void strbuf_tests(void)
{
    char small[8];
    pg_strbuf b = pg_strbuf_init(small, sizeof small);
    pg_strbuf_printf(&b, "ab%s", "\xE4\xB8\xAD\xE5\x9B\xBD"); /* 2 + 6 bytes into 7 */
    CHECK_STR(small, "ab\xE4\xB8\xAD", "truncation never cuts a character in half");
    pg_strbuf_printf(&b, "more");
    CHECK(b.len == strlen(small) && b.len < sizeof small, "a full buffer stays consistent");
    char q[PG_QUOTE_SIZE];
    CHECK_STR(pg_quote(q, "a\"b\\c\nd\x7f"), "\"a\\\"b\\\\c\\u000ad\\u007f\"", "quoting escapes JSON-style");
}

/* One-line messages: what a file name or a value may hold reaches the
 * terminal inert (expectations written out by hand from the rule in
 * partygraph.h). */
static void message_tests(void)
{
    char buf[64];
    CHECK_STR(pg_error_escape("a\nb\tc\x1b[2J", buf, sizeof buf), "a\\u000ab\\u0009c\\u001b[2J",
              "C0 controls escaped: line breaks, tabs, terminal escapes");
    CHECK_STR(pg_error_escape("\x7f|\xC2\x85|\xC2\x9B|\xC2\xA0", buf, sizeof buf), "\\u007f|\\u0085|\\u009b|\xC2\xA0",
              "DEL and C1 controls escaped, U+00A0 kept");
    CHECK_STR(pg_error_escape("\xFF\xC3(\xE4\xB8\xAD", buf, sizeof buf), "\\xFF\\xC3(\xE4\xB8\xAD",
              "bytes that are not UTF-8 as \\xNN, characters kept");
    char small[9];
    CHECK_STR(pg_error_escape("abcd\x1b", small, sizeof small), "abcd", "an escape that does not fit is left out whole");
    CHECK_STR(pg_error_escape("abcdefg\xE4\xB8\xAD", small, sizeof small), "abcdefg", "so is a character");
    pg_error e = { .status = PG_EIO, .line = 3, .column = 4 };
    snprintf(e.file, sizeof e.file, "in\nput.json");
    snprintf(e.path, sizeof e.path, "$.a\rb");
    snprintf(e.message, sizeof e.message, "bad \x1b]0;title\x07");
    CHECK_STR(pg_error_format(&e, buf, sizeof buf), "in\\u000aput.json:3:4: $.a\\u000db: bad \\u001b]0;title\\u0007",
              "pg_error_format escapes the file, the path and the message");
}

void run_tests(void)
{
    message_tests();
    strbuf_tests();
    utf8_tests();
    fmt_tests();
    sha_tests();
    suggest_tests();
    strmap_tests();
}
