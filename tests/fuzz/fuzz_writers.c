/* fuzz_writers.c - libFuzzer harness: every text writer on whatever
 * dataset the fuzzer's bytes load into. Load (any format), build the
 * full view, analyse cheaply (the degree only, one Louvain run, no
 * layout, no worker process), then write each text format into memory and
 * read it back with a parser that is not ours:
 *
 *   GraphML, GEXF              well-formed XML (libxml2, xmlReadMemory)
 *   summary, node-link (both
 *   keys), Cytoscape JSON      one JSON value and nothing after it (cJSON)
 *   DOT                        parses (Graphviz's cgraph, agmemread), one
 *                              node per graph node
 *   nodes.csv, edges.csv       RFC 4180: quotes closed, every record as
 *                              many fields as the header
 *   report.html                its SVG well-formed XML, its pg-data JSON
 *                              parses and is the first "</script" after it
 *   ego.json                   JSON, as above; ego.txt is only written
 *   graph.svg (Graphviz)       well-formed XML
 *   graph.png, graph.pdf       PNG's signature; PDF's header and %%EOF
 *
 * The same again for the ego network (radius 1) of the first node, which
 * alone has the ego formats.
 * Any failure prints what broke and the output, then aborts, so that the
 * fuzzer reports it. Inputs that do not load are done at once. The
 * periods (metrics_by_period.csv) are left out: their analyses per
 * window would make an execution slow. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "partygraph.h"

typedef enum check { XML, JSON, DOT, CSV, HTML, TEXT, PNG, PDF } check;

static const struct {
    pg_format format;
    check check;
} outputs[] = {
    { PG_FORMAT_GRAPHML, XML },  { PG_FORMAT_GEXF, XML },     { PG_FORMAT_SUMMARY, JSON },
    { PG_FORMAT_NODELINK, JSON }, { PG_FORMAT_NODELINK_EDGES, JSON }, { PG_FORMAT_CYTOSCAPE, JSON },
    { PG_FORMAT_DOT, DOT },      { PG_FORMAT_NODES_CSV, CSV }, { PG_FORMAT_EDGES_CSV, CSV },
    { PG_FORMAT_HTML, HTML },    { PG_FORMAT_EGO, JSON },     { PG_FORMAT_EGO_TEXT, TEXT },
    { PG_FORMAT_SVG, XML },      { PG_FORMAT_PNG, PNG },      { PG_FORMAT_PDF, PDF },
};

enum { NOUTPUTS = sizeof outputs / sizeof outputs[0] };

static void broken(pg_format f, const char *what, const char *text)
{
    fprintf(stderr, "fuzz_writers: %s: %s\n--- output:\n%.6000s\n", pg_format_filename(f), what, text);
    abort();
}

static bool xml_ok(const char *text, size_t len)
{
    xmlDocPtr doc = xmlReadMemory(text, (int)len, "fuzz.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                      XML_PARSE_NOWARNING);
    xmlFreeDoc(doc);
    return doc != NULL;
}

/* One JSON value, then only white space. */
static bool json_ok(const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    cJSON_Delete(v);
    if (v == NULL)
        return false;
    for (; end < text + len; end++)
        if (strchr(" \t\r\n", *end) == NULL)
            return false;
    return true;
}

/* Parses with cgraph; true when it does and has `nodes` nodes. */
static bool dot_ok(const char *text, size_t nodes)
{
    Agraph_t *g = agmemread(text);
    bool ok = g != NULL && (size_t)agnnodes(g) == nodes;
    if (g != NULL)
        agclose(g);
    return ok;
}

/* Reads one RFC 4180 field at *s; returns false when a quote is
 * unbalanced or misplaced. Leaves *s at the ',', '\n' or NUL after it. */
static bool csv_field(const char **s)
{
    const char *p = *s;
    if (*p == '"') {
        for (p++;; p++) {
            if (*p == '\0')
                return false;
            if (*p == '"' && p[1] == '"')
                p++;
            else if (*p == '"')
                break;
        }
        p++;
    } else {
        p += strcspn(p, ",\n\"");
        if (*p == '"')
            return false;
    }
    *s = p;
    return *p == ',' || *p == '\n' || *p == '\0';
}

/* Every record ends in a line feed and has as many fields as the first. */
static bool csv_ok(const char *text)
{
    long want = -1;
    for (const char *s = text; *s;) {
        long fields = 1;
        while (csv_field(&s) && *s == ',') {
            s++;
            fields++;
        }
        if (*s != '\n' || (want >= 0 && fields != want))
            return false;
        want = fields;
        s++;
    }
    return want > 0;
}

/* The report's SVG is XML and its data JSON, ended by the first </script. */
static bool html_ok(const char *text)
{
    static const char data_tag[] = "<script type=\"application/json\" id=\"pg-data\">";
    const char *svg = strstr(text, "<svg"), *svg_end = svg ? strstr(svg, "</svg>") : NULL;
    const char *data = strstr(text, data_tag), *data_end = data ? strstr(data, "</script") : NULL;
    if (svg_end == NULL || data_end == NULL)
        return false;
    data += sizeof data_tag - 1;
    return xml_ok(svg, (size_t)(svg_end - svg) + 6) && json_ok(data, (size_t)(data_end - data));
}

/* A picture in the binary format `c`: its signature, and for PDF the
 * %%EOF marker among the last bytes. */
static bool picture_ok(check c, const char *text, size_t len)
{
    if (c == PNG)
        return len > 8 && memcmp(text, "\x89PNG\r\n\x1a\n", 8) == 0;
    if (len < 16 || memcmp(text, "%PDF-", 5) != 0)
        return false;
    for (size_t i = len - 16; i + 5 <= len; i++)
        if (memcmp(text + i, "%%EOF", 5) == 0)
            return true;
    return false;
}

/* Writes `g` as output `i` into memory and checks it. */
static void write_and_check(const pg_graph *g, size_t i)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pg_error err;
    if (f == NULL)
        abort();
    pg_status st = pg_write(g, outputs[i].format, f, &err);
    if (fclose(f) != 0)
        abort();
    if (st != PG_OK)
        broken(outputs[i].format, err.message, text);
    check c = outputs[i].check;
    if ((c == XML && !xml_ok(text, len)) || (c == JSON && !json_ok(text, len)) ||
        (c == DOT && !dot_ok(text, pg_graph_node_count(g))) || (c == CSV && !csv_ok(text)) ||
        (c == HTML && !html_ok(text)) || ((c == PNG || c == PDF) && !picture_ok(c, text, len)))
        broken(outputs[i].format, "a parser refuses it", text);
    free(text);
}

/* Analyses `g` cheaply and writes every output it has: all but the ego
 * formats, which an ego network (`ego`) has too. */
static void analyse_and_write(pg_graph *g, bool ego)
{
    pg_analysis_options ao = PG_ANALYSIS_OPTIONS_INIT;
    ao.restarts = 1;
    ao.threads = 1;
    ao.jobs = 1;
    ao.layout = PG_LAYOUT_NONE;
    ao.metrics = "degree";
    ao.size_by = "degree";
    pg_error err;
    if (pg_graph_analyse(g, &ao, &err) != PG_OK) {
        fprintf(stderr, "fuzz_writers: a graph does not analyse: %s\n", err.message);
        abort();
    }
    for (size_t i = 0; i < NOUTPUTS; i++) {
        bool want = ego || (outputs[i].format != PG_FORMAT_EGO && outputs[i].format != PG_FORMAT_EGO_TEXT);
        if (pg_format_available(g, outputs[i].format) != want)
            broken(outputs[i].format, want ? "not available" : "available", "");
        if (want)
            write_and_check(g, i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pg_load_options lo = PG_LOAD_OPTIONS_INIT;
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer((const char *)data, size, "fuzz.json", &lo, &err);
    pg_graph *g = ds ? pg_graph_build(ds, &err) : NULL;
    if (ds != NULL && g == NULL) {
        fprintf(stderr, "fuzz_writers: a loaded dataset does not build: %s\n", err.message);
        abort();
    }
    if (g != NULL)
        analyse_and_write(g, false);
    pg_graph *ego = g && pg_graph_node_count(g) > 0 ? pg_graph_ego(g, pg_graph_node_id(g, 0), 1, &err) : NULL;
    if (g != NULL && pg_graph_node_count(g) > 0 && ego == NULL) {
        fprintf(stderr, "fuzz_writers: no ego network: %s\n", err.message);
        abort();
    }
    if (ego != NULL)
        analyse_and_write(ego, true);
    pg_graph_free(ego);
    pg_graph_free(g);
    pg_dataset_free(ds);
    return 0;
}
