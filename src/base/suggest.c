/* suggest.c - see suggest.h. */
#define _POSIX_C_SOURCE 200809L
#include "base/suggest.h"

#include "partygraph.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_WORD = 256 };

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Optimal string alignment distance with three rolling rows. */
size_t pg_suggest_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_WORD || lb > MAX_WORD)
        return strcmp(a, b) == 0 ? 0 : limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t rows[3][MAX_WORD + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > limit)
            return limit + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] <= limit ? prev[lb] : limit + 1;
}

void pg_suggest_init(pg_suggest *s, const char *word)
{
    size_t len = strlen(word);
    s->word = word;
    s->best = NULL;
    s->limit = len / 3 > 1 ? len / 3 : 1;
    s->best_distance = s->limit + 1;
}


/* The distance of `candidate` from the word, 0 for the same word in
 * another case (it beats any edit), or limit + 1 for the word itself. */
static size_t distance_of(const pg_suggest *s, const char *candidate)
{
    if (strcmp(s->word, candidate) == 0)
        return s->limit + 1;
    if (strcasecmp(s->word, candidate) == 0)
        return 0;
    return pg_suggest_distance(s->word, candidate, s->limit);
}

void pg_suggest_offer(pg_suggest *s, const char *candidate)
{
    size_t d = distance_of(s, candidate);
    if (d > s->limit)
        return;
    if (d < s->best_distance || (d == s->best_distance && strcmp(candidate, s->best) < 0)) {
        s->best = candidate;
        s->best_distance = d;
    }
}

const char *pg_suggest_nearest(const char *word, const char *const *candidates, size_t n)
{
    pg_suggest s;
    pg_suggest_init(&s, word);
    for (size_t i = 0; i < n; i++)
        if (candidates[i] != NULL)
            pg_suggest_offer(&s, candidates[i]);
    return s.best;
}
