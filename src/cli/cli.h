/* cli.h - what the command files share: the exit codes (the only place
 * statuses become exit codes), problem printing and option parsing. */
#ifndef PG_CLI_H
#define PG_CLI_H

#include <stdbool.h>

#include "partygraph.h"

/* Exit codes of every partygraph command. */
enum exit_code {
    EXIT_OK = 0,       /* done */
    EXIT_INVALID = 1,  /* the input data is invalid */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_IO = 3,       /* a file could not be read or written */
    EXIT_INTERNAL = 4  /* out of memory, or igraph failed */
};

/* Sets up glibc's allocator for the command in `argv` (memory.c): blocks
 * up to 32 MB kept in the heap and, when an argument is a file of 2 MB or
 * more, huge pages, by running the program again from the start with the
 * same arguments. Call it first in main(); the user's GLIBC_TUNABLES win. */
void cli_tune_allocator(char **argv);

/* The exit code for a library status. */
int cli_exit_code(pg_status st);

/* A command: `run` gets argv[0] = the command name. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;  /* the text before the options */
    unsigned groups;    /* the option groups it takes */
} cli_command;

int cmd_build(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_ego(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_init(int argc, char **argv);
extern const char cmd_build_usage[], cmd_validate_usage[], cmd_ego_usage[], cmd_path_usage[], cmd_render_usage[];
extern const char cmd_convert_usage[], cmd_init_usage[];

/* What a dataset is written as, by the name of the target (cmd_convert.c):
 * "-" or NAME.json: JSON; DIR/: a folder of tables; NAME.xlsx, NAME.ods: a workbook. */
typedef enum cli_dataset_form { CLI_FORM_NONE = 0, CLI_FORM_JSON, CLI_FORM_TABLES, CLI_FORM_XLSX, CLI_FORM_ODS } cli_dataset_form;

cli_dataset_form cli_dataset_form_of(const char *out);

/* Adds `ds`, written as the name `out` says (cli_dataset_form_of), to
 * output set `o` (a folder of tables is created, its CSV files written;
 * with `every`, every table and column, rows or not). Returns PG_OK or the
 * error, in `err`, with the target's name. */
pg_status cli_write_dataset(pg_output *o, const pg_dataset *ds, const char *out, bool every, pg_error *err);

/* Option groups (options.c has the table). */
enum {
    CLI_OUTPUT = 1 << 0,   /* -o, --graphml, --dot, --nodelink, --cytoscape, -q, --timings, --progress */
    CLI_VIEW = 1 << 1,     /* --view, --projection, --from, --where, ... */
    CLI_ANALYSIS = 1 << 2, /* --cluster, --seed, --runs, --by, ... */
    CLI_PERIODS = 1 << 3,  /* --window, --step */
    CLI_EGO = 1 << 4,      /* --radius, --no-ego */
    CLI_PATH = 1 << 5,     /* --weighted alone */
    CLI_VALIDATE = 1 << 6, /* -q alone */
    CLI_RENDER = 1 << 7    /* -o, --format, -q, --timings, --progress */
};

enum { CLI_MAX_LIST = PG_MAX_BY, CLI_HELP_SHOWN = -1 }; /* --by and --where */
enum { CLI_MAX_ITEMS = 1024 }; /* --exclude, --types, --exclude-types: ids in all */

/* Everything the options set. */
typedef struct cli_args {
    pg_view_options view;
    pg_analysis_options analysis;
    const char *where[CLI_MAX_LIST]; /* view.where points here */
    const char *by[CLI_MAX_LIST];    /* analysis.by points here */
    const char *exclude[CLI_MAX_ITEMS];       /* view.exclude points here */
    const char *types[CLI_MAX_ITEMS];         /* view.types, once --types is given */
    const char *exclude_types[CLI_MAX_ITEMS]; /* view.exclude_types */
    int window_months, step_months;
    const char *dir, *graphml, *dot;
    const char *nodelink, *cytoscape;
    unsigned formats;                /* bit 1 << pg_format: what build, ego and render write into dir */
    unsigned always;                 /* written into dir whatever --formats says: summary.json (not by render) */
    pg_format nodelink_format;       /* --nodelink-key: PG_FORMAT_NODELINK (links) or _EDGES */
    pg_input_format input_format;    /* --input-format */
    unsigned long long max_input_bytes; /* --max-input-bytes (0: no limit) */
    char separator;                  /* --separator (0: detected) */
    const char *columns;             /* --columns: a participation log's columns by role */
    bool quiet, timings, progress;
    int radius;
    bool no_ego;                     /* --no-ego */
    char **positional;
    int npositional;
} cli_args;

/* Defaults: the library's option defaults, output to partygraph-out. */
void cli_args_init(cli_args *a);

/* Parses argv (argv[0]: the command) for the options in `groups` into
 * `a`. Returns EXIT_OK, EXIT_USAGE (after a message) or CLI_HELP_SHOWN
 * (after printing `usage` and the options). */
int cli_parse(int argc, char **argv, unsigned groups, const char *usage, cli_args *a);

/* Lists the options of `groups`, one per line, for help texts. */
void cli_print_options(FILE *f, unsigned groups);

/* Builds the view `a` asks for of `ds` (pg_graph_build_view), with a
 * warning for each --where value no node has; NULL with *err set. */
pg_graph *cli_build_view(const pg_dataset *ds, const cli_args *a, pg_error *err);

/* Builds the view and analyses it as `a` says, printing progress; NULL
 * after printing why (the exit code in *code). */
pg_graph *cli_analyse(const pg_dataset *ds, const cli_args *a, int *code);

/* Writes the outputs `a` asks for of analysed `g`: the files named by
 * --graphml, --dot, --nodelink and --cytoscape, or else every format of
 * a->formats available for `g` into a->dir, summary.json last (all or
 * nothing; the text ego report goes to stdout, not there). Each file's
 * writing is added to g's timings as "write FILE", the commit as
 * "commit"; with --timings every stage is then printed on stderr (success
 * or not). Returns an exit code, after printing any error. */
int cli_write_outputs(const cli_args *a, pg_graph *g);

/* Prints "partygraph: MESSAGE" to stderr, one line: control characters
 * and bytes that are not UTF-8 escaped (pg_error_escape), so that a file
 * name or an argument can neither break the line nor drive the terminal.
 * Every message the CLI writes itself goes through it. */
void cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "partygraph: MESSAGE" as cli_message does and returns EXIT_USAGE,
 * adding a hint to run `partygraph help CMD` (when CMD is not NULL). */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports the option getopt_long just rejected (it must run with opterr
 * = 0 and an optstring starting with ':') and returns EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* Prints one problem as a line on stderr: "partygraph: " and the
 * problem as pg_error_format puts it (FILE:LINE:COL: PATH: MESSAGE). */
void cli_print_problem(const pg_error *e);

/* A pg_problem_fn that prints to stderr and counts into a cli_tally.
 * With `first_only` (a command that stops at the first error; it loads
 * with max_errors 2 to learn whether more follow) the warnings after the
 * first data error are left out, and that error is held in `first` for
 * cli_tally_finish. */
typedef struct cli_tally {
    long errors;
    long warnings;
    bool first_only;
    bool held; /* `first` holds the first data error */
    pg_error first;
} cli_tally;

void cli_on_problem(const pg_error *problem, void *tally);

/* Prints the data error a first_only tally holds, if any: when another
 * followed, its line ends by saying that `partygraph validate` lists them
 * all. */
void cli_tally_finish(const cli_tally *t);

/* The load options of `a` (--input-format, --max-input-bytes) with
 * problems printed and counted into `tally` as they are found;
 * `max_errors` as in pg_load_options. */
pg_load_options cli_load_options(const cli_args *a, size_t max_errors, cli_tally *tally);

/* Loads a's FILE with cli_load_options; NULL after printing why (the exit
 * code in *code). */
pg_dataset *cli_load(const cli_args *a, size_t max_errors, int *code);

/* As cli_load, from a's first `n` positionals: one input, or several
 * table files read as one (pg_dataset_load_files). */
pg_dataset *cli_load_inputs(const cli_args *a, int n, size_t max_errors, int *code);

/* Are a's first `n` positionals inputs a command may load: one (n == 1),
 * or several that are all table files (.csv, .tsv, gzipped or not)? */
bool cli_inputs_ok(const cli_args *a, int n);

/* "12 countries, 1 party, 5 mechanisms, 20 events" from counts by
 * kind (singular for 1), with persons and nodes added when there are any
 * ("40 nodes" alone for a graph of generic nodes only); cut to `size`. */
void cli_kind_counts(const size_t count[PG_KIND_COUNT], char *buf, size_t size);

/* Parse whole-string numbers; false when `s` is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);
bool cli_parse_double(const char *s, double *out);

/* Progress for people watching (progress.c), on stderr: a line per big
 * step and a bar for each long stage. Shown when stderr is a terminal or
 * with --progress, never with --quiet; cli_progress_start says which, and
 * starts the clock that cli_progress's lines show. */
void cli_progress_start(const cli_args *a);

/* Seconds on a monotonic clock (progress lines, the timings of writing). */
double cli_now(void);
void cli_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A pg_progress_fn drawing the bar of a stage: name, percentage, bar,
 * rate and time left, redrawn in place at most ten times a second and
 * finished with a newline at the stage's end. Without --progress only
 * stages lasting over half a second get one. `userdata` is unused. */
void cli_progress_bar(const char *stage, size_t done, size_t total, void *userdata);

/* Finishes a bar left open (a failed stage), so that the next line starts
 * at the left margin. */
void cli_progress_finish(void);

/* The human-readable summary of an analysed graph on stdout, ending with
 * where the files went (`dir`, or nothing when NULL). */
void cli_print_summary(const pg_graph *g, const pg_analysis_options *opt, const char *dir, unsigned formats);

/* The line saying where the files went: "wrote DIR/: FILE ...", the
 * formats of `formats` that `g` has, with one slash after DIR whether or
 * not it was given with one. */
void cli_print_wrote(const pg_graph *g, const char *dir, unsigned formats);

/* What build and ego write into the directory (bit 1 << pg_format, those
 * `g` has): --formats with the node-link key of --nodelink-key, and
 * summary.json, the periods and the ego report whatever --formats says. */
unsigned cli_dir_formats(const cli_args *a);

/* The formats `build` writes by default: graphml, dot, csv, json. */
unsigned cli_default_formats(void);

/* The picture formats: svg, png, pdf. */
unsigned cli_picture_formats(void);

/* Parses a --formats list ("graphml,csv,...") into *mask (bits 1 <<
 * pg_format). Returns true, or false with the bad name in `bad`. */
bool cli_parse_formats(const char *list, unsigned *mask, char bad[64]);

/* The names --formats takes, comma-separated, for messages and help. */
const char *cli_format_names(void);

/* The analysis options of `a`, with --layout auto turned into none when
 * no output written holds positions (csv and json only), timings kept in
 * summary.json with --timings, and progress drawn by cli_progress_bar. */
pg_analysis_options cli_analysis_options(const cli_args *a);

/* EXIT_OK, or a usage error of command `cmd` when two of --graphml,
 * --dot, --nodelink and --cytoscape name the same file, or the error of
 * pg_output_check for one of them (the input FILE itself: exit 2; a
 * directory, a socket...: exit 3), printed before any work is done. */
int cli_check_outputs(const cli_args *a, const char *cmd);

/* Does one of those options name a file? Then only those are written. */
bool cli_files_named(const cli_args *a);

/* Does one of them write to stdout ("-")? Then nothing else may. */
bool cli_stdout_taken(const cli_args *a);

/* Prints each stage's time on stderr, then the total and how much of it
 * igraph took (for --timings). */
void cli_print_timings(const pg_graph *g);

#endif
