/* test_render_text.c - names escaped for Graphviz attributes (labels,
 * one-line labels, tooltips), cut at a character boundary as picture.h
 * says, the date window's text, and the text width estimate. What Graphviz makes of them is tested end to end in
 * tests/outputs/test_render.py. */
#include <stdlib.h>

#include "harness.h"
#include "render/canvas.h"
#include "render/picture.h"
#include "write/escape.h"

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

/* The one rule of picture.h: at most N characters, the last an ellipsis. */
static void cutting(void)
{
    check_escape("abcdef", PG_GV_LABEL, 3, "ab\xE2\x80\xA6", "cut to 3 characters: 2 and an ellipsis");
    check_escape("abcd", PG_GV_LABEL, 3, "ab\xE2\x80\xA6", "one character too many is cut too");
    check_escape("abc", PG_GV_LABEL, 3, "abc", "not cut when it fits exactly");
    check_escape("\xE4\xB8\xAD\xE6\x96\x87\xF0\x9F\x98\x80x", PG_GV_LABEL, 3, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6",
                 "cut counts characters, not bytes");
    check_escape("a&b&c", PG_GV_LABEL, 4, "a&amp;b\xE2\x80\xA6", "cut before escaping: & counts as one character");
    CHECK(pg_picture_cut("abcdef", 0) == 6, "pg_picture_cut: 0 is no limit");
    CHECK(pg_picture_cut("\xC3\xA9t\xC3\xA9!", 3) == 3, "pg_picture_cut: the bytes of the first max - 1 characters");
    CHECK(pg_picture_cut("\xC3\xA9t\xC3\xA9", 3) == 5, "pg_picture_cut: the whole name when it fits");
}

/* The same rule with a budget in bytes (DOT's strings): the ellipsis's 3
 * bytes counted, characters never split, sizes as escaped. */
static void cutting_bytes(void)
{
    CHECK(pg_picture_cut_bytes("abcdef", 0, 6, NULL) == 6, "cut to 6 bytes: 6 fit exactly");
    CHECK(pg_picture_cut_bytes("abcdefg", 0, 6, NULL) == 3, "cut to 6 bytes: 3 and the ellipsis's 3");
    CHECK(pg_picture_cut_bytes("\xC3\xA9\xC3\xA9\xC3\xA9", 0, 5, NULL) == 2,
          "cut to 5 bytes: one two-byte character and the ellipsis, never half a character");
    CHECK(pg_picture_cut_bytes("a&b&c", 0, 10, pg_escape_dot_size) == 3,
          "cut to 10 escaped bytes: a&b is 7 as DOT (&amp;), and the ellipsis's 3");
    CHECK(pg_picture_cut_bytes("a&b&c", 0, 13, pg_escape_dot_size) == 5, "13 escaped bytes hold all of a&b&c");
    CHECK(pg_picture_cut_bytes("abcdef", 3, 100, NULL) == 2 && pg_picture_cut_bytes("abcdef", 10, 4, NULL) == 1,
          "the character and the byte limits together: the stricter cuts");
    CHECK(pg_picture_cut_bytes("", 0, 0, NULL) == 0, "an empty name fits any budget");
}

/* The date window of the pictures' title and the report's facts. */
static void window(void)
{
    char buf[64];
    pg_view_spec s = { .windowed = true, .from_day = 20170101, .to_day = 20190630 };
    pg_strbuf b = pg_strbuf_init(buf, sizeof buf);
    CHECK(pg_picture_window(&s, &b), "a window with two ends is written");
    CHECK_STR(buf, "from 2017-01-01 to 2019-06-30", "both ends");
    s.to_day = PG_OPEN_END;
    b = pg_strbuf_init(buf, sizeof buf);
    pg_picture_window(&s, &b);
    CHECK_STR(buf, "from 2017-01-01", "an open end is left out");
    s.from_day = PG_OPEN_START;
    s.to_day = 20190630;
    b = pg_strbuf_init(buf, sizeof buf);
    pg_picture_window(&s, &b);
    CHECK_STR(buf, "until 2019-06-30", "an open start is left out");
    s.to_day = PG_OPEN_END;
    b = pg_strbuf_init(buf, sizeof buf);
    CHECK(!pg_picture_window(&s, &b) && buf[0] == '\0', "both ends open: no window, nothing written");
    s = (pg_view_spec){ .windowed = false, .from_day = 20170101, .to_day = 20190630 };
    b = pg_strbuf_init(buf, sizeof buf);
    CHECK(!pg_picture_window(&s, &b) && buf[0] == '\0', "a view without a window: nothing written");
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
    cutting_bytes();
    window();
    widths();
}
