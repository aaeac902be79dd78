/* fonts.h — the project's own fontconfig set-up and Pango context.
 *
 * typeset never reads the machine's font configuration: it parses
 * fonts/fonts.conf from the data directory, so that a layout depends only
 * on the fonts that file names (Debian's fonts-noto-core).  The Pango
 * context is set up for print: language vi, no hinting, no hinted
 * metrics, unrounded glyph positions.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "shapecache.h"

G_BEGIN_DECLS

typedef struct
{
  PangoFontMap *fontmap;   /* a PangoFT2FontMap on our FcConfig */
  PangoContext *context;   /* print settings; shared by every shaping call */
  PangoLanguage *language; /* vi */
  char *config_file;       /* the fonts.conf that was loaded */
  TsShapeCache *shape_cache; /* words shaped so far, reused (shapecache.h) */
  GHashTable *metrics;     /* PangoFontDescription* → ascent and descent (ts_fonts_get_metrics) */
} TsFonts;

/* Loads @data_dir/fonts/fonts.conf.  Fails with TS_ERROR_FONT when the
 * configuration cannot be read or when Noto Serif is not found (with the
 * package to install).  Caller frees with ts_fonts_free(). */
TsFonts *ts_fonts_new (const char *data_dir, GError **error);
void ts_fonts_free (TsFonts *fonts);

/* Ascent and descent of @desc's primary font, in Pango units. */
void ts_fonts_get_metrics (TsFonts *fonts, const PangoFontDescription *desc, int *ascent,
                           int *descent);

/* The same straight from pango_context_get_metrics(), for tests. */
void ts_fonts_get_metrics_slow (TsFonts *fonts, const PangoFontDescription *desc, int *ascent,
                                int *descent);

/* The matrix that maps @font's em square (y down, one unit = 1 em) to
 * points on the page, as Cairo's font_matrix [xx yx xy yy]: the size, and
 * any slant or stretch fontconfig put in the pattern (FC_MATRIX).  The
 * same matrix Pango's Cairo fonts have (pangocairo-fcfont.c, Pango 1.50),
 * for the renderers that draw a font of our PangoFT2 font map. */
void ts_fonts_get_matrix (PangoFont *font, double matrix[4]);

/* The file that @desc resolves to (for reports and tests); caller frees. */
char *ts_fonts_get_file (TsFonts *fonts, const PangoFontDescription *desc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsFonts, ts_fonts_free)

G_END_DECLS
