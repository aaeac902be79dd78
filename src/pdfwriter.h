/* pdfwriter.h — the bytes of a PDF file: numbered objects, streams, the
 * cross-reference table.
 *
 * The lowest layer of the native PDF output (pdfout.h): it knows the file
 * syntax and nothing of pages or fonts.  Objects are numbered first
 * (ts_pdf_writer_reserve) so that they can refer to each other in any
 * order, and written whole, one after the other, into one growing buffer;
 * ts_pdf_writer_finish adds the cross-reference table and the trailer.
 * Numbers are written by hand, not through printf: a page has thousands
 * of them (glyph positions), and printf's locale-aware formatting was the
 * largest single cost of Cairo's PDF output (callgrind).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct TsPdfWriter TsPdfWriter;

/* Compression of content streams and fonts (FlateDecode), by libdeflate:
 * whole buffers, which is what a stream is here.  On the seed ×20's 58
 * streams (580 KB) its level 1 took 1.7 ms for 177 KB, zlib's level 2 at
 * memLevel 7 (what typeset used before) 5.4 ms for 182 KB, zlib's level 1
 * 5.0 ms for 192 KB; libdeflate's level 2 3.0 ms for 174 KB.  Deflating
 * was a quarter of the processor time of a batch of short articles. */
#define TS_PDF_DEFLATE_LEVEL 1

/* A writer with the header written.  Caller frees with
 * ts_pdf_writer_free(). */
TsPdfWriter *ts_pdf_writer_new (void);
void ts_pdf_writer_free (TsPdfWriter *writer);

/* A fresh object number for an object written later. */
int ts_pdf_writer_reserve (TsPdfWriter *writer);

/* Writes object @id whose value is @body (a dictionary, an array, a
 * number).  Each reserved object is written exactly once. */
void ts_pdf_writer_object (TsPdfWriter *writer, int id, const char *body, gsize length);

/* Writes object @id as a stream: @dict holds the dictionary's entries
 * without the brackets and without /Length and /Filter, which this adds.
 * With @compress the data is deflated (FlateDecode). */
void ts_pdf_writer_stream (TsPdfWriter *writer, int id, const char *dict, const void *data,
                           gsize length, gboolean compress);

/* Appends the trailer (with /Root @catalog, /Info @info when > 0, and an
 * /ID computed from the file's bytes, so that the same document gives the
 * same file) and returns the file.  Frees @writer.  (transfer full) */
GBytes *ts_pdf_writer_finish (TsPdfWriter *writer, int catalog, int info);

/* ---- syntax helpers, appending to a GString ---------------------------- */

/* @value with at most three decimals and no trailing zeros ("12.5",
 * "-0.25", "3"): a thousandth of a point is far below what any printer
 * resolves. */
void ts_pdf_append_number (GString *out, double value);
/* @n numbers as ts_pdf_append_number writes them, a space between two. */
void ts_pdf_append_numbers (GString *out, const double *values, int n);
void ts_pdf_append_int (GString *out, gint64 value);
/* " N 0 R" */
void ts_pdf_append_ref (GString *out, int id);
/* A text string: (literal) when @utf8 is printable ASCII, else UTF-16BE
 * with a byte-order mark in hex, as PDF 1.7 §7.9.2.2 defines. */
void ts_pdf_append_text_string (GString *out, const char *utf8);
/* A byte string: literal, with ( ) \ and control bytes escaped. */
void ts_pdf_append_byte_string (GString *out, const char *bytes, gsize length);
/* @utf8 as UTF-16BE hex digits (no brackets, no byte-order mark). */
void ts_pdf_append_utf16_hex (GString *out, const char *utf8, gssize length);
/* Four hexadecimal digits (uppercase) of @value. */
void ts_pdf_append_hex4 (GString *out, guint value);

G_END_DECLS
