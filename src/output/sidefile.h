/* sidefile.h - the files an output set puts beside a target T (in T's
 * directory, so that its renames stay on one file system), each named
 * ".T.partygraph-TAG-PID-N" (N tells attempts apart):
 *   new     T's new contents, written, synced, then renamed onto T;
 *   old     during a commit, a hard link to the file T was;
 *   absent  during a commit, an empty file saying that T did not exist.
 * A commit makes the old/absent marker of every target (and syncs their
 * directories) before its first rename and removes them after its last.
 * So what a dead run left in a directory says what it did there: new
 * files alone, it never committed; markers and new files, it died between
 * renames; markers alone, every rename there was done. pg_sidefile_recover
 * rolls the second case back (old files return, files that were absent go
 * again), keeps the third, and removes every leftover. */
#ifndef PG_SIDEFILE_H
#define PG_SIDEFILE_H

#include <stdbool.h>

typedef enum pg_sidefile_tag { PG_SIDEFILE_NEW, PG_SIDEFILE_OLD, PG_SIDEFILE_ABSENT } pg_sidefile_tag;

/* A new string "DIR/.NAME.partygraph-TAG-PID-N" for target "DIR/NAME",
 * with this process's PID; NULL when out of memory. */
char *pg_sidefile_name(const char *target, pg_sidefile_tag tag, int attempt);

/* Puts `target` back as it was before the commit that made `marker` (an
 * old or absent marker, as `tag` says): when `renamed` (the new file went
 * onto the target, or may have) the old file returns or the target goes;
 * then the marker goes. */
void pg_sidefile_undo(const char *target, const char *marker, pg_sidefile_tag tag, bool renamed);

/* Removes the leftovers of dead runs (kill(PID, 0) fails with ESRCH) in
 * directory `dir` ("a/b/", with its '/'; "" for the current directory),
 * rolling back or keeping a commit they were in as sidefile.h says. The
 * caller holds the directory's lock; failures are left for a later run. */
void pg_sidefile_recover(const char *dir);

/* fsync of directory `dir` (as above), so that renames in it last; a
 * failure loses nothing and is ignored. */
void pg_sidefile_sync_dir(const char *dir);

#endif
