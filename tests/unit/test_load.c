/* test_load.c - loading through the public API: what is accepted, and the
 * exact error for each class of bad input (file, line:column, JSON path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "partygraph.h"

static pg_dataset *load(const char *json, pg_error *err)
{
    return pg_dataset_load_buffer(json, strlen(json), "t.json", NULL, err);
}

/* The formatted first error of loading `json`, in a static buffer. */
static const char *first_error(const char *json)
{
    static char line[1400];
    pg_error err;
    pg_dataset *ds = load(json, &err);
    if (ds != NULL) {
        pg_dataset_free(ds);
        return "(loaded)";
    }
    return pg_error_format(&err, line, sizeof line);
}

typedef struct collected {
    int errors, warnings;
    char last[1400];
} collected;

static void collect(const pg_error *e, void *ud)
{
    collected *c = ud;
    if (e->severity == PG_SEVERITY_WARNING)
        c->warnings++;
    else
        c->errors++;
    pg_error_format(e, c->last, sizeof c->last);
}

static void accepted(void)
{
    pg_error err;
    const char *json = "\xEF\xBB\xBF{\"format\": \"partygraph/1\", \"title\": \"T\","
                       "\"countries\": [{\"id\": \"VNM\", \"name\": \"Viet Nam\", \"iso3\": \"VNM\"}],"
                       "\"parties\": [{\"id\": \"cpv\", \"name\": \"CPV\", \"country\": \"VNM\", \"ruling\": true,"
                       "  \"seats\": 3, \"tags\": [\"a\", 1, false], \"extra\": {\"k\": [1]}, \"note\": null}],"
                       "\"relations\": [{\"type\": \"contact\", \"source\": \"cpv\", \"target\": \"VNM\", \"weight\": 0.5}]}";
    pg_dataset *ds = load(json, &err);
    CHECK(ds != NULL, "a dataset with a BOM, attributes of every shape and null values loads");
    if (ds == NULL)
        return;
    CHECK(pg_dataset_entity_count(ds) == 2 && pg_dataset_kind_count(ds, PG_KIND_PARTY) == 1 &&
              pg_dataset_relation_count(ds) == 1,
          "counts by kind and relations");
    CHECK_STR(pg_dataset_title(ds), "T", "the title is kept");
    CHECK(strlen(pg_dataset_sha256(ds)) == 64 && pg_dataset_input_bytes(ds) == strlen(json), "input provenance");
    pg_dataset_free(ds);
}

static void syntax_errors(void)
{
    CHECK_STR(first_error("{\n  \"parties\": [\n    {\"id\": \"a\",}\n  ]\n}"),
              "t.json:3:16: trailing comma before a closing bracket", "syntax errors carry line:column");
    CHECK_STR(first_error(""), "t.json:1:1: empty input (expected a JSON value)", "empty input");
    CHECK_STR(first_error("[1]"), "t.json: expected a partygraph/1 object at the top level, got an array",
              "a top-level array");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"\xC3\xA9t\xE9\"}]}"),
              "t.json:1:24: invalid UTF-8 in a string (the input must be UTF-8)", "invalid UTF-8, column in characters");
}

static void semantic_errors(void)
{
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"cpv\", \"name\": \"V\"}, {\"id\": \"cpc\", \"name\": \"C\"}],"
                          " \"relations\": [{\"type\": \"contact\", \"source\": \"cpv\", \"target\": \"cpx\"}]}"),
              "t.json:1:132: $.relations[0].target: unknown id \"cpx\" (did you mean \"cpc\"?)",
              "unknown ids are suggested a near one, at their place");
    CHECK_STR(first_error("{\"countries\": [{\"id\": \"CUB\", \"name\": \"Cuba\"}], \"parties\": [{\"id\": \"CUB\", \"name\": \"x\"}]}"),
              "t.json:1:67: $.parties[0].id: duplicate id \"CUB\": already used by the country at $.countries[0]",
              "ids are unique across kinds");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a b\", \"name\": \"x\"}]}"),
              "t.json:1:21: $.parties[0].id: \"a b\" is not a valid id: use 1-200 letters or digits of any script and _ . - : "
              "(for example \"a_b\"); free text belongs in \"name\"",
              "bad ids get a fix");
    CHECK_STR(first_error("{\"parties\": [{\"id\": 7, \"name\": \"x\"}]}"),
              "t.json:1:21: $.parties[0].id: expected an id string such as \"cpc\", got a number (7)", "ids are strings");
    CHECK_STR(first_error("{\"parties\": [{\"name\": \"x\"}]}"), "t.json:1:14: $.parties[0]: missing \"id\"", "missing id");
    CHECK_STR(first_error("{\"events\": [{\"id\": \"e\"}]}"), "t.json:1:13: $.events[0]: missing \"name\"", "missing name");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"p\", \"name\": \"x\", \"ruling\": \"yes\"}]}"),
              "t.json:1:49: $.parties[0].ruling: expected true or false, got a string (\"yes\")", "wrong value types");
    CHECK_STR(first_error("{\"events\": [{\"id\": \"e\", \"name\": \"x\", \"date\": \"2017-02-29\"}]}"),
              "t.json:1:46: $.events[0].date: \"2017-02-29\": February 2017 has 28 days (2017 is not a leap year)",
              "an impossible day says so");
    CHECK_STR(first_error("{\"events\": [{\"id\": \"e\", \"name\": \"x\", \"date\": \"2017-2-28\"}]}"),
              "t.json:1:46: $.events[0].date: \"2017-2-28\" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
              "another shape gets the forms of a date");
    CHECK_STR(first_error("{\"events\": [{\"id\": \"e\", \"name\": \"x\", \"date\": \"2017-05\", \"end\": \"2017-04\"}]}"),
              "t.json:1:64: $.events[0].end: \"2017-04\" is before the date \"2017-05\"", "an end before its date");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}, {\"id\": \"b\", \"name\": \"y\"}],"
                          " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\", \"weight\": 0}]}"),
              "t.json:1:141: $.relations[0].weight: weight must be a positive number from 1e-100 to 1e100, got a number (0)", "zero weight");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\"}, {\"id\": \"b\", \"name\": \"y\"}],"
                          " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\", \"weight\": 1e400}]}"),
              "t.json:1:141: $.relations[0].weight: weight must be a positive number from 1e-100 to 1e100, got a number (out of range)",
              "an overflowing weight");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"country\": \"b\"}, {\"id\": \"b\", \"name\": \"y\"}]}"),
              "t.json:1:50: $.parties[0].country: \"b\" is a party, expected a country", "references are checked by kind");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"degree\": 3}]}"),
              "t.json:1:49: $.parties[0].degree: \"degree\" is computed by partygraph and cannot be set in the data; "
              "rename the key",
              "computed names are reserved");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"stability\": 3}]}"),
              "t.json:1:52: $.parties[0].stability: \"stability\" is computed by partygraph and cannot be set in the data; "
              "rename the key",
              "every metric name is reserved");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"value\": 3}]}"),
              "t.json:1:48: $.parties[0].value: \"value\" is computed by partygraph and cannot be set in the data; "
              "rename the key",
              "Cytoscape's node key value is reserved");
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"founding \\\"year\\\"\": 1}]}"),
              "t.json:1:60: $.parties[0][\"founding \\\"year\\\"\"]: \"founding \\\"year\\\"\" is not a valid attribute name: "
              "use 1-200 letters or digits of any script and _ . - : (for example \"founding_year\")",
              "odd keys are quoted in the JSON path");
    CHECK_STR(first_error("{\"format\": \"partygraph/2\"}"),
              "t.json:1:12: $.format: unsupported format \"partygraph/2\" (this is partygraph " PG_VERSION
              ", which reads \"partygraph/1\")",
              "other formats are refused");
    CHECK_STR(first_error("{\"sources\": [{\"id\": \"s\"}], \"parties\": [{\"id\": \"a\", \"name\": \"x\", \"sources\": [\"t\"]}]}"),
              "t.json:1:77: $.parties[0].sources[0]: unknown source \"t\" (did you mean \"s\"?)", "cited sources must exist");
}

/* A repeated key keeps its last value, with a warning at it; in every
 * object, the top-level one included. */
static void duplicate_keys(void)
{
    collected c = { 0, 0, "" };
    pg_load_options opt = { .on_problem = collect, .userdata = &c };
    pg_error err;
    const char *json = "{\"title\": \"Old\", \"countries\": [{\"id\": \"VNM\", \"name\": \"V\"}],"
                       " \"parties\": [{\"id\": \"a\", \"name\": \"x\", \"country\": \"nowhere\", \"country\": \"VNM\"}],"
                       " \"title\": \"New\"}";
    pg_dataset *ds = pg_dataset_load_buffer(json, strlen(json), "t.json", &opt, &err);
    CHECK(ds != NULL && c.errors == 0 && c.warnings == 2, "repeated keys are warnings: the dataset loads");
    CHECK_STR(ds ? pg_dataset_title(ds) : NULL, "New", "the last title is kept");
    CHECK_STR(c.last, "t.json:1:149: $.title: warning: duplicate key \"title\": the last of its 2 values is kept",
              "the warning points at the value kept");
    pg_dataset_free(ds);
    c = (collected){ 0, 0, "" };
    json = "{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"name\": \"y\", \"name\": 3}]}";
    CHECK_STR(first_error(json), "t.json:1:60: $.parties[0].name: expected a string, got a number (3)",
              "the last of three values is the one read");
    json = "{\"parties\": [{\"id\": \"a b\", \"name\": \"x\"}], \"zz\": 1, \"parties\": [{\"id\": \"a\", \"name\": \"x\"},"
           " {\"id\": \"b\", \"name\": \"y\"}]}";
    ds = pg_dataset_load_buffer(json, strlen(json), "t.json", &opt, &err);
    CHECK(ds != NULL && pg_dataset_entity_count(ds) == 2,
          "a repeated top-level array replaces the first: its errors and its records go");
    pg_dataset_free(ds);
}

static void one_line_messages(void)
{
    CHECK_STR(first_error("{\"parties\": [{\"id\": \"a\\nb\", \"name\": \"x\"}]}"),
              "t.json:1:21: $.parties[0].id: \"a\\u000ab\" is not a valid id: use 1-200 letters or digits of any script and _ . - : "
              "(for example \"a_b\"); free text belongs in \"name\"",
              "control characters in names are escaped: a message is one line");
    const char *msg = first_error("{\"parties\": [{\"id\": \"a\", \"name\": \"x\", \"ruling\": "
                                  "\"\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d"
                                  "\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d"
                                  "\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\u4e2d\"}]}");
    CHECK(strstr(msg, "\xE4\xB8\xAD...\")") != NULL, "long values are cut after 40 characters, not bytes");
}

static void collecting(void)
{
    collected c = { 0, 0, "" };
    pg_load_options opt = { .max_errors = 0, .on_problem = collect, .userdata = &c };
    pg_error err;
    const char *json = "{\"partys\": [], \"parties\": [{\"id\": \"a\", \"name\": \"\"}, {\"id\": \"a\", \"name\": \"y\"}],"
                       " \"relations\": [{\"type\": \"contact\", \"source\": \"a\", \"target\": \"a\"},"
                       " {\"type\": \"x;y\", \"source\": \"a\", \"target\": \"zz\"}]}";
    pg_dataset *ds = pg_dataset_load_buffer(json, strlen(json), "t.json", &opt, &err);
    CHECK(ds == NULL && c.errors == 4 && c.warnings == 2, "max_errors 0 finds every error and warning");
    CHECK_STR(c.last, "t.json:1:186: $.relations[1].target: unknown id \"zz\"", "the last problem found");
    CHECK_STR(err.path, "$.parties[0].name", "err holds the first error's path");
    c = (collected){ 0, 0, "" };
    opt.max_errors = 2;
    ds = pg_dataset_load_buffer(json, strlen(json), "t.json", &opt, &err);
    CHECK(ds == NULL && c.errors == 2, "max_errors stops the search");
}

static void io_errors(void)
{
    pg_error err;
    CHECK(pg_dataset_load_file("/nonexistent/x.json", &err) == NULL && err.status == PG_EIO &&
              strcmp(err.message, "cannot open '/nonexistent/x.json': No such file or directory") == 0,
          "a missing file is an I/O error");
    CHECK(pg_dataset_load_file("/", &err) == NULL && err.status == PG_EIO &&
              strstr(err.message, "it is a directory") != NULL,
          "a directory is an I/O error");
}

void run_tests(void)
{
    accepted();
    syntax_errors();
    semantic_errors();
    duplicate_keys();
    one_line_messages();
    collecting();
    io_errors();
}
