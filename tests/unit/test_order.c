/* test_order.c - the building blocks of fast graph building: records put
 * in node-pair order by counting sorts (pg_pair_order), checked against
 * qsort with a comparison written here; entities sorted by id
 * (pg_dataset_sort, which compares ids' first 8 bytes as numbers) in
 * strcmp's order, with the relations' ends following them; and the
 * pointer map that counts interned strings. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ptrmap.h"
#include "harness.h"
#include "model/graph.h"

/* A record with its pair somewhere inside, as pg_link and pg_edge. */
typedef struct rec {
    double pad;
    long b;
    char tag;
    long a;
    size_t at; /* its place in the input */
} rec;

/* By pair, then input place: what a stable sort by pair gives. */
static int by_pair_then_place(const void *x, const void *y)
{
    const rec *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return (p->at > q->at) - (p->at < q->at);
}

/* Orders n random records on `nodes` nodes both ways; true when equal. */
static bool orders_agree(size_t n, size_t nodes, unsigned seed)
{
    rec *items = malloc((n ? n : 1) * sizeof *items), *want = malloc((n ? n : 1) * sizeof *want);
    size_t *order = NULL;
    bool same = items && want;
    srand(seed);
    for (size_t i = 0; same && i < n; i++) /* few distinct pairs, so that runs and ties are many */
        items[i] = (rec){ 0.5, rand() % (long)nodes, 'x', rand() % (long)nodes, i };
    if (same)
        memcpy(want, items, n * sizeof *items);
    qsort(want, n, sizeof *want, by_pair_then_place);
    same = same && pg_pair_order(items, n, sizeof *items, offsetof(rec, a), offsetof(rec, b), nodes, &order) == 0;
    for (size_t i = 0; same && i < n; i++)
        same = order[i] == want[i].at;
    free(items);
    free(want);
    free(order);
    return same;
}

static void pair_order_tests(void)
{
    CHECK(orders_agree(0, 1, 1), "no records: an empty order");
    CHECK(orders_agree(1, 1, 2), "one record on one node");
    CHECK(orders_agree(5000, 7, 3), "5000 records on 7 nodes: by pair, ties in input order (stable)");
    CHECK(orders_agree(20000, 3000, 4), "20000 records on 3000 nodes");
    rec one[3] = { { 0, 2, 'a', 0, 0 }, { 0, 1, 'b', 2, 1 }, { 0, 1, 'c', 0, 2 } };
    size_t *order = NULL;
    CHECK(pg_pair_order(one, 3, sizeof *one, offsetof(rec, a), offsetof(rec, b), 3, &order) == 0 && order[0] == 2 &&
              order[1] == 0 && order[2] == 1,
          "(0,1) before (0,2) before (2,1)");
    free(order);
}

static void ptrmap_tests(void)
{
    static const char texts[300][2];
    pg_ptrmap m = PG_PTRMAP_INIT;
    bool ok = true;
    for (size_t i = 0; i < 300; i++)
        ok &= pg_ptrmap_intern(&m, texts[i], i) == i;
    CHECK(ok && m.len == 300, "300 new keys take the values given, through several grows");
    ok = true;
    for (size_t i = 0; i < 300; i++)
        ok &= pg_ptrmap_intern(&m, texts[i], 1000 + i) == i;
    CHECK(ok && m.len == 300, "a key seen before keeps its first value");
    char same_text[2] = "";
    CHECK(pg_ptrmap_intern(&m, same_text, 7) == 7, "keys are pointers: equal text elsewhere is another key");
    pg_ptrmap_free(&m);
    CHECK(m.slots == NULL && m.len == 0 && pg_ptrmap_intern(&m, texts[0], 3) == 3, "a freed map is empty and reusable");
    pg_ptrmap_free(&m);
}

/* A dataset of `n` entities with the ids in `ids` and a relation from each
 * entity to the next; NULL when out of memory. */
static pg_dataset *entities_named(const char *const *ids, size_t n)
{
    pg_dataset *ds = pg_dataset_new("ids");
    if (ds == NULL || PG_VEC_RESERVE(ds->entities, n) != 0 || PG_VEC_RESERVE(ds->relations, n) != 0)
        return ds;
    for (size_t i = 0; i < n; i++) {
        const char *id = pg_dataset_intern(ds, ids[i]);
        pg_dataset_register(ds, id, false, (long)i);
        ds->entities.items[ds->entities.len++] = (pg_entity){ .id = id, .kind = PG_KIND_PARTY };
        ds->relations.items[ds->relations.len++] =
            (pg_relation){ .source = (long)i, .target = (long)((i + 1) % n), .source_id = id };
    }
    return ds;
}

/* Sorts the entities of `ids`; true when they are in strcmp's order, each
 * relation still runs between the ids it ran between, and every id finds
 * its new place. */
static bool sorted_like_strcmp(const char *const *ids, size_t n)
{
    pg_dataset *ds = entities_named(ids, n);
    bool ok = ds != NULL && ds->entities.len == n && pg_dataset_sort(ds) == 0;
    for (size_t i = 0; ok && i + 1 < n; i++)
        ok = strcmp(ds->entities.items[i].id, ds->entities.items[i + 1].id) < 0;
    for (size_t i = 0; ok && i < n; i++) {
        const pg_relation *r = &ds->relations.items[i];
        ok = strcmp(ds->entities.items[r->source].id, ids[i]) == 0 &&
             strcmp(ds->entities.items[r->target].id, ids[(i + 1) % n]) == 0 &&
             pg_dataset_entity_index(ds, ids[i]) >= 0 &&
             strcmp(ds->entities.items[pg_dataset_entity_index(ds, ids[i])].id, ids[i]) == 0;
    }
    pg_dataset_free(ds);
    return ok;
}

static void id_sort_tests(void)
{
    static const char *const tricky[] = { "abcdefgh", "abcdefg", "abcdefgh1", "abcdefgh0", "abcdefgi", "a", "z",
                                          "\xc3\xa9", "\xff", "abcdefgh\xc3\xa9", "abcdefgh00", "abcdefg\xff", "A",
                                          "abcdefghabcdefgh", "abcdefghabcdefgi", "ab" };
    CHECK(sorted_like_strcmp(tricky, sizeof tricky / sizeof *tricky),
          "ids equal in their first 8 bytes, shorter than 8, and with bytes over 127 sort as strcmp does");
    enum { N = 3000 };
    static char text[N][14];
    const char *ids[N];
    static const char alphabet[] = "ab\x80\xff";
    srand(7);
    for (size_t i = 0; i < N; i++) {
        size_t len = 1 + (size_t)rand() % 12;
        for (size_t j = 0; j < len; j++)
            text[i][j] = alphabet[rand() % 4];
        snprintf(text[i] + len, sizeof text[i] - len, "%zx", i % 16);
        ids[i] = text[i];
    }
    size_t n = 0;
    for (size_t i = 0; i < N; i++) { /* keep the first of equal ids */
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(ids[j], text[i]) == 0;
        if (!seen)
            ids[n++] = text[i];
    }
    CHECK(n > 1000 && sorted_like_strcmp(ids, n),
          "random ids over 4 bytes, with long shared beginnings, sort as strcmp does");
}

/* The bounds that make 32-bit spans and edge counts safe. */
static void bound_tests(void)
{
    CHECK(pg_span_fits(0) && pg_span_fits((size_t)UINT32_MAX - 1) && !pg_span_fits(UINT32_MAX) &&
              !pg_span_fits((size_t)UINT32_MAX + 1),
          "spans index arrays of up to 4,294,967,294 items");
    CHECK(pg_link_count_fits((size_t)INT32_MAX - 1) && !pg_link_count_fits(INT32_MAX),
          "edge counts hold up to 2,147,483,646 links");
}

void run_tests(void)
{
    pair_order_tests();
    id_sort_tests();
    bound_tests();
    ptrmap_tests();
}
