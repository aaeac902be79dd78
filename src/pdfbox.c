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

#include <dlfcn.h>

#include <qpdf/qpdf-c.h>

#include "error.h"

/* libqpdf is loaded when a PDF first needs it (bleed, marks, imposition,
 * links), not linked: it is C++ and brings libstdc++, GnuTLS and p11-kit,
 * whose relocations and constructors cost about 16 M instructions at every
 * start (an eighth of the seed's whole run) for a library most runs never
 * call.  TS_QPDF_SONAME comes from meson.build. */
#define TS_QPDF_FUNCTIONS(X)                                                               \
  X (qpdf_init) X (qpdf_cleanup) X (qpdf_has_error) X (qpdf_get_error)                    \
  X (qpdf_get_error_full_text) X (qpdf_silence_errors) X (qpdf_set_suppress_warnings)     \
  X (qpdf_read_memory) X (qpdf_get_num_pages) X (qpdf_get_page_n) X (qpdf_oh_new_array)   \
  X (qpdf_oh_new_real_from_double) X (qpdf_oh_append_item) X (qpdf_oh_release)            \
  X (qpdf_oh_release_all) X (qpdf_oh_replace_key) X (qpdf_init_write_memory)              \
  X (qpdf_set_object_stream_mode) X (qpdf_set_stream_data_mode)                           \
  X (qpdf_set_deterministic_ID) X (qpdf_write) X (qpdf_get_buffer)                        \
  X (qpdf_get_buffer_length)

static struct
{
#define TS_QPDF_POINTER(name) __typeof__ (name) *name;
  TS_QPDF_FUNCTIONS (TS_QPDF_POINTER)
#undef TS_QPDF_POINTER
} qpdf_api;

static gsize qpdf_loaded; /* g_once_init: 1 loaded, 2 not found */
static char *qpdf_load_error;

/* Loads libqpdf once per process (thread-safe: batch workers may get here
 * together).  FALSE with @error when it is not installed. */
static gboolean
load_qpdf (GError **error)
{
  if (g_once_init_enter (&qpdf_loaded))
    {
      void *lib = dlopen (TS_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
      gsize result = lib != NULL ? 1 : 2;

#define TS_QPDF_LOOKUP(name)                                                               \
  if (result == 1 && (qpdf_api.name = (__typeof__ (name) *) dlsym (lib, #name)) == NULL)   \
    result = 2;
      TS_QPDF_FUNCTIONS (TS_QPDF_LOOKUP)
#undef TS_QPDF_LOOKUP
      if (result != 1)
        qpdf_load_error = g_strdup (dlerror ());
      g_once_init_leave (&qpdf_loaded, result);
    }
  if (qpdf_loaded == 1)
    return TRUE;
  g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
               "cannot add the trim and bleed boxes: %s; install Debian's libqpdf",
               qpdf_load_error ? qpdf_load_error : TS_QPDF_SONAME " not found");
  return FALSE;
}

/* From here on every qpdf_ call goes through the loaded library. */
#define TS_QPDF_REDIRECT(name) (*qpdf_api.name)
#define qpdf_init TS_QPDF_REDIRECT (qpdf_init)
#define qpdf_cleanup TS_QPDF_REDIRECT (qpdf_cleanup)
#define qpdf_has_error TS_QPDF_REDIRECT (qpdf_has_error)
#define qpdf_get_error TS_QPDF_REDIRECT (qpdf_get_error)
#define qpdf_get_error_full_text TS_QPDF_REDIRECT (qpdf_get_error_full_text)
#define qpdf_silence_errors TS_QPDF_REDIRECT (qpdf_silence_errors)
#define qpdf_set_suppress_warnings TS_QPDF_REDIRECT (qpdf_set_suppress_warnings)
#define qpdf_read_memory TS_QPDF_REDIRECT (qpdf_read_memory)
#define qpdf_get_num_pages TS_QPDF_REDIRECT (qpdf_get_num_pages)
#define qpdf_get_page_n TS_QPDF_REDIRECT (qpdf_get_page_n)
#define qpdf_oh_new_array TS_QPDF_REDIRECT (qpdf_oh_new_array)
#define qpdf_oh_new_real_from_double TS_QPDF_REDIRECT (qpdf_oh_new_real_from_double)
#define qpdf_oh_append_item TS_QPDF_REDIRECT (qpdf_oh_append_item)
#define qpdf_oh_release TS_QPDF_REDIRECT (qpdf_oh_release)
#define qpdf_oh_release_all TS_QPDF_REDIRECT (qpdf_oh_release_all)
#define qpdf_oh_replace_key TS_QPDF_REDIRECT (qpdf_oh_replace_key)
#define qpdf_init_write_memory TS_QPDF_REDIRECT (qpdf_init_write_memory)
#define qpdf_set_object_stream_mode TS_QPDF_REDIRECT (qpdf_set_object_stream_mode)
#define qpdf_set_stream_data_mode TS_QPDF_REDIRECT (qpdf_set_stream_data_mode)
#define qpdf_set_deterministic_ID TS_QPDF_REDIRECT (qpdf_set_deterministic_ID)
#define qpdf_write TS_QPDF_REDIRECT (qpdf_write)
#define qpdf_get_buffer TS_QPDF_REDIRECT (qpdf_get_buffer)
#define qpdf_get_buffer_length TS_QPDF_REDIRECT (qpdf_get_buffer_length)

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
  qpdf_data q;
  GBytes *out = NULL;
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  int n_pages;

  if (!load_qpdf (error))
    return NULL;
  q = qpdf_init ();
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
