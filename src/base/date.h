/* date.h - ISO 8601 calendar dates with partial precision: "2017",
 * "2017-11" or "2017-11-30". A date keeps its precision; comparisons use
 * the first or the last day of the span it denotes. */
#ifndef PG_DATE_H
#define PG_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pg_date {
    short year;          /* 1..9999; 0 = no date */
    unsigned char month; /* 1..12; 0 = year precision */
    unsigned char day;   /* 1..31; 0 = month precision */
} pg_date;

#define PG_DATE_NONE ((pg_date){ 0, 0, 0 })

/* Parses `s` (exactly YYYY, YYYY-MM or YYYY-MM-DD, a real calendar day).
 * Returns true and sets *out on success; false leaves *out unchanged. */
bool pg_date_parse(const char *s, pg_date *out);

/* When `s` has the shape of a date (YYYY, YYYY-MM, YYYY-MM-DD) but names
 * no calendar year, month or day, writes the fact it breaks into `buf`
 * ("February 2021 has 28 days", "there is no month 13") and returns true;
 * returns false for a real date and for any other shape (then `buf` is
 * untouched). */
bool pg_date_impossible(const char *s, char *buf, size_t size);

/* True when `d` holds a date. */
bool pg_date_is_set(pg_date d);

/* The first and the last day of the span of `d`, as YYYYMMDD integers. */
long pg_date_first_day(pg_date d);
long pg_date_last_day(pg_date d);

/* Writes `d` at its own precision ("2017", "2017-11", "2017-11-30") into
 * `buf` (>= 11 bytes); writes "" for no date. Returns `buf`. */
char *pg_date_format(pg_date d, char *buf, size_t size);

/* Of two dates, the one whose span starts first (ties: the more precise
 * one); an unset date loses to a set one. */
pg_date pg_date_earliest(pg_date a, pg_date b);

/* Of two dates, the one whose span ends last (ties: the more precise
 * one); an unset date loses to a set one. */
pg_date pg_date_latest(pg_date a, pg_date b);

#endif
