/* pdfbox.h — TrimBox and BleedBox for the pages of a PDF Cairo wrote,
 * and a clean cross-reference table.
 *
 * Cairo 1.16 writes only a MediaBox.  A print office needs the finished
 * size (TrimBox) and how far the artwork runs past it (BleedBox) on every
 * page; this stage rewrites the page dictionaries of the finished PDF with
 * libqpdf (its C API), which keeps every other object as it is and writes
 * a fresh cross-reference table.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A box in PDF user space: points, origin at the bottom-left of the
 * MediaBox, as [x0 y0 x1 y1]. */
typedef struct
{
  double trim[4];
  double bleed[4];
} TsPdfPageBoxes;

/* Returns a copy of @pdf, rewritten by qpdf, whose page i carries
 * /TrimBox boxes[i].trim and /BleedBox boxes[i].bleed (@boxes may be NULL:
 * then the pages are left as they are).  The rewrite also drops what
 * Cairo 1.16 leaves dangling when a document has links but no structure
 * tags: it reserves a structure element per link, never writes them, and
 * lists them in the cross-reference table at offsets where they are not
 * (qpdf --check calls such a file damaged).  Unreferenced objects are not
 * copied and the cross-reference table is made anew.  The result is
 * deterministic: the same input gives the same bytes (the /ID is derived
 * from the content).  Fails with TS_ERROR_RENDER when @pdf cannot be read
 * or has not @n_boxes pages.  (transfer full) */
GBytes *ts_pdf_rewrite (GBytes *pdf, const TsPdfPageBoxes *boxes, guint n_boxes,
                        GError **error);

G_END_DECLS
