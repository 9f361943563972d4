/* test_order.c - the building blocks of fast graph building: records put
 * in node-pair order by counting sorts (pg_pair_order), checked against
 * qsort with a comparison written here, and the pointer map that counts
 * interned strings. */
#include <stddef.h>
#include <stdint.h>
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

void run_tests(void)
{
    pair_order_tests();
    ptrmap_tests();
}
