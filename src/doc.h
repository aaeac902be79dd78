/* doc.h — the document model: metadata, blocks, inline spans.
 *
 * The contract between the parser and everything after it (as cmark's
 * tree is).  It knows nothing of fonts or pages.  Every block keeps where
 * its text came from, so that later stages can report FILE:LINE:COL.
 */
#pragma once

#include <glib.h>

#include "reader.h"

G_BEGIN_DECLS

typedef enum
{
  TS_BLOCK_PARAGRAPH, /* body text */
  TS_BLOCK_CAPTION,   /* a photo caption (heuristic or explicit) */
  TS_BLOCK_HEADING,   /* "## Heading"; level 2..6 */
  TS_BLOCK_QUOTE,     /* "> quoted text" */
  TS_BLOCK_FIGURE,    /* "![caption](photo.jpg)": image + caption text */
  TS_BLOCK_BREAK,     /* a thematic break (Markdown "***"); no text */
} TsBlockKind;

typedef enum
{
  TS_SPAN_ITALIC = 1 << 0,
  TS_SPAN_BOLD = 1 << 1,
  TS_SPAN_LINK = 1 << 2, /* the span is (part of) a link: see TsSpan.link */
} TsSpanFlags;

/* An inline span: a byte range of the block's text with emphasis, or a
 * link.  A link's text may hold emphasis, so a link is cut into as many
 * spans as it has changes of emphasis, each with the same @link: the
 * renderer makes every span with a link clickable (Markdown's [text](url)). */
typedef struct
{
  int start, end; /* byte offsets into TsBlock.text, end exclusive */
  guint flags;    /* TsSpanFlags */
  int link;       /* TS_SPAN_LINK: index + 1 into TsDoc.links; else 0 */
} TsSpan;

/* Where a run of the block's text comes from: text bytes from @offset on
 * (up to the next origin) start at @line:@column of the source file. */
typedef struct
{
  int offset;
  int line, column; /* 1-based; column in characters */
} TsOrigin;

typedef enum
{
  TS_CAPTION_NONE,
  TS_CAPTION_HEURISTIC, /* a short one-sentence paragraph between body paragraphs */
  TS_CAPTION_EXPLICIT,  /* "[caption] ..." or "![...](...)" markup */
} TsCaptionReason;

typedef struct
{
  TsBlockKind kind;
  int level;             /* headings: 2..6 */
  char *text;            /* NFC UTF-8 with markup removed; soft line breaks are spaces;
                          * '\n' is a hard line break (Markdown): the line ends there
                          * inside the paragraph, never next to a space or another '\n' */
  GArray *spans;         /* TsSpan, sorted, non-overlapping */
  GArray *origins;       /* TsOrigin, sorted by offset, first at offset 0 */
  char *image;           /* figures: the image path as written, else NULL */
  TsCaptionReason caption_reason;
  gboolean wide;         /* figures: across all columns ("![..](p.jpg){wide}") */
  char *marker;          /* list items (paragraphs): "•", "1.", set in the hanging
                          * indent before the text; else NULL */
  int list_depth;        /* list items: 1 for a top-level item, 2 nested, ... */
} TsBlock;

typedef struct
{
  char *file;            /* display name of the source */
  char *title;           /* "title:" or "# Title"; NULL when none */
  char *author;          /* "author:"; NULL when none */
  char *source;          /* "source:"; NULL when none */
  char *date;            /* as written: "2021-05", "2021-05-03"; NULL when none */
  int year, month, day;  /* parsed date; 0 when absent */
  GPtrArray *blocks;     /* TsBlock*, owned */
  GPtrArray *links;      /* char*: link targets (URLs) named by TsSpan.link, owned */
} TsDoc;

TsDoc *ts_doc_new (const char *file);
void ts_doc_free (TsDoc *doc);

/* Appends a new empty block of @kind and returns it (transfer none). */
TsBlock *ts_doc_add_block (TsDoc *doc, TsBlockKind kind);

/* The last origin at or before byte @offset in @origins (TsOrigin, sorted,
 * not empty) (transfer none). */
const TsOrigin *ts_origins_find (const GArray *origins, int offset);

/* 1-based source line and column of byte @offset in @block's text. */
void ts_block_get_position (const TsBlock *block, int offset, int *line, int *column);

/* Checks the model's invariants (spans inside text and sorted, origins
 * sorted, NFC text).  Returns FALSE with a message in @why. */
gboolean ts_doc_check (const TsDoc *doc, char **why);

const char *ts_block_kind_to_string (TsBlockKind kind);

/* Formats the month heading in Vietnamese: "Tháng 5/2021", or
 * "Ngày 3 tháng 5 năm 2021" when the day is known; NULL without a date.
 * Caller frees. */
char *ts_doc_format_date (const TsDoc *doc);

/* The document as JSON (--dump=doc).  Caller frees. */
char *ts_doc_to_json (const TsDoc *doc);

/* parse.c: the article grammar (.txt) into a document.  Returns NULL and
 * sets @error (TS_ERROR_EMPTY when there is no text at all). */
TsDoc *ts_parse_article (const TsSource *source, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDoc, ts_doc_free)

G_END_DECLS
