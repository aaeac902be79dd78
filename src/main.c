/* main.c — the command line: options, messages, exit codes.
 *
 * The only file that prints to the user or calls exit().  Exit codes:
 * 0 success, 1 an input failed (or a warning under --strict), 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "encoding.h"
#include "startup.h"
#include "style.h"
#include "typeset.h"

enum
{
  EXIT_OK = 0,
  EXIT_INPUT = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char *output;
  char *style;
  char **sets;
  char *dump;
  gboolean strict;
  gboolean quiet;
  gboolean version;
  gboolean help_style;
  char **inputs;
  char *encoding;
  char *outdir;
  int jobs;
  gboolean verbose;
  char *report;
  char *shard;
  /* print production (issue 5) */
  char *format;
  int page;
  double dpi;
  char *impose;
  int signature;
  char *bleed;
  gboolean marks;
  gboolean sync;
  gboolean check_fonts;
  /* layouts (issue 4) */
  char *images;
  gboolean keep_going;
  char *from;
} CliOptions;

/* Every exit from main() frees what option parsing allocated (LeakSanitizer
 * reports it on the error paths otherwise). */
static void
cli_options_clear (CliOptions *cli)
{
  g_strfreev (cli->sets);
  g_strfreev (cli->inputs);
  g_free (cli->output);
  g_free (cli->style);
  g_free (cli->dump);
  g_free (cli->encoding);
  g_free (cli->outdir);
  g_free (cli->report);
  g_free (cli->shard);
  g_free (cli->format);
  g_free (cli->impose);
  g_free (cli->bleed);
  g_free (cli->images);
  g_free (cli->from);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static void
usage_error (const char *message)
{
  fprintf (stderr, "typeset: %s\nTry 'typeset --help' for more information.\n", message);
  exit (EXIT_USAGE);
}

static const char *
find_data_dir (void)
{
  const char *env = g_getenv ("TYPESET_DATA_DIR");
  g_autofree char *installed = g_build_filename (TS_DATADIR, "fonts", "fonts.conf", NULL);

  if (env != NULL && env[0] != '\0')
    return env;
  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return TS_DATADIR;
  return TS_SOURCE_DIR;
}

static gint64
source_date_epoch (void)
{
  const char *env = g_getenv ("SOURCE_DATE_EPOCH");
  char *end = NULL;
  gint64 value;

  if (env == NULL || env[0] == '\0')
    return -1;
  errno = 0;
  value = g_ascii_strtoll (env, &end, 10);
  if (errno != 0 || *end != '\0' || value < 0)
    usage_error ("SOURCE_DATE_EPOCH must be a number of seconds since 1970");
  return value;
}

/* article.txt → article.pdf (or .png, .svg) in the current folder. */
static char *
default_output (const char *input, TsOutputFormat format)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, format == TS_FORMAT_PNG ? ".png" : format == TS_FORMAT_SVG ? ".svg"
                                                                                     : ".pdf",
                      NULL);
}

/* --format, --page, --dpi, --impose, --signature, --bleed, --marks.  The
 * format is --format's, else the output's extension (.png, .svg), else PDF. */
static void
parse_output_options (const CliOptions *cli, const char *output, TsOutputOptions *out)
{
  *out = (TsOutputOptions){ .format = TS_FORMAT_PDF, .page = cli->page, .dpi = cli->dpi,
                            .signature = cli->signature, .marks = cli->marks,
                            .sync = cli->sync };
  if (cli->format != NULL)
    {
      if (g_ascii_strcasecmp (cli->format, "png") == 0)
        out->format = TS_FORMAT_PNG;
      else if (g_ascii_strcasecmp (cli->format, "svg") == 0)
        out->format = TS_FORMAT_SVG;
      else if (g_ascii_strcasecmp (cli->format, "pdf") != 0)
        usage_error ("--format: give pdf, png or svg");
    }
  else if (output != NULL && (g_str_has_suffix (output, ".png") || g_str_has_suffix (output, ".PNG")))
    out->format = TS_FORMAT_PNG;
  else if (output != NULL && (g_str_has_suffix (output, ".svg") || g_str_has_suffix (output, ".SVG")))
    out->format = TS_FORMAT_SVG;
  if (cli->page != 0 && (out->format == TS_FORMAT_PDF || cli->page < 1))
    usage_error ("--page N (1 or more) picks the page of a PNG or SVG preview; -o page.png");
  if (cli->dpi != 0 && (out->format != TS_FORMAT_PNG || cli->dpi < 10 || cli->dpi > 2400))
    usage_error ("--dpi D (10 to 2400) is the resolution of a PNG preview; -o page.png");
  if (cli->impose != NULL)
    {
      if (strcmp (cli->impose, "saddle") == 0)
        out->impose = TS_IMPOSE_SADDLE;
      else if (strcmp (cli->impose, "2up") == 0)
        out->impose = TS_IMPOSE_2UP;
      else if (strcmp (cli->impose, "none") != 0)
        usage_error ("--impose: give saddle (booklet order, 2 pages a sheet side), 2up or none");
    }
  if (cli->signature != 0 && out->impose != TS_IMPOSE_SADDLE)
    usage_error ("--signature N splits a saddle-stitched booklet: give --impose saddle too");
  if (cli->signature < 0 || cli->signature % 4 != 0)
    usage_error ("--signature: give a multiple of 4 pages (one folded sheet holds 4), e.g. 16");
  if (cli->bleed != NULL && !ts_length_parse (cli->bleed, 0, &out->bleed))
    usage_error ("--bleed: give a length with its unit, e.g. --bleed 3mm");
  if (out->bleed > 50 * 72 * PANGO_SCALE / 25.4)
    usage_error ("--bleed: give at most 50mm (3mm is usual)");
}

static void
print_diagnostics (const TsDiag *diag, gboolean quiet)
{
  if (quiet)
    return;
  for (guint i = 0; i < diag->items->len; i++)
    {
      g_autofree char *line = ts_diagnostic_format (&g_array_index (diag->items,
                                                                      TsDiagnostic, i));
      fprintf (stderr, "%s\n", line);
    }
}

/* The library's options from the command line's, for one engine (a
 * single article or booklet) or for each worker of a batch. */
static void
engine_options (const CliOptions *cli, const char *output, TsOptions *options)
{
  options->data_dir = find_data_dir ();
  options->style = cli->style;
  options->sets = (const char *const *) cli->sets;
  options->source_date_epoch = source_date_epoch ();
  options->encoding = cli->encoding;
  options->images_dir = cli->images;
  options->keep_going = cli->keep_going;
  options->from = cli->from;
  options->strict = cli->strict;
  parse_output_options (cli, output, &options->output);
}

int
main (int argc, char **argv)
{
  g_auto (CliOptions) cli = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
      "Write the PDF to FILE ('-' for standard output; default: INPUT with .pdf)", "FILE" },
    { "style", 's', 0, G_OPTION_ARG_FILENAME, &cli.style,
      "Style name (bulletin, plain, booklet) or a .style file", "NAME|FILE" },
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.sets,
      "Override a style key, e.g. --set masthead.name=\"BẢN TIN\" (repeatable)", "KEY=VALUE" },
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &cli.dump,
      "Print a stage's data as JSON on standard output: doc, lines or pages", "STAGE" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &cli.strict,
      "Treat warnings (missing glyphs, overfull lines) as failures", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli.quiet, "Do not print warnings", NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &cli.encoding,
      "Input encoding: auto (default: UTF-8, or a detected legacy one), utf-8, cp1258, "
      "viscii, tcvn3, vni", "NAME" },
    { "output-dir", 'd', 0, G_OPTION_ARG_FILENAME, &cli.outdir,
      "Batch: typeset every INPUT into OUTDIR/INPUT.pdf", "OUTDIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &cli.jobs,
      "Batch: N inputs at once (default: the number of processors)", "N" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &cli.report,
      "Batch: write a JSON report (status, pages, warnings, time of each input)", "FILE" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &cli.shard,
      "Batch: take only the K-th of N stable slices of the inputs (1 <= K <= N)", "K/N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &cli.verbose,
      "Batch: a line for each input as it is done", NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &cli.format,
      "Output format: pdf, png or svg (default: from -o's extension, else pdf)", "FORMAT" },
    { "page", 0, 0, G_OPTION_ARG_INT, &cli.page,
      "PNG, SVG: the page (or imposed sheet) to draw (default: 1)", "N" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &cli.dpi, "PNG: pixels per inch (default: 150)", "D" },
    { "impose", 0, 0, G_OPTION_ARG_STRING, &cli.impose,
      "Sheets for the press: saddle (booklet order, 2 pages a side), 2up, none", "KIND" },
    { "signature", 0, 0, G_OPTION_ARG_INT, &cli.signature,
      "With --impose saddle: signatures of N pages (a multiple of 4)", "N" },
    { "bleed", 0, 0, G_OPTION_ARG_STRING, &cli.bleed,
      "Grow each sheet by LENGTH past the trim, e.g. 3mm; adds TrimBox and BleedBox", "LENGTH" },
    { "marks", 0, 0, G_OPTION_ARG_NONE, &cli.marks, "Crop marks (and fold marks) in a slug",
      NULL },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &cli.sync,
      "Flush each file to the disk before it replaces the old one (safe against a power cut)",
      NULL },
    { "check-fonts", 0, 0, G_OPTION_ARG_NONE, &cli.check_fonts,
      "Check the style's fonts for the 134 Vietnamese letters; -o writes a specimen sheet",
      NULL },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &cli.images,
      "Photos for captions without one: DIR/1.jpg (or .png) for the first caption, 2.jpg "
      "for the second, ...", "DIR" },
    { "keep-going", 0, 0, G_OPTION_ARG_NONE, &cli.keep_going,
      "A photo that cannot be read leaves a marked frame and a warning, not an error", NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &cli.from,
      "Input format: text (the article format) or markdown (default: .md and .markdown "
      "files are Markdown)", "FORMAT" },
    { "help-style", 0, 0, G_OPTION_ARG_NONE, &cli.help_style,
      "List every style key with its type, default and meaning", NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &cli.version, "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.inputs, NULL, "INPUT" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("INPUT | -d OUTDIR INPUT...");
  g_autoptr (GError) error = NULL;
  g_autoptr (TsEngine) engine = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autofree char *output = NULL;
  TsDumpKind dump_kind = TS_DUMP_NONE;
  TsOptions options = { 0 };
  gboolean ok;
  gboolean booklet;

  /* Before anything sizeable is allocated: the heap on huge pages. */
  ts_startup_tune_memory ();
  g_option_context_set_summary (context,
    "Typeset a Vietnamese article (plain text, UTF-8) as a print-ready PDF bulletin.");
  g_option_context_set_description (context,
    "Examples:\n"
    "  typeset article.txt -o article.pdf\n"
    "  typeset --style plain --set body.font=\"Noto Serif 12\" article.txt\n"
    "  typeset --dump=pages article.txt > pages.json\n"
    "  typeset -j 4 -d out/ --report out/report.json articles/*.txt\n\n"
    "Exit status: 0 success, 1 an input failed, 2 usage error.\n"
    "Environment: SOURCE_DATE_EPOCH (reproducible dates), TYPESET_DATA_DIR.\n"
    "See typeset(1) for the article format and the styles.");
  /* Arguments are taken as bytes (FILENAME options) and checked as UTF-8
   * here, so that Vietnamese in --set works whatever the locale.  Only the
   * character type comes from the environment: messages are English, and
   * numbers and dates are never formatted by the locale (a decimal comma
   * must not reach a PDF).  Loading every category read 13 files at each
   * start (0.25 ms). */
  setlocale (LC_CTYPE, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    usage_error (error->message);

  if (cli.version)
    {
      printf ("%s\n", ts_version_string ());
      return EXIT_OK;
    }
  if (cli.help_style)
    {
      g_autofree char *keys = ts_style_describe_keys ();
      fputs (keys, stdout);
      return EXIT_OK;
    }
  for (int i = 0; cli.sets != NULL && cli.sets[i] != NULL; i++)
    if (!g_utf8_validate (cli.sets[i], -1, NULL))
      usage_error ("--set: the value is not UTF-8; use a UTF-8 terminal or script");
  if (cli.style != NULL && !g_utf8_validate (cli.style, -1, NULL))
    usage_error ("--style: the name is not UTF-8");
  if (cli.check_fonts)
    {
      g_autoptr (GString) report = g_string_new (NULL);
      int failing;

      if (cli.inputs != NULL)
        usage_error ("--check-fonts takes no input: typeset --check-fonts [--style NAME] [-o sheet.pdf]");
      if (cli.output != NULL && strcmp (cli.output, "-") == 0)
        usage_error ("--check-fonts prints its report on standard output; give -o a file name");
      options.data_dir = find_data_dir ();
      options.style = cli.style;
      options.sets = (const char *const *) cli.sets;
      options.source_date_epoch = source_date_epoch ();
      engine = ts_engine_new (&options, &error);
      if (engine == NULL)
        {
          fprintf (stderr, "typeset: %s\n", error->message);
          return EXIT_INPUT;
        }
      failing = ts_engine_check_fonts (engine, cli.output, report, &error);
      fputs (report->str, stdout);
      if (failing < 0)
        {
          fprintf (stderr, "typeset: %s\n", error->message);
          return EXIT_INPUT;
        }
      return failing > 0 ? EXIT_INPUT : EXIT_OK;
    }
  if (cli.inputs == NULL || cli.inputs[0] == NULL)
    usage_error ("no input file; give an article, e.g. typeset article.txt -o article.pdf");
  if (cli.encoding != NULL && !ts_encoding_from_name (cli.encoding, &(TsEncoding){ 0 }))
    {
      g_autofree char *m = g_strdup_printf ("--encoding=%s: unknown encoding; use auto, utf-8, "
                                            "cp1258, viscii, tcvn3 or vni", cli.encoding);
      usage_error (m);
    }
  if (cli.outdir == NULL
      && (cli.jobs != 0 || cli.report != NULL || cli.shard != NULL || cli.verbose))
    usage_error ("-j, --report, --shard and --verbose are for a batch: give -d OUTDIR");
  if (cli.outdir != NULL)
    {
      TsBatchOptions batch = { .outdir = cli.outdir, .jobs = cli.jobs, .quiet = cli.quiet,
                               .verbose = cli.verbose, .strict = cli.strict,
                               .report = cli.report };
      g_autoptr (TsEngine) check = NULL;

      if (cli.output != NULL || cli.dump != NULL)
        usage_error ("-d OUTDIR names the PDFs itself: give neither -o nor --dump with it");
      if (cli.jobs < 0)
        usage_error ("-j: give a number of workers, 1 or more");
      if (cli.shard != NULL
          && !ts_batch_parse_shard (cli.shard, &batch.shard_index, &batch.shard_count))
        usage_error ("--shard: give K/N with 1 <= K <= N, e.g. --shard 2/8");
      for (int i = 0; cli.inputs[i] != NULL; i++)
        if (strcmp (cli.inputs[i], "-") == 0)
          usage_error ("standard input cannot be part of a batch: give files with -d");
      engine_options (&cli, NULL, &options);
      if (options.output.format != TS_FORMAT_PDF)
        usage_error ("-d OUTDIR writes PDFs: give no --format png or svg with it");
      batch.options = &options;
      /* A bad style or --set fails once here, not once per input. */
      check = ts_engine_new (&options, &error);
      if (check == NULL)
        {
          fprintf (stderr, "typeset: %s\n", error->message);
          return error->code == TS_ERROR_STYLE && g_str_has_prefix (error->message, "--set")
                   ? EXIT_USAGE
                   : EXIT_INPUT;
        }
      g_clear_pointer (&check, ts_engine_free);
      return ts_startup_finish (ts_batch_run (&batch, cli.inputs));
    }
  if (cli.from != NULL && strcmp (cli.from, "text") != 0 && strcmp (cli.from, "markdown") != 0)
    usage_error ("--from: give text or markdown");
  if (cli.images != NULL && !g_file_test (cli.images, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *m = g_strdup_printf ("--images %s: not a folder", cli.images);
      usage_error (m);
    }
  /* Several inputs without -d: one booklet of all of them. */
  booklet = cli.inputs[1] != NULL;
  if (booklet)
    {
      for (int i = 0; cli.inputs[i] != NULL; i++)
        if (strcmp (cli.inputs[i], "-") == 0)
          usage_error ("standard input cannot be part of a booklet: give files");
      if (cli.output == NULL && cli.dump == NULL)
        usage_error ("several inputs make one booklet: give its name with -o FILE "
                     "(or -d OUTDIR for one PDF each)");
    }
  if (cli.dump != NULL)
    {
      if (strcmp (cli.dump, "doc") == 0)
        dump_kind = TS_DUMP_DOC;
      else if (strcmp (cli.dump, "lines") == 0)
        dump_kind = TS_DUMP_LINES;
      else if (strcmp (cli.dump, "pages") == 0)
        dump_kind = TS_DUMP_PAGES;
      else
        {
          g_autofree char *m = g_strdup_printf ("--dump=%s: unknown stage; use doc, lines or pages",
                                                cli.dump);
          usage_error (m);
        }
    }
  if (cli.output != NULL)
    output = g_strdup (cli.output);
  else if (dump_kind == TS_DUMP_NONE)
    {
      if (strcmp (cli.inputs[0], "-") == 0)
        usage_error ("reading standard input: give the output with -o FILE (or -o -)");
      parse_output_options (&cli, NULL, &options.output);
      output = default_output (cli.inputs[0], options.output.format);
    }
  if (output != NULL && dump_kind != TS_DUMP_NONE && strcmp (output, "-") == 0)
    usage_error ("--dump writes to standard output; give -o a file name");

  engine_options (&cli, output, &options);

  engine = ts_engine_new (&options, &error);
  if (engine == NULL)
    {
      fprintf (stderr, "typeset: %s\n", error->message);
      /* A bad --set is a usage error; a bad style file is a bad input. */
      return error->code == TS_ERROR_STYLE && g_str_has_prefix (error->message, "--set")
               ? EXIT_USAGE
               : EXIT_INPUT;
    }

  if (booklet)
    ok = ts_engine_typeset_booklet (engine, (const char *const *) cli.inputs, output, dump_kind,
                                    dump, diag, &error);
  else
    ok = ts_engine_typeset_file (engine, cli.inputs[0], output, dump_kind, dump, diag, &error);
  print_diagnostics (diag, cli.quiet);
  if (!ok)
    {
      fprintf (stderr, "typeset: %s\n", error->message);
      return ts_startup_finish (EXIT_INPUT);
    }
  fwrite (dump->str, 1, dump->len, stdout);
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "typeset: standard output: %s\n", g_strerror (errno));
      return EXIT_INPUT;
    }
  if (cli.strict && diag->items->len > 0)
    return ts_startup_finish (EXIT_INPUT);
  return ts_startup_finish (EXIT_OK);
}
