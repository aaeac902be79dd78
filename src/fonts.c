/* fonts.c — fontconfig from fonts/fonts.conf, a Pango context for print.
 *
 * Plan: build a private FcConfig from the project's file (never the
 * machine's), hang a PangoFT2 font map on it, and make one context with
 * print settings.  Check that the body face exists, so that a machine
 * without fonts-noto-core fails with a clear message instead of silently
 * falling back to whatever Pango finds.
 *
 * Why PangoFT2 and not PangoCairo's font map: the layout needs Pango's
 * fontconfig fonts and HarfBuzz, nothing of Cairo, and the PDF is written
 * by typeset itself (pdfout.h).  libpangocairo would bring the shared
 * libcairo and, through it, X11 and xcb: 13 of the 42 libraries the
 * program mapped at start-up, about 3 ms of the seed's wall time.  Cairo
 * now draws only previews (PNG, SVG) and the PDF fallback, from fonts it
 * makes from the same fontconfig patterns (ts_fonts_get_matrix, render.c).
 */
#include "fonts.h"

#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangoft2.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <hb.h>

#include "error.h"

/* The configuration that every font map of the process shares: fonts.conf
 * is parsed and its font caches read once, however many engines a batch
 * makes, and it is fontconfig's current configuration, which Pango's font
 * maps use when none is set on them.  Setting one with
 * pango_fc_font_map_set_config() instead makes Pango clear its (empty)
 * caches and list every family of every face at once, 4 M instructions of
 * a one-page run's 100 M, and as much again to free them at exit. */
static GMutex shared_lock;
static char *shared_file;       /* the fonts.conf of the current configuration */
static FcConfig *shared_config; /* that configuration (fontconfig holds the reference) */

static FcConfig *
load_config (const char *conf, GError **error)
{
  FcConfig *config = FcConfigCreate ();

  if (!FcConfigParseAndLoad (config, (const FcChar8 *) conf, FcTrue)
      || !FcConfigBuildFonts (config))
    {
      FcConfigDestroy (config);
      g_set_error (error, TS_ERROR, TS_ERROR_FONT, "%s: cannot load the font configuration",
                   conf);
      return NULL;
    }
  return config;
}

/* A reference to the configuration of @conf for a new font map, and
 * whether it is the process's shared, current one (then the font map needs
 * none set).  The first configuration becomes the current one before Pango
 * sees a font map: Pango's FcFontMap calls FcInit() (in a thread it then
 * waits for), which would otherwise parse the machine's whole
 * configuration and read every cache it names, about a fifth of the seed's
 * run time, for a configuration that typeset never uses.  With a current
 * configuration FcInit() has nothing to do.  A different fonts.conf later
 * in the same process (tests) gets a configuration of its own. */
static FcConfig *
get_config (const char *conf, gboolean *shared, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&shared_lock);
  FcConfig *config;

  *shared = FALSE;
  if (shared_file != NULL && strcmp (shared_file, conf) == 0
      && FcConfigGetCurrent () == shared_config)
    {
      *shared = TRUE;
      return FcConfigReference (shared_config);
    }
  config = load_config (conf, error);
  if (config == NULL)
    return NULL;
  if (shared_file == NULL && FcConfigSetCurrent (config))
    {
      shared_file = g_strdup (conf);
      shared_config = config;
      *shared = TRUE;
    }
  return config;
}

/* Whether @config has a face of @family in a file whose name holds
 * @file_part: a walk over the faces' patterns, about 0.1 M instructions,
 * where asking Pango for the face would start a fontset (a match and a
 * sort of every face, 3.7 M) for a size that no style may use. */
static gboolean
config_has_face (FcConfig *config, const char *family, const char *file_part)
{
  for (int set = FcSetSystem; set <= FcSetApplication; set++)
    {
      FcFontSet *fonts = FcConfigGetFonts (config, (FcSetName) set);

      for (int i = 0; fonts != NULL && i < fonts->nfont; i++)
        {
          FcChar8 *file;
          FcChar8 *name;

          if (FcPatternGetString (fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch
              || strstr ((const char *) file, file_part) == NULL)
            continue;
          for (int j = 0;
               FcPatternGetString (fonts->fonts[i], FC_FAMILY, j, &name) == FcResultMatch; j++)
            if (strcmp ((const char *) name, family) == 0)
              return TRUE;
        }
    }
  return FALSE;
}

TsFonts *
ts_fonts_new (const char *data_dir, GError **error)
{
  g_autofree char *conf = g_build_filename (data_dir, "fonts", "fonts.conf", NULL);
  g_autoptr (TsFonts) fonts = g_new0 (TsFonts, 1);
  FcConfig *config;
  gboolean shared;

  fonts->config_file = g_strdup (conf);
  if (!g_file_test (conf, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_FONT,
                   "%s: font configuration not found; set TYPESET_DATA_DIR to the folder "
                   "that holds fonts/ and styles/",
                   conf);
      return NULL;
    }
  config = get_config (conf, &shared, error);
  if (config == NULL)
    return NULL;
  /* 72 dpi, PangoFT2's default: one Pango unit is 1/1024 pt on the page.
   * Hinting is off in fonts.conf, so Pango takes the fonts' metrics
   * unhinted (PangoFcFont.is_hinted follows FC_HINTING). */
  fonts->fontmap = pango_ft2_font_map_new ();
  if (fonts->fontmap == NULL)
    {
      FcConfigDestroy (config);
      g_set_error (error, TS_ERROR, TS_ERROR_FONT, "Pango has no FreeType font map");
      return NULL;
    }
  /* The font map takes its own reference. */
  if (!shared)
    pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (fonts->fontmap), config);

  fonts->context = pango_font_map_create_context (fonts->fontmap);
  fonts->shape_cache = ts_shape_cache_new ();
  fonts->metrics = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                          (GEqualFunc) pango_font_description_equal,
                                          (GDestroyNotify) pango_font_description_free, g_free);
  fonts->language = pango_language_from_string ("vi");
  pango_context_set_language (fonts->context, fonts->language);
  pango_context_set_base_dir (fonts->context, PANGO_DIRECTION_LTR);
  /* Rounded positions make justified spacing uneven by up to a unit per
   * glyph; print wants the exact advances. */
  pango_context_set_round_glyph_positions (fonts->context, FALSE);

  /* The default body face must be there; a fallback would change every
   * measure and lose Vietnamese coverage silently.  Pango picks a face of
   * the family when there is one, so a look at the faces answers; only
   * when there is none does Pango say which face it would take instead. */
  if (!config_has_face (config, "Noto Serif", "NotoSerif-"))
    {
      g_autoptr (PangoFontDescription) desc = pango_font_description_from_string ("Noto Serif 10");
      g_autofree char *file = ts_fonts_get_file (fonts, desc);

      FcConfigDestroy (config);
      g_set_error (error, TS_ERROR, TS_ERROR_FONT,
                   "Noto Serif not found (got %s); install Debian's fonts-noto-core",
                   file ? file : "no font at all");
      return NULL;
    }
  FcConfigDestroy (config);
  return g_steal_pointer (&fonts);
}

void
ts_fonts_get_matrix (PangoFont *font, double matrix[4])
{
  const FcPattern *pattern = PANGO_IS_FC_FONT (font) ? pango_fc_font_get_pattern (PANGO_FC_FONT (font))
                                                    : NULL;
  FcMatrix product, *factor;
  double size = 18.0, dpi = 72.0; /* 18: what Pango takes when the pattern says nothing */

  FcMatrixInit (&product);
  if (pattern != NULL)
    {
      if (FcPatternGetDouble (pattern, FC_PIXEL_SIZE, 0, &size) != FcResultMatch
          && FcPatternGetDouble (pattern, FC_SIZE, 0, &size) == FcResultMatch
          && FcPatternGetDouble (pattern, FC_DPI, 0, &dpi) == FcResultMatch)
        size = size * dpi / 72.0;
      for (int i = 0; FcPatternGetMatrix (pattern, FC_MATRIX, i, &factor) == FcResultMatch; i++)
        FcMatrixMultiply (&product, &product, factor);
    }
  /* fontconfig's matrix is y up, Cairo's font space y down. */
  matrix[0] = product.xx * size;
  matrix[1] = -product.yx * size;
  matrix[2] = -product.xy * size;
  matrix[3] = product.yy * size;
}

void
ts_fonts_free (TsFonts *fonts)
{
  if (fonts == NULL)
    return;
  /* The cache holds fonts of the font map: it goes first. */
  g_clear_pointer (&fonts->shape_cache, ts_shape_cache_free);
  g_clear_pointer (&fonts->metrics, g_hash_table_unref);
  g_clear_object (&fonts->context);
  g_clear_object (&fonts->fontmap);
  g_free (fonts->config_file);
  g_free (fonts);
}

/* The ascent and descent that pango_context_get_metrics() gives, without
 * its cost.  That call lays out the language's sample sentence to find the
 * approximate character widths (about 0.7 M instructions per description,
 * a tenth of the seed's start-up) and only then takes ascent and descent:
 * from the first font of the fontset, raised to those of any other font
 * the sample sentence falls back to.  Pango's FreeType fonts take them from
 * HarfBuzz's horizontal font extents (pangofc-font.c, get_face_metrics),
 * scaled by the pattern's matrix when it has one.  Here: the same, from
 * the font pango_context_load_font() picks, which is the fontset's first
 * font for Pango's fontconfig font maps.  When the sample sentence needs
 * a fallback font the two could differ, so a font that does not cover the
 * sample goes the slow way.  tests/test-shape.c compares both for every
 * face of the shipped styles. */
static gboolean
fast_metrics (TsFonts *fonts, const PangoFontDescription *desc, int *ascent, int *descent)
{
  g_autoptr (PangoFont) font = pango_context_load_font (fonts->context, desc);
  const char *sample = pango_language_get_sample_string (fonts->language);
  g_autoptr (PangoCoverage) coverage = NULL;
  hb_font_t *hb_font;
  hb_font_extents_t extents;
  FcMatrix *matrix = NULL;
  double yy = 1.0;

  if (font == NULL || !PANGO_IS_FC_FONT (font))
    return FALSE;
  hb_font = pango_font_get_hb_font (font);
  if (hb_font == NULL)
    return FALSE;
  coverage = pango_font_get_coverage (font, fonts->language);
  for (const char *p = sample; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != ' ' && pango_coverage_get (coverage, (int) c) != PANGO_COVERAGE_EXACT)
        return FALSE;
    }
  if (FcPatternGetMatrix (pango_fc_font_get_pattern (PANGO_FC_FONT (font)), FC_MATRIX, 0,
                          &matrix)
      == FcResultMatch)
    yy = matrix->yy;
  hb_font_get_extents_for_direction (hb_font, HB_DIRECTION_LTR, &extents);
  *ascent = (int) (extents.ascender * yy);
  *descent = (int) (-extents.descender * yy);
  return TRUE;
}

void
ts_fonts_get_metrics_slow (TsFonts *fonts, const PangoFontDescription *desc, int *ascent,
                           int *descent)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (fonts->context, desc, fonts->language);

  *ascent = pango_font_metrics_get_ascent (metrics);
  *descent = pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
}

void
ts_fonts_get_metrics (TsFonts *fonts, const PangoFontDescription *desc, int *ascent,
                      int *descent)
{
  /* Asked once per paragraph: keep the answer per description. */
  int *known = fonts->metrics ? g_hash_table_lookup (fonts->metrics, desc) : NULL;

  if (known != NULL)
    {
      *ascent = known[0];
      *descent = known[1];
      return;
    }
  if (!fast_metrics (fonts, desc, ascent, descent))
    ts_fonts_get_metrics_slow (fonts, desc, ascent, descent);
  if (fonts->metrics != NULL)
    {
      known = g_new (int, 2);
      known[0] = *ascent;
      known[1] = *descent;
      g_hash_table_insert (fonts->metrics, pango_font_description_copy (desc), known);
    }
}

char *
ts_fonts_get_file (TsFonts *fonts, const PangoFontDescription *desc)
{
  g_autoptr (PangoFont) font = pango_context_load_font (fonts->context, desc);
  FcPattern *pattern;
  FcChar8 *file = NULL;

  if (font == NULL || !PANGO_IS_FC_FONT (font))
    return NULL;
  pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
  if (FcPatternGetString (pattern, FC_FILE, 0, &file) != FcResultMatch)
    return NULL;
  return g_strdup ((const char *) file);
}
