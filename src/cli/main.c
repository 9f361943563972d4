/* main.c - the partygraph command line: a table of commands, each in its
 * own cmd_*.c file. Only the command files and util.c turn library
 * statuses into exit codes (cli.h). SIGXFSZ is ignored, so that a file
 * growing past `ulimit -f` makes write() fail with EFBIG, an I/O error
 * like a full disk (exit 3, the temporary files removed), instead of
 * killing the process. SIGHUP, SIGINT, SIGQUIT, SIGTERM and SIGPIPE
 * remove the output files not yet in place (pg_output_remove_temporaries)
 * and then end the process as they would have, so that its exit status
 * still says which signal killed it; one ignored when the program starts
 * (nohup, a background job) stays ignored. Before anything else, the
 * allocator is set up for big inputs (memory.c). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const cli_command commands[] = {
    { "build", cmd_build, "load, validate, analyse and write a dataset's network", cmd_build_usage,
      CLI_OUTPUT | CLI_VIEW | CLI_ANALYSIS | CLI_PERIODS },
    { "validate", cmd_validate, "check a dataset and list every problem", cmd_validate_usage, CLI_VALIDATE },
    { "ego", cmd_ego, "the network around one entity, and a report on it", cmd_ego_usage,
      CLI_OUTPUT | CLI_VIEW | CLI_ANALYSIS | CLI_EGO },
    { "path", cmd_path, "the shortest paths between two entities", cmd_path_usage, CLI_VIEW | CLI_PATH },
    { "render", cmd_render, "draw a dataset's network into SVG, PNG or PDF", cmd_render_usage,
      CLI_RENDER | CLI_VIEW | CLI_ANALYSIS },
    { "convert", cmd_convert, "write any input as partygraph/1 JSON, CSV tables or a workbook", cmd_convert_usage,
      CLI_VALIDATE },
    { "init", cmd_init, "start a dataset: a workbook and CSV tables to fill in", cmd_init_usage, 0 },
};

enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* "no such command 'NAME'", with the nearest command name. */
static int no_such_command(const char *name)
{
    const char *names[NCOMMANDS + 2] = { "help", "version" };
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i + 2] = commands[i].name;
    const char *best = pg_suggest_nearest(name, names, NCOMMANDS + 2);
    if (best)
        return cli_usage_error(NULL, "no such command '%s'; did you mean '%s'? (see 'partygraph --help')", name, best);
    return cli_usage_error(NULL, "no such command '%s' (see 'partygraph --help')", name);
}

/* "unknown option '--NAME'" before any command, with the nearest of
 * --help and --version. */
static int no_such_option(const char *word)
{
    static const char *const options[] = { "--help", "--version" };
    const char *best = pg_suggest_nearest(word, options, 2);
    if (best)
        return cli_usage_error(NULL, "unknown option '%s'; did you mean '%s'? (see 'partygraph --help')", word, best);
    return cli_usage_error(NULL, "unknown option '%s' (see 'partygraph --help')", word);
}

static int print_help(FILE *f)
{
    fputs("usage: partygraph <command> [options] FILE\n\n"
          "Turns a partygraph/1 JSON dataset of political parties, countries, inter-party\n"
          "mechanisms and events into a relationship network, analyses it with igraph and\n"
          "writes GraphML (Gephi), DOT (Graphviz), CSV, JSON and pictures.\n\ncommands:\n", f);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n  partygraph help COMMAND    options of one command\n"
          "  partygraph --version       versions of partygraph, igraph and cJSON\n\n"
          "Every problem is one line on stderr: \"partygraph: \", the file and, where known,\n"
          "line:column and JSON path, then what is wrong.\n\n"
          "exit codes:\n"
          "  0  done (warnings allowed)\n"
          "  1  the input is not valid partygraph/1, or is over --max-input-bytes\n"
          "  2  bad command line (or an option that does not fit the data)\n"
          "  3  a file could not be read or written (missing, unreadable, full disk)\n"
          "  4  out of memory, or igraph or Graphviz failed\n\n"
          "examples:\n"
          "  partygraph help build\n"
          "      one command's options and examples\n"
          "  partygraph validate examples/cpc-interparty.json\n"
          "      every problem of a dataset, one line each, before building it\n", f);
    return EXIT_OK;
}

static int print_version(void)
{
    printf("partygraph %s (igraph %s, cJSON %s)\n", pg_version(), pg_igraph_version(), pg_cjson_version());
    return EXIT_OK;
}

static int help(int argc, char **argv)
{
    if (argc < 2)
        return print_help(stdout);
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "version") == 0)
        return print_help(stdout);
    const cli_command *c = find_command(argv[1]);
    if (c == NULL)
        return no_such_command(argv[1]);
    fputs(c->usage, stdout);
    cli_print_options(stdout, c->groups);
    return EXIT_OK;
}

/* Removes the temporary files, then dies of `sig` (SA_RESETHAND put its
 * default action back; it is delivered when the handler returns). */
static void on_signal(int sig)
{
    pg_output_remove_temporaries();
    raise(sig);
}

static void catch_signals(void)
{
    static const int caught[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE };
    struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESETHAND };
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaddset(&sa.sa_mask, caught[i]); /* one at a time */
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
        struct sigaction old;
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(caught[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    cli_tune_allocator(argv);
    signal(SIGXFSZ, SIG_IGN);
    catch_signals();
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return print_help(stdout);
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0)
        return print_version();
    if (strcmp(name, "help") == 0)
        return help(argc - 1, argv + 1);
    const cli_command *c = find_command(name);
    if (c == NULL)
        return name[0] == '-' ? no_such_option(name) : no_such_command(name);
    return c->run(argc - 1, argv + 1);
}
