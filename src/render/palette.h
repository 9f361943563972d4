/* palette.h - community colours, shared by every writer so that GraphML,
 * DOT and later formats agree. ColorBrewer's Set3 (12 colours, Graphviz
 * scheme "set312") colours communities 0-11; the rest are white. */
#ifndef PG_PALETTE_H
#define PG_PALETTE_H

enum { PG_PALETTE_SIZE = 12 };

/* The Graphviz colour scheme whose colours 1..12 are the palette. */
#define PG_PALETTE_SCHEME "set312"

typedef struct pg_rgb {
    unsigned char r, g, b;
} pg_rgb;

/* The colour of community `c` (< 0: no community). */
pg_rgb pg_palette_rgb(long c);

#endif
