/* harness.h - a tiny TAP producer for the unit tests: each CHECK prints
 * "ok N - what" or "not ok N - what" with the failing expression, and
 * test_main's return value is the number of failures. */
#ifndef PG_TEST_HARNESS_H
#define PG_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "partygraph.h"

/* Records one check; returns `ok`. */
bool test_check(bool ok, const char *what, const char *expr, const char *file, int line);

/* Like test_check for two strings (NULL allowed), showing both on failure. */
bool test_check_str(const char *got, const char *want, const char *what, const char *file, int line);

/* Records a check that could not run here, with the reason. */
void test_skip(const char *what, const char *why);

#define CHECK(expr, what) test_check((expr), (what), #expr, __FILE__, __LINE__)
#define CHECK_STR(got, want, what) test_check_str((got), (want), (what), __FILE__, __LINE__)

/* The problems a load reported through pg_load_options.on_problem, with
 * test_collect_problem as the callback and a test_problems as userdata. */
typedef struct test_problems {
    int count;
    pg_error first;
} test_problems;

void test_collect_problem(const pg_error *e, void *userdata);

/* Each test file defines this; it runs the checks. */
void run_tests(void);

/* Text written by `write(f)` into a FILE, returned as a malloc'd string. */
char *capture(void (*write)(void *ctx, void *file), void *ctx);

#endif
