/* fmt.c - see fmt.h. The C locale is installed for the calling thread
 * only while formatting (POSIX uselocale), so a host program's setlocale()
 * can never turn our decimal points into commas. */
#define _POSIX_C_SOURCE 200809L
#include "fmt.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

static locale_t the_c_locale = (locale_t)0;

static void make_c_locale(void)
{
    the_c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The C locale object, created once; (locale_t)0 if that failed, in which
 * case formatting falls back to the process locale. */
static locale_t c_locale(void)
{
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, make_c_locale);
    return the_c_locale;
}

char *pg_fmt_double(double x, char buf[PG_FMT_DOUBLE_SIZE])
{
    if (x == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return buf;
    }
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, PG_FMT_DOUBLE_SIZE, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    if (loc)
        uselocale(old);
    return buf;
}

char *pg_fmt_fixed(double x, int decimals, char buf[PG_FMT_DOUBLE_SIZE])
{
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    snprintf(buf, PG_FMT_DOUBLE_SIZE, "%.*f", decimals, x == 0 ? 0.0 : x);
    if (loc)
        uselocale(old);
    return buf;
}
