/* render.h — pages to PDF through Cairo. */
#pragma once

#include <glib.h>

#include "page.h"

G_BEGIN_DECLS

typedef struct
{
  const char *creator;      /* "typeset 0.1.0" */
  gint64 source_date_epoch; /* < 0: now (Cairo's default) */
} TsRenderOptions;

/* Writes @pages as PDF to @path ("-" for standard output).  The file is
 * written to a temporary file in the same folder and renamed into place
 * when complete, so a failure never leaves a partial file; standard
 * output is written only once the whole PDF exists.  Returns FALSE and
 * sets @error (TS_ERROR_IO, TS_ERROR_RENDER) on failure. */
gboolean ts_render_pdf (const TsPageList *pages, const char *path,
                        const TsRenderOptions *options, GError **error);

/* The same into memory (for tests and fuzzing); caller frees. */
GBytes *ts_render_pdf_to_bytes (const TsPageList *pages, const TsRenderOptions *options,
                                GError **error);

G_END_DECLS
