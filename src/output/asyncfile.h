/* asyncfile.h - a stream whose bytes a thread of its own writes to a
 * descriptor.
 *
 * Writing a large file costs twice: formatting its text, and the kernel's
 * copy of each buffer into the page cache, which on a virtual machine
 * costs about as much again (fresh pages). Through this stream the copy
 * runs on another core while the caller formats the next buffer: each
 * full stdio buffer is copied into one of two buffers of the stream's own
 * and handed to its thread, which writes it whole and asks the kernel to
 * start sending it to the disk (sync_file_range: the new files are synced
 * at the commit, which then finds most of each there). The thread starts
 * with the first full buffer: a file that never fills one starts none.
 * When no thread can be had, or stdio hands over more than a buffer at
 * once, the bytes are written in the caller, as a plain stream would.
 *
 * Errors come back through the stream, as they would: once a write fails
 * (a full disk, `ulimit -f`, an I/O error), the next hand-over, fflush
 * and pg_async_drain fail with its errno, and nothing more is written.
 * The thread blocks every signal (they go to the caller's threads) and
 * allocates nothing. The stream never closes the descriptor. */
#ifndef PG_ASYNCFILE_H
#define PG_ASYNCFILE_H

#include <stdio.h>

typedef struct pg_async pg_async;

/* A write-only stream on `fd` with a stdio buffer of `buffer_size` bytes
 * and two more of its own; *handle is set for pg_async_drain. NULL (errno
 * set) when out of memory. fclose waits for the bytes handed over, stops
 * the thread and frees the handle, but leaves `fd` open. */
FILE *pg_async_open(int fd, size_t buffer_size, pg_async **handle);

/* Waits until every byte handed over has been written. Call after
 * fflush. Returns 0, or -1 with errno set to the first write's failure. */
int pg_async_drain(pg_async *a);

#endif
