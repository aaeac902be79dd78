/* fuzz-pipeline.c — libFuzzer target: bytes → the whole pipeline → a PDF
 * in memory (ts_engine_typeset_data).
 *
 * One engine for the whole run: loading the fonts for every input would
 * make each run a hundred times slower and would fuzz fontconfig, not us.
 * Inputs are capped (-max_len in scripts/test) so that each run stays short;
 * long inputs are the e2e tests' job (tests/e2e_batch.py).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "typeset.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TsEngine *engine;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *dir = g_getenv ("TYPESET_DATA_DIR");
  TsOptions options = { .data_dir = dir != NULL && dir[0] != '\0' ? dir : TS_SOURCE_DIR,
                        .source_date_epoch = 1620000000 };

  engine = ts_engine_new (&options, &error);
  if (engine == NULL)
    g_error ("fuzz-pipeline: %s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  TsStats stats;
  g_autoptr (GBytes) pdf = ts_engine_typeset_data (engine, "fuzz.txt", (const char *) data, size,
                                                   diag, &stats, &error);

  g_assert ((pdf == NULL) == (error != NULL));
  if (pdf != NULL)
    {
      gsize n;
      const char *bytes = g_bytes_get_data (pdf, &n);
      g_assert (n > 8 && memcmp (bytes, "%PDF-", 5) == 0);
      g_assert (stats.pages >= 1);
    }
  return 0;
}
