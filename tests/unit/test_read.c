/* test_read.c - which format an input is taken for (pg_detect_format), the
 * names --input-format takes, and foreign buffers through the library's
 * pg_dataset_load_buffer: counts, format, SHA-256 (from Python's hashlib),
 * where problems are. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "input/detect.h"
#include "input/reader.h"

static pg_input_format detect(const char *s)
{
    return pg_detect_format(s, strlen(s));
}

static const char NDJSON[] = "{\"kind\": \"party\", \"id\": \"a\", \"name\": \"A\"}\n"
                            "{\"type\": \"contact\", \"source\": \"a\", \"target\": \"b\"}\n"
                            "{\"kind\": \"party\", \"id\": \"b\", \"name\": \"B\"}\n";

static void library(void)
{
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(NDJSON, sizeof NDJSON - 1, "lines", NULL, &err);
    CHECK(ds && pg_dataset_entity_count(ds) == 2 && pg_dataset_relation_count(ds) == 1 &&
              pg_dataset_input_format(ds) == PG_INPUT_NDJSON,
          "an NDJSON buffer: two entities, a relation before its target");
    CHECK_STR(ds ? pg_dataset_sha256(ds) : NULL, "a7e1f97c73dd657b220b0a9656d1ff3d5f8f7fd914aade82ce394e3ebcaa00f4",
              "its SHA-256 is the input's");
    pg_dataset_free(ds);
    static const char graphml[] = "<graphml>\n<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"b\"/>\n"
                                  "</graph>\n</graphml>\n";
    test_problems s = { 0 };
    pg_load_options opt = { .max_errors = 0, .on_problem = test_collect_problem, .userdata = &s };
    ds = pg_dataset_load_buffer(graphml, sizeof graphml - 1, "g", &opt, &err);
    char line[1024];
    CHECK(ds == NULL && err.status == PG_EINVALID && s.count == 1, "GraphML: an edge to an unknown node fails");
    CHECK_STR(pg_error_format(&err, line, sizeof line), "g:4: graphml/graph/edge[0]/target: unknown node \"b\"",
              "the error has the line and the GraphML path");
    opt.input_format = PG_INPUT_PARTYGRAPH;
    ds = pg_dataset_load_buffer(NDJSON, sizeof NDJSON - 1, "lines", &opt, &err);
    CHECK(ds == NULL && err.line == 2 && err.column == 1, "forced partygraph/1: NDJSON is trailing data at 2:1");
}

void run_tests(void)
{
    library();
    CHECK(detect("<?xml version=\"1.0\"?><graphml/>") == PG_INPUT_GRAPHML, "an XML declaration is GraphML");
    CHECK(detect("\xEF\xBB\xBF \n<graphml>") == PG_INPUT_GRAPHML, "markup after a BOM and spaces is GraphML");
    CHECK(detect("{\"format\": \"partygraph/1\", \"parties\": []}") == PG_INPUT_PARTYGRAPH, "partygraph/1 keys");
    CHECK(detect("{\"title\": \"x\", \"events\": [], \"relations\": []}") == PG_INPUT_PARTYGRAPH,
          "shared keys do not decide; relations does");
    CHECK(detect("{\"directed\": false, \"multigraph\": false, \"graph\": {}, \"nodes\": []}") == PG_INPUT_NODELINK,
          "node-link: a graph object without nodes is NetworkX's graph attributes");
    CHECK(detect("{\"graph\": {\"name\": \"g\"}, \"edges\": []}") == PG_INPUT_NODELINK, "node-link with edges");
    CHECK(detect("{\"graph\": {\"label\": \"x\", \"nodes\": {}}}") == PG_INPUT_JGF, "JGF: graph.nodes");
    CHECK(detect("{\"graph\": {\"metadata\": {\"a\": [1, {\"b\": \"}\"}]}, \"edges\": []}}") == PG_INPUT_JGF,
          "JGF found past nested values and a brace in a string");
    CHECK(detect("{\"graphs\": [{}]}") == PG_INPUT_JGF, "JGF: graphs");
    CHECK(detect("{\"events\": [], \"organizations\": []}") == PG_INPUT_POPOLO, "Popolo: organizations");
    CHECK(detect("{\"kind\": \"party\", \"id\": \"a\", \"name\": \"A\"}\n{\"type\": \"contact\"}\n") == PG_INPUT_NDJSON,
          "NDJSON: one object after another");
    CHECK(detect("{\"format\": \"partygraph/1\"}\n{\"kind\": \"party\"}") == PG_INPUT_NDJSON,
          "NDJSON with a header line: two objects decide before the keys");
    CHECK(detect("{\"kind\": \"party\", \"id\": \"a\", \"name\": \"A\"}") == PG_INPUT_NDJSON,
          "a single entity line is NDJSON");
    CHECK(pg_detect_format("{\"kind\": \"party\", \"id\"", 21) == PG_INPUT_NDJSON,
          "a first object with element keys that runs past the bytes looked at is NDJSON (a long first line)");
    CHECK(detect("{\"kind\": \"party\", \"id\": \"a\"} x") == PG_INPUT_PARTYGRAPH,
          "one with other text after it is left to the partygraph/1 loader");
    CHECK(detect("[1, 2]") == PG_INPUT_PARTYGRAPH && detect("") == PG_INPUT_PARTYGRAPH && detect("{}") == PG_INPUT_PARTYGRAPH,
          "anything else is left to the partygraph/1 loader");
    pg_input_format f = PG_INPUT_AUTO;
    CHECK(pg_input_format_parse("graphml", &f) == PG_OK && f == PG_INPUT_GRAPHML, "parses graphml");
    CHECK(pg_input_format_parse("xml", &f) == PG_EARG, "rejects an unknown name");
    CHECK_STR(pg_input_format_name(PG_INPUT_NDJSON), "ndjson", "names ndjson");
    CHECK(pg_input_format_name(PG_INPUT_COUNT) == NULL, "no name out of range");
}
