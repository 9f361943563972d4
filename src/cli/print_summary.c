/* print_summary.c - the readable summary `partygraph build` prints: what
 * the network holds, its directed ties, whether it is a star, who ranks first on the main
 * centralities, and which groups exist. Everything comes through the
 * public API; summary.json holds the same and more. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

enum { TOP = 10, SHOWN_COMMUNITIES = 10, MEMBERS_SHOWN = 4, LABEL_WIDTH = 44 };

/* Metrics with a top-10 table, and what each tells a reader. */
static const struct {
    const char *metric;
    const char *meaning;
} tables[] = {
    { "degree", "most distinct ties" },
    { "betweenness", "most shortest paths pass through them: brokers" },
    { "eigenvector", "tied to the best-tied" },
    { "pagerank", "most reached by random walks over weighted ties" },
    { "constraint", "lowest Burt constraint: open, brokering networks" },
};

static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints `s` in exactly `width` characters: padded, or cut with "...".
 * Only labels are cut: ids are always given room to be printed whole, so
 * that they can be pasted into `ego` and `path`. */
static void padded(const char *s, int width)
{
    int chars = utf8_chars(s);
    if (chars <= width) {
        printf("%s%*s", s, width - chars, "");
        return;
    }
    const char *p = s;
    for (int c = 0; *p; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80)
            continue;
        if (c++ == width - 3)
            break;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    fputs("...", stdout);
}

static void print_counts(const pg_graph *g, const pg_analysis_options *opt)
{
    const pg_dataset *ds = pg_graph_dataset(g);
    const char *title = pg_dataset_title(ds);
    size_t by_kind[PG_KIND_COUNT] = { 0 };
    for (size_t v = 0; v < pg_graph_node_count(g); v++)
        by_kind[pg_graph_node_kind(g, v)]++;
    printf("%s%s%s (%s view)\n\n", title, title[0] ? " - " : "", pg_dataset_file(ds), pg_view_name(pg_graph_view(g)));
    char kinds[256];
    cli_kind_counts(by_kind, kinds, sizeof kinds);
    printf("  nodes        %6zu  (%s)\n", pg_graph_node_count(g), kinds);
    printf("  edges        %6zu", pg_graph_edge_count(g));
    if (pg_graph_self_loops_dropped(g) > 0)
        printf("  (%zu self-loops dropped)", pg_graph_self_loops_dropped(g));
    if (pg_graph_undated_left_out(g) > 0)
        printf("\n  undated      %6zu  relations left out of the window (--undated keep keeps them)",
               pg_graph_undated_left_out(g));
    printf("\n  components   %6zu  (largest: %zu nodes)\n", pg_graph_component_count(g), pg_graph_largest_component(g));
    double q = pg_graph_modularity(g);
    char modularity[32] = "n/a (no edges)";
    if (!isnan(q))
        snprintf(modularity, sizeof modularity, "%.4f", q);
    printf("  communities  %6zu  (%s, modularity %s; seed %lu)\n", pg_graph_community_count(g),
           pg_cluster_name(opt->cluster), modularity, opt->seed);
}

/* The directed ties (a full view's: a projected one has no direction) and
 * their reciprocity; then the star warning, when the view is one. */
static void print_direction(const pg_graph *g)
{
    size_t arcs;
    double r = pg_graph_reciprocity(g, &arcs);
    if (pg_graph_view(g) == PG_VIEW_FULL && arcs > 0)
        printf("  arcs         %6zu  (directed ties; reciprocity %.4f)\n", arcs, r);
    else if (pg_graph_view(g) == PG_VIEW_FULL)
        printf("  arcs         %6zu  (no directed relation)\n", arcs);
    if (pg_graph_star_warning(g))
        printf("\nwarning: %s\n", pg_graph_star_warning(g));
}

static void print_table(const pg_graph *g, const char *metric, const char *meaning)
{
    size_t top[TOP];
    size_t n = pg_graph_top(g, metric, TOP, top);
    const double *values = pg_graph_metric(g, metric);
    int idw = 4;
    if (values == NULL)
        return; /* left out by --metrics */
    for (size_t i = 0; i < n; i++)
        if (utf8_chars(pg_graph_node_id(g, top[i])) > idw)
            idw = utf8_chars(pg_graph_node_id(g, top[i]));
    printf("\n%s: %s\n", metric, meaning);
    for (size_t i = 0; i < n; i++) {
        printf("  %2zu  ", i + 1);
        padded(pg_graph_node_id(g, top[i]), idw);
        fputs("  ", stdout);
        padded(pg_graph_node_label(g, top[i]), LABEL_WIDTH);
        printf("  %10.4g\n", values[top[i]]);
    }
}

/* Keeps the `MEMBERS_SHOWN` highest-PageRank members of each of the first
 * communities in `best` (rows of MEMBERS_SHOWN, -1 = empty). */
static void rank_members(const pg_graph *g, size_t shown, long *best)
{
    const long *community = pg_graph_communities(g);
    const double *pr = pg_graph_metric(g, "pagerank");
    for (size_t i = 0; i < shown * MEMBERS_SHOWN; i++)
        best[i] = -1;
    for (size_t v = 0; v < pg_graph_node_count(g); v++) {
        if ((size_t)community[v] >= shown)
            continue;
        long *row = best + (size_t)community[v] * MEMBERS_SHOWN;
        int at = MEMBERS_SHOWN;
        while (at > 0 && (row[at - 1] < 0 || (pr && pr[v] > pr[row[at - 1]]))) /* no pr: id order */
            at--;
        if (at == MEMBERS_SHOWN)
            continue;
        memmove(row + at + 1, row + at, (size_t)(MEMBERS_SHOWN - at - 1) * sizeof *row);
        row[at] = (long)v;
    }
}

static void print_communities(const pg_graph *g)
{
    size_t count = pg_graph_community_count(g);
    size_t shown = count < SHOWN_COMMUNITIES ? count : SHOWN_COMMUNITIES;
    long *best = malloc((shown ? shown : 1) * MEMBERS_SHOWN * sizeof *best);
    if (best == NULL)
        return;
    rank_members(g, shown, best);
    printf("\ncommunities (largest first; members by PageRank)\n");
    for (size_t c = 0; c < shown; c++) {
        printf("  %2zu  %4zu nodes: ", c, pg_graph_community_size(g, c));
        for (int k = 0; k < MEMBERS_SHOWN && best[c * MEMBERS_SHOWN + k] >= 0; k++) {
            fputs(k ? ", " : "", stdout);
            fputs(pg_graph_node_id(g, (size_t)best[c * MEMBERS_SHOWN + k]), stdout);
        }
        printf("%s\n", pg_graph_community_size(g, c) > MEMBERS_SHOWN ? ", ..." : "");
    }
    if (count > shown)
        printf("  ... and %zu smaller communities\n", count - shown);
    free(best);
}

void cli_print_wrote(const pg_graph *g, const char *dir, unsigned formats)
{
    size_t len = strlen(dir);
    printf("wrote %s%s:", dir, len > 0 && dir[len - 1] == '/' ? "" : "/");
    for (int f = 0; f < PG_FORMAT_COUNT; f++)
        if ((formats & (1u << f)) && pg_format_available(g, (pg_format)f))
            printf(" %s", pg_format_filename((pg_format)f));
    putchar('\n');
}

void cli_print_summary(const pg_graph *g, const pg_analysis_options *opt, const char *dir, unsigned formats)
{
    print_counts(g, opt);
    print_direction(g);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        print_table(g, tables[i].metric, tables[i].meaning);
    print_communities(g);
    if (dir == NULL)
        return;
    putchar('\n');
    cli_print_wrote(g, dir, formats);
}
