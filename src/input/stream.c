/* stream.c - see stream.h. A ring of NBATCH batches: the scanner fills
 * batch number `produced` (modulo NBATCH) while the caller reads batch
 * number `consumed`; one mutex and one condition variable guard the two
 * counters, and each batch belongs to exactly one side at a time. */
#define _POSIX_C_SOURCE 200809L
#include "input/stream.h"

#include "input/json_arena.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum {
    NBATCH = 4,
    MAX_ITEMS = 4096,       /* items per batch */
    INPUT_TARGET = 64 << 10 /* bytes of input per batch (its trees take ~6 times more) */
};

typedef struct stored {
    pg_scan_kind kind;
    size_t key;   /* offset into the batch's text */
    size_t text, len;
    cJSON *value; /* in the batch's arena */
    long line, column;
    size_t read;  /* input bytes read when the item was scanned */
} stored;

typedef struct batch {
    stored *items;
    size_t n;
    char *text;        /* keys and values, each NUL-terminated */
    size_t used, cap;
    size_t input;      /* bytes of input in the batch */
    pg_arena arena;    /* the trees */
    bool own_trees;    /* cJSON's hooks are not ours: the trees are malloc'ed */
} batch;

struct pg_stream {
    pg_scan *sc;
    bool threaded, started, cancel;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch batches[NBATCH];
    size_t produced, consumed; /* batches; guarded by mu when threaded */
    size_t at;                 /* next item of the batch being read */
    bool reading, done;
    pg_stream_item out;
};

/* Copies `n` bytes and a NUL into the batch's text; its offset in *at. */
static bool put(batch *b, const char *s, size_t n, size_t *at)
{
    if (b->cap - b->used < n + 1) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->used < n + 1)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (t == NULL)
            return false;
        b->text = t;
        b->cap = cap;
    }
    *at = b->used;
    if (n > 0)
        memcpy(b->text + b->used, s, n);
    b->text[b->used + n] = '\0';
    b->used += n + 1;
    return true;
}

/* Parses the value of `it` into the batch's arena. */
static bool parse(const pg_scan_item *it, stored *s)
{
    if (it->kind != PG_SCAN_MEMBER && it->kind != PG_SCAN_ELEMENT && it->kind != PG_SCAN_ROOT)
        return true;
    s->value = cJSON_ParseWithLengthOpts(it->text, it->len, NULL, false);
    return s->value != NULL; /* the text is valid JSON: only memory can lack */
}

/* Releases the trees of the batch's items. */
static void drop_trees(batch *b)
{
    for (size_t i = 0; b->own_trees && i < b->n; i++)
        cJSON_Delete(b->items[i].value);
    pg_arena_reset(&b->arena);
}

/* Fills `b` with the next items, up to a terminal one or a full batch. */
static void fill(pg_scan *sc, batch *b)
{
    drop_trees(b);
    b->n = b->used = b->input = 0;
    b->own_trees = !pg_json_arena_begin(&b->arena);
    for (;;) {
        pg_scan_item it;
        pg_scan_next(sc, &it);
        stored *s = &b->items[b->n++];
        *s = (stored){ it.kind, 0, 0, it.len, NULL, it.line, it.column, sc->bytes };
        b->input += it.len;
        if (!put(b, it.key ? it.key : "", it.key_len, &s->key) || !put(b, it.text ? it.text : "", it.len, &s->text) ||
            !parse(&it, s))
            s->kind = PG_SCAN_NOMEM;
        if (pg_scan_is_final(s->kind) || b->n == MAX_ITEMS || b->input >= INPUT_TARGET)
            break;
    }
    pg_json_arena_end();
}

static void *produce(void *arg)
{
    pg_stream *st = arg;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while (!st->cancel && st->produced - st->consumed >= NBATCH)
            pthread_cond_wait(&st->cv, &st->mu);
        if (st->cancel)
            break;
        batch *b = &st->batches[st->produced % NBATCH];
        pthread_mutex_unlock(&st->mu);
        fill(st->sc, b);
        bool last = pg_scan_is_final(b->items[b->n - 1].kind);
        pthread_mutex_lock(&st->mu);
        st->produced++;
        pthread_cond_broadcast(&st->cv);
        if (last)
            break;
    }
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

pg_stream *pg_stream_start(pg_scan *sc, bool threaded)
{
    pg_stream *st = calloc(1, sizeof *st);
    if (st == NULL)
        return NULL;
    st->sc = sc;
    for (int i = 0; i < NBATCH; i++) {
        st->batches[i].items = malloc(MAX_ITEMS * sizeof *st->batches[i].items);
        if (st->batches[i].items == NULL) {
            pg_stream_stop(st);
            return NULL;
        }
    }
    if (threaded) {
        pthread_mutex_init(&st->mu, NULL);
        pthread_cond_init(&st->cv, NULL);
        st->threaded = true;
        st->started = pthread_create(&st->thread, NULL, produce, st) == 0;
        if (!st->started) { /* no thread (out of memory, a process limit): the same items in this one */
            pthread_mutex_destroy(&st->mu);
            pthread_cond_destroy(&st->cv);
            st->threaded = false;
        }
    }
    return st;
}

/* Hands the batch just read back and waits for the next one. */
static batch *next_batch(pg_stream *st)
{
    if (!st->threaded) {
        st->consumed += st->reading;
        fill(st->sc, &st->batches[st->consumed % NBATCH]);
        st->produced = st->consumed + 1;
        return &st->batches[st->consumed % NBATCH];
    }
    pthread_mutex_lock(&st->mu);
    if (st->reading) {
        st->consumed++;
        pthread_cond_broadcast(&st->cv);
    }
    while (st->produced == st->consumed)
        pthread_cond_wait(&st->cv, &st->mu);
    pthread_mutex_unlock(&st->mu);
    return &st->batches[st->consumed % NBATCH];
}

const pg_stream_item *pg_stream_next(pg_stream *st)
{
    if (st->done)
        return &st->out;
    batch *b = &st->batches[st->consumed % NBATCH];
    if (!st->reading || st->at == b->n) {
        b = next_batch(st);
        st->reading = true;
        st->at = 0;
    }
    const stored *s = &b->items[st->at++];
    st->out = (pg_stream_item){ s->kind,   b->text + s->key, s->value, b->own_trees, b->text + s->text, s->len,
                                s->line,   s->column,        s->read };
    st->done = pg_scan_is_final(s->kind);
    return &st->out;
}

void pg_stream_stop(pg_stream *st)
{
    if (st == NULL)
        return;
    if (st->started) {
        pthread_mutex_lock(&st->mu);
        st->cancel = true;
        pthread_cond_broadcast(&st->cv);
        pthread_mutex_unlock(&st->mu);
        pthread_join(st->thread, NULL);
    }
    if (st->threaded) {
        pthread_mutex_destroy(&st->mu);
        pthread_cond_destroy(&st->cv);
    }
    for (int i = 0; i < NBATCH; i++) {
        if (st->batches[i].items != NULL)
            drop_trees(&st->batches[i]);
        free(st->batches[i].items);
        free(st->batches[i].text);
        pg_arena_free(&st->batches[i].arena);
    }
    free(st);
}
