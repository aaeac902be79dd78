/* readorder.h — will a text extractor read a page in the order we drew it?
 *
 * A PDF holds no reading order: an extractor rebuilds one from where the
 * words stand.  poppler (pdftotext, Evince, Okular, most scripts) groups
 * lines into blocks and sorts the blocks by Breuel's two rules — above in
 * the same column, else left of — with two additions that two balanced
 * columns can trip:
 *  - table detection: a block, the nearest block to its right, the nearest
 *    below it and one below-right, with their edges lined up in x and in y
 *    (two captions at the same height in two columns), are taken for the
 *    cells of a table and read row by row, across the columns;
 *  - a block with no text beside it on the left (say, a caption in column
 *    2 beside a photo in column 1) is widened leftwards over the blocks
 *    under it, and is then read before them.
 * This module models that analysis on a laid-out page (our geometry: line
 * extents, baselines, font sizes) and says whether the model's order is
 * the drawing order, and if not, which blocks the page builder should move.
 * The model is written from poppler's documented behaviour and the paper,
 * with tolerances wider than poppler's, so that a page it passes is passed
 * with a margin.  tests/e2e_layout.py checks the real pdftotext.
 */
#pragma once

#include <glib.h>

#include "page.h"

G_BEGIN_DECLS

/* 0 when an extractor following poppler's rules reads @page's text in the
 * order it was drawn; otherwise how many times its order steps back.  A
 * @folio (not NULL, height > 0, type @folio_size) is page furniture still to
 * come, drawn last; it takes part (a block may be widened over it).  Then,
 * when @suspects is not NULL, appends to it (int) the source block numbers
 * (TsBox.block) whose moving is most likely to help, best first: captions,
 * headings and quotes that make a table or stand widened, those in later
 * columns first, then the others. */
int ts_read_order_check (const TsPage *page, const TsRect *folio, int folio_size,
                         GArray *suspects);

G_END_DECLS
