/* render_text.c - text and attributes for Graphviz's in-memory graphs:
 * escaping names so that Graphviz neither interprets them (\N, \G, \l,
 * entities such as &lt;) nor writes characters XML 1.0 forbids, and
 * catching Graphviz's messages instead of letting it print them, and
 * telling from them whether a failure was for want of memory.
 *
 * Rules: a label's line breaks (LF, CR LF, lone CR) become Graphviz line
 * breaks, tabs spaces; a tooltip keeps the text exactly (Graphviz writes
 * CR and LF as character references, a tab as itself, which XML readers
 * turn into a space in an attribute); in both, the control characters
 * XML 1.0 cannot carry and U+FFFE, U+FFFF become U+FFFD, as in every XML
 * output of partygraph. Graphviz decodes entities in both (so & is
 * written &amp;) and unescapes a label's backslashes once, a tooltip's
 * twice. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/palette.h"
#include "render/picture.h"
#include "render/canvas.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
static const char ellipsis[] = "\xE2\x80\xA6";    /* U+2026 */

int pg_gv_set(void *obj, const char *name, const char *value)
{
    /* cgraph's prototypes lack const but copy the strings */
    return agsafeset(obj, (char *)name, (char *)value, "") == 0 ? 0 : -1;
}

/* Appends `s` to `out`; returns the end. */
static char *put(char *out, const char *s)
{
    size_t len = strlen(s);
    memcpy(out, s, len);
    return out + len;
}

/* The escaped form of the character at *s for `how`, appended to `out`;
 * advances *s past the bytes used. Returns the end of `out`. */
static char *escape_char(char *out, const char **s, pg_gv_text how)
{
    const unsigned char *p = (const unsigned char *)*s;
    bool tooltip = how == PG_GV_TOOLTIP;
    *s += 1;
    if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
        *s += 2;
        return put(out, replacement);
    }
    switch (p[0]) {
    case '\\': return put(out, tooltip ? "\\\\\\\\" : "\\\\"); /* a tooltip's are unescaped twice */
    case '&': return put(out, "&amp;");
    case '\t': return put(out, tooltip ? "\t" : " ");
    case '\r':
        if (!tooltip && p[1] == '\n')
            return out; /* the LF breaks the line */
        /* fall through */
    case '\n':
        if (tooltip)
            return put(out, p[0] == '\r' ? "\r" : "\n");
        return put(out, how == PG_GV_LABEL ? "\\n" : " ");
    default:
        if (p[0] < 0x20)
            return put(out, replacement);
        *out = (char)p[0];
        return out + 1;
    }
}

char *pg_gv_escape(const char *s, pg_gv_text how, size_t max_chars)
{
    size_t len = strlen(s), keep = pg_picture_cut(s, max_chars);
    char *text = malloc(5 * keep + sizeof ellipsis);
    if (text == NULL)
        return NULL;
    char *out = text;
    for (const char *end = s + keep; s < end;)
        out = escape_char(out, &s, how);
    if (keep < len)
        out = put(out, ellipsis);
    *out = '\0';
    return text;
}

int pg_gv_set_text(void *obj, const char *name, const char *s, pg_gv_text how, size_t max_chars)
{
    char *text = pg_gv_escape(s, how, max_chars);
    int rc = text ? pg_gv_set(obj, name, text) : -1;
    free(text);
    return rc;
}

double pg_gv_text_width(const char *s, double font_size)
{
    double line = 0, widest = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n' || *p == '\r')
            line = 0;
        else if ((*p & 0xC0) != 0x80) /* a character starts: CJK and emoji from 3 bytes on */
            line += *p >= 0xE1 ? 1.0 : 0.62;
        if (line > widest)
            widest = line;
    }
    return widest * font_size;
}

/* ---- Graphviz's messages --------------------------------------------- */

/* Graphviz hands its handler a message in pieces: "Error" or "Warning",
 * ": ", then the text. The last message is kept. */
static char last_message[512];

/* Did any message since pg_gv_capture speak of memory? */
static bool memory_said;

/* The plugin Graphviz could not load last ("Could not load "PATH" - ...").
 * Graphviz hides the loader's reason when the file exists. */
static char unloaded[512];

static void note_plugin(const char *piece)
{
    static const char key[] = "Could not load \"";
    const char *p = strstr(piece, key);
    size_t len = p ? strcspn(p + sizeof key - 1, "\"") : 0;
    if (p != NULL && len < sizeof unloaded) {
        memcpy(unloaded, p + sizeof key - 1, len);
        unloaded[len] = '\0';
    }
}

static int record(char *piece)
{
    size_t len = strlen(last_message);
    if (strcmp(piece, "Error") == 0 || strcmp(piece, "Warning") == 0)
        len = 0;
    snprintf(last_message + len, sizeof last_message - len, "%s", piece);
    memory_said |= strstr(piece, "memory") != NULL;
    note_plugin(piece);
    return 0;
}

agusererrf pg_gv_capture(void)
{
    last_message[0] = unloaded[0] = '\0';
    memory_said = false;
    agreseterrors();
    return agseterrf(record);
}

/* Does the plugin Graphviz could not load fail to load now for want of
 * memory (the dynamic loader cannot map it)? */
static bool plugin_unmappable(void)
{
    if (unloaded[0] == '\0')
        return false;
    void *plugin = dlopen(unloaded, RTLD_LAZY | RTLD_LOCAL);
    if (plugin != NULL) {
        dlclose(plugin);
        return false;
    }
    const char *why = dlerror();
    return why != NULL && (strstr(why, "failed to map") || strstr(why, "cannot map") || strstr(why, "allocate memory"));
}

bool pg_gv_out_of_memory(void)
{
    return memory_said || plugin_unmappable();
}

const char *pg_gv_message(const char *what)
{
    static char message[sizeof last_message + 64];
    size_t len = strcspn(last_message, "\n"); /* one line */
    if (len == 0)
        snprintf(message, sizeof message, "Graphviz could not %s", what);
    else
        snprintf(message, sizeof message, "Graphviz: %.*s", (int)len, last_message);
    return message;
}

/* ---- styles ------------------------------------------------------------ */

const char *pg_gv_shape(pg_kind k)
{
    static const char *const shapes[PG_KIND_COUNT] = {
        [PG_KIND_COUNTRY] = "box",
        [PG_KIND_PARTY] = "ellipse",
        [PG_KIND_MECHANISM] = "hexagon",
        [PG_KIND_EVENT] = "diamond",
        [PG_KIND_PERSON] = "triangle",
        [PG_KIND_NODE] = "octagon",
    };
    return (unsigned)k < PG_KIND_COUNT ? shapes[k] : "ellipse";
}

const char *pg_gv_colour(long c, char buf[8])
{
    pg_rgb rgb = pg_palette_rgb(c);
    snprintf(buf, 8, "#%02x%02x%02x", rgb.r, rgb.g, rgb.b);
    return buf;
}
