/* test-render.c — the renderer's print production on synthetic pages.
 *
 * Pages here hold only rules (filled rectangles), so no font is needed and
 * every expected pixel can be worked out by hand: at 72 dpi one pixel is
 * one point.  The PNGs the renderer writes are read back with Cairo's own
 * PNG reader (a decoder, not the code under test).  Also: the URL finder
 * on strings, the 134 Vietnamese letters, and the PDF rewrite's errors.
 */
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "error.h"
#include "fontcheck.h"
#include "pdfbox.h"
#include "render.h"

#define PT(x) ((int) ((x) * PANGO_SCALE))
#define RED 0xff0000
#define BLUE 0x0000ff

static void
add_rule (TsPage *page, int x, int y, int width, int height, guint32 color)
{
  TsBox box = { .kind = TS_BOX_RULE, .role = TS_ROLE_RULE, .frame = -1, .block = -1, .x = x,
                .y = y, .width = width, .height = height, .color = color };
  ts_page_add_box (page, &box);
}

/* Pages of 100 × 150pt; page i is one rule over the whole page, red for
 * odd page numbers and blue for even ones, and a small black rule away
 * from the edges. */
static TsPageList *
coloured_pages (int n)
{
  TsPageList *pages = ts_page_list_new ();

  for (int i = 0; i < n; i++)
    {
      TsPage *page = ts_page_new (i + 1, PT (100), PT (150));
      add_rule (page, 0, 0, PT (100), PT (150), (i + 1) % 2 ? RED : BLUE);
      add_rule (page, PT (40), PT (40), PT (20), PT (20), 0x000000);
      g_ptr_array_add (pages->pages, page);
    }
  return pages;
}

typedef struct
{
  GBytes *bytes;
  gsize offset;
} Reader;

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  Reader *r = closure;
  gsize size;
  const guint8 *all = g_bytes_get_data (r->bytes, &size);

  if (r->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, all + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *png)
{
  Reader r = { png, 0 };
  cairo_surface_t *image = cairo_image_surface_create_from_png_stream (read_bytes, &r);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* 0xRRGGBB of the pixel at (x, y); the previews are opaque. */
static guint32
pixel (cairo_surface_t *image, int x, int y)
{
  const guint8 *row = cairo_image_surface_get_data (image)
                      + (gsize) y * cairo_image_surface_get_stride (image);
  return ((const guint32 *) (const void *) row)[x] & 0xffffff;
}

static cairo_surface_t *
render_png (const TsPageList *pages, const TsOutputOptions *output)
{
  TsRenderOptions options = { .source_date_epoch = 0, .output = *output };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = NULL;

  options.output.format = TS_FORMAT_PNG;
  png = ts_render_to_bytes (pages, &options, &error);
  g_assert_no_error (error);
  return decode_png (png);
}

static void
test_png_size (void)
{
  g_autoptr (TsPageList) pages = coloured_pages (2);
  TsOutputOptions out = { .dpi = 144 };
  cairo_surface_t *image = render_png (pages, &out);

  /* 100 × 150pt at 144 dpi: twice the points. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 300);
  cairo_surface_destroy (image);
}

/* A rule that covers the page extends into the bleed; the black rule in
 * the middle does not grow; with marks the slug beyond the bleed stays
 * white but for the marks. */
static void
test_bleed_hook (void)
{
  g_autoptr (TsPageList) pages = coloured_pages (1);
  TsOutputOptions out = { .dpi = 72, .bleed = PT (6), .marks = TRUE };
  cairo_surface_t *image = render_png (pages, &out);
  /* Marks start max(6pt, 3mm = 8.5pt) off the trim and are 5mm long; the
   * slug ends 2mm beyond: the trim is 8.5 + 14.17 + 5.67 = 28.35pt in. */
  int m = 28;

  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 100 + 2 * m + 1);
  /* Inside the trim and in the bleed (3pt outside it): red. */
  g_assert_cmphex (pixel (image, m + 50, m + 2), ==, RED);
  g_assert_cmphex (pixel (image, m - 3, m + 75), ==, RED);
  g_assert_cmphex (pixel (image, m + 50, m + 150 + 3), ==, RED);
  /* Beyond the bleed (8pt out): white. */
  g_assert_cmphex (pixel (image, m - 8, m + 75), ==, 0xffffff);
  /* The black rule stays 20pt: 1pt outside it is red. */
  g_assert_cmphex (pixel (image, m + 50, m + 50), ==, 0x000000);
  g_assert_cmphex (pixel (image, m + 39, m + 50), ==, RED);
  /* A crop mark: on the line of the trim's top edge, 12pt left of it
   * (between 8.5 and 22.7pt out), grey (a 0.25pt hairline covers a
   * quarter of the pixel); the trim corner's own diagonal
   * neighbour in the slug, white. */
  g_assert_cmpint (pixel (image, m - 12, m) & 0xff, <, 0xf0);
  g_assert_cmphex (pixel (image, m - 12, m - 12), ==, 0xffffff);
  cairo_surface_destroy (image);

  /* Without bleed the same page has nothing outside its edge. */
  {
    TsOutputOptions none = { .dpi = 72 };
    image = render_png (pages, &none);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 100);
    cairo_surface_destroy (image);
  }
}

/* In a 2-up spread each page bleeds outwards but never over the fold. */
static void
test_spread_clip (void)
{
  g_autoptr (TsPageList) pages = coloured_pages (4);
  TsOutputOptions out = { .dpi = 72, .impose = TS_IMPOSE_SADDLE, .bleed = PT (6) };
  cairo_surface_t *image;
  int fold;

  /* Sheet 1 front: page 4 (blue) | page 1 (red); no marks: 6pt of bleed. */
  image = render_png (pages, &out);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 212);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 162);
  fold = 6 + 100;
  g_assert_cmphex (pixel (image, fold - 1, 80), ==, BLUE);
  g_assert_cmphex (pixel (image, fold, 80), ==, RED);
  g_assert_cmphex (pixel (image, 2, 80), ==, BLUE);    /* left bleed */
  g_assert_cmphex (pixel (image, 209, 80), ==, RED);   /* right bleed */
  g_assert_cmphex (pixel (image, fold - 1, 2), ==, BLUE); /* top bleed, left of the fold */
  cairo_surface_destroy (image);

  /* Sheet 1 back (--page 2): page 2 (blue) | page 3 (red). */
  out.page = 2;
  image = render_png (pages, &out);
  g_assert_cmphex (pixel (image, 50, 80), ==, BLUE);
  g_assert_cmphex (pixel (image, 150, 80), ==, RED);
  cairo_surface_destroy (image);
}

static void
test_page_out_of_range (void)
{
  g_autoptr (TsPageList) pages = coloured_pages (2);
  TsRenderOptions options = { .output = { .format = TS_FORMAT_SVG, .page = 3 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) svg = ts_render_to_bytes (pages, &options, &error);

  g_assert_null (svg);
  g_assert_error (error, TS_ERROR, TS_ERROR_RENDER);
  g_assert_nonnull (strstr (error->message, "--page 3"));
}

static void
assert_url (const char *text, const char *expected)
{
  int start, end;

  if (expected == NULL)
    {
      if (ts_find_url (text, 0, &start, &end))
        g_error ("“%s”: found “%.*s”, expected no URL", text, end - start, text + start);
      return;
    }
  if (!ts_find_url (text, 0, &start, &end))
    g_error ("“%s”: no URL found, expected “%s”", text, expected);
  if ((int) strlen (expected) != end - start || strncmp (text + start, expected, end - start) != 0)
    g_error ("“%s”: found “%.*s”, expected “%s”", text, end - start, text + start, expected);
}

static void
test_find_url (void)
{
  assert_url ("Xem https://baochinhphu.vn/a-b.htm.", "https://baochinhphu.vn/a-b.htm");
  assert_url ("(xem http://a.vn/x_(y)) nhé", "http://a.vn/x_(y)");
  assert_url ("(nguồn: www.moh.gov.vn), hôm qua", "www.moh.gov.vn");
  assert_url ("“https://a.vn/?q=1&r=2”", "https://a.vn/?q=1&r=2");
  assert_url ("tại https://a.vn/trang;", "https://a.vn/trang");
  assert_url ("HTTPS://A.VN/X", "HTTPS://A.VN/X");
  /* Not URLs: inside a word, a bare scheme, a file name. */
  assert_url ("xhttps://a.vn", NULL);
  assert_url ("giao thức https:// là gì", NULL);
  assert_url ("tệp www.", NULL);
  assert_url ("báo cáo 22-NQ/QU ngày 29/4/2021", NULL);
  /* The second of two. */
  {
    const char *text = "http://a.vn và http://b.vn";
    int start, end;
    g_assert_true (ts_find_url (text, 0, &start, &end));
    g_assert_true (ts_find_url (text, end, &start, &end));
    g_assert_cmpstr (text + start, ==, "http://b.vn");
    g_assert_false (ts_find_url (text, end, &start, &end));
  }
}

static void
test_vietnamese_letters (void)
{
  gunichar letters[TS_VIETNAMESE_LETTERS];
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  /* Written out by hand: the letters the count must hold. */
  const char *must = "ăâêôơưđĂÂÊÔƠƯĐàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                     "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";

  g_assert_cmpint (ts_vietnamese_letters (letters), ==, 134);
  for (int i = 0; i < 134; i++)
    {
      g_assert_cmpuint (letters[i], >=, 0x80);
      g_hash_table_add (seen, GUINT_TO_POINTER (letters[i]));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 134);
  g_assert_cmpint (g_utf8_strlen (must, -1), ==, 134);
  for (const char *p = must; *p; p = g_utf8_next_char (p))
    g_assert_true (g_hash_table_contains (seen, GUINT_TO_POINTER (g_utf8_get_char (p))));
}

static void
test_pdf_rewrite_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) junk = g_bytes_new_static ("not a pdf", 9);
  g_autoptr (TsPageList) pages = coloured_pages (2);
  TsRenderOptions options = { .source_date_epoch = 0 };
  g_autoptr (GBytes) pdf = ts_render_to_bytes (pages, &options, &error);
  TsPdfPageBoxes boxes[1] = { { { 0, 0, 100, 150 }, { 0, 0, 100, 150 } } };
  GBytes *out;

  g_assert_no_error (error);
  out = ts_pdf_rewrite (junk, NULL, 0, &error);
  g_assert_null (out);
  g_assert_error (error, TS_ERROR, TS_ERROR_RENDER);
  g_clear_error (&error);
  /* Two pages, one box. */
  out = ts_pdf_rewrite (pdf, boxes, 1, &error);
  g_assert_null (out);
  g_assert_error (error, TS_ERROR, TS_ERROR_RENDER);
  g_assert_nonnull (strstr (error->message, "2 pages"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/png-size", test_png_size);
  g_test_add_func ("/render/bleed-hook", test_bleed_hook);
  g_test_add_func ("/render/spread-clip", test_spread_clip);
  g_test_add_func ("/render/page-out-of-range", test_page_out_of_range);
  g_test_add_func ("/render/find-url", test_find_url);
  g_test_add_func ("/render/vietnamese-letters", test_vietnamese_letters);
  g_test_add_func ("/render/pdf-rewrite-errors", test_pdf_rewrite_errors);
  return g_test_run ();
}
