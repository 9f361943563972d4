/* test_fmt.c - number formatting against the C library: pg_fmt_double
 * must write exactly what the first of printf's %.15g, %.16g, %.17g that
 * strtod reads back to the same double writes (the definition in fmt.h),
 * on edge cases and on millions of random doubles of every kind, and
 * pg_fmt_long what %ld writes. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "harness.h"

/* The oracle: stdio's own shortest round trip (the tests run in the C locale). */
static void oracle(double x, char *buf)
{
    if (x == 0) {
        strcpy(buf, "0");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, PG_FMT_DOUBLE_SIZE, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

typedef struct tally {
    long checked, wrong;
    double first_wrong;
} tally;

static void compare(tally *t, double x)
{
    char want[PG_FMT_DOUBLE_SIZE], got[PG_FMT_DOUBLE_SIZE];
    oracle(x, want);
    pg_fmt_double(x, got);
    t->checked++;
    if (strcmp(got, want) != 0 && t->wrong++ == 0) {
        t->first_wrong = x;
        fprintf(stderr, "# %a: got %s, want %s\n", x, got, want);
    }
}

static void report(const tally *t, const char *what)
{
    char line[160];
    snprintf(line, sizeof line, "%s (%ld doubles, %ld differ)", what, t->checked, t->wrong);
    CHECK(t->wrong == 0 && t->checked > 0, line);
}

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint64_t next_random(void) /* xorshift64* */
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Du;
}

static double from_bits(uint64_t bits)
{
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static double uniform01(void)
{
    return (double)(next_random() >> 11) / 9007199254740992.0;
}

static void edge_cases(void)
{
    static const double cases[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-7, 1e-5, 1e-4, 1e-300, -1e-300,
        1e300, DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX, DBL_EPSILON, 5e-324, 4.9406564584124654e-324,
        2.2250738585072009e-308, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 123456789012345.0, 999999999999999.0,
        9999999999999998.0, 9007199254740992.0, 9007199254740993.0, 9007199254740991.0, 1234567890123456.5,
        1234567890123456.25, 0.30000000000000004, 100.0, 1e-10, 12345.678, 4.35, 2.675, 1.005, 17.344506746839272,
    };
    tally t = { 0, 0, 0 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        compare(&t, cases[i]);
        compare(&t, nextafter(cases[i], INFINITY));
        compare(&t, nextafter(cases[i], -INFINITY));
    }
    compare(&t, 0.1 + 0.2);
    for (int k = -330; k <= 310; k++) {
        compare(&t, pow(10, k));
        compare(&t, nextafter(pow(10, k), 0));
        compare(&t, 5 * pow(10, k));
    }
    for (int k = -1074; k <= 1023; k++)
        compare(&t, ldexp(1, k));
    report(&t, "pg_fmt_double: edge cases, powers of ten and two, their neighbours");
}

static void integers(void)
{
    tally t = { 0, 0, 0 };
    for (long i = -1000; i <= 1000; i++)
        compare(&t, (double)i);
    for (int i = 0; i < 100000; i++) {
        double x = (double)(next_random() >> (11 + next_random() % 53)); /* up to 2^53 */
        compare(&t, x);
        compare(&t, -x);
        compare(&t, x * 1024); /* beyond 2^53 */
    }
    for (int k = 0; k <= 53; k++) {
        compare(&t, ldexp(1, k) - 1);
        compare(&t, ldexp(1, k) + 1);
    }
    report(&t, "pg_fmt_double: integers up to 2^53 and beyond");
}

static void random_doubles(void)
{
    tally bits = { 0, 0, 0 }, metric = { 0, 0, 0 }, short_ = { 0, 0, 0 }, sub = { 0, 0, 0 };
    for (int i = 0; i < 300000; i++) {
        double x = from_bits(next_random());
        if (isfinite(x))
            compare(&bits, x);
        /* what metrics look like: ratios, square roots, scaled fractions */
        double u = uniform01();
        compare(&metric, u * pow(10, (int)(next_random() % 30) - 15));
        compare(&metric, 4 + 36 * sqrt(u));
        compare(&metric, (double)(next_random() % 100000) / (double)(1 + next_random() % 100000));
        /* few digits: 15 and 16 decide */
        compare(&short_, (double)(long long)(next_random() % 10000000000000000ULL) / pow(10, (int)(next_random() % 20)));
        compare(&short_, round(u * 1e6) / 100);
        if (i % 10 == 0)
            compare(&sub, from_bits(next_random() >> 12) * (next_random() & 1 ? 1 : -1)); /* subnormal */
    }
    report(&bits, "pg_fmt_double: random bit patterns");
    report(&metric, "pg_fmt_double: random metric-like values");
    report(&short_, "pg_fmt_double: random values with few digits");
    report(&sub, "pg_fmt_double: random subnormals");
}

static void round_trips(void)
{
    char buf[PG_FMT_DOUBLE_SIZE];
    long bad = 0;
    for (int i = 0; i < 200000; i++) {
        double x = from_bits(next_random());
        if (isfinite(x) && strtod(pg_fmt_double(x, buf), NULL) != x && x != 0)
            bad++;
    }
    CHECK(bad == 0, "pg_fmt_double: every text reads back to its double");
    CHECK_STR(pg_fmt_double(-0.0, buf), "0", "pg_fmt_double: -0 is 0");
    CHECK_STR(pg_fmt_double(0.1 + 0.2, buf), "0.30000000000000004", "pg_fmt_double: 0.1 + 0.2");
    CHECK_STR(pg_fmt_double(1e-7, buf), "1e-07", "pg_fmt_double: a two-digit exponent");
}

static void longs(void)
{
    static const long cases[] = { 0, 1, -1, 9, 10, -10, 255, 1000000, LONG_MAX, LONG_MIN, LONG_MIN + 1 };
    char got[PG_FMT_DOUBLE_SIZE], want[PG_FMT_DOUBLE_SIZE];
    long wrong = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0] + 100000; i++) {
        long x = i < sizeof cases / sizeof cases[0] ? cases[i] : (long)next_random() >> (next_random() % 64);
        snprintf(want, sizeof want, "%ld", x);
        wrong += strcmp(pg_fmt_long(x, got), want) != 0;
    }
    CHECK(wrong == 0, "pg_fmt_long: what %ld writes, LONG_MIN and LONG_MAX included");
}

/* Under a decimal-comma locale both paths still write '.' and read back
 * right: values the fast path leaves to the C library (subnormals, huge
 * and tiny ones) as well as ordinary ones. */
static void comma_locale(void)
{
    static const double cases[] = { 1e-300, 5e-324, 1e300, 0.1 + 0.2, 17.344506746839272, 1234567.125 };
    char want[sizeof cases / sizeof cases[0]][PG_FMT_DOUBLE_SIZE], got[PG_FMT_DOUBLE_SIZE];
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++)
        oracle(cases[i], want[i]);
    if (getenv("LOCPATH") == NULL) { /* tests/run.sh builds de_DE.UTF-8 there */
        test_skip("pg_fmt_double under a decimal-comma locale", "LOCPATH not set");
        return;
    }
    bool loaded = setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++)
        wrong += strcmp(pg_fmt_double(cases[i], got), want[i]) != 0;
    setlocale(LC_NUMERIC, "C");
    CHECK(loaded && wrong == 0, "pg_fmt_double under a decimal-comma locale: the C locale's text");
}

void run_tests(void)
{
    edge_cases();
    integers();
    random_doubles();
    round_trips();
    longs();
    comma_locale();
}
