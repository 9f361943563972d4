/* test_separate.c - overlap removal (src/render/separate.c), checked by
 * brute force: after pg_separate no two boxes of a few thousand crowded
 * items come closer than the gap (every pair compared), the points are
 * scaled up to the spacing asked for, two equal points part along x in
 * index order, what was far left of something stays left of it, the
 * parted crowd is not spread much wider than needed, and two runs give the
 * same bytes; pg_separate_labels keeps labels in the order
 * given and drops those that would cover a shape or a kept label; the
 * width estimate is Helvetica's for ASCII and an em for the rest. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "render/separate.h"

/* The smallest distance between the boxes of two items along the axis
 * where they are apart (negative: they overlap by that much). */
static double apart(const pg_sep_item *a, const pg_sep_item *b)
{
    double dx = fmax(b->x - b->box.left - (a->x + a->box.right), a->x - a->box.left - (b->x + b->box.right));
    double dy = fmax(b->y - b->box.up - (a->y + a->box.down), a->y - a->box.up - (b->y + b->box.down));
    return fmax(dx, dy);
}

/* The area of the box around all the boxes of the n items, over the sum
 * of their areas. */
static double sprawl(const pg_sep_item *items, size_t n)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, sum = 0;
    for (size_t i = 0; i < n; i++) {
        const pg_sep_box *b = &items[i].box;
        x0 = fmin(x0, items[i].x - b->left), x1 = fmax(x1, items[i].x + b->right);
        y0 = fmin(y0, items[i].y - b->up), y1 = fmax(y1, items[i].y + b->down);
        sum += (b->left + b->right) * (b->up + b->down);
    }
    return (x1 - x0) * (y1 - y0) / sum;
}

/* The closest two boxes of the n items come (every pair). */
static double closest(const pg_sep_item *items, size_t n)
{
    double least = INFINITY;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            least = fmin(least, apart(&items[i], &items[j]));
    return least;
}

/* n items crowded into a small square (a fixed pseudo-random sequence),
 * boxes of several sizes, one in ten a wide label-like box. */
static pg_sep_item *crowd(size_t n)
{
    pg_sep_item *items = malloc(n * sizeof *items);
    unsigned long state = 12345;
    for (size_t i = 0; items != NULL && i < n; i++) {
        double r[4];
        for (int k = 0; k < 4; k++) {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            r[k] = (double)(state >> 11) / 9007199254740992.0;
        }
        double half = 2 + 8 * r[2], wide = i % 10 == 0 ? 30 + 40 * r[3] : half;
        items[i] = (pg_sep_item){ 300 * r[0], 300 * r[1], { wide, wide, half, half + (i % 10 == 0 ? 12 : 0) } };
    }
    return items;
}

static void test_crowd(void)
{
    enum { N = 3000 };
    pg_sep_options opt = { .spacing = 12, .gap = 2, .rounds = 100, .spreads = 30 };
    pg_sep_item *items = crowd(N), *again = crowd(N), *before = crowd(N);
    size_t left = 1, left_again = 1;
    pg_error err;
    if (!CHECK(items && again && before, "memory for the crowd"))
        goto cleanup;
    CHECK(closest(items, N) < 0, "the crowd overlaps to begin with");
    CHECK(pg_separate(items, N, &opt, &left, &err) == PG_OK && left == 0, "pg_separate: no pair left over");
    CHECK(closest(items, N) >= opt.gap - 1e-6, "no two of 3,000 boxes closer than the gap (every pair compared)");
    double spread = sprawl(items, N);
    if (!CHECK(spread < 6, "the crowd, parted, covers less than 6 times the area of its boxes"))
        printf("# %g times\n", spread);
    pg_separate(again, N, &opt, &left_again, &err);
    CHECK(memcmp(items, again, N * sizeof *items) == 0, "a second run gives the same bytes");
    size_t kept = 0, far = 0;
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j += 7)
            if (before[i].x + 150 < before[j].x) /* far apart: more than half the square */
                far++, kept += items[i].x < items[j].x;
    CHECK(far > 0 && kept == far, "what was far left of something stays left of it");
cleanup:
    free(items);
    free(again);
    free(before);
}

static void test_pairs(void)
{
    pg_sep_item two[2] = { { 5, 5, { 3, 3, 3, 3 } }, { 5, 5, { 3, 3, 3, 3 } } };
    pg_sep_options opt = { .spacing = 0, .gap = 1, .rounds = 10, .spreads = 0 };
    size_t left = 1;
    CHECK(pg_separate(two, 2, &opt, &left, NULL) == PG_OK && left == 0, "two equal points part");
    CHECK(two[0].x < two[1].x && two[0].y == two[1].y && fabs(apart(&two[0], &two[1]) - 1) < 1e-3,
          "two equal points part along x, the later one right, a gap apart");
    pg_sep_item line[5];
    for (int i = 0; i < 5; i++)
        line[i] = (pg_sep_item){ i, 0, { 0.1, 0.1, 0.1, 0.1 } };
    opt.spacing = 10;
    pg_separate(line, 5, &opt, &left, NULL);
    CHECK(fabs(line[1].x - line[0].x - 10) < 1e-9 && fabs(line[4].x - line[0].x - 40) < 1e-9,
          "points 1 apart are scaled to the spacing, 10, and keep their order");
    pg_sep_item one = { 7, 8, { 1, 1, 1, 1 } };
    CHECK(pg_separate(&one, 1, &opt, &left, NULL) == PG_OK && one.x == 7 && one.y == 8 && left == 0,
          "one item stays where it is");
}

static void test_labels(void)
{
    /* nodes 0 and 1 side by side, their labels (20 wide) would overlap;
     * node 2 sits under node 3's place, where 3's label would go. */
    pg_sep_item shape[4] = { { 0, 0, { 2, 2, 2, 2 } }, { 10, 0, { 2, 2, 2, 2 } }, { 100, 8, { 2, 2, 2, 2 } },
                             { 100, 0, { 2, 2, 2, 2 } } };
    pg_sep_box label[4] = { { 10, 10, -3, 12 }, { 10, 10, -3, 12 }, { 10, 10, -3, 12 }, { 10, 10, -3, 12 } };
    size_t order[4] = { 1, 0, 3, 2 };
    bool keep[4] = { true, true, false, true };
    CHECK(pg_separate_labels(shape, label, order, 4, 1, keep, NULL) == PG_OK, "pg_separate_labels runs");
    CHECK(keep[1] && !keep[0], "of two overlapping labels, the first in the order is kept");
    CHECK(!keep[3], "a label over another node's shape is dropped");
    CHECK(!keep[2], "a label not wanted stays off");
    bool alone[1] = { true };
    size_t first[1] = { 0 };
    CHECK(pg_separate_labels(shape, label, first, 1, 1, alone, NULL) == PG_OK && alone[0],
          "a label over its own shape only is kept");
}

static void test_widths(void)
{
    CHECK(fabs(pg_sep_text_width("Wi", 2, 10) - 11.66) < 1e-9, "\"Wi\" at 10 points: Helvetica's 0.944 + 0.222 em");
    CHECK(fabs(pg_sep_text_width("\xc3\xa9\xe4\xb8\xad", 5, 10) - 20) < 1e-9, "\"é中\": an em each");
    CHECK(fabs(pg_sep_text_width("Wide", 1, 10) - 9.44) < 1e-9, "only the bytes asked for count");
}

void run_tests(void)
{
    test_pairs();
    test_crowd();
    test_labels();
    test_widths();
}
