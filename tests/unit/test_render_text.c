/* test_render_text.c - names escaped for Graphviz attributes (labels,
 * one-line labels, tooltips), cut at a character boundary, and the text
 * width estimate. What Graphviz makes of them is tested end to end in
 * tests/outputs/test_render.py. */
#include <stdlib.h>

#include "harness.h"
#include "render.h"

static void check_escape(const char *in, pg_gv_text how, size_t max, const char *want, const char *what)
{
    char *got = pg_gv_escape(in, how, max);
    CHECK_STR(got, want, what);
    free(got);
}

static void labels(void)
{
    check_escape("a\\N b", PG_GV_LABEL, 0, "a\\\\N b", "label: a backslash is doubled, so \\N stays text");
    check_escape("x &lt; y", PG_GV_LABEL, 0, "x &amp;lt; y", "label: & is written &amp; (Graphviz decodes entities)");
    check_escape("one\ntwo\r\nthree\rfour", PG_GV_LABEL, 0, "one\\ntwo\\nthree\\nfour",
                 "label: LF, CR LF and a lone CR are each one line break");
    check_escape("a\tb", PG_GV_LABEL, 0, "a b", "label: a tab is a space");
    check_escape("a\x01" "b\x1f", PG_GV_LABEL, 0, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
                 "label: control characters become U+FFFD");
    check_escape("a\xEF\xBF\xBE" "b\xEF\xBF\xBF", PG_GV_LABEL, 0, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
                 "label: U+FFFE and U+FFFF become U+FFFD");
    check_escape("one\ntwo\r\nthree", PG_GV_LINE, 0, "one two three", "one line: line breaks are spaces");
}

static void tooltips(void)
{
    check_escape("a\\N", PG_GV_TOOLTIP, 0, "a\\\\\\\\N", "tooltip: a backslash is written four times");
    check_escape("a & b\nc\r\nd\te", PG_GV_TOOLTIP, 0, "a &amp; b\nc\r\nd\te",
                 "tooltip: & is &amp;, line breaks and tabs stay");
    check_escape("\x07", PG_GV_TOOLTIP, 0, "\xEF\xBF\xBD", "tooltip: control characters become U+FFFD");
}

static void cutting(void)
{
    check_escape("abcdef", PG_GV_LABEL, 3, "abc\xE2\x80\xA6", "cut at 3 characters, then an ellipsis");
    check_escape("abc", PG_GV_LABEL, 3, "abc", "not cut when it fits exactly");
    check_escape("\xE4\xB8\xAD\xE6\x96\x87\xF0\x9F\x98\x80x", PG_GV_LABEL, 2, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6",
                 "cut counts characters, not bytes");
}

static void widths(void)
{
    CHECK(pg_gv_text_width("", 10) == 0, "an empty text has no width");
    CHECK(pg_gv_text_width("abcd", 10) > pg_gv_text_width("abc", 10), "a longer text is wider");
    CHECK(pg_gv_text_width("ab\nabcdef\nab", 10) == pg_gv_text_width("abcdef", 10), "the widest line counts");
    CHECK(pg_gv_text_width("\xE4\xB8\xAD", 10) == 10, "a CJK character is a full em");
    CHECK(pg_gv_text_width("abc", 20) == 2 * pg_gv_text_width("abc", 10), "width grows with the font size");
}

void run_tests(void)
{
    labels();
    tooltips();
    cutting();
    widths();
}
