/* utf8.c - see utf8.h: UTF-8 sequences, positions, and the characters of
 * names (XML NameChar). */
#include "base/utf8.h"

size_t pg_utf8_sequence(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return c == 0 ? 0 : 1;
    else if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (avail < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

void pg_utf8_position(const char *s, size_t offset, long *line, long *column)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

size_t pg_utf8_bom(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    return len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
}

uint32_t pg_utf8_decode(const unsigned char *s, size_t n)
{
    static const unsigned char lead_bits[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
    uint32_t cp = s[0] & lead_bits[n];
    for (size_t i = 1; i < n; i++)
        cp = cp << 6 | (s[i] & 0x3Fu);
    return cp;
}

/* XML 1.0 (fifth edition), production [4a] NameChar: NameStartChar [4]
 * and "-" | "." | [0-9] | #xB7 | [#x0300-#x036F] | [#x203F-#x2040],
 * merged into sorted, disjoint ranges. */
static const struct name_range {
    uint32_t lo, hi;
} name_ranges[] = {
    { '-', '.' },       { '0', ':' },         { 'A', 'Z' },         { '_', '_' },         { 'a', 'z' },
    { 0xB7, 0xB7 },     { 0xC0, 0xD6 },       { 0xD8, 0xF6 },       { 0xF8, 0x37D },      { 0x37F, 0x1FFF },
    { 0x200C, 0x200D }, { 0x203F, 0x2040 },   { 0x2070, 0x218F },   { 0x2C00, 0x2FEF },   { 0x3001, 0xD7FF },
    { 0xF900, 0xFDCF }, { 0xFDF0, 0xFFFD },   { 0x10000, 0xEFFFF },
};

bool pg_utf8_name_char(uint32_t cp)
{
    size_t lo = 0, hi = sizeof name_ranges / sizeof name_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < name_ranges[mid].lo)
            hi = mid;
        else if (cp > name_ranges[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

size_t pg_utf8_name_char_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = pg_utf8_sequence(u, 4);
    return n > 0 && pg_utf8_name_char(pg_utf8_decode(u, n)) ? n : 0;
}

size_t pg_utf8_name_chars(const char *s, size_t max_chars)
{
    size_t chars = 0;
    for (size_t n; *s; s += n, chars++) {
        n = pg_utf8_name_char_at(s);
        if (n == 0 || chars == max_chars)
            return 0;
    }
    return chars;
}

/* Appends the `n` bytes at `s` to buf[*len]; false when `size` (with
 * the NUL) leaves no room. */
static bool append(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + n >= size)
        return false;
    for (size_t i = 0; i < n; i++)
        buf[(*len)++] = s[i];
    return true;
}

/* The bytes of the character at `s` that is no NameChar (1 when
 * malformed). */
static size_t other_char(const char *s)
{
    size_t n = pg_utf8_sequence((const unsigned char *)s, 4);
    return n ? n : 1;
}

size_t pg_utf8_to_name(const char *s, char *buf, size_t size, size_t max_chars)
{
    size_t len = 0, chars = 0;
    while (*s && chars < max_chars) {
        size_t n = pg_utf8_name_char_at(s);
        bool gap = n == 0 && (len == 0 || buf[len - 1] == '_');
        if (!gap && !append(buf, size, &len, n ? s : "_", n ? n : 1))
            break;
        chars += !gap;
        s += n ? n : other_char(s);
    }
    while (len > 0 && buf[len - 1] == '_')
        len--;
    buf[len] = '\0';
    return len;
}
