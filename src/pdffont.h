/* pdffont.h — the fonts of a native PDF (pdfout.h): which glyphs a
 * document uses, their widths and text, and the embedded subsets.
 *
 * One PDF font per font file (face), whatever the sizes it is used at: a
 * Type 0 font with Identity-H encoding over a CIDFontType2 whose CIDs are
 * the face's own glyph ids, so a glyph from Pango goes into the content
 * stream as it is, with no second pass.  At the end each face is cut down
 * to the glyphs used by ttfsubset.h, which numbers them anew, and written
 * with a CIDToGIDMap from the face's ids to the subset's, its widths
 * (/W) and a ToUnicode CMap.
 *
 * Each glyph maps to the text it was first drawn for; a glyph drawn later
 * for other text (or a cluster of several glyphs) is marked in the
 * content with /ActualText instead (pdfout.c) — the same rule Cairo's PDF
 * surface follows, so that pdftotext gives back exactly the input.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "pdfwriter.h"

G_BEGIN_DECLS

typedef struct TsPdfFonts TsPdfFonts;
typedef struct TsPdfFace TsPdfFace;

/* How a Pango font is drawn: its face and the font's matrix (size, and a
 * slant or stretch if fontconfig synthesised one), in points. */
typedef struct
{
  TsPdfFace *face;
  double xx, yx, xy, yy;
} TsPdfFontUse;

/* The fonts of one document; font objects are numbered by @writer.
 * Caller frees with ts_pdf_fonts_free(). */
TsPdfFonts *ts_pdf_fonts_new (TsPdfWriter *writer);
void ts_pdf_fonts_free (TsPdfFonts *fonts);

/* The face and matrix of @font, or NULL when its face cannot be embedded
 * as a TrueType CID font (no 'glyf' table: CFF outlines, a bitmap or
 * colour font); the caller then leaves the document to Cairo.
 * (transfer none: lives as long as @fonts) */
const TsPdfFontUse *ts_pdf_fonts_lookup (TsPdfFonts *fonts, PangoFont *font);

/* The resource name's number: the face is /F<number> in a page's fonts. */
int ts_pdf_face_get_number (const TsPdfFace *face);
/* The Type 0 font's object number. */
int ts_pdf_face_get_object (const TsPdfFace *face);
/* Marks @glyph used and returns its advance in thousandths of the em, as
 * the font's /W gives it. */
int ts_pdf_face_use_glyph (TsPdfFace *face, guint glyph);
/* Whether @glyph's text (ToUnicode) is [@utf8, @utf8 + @length): it is
 * when the glyph had no text yet (it gets this one) or already had this
 * text.  @length > 0. */
gboolean ts_pdf_face_map_glyph (TsPdfFace *face, guint glyph, const char *utf8, int length);

/* Every face used: calls @func with each Type 0 font's number and object,
 * in the order the faces were first used. */
void ts_pdf_fonts_foreach (TsPdfFonts *fonts, void (*func) (int number, int object, void *data),
                           void *data);

/* Writes every used face's objects (Type 0 font, CID font, descriptor,
 * subset font file, ToUnicode).  Returns FALSE and sets @error
 * (TS_ERROR_RENDER) when a face cannot be subset. */
gboolean ts_pdf_fonts_write (TsPdfFonts *fonts, GError **error);

G_END_DECLS
