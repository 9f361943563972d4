/* report_assets.h - the style and the script of report.html. */
#ifndef PG_REPORT_ASSETS_H
#define PG_REPORT_ASSETS_H

/* CSS for a <style> element and JavaScript for a <script> element; both
 * end with a line break. */
extern const char pg_report_css[];
extern const char pg_report_js[];

#endif
