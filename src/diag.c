/* diag.c — the diagnostic sink (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

static void
diagnostic_clear (gpointer data)
{
  TsDiagnostic *d = data;
  g_free (d->file);
  g_free (d->code);
  g_free (d->message);
}

TsDiag *
ts_diag_new (void)
{
  TsDiag *diag = g_new0 (TsDiag, 1);
  diag->items = g_array_new (FALSE, TRUE, sizeof (TsDiagnostic));
  g_array_set_clear_func (diag->items, diagnostic_clear);
  return diag;
}

void
ts_diag_free (TsDiag *diag)
{
  if (diag == NULL)
    return;
  g_array_unref (diag->items);
  g_free (diag);
}

void
ts_diag_add (TsDiag *diag, TsDiagSeverity severity, const char *file, int line, int column,
             const char *code, const char *format, ...)
{
  TsDiagnostic d = { 0 };
  va_list args;

  if (diag == NULL)
    return;
  d.severity = severity;
  d.file = g_strdup (file);
  d.line = line;
  d.column = column;
  d.code = g_strdup (code);
  va_start (args, format);
  d.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (diag->items, d);
}

char *
ts_diagnostic_format (const TsDiagnostic *d)
{
  GString *s = g_string_new ("typeset: ");

  if (d->file != NULL)
    {
      g_string_append (s, d->file);
      if (d->line > 0)
        g_string_append_printf (s, ":%d", d->line);
      if (d->column > 0)
        g_string_append_printf (s, ":%d", d->column);
      g_string_append (s, ": ");
    }
  g_string_append (s, d->severity == TS_DIAG_WARNING ? "warning: " : "note: ");
  g_string_append (s, d->message);
  return g_string_free (s, FALSE);
}

int
ts_diag_count (const TsDiag *diag, const char *code)
{
  int n = 0;

  for (guint i = 0; i < diag->items->len; i++)
    {
      const TsDiagnostic *d = &g_array_index (diag->items, TsDiagnostic, i);
      if (code == NULL || g_strcmp0 (d->code, code) == 0)
        n++;
    }
  return n;
}
