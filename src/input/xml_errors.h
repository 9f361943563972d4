/* xml_errors.h - what libxml2 says while partygraph parses one document,
 * caught instead of printed. Private to the library.
 *
 * libxml2 reports through three channels: a parser's own handler (set per
 * reader: syntax errors, and most of its allocation failures), and, for
 * what it raises without a parser at hand (its buffers and trees running
 * out of memory: "internal buffer error"), a structured and a printf-like
 * generic handler whose defaults print to stderr. libxml2 keeps the last
 * two per thread, so a parse sets them for its own thread only and puts
 * back the ones it found when it ends: parses in other threads, and a
 * program's own handlers, are left alone. */
#ifndef PG_XML_ERRORS_H
#define PG_XML_ERRORS_H

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <stdbool.h>

#include "base/strbuf.h"

typedef struct pg_xml_errors {
    xmlError first;       /* the first error (warnings aside); code XML_ERR_OK: none yet */
    bool oom;             /* libxml2 ran out of memory */
    bool untold;          /* libxml2 printed a message with no error record (its allocation failures) */
    xmlGenericErrorFunc generic;       /* the thread's handlers before pg_xml_errors_begin */
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} pg_xml_errors;

/* Starts catching in `x` everything libxml2 says in the calling thread
 * (nothing reaches stderr). End with pg_xml_errors_end in the same thread. */
void pg_xml_errors_begin(pg_xml_errors *x);

/* Routes reader `r`'s own errors into `x` too. */
void pg_xml_errors_watch(pg_xml_errors *x, xmlTextReader *r);

/* Forgets what was caught, to parse the same text again. */
void pg_xml_errors_reset(pg_xml_errors *x);

/* True once libxml2 has failed for want of memory: an error whose code
 * says so (XML_ERR_NO_MEMORY, in any domain: the parser's, its buffers'),
 * or a message without an error record (in the code partygraph runs,
 * libxml2 writes those only when an allocation fails). */
bool pg_xml_errors_oom(const pg_xml_errors *x);

/* True once libxml2 has reported an error or run out of memory. */
bool pg_xml_errors_any(const pg_xml_errors *x);

/* Appends the first error's message to `b` on one line: every run of
 * spaces, line breaks and other control characters becomes one space,
 * none at either end (libxml2's
 * "...encoding !\nBytes: 0xC3 0x42\n" reads "...encoding ! Bytes: 0xC3
 * 0x42"); "not well-formed XML" when libxml2 gave none. */
void pg_xml_errors_message(const pg_xml_errors *x, pg_strbuf *b);

/* Puts the thread's handlers back as pg_xml_errors_begin found them (a
 * program's own; libxml2's default, which prints, becomes a silent one)
 * and frees what was caught. */
void pg_xml_errors_end(pg_xml_errors *x);

#endif
