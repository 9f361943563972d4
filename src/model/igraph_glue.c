/* igraph_glue.c - see igraph_glue.h. igraph's handlers are process-wide,
 * so is what they record (see the THREADS note in partygraph.h). */
#include "model/igraph_glue.h"

#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* _exit */

#include "base/error.h"

enum { MAX_WARNINGS = 8 };

static char last_reason[512];
static char warnings[MAX_WARNINGS][256];
static int nwarnings;

/* igraph calls the handler again at every IGRAPH_CHECK level on the way
 * out, with an empty reason: keep the first, innermost one. */
static void on_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    if (last_reason[0] == '\0' && reason != NULL && reason[0] != '\0')
        snprintf(last_reason, sizeof last_reason, "%s: %s (%s:%d)", igraph_strerror(code), reason, file, line);
    IGRAPH_FINALLY_FREE();
}

static pg_igraph_scope *current; /* the innermost scope entered, or NULL */

/* Must not return: back to the PG_IGRAPH_RUN under way, or abort as
 * igraph's default handler would. */
static void on_fatal(const char *reason, const char *file, int line)
{
    snprintf(last_reason, sizeof last_reason, "igraph's fatal error: %s (%s:%d)", reason ? reason : "", file, line);
    if (current == NULL || !current->armed)
        igraph_fatal_handler_abort(reason, file, line);
    IGRAPH_FINALLY_FREE();
    longjmp(current->fatal, 1);
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)file;
    (void)line;
    if (nwarnings < MAX_WARNINGS)
        snprintf(warnings[nwarnings++], sizeof warnings[0], "%s", reason);
}

static pg_progress *reporting; /* where igraph's progress goes, or NULL */
static size_t reporting_units;
static char stage[64];         /* igraph's name of the stage under way */

/* igraph names a computation "Betweenness centrality: "; the stage is
 * that name without the colon. A new name begins a new stage. */
static igraph_error_t on_progress(const char *message, igraph_real_t percent, void *data)
{
    (void)data;
    char name[sizeof stage];
    if (reporting == NULL || reporting->fn == NULL || message == NULL)
        return IGRAPH_SUCCESS;
    size_t len = strcspn(message, ":");
    snprintf(name, sizeof name, "%.*s", (int)len, message);
    if (reporting->stage != stage || strcmp(name, stage) != 0) {
        pg_progress_end(reporting); /* under its own name, before `stage` changes */
        memcpy(stage, name, sizeof stage);
        pg_progress_begin(reporting, stage, reporting_units);
    }
    double done = percent / 100.0 * (double)reporting_units;
    pg_progress_update(reporting, done > 0 ? (size_t)done : 0);
    return IGRAPH_SUCCESS;
}

void pg_igraph_report_to(pg_progress *p, size_t units)
{
    reporting = p;
    reporting_units = units;
}

void pg_igraph_enter(pg_igraph_scope *s)
{
    last_reason[0] = '\0';
    nwarnings = 0;
    s->old_error = igraph_set_error_handler(on_error);
    s->old_warning = igraph_set_warning_handler(on_warning);
    s->old_progress = igraph_set_progress_handler(on_progress);
    s->old_fatal = igraph_set_fatal_handler(on_fatal);
    s->armed = false;
    s->outer = current;
    current = s;
    s->old_reporting = reporting;
    s->old_units = reporting_units;
    reporting = NULL;
    s->old_omp_threads = omp_get_max_threads();
    omp_set_num_threads(1); /* per calling thread: our own workers are unaffected */
    s->old_rng = igraph_rng_default();
    s->own_rng = igraph_rng_init(&s->rng, &igraph_rngtype_pcg32) == IGRAPH_SUCCESS;
    if (s->own_rng) {
        /* seeded now, or igraph would seed it from the clock on first use
         * (the eigenvector start vector is jittered with it) */
        igraph_rng_seed(&s->rng, 1);
        igraph_rng_set_default(&s->rng);
    }
    last_reason[0] = '\0';
}

static void child_fatal(const char *reason, const char *file, int line)
{
    fprintf(stderr, "igraph: %s (%s:%d)\n", reason ? reason : "", file, line);
    fflush(stderr);
    _exit(1);
}

void pg_igraph_in_child(const char *hook)
{
    const char *value = getenv(hook);
    if (value != NULL && strcmp(value, "signal") == 0)
        raise(SIGKILL);
    igraph_set_fatal_handler(child_fatal);
    igraph_set_progress_handler(NULL);
}

void pg_igraph_leave(pg_igraph_scope *s)
{
    if (s->own_rng) {
        igraph_rng_set_default(s->old_rng);
        igraph_rng_destroy(&s->rng);
    }
    igraph_set_error_handler(s->old_error);
    igraph_set_warning_handler(s->old_warning);
    igraph_set_progress_handler(s->old_progress);
    igraph_set_fatal_handler(s->old_fatal);
    current = s->outer;
    pg_igraph_report_to(s->old_reporting, s->old_units);
    omp_set_num_threads(s->old_omp_threads);
}

pg_status pg_igraph_status(igraph_error_t code, const char *what, pg_error *err)
{
    if (code == IGRAPH_SUCCESS)
        return PG_OK;
    pg_status st = code == IGRAPH_ENOMEM ? PG_ENOMEM : PG_EINTERNAL;
    return pg_error_set(err, st, "%s failed: %s", what, last_reason[0] ? last_reason : igraph_strerror(code));
}

int pg_igraph_warning_count(void)
{
    return nwarnings;
}

const char *pg_igraph_warning(int i)
{
    return i >= 0 && i < nwarnings ? warnings[i] : "";
}
