/* cmd_init.c - `partygraph init DIR`: a dataset to start typing into:
 * DIR/partygraph.xlsx and the CSV files of DIR/tables/ with every column of every
 * table headed and two example rows (a small valid dataset, written by
 * the same writers as `convert`), and DIR/README.md, the columns of each
 * table one line each. DIR must not exist or be empty; all or nothing. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char cmd_init_usage[] =
    "usage: partygraph init DIR\n"
    "\n"
    "Starts a dataset in DIR (which must not exist, or be empty):\n"
    "  DIR/partygraph.xlsx  a workbook, one sheet per table, every column headed\n"
    "  DIR/tables/          the same tables as CSV files\n"
    "  DIR/README.md        the columns of each table, one line each\n"
    "Each table holds two example rows (the nodes table, for other tools' graphs,\n"
    "none): replace them with your data, then run `partygraph build DIR/tables/`.\n"
    "\n"
    "examples:\n"
    "  partygraph init my-dataset/\n"
    "      a starter workbook and CSV tables, with example rows\n"
    "  partygraph build my-dataset/tables/\n"
    "      once filled in, the tables build like any dataset\n"
    "\n"
    "options:\n";

/* The example rows: a small valid dataset. */
static const char starter[] =
    "{\"format\": \"partygraph/1\", \"title\": \"Example dataset\","
    " \"description\": \"Two parties at a forum: replace these rows with your data.\","
    " \"notes\": [\"Dates are YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.\","
    " \"Lists (sources, groupings, identifiers) take items separated by ';'.\"],"
    " \"sources\": ["
    "  {\"id\": \"src-article-1\", \"title\": \"An article on the forum\", \"url\": \"https://example.org/1\","
    "   \"date\": \"2021-07-05\"},"
    "  {\"id\": \"src-article-2\", \"title\": \"An article on the dialogue\", \"date\": \"2022\"}],"
    " \"countries\": ["
    "  {\"id\": \"XXA\", \"name\": \"Country A\", \"iso3\": \"XXA\", \"region\": \"Asia\", \"groupings\": [\"Group 1\"],"
    "   \"sources\": [\"src-article-1\"]},"
    "  {\"id\": \"XXB\", \"name\": \"Country B\", \"iso3\": \"XXB\", \"region\": \"Africa\"}],"
    " \"parties\": ["
    "  {\"id\": \"party-a\", \"name\": \"Party A\", \"country\": \"XXA\", \"family\": \"socialist\", \"ruling\": true,"
    "   \"founded\": \"1921\", \"identifiers\": [{\"scheme\": \"wikidata\", \"identifier\": \"Q1\"}],"
    "   \"sources\": [\"src-article-1\"]},"
    "  {\"id\": \"party-b\", \"name\": \"Party B\", \"country\": \"XXB\", \"ruling\": false, \"founded\": \"1990-05\"}],"
    " \"mechanisms\": ["
    "  {\"id\": \"mech-forum\", \"name\": \"Parties Forum\", \"kind\": \"forum\", \"founded\": \"2010\"},"
    "  {\"id\": \"mech-dialogue\", \"name\": \"Party Dialogue\", \"kind\": \"dialogue\", \"founded\": \"2015-03\"}],"
    " \"events\": ["
    "  {\"id\": \"ev-forum-2021\", \"name\": \"Parties Forum 2021\", \"date\": \"2021-07-01\", \"end\": \"2021-07-03\","
    "   \"country\": \"XXA\", \"mechanism\": \"mech-forum\", \"host\": \"party-a\", \"type\": \"meeting\","
    "   \"level\": \"high_level\", \"format\": \"in_person\", \"sources\": [\"src-article-1\"]},"
    "  {\"id\": \"ev-dialogue-2022\", \"name\": \"Party Dialogue 2022\", \"date\": \"2022\", \"country\": \"XXB\","
    "   \"mechanism\": \"mech-dialogue\", \"type\": \"meeting\", \"format\": \"online\","
    "   \"sources\": [\"src-article-2\"]}],"
    " \"persons\": ["
    "  {\"id\": \"person-a\", \"name\": \"A. Person\", \"party\": \"party-a\", \"country\": \"XXA\","
    "   \"roles\": \"General Secretary, party-a\", \"sources\": [\"src-article-1\"]},"
    "  {\"id\": \"person-b\", \"name\": \"B. Person\", \"party\": \"party-b\"}],"
    " \"relation_types\": ["
    "  {\"id\": \"praised\", \"label\": \"praised\", \"directed\": true, \"structural\": false},"
    "  {\"id\": \"advises\", \"label\": \"advises\", \"directed\": true, \"structural\": false}],"
    " \"relations\": ["
    "  {\"type\": \"attended\", \"source\": \"party-a\", \"target\": \"ev-forum-2021\", \"date\": \"2021-07-01\","
    "   \"role\": \"host\", \"sources\": [\"src-article-1\"]},"
    "  {\"type\": \"attended\", \"source\": \"party-b\", \"target\": \"ev-forum-2021\", \"date\": \"2021-07-01\","
    "   \"end\": \"2021-07-03\", \"weight\": 2, \"role\": \"participant\", \"sources\": [\"src-article-1\"]}],"
    " \"claims\": ["
    "  {\"entity\": \"ev-forum-2021\", \"measure\": \"parties_attending\", \"value\": 120, \"date\": \"2021-07\","
    "   \"qualifier\": \"more than\", \"unit\": \"parties\", \"text\": \"more than 120 parties took part\","
    "   \"sources\": [\"src-article-1\"]},"
    "  {\"entity\": \"party-a\", \"measure\": \"members\", \"value\": 1000000, \"date\": \"2022\", \"unit\": \"people\","
    "   \"sources\": [\"src-article-2\"]}]}";

/* DIR/README.md. */
static const char readme[] =
    "# A partygraph dataset\n"
    "\n"
    "Type your data into `partygraph.xlsx` or into the CSV files in `tables/` (not both), one\n"
    "row per record; replace the two example rows. Then `partygraph build tables/` (or\n"
    "`partygraph build partygraph.xlsx`). An empty cell is an absent field; lists take items\n"
    "separated by `;`; dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; booleans `true`/`false`.\n"
    "Columns not listed here are kept as attributes. Ids: letters, digits, `_ . - :`.\n"
    "\n"
    "## about (key, value)\n"
    "- format: `partygraph/1`\n"
    "- title: the dataset's title\n"
    "- description: what it holds\n"
    "- notes: one row per note (methods, caveats), in order\n"
    "\n"
    "## sources\n"
    "- id: the source's id, cited in the `sources` column of other tables\n"
    "- title: its title\n"
    "- url: where it is\n"
    "- date: when it appeared\n"
    "\n"
    "## countries\n"
    "- id: the country's id (its ISO code is a good one)\n"
    "- name: its name\n"
    "- iso3: ISO 3166-1 alpha-3 code, three capital letters\n"
    "- region: its region\n"
    "- groupings: groupings it belongs to, `;`-separated\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## parties\n"
    "- id: the party's id\n"
    "- name: its name\n"
    "- country: the id of its country\n"
    "- family: its party family\n"
    "- ruling: `true` or `false`\n"
    "- founded: its founding date\n"
    "- identifiers: `scheme:identifier` items, `;`-separated (`wikidata:Q1`)\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## mechanisms\n"
    "- id: the mechanism's id (a forum, a dialogue, an organisation)\n"
    "- name: its name\n"
    "- kind: what kind of mechanism\n"
    "- founded: its founding date\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## events\n"
    "- id: the event's id\n"
    "- name: its name\n"
    "- date: when it began\n"
    "- end: when it ended\n"
    "- country: the id of the country it was held in\n"
    "- mechanism: the id of the mechanism it was part of\n"
    "- host: the id of its host (a party, a mechanism or a country)\n"
    "- type: meeting, visit, congress, ...\n"
    "- level: its level (high_level, ...)\n"
    "- format: in_person, online, ...\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## persons\n"
    "- id: the person's id\n"
    "- name: the person's name\n"
    "- party: the id of the person's party\n"
    "- country: the id of the person's country\n"
    "- roles: the person's roles, as text (`Title, organization (from-to)`)\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## nodes\n"
    "- id: the node's id (a node of another tool's graph, of no kind above)\n"
    "- name: its name\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## relation_types\n"
    "- id: a relation type your relations use that partygraph does not know\n"
    "- label: its label\n"
    "- directed: `true` when it runs from source to target\n"
    "- structural: `true` for a tie of location or membership\n"
    "\n"
    "## relations\n"
    "- type: attended, member_of, hosted, contact, signed, ... or one of relation_types\n"
    "- source: the id of the entity it runs from\n"
    "- target: the id of the entity it runs to\n"
    "- date: when it began\n"
    "- end: when it ended\n"
    "- weight: a positive number (1 when empty)\n"
    "- role: the source's role in it\n"
    "- sources: source ids, `;`-separated\n"
    "\n"
    "## claims\n"
    "- entity: the id of the entity the figure is about\n"
    "- measure: what is counted\n"
    "- value: the number\n"
    "- date: when it held\n"
    "- qualifier: more than, about, ...\n"
    "- unit: what the number counts\n"
    "- text: the source's words\n"
    "- sources: source ids, `;`-separated\n";

/* EXIT_OK when `dir` is absent or an empty directory, else a message
 * and EXIT_USAGE (or EXIT_IO when it cannot be read). */
static int check_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int entries = 0;
    if (d == NULL && errno == ENOENT)
        return EXIT_OK;
    if (d == NULL) {
        cli_message("%s: %s", dir, errno == ENOTDIR ? "exists and is not a directory" : strerror(errno));
        return errno == ENOTDIR ? EXIT_USAGE : EXIT_IO;
    }
    while ((e = readdir(d)) != NULL)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    if (entries > 0)
        cli_message("%s: exists and is not empty (init starts a new dataset; choose another DIR)", dir);
    return entries > 0 ? EXIT_USAGE : EXIT_OK;
}

/* "DIR/NAME" into `path`; false when too long (err set). */
static bool join(char *path, size_t size, const char *dir, const char *name, pg_error *err)
{
    size_t n = strlen(dir);
    if (snprintf(path, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name) < (int)size)
        return true;
    snprintf(err->message, sizeof err->message, "the name of DIR is too long");
    err->status = PG_EIO;
    return false;
}

static pg_status write_readme(pg_output *o, const char *path, pg_error *err)
{
    FILE *f = pg_output_open(o, path, err);
    if (f == NULL)
        return err->status;
    fputs(readme, f);
    return PG_OK; /* a write error shows at the commit */
}

/* The three parts of DIR into output set `o`. */
static pg_status write_parts(pg_output *o, const pg_dataset *ds, const char *dir, pg_error *err)
{
    char path[4096];
    pg_status st = pg_output_mkdir(o, dir, err);
    if (st == PG_OK)
        st = join(path, sizeof path, dir, "partygraph.xlsx", err) ? cli_write_dataset(o, ds, path, true, err) : PG_EIO;
    if (st == PG_OK)
        st = join(path, sizeof path, dir, "tables/", err) ? cli_write_dataset(o, ds, path, true, err) : PG_EIO;
    if (st == PG_OK)
        st = join(path, sizeof path, dir, "README.md", err) ? write_readme(o, path, err) : PG_EIO;
    return st;
}

static int init(const char *dir)
{
    pg_error err = { 0 };
    pg_load_options opt = PG_LOAD_OPTIONS_INIT;
    pg_dataset *ds = pg_dataset_load_buffer(starter, sizeof starter - 1, "starter", &opt, &err);
    pg_output *o = ds ? pg_output_new() : NULL;
    pg_status st = ds == NULL ? err.status : o == NULL ? PG_ENOMEM : write_parts(o, ds, dir, &err);
    if (st == PG_OK)
        st = pg_output_commit(o, &err);
    pg_output_free(o);
    pg_dataset_free(ds);
    if (st == PG_ENOMEM && !err.message[0])
        snprintf(err.message, sizeof err.message, "out of memory");
    if (st != PG_OK)
        cli_print_problem(&err);
    else
        printf("%s: partygraph.xlsx, tables/ and README.md written\n", dir);
    return cli_exit_code(st);
}

int cmd_init(int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a);
    int rc = cli_parse(argc, argv, 0, cmd_init_usage, &a);
    if (rc != EXIT_OK)
        return rc == CLI_HELP_SHOWN ? EXIT_OK : rc;
    if (a.npositional != 1)
        return cli_usage_error("init", "init takes exactly one DIR");
    if ((rc = check_dir(a.positional[0])) != EXIT_OK)
        return rc;
    return init(a.positional[0]);
}
