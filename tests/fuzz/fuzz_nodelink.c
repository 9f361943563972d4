/* fuzz_nodelink.c - libFuzzer harness: the readers of other tools'
 * formats on arbitrary bytes. The bytes go through format detection
 * (pg_detect_format, as pg_dataset_load_buffer does: GraphML from '<', the
 * JSON formats from their top-level keys), then through the NetworkX
 * node-link reader and the other JSON readers (JSON Graph Format, Popolo,
 * NDJSON) forced, so that each reader sees every input.
 *
 * Checked beyond "no crash, leak or undefined behaviour": a failed load
 * names its status and says why; a dataset says the format it was read
 * from. Rules: nothing printed unless an invariant breaks, then abort(). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "input/detect.h"
#include "partygraph.h"

static const pg_input_format formats[] = {
    PG_INPUT_AUTO, PG_INPUT_NODELINK, PG_INPUT_JGF, PG_INPUT_POPOLO, PG_INPUT_NDJSON,
};

enum { NFORMATS = sizeof formats / sizeof formats[0] };

static void broken(const char *what, pg_input_format f, const pg_error *err)
{
    char line[1400];
    fprintf(stderr, "fuzz_nodelink: --input-format %s: %s (%s)\n", pg_input_format_name(f), what,
            pg_error_format(err, line, sizeof line));
    abort();
}

/* Loads the bytes as format `f` (PG_INPUT_AUTO: detected) and checks
 * the result. */
static void load_as(const char *data, size_t size, pg_input_format f)
{
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    opt.max_errors = 0;
    opt.input_format = f;
    pg_error err;
    pg_dataset *ds = pg_dataset_load_buffer(data, size, "fuzz.json", &opt, &err);
    if (ds == NULL && (err.status == PG_OK || err.message[0] == '\0'))
        broken("a failed load without a reason", f, &err);
    if (ds != NULL && f != PG_INPUT_AUTO && pg_dataset_input_format(ds) != f)
        broken("a dataset read from another format than the one forced", f, &err);
    if (ds != NULL && pg_dataset_input_bytes(ds) != size)
        broken("the input's size is not the number of bytes read", f, &err);
    pg_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < NFORMATS; i++)
        load_as((const char *)data, size, formats[i]);
    return 0;
}
