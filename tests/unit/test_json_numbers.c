/* test_json_numbers.c - the number tokens of a JSON text that a double
 * would change, the copy cJSON parses, and the walk that gives each
 * number item its token. */
#include <cJSON.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "input/json_numbers.h"

typedef struct seen {
    int count[3];
    size_t first_at[3];
    char path_key[3][32];
} seen;

static void note(void *ctx, pg_json_number_kind kind, const char *token, size_t len, size_t at, const pg_jpath *path)
{
    seen *s = ctx;
    (void)token, (void)len;
    if (s->count[kind]++ == 0) {
        s->first_at[kind] = at;
        snprintf(s->path_key[kind], sizeof s->path_key[kind], "%s", path->key ? path->key : "[]");
    }
}

/* Parses `text` as reader.c does; the tree, the scan in *n, what was seen. */
static cJSON *parse(const char *text, pg_json_numbers *n, seen *s, char *copy, pg_arena *digits)
{
    size_t len = strlen(text);
    pg_jpath top = PG_JPATH_ROOT;
    memset(s, 0, sizeof *s);
    if (pg_json_numbers_scan(n, text, len) != 0)
        return NULL;
    pg_json_numbers_rewrite(n, text, len, copy);
    cJSON *root = cJSON_ParseWithLength(n->words ? copy : text, len);
    if (root != NULL && pg_json_numbers_apply(n, root, text, digits, &top, note, s) != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static const char *string_of(const cJSON *root, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

void run_tests(void)
{
    static const char text[] = "{\"s\": \"NaN 9007199254740993 \\\" -Infinity\", \"a\": 9007199254740992, "
                               "\"b\": 9007199254740993, \"c\": -9223372036854775808, \"d\": 1e400, \"e\": NaN, "
                               "\"f\": [Infinity, -Infinity, 0.1, 18446744073709551616], \"g\": 123456789012345678.5}";
    char copy[sizeof text] = { 0 };
    pg_json_numbers n = PG_JSON_NUMBERS_INIT;
    seen s;
    pg_arena digits = PG_ARENA_INIT;
    cJSON *root = parse(text, &n, &s, copy, &digits);
    CHECK(root != NULL && n.words && n.specials.len == 6, "the special tokens are found, none in strings");
    CHECK(root && strlen(copy) == strlen(text) && strstr(copy, "\"e\": 0e0") && strstr(copy, "[1e999999, -1e999999,"),
          "the words are rewritten as numbers of the same length");
    CHECK(root && cJSON_GetObjectItem(root, "a")->valuedouble == 9007199254740992.0,
          "2^53 stays a number (a double holds it)");
    CHECK_STR(root ? string_of(root, "b") : NULL, "9007199254740993", "2^53 + 1: its digits");
    CHECK_STR(root ? string_of(root, "c") : NULL, "-9223372036854775808", "-2^63: its digits");
    CHECK(root && cJSON_IsNull(cJSON_GetObjectItem(root, "d")) && cJSON_IsNull(cJSON_GetObjectItem(root, "e")),
          "1e400 and NaN are null");
    const cJSON *f = root ? cJSON_GetObjectItem(root, "f") : NULL;
    CHECK(f && cJSON_IsNull(cJSON_GetArrayItem(f, 0)) && cJSON_IsNull(cJSON_GetArrayItem(f, 1)) &&
              cJSON_GetArrayItem(f, 2)->valuedouble == 0.1 &&
              strcmp(cJSON_GetArrayItem(f, 3)->valuestring, "18446744073709551616") == 0,
          "in an array: the infinities null, 0.1 a number, 2^64 its digits");
    CHECK(root && cJSON_IsNumber(cJSON_GetObjectItem(root, "g")), "a number with a fraction stays a double");
    CHECK_STR(string_of(root, "s"), "NaN 9007199254740993 \" -Infinity", "strings are not touched");
    CHECK(s.count[PG_JSON_NUMBER_HUGE] == 3 && s.count[PG_JSON_NUMBER_NAN] == 1 &&
              s.count[PG_JSON_NUMBER_INFINITE] == 3,
          "each change is told");
    CHECK(s.first_at[PG_JSON_NUMBER_HUGE] == (size_t)(strstr(text, "\"b\"") - text + 5) &&
              strcmp(s.path_key[PG_JSON_NUMBER_HUGE], "b") == 0 && strcmp(s.path_key[PG_JSON_NUMBER_INFINITE], "d") == 0,
          "with the token's offset and its path");
    cJSON_Delete(root);
    pg_json_numbers_free(&n);
    char small[4];
    root = parse("5", &n, &s, small, &digits);
    CHECK(root && cJSON_IsNumber(root) && n.specials.len == 0 && !n.words, "a lone number at the end of the text");
    cJSON_Delete(root);
    pg_json_numbers_free(&n);
    pg_arena_free(&digits);
}
