/* batch.h — many articles, one PDF each, in parallel (typeset -d OUTDIR).
 *
 * Part of the command line, not of the library: it prints progress and
 * messages on standard error.  Each worker thread has its own TsEngine
 * (engines are not thread-safe; each has its own fontconfig configuration
 * and Pango font map) and typesets into memory; a few writer threads write
 * the files, so that no worker waits for the disk (batch.c says why).
 */
#pragma once

#include <glib.h>

#include "typeset.h"

G_BEGIN_DECLS

typedef struct
{
  const TsOptions *options; /* for every worker's engine */
  const char *outdir;       /* created when missing */
  int jobs;                 /* worker threads (the writers come on top); <= 0: the
                               number of processors */
  gboolean quiet;           /* no warnings, no progress, no summary */
  gboolean verbose;         /* one line per input as it is done */
  gboolean strict;          /* warnings fail their input */
  const char *report;       /* a JSON report to write, or NULL */
  int shard_index;          /* 1-based K of --shard K/N; 0: no sharding */
  int shard_count;          /* N */
} TsBatchOptions;

/* Typesets every input of @inputs (NULL-terminated) that falls in the
 * shard into OUTDIR/NAME.pdf.  An input that fails does not stop the
 * others.  Returns the exit status: 0 when every input was written, 1 when
 * some failed or a warning came under --strict, or the report could not be
 * written. */
int ts_batch_run (const TsBatchOptions *options, char **inputs);

/* "K/N" with 1 <= K <= N. */
gboolean ts_batch_parse_shard (const char *text, int *index, int *count);

/* The 1-based shard of @count that @input belongs to: a hash (FNV-1a,
 * 64 bits) of its base name, so that adding or removing a file moves no
 * other, and the same file goes to the same shard on every host whatever
 * folder the corpus is mounted at. */
int ts_batch_shard_of (const char *input, int count);

G_END_DECLS
