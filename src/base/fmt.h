/* fmt.h - locale-independent number formatting for every output. */
#ifndef PG_FMT_H
#define PG_FMT_H

#include <stddef.h>

enum { PG_FMT_DOUBLE_SIZE = 32 };

/* Writes the shortest decimal form of finite `x` that reads back to the
 * same double ("0.5", "1e-07", "3"), always with '.' whatever the process
 * locale; -0 is written "0". Exactly: the first of C's %.15g, %.16g and
 * %.17g in the C locale that strtod reads back to x (computed mostly
 * without stdio, same bytes). Returns `buf` (>= PG_FMT_DOUBLE_SIZE bytes). */
char *pg_fmt_double(double x, char buf[PG_FMT_DOUBLE_SIZE]);

/* Writes `x` in decimal ("%ld" in any locale). Returns `buf`. */
char *pg_fmt_long(long x, char buf[PG_FMT_DOUBLE_SIZE]);

/* Writes `x` with `decimals` digits after the point ("%.*f" in the C
 * locale), for human-readable tables. Returns `buf`. */
char *pg_fmt_fixed(double x, int decimals, char buf[PG_FMT_DOUBLE_SIZE]);

#endif
