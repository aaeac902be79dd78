/* pdfwriter.c — the bytes of a PDF file (pdfwriter.h). */
#include "pdfwriter.h"

#include <string.h>

#include <libdeflate.h>

struct TsPdfWriter
{
  GString *out;
  GArray *offsets; /* gsize: byte offset of object N at index N; 0 until written */
  struct libdeflate_compressor *deflater; /* made for the first compressed stream */
};

TsPdfWriter *
ts_pdf_writer_new (void)
{
  TsPdfWriter *writer = g_new0 (TsPdfWriter, 1);
  gsize zero = 0;

  writer->out = g_string_sized_new (64 * 1024);
  writer->offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  g_array_append_val (writer->offsets, zero); /* object 0: the free list's head */
  /* The comment's bytes above 127 tell transfer programs the file is binary. */
  g_string_append (writer->out, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
  return writer;
}

void
ts_pdf_writer_free (TsPdfWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->deflater != NULL)
    libdeflate_free_compressor (writer->deflater);
  if (writer->out != NULL)
    g_string_free (writer->out, TRUE);
  g_array_unref (writer->offsets);
  g_free (writer);
}

int
ts_pdf_writer_reserve (TsPdfWriter *writer)
{
  gsize zero = 0;

  g_array_append_val (writer->offsets, zero);
  return (int) writer->offsets->len - 1;
}

static void
begin_object (TsPdfWriter *writer, int id)
{
  g_return_if_fail (id > 0 && (guint) id < writer->offsets->len);
  g_array_index (writer->offsets, gsize, id) = writer->out->len;
  ts_pdf_append_int (writer->out, id);
  g_string_append (writer->out, " 0 obj\n");
}

void
ts_pdf_writer_object (TsPdfWriter *writer, int id, const char *body, gsize length)
{
  begin_object (writer, id);
  g_string_append_len (writer->out, body, (gssize) length);
  g_string_append (writer->out, "\nendobj\n");
}

void
ts_pdf_writer_stream (TsPdfWriter *writer, int id, const char *dict, const void *data,
                      gsize length, gboolean compress)
{
  GString *out = writer->out;
  gsize at;

  begin_object (writer, id);
  g_string_append (out, "<< ");
  g_string_append (out, dict);
  if (compress)
    {
      gsize bound, packed, length_at;

      if (writer->deflater == NULL
          && (writer->deflater = libdeflate_alloc_compressor (TS_PDF_DEFLATE_LEVEL)) == NULL)
        g_error ("libdeflate cannot make a compressor");
      bound = libdeflate_zlib_compress_bound (writer->deflater, length);
      /* The length is written after compressing into place: reserve room
       * for ten digits, then close the gap. */
      g_string_append (out, " /Filter /FlateDecode /Length ");
      length_at = out->len;
      g_string_append (out, "          >>\nstream\n");
      at = out->len;
      g_string_set_size (out, at + bound);
      packed = libdeflate_zlib_compress (writer->deflater, data, length, out->str + at, bound);
      if (packed == 0)
        g_error ("libdeflate cannot compress %" G_GSIZE_FORMAT " bytes", length);
      g_string_set_size (out, at + packed);
      {
        char digits[24];
        int n = g_snprintf (digits, sizeof digits, "%" G_GSIZE_FORMAT, packed);
        memcpy (out->str + length_at, digits, (size_t) n);
        /* The unused digits' places stay spaces: PDF ignores them. */
      }
    }
  else
    {
      g_string_append (out, " /Length ");
      ts_pdf_append_int (out, (gint64) length);
      g_string_append (out, " >>\nstream\n");
      g_string_append_len (out, data, (gssize) length);
    }
  g_string_append (out, "\nendstream\nendobj\n");
}

GBytes *
ts_pdf_writer_finish (TsPdfWriter *writer, int catalog, int info)
{
  GString *out = writer->out;
  gsize xref = out->len;
  guint n = writer->offsets->len;
  g_autoptr (GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  guint8 digest[16];
  gsize digest_length = sizeof digest;

  g_checksum_update (md5, (const guchar *) out->str, (gssize) out->len);
  g_checksum_get_digest (md5, digest, &digest_length);
  g_string_append (out, "xref\n0 ");
  ts_pdf_append_int (out, n);
  g_string_append (out, "\n0000000000 65535 f \n");
  for (guint i = 1; i < n; i++)
    {
      gsize offset = g_array_index (writer->offsets, gsize, i);
      char entry[24];

      g_warn_if_fail (offset > 0);
      g_snprintf (entry, sizeof entry, "%010lu 00000 n \n", (unsigned long) offset);
      g_string_append_len (out, entry, 20);
    }
  g_string_append (out, "trailer\n<< /Size ");
  ts_pdf_append_int (out, n);
  g_string_append (out, " /Root");
  ts_pdf_append_ref (out, catalog);
  if (info > 0)
    {
      g_string_append (out, " /Info");
      ts_pdf_append_ref (out, info);
    }
  g_string_append (out, " /ID [<");
  for (int copy = 0; copy < 2; copy++)
    {
      for (gsize i = 0; i < digest_length; i++)
        g_string_append_printf (out, "%02x", digest[i]);
      g_string_append (out, copy == 0 ? "> <" : ">]");
    }
  g_string_append (out, " >>\nstartxref\n");
  ts_pdf_append_int (out, (gint64) xref);
  g_string_append (out, "\n%%EOF\n");
  {
    GBytes *bytes = g_string_free_to_bytes (g_steal_pointer (&writer->out));
    ts_pdf_writer_free (writer);
    return bytes;
  }
}

/* ---- syntax -------------------------------------------------------------- */

void
ts_pdf_append_int (GString *out, gint64 value)
{
  char digits[24];
  int n = 0;
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

void
ts_pdf_append_number (GString *out, double value)
{
  gint64 thousandths;
  int fraction;

  if (!(value == value) || value > 1e12 || value < -1e12)
    value = 0; /* NaN or absurd: never produced by the layout; keep the file valid */
  thousandths = (gint64) (value * 1000.0 + (value < 0 ? -0.5 : 0.5));
  if (thousandths < 0)
    {
      g_string_append_c (out, '-');
      thousandths = -thousandths;
    }
  ts_pdf_append_int (out, thousandths / 1000);
  fraction = (int) (thousandths % 1000);
  if (fraction == 0)
    return;
  g_string_append_c (out, '.');
  g_string_append_c (out, (char) ('0' + fraction / 100));
  fraction %= 100;
  if (fraction == 0)
    return;
  g_string_append_c (out, (char) ('0' + fraction / 10));
  fraction %= 10;
  if (fraction != 0)
    g_string_append_c (out, (char) ('0' + fraction));
}

void
ts_pdf_append_numbers (GString *out, const double *values, int n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      ts_pdf_append_number (out, values[i]);
    }
}

void
ts_pdf_append_ref (GString *out, int id)
{
  g_string_append_c (out, ' ');
  ts_pdf_append_int (out, id);
  g_string_append (out, " 0 R");
}

void
ts_pdf_append_hex4 (GString *out, guint value)
{
  static const char hex[] = "0123456789ABCDEF";
  char digits[4] = { hex[(value >> 12) & 15], hex[(value >> 8) & 15], hex[(value >> 4) & 15],
                     hex[value & 15] };

  g_string_append_len (out, digits, 4);
}

void
ts_pdf_append_utf16_hex (GString *out, const char *utf8, gssize length)
{
  const char *p = utf8, *end = length < 0 ? NULL : utf8 + length;

  while ((end == NULL && *p != '\0') || (end != NULL && p < end))
    {
      gunichar c = g_utf8_get_char_validated (p, end == NULL ? -1 : end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          c = 0xFFFD;
          p++;
        }
      else
        p = g_utf8_next_char (p);
      if (c >= 0x10000)
        {
          c -= 0x10000;
          ts_pdf_append_hex4 (out, 0xD800 + (c >> 10));
          ts_pdf_append_hex4 (out, 0xDC00 + (c & 0x3FF));
        }
      else
        ts_pdf_append_hex4 (out, c);
    }
}

void
ts_pdf_append_byte_string (GString *out, const char *bytes, gsize length)
{
  g_string_append_c (out, '(');
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) bytes[i];

      if (c == '(' || c == ')' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\%03o", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, ')');
}

void
ts_pdf_append_text_string (GString *out, const char *utf8)
{
  gboolean ascii = TRUE;

  for (const char *p = utf8; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      {
        ascii = FALSE;
        break;
      }
  if (ascii)
    {
      ts_pdf_append_byte_string (out, utf8, strlen (utf8));
      return;
    }
  g_string_append (out, "<FEFF");
  ts_pdf_append_utf16_hex (out, utf8, -1);
  g_string_append_c (out, '>');
}
