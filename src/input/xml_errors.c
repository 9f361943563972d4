/* xml_errors.c - see xml_errors.h: libxml2's three error channels caught
 * for one parse in the calling thread. */
#include "input/xml_errors.h"

#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>

/* The error codes that mean libxml2 ran out of memory. */
static const int oom_codes[] = { XML_ERR_NO_MEMORY, XML_IO_ENOMEM };

/* What libxml2 2.9 also reports as XML_ERR_NO_MEMORY: its size limits
 * (a text node over 10 MB without XML_PARSE_HUGE, a bounded buffer), by
 * the words of their messages. */
static const char *const limit_words[] = { "huge text node", "overflow prevented", "text too long" };

static bool is_oom(const xmlError *e)
{
    bool code = false, limit = false;
    for (size_t i = 0; i < sizeof oom_codes / sizeof oom_codes[0]; i++)
        code = code || e->code == oom_codes[i];
    for (size_t i = 0; code && e->message && i < sizeof limit_words / sizeof limit_words[0]; i++)
        limit = limit || strstr(e->message, limit_words[i]) != NULL;
    return code && !limit;
}

/* The structured channel (a reader's and the thread's): keeps the first
 * error, notes running out of memory, drops warnings. */
static void caught(void *ctx, xmlError *e)
{
    pg_xml_errors *x = ctx;
    if (is_oom(e)) {
        x->oom = true;
    } else if (e->level >= XML_ERR_ERROR && x->first.code == XML_ERR_OK) {
        xmlCopyError(e, &x->first);
        if (e->message != NULL && x->first.message == NULL) /* the copy itself failed */
            x->oom = true;
    }
}

/* The generic channel: printf-like, with no error record. */
static void untold(void *ctx, const char *msg, ...)
{
    pg_xml_errors *x = ctx;
    (void)msg;
    x->untold = true;
}

/* libxml2 2.9 sets up its global state (mutexes among it) on first use,
 * with no lock: two threads parsing at once for the first time each make
 * it and one is lost. So it is set up once, here, before any parse, and
 * after the handlers: an allocation failing in there (under memory
 * pressure) is reported too, and libxml2's default would print "parser
 * error : out of memory error" beside partygraph's one line. */
static pthread_once_t xml_ready = PTHREAD_ONCE_INIT;

void pg_xml_errors_begin(pg_xml_errors *x)
{
    memset(x, 0, sizeof *x);
    x->generic = xmlGenericError; /* this thread's, as libxml2 keeps them */
    x->generic_ctx = xmlGenericErrorContext;
    x->structured = xmlStructuredError;
    x->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(x, untold);
    xmlSetStructuredErrorFunc(x, caught);
    pthread_once(&xml_ready, xmlInitParser);
}

void pg_xml_errors_watch(pg_xml_errors *x, xmlTextReader *r)
{
    xmlTextReaderSetStructuredErrorHandler(r, caught, x);
}

void pg_xml_errors_reset(pg_xml_errors *x)
{
    xmlResetError(&x->first);
    x->oom = x->untold = false;
}

bool pg_xml_errors_oom(const pg_xml_errors *x)
{
    return x->oom || x->untold;
}

bool pg_xml_errors_any(const pg_xml_errors *x)
{
    return pg_xml_errors_oom(x) || x->first.code != XML_ERR_OK;
}

/* The next word of *m (after the spaces and control characters before it,
 * which *m skips): its length, 0 at the end. */
static size_t next_word(const char **m)
{
    while (**m != '\0' && (unsigned char)**m <= ' ')
        ++*m;
    size_t n = 0;
    while ((*m)[n] != '\0' && (unsigned char)(*m)[n] > ' ')
        n++;
    return n;
}

void pg_xml_errors_message(const pg_xml_errors *x, pg_strbuf *b)
{
    const char *m = x->first.message ? x->first.message : "not well-formed XML", *gap = "";
    for (size_t n = next_word(&m); n > 0; m += n, n = next_word(&m), gap = " ")
        pg_strbuf_printf(b, "%s%.*s", gap, (int)n, m);
}

/* libxml2's channel once a parse is over, when the program had set none
 * of its own: nothing (libxml2's default prints to stderr, and the
 * library never prints: an allocation failing while the reader is
 * freed, under memory pressure, printed "parser error : out of memory
 * error" beside partygraph's one line). */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

void pg_xml_errors_end(pg_xml_errors *x)
{
    bool configured = x->structured != NULL || x->generic_ctx != NULL; /* by the program around us */
    xmlSetGenericErrorFunc(configured ? x->generic_ctx : NULL, configured ? x->generic : quiet);
    xmlSetStructuredErrorFunc(x->structured_ctx, x->structured);
    xmlResetError(&x->first);
}
