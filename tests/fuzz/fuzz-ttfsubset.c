/* fuzz-ttfsubset.c — libFuzzer target: bytes taken for a TrueType font →
 * the PDF writer's subsetter (ttfsubset.h).
 *
 * The fonts come from the machine or from the project's fonts/ folder, so
 * a damaged one must give NULL (the PDF then fails with a message), never
 * a read out of bounds, a crash or a leak.  A subset that is made must be
 * a font again: HarfBuzz reads it with the glyph count the new ids say,
 * and every kept glyph's new id is below it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <hb.h>

#include "ttfsubset.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  hb_blob_t *blob = hb_blob_create ((const char *) data, (unsigned) size, HB_MEMORY_MODE_READONLY,
                                    NULL, NULL);
  hb_face_t *face = hb_face_create (blob, 0);
  unsigned n = hb_face_get_glyph_count (face);
  g_autofree guint8 *used = g_new0 (guint8, n + 1);
  g_autofree guint16 *ids = g_new0 (guint16, n + 1);
  g_autoptr (GBytes) subset = NULL;

  /* Every third glyph, as a document would use some of them. */
  for (unsigned g = 1; g < n; g += 3)
    used[g] = 1;
  subset = ts_truetype_subset (face, used, n + 1, ids);
  if (subset != NULL)
    {
      gsize length;
      const char *bytes = g_bytes_get_data (subset, &length);
      hb_blob_t *again = hb_blob_create (bytes, (unsigned) length, HB_MEMORY_MODE_READONLY, NULL,
                                         NULL);
      hb_face_t *font = hb_face_create (again, 0);
      unsigned kept = hb_face_get_glyph_count (font);

      g_assert (kept >= 1);
      for (unsigned g = 0; g < n; g++)
        g_assert (ids[g] < kept);
      hb_face_destroy (font);
      hb_blob_destroy (again);
    }
  hb_face_destroy (face);
  hb_blob_destroy (blob);
  return 0;
}
