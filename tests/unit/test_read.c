/* test_read.c - which format an input is taken for (pg_read_detect) and
 * the names --input-format takes. */
#include <string.h>

#include "harness.h"
#include "read.h"

static pg_input_format detect(const char *s)
{
    return pg_read_detect(s, strlen(s), true);
}

void run_tests(void)
{
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
    CHECK(pg_read_detect("{\"kind\": \"party\", \"id\"", 21, false) == PG_INPUT_PARTYGRAPH,
          "a cut-off first object with element keys is not taken for NDJSON");
    CHECK(detect("[1, 2]") == PG_INPUT_PARTYGRAPH && detect("") == PG_INPUT_PARTYGRAPH && detect("{}") == PG_INPUT_PARTYGRAPH,
          "anything else is left to the partygraph/1 loader");
    pg_input_format f = PG_INPUT_AUTO;
    CHECK(pg_input_format_parse("graphml", &f) == PG_OK && f == PG_INPUT_GRAPHML, "parses graphml");
    CHECK(pg_input_format_parse("xml", &f) == PG_EARG, "rejects an unknown name");
    CHECK_STR(pg_input_format_name(PG_INPUT_NDJSON), "ndjson", "names ndjson");
    CHECK(pg_input_format_name(PG_INPUT_COUNT) == NULL, "no name out of range");
}
