/* graph.h - a built view of a dataset (nodes are a subset of its
 * entities, edges merged relations or projected ties) and the results of
 * its analysis. Private to the library; the public view is partygraph.h.
 *
 * Building goes in stages, one file each: links.c collects the relations
 * inside the time window; merge.c (full view) or project.c (the other
 * views) turns them into edges; filter.c keeps the nodes and edges asked
 * for; view.c runs the stages and creates the igraph graph. */
#ifndef PG_GRAPH_H
#define PG_GRAPH_H

#include <igraph.h>
#include <stdbool.h>

#include "base/child.h"
#include "base/progress.h"
#include "base/timing.h"
#include "model/dataset.h"

/* Days a merged edge's relations cover, YYYYMMDD inclusive; open ends are
 * PG_OPEN_START / PG_OPEN_END (below). */
typedef struct pg_spell {
    int32_t from_day, to_day; /* YYYYMMDD, or PG_OPEN_START / PG_OPEN_END (32 bits: one per edge at least) */
} pg_spell;

typedef PG_VEC(pg_spell) pg_spell_vec;

/* One edge between nodes u < v: merged relations, or a projected tie.
 * Laid out for size (120 bytes; there are millions): its counts are 32
 * bits, as the links behind a graph are fewer than INT32_MAX
 * (pg_link_count_fits). */
typedef struct pg_edge {
    long u, v;
    double weight;       /* summed weights, or the projection's weight */
    double forward_weight, backward_weight; /* full view: the weights of its directed relations from u to v,
                                               and from v to u (pg_relation_type.directed) */
    const char *types;   /* sorted distinct relation types, ";"-joined */
    const char *sources; /* sorted distinct cited sources, ";"-joined */
    const char *via;     /* projections: their ids, sorted, capped; "" otherwise */
    int32_t count;       /* relations behind it (shared affiliations + contacts) */
    int32_t shared;      /* projections: shared affiliations */
    int32_t forward, backward; /* full view: how many directed relations run from u to v, and from v to u */
    pg_date first, last;
    pg_span attrs;       /* into pg_graph.edge_attrs: merged string attributes */
    pg_span type_counts; /* into pg_graph.type_counts: the relations behind it by type, sorted by type */
    pg_span spells;      /* full view: into pg_graph.spells, the days of its relations with overlapping
                            and adjacent ones joined, by start (an undated relation: one open spell);
                            empty in projected views */
    bool open_start;     /* full view: a relation behind it has no start (undated) */
    bool open_end;       /* full view: one has no end (undated, or member_of without end) */
} pg_edge;

/* Can the counts of pg_edge hold `links` links? */
static inline bool pg_link_count_fits(size_t links) { return links < INT32_MAX; }

typedef PG_VEC(pg_edge) pg_edge_vec;

/* An attribute column of an output table, with one GraphML type. */
typedef enum pg_column_type { PG_COL_STRING = 0, PG_COL_LONG, PG_COL_DOUBLE, PG_COL_BOOL } pg_column_type;

typedef struct pg_column {
    const char *key;
    pg_column_type type;
} pg_column;

typedef PG_VEC(pg_column) pg_column_vec;

/* What relation types were seen, for the summary. */
typedef struct pg_type_count {
    const char *type;
    long count;
} pg_type_count;

/* A node filter "attr=value". */
typedef struct pg_where {
    const char *attr;
    const char *value;
} pg_where;

/* The view options, checked and parsed (strings copied into the graph). */
typedef struct pg_view_spec {
    pg_view view;
    pg_projection projection;
    long max_event_size, min_shared;
    bool windowed;         /* from_day/to_day restrict the relations */
    long from_day, to_day; /* YYYYMMDD, inclusive */
    bool dated_only;
    unsigned kinds;
    pg_where *where;
    size_t nwhere;
    double min_weight;
    bool giant;
    long k_core;
    bool *excluded;        /* by entity: left out with all its ties (--exclude); NULL: none */
    bool *type_off;        /* by relation type index: its relations left out; NULL: none */
    bool undated_keep;     /* in a window, keep the undated relations (else they are left out) */
} pg_view_spec;

enum { PG_METRIC_COUNT = 24, PG_MAX_WARNINGS = 8, PG_MAX_HOMOPHILY = 3 + PG_MAX_BY };

/* Homophily of one categorical attribute. */
typedef struct pg_homophily {
    const char *attr;
    double assortativity;  /* NaN when undefined */
    long internal, external;
    size_t nvalues;
    const char **values;   /* sorted */
    long *mixing;          /* nvalues x nvalues edge counts, symmetric */
} pg_homophily;

/* A value and how many alters have it, for ego reports. */
typedef struct pg_count {
    const char *value;
    long count;
} pg_count;

/* The groupings of an ego report: kind, country, region, family, ruling,
 * mechanism. */
enum { PG_EGO_GROUPS = 6 };
extern const char *const pg_ego_group_names[PG_EGO_GROUPS];

/* Whole-graph structure measures. */
typedef struct pg_structure {
    double centralization[4]; /* degree, betweenness, closeness, eigenvector */
    double diameter, average_path_length, transitivity;
    long brokerage_total[5];
    double reciprocity;       /* of the directed network (directed.c); NaN without arcs or direction */
    long arcs;                /* its arcs */
    long star, star_ties;     /* the node on most edges when the view is a star around it (reports.c), and
                                 its edges; star -1 otherwise */
} pg_structure;

/* One period of pg_graph_analyse_periods: its label and, per ranked
 * metric, the entities present with value and rank. */
typedef struct pg_period_row {
    long entity;
    int metric;
    double value;
    long rank;             /* 0 = unranked (undefined value) */
} pg_period_row;

/* A riser or faller between period `period` and the next, on `metric`. */
typedef struct pg_rank_move {
    size_t period;
    int metric;
    bool rise;
    long entity;
    long from, to;         /* ranks */
} pg_rank_move;

typedef struct pg_periods {
    int window_months, step_months;
    size_t count;
    char (*labels)[12];
    size_t *nodes, *edges;    /* per period */
    size_t *undated, *timeless; /* per period: its undated_left_out and timeless_left_out */
    PG_VEC(pg_type_count) types; /* the periods' relations by type (pg_graph.types), one after another */
    size_t *first_type;    /* types of period p: [first_type[p], first_type[p + 1]) */
    PG_VEC(pg_period_row) rows;
    size_t *first_row;     /* rows of period p: [first_row[p], first_row[p + 1]) */
    PG_VEC(pg_rank_move) moves; /* grouped by period, then metric; risers first */
} pg_periods;

struct pg_graph {
    const pg_dataset *ds;
    pg_arena arena;        /* merged and copied strings */
    pg_view_spec spec;
    size_t n;
    long *entity;          /* node -> entity index, increasing */
    pg_edge_vec edges;     /* sorted by (u, v) */
    PG_VEC(pg_attr) edge_attrs;
    pg_spell_vec spells;   /* the edges' spells (pg_edge.spells), owned by the graph: freed with it */
    PG_VEC(pg_type_count) types;
    PG_VEC(pg_type_count) type_counts; /* the edges' relations by type (pg_edge.type_counts) */
    pg_column_vec node_columns; /* entity attributes, sorted by key */
    pg_column_vec edge_columns; /* merged relation attributes */
    size_t explicit_relations, implied_relations, self_loops;
    size_t undated_left_out;  /* in a window: undated explicit relations left out (links.c) */
    size_t timeless_left_out; /* in a window: undated implied ties left out, an end without a dated tie */
    long ego;              /* pg_graph_ego: the ego's node; -1 otherwise */
    int radius;            /* pg_graph_ego: the radius */
    long *distance;        /* pg_graph_ego: hops from the ego, per node */
    long *ego_edge;        /* pg_graph_ego: per node, its edge to the ego or -1 */
    pg_count *groups[PG_EGO_GROUPS]; /* pg_graph_ego: alters by value, in the arena */
    size_t ngroups[PG_EGO_GROUPS];

    igraph_t ig;           /* vertices 0..n-1, edges in `edges` order */
    igraph_vector_t weights;
    bool has_ig;

    /* analysis; valid when `analysed` */
    bool analysed;
    pg_analysis_options options;   /* strings point into `arena` */
    igraph_vector_t metric[PG_METRIC_COUNT];
    long *community;
    size_t *community_size;
    size_t communities;
    double modularity, objective;
    double nmi_mean, vi_mean;      /* runs > 1; NaN otherwise */
    int restarts_used;             /* by each detection (options.restarts, or the automatic count) */
    bool restarts_auto;            /* the count came from the graph's size */
    size_t components, largest_component;
    double density;
    double max_metric[PG_METRIC_COUNT];
    double *x, *y;                 /* layout positions, n each (valid when has_layout) */
    bool has_layout;
    long *betweenness_sources;     /* sampled sources (entities), or NULL */
    size_t nbetweenness_sources;
    long *closeness_sources;       /* the distance pass's sampled sources (entities), or NULL */
    size_t ncloseness_sources;
    bool betweenness_auto, closeness_auto; /* sampled because the graph is over the limit */
    bool metric_on[PG_METRIC_COUNT]; /* computed and written (options.metrics) */
    pg_structure structure;
    pg_homophily homophily[PG_MAX_HOMOPHILY];
    size_t nhomophily;
    pg_periods *periods;
    const char **tie_columns;      /* "ties_<type>" for each relation type behind the edges, sorted (ties.c) */
    size_t ntie_columns;
    long *ties;                    /* n x ntie_columns: each node's relations of each type */
    char warnings[PG_MAX_WARNINGS][256];
    int nwarnings;
    int star_warning;              /* the star warning's index in `warnings`, or -1 */
    pg_timings timings;    /* loading and building, then the analysis, then what callers add */
    size_t built_timings;  /* how many of them loading and building took: a new analysis keeps those */
    pg_progress *progress; /* during an analysis, its progress reports; NULL otherwise */
};

/* ---- building (view.c, links.c, merge.c, project.c, filter.c) ---- */

/* Days as YYYYMMDD; these stand for an open start and an open end. */
enum { PG_OPEN_START = 0, PG_OPEN_END = 99999999 };

/* A relation, explicit or implied by an entity field, between entities
 * a and b (a != b), with the days it covers. */
typedef struct pg_link {
    long a, b;
    double weight;
    const char *type;
    pg_date first, last;   /* shown as the edge's first/last */
    bool dated;
    bool cites, has_attrs; /* r cites sources / has attributes (merging reads r only then) */
    unsigned char dir;     /* PG_DIR_NONE, PG_DIR_AB (runs from a to b) or PG_DIR_BA */
    bool structural;       /* of a structural type (pg_relation_type.structural) */
    int32_t from_day, to_day; /* the covered days when dated, open ends PG_OPEN_START / PG_OPEN_END
                                 (32 bits: a link takes 64 bytes, there are millions of them) */
    const pg_relation *r;  /* NULL when implied */
} pg_link;

typedef PG_VEC(pg_link) pg_link_vec;

enum { PG_DIR_NONE = 0, PG_DIR_AB = 1, PG_DIR_BA = 2 };

/* Sets g->spec.excluded and g->spec.type_off from the options --exclude,
 * --types, --exclude-types and --no-structural of `opt` (in g's arena;
 * left NULL when nothing is left out). Returns PG_OK, PG_EARG (an id
 * that is not an entity, a type the dataset does not know, each with the
 * nearest known one) or PG_ENOMEM. */
pg_status pg_view_choose(pg_graph *g, const pg_view_options *opt, pg_error *err);

/* Appends to `out` the links of `g->ds` inside g->spec's time window
 * (explicit relations first), counting in `g` the explicit and implied
 * relations kept and the self-loops dropped. Returns 0 or -1 (memory). */
int pg_links_collect(pg_graph *g, pg_link_vec *out);

/* Full view: one node per entity, links merged into edges. 0 or -1. */
int pg_merge_links(pg_graph *g, pg_link_vec *links);

/* Other views: nodes of the view's kind, projected ties. 0 or -1. */
int pg_project_links(pg_graph *g, const pg_link_vec *links);

/* Applies g->spec's node and edge filters (and, in a time window, drops
 * the nodes left without edges). 0 or -1. */
int pg_filter_apply(pg_graph *g);

/* The edges at each node of `g`, in one array: those at node v are
 * edge[first[v]] .. edge[first[v + 1] - 1] (indices into g->edges; an
 * edge is listed at both its ends). Returns 0 with *first (n + 1
 * entries) and *edge set, the caller frees both; -1 when out of memory. */
int pg_graph_incidence(const pg_graph *g, size_t **first, size_t **edge);

/* Orders the n records of `size` bytes at `items` by the pair of node or
 * entity numbers (longs in [0, nodes)) at byte offsets off_a and off_b,
 * stable: two counting sorts, by b then by a, O(n + nodes), nothing
 * compared. Returns 0 with the records' indices in that order in
 * *order (a new array, the caller frees it), or -1 when out of memory. */
int pg_pair_order(const void *items, size_t n, size_t size, size_t off_a, size_t off_b, size_t nodes, size_t **order);

/* Sets `lengths` (an initialised vector) to each edge's length for
 * weighted paths: 1/weight. */
igraph_error_t pg_graph_lengths(const pg_graph *g, igraph_vector_t *lengths);

/* Joins the distinct strings of `items` (sorted in place) with ';' into
 * the graph's arena; NULL when out of memory. */
const char *pg_graph_join(pg_graph *g, const char **items, size_t n);

/* The text of node v's attribute `key`: its entity's own value, or else
 * the value on the entity's country (a party's or an event's `country`);
 * "kind" is the entity's kind. NULL when neither has it. `buf` holds
 * numbers. */
const char *pg_node_attr(const pg_graph *g, size_t v, const char *key, char buf[32]);

/* The same for entity number `entity` of `ds`, in or out of a view. */
const char *pg_entity_attr_text(const pg_dataset *ds, long entity, const char *key, char buf[32]);

/* near.c: does an entity of `ds` have attribute `key` (as pg_node_attr
 * reads it: "kind" always)? */
bool pg_dataset_has_attr(const pg_dataset *ds, const char *key);

/* PG_OK when an entity of `ds` has attribute `key`, else PG_EARG with
 * "OPTION: no node has an attribute 'KEY'" and the nearest key there is. */
pg_status pg_check_attr(const pg_dataset *ds, const char *option, const char *key, pg_error *err);

/* Sets `err` to "no node 'ID' in the VIEW view", saying that the view
 * leaves it out when the dataset has such an entity, else with the
 * nearest node id of `g` (the same in another case first); returns
 * PG_EARG. */
pg_status pg_graph_no_node(const pg_graph *g, const char *id, const char *view, pg_error *err);

/* Records that stage `name` (a static string) ran since `started`
 * (timing.h says how its igraph share is counted), and ends the progress
 * reports of that stage. */
void pg_graph_time(pg_graph *g, const char *name, double started);

/* Records, as the first stages of `g`, the loading of its dataset (when
 * the dataset knows its load time) and its building since `started`. */
void pg_graph_time_built(pg_graph *g, double started);

/* Records, as the first stages of ego network `h`, those of loading and
 * building the graph `from` it was cut from, and its cutting since
 * `started`. */
void pg_graph_time_cut(pg_graph *h, const pg_graph *from, double started);

/* How an edge reads with direction: its ends in the direction of its
 * directed relations (u, v when it has none, or some each way), how many
 * run each way, and its direction's name: "undirected" (no directed
 * relation), "directed" (all of them from source to target; undirected
 * ones may be there too) or "mutual" (some each way). */
typedef struct pg_edge_ends {
    long source, target;
    long forward, backward; /* directed relations source -> target, target -> source */
    const char *direction;
} pg_edge_ends;

pg_edge_ends pg_edge_orient(const pg_edge *e);

/* Is `g` an ego network (cut from a view by pg_graph_ego_opts, with its
 * ego or without)? */
bool pg_graph_is_cut(const pg_graph *g);

/* The entity of node v. */
const pg_entity *pg_node_entity(const pg_graph *g, size_t v);

/* ---- analysis ---------------------------------------------------- */

/* The mean edge length of layouts, in points (DOT's unit; GraphML and
 * GEXF carry the same numbers). */
#define PG_LAYOUT_EDGE_LENGTH 72.0
#define PG_LAYOUT_KK_MAX_NODES 1000

/* The layout `l` stands for (auto resolved: fr at every size). */
pg_layout pg_layout_resolve(pg_layout l);

/* Fills g->x and g->y (allocated, n each) with the layout of
 * g->options.layout, setting g->has_layout. */
igraph_error_t pg_layout_compute(pg_graph *g);

/* A layout computed in a child process while the caller goes on (the
 * metrics, the communities), or, when none was started, by
 * pg_layout_finish itself. */
typedef struct pg_layout_run {
    bool started;
    pg_child_job job;
    pg_child child;
} pg_layout_run;

/* Starts computing the layout of `g` in a child process, when it has one
 * to compute, of at least PG_LAYOUT_BESIDE_MIN nodes, and processes are
 * allowed (options.jobs != 1); otherwise, or when no process can start,
 * leaves it to pg_layout_finish. No other thread may run. */
void pg_layout_start(pg_graph *g, pg_layout_run *run);

/* pg_layout_compute's result: the child's (which reports its failures as
 * igraph errors: out of memory, a crash), or computed here. The run is
 * over after it, whatever it returns. */
igraph_error_t pg_layout_finish(pg_graph *g, pg_layout_run *run);

/* Ends a run that will not be finished (the analysis failed meanwhile):
 * its child is killed and reaped. For IGRAPH_FINALLY. */
void pg_layout_abandon(pg_layout_run *run);

/* Nodes from which the layout is worth a process of its own. */
#define PG_LAYOUT_BESIDE_MIN 300

typedef enum pg_rank_order { PG_RANK_NONE = 0, PG_RANK_DESC, PG_RANK_ASC } pg_rank_order;

typedef struct pg_metric_info {
    const char *name;
    bool integer;
    pg_rank_order order; /* how "top" lists rank it; NONE: not listed */
} pg_metric_info;

/* The metric table, PG_METRIC_COUNT entries in output order. */
const pg_metric_info *pg_metric_table(void);

/* Index of metric `name` in the table, or -1. */
int pg_metric_index(const char *name);

/* Sets on[m] for the metrics of comma list `list` (all when NULL).
 * Returns PG_OK, or PG_EARG for an empty or unknown name (with the
 * nearest known one as "did you mean"). */
pg_status pg_metric_select(const char *list, bool on[PG_METRIC_COUNT], pg_error *err);

/* Computes every metric filled by metrics.c into results[], vectors the
 * caller has initialised to n zeros (and owns). */
igraph_error_t pg_metric_compute(pg_graph *g, igraph_vector_t *results);

/* Detects communities into g->community (and the "community" and
 * "stability" columns), setting g->communities, sizes, modularity,
 * objective, nmi_mean and vi_mean. */
igraph_error_t pg_community_detect(pg_graph *g);

/* Structure measures, homophily and brokerage totals (reports.c). */
igraph_error_t pg_reports_compute(pg_graph *g);

/* The directed measures (directed.c) into results[] (the metric vectors,
 * as pg_metric_compute), those of g->metric_on: in_degree, out_degree,
 * in_strength, out_strength, hub, authority; and g->structure's
 * reciprocity and arcs. NaN in a projected view, which has no direction. */
igraph_error_t pg_directed_compute(pg_graph *g, igraph_vector_t *results);

/* Counts each node's relations by type into g->tie_columns, ntie_columns
 * and ties (ties.c; freed by pg_graph_clear_results). 0, or -1 when out
 * of memory. */
int pg_ties_count(pg_graph *g);

/* The text of the star warning of analysed `g` (g->structure.star >= 0)
 * into `out` (reports.c). */
void pg_star_text(const pg_graph *g, char *out, size_t size);

/* Destroys the analysis results, if any; the graph is "not analysed". */
void pg_graph_clear_results(pg_graph *g);

/* Builds a view from a checked spec (its strings are borrowed: `spec`'s
 * owner must outlive the graph). NULL with `err` set on failure. */
pg_graph *pg_graph_build_spec(const pg_dataset *ds, const pg_view_spec *spec, pg_error *err);

/* Ranks of all nodes on metric m into rank[] (1 = first, as in top lists;
 * 0 for undefined values). 0, or -1 when out of memory. */
int pg_graph_ranks(const pg_graph *g, int m, long *rank);

/* The last building steps shared by every way of making a graph: the
 * attribute columns and the igraph graph. */
pg_status pg_graph_complete(pg_graph *g, pg_error *err);

/* Creates g->ig and g->weights from the edges. */
igraph_error_t pg_graph_make_igraph(pg_graph *g);

/* A new empty graph of `ds` (not an ego network: ego = -1), or NULL when
 * out of memory; the caller sets its spec, nodes and edges. */
pg_graph *pg_graph_new(const pg_dataset *ds);

/* The metrics whose rank changes between periods are reported. */
enum { PG_CHANGE_METRICS = 3, PG_MOVERS = 5 };
extern const char *const pg_change_metrics[PG_CHANGE_METRICS];

/* Frees a pg_periods; NULL allowed. */
void pg_periods_free(pg_periods *p);

#endif
