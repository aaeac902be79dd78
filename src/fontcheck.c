/* fontcheck.c — the Vietnamese coverage of a style's fonts (see
 * fontcheck.h).
 *
 * Plan: collect the style's faces (a face is a font description without
 * its size; roles that share one are checked once), load each through the
 * project's own fontconfig set-up as typesetting would, ask the font for
 * each of the 134 letters, and set the specimen sheet with PangoLayout
 * (a sheet of samples needs no Knuth-Plass) with fallback off.  The sheet
 * is one page, A4 wide and as tall as its content, measured first and
 * drawn second.
 */
#include "fontcheck.h"

#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include "error.h"
#include "render.h"

#define TS_SHEET_WIDTH 595.276  /* A4, pt */
#define TS_SHEET_HEIGHT 841.89
#define TS_SHEET_MARGIN 42.0    /* 15mm */
#define TS_LETTERS_SIZE 16      /* pt: big enough to see a misplaced mark */
#define TS_SHEET_DPI 110.0      /* a PNG sheet: readable on a screen */

/* Sample text: the first line of Truyện Kiều (five of the six tones, ư,
 * ơ, ă, â, ê) with a little more, and stacked capitals, which rise above
 * cap height and show a mark placed badly. */
static const char *const samples[] = {
  "Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau. Đường đi khó.",
  "ẤN ĐỘ · ỒN ÀO · QUẢNG NGÃI · ĐẮK LẮK · NGHỆ AN · BẮC KẠN · Ỷ LẠI · ỨNG PHÓ",
};

int
ts_vietnamese_letters (gunichar out[TS_VIETNAMESE_LETTERS])
{
  static const char *const vowels[] = { "a", "ă", "â", "e", "ê", "i",
                                        "o", "ô", "ơ", "u", "ư", "y" };
  /* none, huyền (grave), sắc (acute), hỏi (hook above), ngã (tilde),
   * nặng (dot below) */
  static const char *const tones[] = { "", "\xcc\x80", "\xcc\x81", "\xcc\x89", "\xcc\x83",
                                       "\xcc\xa3" };
  int n = 0, half;

  for (gsize v = 0; v < G_N_ELEMENTS (vowels); v++)
    for (gsize t = 0; t < G_N_ELEMENTS (tones); t++)
      {
        g_autofree char *decomposed = g_strconcat (vowels[v], tones[t], NULL);
        g_autofree char *composed = g_utf8_normalize (decomposed, -1, G_NORMALIZE_NFC);
        gunichar c = g_utf8_get_char (composed);

        if (c < 0x80)
          continue; /* a e i o u y: ASCII */
        out[n++] = c;
      }
  out[n++] = 0x0111; /* đ */
  half = n;
  for (int i = 0; i < half; i++)
    out[n++] = g_unichar_toupper (out[i]);
  g_assert (n == TS_VIETNAMESE_LETTERS);
  return n;
}

typedef struct
{
  const char *role;
  const PangoFontDescription *font;
} RoleFont;

static void
report_clear (gpointer data)
{
  TsFontReport *r = data;
  g_free (r->description);
  g_free (r->roles);
  g_free (r->file);
  g_free (r->family_found);
  g_string_free (r->missing, TRUE);
}

/* Whether two family names are the same as fontconfig compares them:
 * case and spaces do not matter. */
static gboolean
same_family (const char *asked, const char *found)
{
  g_autofree char *a = g_utf8_casefold (asked, -1), *b = g_utf8_casefold (found, -1);
  GString *x = g_string_new (NULL), *y = g_string_new (NULL);
  gboolean same;

  for (const char *p = a; *p; p++)
    if (*p != ' ')
      g_string_append_c (x, *p);
  for (const char *p = b; *p; p++)
    if (*p != ' ')
      g_string_append_c (y, *p);
  same = strcmp (x->str, y->str) == 0;
  g_string_free (x, TRUE);
  g_string_free (y, TRUE);
  return same;
}

static void
check_face (TsFonts *fonts, const PangoFontDescription *desc, TsFontReport *r)
{
  g_autoptr (PangoFont) font = pango_context_load_font (fonts->context, desc);
  gunichar letters[TS_VIETNAMESE_LETTERS];
  const char *asked = pango_font_description_get_family (desc);

  ts_vietnamese_letters (letters);
  r->missing = g_string_new (NULL);
  if (font != NULL && PANGO_IS_FC_FONT (font))
    {
      FcPattern *pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
      FcChar8 *s = NULL;

      if (FcPatternGetString (pattern, FC_FILE, 0, &s) == FcResultMatch)
        r->file = g_strdup ((const char *) s);
      /* A face may list several family names (a localised one, a
       * typographic one); any of them is a match. */
      for (int i = 0; FcPatternGetString (pattern, FC_FAMILY, i, &s) == FcResultMatch; i++)
        {
          if (i == 0)
            r->family_found = g_strdup ((const char *) s);
          if (asked != NULL && same_family (asked, (const char *) s))
            {
              g_free (r->family_found);
              r->family_found = g_strdup ((const char *) s);
              break;
            }
        }
    }
  r->substituted = asked == NULL || r->family_found == NULL
                   || !same_family (asked, r->family_found);
  for (int i = 0; i < TS_VIETNAMESE_LETTERS; i++)
    if (font == NULL || !pango_font_has_char (font, letters[i]))
      {
        if (r->n_missing++ > 0)
          g_string_append_c (r->missing, ' ');
        g_string_append_unichar (r->missing, letters[i]);
      }
}

/* The faces of @style, each once, with the roles that use it. */
static GArray *
collect_faces (const TsStyle *style, GArray *role_fonts)
{
  GArray *reports = g_array_new (FALSE, TRUE, sizeof (TsFontReport));
  const RoleFont all[] = {
    { "body", style->body.font },
    { "caption", style->caption.font },
    { "title", style->title.font },
    { "heading", style->heading.font },
    { "quote", style->quote.font },
    { "byline", style->byline.font },
    { "masthead", style->masthead_style.font },
    { "masthead date", style->masthead_date_style.font },
    { "header", style->header_style.font },
    { "footer", style->footer_style.font },
    { "cover title", style->cover_title_style.font },
    { "cover", style->cover_style.font },
    { "contents", style->contents_style.font },
  };

  g_array_set_clear_func (reports, report_clear);
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr (PangoFontDescription) face = NULL;
      g_autofree char *name = NULL;
      guint j;

      if (all[i].font == NULL)
        continue;
      g_array_append_val (role_fonts, all[i]);
      face = pango_font_description_copy (all[i].font);
      pango_font_description_unset_fields (face, PANGO_FONT_MASK_SIZE);
      name = pango_font_description_to_string (face);
      for (j = 0; j < reports->len; j++)
        {
          TsFontReport *r = &g_array_index (reports, TsFontReport, j);
          if (strcmp (r->description, name) == 0)
            {
              char *roles = g_strdup_printf ("%s, %s", r->roles, all[i].role);
              g_free (r->roles);
              r->roles = roles;
              break;
            }
        }
      if (j == reports->len)
        {
          TsFontReport r = { .description = g_steal_pointer (&name),
                             .roles = g_strdup (all[i].role) };
          g_array_append_val (reports, r);
        }
    }
  return reports;
}

/* Sets @text at the current point and moves down; returns the height. */
static double
show (cairo_t *cr, PangoContext *context, const char *text, const PangoFontDescription *desc,
      gboolean fallback, double y, gboolean draw)
{
  g_autoptr (PangoLayout) layout = pango_layout_new (context);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width, height;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) ((TS_SHEET_WIDTH - 2 * TS_SHEET_MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (!fallback)
    pango_attr_list_insert (attrs, pango_attr_fallback_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, &height);
  if (draw)
    {
      /* Each run at its place in the layout, as pango_cairo_show_layout would. */
      PangoLayoutIter *iter = pango_layout_get_iter (layout);

      do
        {
          PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
          PangoRectangle logical;

          if (run == NULL)
            continue;
          pango_layout_iter_get_run_extents (iter, NULL, &logical);
          cairo_move_to (cr, TS_SHEET_MARGIN + (double) logical.x / PANGO_SCALE,
                         y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          ts_render_show_glyph_item (cr, pango_layout_get_text (layout), run);
        }
      while (pango_layout_iter_next_run (iter));
      pango_layout_iter_free (iter);
    }
  return (double) height / PANGO_SCALE;
}

/* The sheet's content from the top; returns its height.  @cr may be NULL
 * when only measuring. */
static double
draw_sheet (cairo_t *cr, TsFonts *fonts, const TsStyle *style, GArray *reports,
            GArray *role_fonts)
{
  g_autoptr (PangoFontDescription) label = pango_font_description_from_string ("Noto Sans 8.5");
  g_autoptr (PangoFontDescription) heading
    = pango_font_description_from_string ("Noto Sans Bold 11");
  gunichar letters[TS_VIETNAMESE_LETTERS];
  g_autoptr (GString) lower = g_string_new ("a e i o u y  ");
  g_autoptr (GString) upper = g_string_new ("A E I O U Y  ");
  double y = TS_SHEET_MARGIN;
  gboolean draw = cr != NULL;
  g_autofree char *title = g_strdup_printf ("Kiểm tra phông chữ — font check: style “%s”",
                                            style->name ? style->name : "");

  ts_vietnamese_letters (letters);
  for (int i = 0; i < TS_VIETNAMESE_LETTERS; i++)
    {
      GString *line = i < TS_VIETNAMESE_LETTERS / 2 ? lower : upper;
      g_string_append_unichar (line, letters[i]);
      g_string_append_c (line, ' ');
    }

  if (draw)
    cairo_set_source_rgb (cr, 0, 0, 0);
  y += show (cr, fonts->context, title, heading, TRUE, y, draw) + 8;
  for (guint i = 0; i < reports->len; i++)
    {
      const TsFontReport *r = &g_array_index (reports, TsFontReport, i);
      g_autoptr (PangoFontDescription) face = pango_font_description_from_string (r->description);
      g_autofree char *head = NULL;

      if (r->substituted)
        head = g_strdup_printf ("%s (%s): NOT INSTALLED, fontconfig gives %s", r->description,
                                r->roles, r->family_found ? r->family_found : "nothing");
      else if (r->n_missing > 0)
        head = g_strdup_printf ("%s (%s): lacks %d of %d letters: %s", r->description, r->roles,
                                r->n_missing, TS_VIETNAMESE_LETTERS, r->missing->str);
      else
        head = g_strdup_printf ("%s (%s): all %d letters — %s", r->description, r->roles,
                                TS_VIETNAMESE_LETTERS, r->file ? r->file : "");
      if (draw)
        cairo_set_source_rgb (cr, r->n_missing > 0 || r->substituted ? 0.75 : 0, 0, 0);
      y += show (cr, fonts->context, head, heading, TRUE, y, draw) + 4;
      if (draw)
        cairo_set_source_rgb (cr, 0, 0, 0);
      pango_font_description_set_size (face, TS_LETTERS_SIZE * PANGO_SCALE);
      y += show (cr, fonts->context, lower->str, face, FALSE, y, draw) + 2;
      y += show (cr, fonts->context, upper->str, face, FALSE, y, draw) + 6;
      /* A sample line in each role's own size, of the roles on this face. */
      for (guint k = 0; k < role_fonts->len; k++)
        {
          const RoleFont *rf = &g_array_index (role_fonts, RoleFont, k);
          g_autoptr (PangoFontDescription) bare = pango_font_description_copy (rf->font);
          g_autofree char *name = NULL, *size = NULL;

          pango_font_description_unset_fields (bare, PANGO_FONT_MASK_SIZE);
          name = pango_font_description_to_string (bare);
          if (strcmp (name, r->description) != 0)
            continue;
          size = g_strdup_printf ("%s, %g pt", rf->role,
                                  (double) pango_font_description_get_size (rf->font) / PANGO_SCALE);
          y += show (cr, fonts->context, size, label, TRUE, y, draw);
          for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
            y += show (cr, fonts->context, samples[s], rf->font, FALSE, y, draw);
          y += 4;
        }
      y += 14;
    }
  return y + TS_SHEET_MARGIN;
}

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_sheet (TsFonts *fonts, const TsStyle *style, GArray *reports, GArray *role_fonts,
              gboolean png, gint64 epoch, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  double height = MAX (TS_SHEET_HEIGHT, draw_sheet (NULL, fonts, style, reports, role_fonts));
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (png)
    {
      double scale = TS_SHEET_DPI / 72.0;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) (TS_SHEET_WIDTH * scale + 0.5),
                                            (int) (height * scale + 0.5));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_array, out, TS_SHEET_WIDTH, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Font check");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "typeset --check-fonts");
      if (epoch >= 0)
        {
          g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (epoch);
          g_autofree char *date = dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
          if (date != NULL)
            {
              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
            }
        }
      cr = cairo_create (surface);
    }
  draw_sheet (cr, fonts, style, reports, role_fonts);
  if (!png)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png_stream (surface, write_to_array, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot draw the font sheet: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

int
ts_font_check (TsFonts *fonts, const TsStyle *style, const char *output, gint64 epoch,
               GString *report, GError **error)
{
  g_autoptr (GArray) role_fonts = g_array_new (FALSE, FALSE, sizeof (RoleFont));
  g_autoptr (GArray) reports = collect_faces (style, role_fonts);
  int failing = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      TsFontReport *r = &g_array_index (reports, TsFontReport, i);
      g_autoptr (PangoFontDescription) face = pango_font_description_from_string (r->description);

      /* Coverage does not depend on the size; 10pt loads the face. */
      pango_font_description_set_size (face, 10 * PANGO_SCALE);
      check_face (fonts, face, r);
      if (r->substituted)
        g_string_append_printf (report, "%s (%s): not installed; fontconfig gives %s (%s)\n",
                                r->description, r->roles,
                                r->family_found ? r->family_found : "nothing",
                                r->file ? r->file : "no file");
      else if (r->n_missing > 0)
        g_string_append_printf (report, "%s (%s): %s: lacks %d of %d Vietnamese letters: %s\n",
                                r->description, r->roles, r->file ? r->file : "?", r->n_missing,
                                TS_VIETNAMESE_LETTERS, r->missing->str);
      else
        g_string_append_printf (report, "%s (%s): %s: all %d Vietnamese letters\n",
                                r->description, r->roles, r->file ? r->file : "?",
                                TS_VIETNAMESE_LETTERS);
      failing += r->substituted || r->n_missing > 0;
    }
  if (output != NULL)
    {
      gboolean png = g_str_has_suffix (output, ".png") || g_str_has_suffix (output, ".PNG");
      g_autoptr (GBytes) sheet = render_sheet (fonts, style, reports, role_fonts, png, epoch,
                                               error);
      if (sheet == NULL || !ts_write_file_atomically (output, sheet, FALSE, error))
        return -1;
    }
  return failing;
}
