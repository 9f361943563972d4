/* write.c - pg_write: one table from format to file name and writer. */
#include "write.h"

#include <errno.h>
#include <math.h>

#include "error.h"
#include "fmt.h"

typedef struct writer {
    const char *filename;
    pg_writer_fn *fn;
} writer;

static const writer writers[PG_FORMAT_COUNT] = {
    [PG_FORMAT_GRAPHML] = { "graph.graphml", pg_write_graphml },
    [PG_FORMAT_DOT] = { "graph.dot", pg_write_dot },
    [PG_FORMAT_NODES_CSV] = { "nodes.csv", pg_write_nodes_csv },
    [PG_FORMAT_EDGES_CSV] = { "edges.csv", pg_write_edges_csv },
    [PG_FORMAT_SUMMARY] = { "summary.json", pg_write_summary },
};

const char *pg_format_filename(pg_format f)
{
    return (unsigned)f < PG_FORMAT_COUNT ? writers[f].filename : NULL;
}

pg_status pg_write(const pg_graph *g, pg_format f, FILE *out, pg_error *err)
{
    if ((unsigned)f >= PG_FORMAT_COUNT)
        return pg_error_set(err, PG_EARG, "unknown output format %d", (int)f);
    if (!g->analysed)
        return pg_error_set(err, PG_EARG, "the graph must be analysed before it is written");
    errno = 0;
    writers[f].fn(g, out);
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write %s", writers[f].filename);
    pg_error_clear(err);
    return PG_OK;
}

const char *pg_metric_text(const pg_graph *g, int m, size_t v, char buf[32])
{
    double x = VECTOR(g->metric[m])[v];
    if (!isfinite(x))
        return NULL;
    if (pg_metric_table()[m].integer) {
        snprintf(buf, 32, "%ld", (long)x);
        return buf;
    }
    return pg_fmt_double(x, buf);
}

void pg_write_provenance(const pg_graph *g, FILE *f)
{
    fprintf(f, "partygraph %s, full view, input sha256 %s", PG_VERSION, g->ds->sha256);
}
