/* test_graphml_errors.c - libxml2's error channels while partygraph reads
 * GraphML (issue 14): what libxml2 says reaches the caller as the load's
 * problems, one line each, never a program's own libxml2 handlers, which
 * are the thread's again afterwards; and loads in several threads at once
 * (libxml2 keeps those handlers per thread) each get their own messages. */
#define _POSIX_C_SOURCE 200809L
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

enum { THREADS = 4, ROUNDS = 40 };

/* A thread's own libxml2 handlers count their calls here. */
typedef struct own {
    int generic, structured;
} own;

static void own_generic(void *ctx, const char *msg, ...)
{
    (void)msg;
    ((own *)ctx)->generic++;
}

static void own_structured(void *ctx, xmlError *e)
{
    (void)e;
    ((own *)ctx)->structured++;
}

/* Are own_generic and own_structured, with `o`, this thread's handlers? */
static bool handlers_are(const own *o)
{
    return xmlGenericError == own_generic && xmlGenericErrorContext == o && xmlStructuredError == own_structured &&
           xmlStructuredErrorContext == o;
}

/* The problems of one load, formatted, one after the other. */
typedef struct seen {
    char text[2048];
    int count;
} seen;

static void see(const pg_error *e, void *userdata)
{
    seen *s = userdata;
    char line[1400];
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof s->text - n, "%s\n", pg_error_format(e, line, sizeof line));
    s->count++;
}

/* Loads `text`; returns the status and fills `s` with the problems. */
static pg_status load(const char *text, seen *s)
{
    pg_error err;
    pg_load_options opt = { .max_errors = 0, .on_problem = see, .userdata = s };
    memset(s, 0, sizeof *s);
    pg_dataset *ds = pg_dataset_load_buffer(text, strlen(text), "g.graphml", &opt, &err);
    pg_status st = ds ? PG_OK : err.status;
    pg_dataset_free(ds);
    return st;
}

static void own_handlers(void)
{
    own o = { 0, 0 };
    seen s;
    xmlSetGenericErrorFunc(&o, own_generic);
    xmlSetStructuredErrorFunc(&o, own_structured);
    pg_status st = load("<graphml><graph><node id=\"Fran\xe7" "ais\"/></graph></graphml>", &s);
    CHECK(st == PG_EINVALID && s.count == 1, "invalid UTF-8: one problem");
    CHECK_STR(s.text, "g.graphml:1:31: XML: Input is not proper UTF-8, indicate encoding ! Bytes: 0xE7 0x61 0x69 "
                      "0x73\n", "libxml2's two lines as one");
    CHECK(o.generic == 0 && o.structured == 0, "the program's own libxml2 handlers are not called");
    CHECK(handlers_are(&o), "and are this thread's handlers again afterwards");
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* One thread's work: ROUNDS loads, half a tag mismatch naming the thread,
 * half an entity kept with a warning, under the thread's own handlers. */
typedef struct job {
    int id, wrong;
    own o;
} job;

static void *run(void *arg)
{
    job *j = arg;
    char bad[160], want[160];
    seen s;
    snprintf(bad, sizeof bad, "<graphml><graph><node id=\"a\"></node%d></graph></graphml>", j->id);
    snprintf(want, sizeof want, ": XML: Opening and ending tag mismatch: node line 1 and node%d\n", j->id);
    xmlSetGenericErrorFunc(&j->o, own_generic);
    xmlSetStructuredErrorFunc(&j->o, own_structured);
    for (int r = 0; r < ROUNDS; r++) {
        bool mismatch = (r + j->id) % 2 == 0;
        pg_status st = load(mismatch ? bad : "<!DOCTYPE graphml [<!ENTITY e \"x\">]><graphml><key id=\"k\" "
                                             "attr.name=\"note\"/><graph><node id=\"a\"><data key=\"k\">&e;</data>"
                                             "</node></graph></graphml>", &s);
        j->wrong += mismatch ? st != PG_EINVALID || s.count != 1 || strncmp(s.text, "g.graphml:1:", 12) != 0 ||
                                   !ends_with(s.text, want)
                             : st != PG_OK || s.count != 1 || strstr(s.text, "warning: entity &e; kept") == NULL;
    }
    j->wrong += !handlers_are(&j->o);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return NULL;
}

static void threads(void)
{
    job jobs[THREADS];
    pthread_t t[THREADS];
    int started = 0, wrong = 0, called = 0;
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){ i, 0, { 0, 0 } };
        started += pthread_create(&t[i], NULL, run, &jobs[i]) == 0;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(t[i], NULL);
        wrong += jobs[i].wrong;
        called += jobs[i].o.generic + jobs[i].o.structured;
    }
    CHECK(started == THREADS, "the threads start");
    CHECK(wrong == 0, "loads in several threads at once: each its own messages, its own handlers back");
    CHECK(called == 0, "no thread's own libxml2 handlers called");
}

void run_tests(void)
{
    own_handlers();
    threads();
}
