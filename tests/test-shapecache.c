/* test-shapecache.c — the shaping cache gives Pango's own glyphs.
 *
 * The expected glyph strings are not written down here: each comes from
 * Pango itself, shaping the whole item with pango_shape_with_flags() as
 * shape.c did before the cache, over the project's fonts.conf and
 * Debian's Noto fonts (no mock).  The cache must give the same glyph
 * string, glyph for glyph (id, advance, offsets, cluster start) and
 * cluster for cluster, for every paragraph of every sample in every face
 * the shipped styles use, on a first (shaping) and a second (cached) pass.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "fonts.h"
#include "shapecache.h"

static TsFonts *fonts;
static const char *root;

static const char *faces[] = {
  "Noto Serif 11", "Noto Serif Italic 9.5", "Noto Serif Bold 11", "Noto Serif Bold Italic 11",
  "Noto Sans Bold 21", "Noto Sans 8.5", "Noto Sans Bold 12.5", NULL,
};

/* Compares the cache's glyphs for every item of @text in @face with
 * Pango's; returns the number of items compared. */
static int
compare_paragraph (TsShapeCache *cache, const char *text, const char *face)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (face);
  PangoAttrList *attrs = pango_attr_list_new ();
  int length = (int) strlen (text), n = 0;
  GList *items;

  pango_attr_list_insert (attrs, pango_attr_font_desc_new (desc));
  items = pango_itemize (fonts->context, text, 0, length, attrs, NULL);
  for (GList *l = items; l != NULL; l = l->next)
    {
      PangoItem *item = l->data;
      PangoGlyphString *want = pango_glyph_string_new ();
      PangoGlyphString *got = pango_glyph_string_new ();

      pango_shape_with_flags (text + item->offset, item->length, text, length, &item->analysis,
                              want, PANGO_SHAPE_NONE);
      ts_shape_cache_shape (cache, text, length, item, got);
      g_assert_cmpint (got->num_glyphs, ==, want->num_glyphs);
      for (int g = 0; g < want->num_glyphs; g++)
        {
          const PangoGlyphInfo *a = &got->glyphs[g], *b = &want->glyphs[g];

          /* Field by field: the unused bits of the attribute word are
           * whatever the allocator left there. */
          if (a->glyph != b->glyph || a->geometry.width != b->geometry.width
              || a->geometry.x_offset != b->geometry.x_offset
              || a->geometry.y_offset != b->geometry.y_offset
              || a->attr.is_cluster_start != b->attr.is_cluster_start
              || a->attr.is_color != b->attr.is_color
              || got->log_clusters[g] != want->log_clusters[g])
            g_error ("%s: glyph %d of item at byte %d differs (glyph %u/%u, width %d/%d, "
                     "cluster %d/%d) in “%.*s”",
                     face, g, item->offset, got->glyphs[g].glyph, want->glyphs[g].glyph,
                     got->glyphs[g].geometry.width, want->glyphs[g].geometry.width,
                     got->log_clusters[g], want->log_clusters[g], item->length,
                     text + item->offset);
        }
      pango_glyph_string_free (want);
      pango_glyph_string_free (got);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) pango_item_free);
  pango_attr_list_unref (attrs);
  return n;
}

/* Every paragraph (block between blank lines, lines joined by spaces) of
 * every sample, NFC as the reader gives it. */
static GPtrArray *
sample_paragraphs (void)
{
  g_autofree char *dir = g_build_filename (root, "samples", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_auto (GStrv) blocks = NULL;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &data, NULL, NULL)
          || !g_utf8_validate (data, -1, NULL))
        continue;
      blocks = g_regex_split_simple ("\\n[ \\t]*\\n", data, 0, 0);
      for (int i = 0; blocks[i] != NULL; i++)
        {
          g_autofree char *joined = g_strdelimit (g_strdup (blocks[i]), "\r\n", ' ');
          char *nfc = g_utf8_normalize (g_strstrip (joined), -1, G_NORMALIZE_NFC);
          if (nfc[0] != '\0')
            g_ptr_array_add (out, nfc);
          else
            g_free (nfc);
        }
    }
  return out;
}

static void
test_samples_match_pango (void)
{
  g_autoptr (GPtrArray) paras = sample_paragraphs ();
  g_autoptr (TsShapeCache) cache = ts_shape_cache_new ();
  guint64 hits, misses, first_misses;
  int items = 0;

  g_assert_cmpuint (paras->len, >, 50);
  for (int f = 0; faces[f] != NULL; f++)
    for (guint i = 0; i < paras->len; i++)
      items += compare_paragraph (cache, g_ptr_array_index (paras, i), faces[f]);
  g_assert_cmpint (items, >=, (int) paras->len);
  ts_shape_cache_get_stats (cache, &hits, &first_misses);
  g_assert_cmpuint (first_misses, >, 0);

  /* Second pass: everything comes from the cache, and is still Pango's. */
  for (int f = 0; faces[f] != NULL; f++)
    for (guint i = 0; i < paras->len; i++)
      compare_paragraph (cache, g_ptr_array_index (paras, i), faces[f]);
  ts_shape_cache_get_stats (cache, &hits, &misses);
  /* Words longer than the cache keeps are shaped again; the samples have
   * none over 64 bytes, so the second pass shapes nothing. */
  g_assert_cmpuint (misses, ==, first_misses);
  g_assert_cmpuint (hits, >, first_misses);
}

/* Hard cases for the cut between words: marks after a space, runs of
 * spaces, a paragraph that starts or ends with a space, a long token,
 * text that is all spaces, a word repeated in two faces. */
static void
test_edges_match_pango (void)
{
  g_autoptr (TsShapeCache) cache = ts_shape_cache_new ();
  g_autofree char *long_token = NULL;
  GString *s = g_string_new (NULL);
  const char *cases[] = {
    "a \xcc\x81 b",                 /* a space, then U+0301 on its own */
    "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t", /* NFD marks inside words */
    "   ba    khoảng   trắng   ",
    " ",
    "x",
    "“Ấn tượng”, (1/4/2014) — 80% … 22-NQ/QU",
    "a\xe2\x80\x8d b \xe2\x80\x8c c", /* joiners */
    NULL,
  };

  for (int i = 0; i < 200; i++)
    g_string_append (s, "Bắc");
  long_token = g_string_free (s, FALSE);
  for (int f = 0; faces[f] != NULL; f++)
    {
      for (int i = 0; cases[i] != NULL; i++)
        {
          compare_paragraph (cache, cases[i], faces[f]);
          compare_paragraph (cache, cases[i], faces[f]);
        }
      compare_paragraph (cache, long_token, faces[f]);
    }
}

/* ts_shape_cache_log_attrs against pango_get_log_attrs on the whole
 * paragraph, for what shape.c reads: is_white everywhere, is_line_break
 * and is_cursor_position inside each token (after its first character).
 * Returns the number of in-token break opportunities seen. */
static int
compare_log_attrs (TsShapeCache *cache, const char *text)
{
  int length = (int) strlen (text), n = g_utf8_strlen (text, length), breaks = 0;
  g_autofree PangoLogAttr *want = g_new0 (PangoLogAttr, n + 1);
  g_autofree PangoLogAttr *got = g_new0 (PangoLogAttr, n + 1);
  const char *p = text;

  pango_get_log_attrs (text, length, -1, fonts->language, want, n + 1);
  ts_shape_cache_log_attrs (cache, text, length, fonts->language, got, n + 1);
  for (int c = 0; c < n; c++, p = g_utf8_next_char (p))
    {
      gboolean inside = p > text && p[-1] != ' ' && *p != ' ';

      if (got[c].is_white != want[c].is_white
          || (inside && (got[c].is_line_break != want[c].is_line_break
                         || got[c].is_cursor_position != want[c].is_cursor_position)))
        g_error ("character %d of “%s”: white %d/%d, break %d/%d, cursor %d/%d", c, text,
                 got[c].is_white, want[c].is_white, got[c].is_line_break, want[c].is_line_break,
                 got[c].is_cursor_position, want[c].is_cursor_position);
      breaks += inside && want[c].is_line_break;
    }
  return breaks;
}

/* The break attributes match Pango's on every sample paragraph, on the
 * first pass (tokens analysed) and the second (tokens from the cache), and
 * on text made to have breaks inside tokens and context around them. */
static void
test_log_attrs_match_pango (void)
{
  g_autoptr (GPtrArray) paras = sample_paragraphs ();
  g_autoptr (TsShapeCache) cache = ts_shape_cache_new ();
  const char *cases[] = {
    "Bắc-Nam, 22-NQ/TW, 1/4/2014, 3.000.000đ, 80%, (xem: a/b) “Ấn tượng”—thế",
    "https://vnexpress.net/a-b-c?x=1&y=2 www.nhandan.vn/x",
    "giá 1.200-1.500 USD/tấn; -5°C…-10°C; A4/A5; 10:30-11:00; $5 ¥7 €8",
    "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t a \xcc\x81 b", /* NFD, a lone mark */
    "tab\there\nnewline", /* control characters: the whole paragraph to Pango */
    "ภาษาไทย và 中文字 và 한국어", /* other scripts: the whole paragraph to Pango */
    "a—b–c ‘d’ «e» (f) [g] {h} !i ?j ¿k ¡l «m»",
    "U.S.A. e.g. 1,5 1.5 +84 -x x- -- ---",
    "   lead and trail   ",
    "",
    NULL,
  };
  int breaks = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < paras->len; i++)
        breaks += compare_log_attrs (cache, g_ptr_array_index (paras, i));
      for (int i = 0; cases[i] != NULL; i++)
        breaks += compare_log_attrs (cache, cases[i]);
    }
  /* The cases have breaks inside tokens (after hyphens, slashes, dashes),
   * so the comparison did look at some. */
  g_assert_cmpint (breaks, >, 10);
}

/* fonts.c takes ascent and descent from HarfBuzz's extents instead of
 * pango_context_get_metrics(), which lays out a sample sentence first:
 * the two agree for every face of the shipped styles, at several sizes,
 * asked twice (the second answer is the kept one). */
static void
test_metrics_match_pango (void)
{
  const char *more[] = { "Noto Serif 10", "Noto Sans Bold 30", "Noto Sans 10.5", "Noto Serif 7",
                         "Noto Sans Italic 9", "Noto Serif Bold 64", NULL };

  for (int pass = 0; pass < 2; pass++)
    for (int list = 0; list < 2; list++)
      for (int f = 0; (list ? more : faces)[f] != NULL; f++)
        {
          g_autoptr (PangoFontDescription) desc
            = pango_font_description_from_string ((list ? more : faces)[f]);
          int ascent, descent, want_ascent, want_descent;

          ts_fonts_get_metrics (fonts, desc, &ascent, &descent);
          ts_fonts_get_metrics_slow (fonts, desc, &want_ascent, &want_descent);
          g_assert_cmpint (ascent, ==, want_ascent);
          g_assert_cmpint (descent, ==, want_descent);
          g_assert_cmpint (ascent, >, 0);
        }
}

/* ts_shape_cache_itemize gives pango_itemize's items, field by field, for
 * a paragraph with one font over it. */
static void
compare_items (TsShapeCache *cache, const char *text, const char *face)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (face);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  int length = (int) strlen (text);
  GList *want, *got;

  pango_attr_list_insert (attrs, pango_attr_font_desc_new (desc));
  want = pango_itemize (fonts->context, text, 0, length, attrs, NULL);
  got = ts_shape_cache_itemize (cache, fonts->context, text, length, attrs, TRUE);
  g_assert_cmpuint (g_list_length (got), ==, g_list_length (want));
  for (GList *a = got, *b = want; a != NULL; a = a->next, b = b->next)
    {
      const PangoItem *x = a->data, *y = b->data;

      g_assert_cmpint (x->offset, ==, y->offset);
      g_assert_cmpint (x->length, ==, y->length);
      g_assert_cmpint (x->num_chars, ==, y->num_chars);
      g_assert_true (x->analysis.font == y->analysis.font);
      g_assert_true (x->analysis.language == y->analysis.language);
      g_assert_cmpint (x->analysis.script, ==, y->analysis.script);
      g_assert_cmpint (x->analysis.level, ==, y->analysis.level);
      g_assert_cmpint (x->analysis.gravity, ==, y->analysis.gravity);
      g_assert_cmpint (x->analysis.flags, ==, y->analysis.flags);
      g_assert_true ((x->analysis.extra_attrs == NULL) == (y->analysis.extra_attrs == NULL));
    }
  g_list_free_full (got, (GDestroyNotify) pango_item_free);
  g_list_free_full (want, (GDestroyNotify) pango_item_free);
}

static void
test_itemize_matches_pango (void)
{
  g_autoptr (GPtrArray) paras = sample_paragraphs ();
  g_autoptr (TsShapeCache) cache = ts_shape_cache_new ();
  const char *cases[] = {
    "“2021” — 80% Bắc", /* Common characters before the first letter */
    "2021-05 1/4/2014", /* no letter at all */
    "Tiếng Việt ภาษาไทย và 中文", /* other scripts: several items */
    "café ☕ emoji ©\xef\xb8\x8f", /* emoji */
    "Ꞑ ꞑ ẞ ꟿ ɐ ʘ", /* Latin letters Noto may lack: other fonts */
    "Tie\xcc\x82\xcc\x81ng a \xcc\x81", /* NFD */
    "x",
    NULL,
  };

  for (int f = 0; faces[f] != NULL; f++)
    {
      for (guint i = 0; i < paras->len; i++)
        compare_items (cache, g_ptr_array_index (paras, i), faces[f]);
      for (int i = 0; cases[i] != NULL; i++)
        compare_items (cache, cases[i], faces[f]);
    }
  /* A face with the ASCII letters but no Vietnamese ones: Pango takes
   * another font for "ọ", so there are several items. */
  for (int i = 0; cases[i] != NULL; i++)
    compare_items (cache, cases[i], "Noto Sans Math 10");
  compare_items (cache, "Toán học x + y = 2 và Bắc", "Noto Sans Math 10");
}

/* Without a cache the call is Pango's own, whatever the text. */
static void
test_null_cache (void)
{
  compare_paragraph (NULL, "Công an quận Bắc Từ Liêm", "Noto Serif 11");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  root = g_getenv ("TYPESET_DATA_DIR");
  if (root == NULL)
    root = ".";
  fonts = ts_fonts_new (root, &error);
  g_assert_no_error (error);
  g_test_add_func ("/shapecache/samples-match-pango", test_samples_match_pango);
  g_test_add_func ("/shapecache/edges-match-pango", test_edges_match_pango);
  g_test_add_func ("/shapecache/null-cache", test_null_cache);
  g_test_add_func ("/shapecache/log-attrs-match-pango", test_log_attrs_match_pango);
  g_test_add_func ("/shapecache/metrics-match-pango", test_metrics_match_pango);
  g_test_add_func ("/shapecache/itemize-matches-pango", test_itemize_matches_pango);
  status = g_test_run ();
  ts_fonts_free (fonts);
  return status;
}
