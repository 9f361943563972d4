/* workbook.c - see workbook.h: which workbook the bytes are (an .xlsx,
 * an .ods, or what else: another zip, an encrypted workbook, an old
 * .xls), opened with libzip from memory and handed to its reader. */
#include "input/workbook.h"

#include <stdlib.h>
#include <string.h>

#include "input/ods.h"
#include "input/sheets.h"
#include "input/xlsx.h"

/* ---- which workbook ---------------------------------------------------- */

/* The first bytes of an OLE2 compound file: an Excel 97-2003 .xls, or an
 * encrypted .xlsx or .ods (an "EncryptedPackage" stream inside). */
static const char OLE2[8] = { '\xd0', '\xcf', '\x11', '\xe0', '\xa1', '\xb1', '\x1a', '\xe1' };

/* Does `data` hold "EncryptedPackage" as UTF-16LE (an OLE2 stream name)? */
static bool encrypted_package(const char *data, size_t len)
{
    static const char name[] = "EncryptedPackage";
    size_t n = sizeof name - 1;
    for (size_t i = 0; i + 2 * n <= len; i++) {
        size_t k = 0;
        while (k < n && data[i + 2 * k] == name[k] && data[i + 2 * k + 1] == '\0')
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static int not_a_zip(pg_sheets *w, const char *data, size_t len)
{
    if (len < sizeof OLE2 || memcmp(data, OLE2, sizeof OLE2) != 0)
        return pg_sheets_fail(w, "", "not a workbook: an .xlsx or .ods file is a zip archive, and this is none");
    if (encrypted_package(data, len))
        return pg_sheets_fail(w, "", "the workbook is password-protected (encrypted): save it without a password");
    return pg_sheets_fail(w, "", "an Excel 97-2003 workbook (.xls), which partygraph does not read: save it as .xlsx");
}

/* Other zip archives, by a part they hold. */
static const struct {
    const char *part, *what;
} OTHERS[] = {
    { "word/document.xml", "a Word document (.docx)" },
    { "ppt/presentation.xml", "a PowerPoint presentation (.pptx)" },
    { "xl/workbook.bin", "an Excel binary workbook (.xlsb): save it as .xlsx" },
    { "mimetype", "an OpenDocument file that is not a spreadsheet (no content.xml)" },
};

static int read_zip(pg_sheets *w)
{
    if (pg_sheets_has(w, "xl/workbook.xml"))
        return pg_xlsx_read(w);
    if (pg_sheets_has(w, "content.xml"))
        return pg_ods_read(w);
    for (size_t i = 0; i < sizeof OTHERS / sizeof OTHERS[0]; i++)
        if (pg_sheets_has(w, OTHERS[i].part))
            return pg_sheets_fail(w, "", "not a workbook: %s", OTHERS[i].what);
    return pg_sheets_fail(w, "", "not a workbook: a zip archive holding neither xl/workbook.xml (.xlsx) nor "
                                   "content.xml (.ods)");
}

/* Opens the archive in `data` into w->zip: 0, -1 or -2. */
static int open_zip(pg_sheets *w, const char *data, size_t len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    if (src != NULL && (w->zip = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL)
        zip_source_free(src);
    int code = zip_error_code_zip(&err);
    zip_error_fini(&err);
    if (w->zip != NULL)
        return 0;
    return code == ZIP_ER_MEMORY ? -2 : not_a_zip(w, data, len);
}

int pg_workbook_read(const char *data, size_t len, const char *file, pg_tables *out, pg_workbook_error *e)
{
    size_t before = out->items.len;
    pg_sheets w = { .out = out, .e = e, .file = pg_arena_strdup(&out->arena, file) };
    memset(e, 0, sizeof *e);
    int status = w.file ? open_zip(&w, data, len) : -2;
    if (status == 0)
        status = read_zip(&w);
    if (w.zip != NULL)
        zip_discard(w.zip);
    free(w.cells.items);
    free(w.text.items);
    if (status != 0)
        out->items.len = before;
    return status;
}
