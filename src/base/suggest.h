/* suggest.h - "did you mean" for misspelt ids and keys. */
#ifndef PG_SUGGEST_H
#define PG_SUGGEST_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, adjacent swaps)
 * between `a` and `b`, or `limit` + 1 when it exceeds `limit`. */
size_t pg_suggest_distance(const char *a, const char *b, size_t limit);

/* A search for the closest of many candidates to `word`: feed candidates
 * with pg_suggest_offer; `best` is then the word itself in another case
 * (ASCII), or else the nearest one within a distance of
 * max(1, strlen(word) / 3) (ties: the smaller string), or NULL. The word
 * itself is never suggested. */
typedef struct pg_suggest {
    const char *word;
    const char *best;
    size_t best_distance;
    size_t limit;
} pg_suggest;

void pg_suggest_init(pg_suggest *s, const char *word);
void pg_suggest_offer(pg_suggest *s, const char *candidate);

#endif
