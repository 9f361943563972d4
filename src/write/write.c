/* write.c - pg_write: one table from format to file name and writer. */
#define _POSIX_C_SOURCE 200809L
#include "write/write.h"

#include <errno.h>

#include "base/error.h"
#include "render/render.h"

typedef struct writer {
    const char *filename;
    pg_writer_fn *fn;
    pg_checked_writer_fn *checked; /* instead of fn */
} writer;

static const writer writers[PG_FORMAT_COUNT] = {
    [PG_FORMAT_GRAPHML] = { "graph.graphml", pg_write_graphml },
    [PG_FORMAT_DOT] = { "graph.dot", pg_write_dot },
    [PG_FORMAT_NODES_CSV] = { "nodes.csv", pg_write_nodes_csv },
    [PG_FORMAT_EDGES_CSV] = { "edges.csv", pg_write_edges_csv },
    [PG_FORMAT_SUMMARY] = { "summary.json", pg_write_summary },
    [PG_FORMAT_PERIODS] = { "metrics_by_period.csv", pg_write_periods },
    [PG_FORMAT_EGO] = { "ego.json", pg_write_ego_json },
    [PG_FORMAT_EGO_TEXT] = { "ego.txt", pg_write_ego_text },
    [PG_FORMAT_GEXF] = { "graph.gexf", pg_write_gexf },
    [PG_FORMAT_NODELINK] = { "graph.nodelink.json", pg_write_nodelink },
    [PG_FORMAT_NODELINK_EDGES] = { "graph.nodelink.json", pg_write_nodelink_edges },
    [PG_FORMAT_CYTOSCAPE] = { "graph.cyjs", pg_write_cytoscape },
    [PG_FORMAT_HTML] = { "report.html", pg_write_html },
    [PG_FORMAT_SVG] = { "graph.svg", NULL, pg_write_svg },
    [PG_FORMAT_PNG] = { "graph.png", NULL, pg_write_png },
    [PG_FORMAT_PDF] = { "graph.pdf", NULL, pg_write_pdf },
    [PG_FORMAT_TIMELINE] = { "timeline.csv", pg_write_timeline },
    [PG_FORMAT_CLAIMS] = { "claims.csv", pg_write_claims },
};

const char *pg_format_filename(pg_format f)
{
    return (unsigned)f < PG_FORMAT_COUNT ? writers[f].filename : NULL;
}

int pg_format_available(const pg_graph *g, pg_format f)
{
    if ((unsigned)f >= PG_FORMAT_COUNT || !g->analysed)
        return 0;
    if (f == PG_FORMAT_PERIODS)
        return g->periods != NULL;
    if (f == PG_FORMAT_EGO || f == PG_FORMAT_EGO_TEXT)
        return g->ego >= 0;
    if (f == PG_FORMAT_TIMELINE || f == PG_FORMAT_CLAIMS)
        return !pg_graph_is_cut(g); /* the dataset's record, written with a view, not an ego network */
    return 1;
}

pg_status pg_write(const pg_graph *g, pg_format f, FILE *out, pg_error *err)
{
    pg_status st;
    if ((unsigned)f >= PG_FORMAT_COUNT)
        return pg_error_set(err, PG_EARG, "unknown output format %d", (int)f);
    if (!pg_format_available(g, f))
        return pg_error_set(err, PG_EARG, "%s cannot be written: %s", writers[f].filename,
                            !g->analysed ? "the graph is not analysed" : "it was not computed for this graph");
    errno = 0;
    if (writers[f].checked != NULL) {
        if ((st = writers[f].checked(g, out, err)) != PG_OK)
            return st;
    } else {
        flockfile(out); /* one lock for the whole file, not one per fputs */
        writers[f].fn(g, out);
        funlockfile(out);
        if (errno == ENOMEM)
            return pg_error_set(err, PG_ENOMEM, "out of memory writing %s", writers[f].filename);
    }
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write %s", writers[f].filename);
    pg_error_clear(err);
    return PG_OK;
}
