/* options.c - the command-line options, one table for every command: a
 * command accepts the groups of options it names, and its help lists
 * them from the same table. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef int setter(cli_args *a, const char *value, const char *cmd);

typedef struct cli_option {
    const char *name;
    int short_name;   /* 0: none */
    const char *arg;  /* NULL: a flag */
    unsigned groups;
    setter *set;
    const char *help;
} cli_option;

/* ---- values ------------------------------------------------------- */

static int bad(const char *cmd, const char *option, const char *value, const char *want)
{
    return cli_usage_error(cmd, "--%s must be %s, not '%s'", option, want, value);
}

static int long_value(const char *cmd, const char *option, const char *value, long min, long max, long *out)
{
    char want[96];
    snprintf(want, sizeof want, "an integer from %ld to %ld", min, max);
    return cli_parse_long(value, min, max, out) ? EXIT_OK : bad(cmd, option, value, want);
}

static int int_value(const char *cmd, const char *option, const char *value, long min, long max, int *out)
{
    long n;
    int rc = long_value(cmd, option, value, min, max, &n);
    if (rc == EXIT_OK)
        *out = (int)n;
    return rc;
}

/* A finite number > 0, or >= 0 when `zero` is allowed. */
static int number(const char *cmd, const char *option, const char *value, bool zero, double *out)
{
    double x;
    if (!cli_parse_double(value, &x) || x < 0 || (!zero && x == 0))
        return bad(cmd, option, value, zero ? "a number >= 0" : "a number > 0");
    *out = x;
    return EXIT_OK;
}

/* "3y" or "18m" as months. */
static int span(const char *cmd, const char *option, const char *value, int *months)
{
    char *end;
    long n = strtol(value, &end, 10);
    if (end == value || n < 1 || n > 12000 || (strcmp(end, "y") != 0 && strcmp(end, "m") != 0))
        return bad(cmd, option, value, "a number of years or months such as 1y or 6m");
    *months = (int)(strcmp(end, "y") == 0 ? n * 12 : n);
    return EXIT_OK;
}

static int kinds(const char *cmd, const char *value, unsigned *out)
{
    char list[256];
    snprintf(list, sizeof list, "%s", value);
    *out = 0;
    for (char *save, *k = strtok_r(list, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < PG_KIND_COUNT; i++)
            if (strcmp(k, pg_kind_name((pg_kind)i)) == 0)
                found = i;
        if (found < 0)
            return bad(cmd, "kinds", k, "a list of country, party, mechanism, event, person, node");
        *out |= 1u << found;
    }
    return EXIT_OK;
}

/* A byte count: digits and an optional K, M or G (times 1024, 1024^2,
 * 1024^3; lower case too), at most 2^60. */
static int bytes(const char *cmd, const char *option, const char *value, unsigned long long *out)
{
    static const char suffixes[] = "kmg";
    char *end = (char *)value;
    int shift = -1;
    errno = 0;
    unsigned long long n = isdigit((unsigned char)value[0]) ? strtoull(value, &end, 10) : 0;
    const char *suffix = *end ? strchr(suffixes, tolower((unsigned char)*end)) : NULL;
    if (end != value && errno == 0 && *end == '\0')
        shift = 0;
    else if (end != value && errno == 0 && suffix != NULL && end[1] == '\0')
        shift = 10 * (int)(suffix - suffixes + 1);
    if (shift < 0 || n > (1ULL << (60 - shift)))
        return bad(cmd, option, value, "a number of bytes such as 1000000, 500K, 64M or 16G (0: no limit)");
    *out = n << shift;
    return EXIT_OK;
}

static int push(const char **list, size_t *n, const char *value, const char *cmd, const char *option)
{
    if (*n >= CLI_MAX_LIST)
        return cli_usage_error(cmd, "--%s is given more than %d times", option, CLI_MAX_LIST);
    list[(*n)++] = value;
    return EXIT_OK;
}

/* Appends the items of comma list `value` to list[] (*n items so far):
 * the list is split where it stands (argv's strings are the program's to
 * change). An empty item, or more than CLI_MAX_ITEMS, is a usage error. */
static int push_items(const char **list, size_t *n, const char *value, const char *cmd, const char *option)
{
    size_t len = strlen(value);
    if (len == 0 || value[0] == ',' || value[len - 1] == ',' || strstr(value, ",,") != NULL)
        return bad(cmd, option, value, "a comma-separated list of ids, none empty");
    for (char *item = (char *)value, *comma; item != NULL; item = comma ? comma + 1 : NULL) {
        if ((comma = strchr(item, ',')) != NULL)
            *comma = '\0';
        if (*n >= CLI_MAX_ITEMS)
            return cli_usage_error(cmd, "--%s: more than %d ids in all", option, CLI_MAX_ITEMS);
        list[(*n)++] = item;
    }
    return EXIT_OK;
}

/* ---- setters ------------------------------------------------------ */

#define SETTER(fn) static int fn(cli_args *a, const char *v, const char *cmd)

SETTER(set_output) { (void)cmd; a->dir = v; return EXIT_OK; }
SETTER(set_graphml) { (void)cmd; a->graphml = v; return EXIT_OK; }
SETTER(set_dot) { (void)cmd; a->dot = v; return EXIT_OK; }
SETTER(set_nodelink) { (void)cmd; a->nodelink = v; return EXIT_OK; }
SETTER(set_cytoscape) { (void)cmd; a->cytoscape = v; return EXIT_OK; }
SETTER(set_quiet) { (void)cmd, (void)v; a->quiet = true; return EXIT_OK; }
SETTER(set_timings) { (void)cmd, (void)v; a->timings = true; return EXIT_OK; }
SETTER(set_progress) { (void)cmd, (void)v; a->progress = true; return EXIT_OK; }
SETTER(set_csv_raw) { (void)cmd, (void)v; a->analysis.csv_raw = 1; return EXIT_OK; }
SETTER(set_weighted) { (void)cmd, (void)v; a->analysis.weighted_paths = 1; return EXIT_OK; }
SETTER(set_dated_only) { (void)cmd, (void)v; a->view.dated_only = 1; return EXIT_OK; }
SETTER(set_giant) { (void)cmd, (void)v; a->view.giant = 1; return EXIT_OK; }
SETTER(set_from) { (void)cmd; a->view.from = v; return EXIT_OK; }
SETTER(set_to) { (void)cmd; a->view.to = v; return EXIT_OK; }
SETTER(set_group_by) { (void)cmd; a->analysis.group_by = v; return EXIT_OK; }
SETTER(set_where) { return push(a->where, &a->view.nwhere, v, cmd, "where"); }
SETTER(set_exclude) { return push_items(a->exclude, &a->view.nexclude, v, cmd, "exclude"); }
SETTER(set_exclude_types) { return push_items(a->exclude_types, &a->view.nexclude_types, v, cmd, "exclude-types"); }
SETTER(set_no_structural) { (void)cmd, (void)v; a->view.no_structural = 1; return EXIT_OK; }

SETTER(set_types)
{
    a->view.types = a->types;
    return push_items(a->types, &a->view.ntypes, v, cmd, "types");
}
SETTER(set_by) { return push(a->by, &a->analysis.nby, v, cmd, "by"); }
SETTER(set_kinds) { return kinds(cmd, v, &a->view.kinds); }
SETTER(set_window) { return span(cmd, "window", v, &a->window_months); }
SETTER(set_step) { return span(cmd, "step", v, &a->step_months); }

SETTER(set_formats)
{
    char name[64];
    if (cli_parse_formats(v, &a->formats, name))
        return EXIT_OK;
    char want[300];
    snprintf(want, sizeof want, "a list of %s", cli_format_names());
    return bad(cmd, "formats", name, want);
}

SETTER(set_nodelink_key)
{
    if (strcmp(v, "links") != 0 && strcmp(v, "edges") != 0)
        return bad(cmd, "nodelink-key", v, "links or edges");
    a->nodelink_format = strcmp(v, "links") == 0 ? PG_FORMAT_NODELINK : PG_FORMAT_NODELINK_EDGES;
    return EXIT_OK;
}

/* --format of render: pictures only. */
SETTER(set_format)
{
    char name[64];
    unsigned mask;
    if (!cli_parse_formats(v, &mask, name))
        return bad(cmd, "format", name, "a list of svg, png, pdf");
    if (mask & ~cli_picture_formats())
        return bad(cmd, "format", v, "a list of svg, png, pdf");
    a->formats = mask;
    return EXIT_OK;
}

SETTER(set_undated)
{
    if (strcmp(v, "omit") != 0 && strcmp(v, "keep") != 0)
        return bad(cmd, "undated", v, "omit or keep");
    a->view.undated_keep = strcmp(v, "keep") == 0;
    return EXIT_OK;
}

SETTER(set_input_format)
{
    return pg_input_format_parse(v, &a->input_format) == PG_OK
               ? EXIT_OK
               : bad(cmd, "input-format", v, "auto, partygraph, nodelink, jgf, popolo, ndjson, graphml, cyjs, gexf, gml, pajek or tables");
}

/* The separators of CSV and TSV tables, as the option names them (and
 * the characters themselves). */
static const struct {
    const char *name;
    char c;
} separators[] = { { "comma", ',' }, { "semicolon", ';' }, { "tab", '\t' }, { ",", ',' }, { ";", ';' } };

SETTER(set_separator)
{
    for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++)
        if (strcmp(v, separators[i].name) == 0)
            return a->separator = separators[i].c, EXIT_OK;
    return bad(cmd, "separator", v, "comma, semicolon or tab");
}

SETTER(set_max_input_bytes) { return bytes(cmd, "max-input-bytes", v, &a->max_input_bytes); }
SETTER(set_columns) { (void)cmd; a->columns = v; return EXIT_OK; }

SETTER(set_layout)
{
    return pg_layout_parse(v, &a->analysis.layout) == PG_OK ? EXIT_OK : bad(cmd, "layout", v, "auto, fr, drl, kk or none");
}

/* --size-by's bad value: the metrics it may be ("a, b or c"), and the
 * nearest. */
static int bad_size_by(const char *cmd, const char *v)
{
    const char *names[64], *const *all = pg_metric_names();
    char list[1024] = "";
    size_t n = 0, len = 0;
    for (size_t i = 0; all[i] != NULL && n < 64; i++)
        if (pg_metric_sizes_nodes(all[i]))
            names[n++] = all[i];
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(list + len, len < sizeof list ? sizeof list - len : 0, "%s%s",
                                i == 0 ? "" : i + 1 < n ? ", " : " or ", names[i]);
    const char *best = pg_suggest_nearest(v, names, n);
    if (best)
        return cli_usage_error(cmd, "--size-by must be %s, not '%s'; did you mean '%s'?", list, v, best);
    return bad(cmd, "size-by", v, list);
}

SETTER(set_size_by)
{
    a->analysis.size_by = v;
    return pg_metric_sizes_nodes(v) ? EXIT_OK : bad_size_by(cmd, v);
}

/* "top:N", "all" or "none". */
SETTER(set_labels)
{
    long n;
    if (strcmp(v, "all") == 0 || strcmp(v, "none") == 0) {
        a->analysis.label_top = strcmp(v, "all") == 0 ? -1 : 0;
        return EXIT_OK;
    }
    if (strncmp(v, "top:", 4) != 0 || !cli_parse_long(v + 4, 0, 1000000, &n))
        return bad(cmd, "labels", v, "top:N, all or none");
    a->analysis.label_top = (int)n;
    return EXIT_OK;
}

SETTER(set_view)
{
    return pg_view_parse(v, &a->view.view) == PG_OK ? EXIT_OK
                                                    : bad(cmd, "view", v, "full, parties, countries, mechanisms or persons");
}

SETTER(set_projection)
{
    return pg_projection_parse(v, &a->view.projection) == PG_OK ? EXIT_OK
                                                                : bad(cmd, "projection", v, "count, newman, jaccard or overlap");
}

SETTER(set_cluster)
{
    return pg_cluster_parse(v, &a->analysis.cluster) == PG_OK
               ? EXIT_OK
               : bad(cmd, "cluster", v, "leiden, louvain, walktrap, infomap, label-propagation, fastgreedy or edge-betweenness");
}

SETTER(set_resolution) { return number(cmd, "resolution", v, false, &a->analysis.resolution); }
SETTER(set_min_weight) { return number(cmd, "min-weight", v, true, &a->view.min_weight); }
SETTER(set_cutoff) { return number(cmd, "cutoff", v, false, &a->analysis.cutoff); }
SETTER(set_restarts)
{
    if (strcmp(v, "auto") == 0) {
        a->analysis.restarts = PG_RESTARTS_AUTO;
        return EXIT_OK;
    }
    return int_value(cmd, "restarts", v, 1, 100000, &a->analysis.restarts);
}
SETTER(set_runs) { return int_value(cmd, "runs", v, 1, 1000, &a->analysis.runs); }
SETTER(set_threads) { return int_value(cmd, "threads", v, 1, 64, &a->analysis.threads); }
SETTER(set_radius) { return int_value(cmd, "radius", v, 1, 100, &a->radius); }
SETTER(set_no_ego) { (void)cmd, (void)v; a->no_ego = true; return EXIT_OK; }

SETTER(set_seed)
{
    long n;
    int rc = long_value(cmd, "seed", v, 0, 2147483647L, &n);
    if (rc == EXIT_OK)
        a->analysis.seed = (unsigned long)n;
    return rc;
}

SETTER(set_samples) { return long_value(cmd, "betweenness-samples", v, 0, 1000000000L, &a->analysis.betweenness_samples); }
SETTER(set_closeness_samples) { return long_value(cmd, "closeness-samples", v, 0, 1000000000L, &a->analysis.closeness_samples); }
SETTER(set_jobs) { return int_value(cmd, "jobs", v, 1, 64, &a->analysis.jobs); }

SETTER(set_exact_limit)
{
    int rc = number(cmd, "exact-limit", v, false, &a->analysis.betweenness_limit);
    a->analysis.closeness_limit = a->analysis.betweenness_limit;
    return rc;
}

SETTER(set_metrics)
{
    pg_error err;
    a->analysis.metrics = v;
    return pg_metric_list_check(v, &err) == PG_OK ? EXIT_OK : cli_usage_error(cmd, "--metrics: %s", err.message);
}
SETTER(set_max_event_size) { return long_value(cmd, "max-event-size", v, 2, 1000000000L, &a->view.max_event_size); }
SETTER(set_min_shared) { return long_value(cmd, "min-shared", v, 1, 1000000000L, &a->view.min_shared); }
SETTER(set_k_core) { return long_value(cmd, "k-core", v, 1, 1000000000L, &a->view.k_core); }


/* ---- the table ------------------------------------------------------ */

static const cli_option table[] = {
    { "output", 'o', "DIR", CLI_OUTPUT, set_output, "output directory (default: partygraph-out; ego: partygraph-ego)" },
    { "output", 'o', "DIR", CLI_RENDER, set_output, "output directory (default: partygraph-render)" },
    { "format", 0, "LIST", CLI_RENDER, set_format, "what to draw into DIR: svg (the default), png, pdf" },
    { "graphml", 0, "FILE", CLI_OUTPUT, set_graphml, "write only the GraphML, to FILE (\"-\": stdout)" },
    { "dot", 0, "FILE", CLI_OUTPUT, set_dot, "write only the DOT, to FILE (\"-\": stdout)" },
    { "nodelink", 0, "FILE", CLI_OUTPUT, set_nodelink, "write only the node-link JSON, to FILE (\"-\": stdout)" },
    { "cytoscape", 0, "FILE", CLI_OUTPUT, set_cytoscape, "write only the Cytoscape.js JSON, to FILE (\"-\": stdout)" },
    { "input-format", 0, "FORMAT", CLI_VIEW | CLI_VALIDATE, set_input_format,
      "FILE is auto (default: detected), partygraph, nodelink, jgf, popolo, ndjson, graphml, cyjs, gexf, gml, pajek or tables" },
    { "separator", 0, "SEP", CLI_VIEW | CLI_VALIDATE, set_separator,
      "CSV/TSV tables are separated by SEP: comma (or ,), semicolon (or ;) or tab (default: detected)" },
    { "max-input-bytes", 0, "N", CLI_VIEW | CLI_VALIDATE, set_max_input_bytes,
      "refuse FILE past N bytes, gunzipped (K, M, G: x1024; default 16G; 0: no limit)" },
    { "columns", 0, "MAP", CLI_VIEW | CLI_VALIDATE, set_columns,
      "a participation log's columns by role, e.g. event=Meeting,date=Date,participant=Party" },
    { "view", 0, "VIEW", CLI_VIEW, set_view, "full (default), parties, countries, mechanisms or persons" },
    { "projection", 0, "W", CLI_VIEW, set_projection, "tie weights of projected views: count (default), newman, jaccard, overlap" },
    { "max-event-size", 0, "N", CLI_VIEW, set_max_event_size, "projections ignore events and mechanisms with more than N members" },
    { "min-shared", 0, "K", CLI_VIEW, set_min_shared, "projections drop ties of fewer than K shared affiliations" },
    { "from", 0, "DATE", CLI_VIEW, set_from, "keep relations and events from DATE on (YYYY[-MM[-DD]])" },
    { "to", 0, "DATE", CLI_VIEW, set_to, "keep relations and events up to DATE, inclusive" },
    { "dated-only", 0, NULL, CLI_VIEW, set_dated_only, "drop relations without a date" },
    { "undated", 0, "HOW", CLI_VIEW, set_undated, "in a window (--from, --to, --window): omit (default) or keep the undated relations" },
    { "kinds", 0, "LIST", CLI_VIEW, set_kinds, "keep nodes of these kinds, e.g. party,event" },
    { "where", 0, "ATTR=VALUE", CLI_VIEW, set_where, "keep nodes with this attribute value (repeatable)" },
    { "exclude", 0, "IDS", CLI_VIEW, set_exclude, "leave out these entities and all their ties, e.g. cpc (comma list, repeatable)" },
    { "types", 0, "TYPES", CLI_VIEW, set_types, "only relations of these types make the network, e.g. attended,contact" },
    { "exclude-types", 0, "TYPES", CLI_VIEW, set_exclude_types, "leave out relations of these types" },
    { "no-structural", 0, NULL, CLI_VIEW, set_no_structural, "leave out the structural ties (based_in, held_in, part_of, belongs_to)" },
    { "min-weight", 0, "W", CLI_VIEW, set_min_weight, "drop edges lighter than W" },
    { "giant", 0, NULL, CLI_VIEW, set_giant, "keep the largest connected component only" },
    { "k-core", 0, "K", CLI_VIEW, set_k_core, "keep the K-core only" },
    { "weighted", 0, NULL, CLI_ANALYSIS | CLI_PATH, set_weighted, "path lengths are 1/weight (default: hops)" },
    { "cluster", 0, "ALG", CLI_ANALYSIS, set_cluster, "leiden (default), louvain, walktrap, infomap, label-propagation, fastgreedy, edge-betweenness" },
    { "resolution", 0, "R", CLI_ANALYSIS, set_resolution, "modularity resolution for louvain and leiden (default 1)" },
    { "restarts", 0, "N", CLI_ANALYSIS, set_restarts, "seeded runs, the best modularity kept, or auto (default: 10 up to 100,000 edges, fewer above)" },
    { "seed", 0, "N", CLI_ANALYSIS, set_seed, "first random seed (default 42)" },
    { "runs", 0, "N", CLI_ANALYSIS, set_runs, "repeat community detection N times: stability, NMI, VI, consensus" },
    { "by", 0, "ATTR", CLI_ANALYSIS, set_by, "also report homophily of this attribute (repeatable)" },
    { "group-by", 0, "ATTR", CLI_ANALYSIS, set_group_by, "groups of the brokerage roles (default: region)" },
    { "metrics", 0, "LIST", CLI_ANALYSIS, set_metrics, "compute and write only these metrics, e.g. degree,pagerank (default: all)" },
    { "betweenness-samples", 0, "K", CLI_ANALYSIS, set_samples, "estimate betweenness from K sampled sources (0: exact; default: automatic)" },
    { "closeness-samples", 0, "K", CLI_ANALYSIS, set_closeness_samples, "estimate closeness and harmonic from K sampled sources (0: exact; default: automatic)" },
    { "exact-limit", 0, "N", CLI_ANALYSIS, set_exact_limit, "sample path metrics automatically when nodes x edges > N (default: 2.5e9 for betweenness, 1.2e10 for closeness and harmonic, and for betweenness by hops beside them)" },
    { "jobs", 0, "N", CLI_ANALYSIS, set_jobs, "processes for weighted or sampled betweenness, the layout and community restarts (default: one per CPU; 1: none; same results)" },
    { "cutoff", 0, "L", CLI_ANALYSIS, set_cutoff, "betweenness over paths no longer than L" },
    { "threads", 0, "N", CLI_ANALYSIS, set_threads, "threads for the distance pass and exact betweenness by hops (default: one per CPU; same results)" },
    { "window", 0, "SPAN", CLI_PERIODS, set_window, "also analyse windows of SPAN (e.g. 1y, 6m): metrics_by_period.csv" },
    { "step", 0, "SPAN", CLI_PERIODS, set_step, "windows start every SPAN (default: the window)" },
    { "radius", 0, "K", CLI_EGO, set_radius, "hops from the ego (default 1)" },
    { "no-ego", 0, NULL, CLI_EGO, set_no_ego, "leave the ego out once the network is cut: the alters among themselves (no ego report)" },
    { "formats", 0, "LIST", CLI_OUTPUT, set_formats, "what to write into DIR: graphml,dot,csv,json,timeline,claims (the default), gexf, nodelink, cytoscape, html, svg, png, pdf" },
    { "csv-raw", 0, NULL, CLI_OUTPUT, set_csv_raw, "CSV cells hold text from the data exactly (default: an apostrophe before what a spreadsheet would run as a formula)" },
    { "nodelink-key", 0, "KEY", CLI_OUTPUT, set_nodelink_key, "node-link JSON: the links under \"links\" (default) or \"edges\"" },
    { "layout", 0, "L", CLI_ANALYSIS, set_layout, "node positions: auto (default: fr, when an output uses them), fr, drl, kk, none" },
    { "size-by", 0, "METRIC", CLI_ANALYSIS, set_size_by, "node sizes in the pictures follow METRIC (default pagerank)" },
    { "labels", 0, "top:N", CLI_ANALYSIS, set_labels, "pictures and graph.dot label the N largest nodes (default top:30; all, none)" },
    { "timings", 0, NULL, CLI_OUTPUT | CLI_RENDER, set_timings, "print each stage's time on stderr (and into DIR/summary.json)" },
    { "progress", 0, NULL, CLI_OUTPUT | CLI_RENDER, set_progress, "show progress on stderr even when it is not a terminal, every stage's bar" },
    { "quiet", 'q', NULL, CLI_OUTPUT | CLI_VALIDATE | CLI_RENDER, set_quiet, "write the files but print nothing on success (problems still go to stderr)" },
};

enum { NOPTIONS = sizeof table / sizeof table[0] };

void cli_print_options(FILE *f, unsigned groups)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        const cli_option *o = &table[i];
        char left[64], arg[24] = "";
        if (!(o->groups & groups))
            continue;
        if (o->arg)
            snprintf(arg, sizeof arg, " %s", o->arg);
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s", o->short_name, o->name, arg);
        else
            snprintf(left, sizeof left, "    --%s%s", o->name, arg);
        fprintf(f, "  %-30s %s\n", left, o->help);
    }
    fprintf(f, "  %-30s %s\n", "-h, --help", "this help");
}

/* getopt_long's options for `groups`, and the short option string. */
static void build_getopt(unsigned groups, struct option *longopts, char *shortopts)
{
    size_t n = 0;
    char *s = shortopts;
    *s++ = ':';
    for (size_t i = 0; i < NOPTIONS; i++) {
        if (!(table[i].groups & groups))
            continue;
        longopts[n++] = (struct option){ table[i].name, table[i].arg ? required_argument : no_argument, NULL, (int)(i + 256) };
        if (table[i].short_name) {
            *s++ = (char)table[i].short_name;
            if (table[i].arg)
                *s++ = ':';
        }
    }
    longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
    longopts[n] = (struct option){ NULL, 0, NULL, 0 };
    strcpy(s, "h");
}

/* The table entry of option `c` (a short option of `groups`, or 256 + the
 * entry), or -1. */
static int option_of(int c, unsigned groups)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (table[i].short_name && table[i].short_name == c && (table[i].groups & groups))
            return (int)i;
    return c >= 256 ? c - 256 : -1;
}

/* ---- unknown options ------------------------------------------------ */

/* The length of the name in "--NAME" or "--NAME=VALUE" (after the dashes). */
static size_t name_length(const char *word)
{
    return strcspn(word + 2, "=");
}

/* How many of `longopts` begin with the `len` bytes of `name`, listed
 * into `list` ("--a, --b"); *one is the last. */
static size_t prefixed(const struct option *longopts, const char *name, size_t len, char *list, size_t size,
                       const char **one)
{
    size_t n = 0, used = 0;
    list[0] = '\0';
    for (const struct option *o = longopts; o->name != NULL; o++)
        if (strncmp(o->name, name, len) == 0) {
            used += (size_t)snprintf(list + used, used < size ? size - used : 0, "%s--%s", n ? ", " : "", o->name);
            *one = o->name;
            n++;
        }
    return n;
}

/* The long option nearest to the `len` bytes of `name`, or NULL. */
static const char *nearest(const struct option *longopts, const char *name, size_t len)
{
    char word[128];
    const char *names[NOPTIONS + 2];
    size_t n = 0;
    snprintf(word, sizeof word, "%.*s", (int)len, name);
    for (const struct option *o = longopts; o->name != NULL; o++)
        names[n++] = o->name;
    return pg_suggest_nearest(word, names, n);
}

/* "unknown option '--NAME'" for `word`, which is not an option's name in
 * full: the options it begins when there are several, else the one it
 * begins or the nearest one. Returns EXIT_USAGE. */
static int unknown_long(const char *cmd, const struct option *longopts, const char *word)
{
    char list[1024];
    const char *name = word + 2, *best = NULL;
    int len = (int)name_length(word);
    size_t n = len ? prefixed(longopts, name, (size_t)len, list, sizeof list, &best) : 0;
    if (n > 1)
        return cli_usage_error(cmd, "ambiguous option '--%.*s': %s (options are spelt in full)", len, name, list);
    if (n == 0)
        best = nearest(longopts, name, (size_t)len);
    if (best)
        return cli_usage_error(cmd, "unknown option '--%.*s'; did you mean '--%s'?", len, name, best);
    return cli_usage_error(cmd, "unknown option '--%.*s'", len, name);
}

/* The word of the long option getopt_long just returned: the one before
 * its value when the value was the next word. */
static const char *long_word(char **argv)
{
    return optarg != NULL && optarg == argv[optind - 1] ? argv[optind - 2] : argv[optind - 1];
}

/* Was long option `li` (-1: a short one) spelt in full? */
static bool spelt_in_full(const struct option *longopts, int li, const char *word)
{
    return li < 0 || (name_length(word) == strlen(longopts[li].name) && word[0] == '-' && word[1] == '-');
}

/* Is the word getopt_long just rejected a long option ("--NAME")? */
static bool rejected_long(int c, char **argv)
{
    const char *word = argv[optind - 1];
    return c == '?' && optopt == 0 && word[0] == '-' && word[1] == '-' && word[2] != '\0';
}

void cli_args_init(cli_args *a)
{
    *a = (cli_args){ .view = PG_VIEW_OPTIONS_INIT, .analysis = PG_ANALYSIS_OPTIONS_INIT, .dir = "partygraph-out",
                     .radius = 1, .formats = cli_default_formats(), .always = 1u << PG_FORMAT_SUMMARY,
                     .nodelink_format = PG_FORMAT_NODELINK, .max_input_bytes = PG_MAX_INPUT_BYTES };
    a->view.where = a->where;
    a->view.exclude = a->exclude;
    a->view.exclude_types = a->exclude_types;
    a->analysis.by = a->by;
}

int cli_parse(int argc, char **argv, unsigned groups, const char *usage, cli_args *a)
{
    struct option longopts[NOPTIONS + 2];
    char shortopts[2 * NOPTIONS + 4];
    const char *cmd = argv[0];
    int c, rc;
    build_getopt(groups, longopts, shortopts);
    opterr = 0;
    for (int li = -1; (c = getopt_long(argc, argv, shortopts, longopts, &li)) != -1; li = -1) {
        if (li >= 0 && c != '?' && c != ':' && !spelt_in_full(longopts, li, long_word(argv)))
            return unknown_long(cmd, longopts, long_word(argv));
        if (rejected_long(c, argv))
            return unknown_long(cmd, longopts, argv[optind - 1]);
        if (c == 'h') {
            fputs(usage, stdout);
            cli_print_options(stdout, groups);
            return CLI_HELP_SHOWN;
        }
        int i = c == '?' || c == ':' ? -1 : option_of(c, groups);
        if (i < 0)
            return cli_bad_option(cmd, c, argv);
        if ((rc = table[i].set(a, optarg, cmd)) != EXIT_OK)
            return rc;
    }
    a->positional = argv + optind;
    a->npositional = argc - optind;
    if (a->window_months && !a->step_months)
        a->step_months = a->window_months;
    if (a->step_months && !a->window_months)
        return cli_usage_error(cmd, "--step needs --window");
    return EXIT_OK;
}
