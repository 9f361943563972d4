/* test_date.c - partial ISO 8601 dates. */
#include <string.h>

#include "base/date.h"
#include "harness.h"

static bool parses(const char *s)
{
    pg_date d;
    return pg_date_parse(s, &d);
}

static const char *round_trip(const char *s, char *buf)
{
    pg_date d = PG_DATE_NONE;
    pg_date_parse(s, &d);
    return pg_date_format(d, buf, 16);
}

/* pg_date_impossible's words for `s`, or "-" when it says nothing. */
static const char *why(const char *s)
{
    static char buf[96];
    return pg_date_impossible(s, buf, sizeof buf) ? buf : "-";
}

static void impossible(void)
{
    CHECK_STR(why("2021-02-30"), "February 2021 has 28 days", "February 30");
    CHECK_STR(why("2020-02-30"), "February 2020 has 29 days", "February 30 of a leap year");
    CHECK_STR(why("2019-02-29"), "February 2019 has 28 days (2019 is not a leap year)", "February 29, not a leap year");
    CHECK_STR(why("1900-02-29"), "February 1900 has 28 days (1900 is not a leap year)", "1900 was no leap year");
    CHECK_STR(why("2017-04-31"), "April 2017 has 30 days", "April 31");
    CHECK_STR(why("2017-12-32"), "December 2017 has 31 days", "day 32");
    CHECK_STR(why("2017-11-00"), "there is no day 00 (days count from 01)", "day 00");
    CHECK_STR(why("2017-13"), "there is no month 13 (months run from 01 to 12)", "month 13");
    CHECK_STR(why("2017-00-05"), "there is no month 00 (months run from 01 to 12)", "month 00, with a day");
    CHECK_STR(why("0000-01"), "there is no year 0000 (years run from 0001 to 9999)", "year 0000");
    CHECK(strcmp(why("2017-11-30"), "-") == 0 && strcmp(why("2020-02-29"), "-") == 0 && strcmp(why("2017"), "-") == 0,
          "real dates are not impossible");
    CHECK(strcmp(why("2017-1"), "-") == 0 && strcmp(why("2017/02/30"), "-") == 0 && strcmp(why("x"), "-") == 0 &&
              strcmp(why("2017-02-30T00"), "-") == 0 && strcmp(why(""), "-") == 0,
          "other shapes are not dates at all, not impossible ones");
}

void run_tests(void)
{
    impossible();
    char buf[16];
    CHECK(parses("2017") && parses("2017-11") && parses("2017-11-30"), "the three precisions parse");
    CHECK(parses("2020-02-29") && !parses("2019-02-29") && !parses("1900-02-29") && parses("2000-02-29"),
          "leap years follow the Gregorian rule");
    CHECK(!parses("2017-13") && !parses("2017-00") && !parses("2017-04-31") && !parses("2017-11-00"),
          "months and days must exist");
    CHECK(!parses("17") && !parses("2017-1") && !parses("2017-11-3") && !parses("2017/11/30") &&
              !parses("2017-11-30T10:00") && !parses("0000") && !parses("") && !parses(" 2017"),
          "other shapes are rejected");
    CHECK_STR(round_trip("1949", buf), "1949", "a year keeps its precision");
    CHECK_STR(round_trip("2017-11", buf), "2017-11", "a month keeps its precision");
    CHECK_STR(round_trip("0042-01-05", buf), "0042-01-05", "years are zero-padded");
    pg_date y, m, d;
    pg_date_parse("2017", &y);
    pg_date_parse("2017-02", &m);
    pg_date_parse("2017-11-30", &d);
    CHECK(pg_date_first_day(y) == 20170101 && pg_date_last_day(y) == 20171231, "a year spans Jan 1 - Dec 31");
    CHECK(pg_date_first_day(m) == 20170201 && pg_date_last_day(m) == 20170228, "a month spans its days");
    CHECK(pg_date_first_day(d) == 20171130 && pg_date_last_day(d) == 20171130, "a day spans itself");
    CHECK_STR(pg_date_format(pg_date_earliest(d, y), buf, 16), "2017", "earliest: the span that starts first");
    CHECK_STR(pg_date_format(pg_date_latest(d, y), buf, 16), "2017", "latest: the span that ends last");
    CHECK_STR(pg_date_format(pg_date_latest(PG_DATE_NONE, m), buf, 16), "2017-02", "an unset date loses");
    pg_date jan1;
    pg_date_parse("2017-01-01", &jan1);
    CHECK_STR(pg_date_format(pg_date_earliest(y, jan1), buf, 16), "2017-01-01", "ties go to the more precise");
}
