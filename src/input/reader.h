/* reader.h - inputs other tools write: NetworkX node-link JSON, JSON Graph
 * Format, Popolo, NDJSON, GraphML, Cytoscape.js JSON, GEXF, and GML and Pajek
 * (igraph's readers). Private to the library.
 *
 * The rule every reader follows: each foreign node or edge becomes a small
 * cJSON object shaped like a partygraph/1 entity or relation and goes
 * through the same pg_schema_* checks as a partygraph/1 file, then
 * pg_resolve and pg_dataset_sort and pg_reltype_classify, so every input is validated alike.
 * load.c detects the format (detect.c) and runs a reader in the frame of
 * reader.c; read_map.c translates a foreign node or edge (the defaults of
 * docs/input-formats.md); one file per format (read_nodelink.c, ...)
 * walks that format's structure.
 *
 * A reader's problems pass through the pg_reader, which gives those
 * reported without a place the current line (GraphML) and writes GraphML
 * paths as graphml/graph/node[3]. The JSON readers' problems are held
 * until the end, as partygraph/1's: running out of memory is then the
 * only line. */
#ifndef PG_READER_H
#define PG_READER_H

#include <cJSON.h>
#include <stdbool.h>

#include "base/sha256.h"
#include "input/input.h"
#include "input/schema.h"
#include "input/table.h"
#include "input/table_place.h"

/* A reference a node makes to another (its `country`, ...). */
typedef struct pg_read_ref {
    long target;         /* index into pg_reader.decls */
    const char *implies; /* the relation it implies: "based_in", ... */
} pg_read_ref;

/* A foreign node as read_map.c knows it (declared before any is read, so
 * that references and edges can name nodes further on). */
typedef struct pg_read_decl {
    const char *id;     /* the node's own id, as text */
    const char *pg_id;  /* the partygraph id it becomes */
    pg_kind kind;
    bool own_kind;      /* its `kind` is partygraph's (else it is kept as an attribute) */
    bool usable;        /* false: a duplicate or a bad id, already reported */
    pg_place at;        /* where it was declared (for a warning about its id) */
    pg_read_ref refs[PG_MAX_REFS]; /* once read */
    int nrefs;
} pg_read_decl;

/* A foreign edge's two ends (a < b, indices into pg_reader.decls) and
 * its number: edges that join the same two nodes merge. */
typedef struct pg_read_pair {
    long a, b, index;
} pg_read_pair;

typedef struct pg_reader {
    pg_loader L;
    pg_report report;
    pg_load_options opt;          /* the caller's, with problems routed through here */
    const pg_load_options *user;  /* the caller's */
    pg_input_format format;
    long line;                    /* > 0: the line of problems that have none */
    bool slash_paths;             /* paths as graphml/graph/node[3] */
    pg_error first;               /* the first error as the caller saw it */
    bool has_first;
    pg_sha256 sha;
    PG_VEC(pg_read_decl) decls;
    pg_strmap by_id;              /* declared id -> index into decls */
    pg_strmap by_pg_id;           /* partygraph id -> index into decls (rewrites once every node is declared) */
    bool rewrites_done;           /* rewritten ids are in by_pg_id */
    pg_strmap warned;             /* warnings given once per input */
    pg_error io;                  /* why reading the input failed, when io_failed */
    bool io_failed;
    const char *end_keys[2];      /* the members naming an edge's ends, for messages ("source", "target") */
    bool ours;                    /* written by partygraph: its computed columns are ignored, not kept */
    bool schema_read;             /* read by partygraph/1's schema (tables): resolve even after an error */
    PG_VEC(pg_read_pair) pairs;   /* the ends of every edge read */
    pg_strmap names[2];           /* an attribute name as written (of a node, of an edge) -> index into `read_as` */
    PG_VEC(const char *) read_as; /* the name it is read under (NULL: ignored), decided once per name */
    char *copy;                   /* the JSON text last parsed, NaN and Infinity rewritten (json_numbers.h) */
    size_t copy_cap;
    pg_tables tables;             /* a tabular input's tables (pg_read_tables) */
    pg_table_places table_places; /* which rows became which elements: problems are placed in the cells */
} pg_reader;

/* A new frame for reading an input named `name` in `format`, problems
 * going to opt->on_problem through it; NULL when out of memory. */
pg_reader *pg_reader_new(const char *name, const pg_load_options *opt, pg_input_format format);

/* Ends the frame `R` (freed here): resolves and sorts what the reader
 * read (when `go` and no error), passes on the problems held (none when
 * memory or reading failed: that is the one line), or reports why not.
 * Returns the dataset (R's no longer) or NULL with `err` set. */
pg_dataset *pg_reader_finish(pg_reader *R, bool go, pg_error *err);

/* The readers: each reads a whole input (NDJSON: the `len` bytes already
 * read, then the rest of `in` when not NULL) into R's dataset. Return
 * "go on" (false after an error that stops loading). */
typedef bool pg_read_fn(pg_reader *R, const char *text, size_t len, pg_input *in);
pg_read_fn pg_read_nodelink, pg_read_jgf, pg_read_popolo, pg_read_ndjson, pg_read_graphml, pg_read_cyjs, pg_read_gml,
    pg_read_pajek, pg_read_gexf;

/* One CSV or TSV table (read_tables.c), named after its file ("parties.csv":
 * the table of parties), separated by opt.separator or as detected. */
pg_read_fn pg_read_table_text;

/* Reads the tables `t` (taken: they move into R, which keeps them until
 * pg_reader_finish; `t` is left empty) as one input. Tables named after
 * partygraph/1's arrays (and `about`) are tabular partygraph/1
 * (docs/input.md, "Tables and workbooks"): one document is built from
 * them and read by the partygraph/1 loader's code, every problem placed
 * in its table's cell. Other tables are warned about and ignored.
 * Returns "go on". For the workbook reader too (its sheets as tables). */
bool pg_read_tables(pg_reader *R, pg_tables *t);

/* Reads the `len` bytes at `text`, the CSV or TSV file `file` (a byte
 * order mark skipped), as one more table of `out`, named after the file;
 * a file that is not CSV is reported at its line:column. Returns "go
 * on". */
bool pg_read_table_csv(pg_reader *R, pg_tables *out, const char *file, const char *text, size_t len);

/* Loads the folder at `path` (read_folder.c): every .csv and .tsv file in
 * it (gzipped or not), by name order, each a table named after its file,
 * read as pg_read_tables reads them. Same contract as
 * pg_dataset_load_file_opts (`opt` not NULL). */
pg_dataset *pg_read_folder(const char *path, const pg_load_options *opt, pg_error *err);

/* Loads the `n` table files at `paths` (read_folder.c) in the order
 * given, as pg_read_folder loads a folder's files, into one input named
 * after the first; no file (n == 0), a file not named as a table (.csv,
 * .tsv, gzipped or not) or two files of one table name are PG_EINVALID.
 * Same contract as pg_dataset_load_file_opts (`opt` not NULL). */
pg_dataset *pg_read_files(const char *const *paths, size_t n, const pg_load_options *opt, pg_error *err);

/* ---- tables (table.h) ------------------------------------------------- */

typedef struct pg_tables pg_tables;

/* Are tables `t` an edge list: has one of them the name "edges", or
 * Source and Target columns (in any case)? (read_edges.c) */
bool pg_tables_edge_list(const pg_tables *t);

/* Reads the edge list in `t` (an edges table, and a nodes table named
 * "nodes" or with an Id column when there is one; docs/input.md, "Edge
 * lists") into R's dataset, problems placed at $.TABLE[ROW].HEADER.
 * Returns "go on". */
bool pg_read_edge_tables(pg_reader *R, const pg_tables *t);

/* Reads table `t` as a participation log (docs/input.md, "Participation
 * logs"), its columns given roles by R->opt.columns (NULL: the headers
 * named as the roles), into R's dataset: events, parties, mechanisms,
 * countries and one "attended" relation per row, problems placed at
 * $.TABLE[ROW].HEADER. Returns "go on". (read_log.c) */
typedef struct pg_table pg_table;
bool pg_read_log_table(pg_reader *R, const pg_table *t);

/* ---- for the readers -------------------------------------------------- */

/* Checks the syntax of `len` bytes at `text` strictly, but for the words
 * NaN, Infinity and -Infinity that Python's json.dump writes, and parses
 * them, repeated keys keeping their last value (dupkeys.h) and numbers as
 * written (json_numbers.h: an integer beyond 2^53 as a string of its
 * digits, NaN and infinities as null; one warning per kind per input, at
 * the first); problems are placed in the text from then on (it must
 * outlive the reader's work). A byte order mark is skipped. NULL after
 * reporting a syntax error at its line:column (or out of memory). The
 * caller deletes the tree. */
cJSON *pg_read_parse_json(pg_reader *R, const char *text, size_t len);

/* As pg_read_parse_json, for a text (no byte order mark) whose first byte
 * is at place `start` of the input (an NDJSON line: {line, 1}); the text
 * is the problems' until the next parse or pg_report_set_text. */
cJSON *pg_read_parse_json_at(pg_reader *R, const char *text, size_t len, pg_place start);

/* Warns once per input about `topic` (a short key such as "directed",
 * "name:KEY"): only the first call with a topic reports. */
void pg_read_warn_once(pg_reader *R, const char *topic, const pg_jpath *p, const char *fmt, ...) PG_PRINTF(4, 5);

/* Warns about what partygraph's undirected, merged model drops when the
 * object `root` says "directed" or "multigraph" (node-link, Cytoscape.js). */
void pg_read_flags(pg_reader *R, const cJSON *root);

/* Sets the dataset's title when it has none yet and `title` is a
 * non-empty string. Returns false when out of memory. */
bool pg_read_title(pg_reader *R, const cJSON *title);

/* Sets the dataset's description when it has none yet and `description`
 * is a non-empty string (partygraph writes it among the graph's data).
 * Returns false when out of memory. */
bool pg_read_description(pg_reader *R, const cJSON *description);

/* Reports, at `p`, that `v` is not `expected` ("an array"). Returns "go
 * on". */
bool pg_read_wrong(pg_reader *R, const cJSON *v, pg_jpath p, const char *expected);

/* The id text (as pg_read_id_text) of member `key` of `obj`, at p.key. */
const char *pg_read_member_id(pg_reader *R, const cJSON *obj, const char *key, pg_jpath p, char *buf, size_t size);

/* The text of a foreign id (a string, or a number written as NetworkX's
 * integers are) in `buf`; NULL after reporting, at `p`, any other value. */
const char *pg_read_id_text(pg_reader *R, const cJSON *v, pg_jpath p, char *buf, size_t size);

/* Declares the next foreign node: its id and its attributes (an object),
 * from which its kind is read. A NULL id or attributes declare a node
 * whose problems were reported (edges to it are skipped quietly), to keep
 * the numbering. Call it for every node, in order, before the first
 * pg_read_node or pg_read_edge (the first of which gives the ids that are
 * rewritten theirs, once every node's own id is known). Returns "go on". */
bool pg_read_declare(pg_reader *R, const char *id, const cJSON *attrs, pg_jpath p);

/* Reads declared node number `index` (in declaration order) with the same
 * attributes: an entity for pg_schema_entity. Returns "go on". */
bool pg_read_node(pg_reader *R, size_t index, const cJSON *attrs, pg_jpath p);

/* Reads an edge between declared node ids with its attributes (an object
 * or NULL); `type` is the relation type when the attributes give none
 * (NULL: "contact"). Returns "go on". */
bool pg_read_edge(pg_reader *R, const char *source, const char *target, const cJSON *attrs, const char *type,
                  long index, pg_jpath p);

/* Warns, once, about the first member of a graph's own data `data` (an
 * object, or NetworkX 2's array of [key, value] pairs; NULL: none), at
 * top-level member `key_at`, that is not read: all but a title, name,
 * description and what partygraph writes there (view, version, input
 * digest). */
void pg_read_unread_graph_data(pg_reader *R, const cJSON *data, const char *key_at);

/* Marks R's input as written by partygraph when `creator` (a GEXF
 * <creator>, a node-link graph's "partygraph" member, a GraphML comment;
 * NULL for none) starts with "partygraph", after any spaces. */
void pg_read_note_creator(pg_reader *R, const char *creator);

/* An object a reader builds (an entity, a relation, Popolo's attributes)
 * with its keys at hand: cJSON's look-up walks every member, which made
 * a node of many attributes cost their square. */
typedef struct pg_read_obj {
    cJSON *obj;
    pg_strmap keys; /* its keys, once it has more than a few */
    size_t n;       /* its members */
} pg_read_obj;

/* A new empty object; false when out of memory (reported). */
bool pg_read_obj_init(pg_reader *R, pg_read_obj *o);

/* Does the object have member `key`? */
bool pg_read_obj_has(const pg_read_obj *o, const char *key);

/* Adds `value` (taken; NULL: out of memory) as the object's member
 * `key`. Returns false when out of memory (reported). */
bool pg_read_obj_add(pg_reader *R, pg_read_obj *o, const char *key, cJSON *value);

/* Deletes the object (accepts one that failed to start). */
void pg_read_obj_free(pg_read_obj *o);

#endif
