/* batch.c — many articles, one PDF each, in parallel (see batch.h).
 *
 * Plan.  The inputs are filtered by shard and given their output names
 * first, in the main thread, so that two inputs that would write the same
 * PDF are caught before any work (the first keeps it; the second fails
 * with a message naming both).  Then N worker threads each make their own
 * engine and take inputs from one atomic counter until none are left,
 * typesetting each into memory and handing it over through a short queue
 * to a few writer threads.  A writer writes the file (temporary file,
 * fsync with --sync, rename: render.h) and prints the input's messages, all at once
 * under stdio's own stream lock (flockfile), so that lines of two inputs
 * never interleave.  The main thread draws the progress bar from an
 * atomic "done" count and reads the items only after joining every
 * thread.
 *
 * Why the workers do not write (issue 7): fsync (--sync) waits for the disk, and
 * replacing an existing PDF frees its blocks, which on a file system
 * mounted with "discard" waits for it again; renames into one folder also
 * queue on that folder's lock.  With -j 2 on the bench's 200 articles each
 * worker was blocked that way for 0.25-0.3 s of its 1.1 s, its processor
 * idle.  Now a worker goes on with its next input.  Several writers with
 * --sync, because one fsync at a time is slow where several overlap: on the
 * bench machine one thread took 3.5-7 ms per file (fsync, rename over the
 * old one), two 1-2 ms, four under 1 ms; writers spend their time asleep
 * in the kernel and take little processor time.  The queue is bounded
 * (TS_BATCH_QUEUE_PER_WORKER) so that a slow disk holds back the workers
 * instead of piling PDFs up in memory.
 *
 * The queue uses POSIX mutexes and condition variables, not GLib's: on
 * Linux GMutex and GCond are built on futexes that ThreadSanitizer cannot
 * see, which would bury a real race in false reports.  Atomics, thread
 * join, flockfile and pthread locks are all visible to it.
 *
 * Memory is the other thing that kept two workers from doing twice the
 * work of one: a document allocates a few MB and frees them all at its
 * end, and glibc then hands the top of each thread's arena back to the
 * kernel (madvise MADV_DONTNEED), so the next document faults every page
 * in again, zeroed.  That was a fifth of the CPU time of the bench's
 * batch (8,000-19,000 page faults for 200 short articles), and worse
 * with two workers: in a threaded process each madvise also flushes the
 * other processor's TLB with an interrupt, so each worker slowed the
 * other down.  keep_memory() makes glibc keep a bounded reserve between
 * documents instead (2,600 page faults).
 *
 * ts_write_file_atomically() creates each file with 0666 less the umask
 * (render.c): nothing reads or sets the process's umask.
 *
 * What the threads still share: the fontconfig configuration (fonts.c)
 * and HarfBuzz's faces, which Pango's font maps share by file; both are
 * read-only once loaded.  The PDF writer (pdfout.h) keeps its fonts per
 * document, so workers no longer take turns on Cairo's global font
 * mutexes as they did while Cairo wrote the PDF.
 */
#include "batch.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dump.h"
#include "render.h"

/* How often at most the progress bar is redrawn. */
#define TS_BATCH_PROGRESS_INTERVAL_US 100000
/* Width of the bar in cells. */
#define TS_BATCH_BAR_WIDTH 30
/* Typeset documents waiting to be written, per worker.  With every
 * processor busy the writer shares one with a worker, and replacing a PDF
 * on ext4 costs it 0.2-0.4 ms of kernel time (the rename starts the new
 * file's write-back): with -j 2 on the bench's 200 articles the writer
 * took 150-260 ms to write them, and with 2 places per worker the workers
 * waited for room 50-100 ms in all.  With 32 they do not wait (-j 2
 * median 296 -> 281 ms over 15 runs), and a disk slower than the workers
 * still holds them back, at 32 × jobs PDFs of 20-100 KB in memory. */
#define TS_BATCH_QUEUE_PER_WORKER 32
/* All the places together, whatever -j: 256 PDFs, some 5-25 MB.  With
 * many workers each needs fewer places (at least 2) to ride out the
 * writers' pauses. */
#define TS_BATCH_QUEUE_MAX 256
/* Writer threads.  With --sync each write waits for the disk (see the
 * plan), and several writers overlap those waits; their number does not
 * follow -j.  Without it a write is a few system calls, two of which
 * (creating the temporary file, renaming it) take the folder's lock, and
 * writers only queue on that lock, the kernel spinning for it on the
 * other processor: -j 2 on the bench's 200 articles, rewriting their
 * PDFs, took 0.485 s with 4 writers, 0.37 s with 2, 0.33 s with one.  But
 * one writer writes some 3,000 PDFs a second (0.33 ms each with -j 1 on
 * the bench machine's ext4) and a worker typesets about 500 articles a
 * second, so from six workers on one writer would hold them back: one
 * writer for every TS_BATCH_WORKERS_PER_WRITER workers. */
#define TS_BATCH_WRITERS_SYNC 4
#define TS_BATCH_WORKERS_PER_WRITER 4
/* Free memory that an arena keeps rather than returning it to the
 * kernel: a few documents' worth of working memory (an article of a few
 * pages peaks at 2-4 MB of heap), a constant, so that what stays mapped
 * after a long document does not grow with the batch. */
#define TS_BATCH_TRIM_THRESHOLD (16 * 1024 * 1024)
/* Blocks from this size up are mapped on their own and unmapped when
 * freed (glibc's own rule, with its threshold fixed: setting the trim
 * threshold stops glibc from adapting it).  Below it they come from the
 * arena and are reused. */
#define TS_BATCH_MMAP_THRESHOLD (4 * 1024 * 1024)

typedef struct
{
  char *input;        /* as given */
  char *output;       /* OUTDIR/NAME.pdf */
  char *error;        /* the message when it failed (without "typeset: ") */
  TsDiag *diag;       /* its warnings */
  GBytes *data;       /* typeset, not yet written */
  TsStats stats;
  gboolean ok;
} Item;

typedef struct
{
  const TsBatchOptions *options;
  Item *items;
  int n_items;
  int next;           /* atomic: the next item to take */
  int done;           /* atomic: items finished */
  gboolean progress;

  /* The hand-over from the workers to the writers. */
  pthread_mutex_t lock;
  pthread_cond_t ready;  /* an item was queued, or the last worker ended */
  pthread_cond_t room;   /* the queue has room again */
  int *queue;            /* item indices, a ring of @capacity */
  int capacity, head, count;
  int workers_left;
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

/* See the plan at the top.  Process-wide, which is fine: a batch run does
 * nothing else.  Other C libraries keep their own policy. */
static void
keep_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_TRIM_THRESHOLD, TS_BATCH_TRIM_THRESHOLD);
  mallopt (M_MMAP_THRESHOLD, TS_BATCH_MMAP_THRESHOLD);
#endif
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

/* Worker: item @i is done with (typeset or failed); a writer takes it
 * from here.  Waits while the queue is full. */
static void
hand_over (Batch *batch, int i)
{
  pthread_mutex_lock (&batch->lock);
  while (batch->count == batch->capacity)
    pthread_cond_wait (&batch->room, &batch->lock);
  batch->queue[(batch->head + batch->count) % batch->capacity] = i;
  batch->count++;
  pthread_cond_signal (&batch->ready);
  pthread_mutex_unlock (&batch->lock);
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
          else if ((item->data = ts_engine_typeset_file_to_bytes (engine, item->input,
                                                                  item->diag, &item->stats,
                                                                  &error))
                   == NULL)
            item->error = g_strdup (error->message);
        }
      hand_over (batch, i);
    }

  pthread_mutex_lock (&batch->lock);
  if (--batch->workers_left == 0)
    pthread_cond_broadcast (&batch->ready); /* every writer may be waiting */
  pthread_mutex_unlock (&batch->lock);
  return NULL;
}

/* Writer: the next item a worker handed over, or -1 when every worker has
 * ended and the queue is empty. */
static int
take (Batch *batch)
{
  int i = -1;

  pthread_mutex_lock (&batch->lock);
  while (batch->count == 0 && batch->workers_left > 0)
    pthread_cond_wait (&batch->ready, &batch->lock);
  if (batch->count > 0)
    {
      i = batch->queue[batch->head];
      batch->head = (batch->head + 1) % batch->capacity;
      batch->count--;
      pthread_cond_signal (&batch->room);
    }
  pthread_mutex_unlock (&batch->lock);
  return i;
}

/* Writer: writes each handed-over item's PDF (its time counts in the
 * item's) and tells the user. */
static gpointer
writer (gpointer data)
{
  Batch *batch = data;

  /* At the normal policy: a writer that waited for the workers' time
   * slices to end (SCHED_BATCH, tried to save the interrupts that its
   * wake-ups cost the other processor, 3 % of a -j 2 run) fell behind and
   * took the tail of the run alone; -j 2 on the bench's 200 articles was
   * 4-5 % slower that way (medians of 15 and 21 interleaved runs). */
  for (int i; (i = take (batch)) >= 0;)
    {
      Item *item = &batch->items[i];

      if (item->data != NULL)
        {
          g_autoptr (GError) error = NULL;
          gint64 start = g_get_monotonic_time ();

          if (ts_write_file_atomically (item->output, item->data,
                                        batch->options->options->output.sync, &error))
            item->ok = TRUE;
          else
            {
              item->error = g_strdup (error->message);
              item->stats.pages = 0;
            }
          item->stats.microseconds += g_get_monotonic_time () - start;
          g_clear_pointer (&item->data, g_bytes_unref);
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
  int n_given = 0, n_failed = 0, n_warnings = 0, pages = 0, status = 0, n_workers, n_writers;
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
  keep_memory ();
  pthread_mutex_init (&batch.lock, NULL);
  pthread_cond_init (&batch.ready, NULL);
  pthread_cond_init (&batch.room, NULL);
  batch.capacity = jobs * CLAMP (TS_BATCH_QUEUE_MAX / jobs, 2, TS_BATCH_QUEUE_PER_WORKER);
  batch.queue = g_new (int, batch.capacity);
  n_workers = batch.n_items > 0 ? jobs : 0;
  batch.workers_left = n_workers;
  for (int i = 0; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("typeset-worker", worker, &batch));
  n_writers = MIN (MAX (options->options->output.sync ? TS_BATCH_WRITERS_SYNC : 1,
                        1 + (jobs - 1) / TS_BATCH_WORKERS_PER_WRITER),
                   batch.n_items);
  for (int i = 0; i < n_writers; i++)
    g_ptr_array_add (threads, g_thread_new ("typeset-writer", writer, &batch));
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
  g_free (batch.queue);
  pthread_cond_destroy (&batch.room);
  pthread_cond_destroy (&batch.ready);
  pthread_mutex_destroy (&batch.lock);

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
