/* run.c - the steps the analysing commands share: load, build the view,
 * analyse (and the periods), write the outputs (timing each file); each
 * prints its own errors and hands back an exit code. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

pg_load_options cli_load_options(const cli_args *a, size_t max_errors, cli_tally *tally)
{
    return (pg_load_options){ .max_errors = max_errors, .on_problem = cli_on_problem, .userdata = tally,
                              .input_format = a->input_format, .progress = cli_progress_bar,
                              .max_input_bytes = a->max_input_bytes, .separator = a->separator,
                              .columns = a->columns };
}

/* The endings of table files, the inputs that several may be. */
static const char *const table_endings[] = { ".csv", ".tsv", ".csv.gz", ".tsv.gz" };

/* Is `path` named as a table file? */
static bool is_table_file(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof table_endings / sizeof *table_endings; i++)
        if (n > strlen(table_endings[i]) && strcmp(path + n - strlen(table_endings[i]), table_endings[i]) == 0)
            return true;
    return false;
}

bool cli_inputs_ok(const cli_args *a, int n)
{
    if (n < 1 || n > a->npositional)
        return false;
    for (int i = 0; n > 1 && i < n; i++)
        if (!is_table_file(a->positional[i]))
            return false;
    return true;
}

pg_dataset *cli_load(const cli_args *a, size_t max_errors, int *code)
{
    return cli_load_inputs(a, 1, max_errors, code);
}

pg_dataset *cli_load_inputs(const cli_args *a, int n, size_t max_errors, int *code)
{
    cli_tally tally = { .first_only = max_errors == 1 };
    pg_load_options opt = cli_load_options(a, tally.first_only ? 2 : max_errors, &tally);
    pg_error err;
    pg_dataset *ds = pg_dataset_load_files((const char *const *)a->positional, (size_t)n, &opt, &err);
    cli_tally_finish(&tally);
    if (ds == NULL)
        *code = cli_exit_code(err.status); /* cli_on_problem printed why */
    else
        cli_progress("loaded %zu entities and %zu relations", pg_dataset_entity_count(ds),
                     pg_dataset_relation_count(ds));
    return ds;
}

pg_analysis_options cli_analysis_options(const cli_args *a)
{
    unsigned text = 1u << PG_FORMAT_NODES_CSV | 1u << PG_FORMAT_EDGES_CSV | 1u << PG_FORMAT_SUMMARY |
                    1u << PG_FORMAT_PERIODS | 1u << PG_FORMAT_EGO | 1u << PG_FORMAT_EGO_TEXT |
                    1u << PG_FORMAT_TIMELINE | 1u << PG_FORMAT_CLAIMS;
    pg_analysis_options o = a->analysis;
    if (o.layout == PG_LAYOUT_AUTO && !cli_files_named(a) && !(cli_dir_formats(a) & ~text))
        o.layout = PG_LAYOUT_NONE;
    o.timings = a->timings;
    o.progress = cli_progress_bar;
    return o;
}

/* One stderr line when path metrics were estimated, not computed exactly
 * (betweenness; the distance pass's closeness and harmonic). */
static void warn_estimates(const pg_graph *g, const cli_args *a)
{
    static const char *const metric[2][2] = { { "betweenness", "betweenness" }, { "closeness", "harmonic" } };
    static const char *const label[2] = { "betweenness", "closeness and harmonic" };
    char text[256] = "";
    size_t len = 0;
    for (int i = 0; i < 2; i++) {
        long k = 0;
        int automatic = 0;
        const char *how = pg_graph_metric_method(g, metric[i][0], &k, &automatic);
        how = how ? how : pg_graph_metric_method(g, metric[i][1], &k, &automatic);
        if (how && strcmp(how, "sampled") == 0)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s from %ld sampled sources%s",
                                    len ? "; " : "", label[i], k,
                                    automatic ? " (automatic: the graph is over the exact limit)" : "");
    }
    if (len > 0 && !a->quiet)
        fprintf(stderr, "partygraph: warning: estimated %s, seed %lu; see summary.json\n", text, a->analysis.seed);
}

/* A warning for each --where filter no node matches, naming the values
 * there are (an attribute no node has is the view's error). */
static void warn_where(const pg_dataset *ds, const cli_args *a)
{
    char text[1200];
    for (size_t i = 0; i < a->view.nwhere; i++)
        if (pg_where_unmatched(ds, a->where[i], text, sizeof text) == 1)
            cli_message("warning: --where: %s", text);
}

pg_graph *cli_build_view(const pg_dataset *ds, const cli_args *a, pg_error *err)
{
    pg_graph *g = pg_graph_build_view(ds, &a->view, err);
    if (g)
        warn_where(ds, a);
    return g;
}

pg_graph *cli_analyse(const pg_dataset *ds, const cli_args *a, int *code)
{
    pg_error err;
    pg_analysis_options opt = cli_analysis_options(a);
    pg_graph *g = cli_build_view(ds, a, &err);
    pg_status st = g ? PG_OK : err.status;
    if (g)
        cli_progress("built the %s view: %zu nodes, %zu edges", pg_view_name(a->view.view), pg_graph_node_count(g),
                     pg_graph_edge_count(g));
    if (st == PG_OK && (st = pg_graph_analyse(g, &opt, &err)) == PG_OK) {
        cli_progress("analysed");
        warn_estimates(g, a);
    }
    if (st == PG_OK && a->window_months &&
        (st = pg_graph_analyse_periods(g, a->window_months, a->step_months, &err)) == PG_OK)
        cli_progress("analysed the periods");
    if (st == PG_OK)
        return g;
    cli_print_problem(&err);
    pg_graph_free(g);
    *code = cli_exit_code(st);
    return NULL;
}

/* pg_write names the format's file, not where it goes: a write error
 * (a full disk, `ulimit -f`) is said again with `path` ("-": standard
 * output) and the reason
 * (strerror's text, after the last colon). */
static pg_status name_path(pg_error *err, const char *path)
{
    char reason[256];
    const char *colon = strrchr(err->message, ':');
    snprintf(reason, sizeof reason, "%s", colon ? colon : "");
    if (strcmp(path, "-") == 0)
        snprintf(err->message, sizeof err->message, "cannot write to standard output%s", reason);
    else
        snprintf(err->message, sizeof err->message, "cannot write '%s'%s", path, reason);
    return PG_EIO;
}

/* Writes format `f` of `g` to `path` as part of output set `out`, adding
 * the time it took to g's timings as "write NAME". */
static pg_status write_one(pg_output *out, pg_graph *g, pg_format f, const char *path, const char *name,
                           pg_error *err)
{
    char stage[4200];
    double started = cli_now();
    FILE *stream = pg_output_open(out, path, err);
    pg_status st = stream ? pg_write(g, f, stream, err) : err->status;
    if (stream && st == PG_EIO)
        st = name_path(err, path);
    snprintf(stage, sizeof stage, "write %s", name);
    return st == PG_OK ? pg_graph_add_timing(g, stage, cli_now() - started, err) : st;
}

/* The names of --formats and the files each stands for. */
static const struct format_name {
    const char *name;
    unsigned formats;
} format_names[] = {
    { "graphml", 1u << PG_FORMAT_GRAPHML },
    { "dot", 1u << PG_FORMAT_DOT },
    { "csv", 1u << PG_FORMAT_NODES_CSV | 1u << PG_FORMAT_EDGES_CSV },
    { "json", 1u << PG_FORMAT_SUMMARY },
    { "timeline", 1u << PG_FORMAT_TIMELINE },
    { "claims", 1u << PG_FORMAT_CLAIMS },
    { "gexf", 1u << PG_FORMAT_GEXF },
    { "nodelink", 1u << PG_FORMAT_NODELINK }, /* or _EDGES: see cli_dir_formats */
    { "cytoscape", 1u << PG_FORMAT_CYTOSCAPE },
    { "html", 1u << PG_FORMAT_HTML },
    { "svg", 1u << PG_FORMAT_SVG },
    { "png", 1u << PG_FORMAT_PNG },
    { "pdf", 1u << PG_FORMAT_PDF },
};

enum { NFORMAT_NAMES = sizeof format_names / sizeof format_names[0] };

unsigned cli_default_formats(void)
{
    return 1u << PG_FORMAT_GRAPHML | 1u << PG_FORMAT_DOT | 1u << PG_FORMAT_NODES_CSV | 1u << PG_FORMAT_EDGES_CSV |
           1u << PG_FORMAT_SUMMARY | 1u << PG_FORMAT_TIMELINE | 1u << PG_FORMAT_CLAIMS;
}

unsigned cli_picture_formats(void)
{
    return 1u << PG_FORMAT_SVG | 1u << PG_FORMAT_PNG | 1u << PG_FORMAT_PDF;
}

const char *cli_format_names(void)
{
    static char names[256];
    if (names[0] == '\0')
        for (size_t i = 0; i < NFORMAT_NAMES; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? "," : "", format_names[i].name);
    return names;
}

bool cli_parse_formats(const char *list, unsigned *mask, char bad[64])
{
    *mask = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        size_t i = 0;
        while (i < NFORMAT_NAMES && (strlen(format_names[i].name) != len || strncmp(p, format_names[i].name, len) != 0))
            i++;
        if (i == NFORMAT_NAMES) {
            snprintf(bad, 64, "%.*s", (int)(len < 63 ? len : 63), p);
            return false;
        }
        *mask |= format_names[i].formats;
        p += len + (p[len] == ',');
    }
    if (*mask == 0)
        snprintf(bad, 64, "%s", list);
    return *mask != 0;
}

/* Writes format `f` of `g` into `dir`, when `formats` has it and `g` can. */
static pg_status write_into(pg_output *out, pg_graph *g, unsigned formats, pg_format f, const char *dir, pg_error *err)
{
    char path[4096];
    if (!pg_format_available(g, f) || !(formats & (1u << f)))
        return PG_OK;
    if (snprintf(path, sizeof path, "%s/%s", dir, pg_format_filename(f)) >= (int)sizeof path) {
        snprintf(err->message, sizeof err->message, "the output directory name is too long");
        return err->status = PG_EIO;
    }
    return write_one(out, g, f, path, pg_format_filename(f), err);
}

/* Writes the formats of cli_dir_formats that `g` has into `dir`,
 * summary.json last so that it holds the other files' times. */
static pg_status write_dir(pg_output *out, pg_graph *g, unsigned formats, const char *dir, pg_error *err)
{
    pg_status st = pg_output_mkdir(out, dir, err);
    for (int f = 0; f < PG_FORMAT_COUNT && st == PG_OK; f++)
        if (f != PG_FORMAT_SUMMARY)
            st = write_into(out, g, formats, (pg_format)f, dir, err);
    return st == PG_OK ? write_into(out, g, formats, PG_FORMAT_SUMMARY, dir, err) : st;
}

/* The formats of --formats, with the node-link key of --nodelink-key. */
unsigned cli_dir_formats(const cli_args *a)
{
    unsigned nodelink = 1u << PG_FORMAT_NODELINK, results = 1u << PG_FORMAT_PERIODS | 1u << PG_FORMAT_EGO | a->always;
    return results | (a->formats & nodelink ? (a->formats & ~nodelink) | 1u << a->nodelink_format : a->formats);
}

/* A file named by an option such as --graphml FILE. */
typedef struct named_file {
    const char *option;
    const char *path;
    pg_format format;
} named_file;

enum { MAX_NAMED = 4 };

/* Fills `out` with the files named by --graphml, --dot, --nodelink and
 * --cytoscape, in that order; returns how many. */
static size_t named_files(const cli_args *a, named_file out[MAX_NAMED])
{
    const named_file all[MAX_NAMED] = {
        { "graphml", a->graphml, PG_FORMAT_GRAPHML },
        { "dot", a->dot, PG_FORMAT_DOT },
        { "nodelink", a->nodelink, a->nodelink_format },
        { "cytoscape", a->cytoscape, PG_FORMAT_CYTOSCAPE },
    };
    size_t n = 0;
    for (size_t i = 0; i < MAX_NAMED; i++)
        if (all[i].path)
            out[n++] = all[i];
    return n;
}

int cli_write_outputs(const cli_args *a, pg_graph *g)
{
    pg_error err = { 0 };
    named_file named[MAX_NAMED];
    size_t nnamed = named_files(a, named);
    pg_output *out = pg_output_new();
    pg_status st = out ? pg_output_protect(out, a->positional[0], &err) : PG_ENOMEM;
    for (size_t i = 0; i < nnamed && st == PG_OK; i++)
        st = write_one(out, g, named[i].format, named[i].path, named[i].path, &err);
    if (st == PG_OK && nnamed == 0)
        st = write_dir(out, g, cli_dir_formats(a), a->dir, &err);
    double started = cli_now();
    if (st == PG_OK)
        st = pg_output_commit(out, &err);
    if (st == PG_OK) /* for stderr only; the files are in place whatever happens here */
        pg_graph_add_timing(g, "commit", cli_now() - started, NULL);
    pg_output_free(out);
    if (st == PG_ENOMEM && !err.message[0])
        snprintf(err.message, sizeof err.message, "out of memory");
    if (st != PG_OK)
        cli_print_problem(&err);
    else
        cli_progress("wrote the outputs");
    if (a->timings)
        cli_print_timings(g);
    return cli_exit_code(st);
}

/* The files of `named` as pg_output_check sees them before any work: not
 * the input (FILE), not a directory, a socket, a block device... Returns
 * an exit code, after printing any error. */
static int check_targets(const cli_args *a, const named_file *named, size_t n)
{
    pg_error err = { 0 };
    pg_output *probe = pg_output_new();
    pg_status st = probe ? pg_output_protect(probe, a->positional[0], &err) : PG_ENOMEM;
    for (size_t i = 0; i < n && st == PG_OK; i++)
        st = pg_output_check(probe, named[i].path, &err);
    pg_output_free(probe);
    if (st == PG_ENOMEM && !err.message[0])
        snprintf(err.message, sizeof err.message, "out of memory");
    if (st != PG_OK)
        cli_print_problem(&err);
    return cli_exit_code(st);
}

int cli_check_outputs(const cli_args *a, const char *cmd)
{
    named_file named[MAX_NAMED];
    size_t n = named_files(a, named);
    for (size_t j = 1; j < n; j++)
        for (size_t i = 0; i < j; i++)
            if (strcmp(named[i].path, named[j].path) == 0)
                return cli_usage_error(cmd, "--%s and --%s name the same file '%s'", named[i].option, named[j].option,
                                       named[j].path);
    return check_targets(a, named, n);
}

bool cli_files_named(const cli_args *a)
{
    named_file named[MAX_NAMED];
    return named_files(a, named) > 0;
}

bool cli_stdout_taken(const cli_args *a)
{
    named_file named[MAX_NAMED];
    size_t n = named_files(a, named);
    for (size_t i = 0; i < n; i++)
        if (strcmp(named[i].path, "-") == 0)
            return true;
    return false;
}

void cli_print_timings(const pg_graph *g)
{
    enum { MAX = 128 };
    const char *names[MAX];
    double seconds[MAX], total, igraph, algorithms;
    size_t n = pg_graph_timings(g, names, seconds, MAX);
    pg_graph_timing_totals(g, &total, &igraph, &algorithms);
    double own = total - igraph, overhead = own - algorithms;
    for (size_t i = 0; i < n && i < MAX; i++)
        fprintf(stderr, "partygraph: %10.4fs  %s\n", seconds[i], names[i]);
    fprintf(stderr, /* the names of summary.json's timing_totals */
            "partygraph: %10.4fs  total: igraph %.4fs, own %.4fs (algorithms %.4fs, overhead %.4fs: %.0f%%)\n",
            total, igraph, own, algorithms, overhead, total > 0 ? 100 * overhead / total : 0.0);
}
