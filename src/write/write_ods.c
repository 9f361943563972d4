/* write_ods.c - a dataset as an OpenDocument spreadsheet (.ods, what
 * LibreOffice keeps): the tables of write_tables.c as sheets named after
 * the arrays, "about" first; a bold header row (an automatic cell style);
 * cells typed: numbers as float, booleans as boolean, everything else,
 * dates included, as strings (a partygraph date may be partial). Text
 * keeps its spaces, tabs and line breaks (<text:s>, <text:tab>,
 * <text:line-break>: ODF collapses white space otherwise). The package
 * is "mimetype" (stored, first), META-INF/manifest.xml and content.xml,
 * zipped in memory (zipmem.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "write/escape.h"
#include "write/records.h"
#include "write/zipmem.h"

static const char mime[] = "application/vnd.oasis.opendocument.spreadsheet";

static const char content_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" office:version=\"1.2\">"
    "<office:automatic-styles><style:style style:name=\"ce1\" style:family=\"table-cell\">"
    "<style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>"
    "<office:body><office:spreadsheet>";

/* ---- text ------------------------------------------------------------- */

/* The first `n` bytes of `s`, escaped for XML (copied to end them: on
 * the stack when short, as most words are). */
static void escaped_run(FILE *f, const char *s, size_t n)
{
    char buf[256];
    char *copy = n < sizeof buf ? buf : malloc(n + 1);
    if (copy == NULL) {
        errno = ENOMEM;
        return;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    pg_escape_xml(f, copy);
    if (copy != buf)
        free(copy);
}

/* A run of `n` spaces as <text:s> (which white space processing keeps). */
static void spaces(FILE *f, size_t n)
{
    if (n == 1)
        fputs("<text:s/>", f);
    else
        fprintf(f, "<text:s text:c=\"%zu\"/>", n);
}

/* The white space at `s` (spaces, a tab, a line break): a lone space
 * between two runs of text as it is, every other space as <text:s>.
 * Returns the bytes used. */
static size_t white(FILE *f, const char *s, bool after_text)
{
    size_t n = strspn(s, " ");
    if (n == 0) {
        fputs(*s == '\t' ? "<text:tab/>" : "<text:line-break/>", f);
        return s[0] == '\r' && s[1] == '\n' ? 2 : 1;
    }
    if (n == 1 && after_text && s[1] != '\0' && strchr("\t\r\n", s[1]) == NULL)
        putc(' ', f);
    else
        spaces(f, n);
    return n;
}

/* `s` as a paragraph. */
static void text_p(FILE *f, const char *s)
{
    bool after_text = false;
    fputs("<text:p>", f);
    while (*s) {
        size_t n = strcspn(s, " \t\r\n");
        bool text = n > 0;
        if (text)
            escaped_run(f, s, n);
        else
            n = white(f, s, after_text);
        after_text = text;
        s += n;
    }
    fputs("</text:p>", f);
}

/* ---- cells and sheets ---------------------------------------------------- */

static void string_cell(FILE *f, const char *s, bool bold)
{
    fputs(bold ? "<table:table-cell table:style-name=\"ce1\" office:value-type=\"string\">"
               : "<table:table-cell office:value-type=\"string\">", f);
    text_p(f, s);
    fputs("</table:table-cell>", f);
}

static void number_cell(FILE *f, double d)
{
    char num[PG_FMT_DOUBLE_SIZE];
    pg_fmt_double(d, num);
    fprintf(f, "<table:table-cell office:value-type=\"float\" office:value=\"%s\"><text:p>%s</text:p></table:table-cell>",
            num, num);
}

static void bool_cell(FILE *f, bool b)
{
    fprintf(f, "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"%s\"><text:p>%s</text:p>"
               "</table:table-cell>", b ? "true" : "false", b ? "TRUE" : "FALSE");
}

static void field_cell(FILE *f, const pg_recfield *v)
{
    if (v == NULL)
        fputs("<table:table-cell/>", f);
    else if (v->kind == PG_REC_NUMBER)
        number_cell(f, v->d);
    else if (v->kind == PG_REC_BOOL)
        bool_cell(f, v->b);
    else
        string_cell(f, v->s, false);
}

static void header_row(FILE *f, const pg_str_vec *columns)
{
    fputs("<table:table-row>", f);
    for (size_t c = 0; c < columns->len; c++)
        string_cell(f, columns->items[c], true);
    fputs("</table:table-row>", f);
}

static void record_row(FILE *f, const pg_record *rec, const pg_str_vec *columns)
{
    fputs("<table:table-row>", f);
    for (size_t c = 0; c < columns->len; c++)
        field_cell(f, pg_record_field(rec, columns->items[c]));
    fputs("</table:table-row>", f);
}

/* The rows of table `t`; false when out of memory. */
static bool table_rows(FILE *f, const pg_dataset *ds, pg_array t, bool every)
{
    pg_str_vec columns = { 0 };
    pg_record rec = { 0 };
    int rc = pg_array_header(ds, t, every, &columns);
    if (rc == 0)
        header_row(f, &columns);
    for (size_t i = 0; rc >= 0 && i < pg_array_extent(ds, t); i++)
        if ((rc = pg_array_record(ds, t, i, &rec)) > 0)
            record_row(f, &rec, &columns);
    pg_record_free(&rec);
    free(columns.items);
    return rc >= 0;
}

static void about_rows(FILE *f, const pg_dataset *ds)
{
    fputs("<table:table-row>", f);
    string_cell(f, "key", true);
    string_cell(f, "value", true);
    fputs("</table:table-row>", f);
    for (size_t i = 0; i < pg_about_rows(ds); i++) {
        const char *key, *value;
        pg_about_row(ds, i, &key, &value);
        fputs("<table:table-row>", f);
        string_cell(f, key, false);
        string_cell(f, value, false);
        fputs("</table:table-row>", f);
    }
}

/* ---- the package ----------------------------------------------------------- */

/* What content.xml is written from. */
typedef struct book {
    const pg_dataset *ds;
    bool every;
} book;

/* Sheet `table` (-1: about); false when out of memory. */
static bool sheet(FILE *f, const book *b, int table)
{
    bool go = true;
    fprintf(f, "<table:table table:name=\"%s\">", table < 0 ? "about" : pg_array_name((pg_array)table));
    if (table < 0)
        about_rows(f, b->ds);
    else
        go = table_rows(f, b->ds, (pg_array)table, b->every);
    fputs("</table:table>", f);
    return go;
}

static bool content(FILE *f, const void *data)
{
    const book *b = data;
    bool go = true;
    fputs(content_head, f);
    go = sheet(f, b, -1);
    for (int t = 0; go && t < PG_ARRAY_COUNT; t++)
        if (b->every || pg_array_rows(b->ds, (pg_array)t) > 0)
            go = sheet(f, b, t);
    fputs("</office:spreadsheet></office:body></office:document-content>", f);
    return go && errno != ENOMEM;
}

static bool mimetype(FILE *f, const void *data)
{
    (void)data;
    fputs(mime, f);
    return true;
}

static bool manifest(FILE *f, const void *data)
{
    (void)data;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
               " manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\""
               " manifest:media-type=\"%s\"/><manifest:file-entry manifest:full-path=\"content.xml\""
               " manifest:media-type=\"text/xml\"/></manifest:manifest>", mime);
    return true;
}

/* The package into `out`: PG_OK, PG_ENOMEM or PG_EINTERNAL. */
static pg_status zip_book(const book *b, FILE *out)
{
    pg_zipmem m;
    pg_status st = pg_zipmem_open(&m);
    if (st != PG_OK)
        return st;
    st = pg_zipmem_add(&m, "mimetype", true, mimetype, NULL); /* first and stored: how a reader knows it */
    if (st == PG_OK)
        st = pg_zipmem_add(&m, "META-INF/manifest.xml", false, manifest, NULL);
    if (st == PG_OK)
        st = pg_zipmem_add(&m, "content.xml", false, content, b);
    return pg_zipmem_finish(&m, st, out);
}

pg_status pg_dataset_write_ods(const pg_dataset *ds, int every_column, FILE *out, pg_error *err)
{
    book b = { ds, every_column != 0 };
    errno = 0;
    pg_status st = zip_book(&b, out);
    if (st == PG_ENOMEM)
        return pg_error_set(err, PG_ENOMEM, "out of memory writing the spreadsheet");
    if (st != PG_OK)
        return pg_error_set(err, st, "libzip could not make the spreadsheet");
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write the spreadsheet");
    pg_error_clear(err);
    return PG_OK;
}
