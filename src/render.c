/* render.c — the only stage that draws.
 *
 * Plan: a Cairo PDF surface written into memory; per page, draw each box
 * (rules as filled rectangles, lines as their pieces with
 * pango_cairo_show_glyph_item, which hands Cairo the clusters so that the
 * text layer maps back to the input), then check cairo_status once (Cairo's
 * sticky error model).  After cairo_surface_finish, check the surface
 * status, and only then write the bytes: to a temporary file beside the
 * target, renamed into place, so that no reader ever sees half a PDF.
 * Lengths turn into doubles here and nowhere else.
 */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "error.h"

static double
to_pt (int units)
{
  return (double) units / PANGO_SCALE;
}

static void
set_color (cairo_t *cr, guint32 color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_line (cairo_t *cr, const TsBox *box)
{
  const TsLine *line = box->line;

  for (guint i = 0; i < line->pieces->len; i++)
    {
      const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, i);
      cairo_move_to (cr, to_pt (box->x + piece->x), to_pt (box->baseline));
      pango_cairo_show_glyph_item (cr, line->para->text, piece->glyph_item);
    }
}

static gboolean
render_page (cairo_t *cr, const TsPage *page, GError **error)
{
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (page->boxes, TsBox, i);

      set_color (cr, box->color);
      switch (box->kind)
        {
        case TS_BOX_RULE:
          cairo_rectangle (cr, to_pt (box->x), to_pt (box->y), to_pt (box->width),
                           to_pt (box->height));
          cairo_fill (cr);
          break;
        case TS_BOX_LINE:
          draw_line (cr, box);
          break;
        }
    }
  cairo_show_page (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "page %d: %s", page->number,
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
format_date (gint64 epoch)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (epoch);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

GBytes *
ts_render_pdf_to_bytes (const TsPageList *pages, const TsRenderOptions *options, GError **error)
{
  GByteArray *out = g_byte_array_new ();
  const TsPage *first = pages->pages->len ? g_ptr_array_index (pages->pages, 0) : NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean ok = TRUE;

  surface = cairo_pdf_surface_create_for_stream (write_to_array, out,
                                                 first ? to_pt (first->width) : 595.0,
                                                 first ? to_pt (first->height) : 842.0);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  if (pages->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pages->title);
  if (pages->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pages->author);
  if (pages->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, pages->subject);
  if (options->creator)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, options->creator);
  if (options->source_date_epoch >= 0)
    {
      /* Both dates, or Cairo stamps the current time and the output is no
       * longer reproducible. */
      g_autofree char *date = format_date (options->source_date_epoch);
      if (date != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        }
    }

  cr = cairo_create (surface);
  for (guint i = 0; ok && i < pages->pages->len; i++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, i);
      cairo_pdf_surface_set_size (surface, to_pt (page->width), to_pt (page->height));
      ok = render_page (cr, page, error);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot write the PDF: %s",
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  if (!ok)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
ts_render_pdf (const TsPageList *pages, const char *path, const TsRenderOptions *options,
               GError **error)
{
  g_autoptr (GBytes) pdf = ts_render_pdf_to_bytes (pages, options, error);
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
  gsize length;
  const guint8 *data;
  int fd, saved;

  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  if (strcmp (path, "-") == 0)
    {
      if (!write_all (STDOUT_FILENO, data, length))
        {
          g_set_error (error, TS_ERROR, TS_ERROR_IO, "standard output: cannot write: %s",
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY, 0666 & ~0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  /* mkstemp made the file 0600; a PDF is for sharing, so honour the umask
   * as a plain open() would. */
  {
    mode_t mask = umask (0);
    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
