/* ttfsubset.h — a TrueType font cut down to the glyphs a PDF uses.
 *
 * The used glyphs' outlines (and the glyphs their composites are built
 * from) are numbered anew, 0 to n - 1 in their old order; the PDF keeps
 * the face's own ids as CIDs and maps them with a CIDToGIDMap (pdffont.h),
 * so the content streams, written before the subset is known, need no
 * change.  The font keeps only the tables a PDF's TrueType font program
 * needs (head, hhea, maxp, hmtx, loca, glyf, post; PDF 1.7 §9.9).  Kept
 * ids (empty glyphs up to the last used one) made a 100-glyph subset of
 * Noto Serif 36 KB before compression, mostly loca and hmtx; a batch
 * document spent more time deflating its fonts than its pages.  Hinting goes: the glyphs' instructions and the tables
 * they call (fpgm, prep, cvt) are screen-only and would be most of the
 * bytes.
 *
 * HarfBuzz's subsetter did this at first; on the seed it was 10 of the
 * document's 61 M instructions (a tenth of the run's time), nearly all of
 * it setting up its plan for the general case (layout closure, cmap,
 * renumbering), none of which a PDF with kept ids needs.  This is a few
 * copies per glyph.
 */
#pragma once

#include <glib.h>
#include <hb.h>

G_BEGIN_DECLS

/* The subset of @face holding the glyphs marked in @used (@n_used
 * entries, one byte per glyph id, at least the face's glyph count;
 * non-zero = used; glyph 0, .notdef, is always kept), numbered anew in
 * their old order: @ids (@n_used entries) gets each glyph's new id, 0
 * for a glyph not kept.  Returns NULL when @face is not a TrueType font
 * this can read (no 'glyf', or tables out of their bounds).
 * (transfer full) */
GBytes *ts_truetype_subset (hb_face_t *face, const guint8 *used, unsigned n_used,
                            guint16 *ids);

G_END_DECLS
