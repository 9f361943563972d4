/* fuzz.h - the entry point every libFuzzer harness in tests/fuzz/
 * defines, declared for the harnesses and for replay.c, the driver that
 * runs them over files without libFuzzer. */
#ifndef PG_FUZZ_H
#define PG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input of `size` bytes at `data` (not NUL-terminated, borrowed);
 * returns 0, or aborts when an invariant the harness checks breaks. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
