/* diag.h — the diagnostic sink.
 *
 * Warnings with a source position (a missing glyph, an overfull line, a
 * widow that could not be avoided).  Stages add to the sink and keep going;
 * main.c prints them and decides the exit code (typst's "sink", not errors).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TS_DIAG_NOTE,
  TS_DIAG_WARNING,
} TsDiagSeverity;

typedef struct
{
  TsDiagSeverity severity;
  char *file;   /* display name of the source; may be NULL */
  int line;     /* 1-based; 0 when unknown */
  int column;   /* 1-based, in characters; 0 when unknown */
  char *code;   /* short machine-readable kind: "missing-glyph", "overfull", ... */
  char *message;
} TsDiagnostic;

typedef struct
{
  GArray *items; /* TsDiagnostic */
} TsDiag;

TsDiag *ts_diag_new (void);
void ts_diag_free (TsDiag *diag);
void ts_diag_add (TsDiag *diag, TsDiagSeverity severity, const char *file, int line, int column,
                  const char *code, const char *format, ...) G_GNUC_PRINTF (7, 8);
/* "typeset: FILE:LINE:COL: warning: MESSAGE\n" for each; returns a new string. */
char *ts_diagnostic_format (const TsDiagnostic *d);
int ts_diag_count (const TsDiag *diag, const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDiag, ts_diag_free)

G_END_DECLS
