/* dump.h — the stages' data as JSON (--dump=lines|pages), for tests and
 * people.  Lengths are printed in points with three decimals. */
#pragma once

#include <glib.h>

#include "page.h"
#include "paginate.h"

G_BEGIN_DECLS

/* Appends @s as a JSON string literal (quoted, escaped). */
void ts_json_append_string (GString *out, const char *s);

/* Every line of the galley (TsFlowBlock) with its break data. */
void ts_dump_lines (GString *out, const GArray *galley);

/* Every box of every page. */
void ts_dump_pages (GString *out, const TsPageList *pages);

const char *ts_break_kind_to_string (TsBreakKind kind);

G_END_DECLS
