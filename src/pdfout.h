/* pdfout.h — the native PDF output: pages drawn straight into PDF
 * content streams.
 *
 * Why not Cairo's PDF surface, which drew our pages until 0.2: it was
 * two thirds of the time per page (callgrind, seed ×20), and none of that
 * cost has a switch in Cairo 1.16.  It puts the glyphs of a TrueType font
 * that have a WinAnsi code into a separate one-byte subset, so Vietnamese
 * text switches fonts twice for every letter outside Latin-1 (15,760 Tf in
 * 17 pages); it formats every number through snprintf; and it keeps every
 * drawing operation in a recording to replay it at the page's end.  Here
 * a page is written once, as it is drawn: one font per face (pdffont.h),
 * positions as integer TJ adjustments, numbers formatted by hand
 * (pdfwriter.h).  TeX (pdfTeX, dvipdfmx), Typst and SILE all write their
 * own PDF for the same reasons.
 *
 * The renderer (render.c) draws with these calls exactly what it draws
 * with Cairo for PNG and SVG, and falls back to Cairo's PDF surface for a
 * document this writer cannot draw (ts_pdf_doc_can_show: right-to-left
 * text, a font without TrueType outlines).  A glyph missing from every
 * font is drawn as the font's .notdef box, its text kept (/ActualText).
 *
 * Coordinates are in points, y down from the top of the sheet (Cairo's
 * convention), under the current translation (ts_pdf_doc_translate).
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "image.h"
#include "pdfbox.h"

G_BEGIN_DECLS

typedef struct TsPdfDoc TsPdfDoc;

/* Caller frees with ts_pdf_doc_free() (or gets the file from
 * ts_pdf_doc_finish(), which frees it). */
TsPdfDoc *ts_pdf_doc_new (void);
void ts_pdf_doc_free (TsPdfDoc *doc);

/* Whether this writer can draw @glyphs (left to right, in a font with
 * TrueType outlines). */
gboolean ts_pdf_doc_can_show (TsPdfDoc *doc, const PangoGlyphItem *glyphs);

/* Metadata: @key is a PDF Info key without the slash ("Title"); @value
 * UTF-8.  A date key takes a Unix time through ts_pdf_doc_set_date. */
void ts_pdf_doc_set_info (TsPdfDoc *doc, const char *key, const char *value);
/* CreationDate and ModDate. */
void ts_pdf_doc_set_date (TsPdfDoc *doc, gint64 epoch);

/* A page (sheet) of @width × @height points; @boxes (or NULL) gives its
 * TrimBox and BleedBox; @label (or NULL) its page label. */
void ts_pdf_doc_begin_page (TsPdfDoc *doc, double width, double height,
                            const TsPdfPageBoxes *boxes, const char *label);
void ts_pdf_doc_end_page (TsPdfDoc *doc);

/* Graphics state: q, Q, a translation, a rectangular clip. */
void ts_pdf_doc_save (TsPdfDoc *doc);
void ts_pdf_doc_restore (TsPdfDoc *doc);
void ts_pdf_doc_translate (TsPdfDoc *doc, double x, double y);
void ts_pdf_doc_clip_rect (TsPdfDoc *doc, double x, double y, double width, double height);

/* A filled rectangle in @color (0xRRGGBB). */
void ts_pdf_doc_fill_rect (TsPdfDoc *doc, guint32 color, double x, double y, double width,
                           double height);
/* Straight segments (x0 y0 x1 y1 for each of @n_segments in @points),
 * stroked @line_width wide, dashed by @dash (or NULL), in @color. */
void ts_pdf_doc_stroke_segments (TsPdfDoc *doc, guint32 color, double line_width,
                                 const double *dash, int n_dash, const double *points,
                                 int n_segments);
/* The glyphs of @glyphs with their text from @text (the paragraph the
 * item's offsets refer to), the first glyph's origin at (@x, @y),
 * horizontally scaled by @scale about that origin (font expansion). */
void ts_pdf_doc_show_glyphs (TsPdfDoc *doc, guint32 color, double x, double y, double scale,
                             const char *text, const PangoGlyphItem *glyphs);
/* @image scaled into the rectangle; embedded once however often drawn
 * (a JPEG's bytes as they are). */
void ts_pdf_doc_draw_image (TsPdfDoc *doc, const TsImage *image, double x, double y,
                            double width, double height);

/* Navigation: a destination at a point of the current page, returned as
 * a number for ts_pdf_doc_add_outline; a link to @uri over a rectangle. */
int ts_pdf_doc_add_dest (TsPdfDoc *doc, double x, double y);
void ts_pdf_doc_add_link (TsPdfDoc *doc, const char *uri, double x, double y, double width,
                          double height);
/* An outline entry: @level 1 at the root (shown open), 2 under the
 * level-1 entry before it. */
void ts_pdf_doc_add_outline (TsPdfDoc *doc, int level, const char *title, int dest);

/* The file.  Frees @doc.  Returns NULL and sets @error (TS_ERROR_RENDER)
 * when a font cannot be embedded.  (transfer full) */
GBytes *ts_pdf_doc_finish (TsPdfDoc *doc, GError **error);

G_END_DECLS
