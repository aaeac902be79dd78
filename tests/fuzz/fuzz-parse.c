/* fuzz-parse.c — libFuzzer target: bytes → reader (with encoding
 * detection) → parser → document invariants.
 *
 * Everything the reader and parser do with hostile bytes: invalid UTF-8,
 * legacy encodings, NUL and control characters, long runs of combining
 * marks, markup that never closes.  A run must end in a document or a
 * GError, never a crash, an assertion, a leak or a sanitizer report.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "doc.h"
#include "reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (TsSource) source = ts_source_new_from_data_encoded ("fuzz.txt", (const char *) data,
                                                                 size, TS_ENCODING_AUTO, diag,
                                                                 &error);
  g_autoptr (TsDoc) doc = NULL;

  if (source == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (g_utf8_validate (source->text, (gssize) source->length, NULL));
  doc = ts_parse_article (source, &error);
  g_assert ((doc == NULL) == (error != NULL));
  if (doc != NULL)
    {
      g_autofree char *json = ts_doc_to_json (doc);
      g_autofree char *why = NULL;
      if (!ts_doc_check (doc, &why))
        g_error ("ts_doc_check: %s", why);
      g_assert (json != NULL);
    }
  return 0;
}
