/* reltype.h - relation types: what each relation type means for the
 * network (docs/input.md, "Relation types"). A dataset knows the types
 * its file declares (`relation_types`), the built-in ones and those its
 * relations use; every relation and implied reference carries the index
 * of its type. */
#ifndef PG_RELTYPE_H
#define PG_RELTYPE_H

#include <stdbool.h>

#include "model/dataset.h"

/* The built-in type `id` as a record (declared = false), or NULL when
 * `id` is not built in. The record is static. */
const pg_relation_type *pg_reltype_builtin(const char *id);

/* Adds a declared type to `ds` (its strings must live in the dataset).
 * Returns 0, or -1 when out of memory. */
int pg_reltype_declare(pg_dataset *ds, pg_relation_type t);

/* Gives every relation and reference of `ds` its type index, adding the
 * built-in and the undeclared types used (an undeclared type that is not
 * built in is undirected and not structural), and marks the references
 * that an explicit relation repeats. Returns 0, or -1 when out of memory. */
int pg_reltype_classify(pg_dataset *ds);

/* The type of relation `r` / reference `ref` of `ds`. */
const pg_relation_type *pg_reltype_of(const pg_dataset *ds, const pg_relation *r);
const pg_relation_type *pg_reltype_of_ref(const pg_dataset *ds, const pg_ref *ref);

#endif
