/* test_json_check.c - the strict syntax check: what it accepts, where it
 * points and what it says. */
#include <string.h>

#include "harness.h"
#include "input/json_check.h"

static bool valid(const char *s)
{
    pg_json_error e;
    return pg_json_check(s, strlen(s), &e) == 0;
}

/* True when `s` fails at byte `at` with a reason containing `words`. */
static bool fails(const char *s, size_t len, size_t at, const char *words)
{
    pg_json_error e;
    return pg_json_check(s, len, &e) != 0 && e.offset == at && strstr(e.reason, words) != NULL;
}

#define FAILS(s, at, words) fails((s), sizeof(s) - 1, (at), (words))

/* The lenient mode: 0, or the offset of its error + 1. */
static size_t lenient(const char *s)
{
    pg_json_error e;
    return pg_json_check_lenient(s, strlen(s), &e) == 0 ? 0 : e.offset + 1;
}

void run_tests(void)
{
    CHECK(valid("{}") && valid("[]") && valid(" {\"a\": [1, -2.5e+3, 0, true, false, null, \"x\"]} \n"),
          "valid documents pass");
    CHECK(valid("\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\\\\\"\"") && valid("3") && valid("\"caf\xC3\xA9\""),
          "escapes, surrogate pairs, scalars and UTF-8 pass");
    CHECK(FAILS("", 0, "empty input"), "empty input");
    CHECK(FAILS(" \n ", 3, "empty input"), "only whitespace");
    CHECK(FAILS("{\"title\": }", 10, "expected a value"), "a missing value is not a trailing comma");
    CHECK(FAILS("]", 0, "expected a value"), "a lone closing bracket");
    CHECK(FAILS("[}", 1, "expected a value or ']'"), "a wrong closing bracket");
    CHECK(FAILS("{\"a\": 1,}", 8, "trailing comma"), "a trailing comma in an object points at the bracket");
    CHECK(FAILS("[1,]", 3, "trailing comma"), "a trailing comma in an array");
    CHECK(FAILS("{\"a\" 1}", 5, "expected ':'"), "a missing colon");
    CHECK(FAILS("{\"a\": 1 \"b\": 2}", 8, "expected ',' or '}'"), "a missing comma in an object");
    CHECK(FAILS("[1 2]", 3, "expected ',' or ']'"), "a missing comma in an array");
    CHECK(FAILS("{\"a\": [1}", 8, "expected ',' or ']'"), "a mismatched bracket");
    CHECK(FAILS("{\"a\": 01}", 6, "leading zeros"), "leading zeros");
    CHECK(FAILS("[+1]", 1, "expected a value"), "a plus sign");
    CHECK(FAILS("[1.]", 1, "after '.'"), "a bare point");
    CHECK(FAILS("[1e]", 1, "exponent"), "an empty exponent");
    CHECK(FAILS("[tru]", 1, "expected a value"), "a broken literal");
    CHECK(FAILS("{\"a\": \"x\ty\"}", 8, "control character"), "a raw tab in a string");
    CHECK(FAILS("[\"\\x\"]", 2, "invalid escape"), "an unknown escape");
    CHECK(FAILS("[\"\\u12g4\"]", 6, "hex digits"), "a bad \\u escape");
    CHECK(FAILS("[\"\\ud800\"]", 2, "low surrogate"), "a lone high surrogate");
    CHECK(FAILS("[\"\\udc00\"]", 2, "lone low surrogate"), "a lone low surrogate");
    CHECK(FAILS("[\"a\\u0000b\"]", 3, "\\u0000"), "a \\u0000 escape (NUL): refused, not cut short");
    CHECK(FAILS("[\"caf\xE9\"]", 5, "invalid UTF-8"), "Latin-1 in a string");
    CHECK(FAILS("[\"a\0b\"]", 3, "NUL byte"), "a NUL byte in a string");
    CHECK(FAILS("{} x", 3, "after the JSON value"), "trailing text");
    CHECK(FAILS("{\"a\": [1, 2", 11, "truncated"), "a truncated document");
    CHECK(FAILS("[\"abc", 5, "missing closing quote"), "an unterminated string");
    char deep[2000];
    memset(deep, '[', 600);
    memset(deep + 600, ']', 600);
    CHECK(fails(deep, 1200, 512, "nesting too deep"), "nesting is bounded without recursion");
    memset(deep, '[', 512);
    memset(deep + 512, ']', 512);
    pg_json_error e;
    CHECK(pg_json_check(deep, 1024, &e) == 0, "512 levels are allowed");
    CHECK(FAILS("[NaN]", 1, "expected a value") && FAILS("{\"a\": -Infinity}", 6, "invalid number"),
          "strict: NaN and -Infinity are refused");
    CHECK(lenient("[NaN, Infinity, -Infinity, {\"a\": NaN}]") == 0 && lenient("NaN") == 0,
          "lenient: Python's NaN, Infinity and -Infinity are values");
    CHECK(lenient("[nan]") == 2 && lenient("[-NaN]") == 2 && lenient("[+Infinity]") == 2 && lenient("[Inf]") == 2,
          "lenient: nothing else non-standard (nan, -NaN, +Infinity, Inf)");
    CHECK(lenient("[NaNa]") == 5 && lenient("{NaN: 1}") == 2 && lenient("[01]") == 2,
          "lenient: the words are values only, and the rest stays strict");
}
