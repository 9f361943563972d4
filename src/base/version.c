/* version.c - the versions of partygraph and of the libraries in use. */
#include <cJSON.h>
#include <igraph.h>

#include "partygraph.h"

const char *pg_version(void)
{
    return PG_VERSION;
}

const char *pg_igraph_version(void)
{
    const char *v = NULL;
    igraph_version(&v, NULL, NULL, NULL);
    return v;
}

const char *pg_cjson_version(void)
{
    return cJSON_Version();
}
