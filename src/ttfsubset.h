/* ttfsubset.h — a TrueType font cut down to the glyphs a PDF uses.
 *
 * The PDF writer embeds each face with glyph ids kept (pdffont.h), so a
 * subset is simple: the used glyphs' outlines (and the glyphs their
 * composites are built from) stay where they are in 'glyf', every other
 * glyph becomes empty, and the font keeps only the tables a PDF's
 * TrueType font program needs (head, hhea, maxp, hmtx, loca, glyf, post;
 * PDF 1.7 §9.9).  Hinting goes: the glyphs' instructions and the tables
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
 * entries, one byte per glyph id, non-zero = used; glyph 0, .notdef, is
 * always kept), with their ids.  Returns NULL when @face is not a
 * TrueType font this can read (no 'glyf', or tables out of their
 * bounds).  (transfer full) */
GBytes *ts_truetype_subset (hb_face_t *face, const guint8 *used, unsigned n_used);

G_END_DECLS
