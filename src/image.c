/* image.c — photos (see image.h).
 *
 * The JPEG reader walks the marker segments up to the first SOFn (ITU T.81
 * B.1.1.3 and B.2.2): each segment is FF, a marker byte, and a big-endian
 * length that counts itself; FF fill bytes may precede a marker; RSTn, SOI
 * and TEM stand alone.  Only what the PDF needs is checked: 8-bit samples
 * (PDF's DCTDecode takes no 12-bit JPEG), a height in the header (not a
 * DNL marker), and one or three components.  A CMYK (four-component) JPEG
 * is refused: Cairo 1.16 would embed it as if it were RGB and the colours
 * would come out inverted or wrong (VIETNAMESE.md), and converting CMYK
 * well needs the photo's ICC profile, which is the print office's work.
 *
 * Raster previews (PNG) need the pixels, so only for them is the JPEG
 * decoded, with libjpeg; the PDF keeps the file's bytes (mime data).
 */
#include "image.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <string.h>

#include <jpeglib.h>

#include "error.h"
#include "lazylib.h"

/* A photo wider or taller than this many pixels is not a news photo but a
 * mistake (a scan at 2400 dpi); it would cost Cairo 4 bytes a pixel. */
#define TS_IMAGE_MAX_PIXELS 20000

static gboolean
is_sof (guint8 marker)
{
  /* C0–CF except C4 (DHT), C8 (JPG, reserved) and CC (DAC). */
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

gboolean
ts_image_jpeg_info (const guint8 *data, gsize length, int *width, int *height, int *components)
{
  gsize p = 2;

  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;
  while (p + 4 <= length)
    {
      guint8 marker;
      gsize segment;

      if (data[p] != 0xFF)
        return FALSE;
      while (p < length && data[p] == 0xFF)
        p++;
      if (p + 3 > length)
        return FALSE;
      marker = data[p++];
      if ((marker >= 0xD0 && marker <= 0xD8) || marker == 0x01)
        continue;
      if (marker == 0xD9 || marker == 0xDA) /* EOI or SOS before any frame header */
        return FALSE;
      segment = ((gsize) data[p] << 8) | data[p + 1];
      if (segment < 2 || p + segment > length)
        return FALSE;
      if (is_sof (marker))
        {
          if (segment < 8)
            return FALSE;
          *height = (data[p + 3] << 8) | data[p + 4];
          *width = (data[p + 5] << 8) | data[p + 6];
          *components = data[p + 7];
          return data[p + 2] == 8;
        }
      p += segment;
    }
  return FALSE;
}

static void
image_free (TsImage *image)
{
  g_free (image->path);
  g_clear_pointer (&image->data, g_bytes_unref);
  g_clear_pointer (&image->png, cairo_surface_destroy);
  g_free (image);
}

typedef struct
{
  const guint8 *data;
  gsize length, at;
} PngReader;

static cairo_status_t
read_png (void *closure, unsigned char *out, unsigned int length)
{
  PngReader *r = closure;

  if (r->length - r->at < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

TsImage *
ts_image_load (const char *path, GError **error)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autoptr (GError) io = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  TsImage *image;
  const guint8 *data;

  /* A device or a pipe named in the article (/dev/zero, /dev/stdin) would
   * be read forever (issue 6, hard input).  Folders keep their own
   * message below. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR)
      && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_IO,
                   "%s: cannot read the photo: not a regular file (a device or a pipe)", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &io))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot read the photo: %s", path,
                   g_strerror (io->code == G_FILE_ERROR_NOENT ? ENOENT
                               : io->code == G_FILE_ERROR_ACCES ? EACCES
                               : io->code == G_FILE_ERROR_ISDIR ? EISDIR : EIO));
      return NULL;
    }
  data = (const guint8 *) contents;
  image = g_new0 (TsImage, 1);
  image->ref_count = 1;
  image->path = g_strdup (path);

  if (length >= 2 && data[0] == 0xFF && data[1] == 0xD8)
    {
      image->format = TS_IMAGE_JPEG;
      if (!ts_image_jpeg_info (data, length, &image->width, &image->height, &image->components))
        {
          g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                       "%s: damaged or unsupported JPEG (no 8-bit frame header); save it "
                       "again as a baseline JPEG",
                       path);
          goto fail;
        }
      if (image->components == 4)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                       "%s: CMYK JPEG (4 components): its colours would print wrongly; "
                       "convert it to RGB first, e.g. with ImageMagick: "
                       "convert IN.jpg -colorspace sRGB OUT.jpg",
                       path);
          goto fail;
        }
      if (image->components != 1 && image->components != 3)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                       "%s: JPEG with %d colour components; save it as an RGB or greyscale JPEG",
                       path, image->components);
          goto fail;
        }
      image->data = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  else if (length >= 8 && memcmp (data, png_signature, 8) == 0)
    {
      PngReader r = { data, length, 0 };
      image->format = TS_IMAGE_PNG;
      image->png = cairo_image_surface_create_from_png_stream (read_png, &r);
      if (cairo_surface_status (image->png) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_PARSE, "%s: damaged PNG: %s", path,
                       cairo_status_to_string (cairo_surface_status (image->png)));
          goto fail;
        }
      image->width = cairo_image_surface_get_width (image->png);
      image->height = cairo_image_surface_get_height (image->png);
      image->components = 4;
      image->data = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  else
    {
      g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                   "%s: not a JPEG or PNG photo; convert it to one of those", path);
      goto fail;
    }

  if (image->width <= 0 || image->height <= 0 || image->width > TS_IMAGE_MAX_PIXELS
      || image->height > TS_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                   "%s: %d × %d pixels; a photo must be between 1 and %d pixels each way", path,
                   image->width, image->height, TS_IMAGE_MAX_PIXELS);
      goto fail;
    }
  return image;

fail:
  image_free (image);
  return NULL;
}

/* libjpeg is opened the first time a preview decodes a photo (lazylib.h):
 * a PDF embeds the JPEG's bytes, so most runs never call it. */
#define TS_JPEG_FUNCTIONS(X)                                                               \
  X (jpeg_std_error) X (jpeg_CreateDecompress) X (jpeg_mem_src) X (jpeg_read_header)        \
  X (jpeg_start_decompress) X (jpeg_read_scanlines) X (jpeg_finish_decompress)               \
  X (jpeg_destroy_decompress)
#define TS_JPEG_NAME(name) #name,
static const char *const jpeg_names[] = { TS_JPEG_FUNCTIONS (TS_JPEG_NAME) NULL };
#undef TS_JPEG_NAME
static void *jpeg_functions[G_N_ELEMENTS (jpeg_names)];
static TsLazyLib jpeg_lib = { .soname = TS_JPEG_SONAME, .package = "libjpeg62-turbo",
                              .names = jpeg_names, .functions = jpeg_functions };
/* From here on each call goes through the loaded library (a macro does
 * not expand inside itself, so __typeof__ sees the real declaration). */
#define jpeg_std_error (*(__typeof__ (&jpeg_std_error)) jpeg_functions[0])
#define jpeg_CreateDecompress (*(__typeof__ (&jpeg_CreateDecompress)) jpeg_functions[1])
#define jpeg_mem_src (*(__typeof__ (&jpeg_mem_src)) jpeg_functions[2])
#define jpeg_read_header (*(__typeof__ (&jpeg_read_header)) jpeg_functions[3])
#define jpeg_start_decompress (*(__typeof__ (&jpeg_start_decompress)) jpeg_functions[4])
#define jpeg_read_scanlines (*(__typeof__ (&jpeg_read_scanlines)) jpeg_functions[5])
#define jpeg_finish_decompress (*(__typeof__ (&jpeg_finish_decompress)) jpeg_functions[6])
#define jpeg_destroy_decompress (*(__typeof__ (&jpeg_destroy_decompress)) jpeg_functions[7])

/* libjpeg reports a damaged stream through error_exit, which must not
 * return: it jumps back to decode_jpeg (libjpeg's own example). */
typedef struct
{
  struct jpeg_error_mgr base;
  jmp_buf jump;
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  longjmp (((JpegError *) (void *) cinfo->err)->jump, 1);
}

static void
jpeg_silent (j_common_ptr cinfo, int level)
{
  (void) cinfo;
  (void) level; /* warnings (a corrupt-data notice) are not for stderr */
}

/* Decodes @image's JPEG into @surface (RGB24 of the same pixel size).
 * FALSE when the data turn out to be damaged past the header; the surface
 * then keeps what it had. */
static gboolean
decode_jpeg (const TsImage *image, cairo_surface_t *surface)
{
  struct jpeg_decompress_struct cinfo;
  JpegError jerr;
  gsize length;
  const guint8 *data = g_bytes_get_data (image->data, &length);
  unsigned char *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  /* volatile: it lives across the longjmp */
  guint8 *volatile row = NULL;
  g_autoptr (GError) error = NULL;

  if (!ts_lazy_lib_load (&jpeg_lib, "decoding a photo for a preview", &error))
    {
      /* Once per process: the preview shows the photo as a grey box. */
      static gsize warned;
      if (g_once_init_enter (&warned))
        {
          g_printerr ("typeset: warning: %s\n", error->message);
          g_once_init_leave (&warned, 1);
        }
      return FALSE;
    }
  cinfo.err = jpeg_std_error (&jerr.base);
  jerr.base.error_exit = jpeg_error_exit;
  jerr.base.emit_message = jpeg_silent;
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      g_free (row);
      return FALSE;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) length);
  if (jpeg_read_header (&cinfo, TRUE) != JPEG_HEADER_OK)
    longjmp (jerr.jump, 1);
  cinfo.out_color_space = JCS_RGB; /* grey too: the surface is RGB24 */
  jpeg_start_decompress (&cinfo);
  if ((int) cinfo.output_width != image->width || (int) cinfo.output_height != image->height
      || cinfo.output_components != 3)
    longjmp (jerr.jump, 1);
  row = g_malloc ((gsize) cinfo.output_width * 3);
  cairo_surface_flush (surface);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW rows[1] = { row };
      guint32 *out = (guint32 *) (void *) (pixels + (gsize) stride * cinfo.output_scanline);
      jpeg_read_scanlines (&cinfo, rows, 1);
      for (guint x = 0; x < cinfo.output_width; x++)
        out[x] = 0xff000000u | ((guint32) row[3 * x] << 16) | ((guint32) row[3 * x + 1] << 8)
                 | row[3 * x + 2];
    }
  cairo_surface_mark_dirty (surface);
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  g_free (row);
  return TRUE;
}

cairo_surface_t *
ts_image_create_surface (const TsImage *image, gboolean decode)
{
  cairo_surface_t *surface;
  gsize length;
  const guint8 *data;
  cairo_t *cr;

  if (image->format == TS_IMAGE_PNG)
    return cairo_surface_reference (image->png);

  /* RGB24 even for a grey JPEG: an A8 source would paint as a mask, and
   * Cairo's PDF surface takes the colour space from the JPEG itself. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, image->width, image->height);
  if (!decode || !decode_jpeg (image, surface))
    {
      /* The PDF never looks at these pixels (the mime data wins); a JPEG
       * damaged past its header shows as a flat grey in a preview. */
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  data = g_bytes_get_data (image->data, &length);
  /* The surface keeps a reference on the bytes for as long as it lives. */
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, length,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (image->data));
  /* One photo used twice is embedded once: Cairo's PDF surface shares
   * surfaces with the same unique id. */
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_UNIQUE_ID, (const guint8 *) image->path,
                               strlen (image->path), NULL, NULL);
  return surface;
}

TsImage *
ts_image_ref (TsImage *image)
{
  g_atomic_int_inc (&image->ref_count);
  return image;
}

void
ts_image_unref (TsImage *image)
{
  if (image != NULL && g_atomic_int_dec_and_test (&image->ref_count))
    image_free (image);
}
