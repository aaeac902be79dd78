/* smarten.h — typographic clean-up of plain-text input.
 *
 * Newsroom text typed on a keyboard has straight quotes, three full stops
 * and hyphens standing in for dashes.  This pass, between parse and
 * shape, turns them into the marks a print office sets: “…” and ‘…’, …,
 * and – (en dash).  Spans and origins are moved with the text, so that
 * positions in diagnostics still point into the source file.
 */
#pragma once

#include <glib.h>

#include "doc.h"

G_BEGIN_DECLS

typedef enum
{
  TS_SMARTEN_QUOTES = 1 << 0,   /* "…" → “…”, '…' → ‘…’, it's → it’s */
  TS_SMARTEN_ELLIPSIS = 1 << 1, /* ... → … */
  TS_SMARTEN_DASHES = 1 << 2,   /* " - " → " – "; a leading "- " (dialogue) → "– " */
} TsSmartenFlags;

/* Rewrites @block's text in place; returns the number of replacements. */
int ts_block_smarten (TsBlock *block, guint flags);

/* The same for every block and the title of @doc. */
int ts_doc_smarten (TsDoc *doc, guint flags);

G_END_DECLS
