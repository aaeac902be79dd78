/* paginate.h — set lines into frames and pages.
 *
 * The input is a galley: blocks of set lines with their vertical spacing
 * and keep rules, and figures (a photo with its caption lines).  Blocks
 * marked span_all at the start of the galley (the masthead, the title) are
 * stacked across the whole text width of page 1; everything else flows
 * through the body frames (the columns) of each page in order.  The
 * paginator never re-breaks a paragraph: every flowing line was set at the
 * column width (the text width for a wide figure's caption, the column
 * width less indent_left for a list item).
 */
#pragma once

#include <glib.h>

#include "page.h"

G_BEGIN_DECLS

typedef struct
{
  TsRole role;
  int block;              /* source block index, -1 for furniture */
  GPtrArray *lines;       /* TsLine* (the galley holds a ref) */
  int leading;            /* baseline to baseline inside the block */
  int space_before, space_after;
  guint32 color;
  int rule;               /* > 0: the block is a rule of this thickness, no lines */
  gboolean keep_together; /* never split across frames (captions, figures) */
  gboolean keep_with_next;/* at least `orphans` lines of the next block follow in the same frame (headings) */
  gboolean span_all;      /* across all columns (only at the start of page 1) */

  /* Figures: a photo, then the caption lines under it, never apart.  The
   * photo is image_width × image_height, centred in the column (or in the
   * text width when wide); the paginator scales it down, never up, if it
   * cannot fit a frame.  placeholder: no photo could be read (--keep-going):
   * a marked frame of that size instead. */
  TsImage *image;         /* (ref) */
  gboolean placeholder;
  int image_width, image_height;
  int image_gap;          /* between the photo and the first caption line */
  gboolean wide;          /* figures: across all columns, at the top of a page */

  /* List items: every line starts indent_left into the frame; the marker
   * (bullet or number) sits on the first line's baseline at marker_x. */
  int indent_left;
  TsLine *marker;         /* (ref); may be NULL */
  int marker_x;
} TsFlowBlock;

typedef struct
{
  int page_width, page_height;
  TsRect text;            /* the text area inside the margins */
  int columns;            /* >= 1 */
  int column_gap;
  int orphans;            /* min lines of a paragraph at the foot of a frame */
  int widows;             /* min lines of a paragraph at the head of a frame */
  int min_ink_gap;        /* min gap between the ink of two lines (stacked diacritics) */
  gboolean balance;       /* make the columns of the last page end level */
  int column_rule;        /* > 0: a vertical rule of this thickness between columns */
  guint32 column_rule_color;
  TsRect folio;           /* where the footer will stand (height 0: none), for the
                           * reading-order check (readorder.h) */
  int folio_size;         /* its font size */
} TsPageTemplate;

/* The width of one column of @tmpl. */
int ts_page_template_get_column_width (const TsPageTemplate *tmpl);

/* Places @blocks (TsFlowBlock) onto pages.  Never fails; a block taller
 * than a frame is split where it must be, a photo taller than a frame is
 * scaled down.  Caller frees. */
TsPageList *ts_paginate (const GArray *blocks, const TsPageTemplate *tmpl);

void ts_flow_block_clear (TsFlowBlock *block);

G_END_DECLS
