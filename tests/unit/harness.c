/* harness.c - see harness.h. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count, failures;

bool test_check(bool ok, const char *what, const char *expr, const char *file, int line)
{
    count++;
    printf("%sok %d - %s\n", ok ? "" : "not ", count, what);
    if (!ok) {
        printf("#   %s:%d: %s\n", file, line, expr);
        failures++;
    }
    return ok;
}

bool test_check_str(const char *got, const char *want, const char *what, const char *file, int line)
{
    bool ok = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
    test_check(ok, what, "strings differ", file, line);
    if (!ok)
        printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
               want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
    return ok;
}

void test_skip(const char *what, const char *why)
{
    printf("ok %d - %s # SKIP %s\n", ++count, what, why);
}

char *capture(void (*write)(void *ctx, void *file), void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    write(ctx, f);
    fclose(f);
    return buf;
}

int main(void)
{
    run_tests();
    printf("1..%d\n", count);
    return failures > 0;
}

void test_collect_problem(const pg_error *e, void *userdata)
{
    test_problems *s = userdata;
    if (s->count++ == 0)
        s->first = *e;
}
