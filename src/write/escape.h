/* escape.h - writing text safely into each output syntax. All take UTF-8
 * (the loader guarantees it) and write to `f`; errors show in ferror(f). */
#ifndef PG_ESCAPE_H
#define PG_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The shape of every writing function below. */
typedef void pg_escape_fn(FILE *f, const char *s);

/* XML character data or attribute value: & < > " ' become entities, CR
 * becomes &#13;, and the control characters that XML 1.0 forbids even as
 * references (U+0001-U+0008, U+000B, U+000C, U+000E-U+001F) and the
 * non-characters U+FFFE and U+FFFF become U+FFFD REPLACEMENT CHARACTER. */
void pg_escape_xml(FILE *f, const char *s);

/* An XML attribute value: pg_escape_xml, with tab and line feed also as
 * references (&#9; &#10;: an XML parser turns them into spaces otherwise). */
void pg_escape_xml_attr(FILE *f, const char *s);

/* The inside of a DOT double-quoted string: \ and " are backslashed, a
 * line break (LF, CR LF, a lone CR) becomes \n, & becomes &amp; (Graphviz
 * reads entities in labels), tab becomes a space; the other control
 * characters and U+FFFE, U+FFFF (what XML 1.0 cannot carry: Graphviz
 * would copy them into its SVG) become U+FFFD. */
void pg_escape_dot(FILE *f, const char *s);

/* pg_escape_dot of the first `n` bytes of `s` (ending at a character
 * boundary). A CR that ends them before a LF of `s` writes nothing, as
 * pg_escape_dot writes nothing for the CR of CR LF. */
void pg_escape_dot_n(FILE *f, const char *s, size_t n);

/* How many bytes pg_escape_dot_n(f, s, n) writes. */
size_t pg_escape_dot_size(const char *s, size_t n);

/* One RFC 4180 CSV field: quoted (with "" for ") when it holds a comma, a
 * quote, CR or LF, or starts or ends with a space; written as is otherwise. */
void pg_escape_csv(FILE *f, const char *s);

/* Would a spreadsheet opening a CSV cell holding `s` run it as a formula,
 * or is `s` ambiguous with a cell pg_escape_csv_text neutralised? True when
 * it starts with = + - @ TAB or CR (OWASP's "CSV injection" list) or with
 * the apostrophe itself. The one place of that rule. */
bool pg_escape_csv_formula(const char *s);

/* A CSV field holding text from the data (ids, names, attribute values):
 * pg_escape_csv of s, with an apostrophe before it when
 * pg_escape_csv_formula(s), so that a spreadsheet shows it as text (the
 * apostrophe is inside the quotes when the field is quoted). Removing one
 * leading apostrophe from every such cell that has one gives s back. */
void pg_escape_csv_text(FILE *f, const char *s);

/* A JSON string literal, quotes included. */
void pg_escape_json(FILE *f, const char *s);

/* A JSON string literal that is also safe inside an HTML <script>
 * element: < > & become \u003c \u003e \u0026 (so no "</script>" or
 * "<!--" can appear) and U+2028, U+2029 become \u2028, \u2029. */
void pg_escape_json_html(FILE *f, const char *s);

/* The length of the longest prefix of `s` that pg_escape_xml,
 * pg_escape_xml_attr, or the inside of pg_escape_json's or
 * pg_escape_json_html's literal, writes as it is: all of `s` when s[n] is
 * '\0', so that a caller can copy plain text in one piece. */
size_t pg_escape_xml_plain(const char *s);
size_t pg_escape_xml_attr_plain(const char *s);
size_t pg_escape_json_plain(const char *s);
size_t pg_escape_json_html_plain(const char *s);

#endif
