/* progress.c - progress on stderr for people watching a long run: a line
 * per big step ("loaded ...", with the seconds since the start) and, for
 * each long stage the library reports (cli_progress_bar), a bar redrawn
 * in place with '\r':
 *
 *     partygraph: distance pass   42% [############.................]  1234/s  0:12 left
 *
 * finished with a newline (the time the stage took in place of the time
 * left). Shown only when stderr is a terminal or with --progress, never
 * with --quiet; nothing else here prints. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

enum { BAR_WIDTH = 30 };

#define REDRAW_SECONDS 0.1 /* at most ten redraws a second */
#define QUIET_SECONDS 0.5  /* without --progress, stages shorter than this get no bar */

static struct {
    bool shown;        /* anything at all */
    bool every_stage;  /* --progress: bars for short stages too */
    double started;    /* of the run */
    bool open;         /* a bar is on the screen without its newline */
    char stage[64];    /* the stage reported, "" before the first */
    double began;      /* when that stage began */
    double drawn;      /* when its bar was last drawn; 0: never */
    int width;         /* characters of the last bar drawn */
} progress;

double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_progress_start(const cli_args *a)
{
    progress.shown = !a->quiet && (a->progress || isatty(STDERR_FILENO));
    progress.every_stage = a->progress;
    progress.started = cli_now();
}

void cli_progress_finish(void)
{
    if (progress.open)
        fputc('\n', stderr);
    progress.open = false;
}

void cli_progress(const char *fmt, ...)
{
    if (!progress.shown)
        return;
    cli_progress_finish();
    va_list ap;
    fprintf(stderr, "partygraph: [%6.2fs] ", cli_now() - progress.started);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* "M:SS" for `seconds` (at least 0), into `buf`. */
static const char *minutes(double seconds, char buf[24])
{
    long s = (long)(seconds + 0.5);
    snprintf(buf, 24, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

/* Draws the bar of the stage under way over the last one. */
static void draw(size_t done, size_t total, double t)
{
    double elapsed = t - progress.began, share = total ? (double)done / (double)total : 1.0;
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    char bar[BAR_WIDTH + 1], when[24];
    int filled = (int)(share * BAR_WIDTH);
    memset(bar, '#', (size_t)filled);
    memset(bar + filled, '.', (size_t)(BAR_WIDTH - filled));
    bar[BAR_WIDTH] = '\0';
    if (done >= total)
        snprintf(when, sizeof when, "%.2fs", elapsed);
    else if (rate > 0)
        snprintf(when, sizeof when, "%s left", minutes((double)(total - done) / rate, (char[24]){ 0 }));
    else
        snprintf(when, sizeof when, "-:-- left");
    char per[16]; /* 1234, 56k or 112.2M a second */
    if (rate >= 1e6)
        snprintf(per, sizeof per, "%.1fM", rate / 1e6);
    else if (rate >= 1e5)
        snprintf(per, sizeof per, "%.0fk", rate / 1e3);
    else
        snprintf(per, sizeof per, "%.0f", rate);
    int width = fprintf(stderr, "\rpartygraph: %-24s %3d%% [%s] %8s/s  %s", progress.stage, (int)(share * 100),
                        bar, per, when);
    fprintf(stderr, "%*s", progress.width > width ? progress.width - width : 0, "");
    progress.width = width;
    progress.open = true;
    progress.drawn = t;
}

void cli_progress_bar(const char *stage, size_t done, size_t total, void *userdata)
{
    (void)userdata;
    if (!progress.shown)
        return;
    double t = cli_now();
    if (done == 0 || strcmp(stage, progress.stage) != 0) { /* a new stage */
        cli_progress_finish();
        snprintf(progress.stage, sizeof progress.stage, "%s", stage);
        progress.began = t;
        progress.drawn = 0;
        progress.width = 0;
    }
    bool last = done >= total, due = t - progress.drawn >= REDRAW_SECONDS;
    if (!progress.every_stage && t - progress.began < QUIET_SECONDS && !progress.open)
        return; /* a short stage so far: no bar yet */
    if (last || due || progress.drawn == 0)
        draw(done, total, t);
    if (last)
        cli_progress_finish();
}
