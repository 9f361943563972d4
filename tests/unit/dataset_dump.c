/* dataset_dump.c - see dataset_dump.h. */
#include "dataset_dump.h"

static void dump_attrs(FILE *f, const pg_dataset *ds, pg_span span)
{
    for (size_t i = span.first; i < span.first + span.count; i++) {
        const pg_attr *a = &ds->attrs.items[i];
        if (a->type == PG_VALUE_STRING)
            fprintf(f, " %s=s:%s", a->key, a->v.s);
        else if (a->type == PG_VALUE_NUMBER)
            fprintf(f, " %s=n:%.17g", a->key, a->v.d);
        else
            fprintf(f, " %s=b:%d", a->key, a->v.b);
    }
}

static void dump_sources(FILE *f, const pg_dataset *ds, pg_span span)
{
    for (size_t i = span.first; i < span.first + span.count; i++)
        fprintf(f, " <%s>", ds->source_refs.items[i]);
}

static void dump_entity(FILE *f, const pg_dataset *ds, const pg_entity *e)
{
    fprintf(f, "E %s|%s|%d|%ld|%d-%d-%d|%d-%d-%d|", e->id, e->name, (int)e->kind, e->input_index, e->date.year,
            e->date.month, e->date.day, e->end.year, e->end.month, e->end.day);
    for (int r = 0; r < e->nrefs; r++)
        fprintf(f, " ref %s=%s@%ld", e->refs[r].field, e->refs[r].target_id, e->refs[r].target);
    dump_attrs(f, ds, e->attrs);
    dump_sources(f, ds, e->sources);
    fputc('\n', f);
}

static void dump_relation(FILE *f, const pg_dataset *ds, const pg_relation *r)
{
    fprintf(f, "R %s|%s@%ld|%s@%ld|%.17g|%ld|%d-%d-%d|%d-%d-%d|", r->type, r->source_id, r->source, r->target_id,
            r->target, r->weight, r->input_index, r->date.year, r->date.month, r->date.day, r->end.year,
            r->end.month, r->end.day);
    dump_attrs(f, ds, r->attrs);
    dump_sources(f, ds, r->sources);
    fputc('\n', f);
}

void test_dump_dataset(FILE *f, const pg_dataset *ds)
{
    fprintf(f, "title=%s desc=%s sha=%s bytes=%zu\n", ds->title, ds->description, ds->sha256, ds->input_bytes);
    for (size_t i = 0; i < ds->entities.len; i++)
        dump_entity(f, ds, &ds->entities.items[i]);
    for (size_t i = 0; i < ds->relations.len; i++)
        dump_relation(f, ds, &ds->relations.items[i]);
    for (size_t i = 0; i < ds->sources.len; i++) {
        const pg_source *s = &ds->sources.items[i];
        fprintf(f, "S %s|%ld|", s->id, s->input_index);
        dump_attrs(f, ds, s->attrs);
        fputc('\n', f);
    }
    for (size_t i = 0; i < ds->relation_types.len; i++) {
        const pg_relation_type *t = &ds->relation_types.items[i];
        fprintf(f, "T %s|%s|%d%d%d\n", t->id, t->label, t->directed, t->structural, t->declared);
    }
}
