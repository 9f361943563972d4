/*
 * partygraph.h - the public API of libpartygraph.
 *
 * libpartygraph turns a `partygraph/1` JSON dataset (parties, countries,
 * persons, inter-party mechanisms, events and the relations between them)
 * into a merged relationship network, undirected with the direction of its
 * directed relations kept beside it, analyses it with igraph and writes it
 * as GraphML, DOT, CSV and JSON.
 *
 * The usual sequence:
 *
 *     pg_error err;
 *     pg_dataset *ds = pg_dataset_load_file("data.json", &err);
 *     pg_graph *g = ds ? pg_graph_build(ds, &err) : NULL;
 *     pg_analysis_options opt = PG_ANALYSIS_OPTIONS_INIT;
 *     if (g && pg_graph_analyse(g, &opt, &err) == PG_OK)
 *         pg_write(g, PG_FORMAT_GRAPHML, stdout, &err);
 *     pg_graph_free(g);
 *     pg_dataset_free(ds);
 *
 * OWNERSHIP RULE (it holds for every function below):
 *   - An object returned by a function named *_load*, *_build or *_new is
 *     owned by the caller and released with the matching *_free, which
 *     accepts NULL.
 *   - Pointers returned by getters (names, ids, metric arrays) are borrowed:
 *     they stay valid as long as the object they came from, and the caller
 *     never frees them.
 *   - A pg_graph borrows the pg_dataset it was built from: free the graph
 *     before the dataset.
 *   - FILE * arguments are borrowed: the library writes to them and never
 *     closes them.
 *
 * ERRORS: every fallible function returns a pg_status (or NULL) and, when
 * `err` is not NULL, fills it with the reason. The library never prints and
 * never exits; mapping statuses to exit codes is the caller's business.
 *
 * THREADS: igraph 0.10.2 as Debian packages it is built without
 * thread-local storage, so its error handling, RNG and progress reporting
 * are process-wide; so is what the library keeps for them (the last
 * error, warnings, the stage under way). Hence: build and analyse one
 * graph at a time per process; draw (PG_FORMAT_SVG/PNG/PDF) from one
 * thread at a time too (Graphviz runs in a process of its own, see
 * PROCESSES, and forking from several threads at once is not what the
 * tests exercise). Loading datasets and writing the other
 * formats may run in several threads at once, each on its own objects; an
 * object may be shared between threads only while all of them just read
 * it (the writers, the getters). During pg_graph_build and
 * pg_graph_analyse the library installs its own igraph error, warning,
 * fatal-error (an igraph assertion becomes a PG_EINTERNAL error instead of
 * an abort) and progress handlers and its own seeded RNG, and puts the
 * caller's back afterwards. cJSON's allocation hooks are process-wide too: the loader
 * sets them once, and copes with a caller that sets its own (docs/library.md,
 * "cJSON in the same process").
 *
 * RE-ENTRANCY: the callbacks (pg_load_options.on_problem, the progress
 * functions) run inside a library call and must not call pg_graph_build*,
 * pg_graph_analyse* or pg_write. Beyond the igraph state above, no function
 * keeps static buffers: the strings returned belong to an object or are
 * constants.
 *
 * PROCESSES: unless pg_analysis_options.jobs is 1, pg_graph_analyse forks
 * worker processes for weighted or sampled betweenness, one that
 * computes the layout while the metrics are computed, and processes that
 * share the community restarts of a large graph (igraph is not
 * thread-safe); pg_write
 * forks one process per picture (PG_FORMAT_SVG/PNG/PDF), in which all of
 * Graphviz's work is done, so that a crash, an exit() or an allocation
 * failure inside Graphviz or its font libraries becomes a PG_EINTERNAL or
 * PG_ENOMEM error and what they print never reaches the caller's stderr.
 * Each is reaped before the call returns, and leaves with _exit, never
 * touching the caller's stdio buffers (not even when Graphviz calls
 * exit()) nor running its atexit handlers. When no process can be made,
 * that work is done in the calling process, but a picture fails
 * (PG_EINTERNAL, or PG_ENOMEM): Graphviz is never run in the caller's
 * process. A caller with threads of its own that may hold locks at that
 * moment (malloc's are safe with glibc) should set jobs = 1 and draw no
 * picture.
 */
#ifndef PARTYGRAPH_H
#define PARTYGRAPH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SYMBOLS: libpartygraph.so is built with hidden visibility; exactly the
 * functions declared in this header are exported (all named pg_*). */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

#define PG_VERSION_MAJOR 0
#define PG_VERSION_MINOR 1
#define PG_VERSION_PATCH 0
#define PG_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status and errors                                                   */
/* ------------------------------------------------------------------ */

typedef enum pg_status {
    PG_OK = 0,
    PG_EINVALID,  /* the input data breaks the format */
    PG_EARG,      /* a bad argument or option value from the caller */
    PG_EIO,       /* reading or writing a file failed */
    PG_ENOMEM,    /* out of memory */
    PG_EINTERNAL  /* igraph or another internal step failed */
} pg_status;

typedef enum pg_severity { PG_SEVERITY_ERROR = 0, PG_SEVERITY_WARNING } pg_severity;

/* One problem: where it is (file, 1-based line:column when known, JSON
 * path when known) and what it is. Empty strings and zeros mean unknown. */
typedef struct pg_error {
    pg_status status;
    pg_severity severity;
    char file[256];
    long line;
    long column;
    char path[256];
    char message[768];
} pg_error;

/* Returns a static, human-readable name for `status` ("invalid data", ...). */
const char *pg_status_name(pg_status status);

/* Formats `e` as one line: "FILE:LINE:COL: PATH: [warning: ]MESSAGE", with
 * the unknown parts left out and every part escaped as by pg_error_escape
 * (a file name or a value holding a line break or a terminal escape stays
 * on the line, inert). Writes at most `size` bytes including the NUL and
 * returns `buf`. */
char *pg_error_format(const pg_error *e, char *buf, size_t size);

/* Writes `s` into `buf` as it may appear in a one-line message on a
 * terminal: the control characters (U+0000-U+001F, U+007F-U+009F) become
 * \u00XX and bytes that are not UTF-8 become \xNN; everything else is
 * copied. Writes at most `size` bytes including the NUL, never cutting an
 * escape or a character in half, and returns `buf`. */
char *pg_error_escape(const char *s, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Datasets                                                            */
/* ------------------------------------------------------------------ */

typedef struct pg_dataset pg_dataset;

/* Called once per problem found while loading, errors and warnings alike.
 * `problem` is only valid during the call. */
typedef void (*pg_problem_fn)(const pg_error *problem, void *userdata);

/* The formats an input may be in (see docs/input.md, "Inputs other tools
 * write"): each foreign node and edge becomes a partygraph/1 element and
 * is checked by the same rules. */
typedef enum pg_input_format {
    PG_INPUT_AUTO = 0,   /* detected from the content */
    PG_INPUT_PARTYGRAPH, /* partygraph/1 JSON */
    PG_INPUT_NODELINK,   /* NetworkX node-link JSON ("links" or "edges") */
    PG_INPUT_JGF,        /* JSON Graph Format, v2 (nodes a map) or v1 (an array) */
    PG_INPUT_POPOLO,     /* Popolo JSON: organizations, memberships, events, areas */
    PG_INPUT_NDJSON,     /* one partygraph/1 entity or relation per line */
    PG_INPUT_GRAPHML,    /* GraphML (Gephi, NetworkX, igraph, partygraph) */
    PG_INPUT_CYJS,       /* Cytoscape.js elements JSON (Cytoscape, NetworkX, partygraph's graph.cyjs) */
    PG_INPUT_GML,        /* GML (Gephi, NetworkX, igraph, yEd), read by igraph */
    PG_INPUT_PAJEK,      /* Pajek NET (*Vertices, *Edges, *Arcs), read by igraph */
    PG_INPUT_GEXF,       /* GEXF 1.1-1.3 (Gephi, NetworkX, partygraph) */
    PG_INPUT_TABLES,     /* tabular partygraph/1: a folder of CSV/TSV tables named after its arrays, or one */
    PG_INPUT_COUNT
} pg_input_format;

/* Returns "auto", "partygraph", "nodelink", "jgf", "popolo", "ndjson",
 * "graphml", "cyjs", "gml", "pajek", "gexf" or "tables"; NULL when out of
 * range. */
const char *pg_input_format_name(pg_input_format f);

/* Parses one of those names into *out. Returns PG_OK or PG_EARG. */
pg_status pg_input_format_parse(const char *name, pg_input_format *out);

/* Progress of a long stage, for a caller that shows it (the library never
 * prints): `done` of `total` units of stage `stage` are done. The stage
 * name ("distance pass", "Betweenness centrality", "periods", ...) is only
 * valid during the call; the units are the stage's own (the nodes of the
 * graph for path computations, periods for the periods). For each stage
 * the calls come in increasing `done`, the first with 0 and the last with
 * done == total, at most about a thousand of them. They come from the
 * thread that called the library function; the callback must not call
 * the library. */
typedef void (*pg_progress_fn)(const char *stage, size_t done, size_t total, void *userdata);

typedef struct pg_load_options {
    size_t max_errors;        /* stop after this many errors; 0 = find all */
    pg_problem_fn on_problem; /* may be NULL */
    void *userdata;
    pg_input_format input_format; /* PG_INPUT_AUTO: detect it */
    pg_progress_fn progress;  /* may be NULL */
    void *progress_data;
    unsigned long long max_input_bytes; /* refuse an input of more bytes (gunzipped: the
                                           gzip-bomb guard) as soon as it gives one more,
                                           PG_EINVALID; 0: no limit */
    char separator;           /* CSV/TSV tables: ',', ';' or '\t'; 0: detected in each file */
    const char *columns;      /* a participation log's columns by role, "event=Meeting,date=Date,
                                 participant=Party,..." (docs/input.md, "Participation logs");
                                 NULL: the columns headed as the roles */
} pg_load_options;

/* The default of max_input_bytes: 16 GiB. */
#define PG_MAX_INPUT_BYTES (16ULL << 30)

#define PG_LOAD_OPTIONS_INIT { 1, NULL, NULL, PG_INPUT_AUTO, NULL, NULL, PG_MAX_INPUT_BYTES, 0, NULL }

/* Loads and validates a partygraph/1 file ("-" reads standard input), or
 * a graph in another format (pg_input_format), gzip-compressed or not.
 * Returns a new dataset, or NULL with `err` set to the first error. */
pg_dataset *pg_dataset_load_file(const char *path, pg_error *err);

/* As pg_dataset_load_file, with options: every problem goes to
 * opt->on_problem, and loading stops after opt->max_errors errors. On
 * failure `err` holds the first error. */
pg_dataset *pg_dataset_load_file_opts(const char *path,
                                      const pg_load_options *opt,
                                      pg_error *err);

/* Loads the `n` files at `paths` as one dataset: one file (n == 1) as
 * pg_dataset_load_file_opts does; several must all be CSV or TSV tables
 * (.csv, .tsv, gzipped or not), read in the order given as the tables of
 * a folder are, each named after its file (docs/input.md, "Tables and
 * workbooks"). No file, another kind of file among several, or two files
 * giving one table ("parties.csv" and "x/parties.tsv") are PG_EINVALID,
 * naming the file. Same contract as above; `opt` may be NULL. */
pg_dataset *pg_dataset_load_files(const char *const *paths, size_t n,
                                  const pg_load_options *opt, pg_error *err);

/* Loads from `len` bytes at `data` (need not be NUL-terminated); `name` is
 * the file name used in messages. Same contract as above (`len` over
 * opt->max_input_bytes: PG_EINVALID before any work). */
pg_dataset *pg_dataset_load_buffer(const char *data, size_t len,
                                   const char *name,
                                   const pg_load_options *opt, pg_error *err);

/* Loads from the stream `f` (borrowed: read from where it is to its end,
 * never closed), any format, gzip-compressed or not, as
 * pg_dataset_load_file_opts does for a path; `name` (NULL: "<stream>") is
 * the file name used in messages; `opt` may be NULL. Same contract as
 * above; a read error is PG_EIO. */
pg_dataset *pg_dataset_load_stream(FILE *f, const char *name, const pg_load_options *opt, pg_error *err);

/* Releases `ds` and everything it owns; NULL is allowed. */
void pg_dataset_free(pg_dataset *ds);

typedef enum pg_kind {
    PG_KIND_COUNTRY = 0,
    PG_KIND_PARTY,
    PG_KIND_MECHANISM,
    PG_KIND_EVENT,
    PG_KIND_PERSON,     /* a person: `persons`, tied to a party and a country */
    PG_KIND_NODE,       /* a node of another tool's graph whose kind is none of these: `nodes` */
    PG_KIND_COUNT
} pg_kind;

/* Returns "country", "party", "mechanism", "event", "person" or "node";
 * NULL when out of range. */
const char *pg_kind_name(pg_kind kind);

/* The partygraph/1 array that holds entities of `kind`: "countries",
 * "parties", "mechanisms", "events", "persons" or "nodes"; "?" when out
 * of range. */
const char *pg_kind_array_name(pg_kind kind);

/* Counts of what was loaded: all entities, the entities of one kind (0
 * for an out-of-range kind), the explicit relations (not those implied by
 * entity fields) and the sources. */
size_t pg_dataset_entity_count(const pg_dataset *ds);
size_t pg_dataset_kind_count(const pg_dataset *ds, pg_kind kind);
size_t pg_dataset_relation_count(const pg_dataset *ds);
size_t pg_dataset_source_count(const pg_dataset *ds);

/* Borrowed strings: the display name of the input ("<stdin>" for standard
 * input), the dataset's title ("" when absent) and the input's SHA-256 as
 * 64 lowercase hex digits. */
const char *pg_dataset_file(const pg_dataset *ds);
const char *pg_dataset_title(const pg_dataset *ds);
const char *pg_dataset_sha256(const pg_dataset *ds);

/* The size of the input in bytes, byte-order mark included. */
size_t pg_dataset_input_bytes(const pg_dataset *ds);

/* The format the input was read from: PG_INPUT_PARTYGRAPH or another. */
pg_input_format pg_dataset_input_format(const pg_dataset *ds);

/* ------------------------------------------------------------------ */
/* Graphs and analysis                                                 */
/* ------------------------------------------------------------------ */

typedef struct pg_graph pg_graph;

/* Which network to build from the dataset. */
typedef enum pg_view {
    PG_VIEW_FULL = 0,   /* every entity a node, every relation an edge */
    PG_VIEW_PARTIES,    /* parties tied by shared events and mechanisms, and contacts */
    PG_VIEW_COUNTRIES,  /* the same, aggregated to countries */
    PG_VIEW_MECHANISMS, /* mechanisms tied by shared member parties */
    PG_VIEW_PERSONS,    /* persons tied by shared events and mechanisms, and their direct ties */
    PG_VIEW_COUNT
} pg_view;

/* How a projected tie is weighted from the shared affiliations S of two
 * nodes with affiliation sets A and B. */
typedef enum pg_projection {
    PG_PROJECTION_COUNT = 0, /* |S| */
    PG_PROJECTION_NEWMAN,    /* sum over S of 1/(n-1), n = members of the affiliation */
    PG_PROJECTION_JACCARD,   /* |A and B| / |A or B| */
    PG_PROJECTION_OVERLAP    /* |A and B| / min(|A|, |B|) */
} pg_projection;

typedef struct pg_view_options {
    pg_view view;
    pg_projection projection;
    long max_event_size;      /* projections: drop affiliations with more members; 0 = none */
    long min_shared;          /* projections: drop ties with fewer shared affiliations
                                 (ties with a direct tie stay); 0 = none */
    const char *from, *to;    /* time window, inclusive partial ISO dates; NULL = open */
    int dated_only;           /* drop relations without a date */
    unsigned kinds;           /* keep nodes of these kinds (bit 1 << kind); 0 = all */
    const char *const *where; /* node filters "attr=value", all must hold (borrowed) */
    size_t nwhere;
    double min_weight;        /* drop edges lighter than this; 0 = none */
    int giant;                /* keep the largest connected component only */
    long k_core;              /* keep the nodes of coreness >= k_core; 0 = none */
    const char *const *exclude; /* entity ids left out, with all their ties, before analysis (borrowed) */
    size_t nexclude;
    const char *const *types; /* only relations of these types make the network (borrowed); NULL: all */
    size_t ntypes;
    const char *const *exclude_types; /* relations of these types are left out (borrowed) */
    size_t nexclude_types;
    int no_structural;        /* leave out the structural types (based_in, held_in, part_of, belongs_to
                                 and those a file declares structural) */
    int undated_keep;         /* in a time window, keep the undated relations; 0: they are left out
                                 (and counted) */
} pg_view_options;

#define PG_VIEW_OPTIONS_INIT                                                                       \
    { PG_VIEW_FULL, PG_PROJECTION_COUNT, 0, 0, NULL, NULL, 0, 0, NULL, 0, 0.0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0 }

/* Builds the "full" view with no filter: pg_graph_build_view with
 * PG_VIEW_OPTIONS_INIT. */
pg_graph *pg_graph_build(const pg_dataset *ds, pg_error *err);

/* Builds view `opt->view` of `ds`, restricted to the time window and
 * filtered as `opt` says (docs/network.md has every rule). The strings of
 * `opt` are copied. Returns a new graph, or NULL with `err` set: PG_EARG
 * for bad options (a date that does not parse, a filter without '=', a
 * negative size, count or weight, a NaN weight, an excluded id that is
 * not an entity, a relation type the dataset does not know),
 * PG_ENOMEM, PG_EINTERNAL. */
pg_graph *pg_graph_build_view(const pg_dataset *ds, const pg_view_options *opt, pg_error *err);

/* Returns a new graph: the nodes of `g` within `radius` (>= 1) hops of the
 * node with entity id `id`, and the edges among them, copied (it does not
 * borrow `g`). NULL with `err` set: PG_EARG for an id not in `g` or a bad
 * radius, PG_ENOMEM. Analyse it, then write PG_FORMAT_EGO for the report. */
pg_graph *pg_graph_ego(const pg_graph *g, const char *id, int radius, pg_error *err);

typedef struct pg_ego_options {
    int radius;               /* hops from the ego, >= 1 */
    int no_ego;               /* leave the ego and its edges out once the network is cut: the
                                 alters among themselves, analysed and written like a view (no
                                 ego report: PG_FORMAT_EGO is not available) */
} pg_ego_options;

#define PG_EGO_OPTIONS_INIT { 1, 0 }

/* pg_graph_ego with options (`opt` NULL: PG_EGO_OPTIONS_INIT); the same
 * contract. */
pg_graph *pg_graph_ego_opts(const pg_graph *g, const char *id, const pg_ego_options *opt, pg_error *err);

/* Releases `g`; NULL is allowed. */
void pg_graph_free(pg_graph *g);

/* Names ("full", "parties", ...; "count", "newman", ...) and parsers;
 * names are NULL and parsers return PG_EARG when out of range. */
const char *pg_view_name(pg_view v);
pg_status pg_view_parse(const char *name, pg_view *out);
const char *pg_projection_name(pg_projection p);
pg_status pg_projection_parse(const char *name, pg_projection *out);

typedef enum pg_cluster {
    PG_CLUSTER_LOUVAIN = 0,        /* igraph multilevel */
    PG_CLUSTER_LEIDEN,             /* Leiden, modularity objective */
    PG_CLUSTER_WALKTRAP,           /* random walks of 4 steps (deterministic) */
    PG_CLUSTER_INFOMAP,            /* map equation */
    PG_CLUSTER_LABEL_PROPAGATION,
    PG_CLUSTER_FASTGREEDY,         /* greedy modularity (deterministic) */
    PG_CLUSTER_EDGE_BETWEENNESS,   /* Girvan-Newman, deterministic; at most
                                      PG_EDGE_BETWEENNESS_MAX_EDGES edges */
    PG_CLUSTER_COUNT
} pg_cluster;

#define PG_EDGE_BETWEENNESS_MAX_EDGES 5000
#define PG_MAX_BY 16

/* Node positions for the pictures (GraphML x/y, GEXF viz:position, DOT
 * pos), computed with igraph from the analysis seed. */
typedef enum pg_layout {
    PG_LAYOUT_AUTO = 0, /* fr (its grid variant above 1,000 nodes keeps it fast) */
    PG_LAYOUT_FR,       /* Fruchterman-Reingold, weighted (heavier ties pull harder) */
    PG_LAYOUT_DRL,      /* DrL (OpenOrd's ancestor), weighted: clusters; slow (minutes at 20,000 nodes) */
    PG_LAYOUT_KK,       /* Kamada-Kawai, unweighted (hops): graphs of at most 1,000 nodes */
    PG_LAYOUT_NONE,     /* no positions */
    PG_LAYOUT_COUNT
} pg_layout;

typedef struct pg_analysis_options {
    int weighted_paths;        /* path metrics use distance = 1/weight */
    pg_cluster cluster;
    double resolution;         /* modularity resolution (louvain, leiden), > 0 */
    int restarts;              /* seeded runs; the best modularity wins: >= 1, or
                                  PG_RESTARTS_AUTO (from the graph's size) */
    unsigned long seed;        /* first seed, 0..2147483647; restart r of run i
                                  uses seed + i * restarts + r */
    int runs;                  /* > 1: that many detections from successive seeds give
                                  node stability, mean NMI and VI, and a consensus */
    long betweenness_samples;  /* > 0: betweenness estimated from that many sources; 0: exact;
                                  PG_SAMPLES_AUTO: exact up to betweenness_limit */
    double cutoff;             /* > 0: betweenness over paths no longer than this */
    const char *group_by;      /* grouping attribute for brokerage roles; NULL: "region" */
    const char *const *by;     /* more categorical attributes for homophily (borrowed) */
    size_t nby;                /* at most PG_MAX_BY */
    int threads;               /* for the distance pass; 0: one per online CPU (results
                                  do not depend on it) */
    /* for the pictures */
    pg_layout layout;
    const char *size_by;       /* the metric node sizes follow; NULL: "pagerank" */
    int label_top;             /* pictures label the label_top nodes first on size_by;
                                  0: none, -1: all */
    int timings;               /* summary.json records the stages' times (see
                                  pg_graph_timings; they differ from run to run) */
    pg_progress_fn progress;   /* progress of the long stages; NULL: none. It and
                                  progress_data serve pg_graph_analyse_periods too */
    void *progress_data;
    /* path metrics at scale */
    long closeness_samples;    /* > 0: closeness, harmonic, diameter and average path length
                                  estimated from that many sources; 0: exact;
                                  PG_SAMPLES_AUTO: exact up to closeness_limit */
    double betweenness_limit;  /* automatic sampling: exact while nodes x edges <= this;
                                  0: PG_BETWEENNESS_LIMIT */
    double closeness_limit;    /* the same for the distance pass; 0: PG_CLOSENESS_LIMIT */
    int jobs;                  /* processes for weighted or sampled betweenness, the layout
                                  beside the metrics and the community restarts; 0: one per online CPU,
                                  1: none (results do not depend on it) */
    const char *metrics;       /* comma list of the metrics to compute and write (names as
                                  pg_metric_names); NULL: all */
    int csv_raw;               /* the CSV outputs write text from the data exactly, even
                                  a cell a spreadsheet would run as a formula; 0: such a
                                  cell starts with an apostrophe (docs/outputs.md) */
} pg_analysis_options;

/* betweenness_samples, closeness_samples: sample when the graph is larger
 * than the limit, then about limit / edges sources (at least 64). */
#define PG_SAMPLES_AUTO (-1L)
/* Restarts by the graph's size: PG_RESTARTS_MAX up to PG_RESTARTS_EDGES
 * edges, then as many as fit PG_RESTARTS_EDGES x PG_RESTARTS_MAX edges'
 * worth of runs (4 at 250,000 edges), at least 1. */
#define PG_RESTARTS_AUTO 0
#define PG_RESTARTS_MAX 10
#define PG_RESTARTS_EDGES 100000
/* Nodes x edges up to which path metrics are exact by default: about 30 s
 * on a 2-core machine with two worker processes (igraph's betweenness) or
 * threads (the distance pass), measured in docs/network.md; betweenness by
 * hops, now in the distance pass, is faster than that. */
#define PG_BETWEENNESS_LIMIT 2.5e9
#define PG_CLOSENESS_LIMIT 1.2e10

#define PG_ANALYSIS_OPTIONS_INIT                                                                   \
    { .weighted_paths = 0, .cluster = PG_CLUSTER_LEIDEN, .resolution = 1.0, .restarts = PG_RESTARTS_AUTO, .seed = 42UL, \
      .runs = 1, .betweenness_samples = PG_SAMPLES_AUTO, .cutoff = 0.0, .group_by = NULL, .by = NULL,     \
      .nby = 0, .threads = 0, .layout = PG_LAYOUT_AUTO, .size_by = NULL, .label_top = 30, .timings = 0,  \
      .progress = NULL, .progress_data = NULL, .closeness_samples = PG_SAMPLES_AUTO,                   \
      .betweenness_limit = 0.0, .closeness_limit = 0.0, .jobs = 0, .metrics = NULL, .csv_raw = 0 }

/* Returns "auto", "fr", "drl", "kk" or "none"; NULL when out of range. */
const char *pg_layout_name(pg_layout l);

/* Parses one of those names into *out. Returns PG_OK or PG_EARG. */
pg_status pg_layout_parse(const char *name, pg_layout *out);

/* May the node sizes of the pictures follow metric `name`? Every metric
 * but constraint (smaller is more), community and stability. */
int pg_metric_sizes_nodes(const char *name);

/* Returns "louvain", "leiden", "walktrap", "infomap", "label-propagation",
 * "fastgreedy" or "edge-betweenness"; NULL when out of range. */
const char *pg_cluster_name(pg_cluster c);

/* Parses one of those names into *out. Returns PG_OK or PG_EARG. */
pg_status pg_cluster_parse(const char *name, pg_cluster *out);

/* Computes every node metric, the communities and the layout. Returns
 * PG_OK, PG_EARG for bad options (an unknown layout or size_by metric,
 * edge-betweenness on a graph of more than
 * PG_EDGE_BETWEENNESS_MAX_EDGES edges among them, checked before any work),
 * PG_ENOMEM or PG_EINTERNAL (igraph's reason in `err`).
 * On failure the graph keeps no partial results. */
pg_status pg_graph_analyse(pg_graph *g, const pg_analysis_options *opt,
                           pg_error *err);

/* Counts of the built graph: nodes (one per entity), merged edges, and
 * relations dropped because both ends were the same entity. Valid before
 * analysis. */
size_t pg_graph_node_count(const pg_graph *g);

/* The node of the entity with this id, or -1 when it is not in `g`. */
long pg_graph_node_index(const pg_graph *g, const char *id);
size_t pg_graph_edge_count(const pg_graph *g);
size_t pg_graph_self_loops_dropped(const pg_graph *g);

/* In a time window (pg_view_options.from/to): how many explicit relations
 * without a date were left out of `g` (0 with undated_keep, and without a
 * window). Valid before analysis. */
size_t pg_graph_undated_left_out(const pg_graph *g);

/* The dataset `g` was built from (borrowed). */
const pg_dataset *pg_graph_dataset(const pg_graph *g);

/* How `g` was built: its view (and projection). */
pg_view pg_graph_view(const pg_graph *g);

/* Node `i` (0 <= i < node count; nodes are sorted by id). Borrowed strings. */
const char *pg_graph_node_id(const pg_graph *g, size_t i);
const char *pg_graph_node_label(const pg_graph *g, size_t i);
pg_kind pg_graph_node_kind(const pg_graph *g, size_t i);

/* A --where filter "ATTR=VALUE" that no entity of `ds` matches, though
 * some entity has ATTR: writes "no node has ATTR=VALUE (did you mean
 * 'V'?); the values: 'a' (12), 'b' (3), ..." (the most common first, five
 * at most) into `buf` and returns 1. Returns 0 when an entity matches, or
 * when the filter is not ATTR=VALUE or no entity has ATTR (building the
 * view says so); -1 when out of memory. */
int pg_where_unmatched(const pg_dataset *ds, const char *filter, char *buf, size_t size);

/* "Did you mean": of the `n` strings of `candidates` (NULL ones skipped),
 * `word` itself in another case (ASCII), or else the nearest within
 * max(1, strlen(word) / 3) edits (insertions, deletions, substitutions,
 * adjacent swaps; ties: the smaller string). NULL when none is near;
 * never `word` itself. */
const char *pg_suggest_nearest(const char *word, const char *const *candidates, size_t n);

/* The metric names, in output order, terminated by NULL. */
const char *const *pg_metric_names(void);

/* Checks a comma list of metric names for pg_analysis_options.metrics.
 * Returns PG_OK, or PG_EARG with `err` naming the first empty or unknown
 * name and, when one is near, the metric it may have meant. */
pg_status pg_metric_list_check(const char *list, pg_error *err);

/* Returns the node values of metric `name` (NaN where undefined), one per
 * node, or NULL when the name is unknown, the metric was not asked for
 * (pg_analysis_options.metrics) or the graph is not analysed. */
const double *pg_graph_metric(const pg_graph *g, const char *name);

/* How metric `name` was computed: "exact", "sampled" (estimated from
 * *samples sources; *automatic set when because the graph is over the
 * exact limit) or "cutoff" (betweenness with a cutoff); NULL when it was
 * not computed or `g` is not analysed. `samples`, `automatic` may be NULL. */
const char *pg_graph_metric_method(const pg_graph *g, const char *name, long *samples, int *automatic);

/* Community label of each node (0 = largest community), or NULL before
 * analysis. */
const long *pg_graph_communities(const pg_graph *g);
size_t pg_graph_community_count(const pg_graph *g);

/* Number of nodes in community `c` (0 when out of range). */
size_t pg_graph_community_size(const pg_graph *g, size_t c);

/* Modularity of the partition at resolution 1 (NaN without edges). */
double pg_graph_modularity(const pg_graph *g);

/* Fills `out` with the indices of the `k` nodes ranking first on metric
 * `name` (descending; ascending for "constraint"; ties by id; undefined
 * values never ranked). Returns how many were written (<= k). */
size_t pg_graph_top(const pg_graph *g, const char *name, size_t k,
                    size_t *out);

/* Analyses the graph again in time windows of `window_months`, starting
 * every `step_months` (from the view's `from`, or January 1 of the first
 * dated year, to its `to`, or the last date), with the view and analysis
 * options `g` was built and analysed with. The results go into the
 * metrics_by_period.csv output and the rank changes into summary.json.
 * `g` must be analysed and not an ego network. Returns PG_OK, PG_EARG (not
 * analysed, an ego network, a window or step < 1, no dated relation),
 * PG_ENOMEM or PG_EINTERNAL. */
pg_status pg_graph_analyse_periods(pg_graph *g, int window_months, int step_months, pg_error *err);

/* The stages `g` went through and their wall-clock seconds, in the order
 * they ran: "load" (of its dataset), "build", the last analysis's (each
 * metric, "distance pass", "communities", "layout", ...), "periods", then
 * those added with pg_graph_add_timing. Fills up to `max` entries and
 * returns how many there are. summary.json holds them only when analysed
 * with the `timings` option, since they differ from run to run. */
size_t pg_graph_timings(const pg_graph *g, const char **names, double *seconds, size_t max);

/* Adds stage `name` (copied), which took `seconds` outside igraph, as
 * measured by the caller (the CLI adds each file it writes; write
 * summary.json last to have them in it). A new analysis drops them.
 * Returns PG_OK, PG_EARG (seconds negative or not a number), PG_ENOMEM. */
pg_status pg_graph_add_timing(pg_graph *g, const char *name, double seconds, pg_error *err);

/* Sets `*total` to the wall-clock seconds from the start of loading until
 * now (the sum of the stages when the dataset's load time is unknown),
 * `*igraph` to the seconds of the stages spent inside igraph and
 * `*algorithms` to those of partygraph's own graph algorithms (the
 * distance pass; docs/cli.md, "Timings", says which stage is which). partygraph's own
 * time is total - igraph; its overhead total - igraph - algorithms. */
void pg_graph_timing_totals(const pg_graph *g, double *total, double *igraph, double *algorithms);

/* Connected components: count and size of the largest (0 before
 * analysis). */
size_t pg_graph_component_count(const pg_graph *g);
size_t pg_graph_largest_component(const pg_graph *g);

/* Reciprocity of the directed network (docs/network.md, "Direction"):
 * the share of its arcs whose reverse is an arc too, with the number of
 * arcs in *arcs (may be NULL). NaN without arcs, in a projected view and
 * before analysis. */
double pg_graph_reciprocity(const pg_graph *g, size_t *arcs);

/* The warning of an analysed view that is essentially a star (one node on
 * at least 3/4 of its edges, and 10 edges or more; docs/network.md,
 * "Structure"), one line saying what to try; NULL otherwise. Borrowed:
 * valid until the next analysis. */
const char *pg_graph_star_warning(const pg_graph *g);

/* ------------------------------------------------------------------ */
/* Writers                                                             */
/* ------------------------------------------------------------------ */

typedef enum pg_format {
    PG_FORMAT_GRAPHML = 0, /* graph.graphml */
    PG_FORMAT_DOT,         /* graph.dot */
    PG_FORMAT_NODES_CSV,   /* nodes.csv */
    PG_FORMAT_EDGES_CSV,   /* edges.csv */
    PG_FORMAT_SUMMARY,     /* summary.json */
    PG_FORMAT_PERIODS,     /* metrics_by_period.csv: after pg_graph_analyse_periods */
    PG_FORMAT_EGO,         /* ego.json: for a graph made by pg_graph_ego */
    PG_FORMAT_EGO_TEXT,    /* ego.txt: the same report, for people */
    PG_FORMAT_GEXF,        /* graph.gexf: GEXF 1.3 for Gephi, dynamic */
    PG_FORMAT_NODELINK,    /* graph.nodelink.json: NetworkX/D3 node-link, links under "links" */
    PG_FORMAT_NODELINK_EDGES, /* graph.nodelink.json with the links under "edges" (NetworkX >= 3.4) */
    PG_FORMAT_CYTOSCAPE,   /* graph.cyjs: Cytoscape.js elements */
    PG_FORMAT_HTML,        /* report.html: the picture, tooltips, search, tables */
    PG_FORMAT_SVG,         /* graph.svg: the picture, drawn with Graphviz's library */
    PG_FORMAT_PNG,         /* graph.png: the same, by cairo */
    PG_FORMAT_PDF,         /* graph.pdf: the same, by cairo */
    PG_FORMAT_TIMELINE,    /* timeline.csv: the dated events and relations in date order (not for an ego graph) */
    PG_FORMAT_CLAIMS,      /* claims.csv: the dataset's claims, one per row (not for an ego graph) */
    PG_FORMAT_COUNT
} pg_format;

/* Returns the default file name of `f` ("graph.graphml", ...), or NULL. */
const char *pg_format_filename(pg_format f);

/* True when `g` can be written in format `f` (analysed; periods computed
 * for PG_FORMAT_PERIODS; an ego graph for the ego formats, and not one for
 * PG_FORMAT_TIMELINE and PG_FORMAT_CLAIMS). */
int pg_format_available(const pg_graph *g, pg_format f);

/* Writes analysed graph `g` in format `f` to `out`. Returns PG_OK, PG_EARG
 * (format not available for `g`, bad format), PG_EIO (with errno's
 * reason in `err`), PG_ENOMEM (report.html, the pictures) or, for the
 * pictures, PG_EINTERNAL (with Graphviz's message). The pictures use
 * Graphviz's global state: write one picture at a time per process. */
pg_status pg_write(const pg_graph *g, pg_format f, FILE *out, pg_error *err);

/* Writes the shortest paths between the entities with ids `from_id` and
 * `to_id` in `g` (all of them, up to 20, by hops; by 1/weight distances
 * when `weighted`), one per line through names and relation types, or a
 * line saying there is none. Returns PG_OK, PG_EARG (an id not in `g`),
 * PG_ENOMEM, PG_EINTERNAL or PG_EIO. */
pg_status pg_write_paths(const pg_graph *g, const char *from_id, const char *to_id, int weighted, FILE *out,
                         pg_error *err);

/* ------------------------------------------------------------------ */
/* Writing a dataset (`partygraph convert`, `partygraph init`)          */
/* ------------------------------------------------------------------ */

/* Writes dataset `ds` (any input, once loaded) as canonical partygraph/1
 * JSON (docs/input.md, "The canonical form"): "format" first, then title,
 * description, notes and the arrays (sources, countries, parties,
 * mechanisms, events, persons, nodes, relation_types as declared,
 * relations, claims), each record's fields in the schema's order, then
 * its other attributes by name; two spaces of indentation. Loading it
 * gives the same dataset, and writing that gives the same bytes. Returns
 * PG_OK, PG_ENOMEM or PG_EIO. */
pg_status pg_dataset_write_json(const pg_dataset *ds, FILE *out, pg_error *err);

/* The tables of partygraph/1's tabular form (docs/input.md, "Tables and
 * workbooks"), i = 0, 1, ...: "about", then the arrays in the order of
 * the JSON; NULL past the last. */
const char *pg_dataset_table_name(int i);

/* How many rows table `name` has in `ds` (0 for an unknown name). */
size_t pg_dataset_table_rows(const pg_dataset *ds, const char *name);

/* Writes table `name` of `ds` as CSV: a header row naming its fields (the
 * ones its records have, or, with `every_column`, every known field, then
 * the other attributes by name) and a row per record. Returns PG_OK,
 * PG_EARG (no such table), PG_ENOMEM or PG_EIO. */
pg_status pg_dataset_write_table(const pg_dataset *ds, const char *name, int every_column, FILE *out,
                                 pg_error *err);

/* Writes `ds` as an Excel workbook (.xlsx, Office Open XML), one sheet per
 * table that has rows (as pg_dataset_write_table's, every table with
 * `every_column`), "about" first; cells typed (numbers, booleans, text;
 * dates as text). Returns PG_OK, PG_ENOMEM, PG_EINTERNAL (libzip) or
 * PG_EIO. */
pg_status pg_dataset_write_xlsx(const pg_dataset *ds, int every_column, FILE *out, pg_error *err);

/* Writes `ds` as an OpenDocument spreadsheet (.ods, LibreOffice), the same
 * sheets and cell types as pg_dataset_write_xlsx. Same returns. */
pg_status pg_dataset_write_ods(const pg_dataset *ds, int every_column, FILE *out, pg_error *err);

/* ------------------------------------------------------------------ */
/* All-or-nothing output                                               */
/* ------------------------------------------------------------------ */

/* A set of output files that appear together or not at all, without
 * destroying what a target names:
 * - a regular file, or a path where there is nothing, is written to a
 *   temporary file beside it (".NAME.partygraph-new-PID-N") and renamed
 *   into place by pg_output_commit; a replaced file's mode, and its owner
 *   where permitted, carry over (not its ACLs or other hard links);
 * - a symbolic link is followed, link by link (a relative one from the
 *   link's directory, at most 40), and the file at its end is written so;
 *   the link stays, and a dangling link's target is created;
 * - a FIFO or a character device (a terminal, /dev/null) is written in
 *   place as the stream is written: never renamed over, and not all or
 *   nothing (what it was given cannot be taken back);
 * - anything else (a directory, a block device, a socket) is refused, and
 *   so is a file given to pg_output_protect, however it is named.
 * The first temporary file in a directory takes its lock, DIR/.partygraph.lock
 * (holding the PID): a second set writing into that directory meanwhile,
 * in this process or another, fails at once, naming the PID and the lock
 * file. Taking it, a set removes what dead runs left there, and rolls back
 * a commit such a run was killed in the middle of (or keeps it, when every
 * rename in that directory was done). Freeing an uncommitted set removes
 * its temporary files and the directories it created, leaving what was
 * there untouched. A set belongs to one thread at a time. */
typedef struct pg_output pg_output;

/* Returns a new, empty output set, or NULL when out of memory. */
pg_output *pg_output_new(void);

/* Creates directory `dir` (and missing parents); the ones created are
 * removed again if the set is never committed. Returns PG_OK or PG_EIO. */
pg_status pg_output_mkdir(pg_output *o, const char *dir, pg_error *err);

/* Makes input `path` ("-": standard input) a file that no target of `o`
 * may be: by any name, through links or as a hard link, opening it fails
 * with PG_EARG. Only a regular file needs it; for anything else, or a
 * path that cannot be looked at, it does nothing. Returns PG_OK or
 * PG_ENOMEM. */
pg_status pg_output_protect(pg_output *o, const char *path, pg_error *err);

/* Checks target `path` as pg_output_open would (where its links lead,
 * what is there, the protected inputs, the targets already open) without
 * creating or opening anything. Returns PG_OK, PG_EARG (an input, or a
 * target already open), PG_EIO (refused, a loop of links) or PG_ENOMEM. */
pg_status pg_output_check(const pg_output *o, const char *path, pg_error *err);

/* Returns a stream for target `path` ("-" = standard output, written
 * through directly), or NULL with `err` set: PG_EARG, PG_EIO (as
 * pg_output_check, the directory's lock held, a file that cannot be
 * created) or PG_ENOMEM. The stream belongs to `o`. */
FILE *pg_output_open(pg_output *o, const char *path, pg_error *err);

/* Flushes, syncs and closes every stream, then renames each temporary file
 * onto its target, keeping each old file (or the fact that there was none)
 * beside it until all renames worked. Returns PG_OK or PG_EIO (a write
 * error of any stream, a FIFO's or a device's too); on failure every
 * renamed target holds what it held before. While renaming it blocks
 * SIGHUP, SIGINT, SIGQUIT, SIGTERM and SIGPIPE in the calling thread, so
 * that a handler calling pg_output_remove_temporaries runs before or after
 * the renames, not between two of them. */
pg_status pg_output_commit(pg_output *o, pg_error *err);

/* Releases `o`, discarding whatever was not committed, and its locks;
 * NULL is allowed. */
void pg_output_free(pg_output *o);

/* Async-signal-safe, for a signal handler of the program (the library
 * installs none): removes every temporary file, lock file and created
 * directory of every output set of this process that is not committing
 * (a set interrupted while renaming is left to the next run, as above).
 * It takes no lock and allocates nothing; it keeps errno. Afterwards the
 * sets cannot be committed: end the process, typically by restoring the
 * signal's default action and raising it again. */
void pg_output_remove_temporaries(void);

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/* Borrowed version strings of partygraph, the igraph and the cJSON in use. */
const char *pg_version(void);
const char *pg_igraph_version(void);
const char *pg_cjson_version(void);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* PARTYGRAPH_H */
