/* typeset.h — the library's public interface.
 *
 * libtypeset turns Vietnamese articles into print-ready PDF.  The CLI
 * (main.c) is a thin front end over these calls; tests and other programs
 * link the same library.  An engine holds what is expensive to set up and
 * shared by many documents (the fonts, the style); it is not thread-safe:
 * use one engine per thread.
 */
#pragma once

#include <glib.h>

#include "diag.h"
#include "error.h"

G_BEGIN_DECLS

#define TS_API __attribute__ ((visibility ("default")))

typedef enum
{
  TS_DUMP_NONE,
  TS_DUMP_DOC,   /* the parsed document */
  TS_DUMP_LINES, /* every set line with its break data */
  TS_DUMP_PAGES, /* every placed box */
} TsDumpKind;

typedef struct
{
  const char *data_dir;        /* holds styles/ and fonts/ */
  const char *style;           /* a style name or a .style path; NULL: "bulletin" */
  const char *const *sets;     /* NULL-terminated "group.key=value" overrides; may be NULL */
  gint64 source_date_epoch;    /* < 0: the PDF carries the current time */
} TsOptions;

typedef struct _TsEngine TsEngine;

/* Loads the fonts and the style.  Returns NULL and sets @error
 * (TS_ERROR_STYLE, TS_ERROR_FONT).  Caller frees with ts_engine_free(). */
TS_API TsEngine *ts_engine_new (const TsOptions *options, GError **error);
TS_API void ts_engine_free (TsEngine *engine);

/* Typesets @input ("-": standard input) into @output ("-": standard
 * output; NULL: no PDF).  When @dump is not TS_DUMP_NONE, that stage's JSON
 * is appended to @dump_out.  Warnings go to @diag.  Returns FALSE and sets
 * @error when the input fails; no output file is left behind then. */
TS_API gboolean ts_engine_typeset_file (TsEngine *engine, const char *input, const char *output,
                                        TsDumpKind dump, GString *dump_out, TsDiag *diag,
                                        GError **error);

/* "typeset 0.1.0" */
TS_API const char *ts_version_string (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEngine, ts_engine_free)

G_END_DECLS
