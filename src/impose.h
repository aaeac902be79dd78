/* impose.h — pages onto printer sheets: n-up, saddle-stitch order, bleed
 * and marks.
 *
 * Pure geometry over the page model: the imposer says which page goes
 * where on which sheet, and what the sheet's trim and bleed boxes are; the
 * renderer draws each page through the same code as an unimposed page,
 * under a translation and a clip.  Nothing here reads or writes a PDF.
 *
 * Lengths are Pango units (1/1024 pt), rectangles from the sheet's
 * top-left corner, as in page.h.
 */
#pragma once

#include <glib.h>

#include "page.h"
#include "typeset.h"

G_BEGIN_DECLS

#define TS_MM(x) ((int) ((x) * 72.0 * PANGO_SCALE / 25.4 + 0.5))

/* Crop marks start this far from the trim (or at the bleed's edge, when
 * the bleed is wider), so that a cut a little off the line never shows a
 * mark; they are this long, and the slug keeps this much paper beyond
 * them.  3mm and 5mm are what Acrobat and Scribus draw by default. */
#define TS_MARK_GAP TS_MM (3)
#define TS_MARK_LENGTH TS_MM (5)
#define TS_MARK_SPACE TS_MM (2)

/* A sheet holds at most two pages (2-up). */
#define TS_IMPOSE_MAX_SLOTS 2

typedef struct
{
  int page;    /* index into the page list; -1: a blank page */
  int x, y;    /* where the page's top-left corner (its trim) goes on the sheet */
  TsRect clip; /* what the page may paint: its trim grown by the bleed on the
                * sides that are cut, not on a side that meets the other page */
} TsSlot;

typedef struct
{
  int number;       /* 1-based, in output order */
  int width, height;/* the sheet (the PDF's MediaBox) */
  TsRect trim;      /* the finished size (TrimBox): one page, or a 2-up spread */
  TsRect bleed;     /* trim grown by the bleed (BleedBox); == trim without bleed */
  int n_slots;
  TsSlot slots[TS_IMPOSE_MAX_SLOTS];
  int fold_x;       /* 2-up: x of the line between the two pages (the spine); 0 = none */
  gboolean marks;   /* draw crop marks (and a fold mark at fold_x) */
  int mark_gap;     /* marks start this far outside the trim */
} TsSheet;

typedef struct
{
  TsImposition kind;
  int signature;    /* saddle: pages per signature, a multiple of 4; 0 = one signature */
  int bleed;        /* >= 0 */
  gboolean marks;
} TsImposeOptions;

/* The saddle-stitch order of @n_pages pages (blank pages added to a
 * multiple of 4, at the end), in signatures of @signature pages (0: one
 * signature; else a multiple of 4; the last signature may be thinner).
 * Returns 0-based page indexes, -1 for a blank, four per sheet: front
 * left, front right, back left, back right.  For 8 pages: 7 0 1 6, 5 2 3 4
 * (sheet 1 front 8|1, back 2|7).  Printed duplex flipping on the short
 * edge, folded and nested, the sheets read 1, 2, 3, ... (transfer full) */
GArray *ts_impose_saddle_order (int n_pages, int signature);

/* Lays out @pages onto sheets (TsSheet).  Without imposition each page is
 * a sheet of its own, grown by the bleed and the slug.  A 2-up or saddle
 * sheet holds a spread of two pages of the first page's size; without
 * bleed or marks the spread is centred on the smallest standard paper
 * (A4 landscape for A5 pages) that holds it with at most 3mm to spare.
 * Fails (TS_ERROR_RENDER) when @options are out of range or the pages to
 * impose are not all of one size.  (transfer full) */
GArray *ts_impose (const TsPageList *pages, const TsImposeOptions *options, GError **error);

G_END_DECLS
