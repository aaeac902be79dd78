/* markdown.h — Markdown (CommonMark, through md4c) into the document model.
 *
 * The same TsDoc as the .txt grammar gives (doc.h), so that everything
 * after the parser is shared: headings, paragraphs, emphasis, strong,
 * links (TsSpan.link), block quotes, lists (paragraphs with a marker and a
 * hanging indent), images (figures), thematic breaks and hard breaks.
 * Constructs without a layout yet (tables, raw HTML, code blocks) keep
 * their text as paragraphs and leave a warning in the sink: nothing is
 * dropped silently.
 */
#pragma once

#include <glib.h>

#include "diag.h"
#include "doc.h"
#include "reader.h"

G_BEGIN_DECLS

/* Parses @source as Markdown.  A front matter block ("---" lines around
 * "title:", "author:", "source:", "date:") gives the metadata; otherwise the
 * first level-1 heading is the title.  Warnings go to @diag (may be NULL).
 * Returns NULL and sets @error (TS_ERROR_EMPTY when there is nothing to
 * typeset, TS_ERROR_PARSE for a bad date).  Caller frees. */
TsDoc *ts_markdown_parse (const TsSource *source, TsDiag *diag, GError **error);

/* TRUE when @path names a Markdown file (.md, .markdown). */
gboolean ts_markdown_is_markdown_name (const char *path);

G_END_DECLS
