/* batch.c — many articles, one PDF each, in parallel (see batch.h).
 *
 * Plan.  The inputs are filtered by shard and given their output names
 * first, in the main thread, so that two inputs that would write the same
 * PDF are caught before any work (the first keeps it; the second fails
 * with a message naming both).  Then N worker threads each make their own
 * engine and take inputs from one atomic counter until none are left;
 * each writes only its own items.  The main thread draws the progress bar
 * from an atomic "done" count and reads the items only after joining the
 * workers, so no lock guards the results.  Messages are printed by the
 * worker that has them, a whole input's lines at once under stdio's own
 * stream lock (flockfile), so lines of two inputs never interleave.
 *
 * GLib's GMutex is not used on purpose: on Linux it is built on futexes
 * that ThreadSanitizer cannot see, which would bury a real race in false
 * reports.  Atomics, thread join and flockfile are all visible to it.
 */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dump.h"

/* How often the progress bar is redrawn. */
#define TS_BATCH_PROGRESS_INTERVAL_US 100000
/* Width of the bar in cells. */
#define TS_BATCH_BAR_WIDTH 30

typedef struct
{
  char *input;        /* as given */
  char *output;       /* OUTDIR/NAME.pdf */
  char *error;        /* the message when it failed (without "typeset: ") */
  TsDiag *diag;       /* its warnings */
  TsStats stats;
  gboolean ok;
} Item;

typedef struct
{
  const TsBatchOptions *options;
  Item *items;
  int n_items;
  int next;     /* atomic: the next item to take */
  int done;     /* atomic: items finished */
  gboolean progress;
} Batch;

int
ts_batch_shard_of (const char *input, int count)
{
  g_autofree char *base = g_path_get_basename (input);
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  g_return_val_if_fail (count > 0, 1);
  for (const guchar *p = (const guchar *) base; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return (int) (hash % (guint64) count) + 1;
}

gboolean
ts_batch_parse_shard (const char *text, int *index, int *count)
{
  guint64 k, n;
  char *end;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  k = g_ascii_strtoull (text, &end, 10);
  if (*end != '/' || !g_ascii_isdigit (end[1]))
    return FALSE;
  n = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || k < 1 || n < 1 || k > n || n > G_MAXINT)
    return FALSE;
  *index = (int) k;
  *count = (int) n;
  return TRUE;
}

/* article.txt → OUTDIR/article.pdf */
static char *
output_for (const char *outdir, const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_autofree char *file = g_strconcat (base, ".pdf", NULL);
  return g_build_filename (outdir, file, NULL);
}

static void
clear_bar_locked (const Batch *batch)
{
  if (batch->progress)
    fputs ("\r\033[K", stderr);
}

static void
draw_bar (const Batch *batch, int done)
{
  int filled = batch->n_items > 0 ? done * TS_BATCH_BAR_WIDTH / batch->n_items : 0;

  flockfile (stderr);
  clear_bar_locked (batch);
  fputc ('[', stderr);
  for (int i = 0; i < TS_BATCH_BAR_WIDTH; i++)
    fputc (i < filled ? '#' : '.', stderr);
  fprintf (stderr, "] %d/%d", done, batch->n_items);
  fflush (stderr);
  funlockfile (stderr);
}

/* Everything the user is told about one finished input, at once. */
static void
report_item (const Batch *batch, const Item *item)
{
  const TsBatchOptions *o = batch->options;
  g_autofree char *input = g_filename_display_name (item->input);
  g_autofree char *output = g_filename_display_name (item->output);

  flockfile (stderr);
  clear_bar_locked (batch);
  if (!o->quiet && item->diag != NULL)
    for (guint i = 0; i < item->diag->items->len; i++)
      {
        g_autofree char *line
          = ts_diagnostic_format (&g_array_index (item->diag->items, TsDiagnostic, i));
        fprintf (stderr, "%s\n", line);
      }
  if (item->error != NULL)
    fprintf (stderr, "typeset: %s\n", item->error);
  else if (o->verbose)
    fprintf (stderr, "typeset: %s → %s: %d page%s, %.0f ms\n", input, output,
             item->stats.pages, item->stats.pages == 1 ? "" : "s",
             item->stats.microseconds / 1000.0);
  fflush (stderr);
  funlockfile (stderr);
}

static gpointer
worker (gpointer data)
{
  Batch *batch = data;
  g_autoptr (GError) engine_error = NULL;
  g_autoptr (TsEngine) engine = ts_engine_new (batch->options->options, &engine_error);

  for (;;)
    {
      int i = g_atomic_int_add (&batch->next, 1);
      Item *item;

      if (i >= batch->n_items)
        break;
      item = &batch->items[i];
      if (item->error == NULL)
        {
          g_autoptr (GError) error = NULL;
          item->diag = ts_diag_new ();
          if (engine == NULL)
            item->error = g_strdup (engine_error->message);
          else if (ts_engine_typeset_file_with_stats (engine, item->input, item->output,
                                                      TS_DUMP_NONE, NULL, item->diag,
                                                      &item->stats, &error))
            item->ok = TRUE;
          else
            item->error = g_strdup (error->message);
        }
      report_item (batch, item);
      g_atomic_int_inc (&batch->done);
    }
  return NULL;
}

static void
append_item_json (GString *out, const Item *item, gboolean strict)
{
  g_autofree char *input = g_filename_display_name (item->input);
  g_autofree char *output = g_filename_display_name (item->output);
  guint n_warnings = item->diag != NULL ? item->diag->items->len : 0;
  gboolean failed = !item->ok || (strict && n_warnings > 0);

  g_string_append (out, "    {\"input\": ");
  ts_json_append_string (out, input);
  g_string_append_printf (out, ", \"status\": \"%s\", \"output\": ", failed ? "failed" : "ok");
  if (item->ok)
    ts_json_append_string (out, output);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ", \"pages\": %d, \"time_ms\": %.1f", item->stats.pages,
                          item->stats.microseconds / 1000.0);
  g_string_append (out, ", \"error\": ");
  if (item->error != NULL)
    ts_json_append_string (out, item->error);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"warnings\": [");
  for (guint i = 0; i < n_warnings; i++)
    {
      const TsDiagnostic *d = &g_array_index (item->diag->items, TsDiagnostic, i);
      g_string_append (out, i > 0 ? ",\n      {\"code\": " : "\n      {\"code\": ");
      ts_json_append_string (out, d->code);
      g_string_append_printf (out, ", \"line\": %d, \"column\": %d, \"message\": ", d->line,
                              d->column);
      ts_json_append_string (out, d->message);
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_warnings > 0 ? "\n    ]}" : "]}");
}

/* Written to a temporary file and renamed, like the PDFs. */
static gboolean
write_report (const char *path, const GString *json, GError **error)
{
  return g_file_set_contents (path, json->str, (gssize) json->len, error);
}

int
ts_batch_run (const TsBatchOptions *options, char **inputs)
{
  g_autoptr (GHashTable) outputs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  Batch batch = { .options = options };
  int n_given = 0, n_failed = 0, n_warnings = 0, pages = 0, status = 0;
  int jobs = options->jobs > 0 ? options->jobs : (int) g_get_num_processors ();
  gint64 start = g_get_monotonic_time ();
  g_autofree char *outdir = g_filename_display_name (options->outdir);

  if (g_mkdir_with_parents (options->outdir, 0777) != 0)
    {
      fprintf (stderr, "typeset: %s: cannot create the output folder: %s\n", outdir,
               g_strerror (errno));
      return 1;
    }

  for (int i = 0; inputs[i] != NULL; i++)
    n_given++;
  batch.items = g_new0 (Item, n_given);
  for (int i = 0; i < n_given; i++)
    {
      Item *item;
      const char *owner;

      if (options->shard_count > 0
          && ts_batch_shard_of (inputs[i], options->shard_count) != options->shard_index)
        continue;
      item = &batch.items[batch.n_items++];
      item->input = g_strdup (inputs[i]);
      item->output = output_for (options->outdir, inputs[i]);
      if ((owner = g_hash_table_lookup (outputs, item->output)) != NULL)
        {
          g_autofree char *a = g_filename_display_name (item->input);
          g_autofree char *b = g_filename_display_name (owner);
          g_autofree char *out = g_filename_display_name (item->output);
          item->error = g_strdup_printf ("%s: its PDF %s would overwrite that of %s; give the "
                                         "inputs different names",
                                         a, out, b);
        }
      else
        g_hash_table_insert (outputs, item->output, item->input);
    }

  batch.progress = !options->quiet && !options->verbose && isatty (STDERR_FILENO)
                   && batch.n_items > 0;
  jobs = CLAMP (jobs, 1, MAX (batch.n_items, 1));
  for (int i = 0; i < jobs && batch.n_items > 0; i++)
    g_ptr_array_add (threads, g_thread_new ("typeset-worker", worker, &batch));
  while (batch.progress && g_atomic_int_get (&batch.done) < batch.n_items)
    {
      draw_bar (&batch, g_atomic_int_get (&batch.done));
      g_usleep (TS_BATCH_PROGRESS_INTERVAL_US);
    }
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  if (batch.progress)
    {
      draw_bar (&batch, batch.n_items);
      fputs ("\r\033[K", stderr);
    }

  for (int i = 0; i < batch.n_items; i++)
    {
      const Item *item = &batch.items[i];
      int w = item->diag != NULL ? (int) item->diag->items->len : 0;
      n_warnings += w;
      pages += item->stats.pages;
      if (!item->ok || (options->strict && w > 0))
        n_failed++;
    }
  if (n_failed > 0)
    status = 1;

  if (options->report != NULL)
    {
      g_autoptr (GString) json = g_string_new ("{\n  \"typeset\": ");
      g_autoptr (GError) error = NULL;
      ts_json_append_string (json, ts_version_string ());
      g_string_append (json, ",\n  \"output_dir\": ");
      ts_json_append_string (json, outdir);
      if (options->shard_count > 0)
        g_string_append_printf (json, ",\n  \"shard\": {\"index\": %d, \"count\": %d}",
                                options->shard_index, options->shard_count);
      g_string_append_printf (json,
                              ",\n  \"summary\": {\"inputs\": %d, \"ok\": %d, \"failed\": %d, "
                              "\"pages\": %d, \"warnings\": %d, \"time_ms\": %.1f},\n"
                              "  \"inputs\": [",
                              batch.n_items, batch.n_items - n_failed, n_failed, pages,
                              n_warnings, (g_get_monotonic_time () - start) / 1000.0);
      for (int i = 0; i < batch.n_items; i++)
        {
          g_string_append (json, i > 0 ? ",\n" : "\n");
          append_item_json (json, &batch.items[i], options->strict);
        }
      g_string_append (json, batch.n_items > 0 ? "\n  ]\n}\n" : "]\n}\n");
      if (!write_report (options->report, json, &error))
        {
          fprintf (stderr, "typeset: %s\n", error->message);
          status = 1;
        }
    }

  if (!options->quiet)
    {
      g_autoptr (GString) line = g_string_new ("typeset: ");
      g_string_append_printf (line, "%d input%s", batch.n_items, batch.n_items == 1 ? "" : "s");
      if (options->shard_count > 0)
        g_string_append_printf (line, " (shard %d/%d of %d)", options->shard_index,
                                options->shard_count, n_given);
      g_string_append_printf (line, ": %d written to %s (%d page%s), %d failed, %d warning%s, "
                              "%.1f s",
                              batch.n_items - n_failed, outdir, pages, pages == 1 ? "" : "s",
                              n_failed, n_warnings, n_warnings == 1 ? "" : "s",
                              (g_get_monotonic_time () - start) / 1e6);
      fprintf (stderr, "%s\n", line->str);
    }

  for (int i = 0; i < batch.n_items; i++)
    {
      g_free (batch.items[i].input);
      g_free (batch.items[i].output);
      g_free (batch.items[i].error);
      ts_diag_free (batch.items[i].diag);
    }
  g_free (batch.items);
  return status;
}
