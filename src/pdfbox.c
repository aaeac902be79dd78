/* pdfbox.c — page boxes through libqpdf (see pdfbox.h).
 *
 * Plan: read the PDF from memory (qpdf's recovery rebuilds the
 * cross-reference table when Cairo's is wrong, see pdfbox.h), set two keys
 * on each page dictionary, write to memory.  Object streams and stream data are preserved (Cairo's
 * compressed content streams are copied, not re-encoded), so the only
 * changes are the page dictionaries, the cross-reference table and the
 * /ID, which qpdf derives from the content so that the output stays
 * reproducible.  qpdf's C API keeps its errors in the handle: each call is
 * followed by a check, and the first error becomes the GError.
 */
#include "pdfbox.h"

#include <qpdf/qpdf-c.h>

#include "error.h"

/* Page boxes are written to 1/1000 pt: far finer than a cutter. */
#define TS_PDF_BOX_DECIMALS 3

static gboolean
failed (qpdf_data q, GError **error)
{
  if (!qpdf_has_error (q))
    return FALSE;
  g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot add the trim and bleed boxes: %s",
               qpdf_get_error_full_text (q, qpdf_get_error (q)));
  return TRUE;
}

static qpdf_oh
new_box (qpdf_data q, const double box[4])
{
  qpdf_oh array = qpdf_oh_new_array (q);

  for (int i = 0; i < 4; i++)
    {
      qpdf_oh number = qpdf_oh_new_real_from_double (q, box[i], TS_PDF_BOX_DECIMALS);
      qpdf_oh_append_item (q, array, number);
      qpdf_oh_release (q, number);
    }
  return array;
}

GBytes *
ts_pdf_rewrite (GBytes *pdf, const TsPdfPageBoxes *boxes, guint n_boxes, GError **error)
{
  qpdf_data q = qpdf_init ();
  GBytes *out = NULL;
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  int n_pages;

  /* Errors are read from the handle; nothing goes to standard error. */
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_read_memory (q, "typeset output", data, length, NULL);
  if (failed (q, error))
    goto out;
  n_pages = qpdf_get_num_pages (q);
  if (failed (q, error))
    goto out;
  if (boxes == NULL)
    n_boxes = 0;
  else if (n_pages != (int) n_boxes)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "cannot add the trim and bleed boxes: the PDF has %d pages, not %u", n_pages,
                   n_boxes);
      goto out;
    }
  for (guint i = 0; i < n_boxes; i++)
    {
      qpdf_oh page = qpdf_get_page_n (q, i);
      qpdf_oh trim = new_box (q, boxes[i].trim);
      qpdf_oh bleed = new_box (q, boxes[i].bleed);

      qpdf_oh_replace_key (q, page, "/TrimBox", trim);
      qpdf_oh_replace_key (q, page, "/BleedBox", bleed);
      qpdf_oh_release_all (q);
      if (failed (q, error))
        goto out;
    }

  qpdf_init_write_memory (q);
  qpdf_set_object_stream_mode (q, qpdf_o_preserve);
  qpdf_set_stream_data_mode (q, qpdf_s_preserve);
  qpdf_set_deterministic_ID (q, QPDF_TRUE);
  qpdf_write (q);
  if (failed (q, error))
    goto out;
  out = g_bytes_new (qpdf_get_buffer (q), qpdf_get_buffer_length (q));

out:
  qpdf_cleanup (&q);
  return out;
}
