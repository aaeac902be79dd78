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
} CliOptions;

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

/* article.txt → article.pdf in the current folder. */
static char *
default_output (const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, ".pdf", NULL);
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

int
main (int argc, char **argv)
{
  CliOptions cli = { 0 };
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
    { "help-style", 0, 0, G_OPTION_ARG_NONE, &cli.help_style,
      "List every style key with its type, default and meaning", NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &cli.version, "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.inputs, NULL, "INPUT" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("INPUT");
  g_autoptr (GError) error = NULL;
  g_autoptr (TsEngine) engine = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (GString) dump = g_string_new (NULL);
  g_autofree char *output = NULL;
  TsDumpKind dump_kind = TS_DUMP_NONE;
  TsOptions options = { 0 };
  gboolean ok;

  g_option_context_set_summary (context,
    "Typeset a Vietnamese article (plain text, UTF-8) as a print-ready PDF bulletin.");
  g_option_context_set_description (context,
    "Examples:\n"
    "  typeset article.txt -o article.pdf\n"
    "  typeset --style plain --set body.font=\"Noto Serif 12\" article.txt\n"
    "  typeset --dump=pages article.txt > pages.json\n\n"
    "Exit status: 0 success, 1 an input failed, 2 usage error.\n"
    "Environment: SOURCE_DATE_EPOCH (reproducible dates), TYPESET_DATA_DIR.\n"
    "See typeset(1) for the article format and the styles.");
  /* Arguments are taken as bytes (FILENAME options) and checked as UTF-8
   * here, so that Vietnamese in --set works whatever the locale. */
  setlocale (LC_ALL, "");
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
  if (cli.inputs == NULL || cli.inputs[0] == NULL)
    usage_error ("no input file; give an article, e.g. typeset article.txt -o article.pdf");
  if (cli.inputs[1] != NULL)
    usage_error ("more than one input; give one article per run");
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
      output = default_output (cli.inputs[0]);
    }
  if (output != NULL && dump_kind != TS_DUMP_NONE && strcmp (output, "-") == 0)
    usage_error ("--dump writes to standard output; give -o a file name");

  options.data_dir = find_data_dir ();
  options.style = cli.style;
  options.sets = (const char *const *) cli.sets;
  options.source_date_epoch = source_date_epoch ();

  engine = ts_engine_new (&options, &error);
  if (engine == NULL)
    {
      fprintf (stderr, "typeset: %s\n", error->message);
      /* A bad --set is a usage error; a bad style file is a bad input. */
      return error->code == TS_ERROR_STYLE && g_str_has_prefix (error->message, "--set")
               ? EXIT_USAGE
               : EXIT_INPUT;
    }

  ok = ts_engine_typeset_file (engine, cli.inputs[0], output, dump_kind, dump, diag, &error);
  print_diagnostics (diag, cli.quiet);
  if (!ok)
    {
      fprintf (stderr, "typeset: %s\n", error->message);
      return EXIT_INPUT;
    }
  fwrite (dump->str, 1, dump->len, stdout);
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "typeset: standard output: %s\n", g_strerror (errno));
      return EXIT_INPUT;
    }
  g_strfreev (cli.sets);
  g_strfreev (cli.inputs);
  g_free (cli.output);
  g_free (cli.style);
  g_free (cli.dump);
  if (cli.strict && diag->items->len > 0)
    return EXIT_INPUT;
  return EXIT_OK;
}
