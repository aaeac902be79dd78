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

/* Print production (render.h, impose.h).  All zero: one PDF page per page. */
typedef enum
{
  TS_FORMAT_PDF,
  TS_FORMAT_PNG, /* one page (or sheet) as a raster preview */
  TS_FORMAT_SVG, /* one page (or sheet) as SVG */
} TsOutputFormat;

typedef enum
{
  TS_IMPOSE_NONE,
  TS_IMPOSE_2UP,    /* two pages side by side per sheet, in reading order */
  TS_IMPOSE_SADDLE, /* saddle-stitch order, duplex, flip on the short edge */
} TsImposition;

typedef struct
{
  TsOutputFormat format;
  int page;              /* PNG, SVG: the 1-based page (sheet when imposed); 0 = 1 */
  double dpi;            /* PNG: pixels per inch; 0 = 150 */
  TsImposition impose;
  int signature;         /* saddle: pages per signature, a multiple of 4; 0 = one */
  int bleed;             /* Pango units (1/1024 pt) beyond the trim; 0 = none */
  gboolean marks;        /* crop marks (and fold marks) in a slug around the bleed */
  gboolean sync;         /* flush each file to the disk (fsync) before it is renamed
                            into place: slower, safe against a power cut */
} TsOutputOptions;

typedef struct
{
  const char *data_dir;        /* holds styles/ and fonts/ */
  const char *style;           /* a style name or a .style path; NULL: "bulletin" */
  const char *const *sets;     /* NULL-terminated "group.key=value" overrides; may be NULL */
  gint64 source_date_epoch;    /* < 0: the PDF carries the current time */
  const char *encoding;        /* input encoding, as --encoding: NULL or "auto", "utf-8",
                                  "cp1258", "viscii", "tcvn3", "vni" */
  TsOutputOptions output;      /* format, imposition, bleed, marks; zero = plain PDF */
  const char *images_dir;      /* --images: DIR/1.jpg, 2.jpg… are the photos of the 1st,
                                  2nd… caption that has none; NULL: none */
  gboolean keep_going;         /* a photo that cannot be read is a warning and a marked
                                  frame, not an error */
  const char *from;            /* input format: "markdown", "text"; NULL: .md/.markdown
                                  files are Markdown, the rest articles */
  gboolean strict;             /* a warning fails the input: no output is written */
} TsOptions;

/* What one document came to (filled by the _with_stats calls). */
typedef struct
{
  int pages;           /* pages set (0 when the input failed) */
  gint64 microseconds; /* wall time of the call */
} TsStats;

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

/* ts_engine_typeset_file() that also fills @stats (may be NULL). */
TS_API gboolean ts_engine_typeset_file_with_stats (TsEngine *engine, const char *input,
                                                   const char *output, TsDumpKind dump,
                                                   GString *dump_out, TsDiag *diag,
                                                   TsStats *stats, GError **error);

/* ts_engine_typeset_file_with_stats() into memory: the output of @input
 * (PDF, or PNG/SVG as the options say), or NULL and @error when it fails.
 * For the batch, which writes the files from another thread so that its
 * workers never wait for the disk.  Caller frees with g_bytes_unref(). */
TS_API GBytes *ts_engine_typeset_file_to_bytes (TsEngine *engine, const char *input,
                                                TsDiag *diag, TsStats *stats, GError **error);

/* Typesets @length bytes of @data (an article in the engine's input
 * encoding; @name is its name in messages) into a PDF in memory, for
 * fuzzing and for programs that keep no files.  Returns NULL and sets
 * @error when the input fails.  Caller frees with g_bytes_unref(). */
TS_API GBytes *ts_engine_typeset_data (TsEngine *engine, const char *name, const char *data,
                                       gsize length, TsDiag *diag, TsStats *stats,
                                       GError **error);

/* typeset --check-fonts: checks that every font of the engine's style has
 * the 134 Vietnamese letters, appends one line per face to @report, and
 * writes a specimen sheet to @output (PDF, or PNG for a .png name; NULL:
 * none).  Returns the number of faces that lack a letter or are not
 * installed, or -1 and sets @error when the sheet cannot be written. */
TS_API int ts_engine_check_fonts (TsEngine *engine, const char *output, GString *report,
                                  GError **error);

/* Typesets several inputs (NULL-terminated @inputs) as one booklet: a
 * cover and a table of contents (style keys cover.*, contents.*), then
 * each article from a new page (page.article-start = right: a new
 * right-hand page), with its title, running headers and folios.  @output,
 * @dump, @dump_out, @diag and @error as for ts_engine_typeset_file(). */
TS_API gboolean ts_engine_typeset_booklet (TsEngine *engine, const char *const *inputs,
                                           const char *output, TsDumpKind dump,
                                           GString *dump_out, TsDiag *diag, GError **error);

/* "typeset 0.1.0" */
TS_API const char *ts_version_string (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsEngine, ts_engine_free)

G_END_DECLS
