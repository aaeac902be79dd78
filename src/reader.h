/* reader.h — bytes to validated, normalised text.
 *
 * The reader is the only stage that sees raw bytes.  It strips a UTF-8 BOM,
 * turns CRLF and lone CR into LF, checks UTF-8 (reporting FILE:LINE:COL of
 * the first bad byte), refuses NUL and other C0 control characters except
 * TAB (which becomes a space) and FF, and normalises to NFC.  Newlines are
 * never changed by NFC, so line numbers stay those of the input file.
 */
#pragma once

#include <glib.h>

#include "diag.h"
#include "encoding.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;     /* display name for diagnostics ("article.txt", "<stdin>") */
  char *text;     /* NFC UTF-8, NUL-terminated, LF line ends */
  gsize length;   /* bytes in text, without the terminating NUL */
  GArray *lines;  /* int: byte offset in text where each line starts */
} TsSource;

/* Reads @path ("-" for standard input).  Returns NULL and sets @error
 * (TS_ERROR_IO, TS_ERROR_ENCODING) on failure.  Caller frees with
 * ts_source_free(). */
TsSource *ts_source_read_file (const char *path, GError **error);

/* Same from memory; @name is the display name.  @data need not be
 * NUL-terminated and may contain NUL bytes (which are reported). */
TsSource *ts_source_new_from_data (const char *name, const char *data, gsize length,
                                   GError **error);

/* The same for input that may be in a legacy encoding (encoding.h).
 * TS_ENCODING_UTF8 is exactly the two functions above.  TS_ENCODING_AUTO
 * reads UTF-8 as they do; input that is not UTF-8 is converted from the
 * legacy encoding it is detected in, with an "encoding" warning in @diag,
 * and otherwise fails with the invalid-UTF-8 error.  Any other encoding is
 * converted from that one (TCVN3 with a warning that capitals may have
 * been lost).  @diag may be NULL. */
TsSource *ts_source_read_file_encoded (const char *path, TsEncoding encoding, TsDiag *diag,
                                       GError **error);
TsSource *ts_source_new_from_data_encoded (const char *name, const char *data, gsize length,
                                           TsEncoding encoding, TsDiag *diag, GError **error);

void ts_source_free (TsSource *source);

/* 1-based line and column (in characters) of byte @offset of source->text. */
void ts_source_get_position (const TsSource *source, gsize offset, int *line, int *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSource, ts_source_free)

G_END_DECLS
