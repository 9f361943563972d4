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

/* The exit code for a library status. */
int cli_exit_code(pg_status st);

/* A command: `run` gets argv[0] = the command name. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage; /* full help text */
} cli_command;

int cmd_build(int argc, char **argv);
int cmd_validate(int argc, char **argv);
extern const char cmd_build_usage[];
extern const char cmd_validate_usage[];

/* Prints "partygraph: MESSAGE" to stderr and returns EXIT_USAGE, adding a
 * hint to run `partygraph help CMD`. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports the option getopt_long just rejected (it must run with opterr
 * = 0 and an optstring starting with ':') and returns EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* Prints one problem as a line on stderr. */
void cli_print_problem(const pg_error *e);

/* A pg_problem_fn that prints to stderr and counts into a cli_tally. */
typedef struct cli_tally {
    long errors;
    long warnings;
} cli_tally;

void cli_on_problem(const pg_error *problem, void *tally);

/* Parse whole-string numbers; false when `s` is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);
bool cli_parse_double(const char *s, double *out);

/* Progress for people watching: printed to stderr only when it is a
 * terminal. cli_progress_start/cli_progress report elapsed seconds. */
void cli_progress_start(void);
void cli_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The human-readable summary of an analysed graph on stdout, ending with
 * where the files went (`dir`, or nothing when NULL). */
void cli_print_summary(const pg_graph *g, const pg_analysis_options *opt, const char *dir);

#endif
