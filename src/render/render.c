/* render.c - the pictures graph.svg, graph.png and graph.pdf, drawn with
 * Graphviz's library in a child process (child.c): the graph and its
 * legend are built in memory (render_graph.c, render_legend.c), laid out
 * with the "nop" engine, which keeps the given positions (neato -n), and
 * rendered into memory: SVG by Graphviz's own renderer, PNG and PDF by
 * cairo. SVG and PDF keep the drawing's size in points; a PNG is drawn at
 * 96 dpi, or at the lower resolution that makes its longer side
 * png_max_pixels when it would be larger, so that a large network's
 * raster stays a few tens of megabytes in memory.
 *
 * Rules: every Graphviz call (the context, the layout, the rendering) is
 * made in the child, which hands the picture's bytes back through a pipe;
 * the parent writes them to the stream with fwrite, whose errors pg_write
 * finds with ferror(). So a crash, an exit() or an allocation failure in
 * Graphviz, cairo, pango or fontconfig ends the child, never the caller,
 * and what they print goes to a pipe, never to the terminal (child.h says
 * how each ending is reported). Inside the child Graphviz never prints:
 * its messages are caught, and the last one explains a failure
 * (PG_EINTERNAL), or PG_ENOMEM when errno or Graphviz's messages say the
 * memory ran out (render_text.c). A picture Graphviz says it drew but
 * that is cut short (no PNG IEND chunk, no "</svg>", no "%%EOF": cairo
 * under memory pressure) is a failure too. cairo stamps PDFs with the
 * time: the /CreationDate entry is blanked with spaces (offsets
 * unchanged), so the same input gives the same bytes. The child makes one
 * Graphviz context and keeps it to its end (_exit; Graphviz 2.42 cannot
 * free a context and make another safely: its pango plugin keeps a
 * pointer to a font name the first one owned); each picture's graph and
 * layout are freed before its bytes are sent, and the nop engine's node
 * list, which Graphviz 2.42 leaves behind, is freed here. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/child.h"
#include "base/error.h"
#include "render/canvas.h"
#include "render/render.h"

/* The PNG's longer side at most, in pixels; its resolution when that
 * allows (Graphviz's default); the margin around the drawing in points
 * (the graph's pad, render_graph.c). */
static const double png_max_pixels = 4000.0, png_dpi = 96.0, png_pad = 0.3 * 72;

/* Blanks the value and key of "/CreationDate (...)" in PDF `data`. */
static void drop_creation_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (";
    size_t klen = sizeof key - 1;
    for (size_t i = 0; i + klen <= len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        size_t end = i + klen;
        while (end < len && data[end] != ')' && data[end] != '\n')
            end++;
        if (end < len && data[end] == ')')
            memset(data + i, ' ', end + 1 - i);
        return;
    }
}

/* What a picture must start and end with, by format: Graphviz under
 * memory pressure can report success with a picture cut short. */
static const struct {
    const char *format, *head, *tail;
} endings[] = {
    { "svg", "<?xml", "</svg>\n" },
    { "png", "\x89PNG\r\n\x1a\n", "IEND\xae\x42\x60\x82" },
    { "pdf", "%PDF-", "%%EOF\n" },
};

/* Does `data` look like a whole picture in `format`? */
static bool whole(const char *format, const char *data, size_t len)
{
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        size_t head = strlen(endings[i].head), tail = strlen(endings[i].tail);
        if (strncmp(format, endings[i].format, 3) == 0)
            return len >= head + tail && memcmp(data, endings[i].head, head) == 0 &&
                   memcmp(data + len - tail, endings[i].tail, tail) == 0;
    }
    return len > 0;
}

/* The error for a Graphviz step that failed (`what` it could not do):
 * out of memory when errno or Graphviz's messages say so. */
static pg_status gv_failed(const char *what, pg_error *err)
{
    if (errno == ENOMEM || pg_gv_out_of_memory())
        return pg_error_set(err, PG_ENOMEM, "out of memory drawing the picture (%s)", pg_gv_message(what));
    return pg_error_set(err, PG_EINTERNAL, "%s", pg_gv_message(what));
}

/* Renders the laid-out canvas as `format` into *out. */
static pg_status emit(pg_canvas *c, const char *format, pg_child_bytes *out, pg_error *err)
{
    char *data = NULL;
    unsigned int len = 0;
    if (gvRenderData(c->gvc, c->ag, format, &data, &len) != 0 || data == NULL || !whole(format, data, len)) {
        if (data)
            gvFreeRenderData(data);
        return gv_failed("draw the whole picture", err);
    }
    if (strncmp(format, "pdf", 3) == 0)
        drop_creation_date(data, len);
    *out = (pg_child_bytes){ data, len, gvFreeRenderData };
    return PG_OK;
}

/* For a PNG: the resolution that keeps its longer side within
 * png_max_pixels (96 dpi when that does), set on the laid-out graph. */
static void png_resolution(pg_canvas *c)
{
    boxf bb = GD_bb(c->ag);
    double side = fmax(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y) + 2 * png_pad; /* points */
    GD_drawing(c->ag)->dpi = fmin(png_dpi, floor(png_max_pixels * 72 / side * 1000) / 1000);
}

/* Builds the graph and the legend and lays them out; sets *laid_out. */
static pg_status draw(pg_canvas *c, bool png, bool *laid_out, pg_error *err)
{
    pg_status st = pg_canvas_draw_graph(c, err);
    if (st == PG_OK)
        st = pg_canvas_draw_legend(c, err);
    if (st != PG_OK)
        return st;
    if (gvLayout(c->gvc, c->ag, "nop") != 0)
        return gv_failed("lay out the picture", err);
    *laid_out = true;
    if (png)
        png_resolution(c);
    return PG_OK;
}

void pg_gv_free_nop(pg_canvas *c)
{
    /* Graphviz 2.42's nop engine never frees its node list (scan_graph_mode) */
    free(GD_neato_nlist(c->ag));
    GD_neato_nlist(c->ag) = NULL;
    gvFreeLayout(c->gvc, c->ag);
}

/* Frees the canvas: its layout, graph and arrays. */
static void release(pg_canvas *c, bool laid_out)
{
    if (laid_out)
        pg_gv_free_nop(c);
    if (c->ag)
        agclose(c->ag);
    free(c->nodes);
    free(c->order);
    free(c->x);
    free(c->y);
    free(c->labelled);
}

/* The child's Graphviz context, made on first use and kept to its end
 * (see the top; a static, so that leak checkers see it). */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (gvc == NULL)
        gvc = gvContext();
    return gvc;
}

/* A picture to draw: analysed `g` in Graphviz output `format`. */
typedef struct picture {
    const pg_graph *g;
    const char *format;
} picture;

/* The child's work (see the top): draws picture `arg` into *out. */
static pg_status draw_picture(void *arg, pg_child_bytes *out, pg_error *err)
{
    const picture *p = arg;
    pg_canvas c = { .g = p->g };
    bool laid_out = false;
    pg_gv_capture();
    errno = 0;
    c.gvc = context();
    pg_status st = c.gvc ? draw(&c, strncmp(p->format, "png", 3) == 0, &laid_out, err)
                         : gv_failed("start", err);
    if (st == PG_OK)
        st = emit(&c, p->format, out, err);
    release(&c, laid_out);
    return st;
}

/* Draws analysed `g` and writes it to `f` in Graphviz output `format`,
 * in a child process. */
static pg_status render(const pg_graph *g, FILE *f, const char *format, pg_error *err)
{
    picture p = { g, format };
    pg_child_job job = { draw_picture, &p, "Graphviz", "drawing the picture" };
    return pg_child_run(&job, f, err);
}

pg_status pg_write_svg(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "svg", err);
}

pg_status pg_write_png(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "png:cairo", err);
}

pg_status pg_write_pdf(const pg_graph *g, FILE *f, pg_error *err)
{
    return render(g, f, "pdf:cairo", err);
}
