/* xlsx.c - the sheets of an .xlsx workbook (SpreadsheetML, ECMA-376) as
 * tables: xl/workbook.xml names the sheets (and says whether dates count
 * from 1904), xl/_rels/workbook.xml.rels gives their parts, the shared
 * strings and the styles; xl/styles.xml says which cell formats show a
 * date; each worksheet is streamed cell by cell. A cell holds a shared
 * string (t="s"), an inline string (t="inlineStr"), a formula's string
 * (t="str", its cached value), a boolean (t="b"), an error value (t="e":
 * a warning, empty), an ISO 8601 date (t="d") or a number, which is a
 * date when its format shows one (Excel's serial day numbers, with its
 * 1900 leap-year bug: day 60 is 1900-02-29). Formulas are never computed:
 * their cached <v> is read. Time-only formats (h:mm) keep their numbers. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/xlsx.h"
#include "input/sheets.h"

enum { MAX_ROW = 1048576, MAX_COL = 16384 };

/* A sheet as workbook.xml names it, and a relationship of the workbook. */
typedef struct sheet_ref {
    const char *name, *rid;
} sheet_ref;

typedef struct rel {
    const char *id, *type, *target; /* type: its last path segment ("worksheet") */
} rel;

typedef struct xlsx {
    pg_sheets *w;
    bool date1904;
    PG_VEC(sheet_ref) sheets;
    PG_VEC(rel) rels;
    PG_VEC(const char *) strings;       /* the shared strings */
    PG_VEC(long) date_fmts;             /* custom number formats showing a date */
    PG_VEC(bool) xf_date;               /* per cell format (cellXfs): shows a date */
    bool in_xfs, in_t, in_v, in_is, in_c; /* where the walk is */
    const char *sheet;                  /* the sheet being read */
    long row, col;                      /* the current row, the last cell's column */
    char type[16];                      /* the current cell's t */
    long style;                         /* its s */
} xlsx;

static bool is(xmlTextReader *r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n != NULL && strcmp((const char *)n, local) == 0;
}

static bool opening(xmlTextReader *r, const char *local)
{
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is(r, local);
}

static bool closing(xmlTextReader *r, const char *local)
{
    int t = xmlTextReaderNodeType(r);
    return is(r, local) && (t == XML_READER_TYPE_END_ELEMENT ||
                            (t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r) == 1));
}

/* A copy of attribute `local` of the current element in the arena ("" when
 * absent); NULL when out of memory. */
static const char *attr_copy(xlsx *X, xmlTextReader *r, const char *local)
{
    const char *v = pg_sheets_attr(r, NULL, local);
    return pg_arena_strdup(&X->w->out->arena, v ? v : "");
}

static long attr_long(xmlTextReader *r, const char *local, long absent)
{
    const char *v = pg_sheets_attr(r, NULL, local);
    return v ? strtol(v, NULL, 10) : absent;
}

/* ---- workbook.xml and its relationships -------------------------------- */

static int visit_workbook(void *ctx, xmlTextReader *r)
{
    xlsx *X = ctx;
    if (opening(r, "workbookPr")) {
        const char *v = pg_sheets_attr(r, NULL, "date1904");
        X->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (opening(r, "sheet")) {
        sheet_ref s = { attr_copy(X, r, "name"), attr_copy(X, r, "id") };
        if (s.name == NULL || s.rid == NULL || PG_VEC_RESERVE(X->sheets, 1) != 0)
            return -2;
        X->sheets.items[X->sheets.len++] = s;
    }
    return 0;
}

/* The part a relationship's target names: from the package's root when it
 * starts with '/', else from xl/, where workbook.xml is. */
static const char *part_of(xlsx *X, const char *target)
{
    size_t n = strlen(target) + 4;
    char *p = pg_arena_alloc(&X->w->out->arena, n);
    if (p != NULL)
        snprintf(p, n, "%s%s", target[0] == '/' ? "" : "xl/", target + (target[0] == '/'));
    return p;
}

static int visit_rels(void *ctx, xmlTextReader *r)
{
    xlsx *X = ctx;
    if (!opening(r, "Relationship"))
        return 0;
    const char *type = attr_copy(X, r, "Type"), *slash = type ? strrchr(type, '/') : NULL;
    const char *target = attr_copy(X, r, "Target");
    rel l = { attr_copy(X, r, "Id"), slash ? slash + 1 : type, target ? part_of(X, target) : NULL };
    if (l.id == NULL || l.type == NULL || l.target == NULL || PG_VEC_RESERVE(X->rels, 1) != 0)
        return -2;
    X->rels.items[X->rels.len++] = l;
    return 0;
}

/* The relationship of the workbook whose `field` ("id" or "type") is
 * `value`, or NULL. */
static const rel *find_rel(const xlsx *X, bool by_type, const char *value)
{
    for (size_t i = 0; i < X->rels.len; i++)
        if (strcmp(by_type ? X->rels.items[i].type : X->rels.items[i].id, value) == 0)
            return &X->rels.items[i];
    return NULL;
}

/* ---- Excel's escapes --------------------------------------------------- */

/* Is there an escape _xHHHH_ at `s` (`n` bytes)? Its character in *cp
 * (not NUL, not a surrogate). */
static bool escape_at(const char *s, size_t n, unsigned *cp)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return false;
    for (int k = 2; k < 6; k++)
        if (!isxdigit((unsigned char)s[k]))
            return false;
    *cp = (unsigned)strtoul((char[5]){ s[2], s[3], s[4], s[5], '\0' }, NULL, 16);
    return *cp != 0 && (*cp < 0xD800 || *cp > 0xDFFF);
}

/* Writes `cp` (below U+10000) as UTF-8 at `o`; its length. */
static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80)
        return o[0] = (char)cp, 1;
    if (cp < 0x800)
        return o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F)), 2;
    o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Excel's escapes in strings: _xHHHH_ stands for character U+HHHH (it
 * writes a carriage return _x000D_, and an underscore that would start an
 * escape _x005F_). Decoded in place in the text gathered (never longer). */
static void unescape(xlsx *X)
{
    char *s = X->w->text.items;
    size_t out = 0;
    unsigned cp;
    for (size_t i = 0; i < X->w->text.len;)
        if (escape_at(s + i, X->w->text.len - i, &cp))
            out += put_utf8(s + out, cp), i += 7;
        else
            s[out++] = s[i++];
    X->w->text.len = out;
}

/* ---- shared strings ---------------------------------------------------- */

static int push_string(xlsx *X)
{
    unescape(X);
    const char *s = pg_arena_strndup(&X->w->out->arena, X->w->text.items ? X->w->text.items : "", X->w->text.len);
    if (s == NULL || PG_VEC_RESERVE(X->strings, 1) != 0)
        return -2;
    X->strings.items[X->strings.len++] = s;
    return 0;
}

/* <si> holds <t>, or rich text runs <r><t>; the phonetic runs <rPh> (a
 * reading of Japanese text) are not the text. */
static int visit_strings(void *ctx, xmlTextReader *r)
{
    xlsx *X = ctx;
    if (opening(r, "rPh") || opening(r, "phoneticPr"))
        return 1;
    if (opening(r, "si"))
        X->w->text.len = 0;
    if (closing(r, "si"))
        return push_string(X);
    if (opening(r, "t"))
        X->in_t = xmlTextReaderIsEmptyElement(r) != 1;
    else if (closing(r, "t"))
        X->in_t = false;
    return X->in_t ? pg_sheets_gather(X->w, r) : 0;
}

/* ---- styles: which cell formats show dates ----------------------------- */

/* Skips what a format code shows as it is: a quoted text, the character
 * after \ _ or *; *s is on its first character. Returns the last one. */
static const char *literal(const char *s)
{
    if (*s == '"') {
        const char *end = strchr(s + 1, '"');
        return end ? end : s + strlen(s) - 1;
    }
    return s[1] != '\0' ? s + 1 : s;
}

/* Is the bracket at `s` an elapsed time ([h], [mm], [ss])? */
static bool elapsed(const char *s)
{
    size_t n = strspn(s + 1, "hHmMsS");
    return n > 0 && s[1 + n] == ']';
}

/* Does number format `code` show a date? It does when it has a day or a
 * year, or months without hours or seconds, outside quotes and brackets;
 * an elapsed time ([h], [mm], [ss]) is a duration, never a date. */
static bool date_code(const char *code)
{
    bool day = false, month = false, clock = false;
    for (const char *s = code; *s != '\0'; s++) {
        int c = tolower((unsigned char)*s);
        if (*s == '[' && elapsed(s))
            return false;
        if (*s == '[')
            s = strchr(s, ']') ? strchr(s, ']') : s + strlen(s) - 1;
        else if (strchr("\"\\_*", *s) != NULL)
            s = literal(s);
        day = day || c == 'd' || c == 'y';
        month = month || c == 'm';
        clock = clock || c == 'h' || c == 's';
    }
    return day || (month && !clock);
}

/* Excel's built-in number formats that show a date: 14-17 (m/d/yyyy ...)
 * and 22 (m/d/yyyy h:mm); 18-21 and 45-47 show times only. */
static bool builtin_date(long id)
{
    return (id >= 14 && id <= 17) || id == 22;
}

static bool shows_date(const xlsx *X, long id)
{
    for (size_t i = 0; i < X->date_fmts.len; i++)
        if (X->date_fmts.items[i] == id)
            return true;
    return builtin_date(id);
}

/* A custom number format: noted when it shows a date. */
static int custom_format(xlsx *X, xmlTextReader *r)
{
    const char *code = pg_sheets_attr(r, NULL, "formatCode");
    if (code == NULL || !date_code(code))
        return 0;
    if (PG_VEC_RESERVE(X->date_fmts, 1) != 0)
        return -2;
    X->date_fmts.items[X->date_fmts.len++] = attr_long(r, "numFmtId", -1);
    return 0;
}

/* A cell format (<xf> of <cellXfs>): does it show a date? */
static int cell_format(xlsx *X, xmlTextReader *r)
{
    if (PG_VEC_RESERVE(X->xf_date, 1) != 0)
        return -2;
    X->xf_date.items[X->xf_date.len++] = shows_date(X, attr_long(r, "numFmtId", 0));
    return 0;
}

static int visit_styles(void *ctx, xmlTextReader *r)
{
    xlsx *X = ctx;
    if (opening(r, "numFmt"))
        return custom_format(X, r);
    if (opening(r, "cellXfs") || closing(r, "cellXfs"))
        X->in_xfs = opening(r, "cellXfs") && xmlTextReaderIsEmptyElement(r) != 1;
    return X->in_xfs && opening(r, "xf") ? cell_format(X, r) : 0;
}

/* ---- dates ------------------------------------------------------------- */

/* The civil date `days` days after 1970-01-01 (H. Hinnant's algorithm). */
static void civil(long days, long *y, long *m, long *d)
{
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* Days from 1970-01-01 to day 0 of each date system: 1899-12-30 (1900,
 * counting back from there before 1900, as LibreOffice and openpyxl
 * write earlier dates) and 1904-01-01 (1904). */
enum { EPOCH_1900 = -25569, EPOCH_1904 = -24107, LAST_SERIAL = 2958465, DATE_SIZE = 64 };

/* Writes serial day number `serial` as YYYY-MM-DD into `buf` (>=
 * DATE_SIZE bytes); false when it names no day: after 9999-12-31, or
 * from 0 to 1 in the 1900 system (Excel's "1900-01-00", a time of day). */
static bool serial_date(const xlsx *X, double serial, char *buf)
{
    long day = (long)floor(serial), y, m, d;
    if ((!X->date1904 && serial >= 0 && serial < 1) || serial >= LAST_SERIAL + 1 || serial < -LAST_SERIAL)
        return false;
    if (!X->date1904 && day == 60) {
        strcpy(buf, "1900-02-29"); /* Excel's day that never was (Lotus 1-2-3's bug, kept) */
        return true;
    }
    /* before 1900-03-01, Excel's days are one later than the calendar's */
    civil((X->date1904 ? EPOCH_1904 : EPOCH_1900) + day + (!X->date1904 && day > 0 && day < 60), &y, &m, &d);
    snprintf(buf, DATE_SIZE, "%04ld-%02ld-%02ld", y, m, d);
    return true;
}

/* ---- the cells of a worksheet ------------------------------------------ */

/* Parses a cell reference ("C12") into *row, *col; false when it is none
 * or out of Excel's range. */
static bool reference(const char *ref, long *row, long *col)
{
    long c = 0, n = 0;
    const char *s = ref;
    for (; isupper((unsigned char)*s) && c <= MAX_COL; s++)
        c = c * 26 + (*s - 'A' + 1);
    for (; isdigit((unsigned char)*s) && n <= MAX_ROW; s++)
        n = n * 10 + (*s - '0');
    if (*s != '\0' || c < 1 || c > MAX_COL || n < 1 || n > MAX_ROW)
        return false;
    *row = n, *col = c;
    return true;
}

static const char *cell_text(const xlsx *X)
{
    return X->w->text.len ? X->w->text.items : "";
}

/* Fails at the current cell with `reason`. */
static int cell_fails(xlsx *X, const char *reason)
{
    char where[160];
    pg_table t = { .name = X->sheet, .in_sheet = true };
    pg_cell c = { .at = { X->row, X->col } };
    return pg_sheets_fail(X->w, pg_table_where(&t, &c, where, sizeof where), "%s", reason);
}

static int shared_string(xlsx *X)
{
    char *end;
    errno = 0;
    unsigned long i = strtoul(cell_text(X), &end, 10);
    if (*end != '\0' || end == cell_text(X) || errno != 0 || i >= X->strings.len)
        return cell_fails(X, "the cell names a shared string the workbook does not hold");
    const char *s = X->strings.items[i];
    return pg_sheets_cell(X->w, X->row, X->col, PG_CELL_TEXT, s, strlen(s), 0);
}

static int string(xlsx *X)
{
    unescape(X);
    X->w->text.items[X->w->text.len] = '\0';
    return pg_sheets_cell(X->w, X->row, X->col, PG_CELL_TEXT, cell_text(X), X->w->text.len, 0);
}

static int boolean(xlsx *X)
{
    bool yes = strcmp(cell_text(X), "1") == 0 || strcmp(cell_text(X), "true") == 0;
    if (X->w->text.len == 0)
        return 0;
    return pg_sheets_cell(X->w, X->row, X->col, PG_CELL_BOOL, yes ? "true" : "false", yes ? 4 : 5, yes);
}

static int error_value(xlsx *X)
{
    char reason[200];
    snprintf(reason, sizeof reason, "the error value %.40s read as an empty cell", cell_text(X));
    pg_sheets_warn(X->w, X->sheet, X->row, X->col, reason);
    return 0;
}

/* An ISO 8601 date or date and time (t="d"): its date. */
static int iso_date(xlsx *X)
{
    size_t n = strcspn(cell_text(X), "T ");
    return pg_sheets_cell(X->w, X->row, X->col, PG_CELL_DATE, cell_text(X), n, 0);
}

static int number(xlsx *X)
{
    char *end, date[DATE_SIZE];
    if (X->w->text.len == 0)
        return 0;
    double x = strtod(cell_text(X), &end);
    if (*end != '\0' || end == cell_text(X) || !isfinite(x))
        return cell_fails(X, "the cell's value is not a number");
    bool dated = X->style >= 0 && (size_t)X->style < X->xf_date.len && X->xf_date.items[X->style];
    if (dated && serial_date(X, x, date))
        return pg_sheets_cell(X->w, X->row, X->col, PG_CELL_DATE, date, strlen(date), 0);
    return pg_sheets_number(X->w, X->row, X->col, x);
}

/* What each cell type holds. */
static const struct {
    const char *t;
    int (*read)(xlsx *X);
} CELL_TYPES[] = {
    { "s", shared_string }, { "inlineStr", string }, { "str", string }, { "b", boolean },
    { "e", error_value },   { "d", iso_date },       { "n", number },   { "", number },
};

static int end_cell(xlsx *X)
{
    if (pg_sheets_append(X->w, "", 0) != 0)
        return -2;
    X->w->text.items[X->w->text.len] = '\0';
    X->in_c = X->in_v = X->in_is = X->in_t = false;
    for (size_t i = 0; i < sizeof CELL_TYPES / sizeof CELL_TYPES[0]; i++)
        if (strcmp(CELL_TYPES[i].t, X->type) == 0)
            return CELL_TYPES[i].read(X);
    return cell_fails(X, "the cell's type (t) is none that SpreadsheetML defines");
}

static int start_row(xlsx *X, xmlTextReader *r)
{
    X->row = attr_long(r, "r", X->row + 1);
    X->col = 0;
    if (X->row < 1 || X->row > MAX_ROW)
        return cell_fails(X, "a row number out of range");
    return 0;
}

static int start_cell(xlsx *X, xmlTextReader *r)
{
    const char *ref = pg_sheets_attr(r, NULL, "r");
    if (ref == NULL)
        X->col++;
    else if (!reference(ref, &X->row, &X->col))
        return cell_fails(X, "a cell reference (r) that names no cell");
    const char *t = pg_sheets_attr(r, NULL, "t");
    snprintf(X->type, sizeof X->type, "%s", t ? t : "");
    X->style = attr_long(r, "s", 0);
    X->w->text.len = 0;
    X->in_c = xmlTextReaderIsEmptyElement(r) != 1;
    return 0;
}

/* Keeps track of <v>, <is> and <t> inside a cell. */
static void inside_cell(xlsx *X, xmlTextReader *r)
{
    bool open = opening(r, "v") || opening(r, "is") || opening(r, "t");
    bool empty = xmlTextReaderIsEmptyElement(r) == 1;
    if (is(r, "v"))
        X->in_v = open && !empty;
    else if (is(r, "is"))
        X->in_is = open && !empty;
    else if (is(r, "t"))
        X->in_t = open && !empty && X->in_is;
}

static int visit_sheet(void *ctx, xmlTextReader *r)
{
    xlsx *X = ctx;
    if (opening(r, "row"))
        return start_row(X, r);
    if (opening(r, "c"))
        return start_cell(X, r);
    if (!X->in_c)
        return 0;
    if (opening(r, "f") || opening(r, "rPh") || opening(r, "extLst"))
        return 1;
    if (closing(r, "c"))
        return end_cell(X);
    inside_cell(X, r);
    return X->in_v || X->in_t ? pg_sheets_gather(X->w, r) : 0;
}

/* ---- the workbook ------------------------------------------------------ */

/* Walks part `name`, which must be there when `needed`. */
static int walk(xlsx *X, const char *name, pg_sheets_visit visit, bool needed)
{
    int status = pg_sheets_walk(X->w, name, visit, X);
    if (status == 1 && needed)
        return pg_sheets_fail(X->w, "", "a damaged workbook: its part %s is missing", name);
    return status == 1 ? 0 : status;
}

/* Walks the part of relationship type `type` if the workbook has one. */
static int walk_rel(xlsx *X, const char *type, pg_sheets_visit visit)
{
    const rel *l = find_rel(X, true, type);
    return l ? walk(X, l->target, visit, true) : 0;
}

static int read_sheet(xlsx *X, const sheet_ref *s)
{
    const rel *l = find_rel(X, false, s->rid);
    if (l == NULL)
        return pg_sheets_fail(X->w, "", "a damaged workbook: sheet %.60s has no part", s->name);
    if (strcmp(l->type, "worksheet") != 0)
        return 0; /* a chart sheet or a dialog sheet: no cells */
    X->sheet = s->name;
    X->row = X->col = 0;
    X->in_c = X->in_v = X->in_is = X->in_t = false;
    int status = walk(X, l->target, visit_sheet, true);
    return status == 0 ? pg_sheets_end(X->w, s->name) : status;
}

static int read_parts(xlsx *X)
{
    int status = walk(X, "xl/workbook.xml", visit_workbook, true);
    if (status == 0)
        status = walk(X, "xl/_rels/workbook.xml.rels", visit_rels, true);
    if (status == 0)
        status = walk_rel(X, "sharedStrings", visit_strings);
    if (status == 0)
        status = walk_rel(X, "styles", visit_styles);
    for (size_t i = 0; status == 0 && i < X->sheets.len; i++)
        status = read_sheet(X, &X->sheets.items[i]);
    return status;
}

int pg_xlsx_read(pg_sheets *w)
{
    xlsx X = { .w = w };
    int status = read_parts(&X);
    free(X.sheets.items);
    free(X.rels.items);
    free(X.strings.items);
    free(X.date_fmts.items);
    free(X.xf_date.items);
    return status;
}
