/* test-pdfout.c — the native PDF writer's parts: number and string syntax
 * (pdfwriter.h), compressed streams read back by zlib, the TrueType
 * subset (ttfsubset.h) read back by FreeType,
 * and the font matrix the writer and Cairo take from a font
 * (ts_fonts_get_matrix).  Whole PDFs are checked by the end-to-end tests
 * with poppler, qpdf and mutool.
 *
 * Expected values come from the PDF specification (number and string
 * syntax, the TrueType checksum rule) and from the original font as
 * FreeType reads it, never from what this code printed.
 */
#include <glib.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fonts.h"
#include "pdfwriter.h"
#include "ttfsubset.h"

#define NOTO_SERIF "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"

static const char *root;

static char *
number (double value)
{
  GString *out = g_string_new (NULL);
  ts_pdf_append_number (out, value);
  return g_string_free (out, FALSE);
}

/* PDF 1.7 §7.3.3: no exponent; a thousandth of a point is the precision
 * chosen (pdfwriter.h), rounded half away from zero, trailing zeros gone. */
static void
test_numbers (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0, "0" },          { 1.5, "1.5" },        { -0.25, "-0.25" },     { 595.2756, "595.276" },
    { 12.3, "12.3" },    { 2.0005, "2.001" },   { -2.0005, "-2.001" },  { 0.0004, "0" },
    { -0.0004, "0" },    { 841.89, "841.89" },  { 100, "100" },         { -1e13, "0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = number (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    GString *out = g_string_new (NULL);
    ts_pdf_append_int (out, G_MININT64);
    g_assert_cmpstr (out->str, ==, "-9223372036854775808");
    g_string_free (out, TRUE);
  }
}

/* §7.9.2.2: ASCII as a literal string with ( ) \ escaped; anything else as
 * UTF-16BE with a byte-order mark, a character beyond the BMP as a
 * surrogate pair. */
static void
test_strings (void)
{
  const struct { const char *utf8, *pdf; } cases[] = {
    /* Ả is U+1EA2 */
    { "BẢN TIN", "<FEFF00421EA2004E002000540049004E>" },
    { "Bìa", "<FEFF004200EC0061>" },
    { "a(b)\\c", "(a\\(b\\)\\\\c)" },
    { "😀", "<FEFFD83DDE00>" },
    { "", "()" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GString *out = g_string_new (NULL);
      ts_pdf_append_text_string (out, cases[i].utf8);
      g_assert_cmpstr (out->str, ==, cases[i].pdf);
      g_string_free (out, TRUE);
    }
}

/* The glyphs HarfBuzz picks for @text in @face. */
static void
mark_text (hb_face_t *face, const char *text, guint8 *used)
{
  hb_font_t *font = hb_font_create (face);
  hb_buffer_t *buffer = hb_buffer_create ();
  unsigned n;
  hb_glyph_info_t *info;

  hb_buffer_add_utf8 (buffer, text, -1, 0, -1);
  hb_buffer_guess_segment_properties (buffer);
  hb_shape (font, buffer, NULL, 0);
  info = hb_buffer_get_glyph_infos (buffer, &n);
  for (unsigned i = 0; i < n; i++)
    used[info[i].codepoint] = 1;
  hb_buffer_destroy (buffer);
  hb_font_destroy (font);
}

static guint32
font_checksum (const guint8 *data, gsize length)
{
  guint32 sum = 0;
  for (gsize i = 0; i + 4 <= length; i += 4)
    sum += (guint32) data[i] << 24 | (guint32) data[i + 1] << 16 | (guint32) data[i + 2] << 8
           | data[i + 3];
  return sum;
}

static int
points (FT_Face face, unsigned glyph)
{
  g_assert_cmpint (FT_Load_Glyph (face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING), ==, 0);
  return face->glyph->outline.n_points;
}

/* Every used glyph keeps its outline under its new id (a composite's
 * parts come along renumbered, or FreeType would give fewer points), the
 * new ids follow the old order from 0 (.notdef), the subset holds the
 * used glyphs and their parts only, advances stay, and the file's
 * checksum is the one TrueType requires of head's checkSumAdjustment. */
/* Streams: each one's /Length is the number of bytes between "stream\n"
 * and "\nendstream", and zlib (not the compressor that wrote them) inflates
 * the compressed ones back to the bytes given: empty, one byte, text, and
 * random bytes that do not compress (the output must still fit). */
static void
test_streams (void)
{
  enum { N = 5 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gsize sizes[N] = { 0, 1, 200000, 70000, 300 };
  gboolean compress[N] = { TRUE, TRUE, TRUE, TRUE, FALSE };
  guint8 *data[N];
  TsPdfWriter *writer = ts_pdf_writer_new ();
  int ids[N];
  g_autoptr (GBytes) file = NULL;
  const char *bytes;
  gsize length;

  for (int i = 0; i < N; i++)
    {
      data[i] = g_malloc (sizes[i] + 1);
      for (gsize j = 0; j < sizes[i]; j++)
        data[i][j] = i == 3 ? (guint8) g_rand_int (rand)
                            : (guint8) "Bắc Từ Liêm 0123 Tj\n"[j % 22];
      ids[i] = ts_pdf_writer_reserve (writer);
    }
  for (int i = 0; i < N; i++)
    ts_pdf_writer_stream (writer, ids[i], "/Test true", data[i], sizes[i], compress[i]);
  file = ts_pdf_writer_finish (writer, ids[0], 0);
  bytes = g_bytes_get_data (file, &length);

  for (int i = 0; i < N; i++)
    {
      g_autofree char *head = g_strdup_printf ("\n%d 0 obj\n<< /Test true", ids[i]);
      const char *obj = memmem (bytes, length, head, strlen (head));
      const char *start, *len;
      g_autofree char *dict = NULL;
      unsigned long declared, got;
      g_autofree guint8 *back = g_malloc (sizes[i] + 16);

      g_assert_nonnull (obj);
      start = memmem (obj, length - (gsize) (obj - bytes), ">>\nstream\n", 10);
      g_assert_nonnull (start);
      dict = g_strndup (obj, (gsize) (start - obj));
      start += 10;
      g_assert_true ((strstr (dict, "/Filter /FlateDecode") != NULL) == compress[i]);
      len = strstr (dict, "/Length ");
      g_assert_nonnull (len);
      declared = strtoul (len + 8, NULL, 10);
      g_assert_true ((gsize) (start - bytes) + declared + 10 <= length);
      g_assert_cmpmem (start + declared, 10, "\nendstream", 10);
      if (!compress[i])
        {
          g_assert_cmpmem (start, declared, data[i], sizes[i]);
          continue;
        }
      got = sizes[i] + 16;
      g_assert_cmpint (uncompress (back, &got, (const Bytef *) start, declared), ==, Z_OK);
      g_assert_cmpmem (back, got, data[i], sizes[i]);
      if (i == 2)
        g_assert_cmpuint (declared, <, sizes[i] / 10); /* text compresses */
    }
  for (int i = 0; i < N; i++)
    g_free (data[i]);
}

static void
test_subset (void)
{
  hb_blob_t *blob = hb_blob_create_from_file (NOTO_SERIF);
  hb_face_t *face = hb_face_create (blob, 0);
  unsigned n_glyphs = hb_face_get_glyph_count (face);
  g_autofree guint8 *used = g_new0 (guint8, MAX (n_glyphs, 1));
  g_autofree guint16 *ids = g_new0 (guint16, MAX (n_glyphs, 1));
  g_autoptr (GBytes) subset = NULL;
  FT_Library library;
  FT_Face original, cut;
  const guint8 *data;
  gsize length;
  unsigned kept = 0, n_used = 0, previous = 0;

  if (hb_blob_get_length (blob) == 0)
    {
      g_test_skip ("fonts-noto-core is not installed");
      hb_face_destroy (face);
      hb_blob_destroy (blob);
      return;
    }
  mark_text (face, "Việt Nam ệ ặ ỗ Ữ, “Đảng” – 2021", used);
  subset = ts_truetype_subset (face, used, n_glyphs, ids);
  g_assert_nonnull (subset);
  data = g_bytes_get_data (subset, &length);
  g_assert_cmpuint (length % 4, ==, 0);
  g_assert_cmphex (font_checksum (data, length), ==, 0xB1B0AFBA);

  g_assert_cmpint (FT_Init_FreeType (&library), ==, 0);
  g_assert_cmpint (FT_New_Face (library, NOTO_SERIF, 0, &original), ==, 0);
  g_assert_cmpint (FT_New_Memory_Face (library, data, (FT_Long) length, 0, &cut), ==, 0);
  g_assert_cmpuint (ids[0], ==, 0);
  for (unsigned g = 1; g < n_glyphs; g++)
    {
      n_used += used[g] != 0;
      if (ids[g] == 0)
        continue;
      /* Renumbered in the old order. */
      g_assert_cmpuint (ids[g], ==, previous + 1);
      previous = ids[g];
      kept++;
      g_assert_cmpint (points (cut, ids[g]), ==, points (original, g));
      FT_Load_Glyph (original, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING);
      {
        FT_Pos advance = original->glyph->advance.x;
        FT_Load_Glyph (cut, ids[g], FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING);
        g_assert_cmpint (cut->glyph->advance.x, ==, advance);
      }
    }
  for (unsigned g = 1; g < n_glyphs; g++)
    if (used[g])
      g_assert_cmpuint (ids[g], >, 0);
  g_assert_cmpint (points (cut, 0), ==, points (original, 0));
  /* The used glyphs, their parts, .notdef: nothing else. */
  g_assert_cmpint (cut->num_glyphs, ==, (FT_Long) kept + 1);
  g_assert_cmpuint (kept, >=, n_used);
  g_assert_cmpuint (n_used, >, 20);
  g_assert_cmpint (cut->num_glyphs, <, original->num_glyphs / 10);
  FT_Done_Face (cut);
  FT_Done_Face (original);
  FT_Done_FreeType (library);
  hb_face_destroy (face);
  hb_blob_destroy (blob);
}

/* Damaged input is refused, never read past: a face without 'glyf'. */
static void
test_subset_refuses (void)
{
  hb_face_t *empty = hb_face_create (hb_blob_get_empty (), 0);
  guint8 used[4] = { 1, 1, 1, 1 };
  guint16 ids[4];

  g_assert_null (ts_truetype_subset (empty, used, 4, ids));
  hb_face_destroy (empty);
}

/* The matrix is the font's size in points on the diagonal for a plain
 * face (Pango at 72 dpi), whatever the style's faces are. */
static void
test_font_matrix (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsFonts) fonts = ts_fonts_new (root, &error);
  const char *descriptions[] = { "Noto Serif 11", "Noto Serif Italic 9.5", "Noto Sans Bold 30",
                                 "Noto Sans 8.5" };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (descriptions[i]);
      g_autoptr (PangoFont) font = pango_context_load_font (fonts->context, desc);
      double m[4], size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

      g_assert_nonnull (font);
      ts_fonts_get_matrix (font, m);
      g_assert_cmpfloat_with_epsilon (m[0], size, 1e-9);
      g_assert_cmpfloat_with_epsilon (m[3], size, 1e-9);
      g_assert_cmpfloat_with_epsilon (m[1], 0, 1e-12);
      g_assert_cmpfloat_with_epsilon (m[2], 0, 1e-12);
    }
}

int
main (int argc, char **argv)
{
  root = g_getenv ("TYPESET_DATA_DIR");
  if (root == NULL)
    root = ".";
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdfout/numbers", test_numbers);
  g_test_add_func ("/pdfout/strings", test_strings);
  g_test_add_func ("/pdfout/streams", test_streams);
  g_test_add_func ("/pdfout/subset", test_subset);
  g_test_add_func ("/pdfout/subset-refuses", test_subset_refuses);
  g_test_add_func ("/pdfout/font-matrix", test_font_matrix);
  return g_test_run ();
}
