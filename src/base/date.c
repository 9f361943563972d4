/* date.c - see date.h. */
#include "base/date.h"

#include <stdio.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `n` digits at `s` into *out; false if any is not a digit. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Reads the digits of YYYY, YYYY-MM or YYYY-MM-DD (0 for the parts left
 * out) without judging their values; false for any other shape. */
static bool shape(const char *s, int *y, int *m, int *d)
{
    *m = *d = 0;
    if (!digits(s, 4, y))
        return false;
    if (s[4] == '\0')
        return true;
    if (s[4] != '-' || !digits(s + 5, 2, m))
        return false;
    if (s[7] == '\0')
        return true;
    return s[7] == '-' && digits(s + 8, 2, d) && s[10] == '\0';
}

/* 0 when year y, month m (0: none) and day d (0: none) exist; else 1, 2
 * or 3: the year, the month or the day does not. */
static int missing_part(int y, int m, int d, const char *s)
{
    if (y < 1)
        return 1;
    if (s[4] != '\0' && (m < 1 || m > 12))
        return 2;
    if (s[4] != '\0' && s[7] != '\0' && (d < 1 || d > days_in_month(y, m)))
        return 3;
    return 0;
}

bool pg_date_parse(const char *s, pg_date *out)
{
    int y, m, d;
    if (!shape(s, &y, &m, &d) || missing_part(y, m, d, s) != 0)
        return false;
    *out = (pg_date){ (short)y, (unsigned char)m, (unsigned char)d };
    return true;
}

/* Says that day d of month m of year y does not exist. */
static void no_such_day(int y, int m, int d, char *buf, size_t size)
{
    static const char *const months[12] = { "January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December" };
    int n = days_in_month(y, m);
    if (d == 0)
        snprintf(buf, size, "there is no day 00 (days count from 01)");
    else if (m == 2 && d == 29)
        snprintf(buf, size, "February %04d has 28 days (%04d is not a leap year)", y, y);
    else
        snprintf(buf, size, "%s %04d has %d days", months[m - 1], y, n);
}

bool pg_date_impossible(const char *s, char *buf, size_t size)
{
    int y, m, d;
    if (!shape(s, &y, &m, &d))
        return false;
    switch (missing_part(y, m, d, s)) {
    case 1: snprintf(buf, size, "there is no year 0000 (years run from 0001 to 9999)"); return true;
    case 2: snprintf(buf, size, "there is no month %02d (months run from 01 to 12)", m); return true;
    case 3: no_such_day(y, m, d, buf, size); return true;
    default: return false;
    }
}

bool pg_date_is_set(pg_date d)
{
    return d.year != 0;
}

long pg_date_first_day(pg_date d)
{
    return d.year * 10000L + (d.month ? d.month : 1) * 100L + (d.day ? d.day : 1);
}

long pg_date_last_day(pg_date d)
{
    int m = d.month ? d.month : 12;
    int day = d.day ? d.day : days_in_month(d.year, m);
    return d.year * 10000L + m * 100L + day;
}

/* Writes n as `width` decimal digits at p; returns the end. */
static char *put_digits(char *p, int n, int width)
{
    for (int i = width - 1; i >= 0; i--, n /= 10)
        p[i] = (char)('0' + n % 10);
    return p + width;
}

char *pg_date_format(pg_date d, char *buf, size_t size)
{
    if (pg_date_is_set(d) && d.year >= 0 && d.year <= 9999 && d.month <= 12 && d.day <= 31 && size >= 11) {
        char *p = put_digits(buf, d.year, 4); /* what the snprintf calls below write, faster */
        if (d.month != 0) {
            *p++ = '-';
            p = put_digits(p, d.month, 2);
        }
        if (d.month != 0 && d.day != 0) {
            *p++ = '-';
            p = put_digits(p, d.day, 2);
        }
        *p = '\0';
        return buf;
    }
    if (!pg_date_is_set(d))
        snprintf(buf, size, "%s", "");
    else if (d.month == 0)
        snprintf(buf, size, "%04d", d.year);
    else if (d.day == 0)
        snprintf(buf, size, "%04d-%02d", d.year, d.month);
    else
        snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

static int precision(pg_date d)
{
    return (d.month != 0) + (d.day != 0);
}

pg_date pg_date_earliest(pg_date a, pg_date b)
{
    if (!pg_date_is_set(a) || !pg_date_is_set(b))
        return pg_date_is_set(a) ? a : b;
    long fa = pg_date_first_day(a), fb = pg_date_first_day(b);
    if (fa != fb)
        return fa < fb ? a : b;
    return precision(a) >= precision(b) ? a : b;
}

pg_date pg_date_latest(pg_date a, pg_date b)
{
    if (!pg_date_is_set(a) || !pg_date_is_set(b))
        return pg_date_is_set(a) ? a : b;
    long la = pg_date_last_day(a), lb = pg_date_last_day(b);
    if (la != lb)
        return la > lb ? a : b;
    return precision(a) >= precision(b) ? a : b;
}
