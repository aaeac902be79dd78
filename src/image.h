/* image.h — photos: JPEG and PNG, read once, drawn by the renderer.
 *
 * A JPEG is never decoded for the PDF: its bytes go into the file as they
 * are (a DCT stream, through cairo_surface_set_mime_data), so a photo loses
 * nothing and the PDF is no larger than the photos.  All the page builder
 * needs is the pixel size, read from the JPEG's SOF marker; a raster
 * preview decodes it (ts_image_create_surface).  A PNG is
 * decoded by Cairo (transparency kept; the PDF gets a soft mask).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TS_IMAGE_JPEG,
  TS_IMAGE_PNG,
} TsImageFormat;

typedef struct
{
  int ref_count;
  char *path;            /* as opened */
  TsImageFormat format;
  int width, height;     /* pixels */
  int components;        /* JPEG: 1 (grey) or 3 (YCbCr); PNG: 4 */
  GBytes *data;          /* the file's bytes */
  cairo_surface_t *png;  /* PNG: the decoded surface */
} TsImage;

/* Reads the image at @path.  Returns NULL and sets @error (TS_ERROR_IO:
 * missing or unreadable; TS_ERROR_PARSE: not a JPEG or PNG, a damaged
 * header, a CMYK JPEG).  The message starts with @path.  Caller releases
 * with ts_image_unref(). */
TsImage *ts_image_load (const char *path, GError **error);

/* Parses the size and the number of components of the JPEG in @data (the
 * first SOFn marker).  Returns FALSE when @data is not a readable JPEG. */
gboolean ts_image_jpeg_info (const guint8 *data, gsize length, int *width, int *height,
                             int *components);

/* A surface of the image's pixel size to paint with.  For a JPEG it
 * carries the file's bytes as CAIRO_MIME_TYPE_JPEG, so that the PDF (and
 * SVG) surfaces embed them untouched.  With @decode (raster previews) its
 * pixels are the decoded photo (libjpeg); without, a flat grey that a PDF
 * never shows, so a PDF costs no decoding.  (transfer full) */
cairo_surface_t *ts_image_create_surface (const TsImage *image, gboolean decode);

TsImage *ts_image_ref (TsImage *image);
void ts_image_unref (TsImage *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsImage, ts_image_unref)

G_END_DECLS
