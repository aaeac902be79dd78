/* test-style.c — style sheets: lengths, the shipped styles, --set, em,
 * inheritance, every error message, and the documentation.
 *
 * Expected numbers are worked out by hand, not printed by the code under
 * test: a length of N mm is N / 25.4 × 72 pt, times 1024 Pango units per
 * point, rounded to the nearest unit.  The source root (for styles/) comes
 * from TYPESET_DATA_DIR, which meson sets; otherwise the current directory.
 */
#include "error.h"
#include "style.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

/* Worked out by hand (mm / 25.4 × 72 × 1024). */
#define PT(n) ((int)((n)*1024))
#define MM_6 17416    /* 17416.06 */
#define MM_8 23221    /* 23221.42 */
#define MM_10 29027   /* 29026.77 */
#define MM_15 43540   /* 43540.16 */
#define MM_16 46443   /* 46442.83 */
#define MM_18 52248   /* 52248.19 */
#define MM_20 58054   /* 58053.54 */
#define MM_22 63859   /* 63858.90 */
#define MM_100 290268 /* 290267.72 */
#define MM_148 429596 /* 429596.22 */
#define MM_210 609562 /* 609562.20: A4 width, 595.276pt */
#define MM_297 862095 /* 862095.12: A4 height, 841.890pt */

#define ALL_GROUPS                                                                                 \
  "style, page, body, caption, title, heading, quote, byline, masthead, header, footer, breaking, " \
  "text, figure, cover, contents, document"
#define ROLE_KEYS "font, leading, space-before, space-after, indent, align, color"

static char *
source_path (const char *first, ...)
{
  const char *root = g_getenv ("TYPESET_DATA_DIR");
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (char *)(root != NULL && root[0] != '\0' ? root : "."));
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **)parts->pdata);
}

static char *
styles_dir (void)
{
  return source_path ("styles", NULL);
}

/* ---- a scratch folder of style files ----------------------------------- */

static char *
scratch_new (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-style-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
scratch_write (const char *dir, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* scratch_write () for a file whose path the test does not need. */
static void
scratch_put (const char *dir, const char *name, const char *contents)
{
  g_free (scratch_write (dir, name, contents));
}

static void
scratch_remove (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        scratch_remove (path);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static TsStyle *
load_ok (const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  TsStyle *style = ts_style_load (dir, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (style);
  return style;
}

static void
assert_load_fails (const char *dir, const char *name, int code, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsStyle) style = ts_style_load (dir, name, &error);

  g_assert_null (style);
  g_assert_error (error, TS_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Writes @contents to a scratch file and checks that loading it fails with
 * "PATH:@expected" (@expected starts after the path). */
static void
assert_file_fails (const char *contents, const char *expected)
{
  g_autofree char *dir = scratch_new ();
  g_autofree char *path = scratch_write (dir, "x.style", contents);
  g_autofree char *message = g_strconcat (path, expected, NULL);

  assert_load_fails (dir, path, TS_ERROR_STYLE, message);
  scratch_remove (dir);
}

static void
set_ok (TsStyle *style, const char *assignment)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ts_style_set_assignment (style, assignment, &error));
  g_assert_no_error (error);
}

static void
assert_set_fails (const char *assignment, const char *expected)
{
  g_autoptr (TsStyle) style = ts_style_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_false (ts_style_set_assignment (style, assignment, &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_STYLE);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_font (const PangoFontDescription *font, const char *family, int size)
{
  g_assert_nonnull (font);
  g_assert_cmpstr (pango_font_description_get_family (font), ==, family);
  g_assert_cmpint (pango_font_description_get_size (font), ==, size);
}

/* ---- lengths ---------------------------------------------------------- */

static int
length (const char *text, int em)
{
  int out = G_MININT;

  if (!ts_length_parse (text, em, &out))
    g_error ("'%s' did not parse", text);
  return out;
}

static void
test_length_units (void)
{
  g_assert_cmpint (length ("12pt", 0), ==, 12288);
  g_assert_cmpint (length ("15mm", 0), ==, MM_15);
  g_assert_cmpint (length ("1.5cm", 0), ==, MM_15);
  g_assert_cmpint (length ("1in", 0), ==, 73728);
  g_assert_cmpint (length ("72pt", 0), ==, 73728);
  g_assert_cmpint (length ("0", 0), ==, 0);
  g_assert_cmpint (length ("0mm", 0), ==, 0);
  g_assert_cmpint (length (".5pt", 0), ==, 512);
  g_assert_cmpint (length ("0.4pt", 0), ==, 410);  /* 409.6 */
  g_assert_cmpint (length ("2.5mm", 0), ==, 7257); /* 7256.69 */
  g_assert_cmpint (length ("12PT", 0), ==, 12288); /* units as in CSS: any case */
  g_assert_cmpint (length ("+3pt", 0), ==, 3072);
  /* The parser takes a sign; keys refuse negatives (test_error_ranges). */
  g_assert_cmpint (length ("-3mm", 0), ==, -8708);  /* -8708.03 */
  g_assert_cmpint (length ("-0.4pt", 0), ==, -410); /* rounds away from 0 like +0.4pt */
}

static void
test_length_em (void)
{
  g_assert_cmpint (length ("1.2em", PT (11)), ==, 13517); /* 13516.8 */
  g_assert_cmpint (length ("1em", PT (9.5)), ==, 9728);
  g_assert_cmpint (length ("2em", PT (10)), ==, 20480);
  /* em == 0: em is not allowed. */
  g_assert_false (ts_length_parse ("1.2em", 0, NULL));
}

static void
test_length_bad (void)
{
  const char *bad[] = {
    "12",    "pt",     "12 pt", " 12pt", "12pt ",   "",      "abc",     "12px",
    "12pc",  "1e9pt",  "1E2mm", "1,5mm", "12..5pt", "--3mm", "+-3mm",   "nanpt",
    "infpt", "0x10pt", "12ptx", "mm12",  ".",       ".pt",   "1.2.3mm",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int out = 12345;
      if (ts_length_parse (bad[i], PT (11), &out))
        g_error ("'%s' parsed as %d", bad[i], out);
      g_assert_cmpint (out, ==, 12345);
    }
}

static void
test_length_limits (void)
{
  /* 14400pt (200in) is the PDF page limit and the largest length. */
  g_assert_cmpint (length ("14400pt", 0), ==, 14400 * 1024);
  g_assert_cmpint (length ("200in", 0), ==, 14400 * 1024);
  g_assert_false (ts_length_parse ("14401pt", 0, NULL));
  g_assert_false (ts_length_parse ("-14401pt", 0, NULL));
  g_assert_false (ts_length_parse ("1000000000pt", 0, NULL));
  g_assert_false (ts_length_parse ("99999999999999999999999999mm", 0, NULL));
  g_assert_false (ts_length_parse ("2000em", PT (11), NULL)); /* 22000pt */
}

/* ---- built-in defaults and shipped styles ------------------------------- */

static void
test_defaults (void)
{
  g_autoptr (TsStyle) s = ts_style_new_default ();

  g_assert_cmpint (s->page_width, ==, MM_210);
  g_assert_cmpint (s->page_height, ==, MM_297);
  g_assert_cmpint (s->margin_top, ==, MM_20);
  g_assert_cmpint (s->margin_bottom, ==, MM_22);
  g_assert_cmpint (s->margin_left, ==, MM_22);
  g_assert_cmpint (s->margin_right, ==, MM_22);
  g_assert_cmpint (s->columns, ==, 1);
  g_assert_cmpint (s->column_gap, ==, MM_6);

  assert_font (s->body.font, "Noto Serif", PT (11));
  g_assert_cmpint (pango_font_description_get_style (s->body.font), ==, PANGO_STYLE_NORMAL);
  g_assert_cmpint (s->body.leading, ==, PT (15));
  g_assert_cmpint (s->body.indent, ==, 13517); /* 1.2em of 11pt = 13516.8 */
  g_assert_cmpint (s->body.space_before, ==, 0);
  g_assert_cmpint (s->body.space_after, ==, 0);
  g_assert_cmpint (s->body.align, ==, TS_ALIGN_JUSTIFY);
  g_assert_cmpuint (s->body.color, ==, 0x000000);

  assert_font (s->caption.font, "Noto Serif", PT (9.5));
  g_assert_cmpint (pango_font_description_get_style (s->caption.font), ==, PANGO_STYLE_ITALIC);
  g_assert_cmpint (s->caption.leading, ==, PT (12.5));
  g_assert_cmpint (s->caption.space_before, ==, PT (6));
  g_assert_cmpint (s->caption.space_after, ==, PT (10));
  g_assert_cmpint (s->caption.align, ==, TS_ALIGN_CENTER);
  g_assert_cmpuint (s->caption.color, ==, 0x333333);
  g_assert_cmpint (s->caption_rule, ==, 0);

  assert_font (s->title.font, "Noto Sans", PT (21));
  g_assert_cmpint (pango_font_description_get_weight (s->title.font), ==, PANGO_WEIGHT_BOLD);
  g_assert_cmpint (s->title.leading, ==, PT (28));
  g_assert_cmpint (s->title.space_after, ==, PT (10));
  g_assert_cmpint (s->title.align, ==, TS_ALIGN_LEFT);

  assert_font (s->heading.font, "Noto Sans", PT (12.5));
  g_assert_cmpint (s->heading.leading, ==, PT (17));
  g_assert_cmpint (s->heading.space_before, ==, PT (12));
  g_assert_cmpint (s->heading.space_after, ==, PT (4));
  g_assert_cmpint (s->heading.indent, ==, 0);
  g_assert_cmpint (s->heading.align, ==, TS_ALIGN_LEFT);

  assert_font (s->quote.font, "Noto Serif", PT (11));
  g_assert_cmpint (pango_font_description_get_style (s->quote.font), ==, PANGO_STYLE_ITALIC);
  g_assert_cmpint (s->quote.leading, ==, PT (15));
  g_assert_cmpint (s->quote.indent, ==, 0);

  assert_font (s->byline.font, "Noto Sans", PT (9));
  g_assert_cmpint (s->byline.leading, ==, PT (12));
  g_assert_cmpint (s->byline.space_after, ==, PT (12));

  g_assert_false (s->masthead);
  g_assert_cmpstr (s->masthead_name, ==, "BẢN TIN");
  g_assert_cmpstr (s->masthead_subtitle, ==, "");
  assert_font (s->masthead_style.font, "Noto Sans", PT (30));
  assert_font (s->masthead_date_style.font, "Noto Sans", PT (10.5));
  g_assert_cmpint (s->masthead_style.leading, ==, PT (40));
  g_assert_cmpint (s->masthead_style.space_after, ==, PT (14));
  g_assert_cmpint (s->masthead_style.align, ==, TS_ALIGN_LEFT);
  g_assert_cmpint (s->masthead_rule, ==, PT (1.5));

  g_assert_true (s->header);
  g_assert_cmpstr (s->header_left, ==, "{name}");
  g_assert_cmpstr (s->header_right, ==, "{date}");
  assert_font (s->header_style.font, "Noto Sans", PT (8.5));
  g_assert_cmpint (s->header_rule, ==, 410); /* 0.4pt = 409.6 */
  g_assert_true (s->footer);
  g_assert_cmpstr (s->footer_center, ==, "{page}");
  assert_font (s->footer_style.font, "Noto Sans", PT (8.5));

  /* Derived, no key: 1.4 × size; 8.5 × 1.4 = 11.9pt = 12185.6, 10.5 × 1.4
   * = 14.7pt = 15052.8. */
  g_assert_cmpint (s->header_style.leading, ==, 12186);
  g_assert_cmpint (s->footer_style.leading, ==, 12186);
  g_assert_cmpint (s->masthead_date_style.leading, ==, 15053);
  g_assert_cmpint (s->footer_style.align, ==, TS_ALIGN_CENTER);

  g_assert_cmpstr (s->break_algorithm, ==, "total-fit");
  g_assert_cmpint (s->tolerance, ==, 3000);
  g_assert_cmpint (s->space_stretch_pct, ==, 50);
  g_assert_cmpint (s->space_shrink_pct, ==, 33);
  g_assert_nonnull (s->name);
}

static void
test_shipped_all_load (void)
{
  g_autofree char *dir = styles_dir ();
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  int n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".style"))
      {
        g_autofree char *bare = g_strndup (name, strlen (name) - strlen (".style"));
        g_autoptr (TsStyle) style = load_ok (dir, bare);
        g_assert_cmpstr (style->name, ==, bare);
        n++;
      }
  g_assert_cmpint (n, >=, 3);
}

static void
assert_text_styles_equal (const TsTextStyle *a, const TsTextStyle *b)
{
  g_assert_true (pango_font_description_equal (a->font, b->font));
  g_assert_cmpint (a->leading, ==, b->leading);
  g_assert_cmpint (a->space_before, ==, b->space_before);
  g_assert_cmpint (a->space_after, ==, b->space_after);
  g_assert_cmpint (a->indent, ==, b->indent);
  g_assert_cmpint (a->align, ==, b->align);
  g_assert_cmpuint (a->color, ==, b->color);
}

/* style.h promises that the built-in defaults are what plain gives. */
static void
test_shipped_plain_is_default (void)
{
  g_autofree char *dir = styles_dir ();
  g_autoptr (TsStyle) a = load_ok (dir, "plain");
  g_autoptr (TsStyle) b = ts_style_new_default ();

  g_assert_cmpint (a->page_width, ==, b->page_width);
  g_assert_cmpint (a->page_height, ==, b->page_height);
  g_assert_cmpint (a->margin_top, ==, b->margin_top);
  g_assert_cmpint (a->margin_bottom, ==, b->margin_bottom);
  g_assert_cmpint (a->margin_left, ==, b->margin_left);
  g_assert_cmpint (a->margin_right, ==, b->margin_right);
  g_assert_cmpint (a->columns, ==, b->columns);
  g_assert_cmpint (a->column_gap, ==, b->column_gap);
  assert_text_styles_equal (&a->body, &b->body);
  assert_text_styles_equal (&a->caption, &b->caption);
  assert_text_styles_equal (&a->title, &b->title);
  assert_text_styles_equal (&a->heading, &b->heading);
  assert_text_styles_equal (&a->quote, &b->quote);
  assert_text_styles_equal (&a->byline, &b->byline);
  g_assert_cmpint (a->masthead, ==, b->masthead);
  g_assert_cmpstr (a->masthead_name, ==, b->masthead_name);
  g_assert_cmpstr (a->masthead_subtitle, ==, b->masthead_subtitle);
  assert_text_styles_equal (&a->masthead_style, &b->masthead_style);
  assert_text_styles_equal (&a->masthead_date_style, &b->masthead_date_style);
  g_assert_cmpint (a->masthead_rule, ==, b->masthead_rule);
  g_assert_cmpint (a->header, ==, b->header);
  g_assert_cmpstr (a->header_left, ==, b->header_left);
  g_assert_cmpstr (a->header_right, ==, b->header_right);
  assert_text_styles_equal (&a->header_style, &b->header_style);
  g_assert_cmpint (a->header_rule, ==, b->header_rule);
  g_assert_cmpint (a->footer, ==, b->footer);
  g_assert_cmpstr (a->footer_center, ==, b->footer_center);
  assert_text_styles_equal (&a->footer_style, &b->footer_style);
  g_assert_cmpint (a->caption_rule, ==, b->caption_rule);
  g_assert_cmpstr (a->break_algorithm, ==, b->break_algorithm);
  g_assert_cmpint (a->tolerance, ==, b->tolerance);
  g_assert_cmpint (a->space_stretch_pct, ==, b->space_stretch_pct);
  g_assert_cmpint (a->space_shrink_pct, ==, b->space_shrink_pct);

  g_assert_false (a->masthead);
  g_assert_cmpstr (a->footer_center, ==, "{page}");
  g_assert_cmpstr (a->name, ==, "plain");
}

static void
test_shipped_bulletin (void)
{
  g_autofree char *dir = styles_dir ();
  g_autoptr (TsStyle) s = load_ok (dir, "bulletin");

  /* A4 is 595.276pt × 841.890pt. */
  g_assert_cmpint (abs (s->page_width - (int)(595.276 * 1024)), <=, 1);
  g_assert_cmpint (abs (s->page_height - (int)(841.89 * 1024)), <=, 1);
  g_assert_cmpint (s->margin_top, ==, MM_20);
  g_assert_cmpint (s->margin_left, ==, MM_22);
  g_assert_cmpint (s->columns, ==, 2);
  g_assert_cmpint (s->column_gap, ==, MM_8);
  g_assert_cmpint (s->column_rule, ==, 410); /* 0.4pt = 409.6 Pango units, rounded */
  g_assert_true (s->balance);
  g_assert_true (s->masthead);
  g_assert_cmpstr (s->masthead_name, ==, "BẢN TIN");
  g_assert_true (s->header);
  g_assert_cmpstr (s->header_left, ==, "{name} — {date}");
  g_assert_cmpstr (s->header_right, ==, "");
  g_assert_true (s->footer);
  g_assert_cmpstr (s->footer_center, ==, "");
  g_assert_cmpstr (s->footer_right, ==, "Trang {page}/{pages}");
  assert_font (s->body.font, "Noto Serif", PT (11));
  g_assert_cmpint (s->body.leading, ==, PT (15));
  g_assert_cmpint (s->body.align, ==, TS_ALIGN_JUSTIFY);
  g_assert_cmpstr (s->name, ==, "bulletin");
}

static void
test_shipped_booklet (void)
{
  g_autofree char *dir = styles_dir ();
  g_autoptr (TsStyle) s = load_ok (dir, "booklet");

  g_assert_cmpint (s->page_width, ==, MM_148); /* A5 */
  g_assert_cmpint (s->page_height, ==, MM_210);
  g_assert_cmpint (s->margin_top, ==, MM_15);
  g_assert_cmpint (s->margin_bottom, ==, MM_18);
  g_assert_cmpint (s->margin_left, ==, MM_16);
  g_assert_cmpint (s->margin_right, ==, MM_16);
  g_assert_cmpint (s->columns, ==, 1);
  assert_font (s->body.font, "Noto Serif", PT (10));
  g_assert_cmpint (s->body.leading, ==, PT (14));
  g_assert_cmpint (s->body.indent, ==, 12288); /* 1.2em of 10pt, from plain */
  g_assert_false (s->masthead);
  g_assert_cmpstr (s->footer_center, ==, "{page}");
  g_assert_cmpstr (s->header_left, ==, "{title}");
}

/* ---- --set ------------------------------------------------------------ */

static void
test_set_each_type (void)
{
  g_autoptr (TsStyle) s = ts_style_new_default ();

  set_ok (s, "body.leading=18pt"); /* LENGTH */
  g_assert_cmpint (s->body.leading, ==, PT (18));

  set_ok (s, "  body.font = \"Noto Serif Bold 12\"  "); /* FONT; spaces and quotes go */
  assert_font (s->body.font, "Noto Serif", PT (12));
  g_assert_cmpint (pango_font_description_get_weight (s->body.font), ==, PANGO_WEIGHT_BOLD);

  /* STRING, given decomposed (NFD), stored NFC as the text is. */
  set_ok (s, "masthead.name=Tin No\u0323\u0302i Bo\u0323\u0302");
  g_assert_cmpstr (s->masthead_name, ==, "Tin Nội Bộ");
  set_ok (s, "masthead.subtitle=Công an quận Bắc Từ Liêm");
  g_assert_cmpstr (s->masthead_subtitle, ==, "Công an quận Bắc Từ Liêm");

  set_ok (s, "footer.center=Trang {page}/{pages}"); /* TEMPLATE */
  g_assert_cmpstr (s->footer_center, ==, "Trang {page}/{pages}");
  set_ok (s, "header.right="); /* empty template: nothing on the right */
  g_assert_cmpstr (s->header_right, ==, "");

  set_ok (s, "page.columns=2"); /* INT */
  g_assert_cmpint (s->columns, ==, 2);
  set_ok (s, "breaking.tolerance=10000");
  g_assert_cmpint (s->tolerance, ==, 10000);

  set_ok (s, "breaking.space-stretch=80%"); /* PERCENT, with or without % */
  g_assert_cmpint (s->space_stretch_pct, ==, 80);
  set_ok (s, "breaking.space-shrink=20");
  g_assert_cmpint (s->space_shrink_pct, ==, 20);

  set_ok (s, "masthead.show=yes"); /* BOOL */
  g_assert_true (s->masthead);
  set_ok (s, "masthead.show=false");
  g_assert_false (s->masthead);
  set_ok (s, "footer.show=Off");
  g_assert_false (s->footer);

  set_ok (s, "body.align=Center"); /* ENUM, any case */
  g_assert_cmpint (s->body.align, ==, TS_ALIGN_CENTER);
  set_ok (s, "masthead.align=right");
  g_assert_cmpint (s->masthead_style.align, ==, TS_ALIGN_RIGHT);
  g_assert_cmpint (s->masthead_date_style.align, ==, TS_ALIGN_RIGHT); /* derived */
  set_ok (s, "breaking.algorithm=FIRST-FIT");
  g_assert_cmpstr (s->break_algorithm, ==, "first-fit");

  set_ok (s, "body.color=#1A2b3c"); /* COLOR */
  g_assert_cmpuint (s->body.color, ==, 0x1a2b3c);
  g_assert_cmpuint (s->footer_style.color, ==, 0x1a2b3c); /* derived */

  set_ok (s, "page.size=A5"); /* PAGE-SIZE */
  g_assert_cmpint (s->page_width, ==, MM_148);
  g_assert_cmpint (s->page_height, ==, MM_210);
  set_ok (s, "page.size=A4 landscape");
  g_assert_cmpint (s->page_width, ==, MM_297);
  g_assert_cmpint (s->page_height, ==, MM_210);
  set_ok (s, "page.size=148mm 210mm");
  g_assert_cmpint (s->page_width, ==, MM_148);
  g_assert_cmpint (s->page_height, ==, MM_210);
  set_ok (s, "page.size=letter");
  g_assert_cmpint (s->page_width, ==, 626688);  /* 8.5in = 612pt */
  g_assert_cmpint (s->page_height, ==, 811008); /* 11in = 792pt */
  set_ok (s, "page.width=100mm");
  g_assert_cmpint (s->page_width, ==, MM_100);

  set_ok (s, "page.margin=10mm"); /* one key, four fields */
  g_assert_cmpint (s->margin_top, ==, MM_10);
  g_assert_cmpint (s->margin_bottom, ==, MM_10);
  g_assert_cmpint (s->margin_left, ==, MM_10);
  g_assert_cmpint (s->margin_right, ==, MM_10);
  set_ok (s, "page.margin-left=15mm");
  g_assert_cmpint (s->margin_left, ==, MM_15);
  g_assert_cmpint (s->margin_right, ==, MM_10);

  set_ok (s, "masthead.date-font=Noto Sans 10");
  assert_font (s->masthead_date_style.font, "Noto Sans", PT (10));
  g_assert_cmpint (s->masthead_date_style.leading, ==, PT (14)); /* derived 1.4 × 10 */
}

static void
test_set_two_argument_form (void)
{
  g_autoptr (TsStyle) s = ts_style_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ts_style_set (s, "heading.space-before", "1cm", &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->heading.space_before, ==, 29027); /* 10mm */
  /* A value may contain '=' in the assignment form: only the first splits. */
  set_ok (s, "masthead.subtitle=a=b");
  g_assert_cmpstr (s->masthead_subtitle, ==, "a=b");
}

/* A failed set names the place and leaves the style as it was. */
static void
test_set_failure_changes_nothing (void)
{
  g_autoptr (TsStyle) s = ts_style_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_false (ts_style_set_assignment (s, "body.leading=12 pt", &error));
  g_assert_cmpint (s->body.leading, ==, PT (15));
  g_clear_error (&error);
  g_assert_false (ts_style_set_assignment (s, "body.font=Noto Serif", &error));
  assert_font (s->body.font, "Noto Serif", PT (11));
  g_clear_error (&error);
  g_assert_false (ts_style_set_assignment (s, "page.size=A6", &error));
  g_assert_cmpint (s->page_width, ==, MM_210);
}

/* ---- em ---------------------------------------------------------------- */

static void
test_em_follows_font (void)
{
  g_autoptr (TsStyle) s = ts_style_new_default ();

  g_assert_cmpint (s->body.indent, ==, 13517); /* 1.2 × 11pt */
  set_ok (s, "body.font=Noto Serif 20");
  g_assert_cmpint (s->body.indent, ==, 24576); /* 1.2 × 20pt */

  /* An absolute length stays put when the font changes afterwards. */
  set_ok (s, "body.indent=5pt");
  set_ok (s, "body.font=Noto Serif 12");
  g_assert_cmpint (s->body.indent, ==, PT (5));

  /* [page] lengths measure em in the body font. */
  set_ok (s, "page.margin=2em");
  g_assert_cmpint (s->margin_left, ==, PT (24));
  set_ok (s, "body.font=Noto Serif 10");
  g_assert_cmpint (s->margin_left, ==, PT (20));
  g_assert_cmpint (s->margin_top, ==, PT (20));

  /* Each role against its own font. */
  set_ok (s, "heading.space-before=1em");
  g_assert_cmpint (s->heading.space_before, ==, PT (12.5));
  set_ok (s, "header.rule=0.1em"); /* 0.85pt = 870.4 */
  g_assert_cmpint (s->header_rule, ==, 870);
  set_ok (s, "masthead.leading=1.5em");
  g_assert_cmpint (s->masthead_style.leading, ==, PT (45));
  set_ok (s, "caption.rule=0.1em"); /* 0.95pt = 972.8 */
  g_assert_cmpint (s->caption_rule, ==, 973);
}

static void
test_em_file_order (void)
{
  g_autofree char *dir = scratch_new ();
  /* indent comes before the font it is measured in. */
  g_autofree char *path = scratch_write (dir, "x.style",
                                         "[body]\n"
                                         "indent = 2em\n"
                                         "font = Noto Serif 10\n");
  g_autoptr (TsStyle) s = load_ok (dir, path);

  g_assert_cmpint (s->body.indent, ==, PT (20));
  scratch_remove (dir);
}

static void
test_em_inherited (void)
{
  g_autofree char *dir = scratch_new ();
  scratch_put (dir, "base.style", "[body]\nindent = 2em\n");
  scratch_put (dir, "child.style",
               "[style]\n"
               "base = base\n"
               "[body]\n"
               "font = Noto Serif 9\n");
  g_autoptr (TsStyle) s = load_ok (dir, "child");

  /* The base wrote 2em; the child's font decides what that is. */
  g_assert_cmpint (s->body.indent, ==, PT (18));
  set_ok (s, "body.font=Noto Serif 12");
  g_assert_cmpint (s->body.indent, ==, PT (24));
  scratch_remove (dir);
}

static void
test_em_too_large (void)
{
  assert_file_fails ("[body]\nindent = 1000em\nfont = Noto Serif 20\n",
                     ": body.indent: 1000em of a 20pt font is too large; the largest length is "
                     "14400pt (200in)");
}

/* ---- order and inheritance ---------------------------------------------- */

static void
test_order_specific_beats_shorthand (void)
{
  g_autofree char *dir = scratch_new ();
  g_autofree char *path = scratch_write (dir, "x.style",
                                         "[page]\n"
                                         "width = 100mm\n"
                                         "size = A5\n"
                                         "margin-top = 15mm\n"
                                         "margin = 10mm\n");
  g_autoptr (TsStyle) s = load_ok (dir, path);

  g_assert_cmpint (s->page_width, ==, MM_100);
  g_assert_cmpint (s->page_height, ==, MM_210);
  g_assert_cmpint (s->margin_top, ==, MM_15);
  g_assert_cmpint (s->margin_bottom, ==, MM_10);
  g_assert_cmpstr (s->name, ==, path);
  scratch_remove (dir);
}

static void
test_inherit (void)
{
  g_autofree char *dir = scratch_new ();
  scratch_put (dir, "a.style",
               "[style]\n"
               "base = b\n"
               "[body]\n"
               "leading = 18pt\n"
               "[page]\n"
               "size = A5\n");
  scratch_put (dir, "b.style",
               "[body]\n"
               "leading = 20pt\n"
               "space-after = 3pt\n"
               "[page]\n"
               "width = 100mm\n"
               "[masthead]\n"
               "show = true\n");
  g_autoptr (TsStyle) s = load_ok (dir, "a");

  g_assert_cmpint (s->body.leading, ==, PT (18));    /* the child wins */
  g_assert_cmpint (s->body.space_after, ==, PT (3)); /* the base fills in */
  g_assert_true (s->masthead);
  g_assert_cmpint (s->page_width, ==, MM_148); /* a later layer's size beats the base's width */
  g_assert_cmpstr (s->name, ==, "a");
  scratch_remove (dir);
}

/* The shipped styles inherit too: a house style on top of bulletin. */
static void
test_inherit_shipped (void)
{
  g_autofree char *relative = styles_dir ();
  g_autofree char *shipped = g_canonicalize_filename (relative, NULL);
  g_autofree char *dir = scratch_new ();
  g_autofree char *path = g_strdup_printf ("[style]\n"
                                           "base = %s/bulletin.style\n"
                                           "[masthead]\n"
                                           "name = TIN NỘI BỘ\n",
                                           shipped);
  g_autofree char *house = scratch_write (dir, "house.style", path);
  g_autoptr (TsStyle) s = load_ok (shipped, house);

  g_assert_true (s->masthead);
  g_assert_cmpstr (s->masthead_name, ==, "TIN NỘI BỘ");
  g_assert_cmpstr (s->footer_right, ==, "Trang {page}/{pages}");
  scratch_remove (dir);
}

static void
test_inherit_relative_path (void)
{
  g_autofree char *dir = scratch_new ();
  scratch_put (dir, "parent.style", "[page]\ncolumns = 3\n");
  g_autofree char *child = scratch_write (dir, "sub/child.style",
                                          "[style]\n"
                                          "base = ../parent.style\n");
  g_autoptr (TsStyle) s = load_ok (NULL, child);

  g_assert_cmpint (s->columns, ==, 3);
  scratch_remove (dir);
}

static void
test_inherit_cycle (void)
{
  g_autofree char *dir = scratch_new ();
  scratch_put (dir, "a.style", "[style]\nbase = b\n");
  g_autofree char *b = scratch_write (dir, "b.style", "# b\n[style]\nbase = a\n");
  g_autofree char *c = scratch_write (dir, "c.style", "[style]\nbase = c\n");
  g_autofree char *expected_ab
      = g_strdup_printf ("%s:3: style.base: 'a' makes a cycle: a.style → b.style → a.style", b);
  g_autofree char *expected_c
      = g_strdup_printf ("%s:2: style.base: 'c' makes a cycle: c.style → c.style", c);

  assert_load_fails (dir, "a", TS_ERROR_STYLE, expected_ab);
  assert_load_fails (dir, "c", TS_ERROR_STYLE, expected_c);
  scratch_remove (dir);
}

static void
test_inherit_unknown_base (void)
{
  g_autofree char *dir = scratch_new ();
  g_autofree char *d
      = scratch_write (dir, "d.style", "[page]\ncolumns = 2\n\n[style]\nbase = nope\n");
  g_autofree char *e = scratch_write (dir, "e.style", "[style]\nbase = \"\"\n");
  g_autofree char *expected_d = g_strdup_printf ("%s:5: unknown style 'nope'; available: d, e", d);
  g_autofree char *expected_e
      = g_strdup_printf ("%s:2: style.base: write a style name, e.g. base = bulletin", e);

  assert_load_fails (dir, "d", TS_ERROR_STYLE, expected_d);
  assert_load_fails (dir, "e", TS_ERROR_STYLE, expected_e);
  scratch_remove (dir);
}

/* ---- error messages ----------------------------------------------------- */

static void
test_error_unknown_style (void)
{
  g_autofree char *dir = styles_dir ();
  g_autofree char *empty = scratch_new ();
  g_autofree char *expected_empty = g_strdup_printf ("unknown style 'x'; no styles in '%s'", empty);

  assert_load_fails (dir, "x", TS_ERROR_STYLE,
                     "unknown style 'x'; available: booklet, bulletin, plain");
  assert_load_fails (dir, "", TS_ERROR_STYLE,
                     "unknown style ''; available: booklet, bulletin, plain");
  assert_load_fails (empty, "x", TS_ERROR_STYLE, expected_empty);
  assert_load_fails (NULL, "x", TS_ERROR_STYLE, "unknown style 'x'; no styles folder to look in");
  scratch_remove (empty);
}

static void
test_error_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsStyle) s = ts_style_load (NULL, "/nonexistent/typeset/x.style", &error);

  g_assert_null (s);
  g_assert_error (error, TS_ERROR, TS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/typeset/x.style"));
}

static void
test_error_unknown_key (void)
{
  /* With a suggestion, and the right line (7) after comments and blanks. */
  assert_file_fails ("# a test style\n"
                     "[page]\n"
                     "size = A4\n"
                     "\n"
                     "[body]\n"
                     "font = Noto Serif 11\n"
                     "fnot = Noto Serif 12\n",
                     ":7: unknown key 'fnot' in [body]; did you mean 'font'? (keys: " ROLE_KEYS
                     ")");
  /* Common slips: '_' for '-', a dropped hyphen, British spelling. */
  assert_file_fails (
      "[body]\nspace_after = 3pt\n",
      ":2: unknown key 'space_after' in [body]; did you mean 'space-after'? (keys: " ROLE_KEYS ")");
  assert_file_fails (
      "[caption]\ncolour = #000000\n",
      ":2: unknown key 'colour' in [caption]; did you mean 'color'? (keys: " ROLE_KEYS ", rule)");
  /* Nothing close: no suggestion. */
  assert_file_fails ("[footer]\nshow = true\n\nzzzzzz = 1\n",
                     ":4: unknown key 'zzzzzz' in [footer] (keys: show, center, left, right, font)");
  /* A key of another group is still unknown here. */
  assert_file_fails ("[page]\n  font = Noto Serif 11\n",
                     ":2: unknown key 'font' in [page] (keys: size, width, height, margin, "
                     "margin-top, margin-bottom, margin-left, margin-right, columns, column-gap, column-rule, balance, article-start)");
}

static void
test_error_unknown_group (void)
{
  assert_file_fails ("[bodi]\nfont = Noto Serif 11\n",
                     ":1: unknown group [bodi]; did you mean [body]? (groups: " ALL_GROUPS ")");
  assert_file_fails ("[body]\nleading = 15pt\n[colophon]\nx = 1\n",
                     ":3: unknown group [colophon] (groups: " ALL_GROUPS ")");
}

static void
test_error_bad_value (void)
{
  assert_file_fails ("[body]\n"
                     "font = Noto Serif 11\n"
                     "leading = 12 pt\n",
                     ":3: body.leading: '12 pt' is not a length; write e.g. 12pt, 4.2mm, 1.2em");
  assert_file_fails ("[page]\nmargin-top = 1,5cm\n",
                     ":2: page.margin-top: '1,5cm' is not a length; write e.g. 12pt, 4.2mm, 1.2em "
                     "(with a decimal point, not a comma)");
  assert_file_fails ("[page]\ncolumns = two\n",
                     ":2: page.columns: 'two' is not a whole number; write one from 1 to 6");
  /* GKeyFile keeps the last of two equal keys; so does the line number. */
  assert_file_fails ("[body]\nleading = 15pt\nleading = 15\n",
                     ":3: body.leading: '15' is not a length; write e.g. 12pt, 4.2mm, 1.2em");
  /* A '#' after a value is part of the value. */
  assert_file_fails ("[body]\nleading = 15pt # comfortable\n",
                     ":2: body.leading: '15pt # comfortable' is not a length; write e.g. 12pt, "
                     "4.2mm, 1.2em");
}

static void
test_error_enum (void)
{
  assert_file_fails ("[body]\nalign = centre\n",
                     ":2: body.align: 'centre' is not one of justify, left, center, right; did you "
                     "mean 'center'?");
  assert_file_fails ("[breaking]\nalgorithm = greedy\n",
                     ":2: breaking.algorithm: 'greedy' is not one of total-fit, first-fit");
}

static void
test_error_font (void)
{
  assert_set_fails ("body.font=Noto Serif",
                    "--set body.font: 'Noto Serif' has no size; write the size in points, e.g. "
                    "Noto Serif 11");
  assert_set_fails ("body.font=12",
                    "--set body.font: '12' names no font family; write e.g. Noto Serif 11");
  assert_set_fails ("title.font=Noto Sans Bold 0",
                    "--set title.font: 'Noto Sans Bold 0': the size must be greater than 0");
  assert_set_fails ("body.font=Noto Serif 11,5",
                    "--set body.font: 'Noto Serif 11,5': write the size with a decimal point, "
                    "e.g. 11.5");
  assert_set_fails ("body.font=Noto Serif 14px",
                    "--set body.font: 'Noto Serif 14px' gives the size in pixels; write it in "
                    "points, e.g. Noto Serif 11");
  assert_set_fails ("body.font=Noto Serif 5000",
                    "--set body.font: 'Noto Serif 5000': the size is too large; the largest is "
                    "1000");
}

static void
test_error_ranges (void)
{
  assert_set_fails ("body.leading=-3mm", "--set body.leading: '-3mm' is negative; write 0 or more");
  assert_set_fails ("page.margin-top=-3mm",
                    "--set page.margin-top: '-3mm' is negative; write 0 or more");
  assert_set_fails ("body.indent=-1em", "--set body.indent: '-1em' is negative; write 0 or more");
  assert_set_fails ("body.leading=0", "--set body.leading: '0' must be greater than 0");
  assert_set_fails ("page.width=0mm", "--set page.width: '0mm' must be greater than 0");
  assert_set_fails ("page.margin=1e9pt",
                    "--set page.margin: '1e9pt' is not a length; write e.g. 12pt, 4.2mm, 1.2em");
  assert_set_fails ("page.margin=99999pt",
                    "--set page.margin: '99999pt' is too large; the largest length is 14400pt "
                    "(200in)");
  assert_set_fails ("page.columns=7",
                    "--set page.columns: '7' is out of range; write a whole number from 1 to 6");
  assert_set_fails ("page.columns=0",
                    "--set page.columns: '0' is out of range; write a whole number from 1 to 6");
  assert_set_fails ("breaking.tolerance=-1",
                    "--set breaking.tolerance: '-1' is out of range; write a whole number from 0 "
                    "to 10000");
  assert_set_fails ("breaking.space-shrink=150%",
                    "--set breaking.space-shrink: '150%' is out of range; write a percentage from "
                    "0% to 100%");
  assert_set_fails ("breaking.space-stretch=lots",
                    "--set breaking.space-stretch: 'lots' is not a percentage; write one from 0% "
                    "to 1000%");
  assert_set_fails ("masthead.show=maybe", "--set masthead.show: 'maybe' is not true or false");
  assert_set_fails ("body.color=red",
                    "--set body.color: 'red' is not a colour; write #RRGGBB, e.g. #333333");
  assert_set_fails ("body.color=#12345g",
                    "--set body.color: '#12345g' is not a colour; write #RRGGBB, e.g. #333333");
  assert_set_fails ("page.size=A6",
                    "--set page.size: 'A6' is not a page size; write A3, A4, A5, B5, letter or "
                    "legal (optionally with landscape), or WIDTH HEIGHT such as 148mm 210mm");
  assert_set_fails ("page.size=A4 sideways",
                    "--set page.size: 'A4 sideways' is not a page size; write A3, A4, A5, B5, "
                    "letter or legal (optionally with landscape), or WIDTH HEIGHT such as 148mm "
                    "210mm");
}

static void
test_error_template (void)
{
  assert_set_fails ("footer.center=Trang {pgae}",
                    "--set footer.center: 'Trang {pgae}' names an unknown field {pgae}; fields: "
                    "{name}, {subtitle}, {title}, {date}, {author}, {source}, {page}, {pages}");
  assert_set_fails ("header.left={name", "--set header.left: '{name' has a '{' without its '}'");
  assert_set_fails ("header.left=name}",
                    "--set header.left: 'name}' has a '}' that closes no {field}");
}

static void
test_error_set_syntax (void)
{
  assert_set_fails ("body.font", "--set 'body.font': write group.key=value, e.g. --set "
                                 "body.leading=15pt");
  assert_set_fails ("font=Noto Serif 12",
                    "--set font: a key is written group.key, e.g. body.font (groups: " ALL_GROUPS
                    ")");
  assert_set_fails (
      "body.fnot=Noto Serif 12",
      "--set body.fnot: unknown key 'fnot' in [body]; did you mean 'font'? (keys: " ROLE_KEYS ")");
  assert_set_fails ("bdy.font=Noto Serif 12",
                    "--set bdy.font: unknown group [bdy]; did you mean [body]? (groups: " ALL_GROUPS
                    ")");
  assert_set_fails ("body.leading=12 pt",
                    "--set body.leading: '12 pt' is not a length; write e.g. 12pt, 4.2mm, 1.2em");
  assert_set_fails ("style.base=bulletin",
                    "--set style.base: a base is written in a style file ([style] base = NAME); "
                    "from the command line, use --style NAME");
  assert_set_fails ("masthead.name=\xff", "--set masthead.name: the value is not valid UTF-8");
}

/* What Windows editors write: a byte order mark and CRLF line ends. */
static void
test_file_bom_crlf (void)
{
  g_autofree char *dir = scratch_new ();
  g_autofree char *path = scratch_write (dir, "x.style",
                                         "\xEF\xBB\xBF[masthead]\r\n"
                                         "name = TIN NỘI BỘ\r\n"
                                         "show = true\r\n");
  g_autoptr (TsStyle) s = load_ok (dir, path);

  g_assert_cmpstr (s->masthead_name, ==, "TIN NỘI BỘ");
  g_assert_true (s->masthead);
  scratch_remove (dir);
}

static void
test_error_file_syntax (void)
{
  assert_file_fails ("[body]\nfont Noto Serif 11\n",
                     ":2: 'font Noto Serif 11' is neither a [group] nor key = value");
  assert_file_fails ("font = Noto Serif 11\n[body]\n",
                     ":1: 'font = Noto Serif 11' comes before any [group]; start with e.g. [page]");
  assert_file_fails ("[body\nfont = Noto Serif 11\n",
                     ":1: '[body' is not a [group] line; write e.g. [body]");
  assert_file_fails ("[masthead]\n# tên\nname = B\xff\n",
                     ":3: not valid UTF-8; save the file as UTF-8");
}

static void
test_error_geometry (void)
{
  assert_file_fails ("[page]\nsize = 100mm 100mm\nmargin = 60mm\n",
                     ": page: the left and right margins (60mm + 60mm) leave no room on a page "
                     "100mm wide");
  assert_file_fails ("[page]\nmargin-top = 150mm\nmargin-bottom = 150mm\n",
                     ": page: the top and bottom margins (150mm + 150mm) leave no room on a page "
                     "297mm high");
  /* A4 less 2 × 22mm leaves 166mm; five 40mm gaps do not fit. */
  assert_file_fails ("[page]\ncolumns = 6\ncolumn-gap = 40mm\n",
                     ": page: 6 columns with 40mm gaps do not fit in a text width of 166mm");
}

/* ---- documentation ------------------------------------------------------ */

/* The first word of each line of ts_style_describe_keys (): "group.key". */
static GPtrArray *
described_keys (void)
{
  g_autofree char *text = ts_style_describe_keys ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRegex) shape
      = g_regex_new ("^([a-z]+\\.[a-z-]+) +([A-Z-]+) +(\\S.*?) +— (.+)$", 0, 0, NULL);

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      if (lines[i][0] == '\0')
        continue;
      if (!g_regex_match (shape, lines[i], 0, &match))
        g_error ("describe line does not read 'group.key  TYPE  default  — doc': %s", lines[i]);
      g_ptr_array_add (keys, g_match_info_fetch (match, 1));
    }
  return keys;
}

static void
test_describe (void)
{
  g_autoptr (GPtrArray) keys = described_keys ();
  g_autofree char *text = ts_style_describe_keys ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* 1 (style) + 10 (page) + 6 roles × 7 + 1 (caption.rule) + 10 (masthead)
   * + 5 (header) + 3 (footer) + 4 (breaking) = 76, then the keys added since:
   * 3 page (column-rule, balance, article-start) + 3 figure + 7 cover
   * + 5 contents (issue 4), and the breaking, text and document keys of
   * the other issues: 114, figure.resolution: 115, footer.left and
   * footer.right: 117 in all. */
  g_assert_cmpuint (keys->len, ==, 117);
  for (guint i = 0; i < keys->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (keys, i)));

  g_assert_nonnull (strstr (text, "body.font"));
  g_assert_true (g_regex_match_simple ("^body\\.font +FONT +\"Noto Serif 11\" +— ", text,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^body\\.align +ENUM +justify +— .*justify, left, center, "
                                       "right",
                                       text, G_REGEX_MULTILINE, 0));
  g_assert_true (
      g_regex_match_simple ("^page\\.columns +INT +1 +— .*1 to 6", text, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^masthead\\.name +STRING +\"BẢN TIN\" +— ", text,
                                       G_REGEX_MULTILINE, 0));
}

/* Every default that --help-style prints is a value the key accepts. */
static void
test_describe_defaults_parse (void)
{
  g_autofree char *text = ts_style_describe_keys ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GRegex) shape = g_regex_new ("^(\\S+) +(\\S+) +(\".*?\"|\\S+) +— ", 0, 0, NULL);

  for (int i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autoptr (TsStyle) s = ts_style_new_default ();
      g_autoptr (GError) error = NULL;

      g_assert_true (g_regex_match (shape, lines[i], 0, &match));
      g_autofree char *key = g_match_info_fetch (match, 1);
      g_autofree char *value = g_match_info_fetch (match, 3);
      if (strcmp (value, "-") == 0)
        continue;
      if (!ts_style_set (s, key, value, &error))
        g_error ("default of %s does not parse: %s", key, error->message);
    }
}

static void
test_readme_covers_every_key (void)
{
  g_autofree char *path = source_path ("styles", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = described_keys ();
  g_autoptr (GString) missing = g_string_new (NULL);

  g_file_get_contents (path, &readme, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", (char *)g_ptr_array_index (keys, i));
      if (strstr (readme, quoted) == NULL)
        g_string_append_printf (missing, " %s", quoted);
    }
  if (missing->len > 0)
    g_error ("styles/README.md does not document:%s", missing->str);

  /* And the units and the --set syntax. */
  g_assert_nonnull (strstr (readme, "--set group.key=value"));
  for (const char *const *unit
       = (const char *const[]){ "`pt`", "`mm`", "`cm`", "`in`", "`em`", NULL };
       *unit != NULL; unit++)
    g_assert_nonnull (strstr (readme, *unit));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/length/units", test_length_units);
  g_test_add_func ("/style/length/em", test_length_em);
  g_test_add_func ("/style/length/bad", test_length_bad);
  g_test_add_func ("/style/length/limits", test_length_limits);
  g_test_add_func ("/style/defaults", test_defaults);
  g_test_add_func ("/style/shipped/all-load", test_shipped_all_load);
  g_test_add_func ("/style/shipped/plain-is-default", test_shipped_plain_is_default);
  g_test_add_func ("/style/shipped/bulletin", test_shipped_bulletin);
  g_test_add_func ("/style/shipped/booklet", test_shipped_booklet);
  g_test_add_func ("/style/set/each-type", test_set_each_type);
  g_test_add_func ("/style/set/two-argument-form", test_set_two_argument_form);
  g_test_add_func ("/style/set/failure-changes-nothing", test_set_failure_changes_nothing);
  g_test_add_func ("/style/em/follows-font", test_em_follows_font);
  g_test_add_func ("/style/em/file-order", test_em_file_order);
  g_test_add_func ("/style/em/inherited", test_em_inherited);
  g_test_add_func ("/style/em/too-large", test_em_too_large);
  g_test_add_func ("/style/order/specific-beats-shorthand", test_order_specific_beats_shorthand);
  g_test_add_func ("/style/inherit/basic", test_inherit);
  g_test_add_func ("/style/inherit/shipped", test_inherit_shipped);
  g_test_add_func ("/style/inherit/relative-path", test_inherit_relative_path);
  g_test_add_func ("/style/inherit/cycle", test_inherit_cycle);
  g_test_add_func ("/style/inherit/unknown-base", test_inherit_unknown_base);
  g_test_add_func ("/style/error/unknown-style", test_error_unknown_style);
  g_test_add_func ("/style/error/missing-file", test_error_missing_file);
  g_test_add_func ("/style/error/unknown-key", test_error_unknown_key);
  g_test_add_func ("/style/error/unknown-group", test_error_unknown_group);
  g_test_add_func ("/style/error/bad-value", test_error_bad_value);
  g_test_add_func ("/style/error/enum", test_error_enum);
  g_test_add_func ("/style/error/font", test_error_font);
  g_test_add_func ("/style/error/ranges", test_error_ranges);
  g_test_add_func ("/style/error/template", test_error_template);
  g_test_add_func ("/style/error/set-syntax", test_error_set_syntax);
  g_test_add_func ("/style/file/bom-crlf", test_file_bom_crlf);
  g_test_add_func ("/style/error/file-syntax", test_error_file_syntax);
  g_test_add_func ("/style/error/geometry", test_error_geometry);
  g_test_add_func ("/style/describe/format", test_describe);
  g_test_add_func ("/style/describe/defaults-parse", test_describe_defaults_parse);
  g_test_add_func ("/style/readme/covers-every-key", test_readme_covers_every_key);

  return g_test_run ();
}
