/* fmt.c - see fmt.h. The C locale is installed for the calling thread
 * only while formatting (POSIX uselocale), so a host program's setlocale()
 * can never turn our decimal points into commas.
 *
 * pg_fmt_double's text is by definition the first of "%.15g", "%.16g",
 * "%.17g" that reads back to x (the slow path below does exactly that).
 * The fast path computes the same text without stdio: x scaled by one
 * long double product x * 10^k into the units of its 17th significant
 * digit (64-bit mantissa: off by less than 0.0055 of a unit), rounded to
 * 15, 16 or 17 digits; a candidate reads back to x when it lies closer
 * than half the gap to x's neighbouring doubles (what strtod's rounding
 * to nearest means); the text is laid out as %g does. Whenever a rounding
 * or a read-back is too close to call (within `margin` of a tie) or x is
 * out of the fast path's range (below about 1e-11, above 1e43), the C
 * library decides, so both paths give byte-identical text;
 * tests/unit/test_fmt.c checks that on millions of doubles. */
#define _POSIX_C_SOURCE 200809L
#include "base/fmt.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- integers ------------------------------------------------------- */

char *pg_fmt_long(long x, char buf[PG_FMT_DOUBLE_SIZE])
{
    char digits[24];
    int n = 0;
    unsigned long u = x < 0 ? 0UL - (unsigned long)x : (unsigned long)x;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    char *p = buf;
    if (x < 0)
        *p++ = '-';
    while (n > 0)
        *p++ = digits[--n];
    *p = '\0';
    return buf;
}

/* ---- doubles: the definition ---------------------------------------- */

/* strtod in the C locale. */
static double read_back(const char *text)
{
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    double x = strtod(text, NULL);
    if (loc)
        uselocale(old);
    return x;
}

/* The first of %.15g, %.16g, %.17g that reads back to x. */
static char *slow_double(double x, char buf[PG_FMT_DOUBLE_SIZE])
{
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

/* ---- doubles: the fast path ----------------------------------------- */

enum { SURE = 0, UNSURE = -1 };

#define E16 10000000000000000ULL /* 10^16 */

/* 10^0 .. 10^27, all exact in a long double with a 64-bit mantissa. */
static const long double pow10l_table[] = {
    1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
    1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};
enum { MAX_POW10 = 27 };

/* Units of the 17th digit that x's scaled value may be off by: about
 * twice the bound (10^17 * 2^-64 < 0.0055). */
static const double margin = 0.01;

/* A number d * 10^(exp10 - 16): 17 digits in d, the last ones maybe zeros. */
typedef struct decimal {
    uint64_t d;
    int exp10;       /* decimal exponent of d's first digit */
    uint64_t scaled; /* the number in the units of x's 17th digit (10^17 after 99.9 rounded up) */
} decimal;

/* x in the units of its own 17th significant digit, p = x * 10^(16 - exp10)
 * in [10^16, 10^17), as whole + frac (off by less than `margin`), and the
 * half gaps to x's neighbouring doubles in the same units: every number
 * strictly closer than those reads back to x. */
typedef struct scaled {
    long double p, below, above;
    uint64_t whole;
    double frac;
    int exp10;
} scaled;

/* x (> 0) scaled into *s; UNSURE when x is out of the fast path's range. */
static int scale(double x, scaled *s)
{
    int e2;
    double mant = frexp(x, &e2);
    int e10 = (int)floor((e2 - 1) * 0.30102999566398120); /* 10^e10 <= x < 10^(e10+2) */
    for (int tries = 0; tries < 2; tries++, e10++) {
        int k = 16 - e10;
        if (k > MAX_POW10 || k < -MAX_POW10)
            return UNSURE;
        long double ten_k = pow10l_table[k < 0 ? -k : k];
        long double p = k >= 0 ? (long double)x * ten_k : (long double)x / ten_k;
        if (p >= 1e17L)
            continue;
        /* p's integer part and fraction without x87 rounding-mode switches:
         * hi is p to 53 bits, an integer (p >= 10^16 > 2^53), and lo the
         * exact rest, a few units with a fraction */
        double hi = (double)p, lo = (double)(p - hi), lo_whole = floor(lo);
        long double half = x / (mant * 0x1p54); /* 2^(e2 - 54), exact */
        half = k >= 0 ? half * ten_k : half / ten_k;
        *s = (scaled){ p, mant == 0.5 ? half / 2 : half, half, (uint64_t)hi + (uint64_t)(int64_t)lo_whole,
                       lo - lo_whole, e10 };
        return p >= 1e16L ? SURE : UNSURE;
    }
    return UNSURE;
}

/* x rounded to `prec` (15 to 17) digits, kept 17 wide (trailing zeros);
 * UNSURE when x is too close to a tie between two such numbers. */
static int round_to(const scaled *s, int prec, decimal *out)
{
    uint64_t unit = prec == 15 ? 100 : prec == 16 ? 10 : 1;
    double rest = (double)(s->whole % unit) + s->frac, half = (double)unit / 2;
    if (fabs(rest - half) <= margin)
        return UNSURE;
    uint64_t d = (s->whole / unit + (rest > half)) * unit;
    *out = (decimal){ d, s->exp10, d };
    if (d >= 10 * E16) { /* 99..9.5 rounded up */
        out->d /= 10;
        out->exp10++;
    }
    return SURE;
}

/* %.{prec}g of the positive `dec`, without a sign, into buf. */
static void layout(const decimal *dec, int prec, char *buf)
{
    char digits[18];
    uint64_t d = dec->d;
    for (int i = 16; i >= 0; i--, d /= 10)
        digits[i] = (char)('0' + d % 10);
    int n = prec;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    int x = dec->exp10;
    char *p = buf;
    if (x < -4 || x >= prec) {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)n - 1);
            p += n - 1;
        }
        *p++ = 'e';
        *p++ = x < 0 ? '-' : '+';
        int a = x < 0 ? -x : x;
        if (a >= 100)
            *p++ = (char)('0' + a / 100);
        *p++ = (char)('0' + a / 10 % 10);
        *p++ = (char)('0' + a % 10);
    } else if (x >= 0) {
        memcpy(p, digits, (size_t)x + 1);
        p += x + 1;
        if (n > x + 1) {
            *p++ = '.';
            memcpy(p, digits + x + 1, (size_t)(n - x - 1));
            p += n - x - 1;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > x; i--)
            *p++ = '0';
        memcpy(p, digits, (size_t)n);
        p += n;
    }
    *p = '\0';
}

/* Whether the candidate `dec` with `prec` digits reads back to x (> 0):
 * decided by its distance to x against the half gap on its side, and by
 * strtod itself (the text laid out into buf) when they are too close. */
static bool reads_back(const decimal *dec, int prec, const scaled *s, double x, char *buf)
{
    long double delta = (long double)dec->scaled - s->p;
    long double gap = delta < 0 ? s->below : s->above;
    delta = fabsl(delta);
    if (delta < gap - margin)
        return true;
    if (delta > gap + margin)
        return false;
    layout(dec, prec, buf);
    return read_back(buf) == x;
}

/* The fast path for finite x > 0 into buf (after any sign); UNSURE when
 * the slow path must decide. */
static int fast_double(double x, char *buf)
{
    decimal d;
    scaled s;
    if (LDBL_MANT_DIG < 64 || scale(x, &s) != SURE)
        return UNSURE;
    for (int prec = 15; prec <= 17; prec++) {
        if (round_to(&s, prec, &d) != SURE)
            return UNSURE;
        if (prec == 17 || reads_back(&d, prec, &s, x, buf)) {
            layout(&d, prec, buf);
            return SURE;
        }
    }
    return UNSURE;
}

char *pg_fmt_double(double x, char buf[PG_FMT_DOUBLE_SIZE])
{
    if (x == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return buf;
    }
    if (fabs(x) < 1e15 && fabs(x) < (double)LONG_MAX && x == (double)(long)x)
        return pg_fmt_long((long)x, buf); /* %.15g of an integer below 10^15 */
    if (isfinite(x)) {
        buf[0] = '-';
        if (fast_double(fabs(x), buf + (x < 0)) == SURE)
            return buf;
    }
    return slow_double(x, buf);
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
