/* dataset_dump.h - every record a load gives, as text, so that two loads
 * can be compared with strcmp (test_stream.c, tests/fuzz/fuzz_load.c). */
#ifndef PG_TEST_DATASET_DUMP_H
#define PG_TEST_DATASET_DUMP_H

#include <stdio.h>

#include "model/dataset.h"

/* Writes the title, description, SHA-256 and byte count of `ds`, then one
 * line per entity, relation and source with every field, attribute and
 * cited source, in the dataset's order. */
void test_dump_dataset(FILE *f, const pg_dataset *ds);

#endif
