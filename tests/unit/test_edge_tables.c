/* test_edge_tables.c - edge lists and participation logs in tables read
 * through the reader frame (read_edges.c, read_log.c), until the table
 * loader calls them: a few cases checked here; and, when PG_TABLES_READ is
 * set, a tool for tests/readers/test_edge_tables.py and
 * scripts/bench/log.py: it reads the CSV files PG_TABLES_FILES names
 * (separated by ':'; each a table named after its file) as an edge list
 * ("edges") or a participation log ("log", its --columns in
 * PG_TABLES_COLUMNS), prints the dataset (dataset_dump.h) on standard
 * output and each problem on standard error, and fails when loading
 * fails. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_dump.h"
#include "harness.h"
#include "input/csv.h"
#include "input/reader.h"

/* ---- reading tables --------------------------------------------------- */

/* Adds the CSV text `text` as table `name` of `t`; false when it is not CSV. */
static bool add_table(pg_tables *t, const char *name, const char *text)
{
    pg_csv_error e;
    char file[160];
    snprintf(file, sizeof file, "%s.csv", name);
    return pg_csv_read(text, strlen(text), file, name, 0, t, &e) == 0;
}

/* Reads `t` as an edge list (log: a participation log with `columns`),
 * problems to `opt`; the dataset or NULL with `err` set. */
static pg_dataset *read_tables(const pg_tables *t, bool log, const char *columns, pg_load_options *opt,
                               pg_error *err)
{
    pg_load_options o = *opt;
    o.columns = columns;
    pg_reader *R = pg_reader_new("tables", &o, PG_INPUT_NODELINK);
    if (R == NULL)
        return NULL;
    bool go = log ? pg_read_log_table(R, &t->items.items[0]) : pg_read_edge_tables(R, t);
    return pg_reader_finish(R, go, err);
}

/* ---- the tool ----------------------------------------------------------- */

/* The whole file at `path` (malloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, chunk[65536];
    size_t len = 0, n;
    FILE *m = f ? open_memstream(&buf, &len) : NULL;
    while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    if (m)
        fclose(m);
    if (f)
        fclose(f);
    return buf;
}

/* The name of a table file: its base name without the ending. */
static void table_name(const char *path, char name[128])
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    snprintf(name, 128, "%s", base);
    char *dot = strrchr(name, '.');
    if (dot)
        *dot = '\0';
}

static void print_problem(const pg_error *e, void *userdata)
{
    char line[2048];
    (void)userdata;
    fprintf(stderr, "%s\n", pg_error_format(e, line, sizeof line));
}

static int tool(const char *what, char *files)
{
    pg_tables t = PG_TABLES_INIT;
    char *save = NULL, name[128];
    for (char *path = strtok_r(files, ":", &save); path; path = strtok_r(NULL, ":", &save)) {
        char *text = slurp(path);
        table_name(path, name);
        bool ok = text && add_table(&t, name, text);
        free(text);
        if (!ok)
            return fprintf(stderr, "%s: not read\n", path), 2;
    }
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    opt.max_errors = 0;
    opt.on_problem = print_problem;
    pg_error err;
    pg_dataset *ds = read_tables(&t, strcmp(what, "log") == 0, getenv("PG_TABLES_COLUMNS"), &opt, &err);
    if (ds)
        test_dump_dataset(stdout, ds);
    pg_dataset_free(ds);
    pg_tables_free(&t);
    return ds ? 0 : 1;
}

/* ---- the checks ---------------------------------------------------------- */

/* The dump of `ds` (malloc'd; NULL when `ds` is), which is freed. */
static char *dump_of(pg_dataset *ds)
{
    char *dump = NULL;
    size_t len = 0;
    FILE *f = ds ? open_memstream(&dump, &len) : NULL;
    if (f) {
        test_dump_dataset(f, ds);
        fclose(f);
    }
    pg_dataset_free(ds);
    return dump;
}

/* Reads `edges` (and `nodes` unless NULL) as an edge list; the dump of the
 * dataset (malloc'd; NULL when it failed), the problems into *s. */
static char *edge_list(const char *edges, const char *nodes, test_problems *s, pg_error *err)
{
    pg_tables t = PG_TABLES_INIT;
    pg_load_options opt = { .max_errors = 0, .on_problem = test_collect_problem, .userdata = s };
    if (!add_table(&t, "edges", edges) || (nodes && !add_table(&t, "nodes", nodes)))
        return NULL;
    char *dump = dump_of(read_tables(&t, false, NULL, &opt, err));
    pg_tables_free(&t);
    return dump;
}

static void gephi(void)
{
    test_problems s = { 0 };
    pg_error err;
    char *d = edge_list("Source,Target,Type,Weight,since\na,b,Directed,2,1990\nb,c,Undirected,1.5,x\n",
                        "Id,Label,kind\na,Party A,party\nb,B,party\n", &s, &err);
    CHECK(d != NULL, "a Gephi edge list with a nodes table reads");
    CHECK(d && strstr(d, "E a|Party A|") != NULL, "Label is the node's name");
    CHECK(d && strstr(d, "E c|c|") != NULL, "a node only an edge names is made, its name its id");
    CHECK(d && strstr(d, "R contact|a@") != NULL, "Type Directed is a direction, not the relation type");
    CHECK(d && strstr(d, "|2|") != NULL && strstr(d, "since=s:1990") != NULL,
          "Weight is the weight; a column of text and numbers is text");
    free(d);
}

static void errors(void)
{
    test_problems s = { 0 };
    pg_error err;
    char line[1024];
    char *d = edge_list("source,target,Weight\na,b,1\nb,c,heavy\n", NULL, &s, &err);
    CHECK(d == NULL && s.count >= 1, "a weight that is no number is an error");
    CHECK_STR(s.count ? pg_error_format(&s.first, line, sizeof line) : NULL,
              "tables: $.edges[1].Weight: a weight must be a number, got \"heavy\"",
              "placed at the table, row and header as written");
    free(d);
    s = (test_problems){ 0 };
    d = edge_list("Soruce,Target\na,b\n", NULL, &s, &err);
    CHECK_STR(s.count ? pg_error_format(&s.first, line, sizeof line) : NULL,
              "tables: $.edges.Soruce: no Source column in table \"edges\": did you mean \"Soruce\"?",
              "a misspelt header is named");
    free(d);
}

/* Reads `log` as a participation log with `columns`; as edge_list. */
static char *participation(const char *log, const char *columns, test_problems *s, pg_error *err)
{
    pg_tables t = PG_TABLES_INIT;
    pg_load_options opt = { .max_errors = 0, .on_problem = test_collect_problem, .userdata = s };
    if (!add_table(&t, "log", log))
        return NULL;
    char *dump = dump_of(read_tables(&t, true, columns, &opt, err));
    pg_tables_free(&t);
    return dump;
}

static void logs(void)
{
    test_problems s = { 0 };
    pg_error err;
    char line[1024];
    char *d = participation("Meeting;Date;Party;Host\nG 20;2020-02;P.S.O.E.;Spain\nG 20;2020-02;P S O E;Spain\n",
                            "event=Meeting,date=Date,participant=Party,country=Host", &s, &err);
    CHECK(d && strstr(d, "E G_20|G 20|3|") != NULL, "an event per value, its id made from it, its name kept");
    CHECK(d && strstr(d, "E P.S.O.E.|P.S.O.E.|1|") != NULL && strstr(d, "E P_S_O_E|P S O E|1|") != NULL,
          "a party per participant");
    CHECK(d && strstr(d, "R attended|P.S.O.E.@") != NULL, "one attended relation per row, from the party");
    CHECK(d && strstr(d, "ref country=Spain@") != NULL, "the host country is where the event was held");
    free(d);
    s = (test_problems){ 0 };
    d = participation("event,participant,date\nA,x,2020\nB,x_,2021\n", NULL, &s, &err);
    CHECK(d && strstr(d, "E x|x|1|") != NULL && strstr(d, "E x_2|x_|1|") != NULL,
          "two names making one id: the second gets _2");
    free(d);
    s = (test_problems){ 0 };
    d = participation("event,participant,date\nA,x,2020\nA,,2020\n", NULL, &s, &err);
    CHECK_STR(s.count ? pg_error_format(&s.first, line, sizeof line) : NULL,
              "tables: $.log[1].participant: missing participant", "a row without its participant");
    free(d);
}

void run_tests(void)
{
    const char *what = getenv("PG_TABLES_READ"), *files = getenv("PG_TABLES_FILES");
    if (what && files) {
        char *copy = strdup(files);
        int rc = copy ? tool(what, copy) : 2;
        free(copy);
        exit(rc);
    }
    gephi();
    errors();
    logs();
}
