/* test-image.c — photos: the JPEG header reader and the loader's refusals.
 *
 * The JPEG headers are written here byte by byte from ITU T.81 B.2.2 (SOF:
 * length, precision, height, width, components), so the expected sizes
 * are known without any decoder; the shipped sample photos were made with
 * cjpeg at the sizes asserted below.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "error.h"
#include "image.h"

/* SOI, an APP0 segment to skip, then SOFn with @components. */
static GByteArray *
jpeg_header (guint8 sof, int width, int height, int components, int precision)
{
  static const guint8 soi_app0[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0,
                                     1, 1, 0, 0, 1, 0, 1, 0, 0 };
  GByteArray *b = g_byte_array_new ();
  guint8 sof_head[] = { 0xFF, 0xFF /* a fill byte */, sof, 0x00, (guint8) (8 + 3 * components),
                        (guint8) precision, (guint8) (height >> 8), (guint8) height,
                        (guint8) (width >> 8), (guint8) width, (guint8) components };

  g_byte_array_append (b, soi_app0, sizeof soi_app0);
  g_byte_array_append (b, sof_head, sizeof sof_head);
  for (int c = 0; c < components; c++)
    {
      guint8 spec[] = { (guint8) (c + 1), 0x11, 0 };
      g_byte_array_append (b, spec, 3);
    }
  return b;
}

static void
test_jpeg_info (void)
{
  g_autoptr (GByteArray) baseline = jpeg_header (0xC0, 640, 427, 3, 8);
  g_autoptr (GByteArray) progressive = jpeg_header (0xC2, 1200, 800, 1, 8);
  g_autoptr (GByteArray) twelve = jpeg_header (0xC1, 10, 10, 3, 12);
  int w = 0, h = 0, c = 0;

  g_assert_true (ts_image_jpeg_info (baseline->data, baseline->len, &w, &h, &c));
  g_assert_cmpint (w, ==, 640);
  g_assert_cmpint (h, ==, 427);
  g_assert_cmpint (c, ==, 3);
  g_assert_true (ts_image_jpeg_info (progressive->data, progressive->len, &w, &h, &c));
  g_assert_cmpint (w, ==, 1200);
  g_assert_cmpint (h, ==, 800);
  g_assert_cmpint (c, ==, 1);
  /* 12-bit samples: PDF's DCTDecode cannot take them. */
  g_assert_false (ts_image_jpeg_info (twelve->data, twelve->len, &w, &h, &c));
  /* Cut inside the SOF, or not a JPEG at all. */
  g_assert_false (ts_image_jpeg_info (baseline->data, 24, &w, &h, &c));
  g_assert_false (ts_image_jpeg_info ((const guint8 *) "GIF89a", 6, &w, &h, &c));
}

static char *
write_temp (const char *name, const guint8 *data, gsize length)
{
  g_autofree char *dir = g_dir_make_tmp ("test-image-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) length, NULL));
  return path;
}

static void
test_cmyk_refused (void)
{
  g_autoptr (GByteArray) cmyk = jpeg_header (0xC0, 100, 80, 4, 8);
  g_autofree char *path = write_temp ("cmyk.jpg", cmyk->data, cmyk->len);
  g_autoptr (GError) error = NULL;
  TsImage *image = ts_image_load (path, &error);

  g_assert_null (image);
  g_assert_error (error, TS_ERROR, TS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "CMYK"));
  g_assert_nonnull (strstr (error->message, "convert"));
}

static void
test_missing_and_not_a_photo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = write_temp ("note.jpg", (const guint8 *) "hello", 5);

  g_assert_null (ts_image_load ("/nonexistent/photo.jpg", &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/photo.jpg"));
  g_assert_nonnull (strstr (error->message, "No such file"));
  g_clear_error (&error);
  g_assert_null (ts_image_load (text, &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "not a JPEG or PNG"));
}

static void
test_sample_photos (void)
{
  const char *root = g_getenv ("TYPESET_DATA_DIR");
  g_autofree char *jpeg = g_build_filename (root ? root : ".", "samples", "anh", "hoi-nghi.jpg",
                                            NULL);
  g_autofree char *png = g_build_filename (root ? root : ".", "samples", "photos",
                                           "huy-hieu.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TsImage) a = ts_image_load (jpeg, &error);
  g_autoptr (TsImage) b = NULL;
  cairo_surface_t *surface;
  const unsigned char *mime = NULL;
  unsigned long mime_length = 0;
  gsize file_length = 0;
  g_autofree char *bytes = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (a->format, ==, TS_IMAGE_JPEG);
  g_assert_cmpint (a->width, ==, 480); /* made with cjpeg from a 480 × 320 scene */
  g_assert_cmpint (a->height, ==, 320);
  g_assert_cmpint (a->components, ==, 3);
  /* The surface carries the file's bytes, untouched, for the PDF. */
  surface = ts_image_create_surface (a, FALSE);
  cairo_surface_get_mime_data (surface, CAIRO_MIME_TYPE_JPEG, &mime, &mime_length);
  g_assert_true (g_file_get_contents (jpeg, &bytes, &file_length, NULL));
  g_assert_cmpuint (mime_length, ==, file_length);
  g_assert_true (memcmp (mime, bytes, file_length) == 0);
  cairo_surface_destroy (surface);
  /* Decoded for a preview: real pixels (the flat grey stand-in has one
   * value), and still the same bytes for a PDF. */
  surface = ts_image_create_surface (a, TRUE);
  {
    const guint32 *px = (const guint32 *) (void *) cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface) / 4;
    guint32 first = px[0] & 0xffffff;
    int differ = 0;
    for (int y = 0; y < a->height; y += 8)
      for (int x = 0; x < a->width; x += 8)
        differ += (px[y * stride + x] & 0xffffff) != first;
    g_assert_cmpint (differ, >, (a->height / 8) * (a->width / 8) / 2);
  }
  cairo_surface_get_mime_data (surface, CAIRO_MIME_TYPE_JPEG, &mime, &mime_length);
  g_assert_cmpuint (mime_length, ==, file_length);
  g_assert_true (memcmp (mime, bytes, file_length) == 0);
  cairo_surface_destroy (surface);

  b = ts_image_load (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b->format, ==, TS_IMAGE_PNG);
  g_assert_cmpint (b->width, ==, 160);
  g_assert_cmpint (cairo_image_surface_get_format (b->png), ==, CAIRO_FORMAT_ARGB32);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image/jpeg-info", test_jpeg_info);
  g_test_add_func ("/image/cmyk-refused", test_cmyk_refused);
  g_test_add_func ("/image/missing", test_missing_and_not_a_photo);
  g_test_add_func ("/image/samples", test_sample_photos);
  return g_test_run ();
}
