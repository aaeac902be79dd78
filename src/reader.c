/* reader.c — bytes to validated, NFC-normalised text (see reader.h).
 *
 * Plan.  Three linear passes, each over the output of the one before:
 *
 *  1. clean: one pass over the raw bytes with a strict UTF-8 decoder
 *     (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
 *     U+10FFFF).  It strips a leading BOM, turns CRLF and lone CR into LF and
 *     TAB into a space, and stops at the first ill-formed byte or control
 *     character with FILE:LINE:COL.  LINE and COL are counted here, on the
 *     bytes as the user's editor shows them, since nothing later can know
 *     where an invalid byte was.
 *  2. normalise to NFC, in groups cut at characters that are "normalisation
 *     boundaries" (below).  g_utf8_normalize() moves the whole tail of its
 *     buffer on every composition, so one call over a 1 MB NFD line takes
 *     seconds (measured with GLib 2.74: 0.03 s for 100 kB, 0.66 s for
 *     400 kB); in groups of a few hundred bytes it stays linear.
 *  3. index line starts.
 *
 * Form feeds.  FF is a page break in old office text; TeX reads it as \par.
 * It becomes LF, but LF that does not start a new line of the *file*: it is
 * left out of the line index, so that LINE:COL after a form feed are still
 * those an editor shows (vim, grep -n and gcc count only LF).  The parser
 * treats such an LF as a block break.
 */
#include "reader.h"

#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* UAX #15's Stream-Safe Text Format allows at most 30 non-starters in a
 * row, and no real text needs more (Vietnamese needs two).  Longer runs are
 * refused: canonical reordering inside a run is quadratic in GLib. */
#define TS_READER_MAX_NONSTARTERS 30

/* Bytes per g_utf8_normalize() call: large enough that the call overhead is
 * small, small enough that GLib's per-composition memmove stays cheap. */
#define TS_READER_NORMALIZE_GROUP 256

/* Read buffer for files and standard input. */
#define TS_READER_CHUNK 65536

static const char *const control_names[32] = {
  "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "HT",  "LF",
  "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
  "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US",
};

/* Decodes one well-formed UTF-8 sequence at @p, of which @avail bytes are
 * available.  Returns its length and sets @out, or 0 when the sequence that
 * starts at @p is ill-formed or truncated. */
static int
decode_utf8 (const guchar *p, gsize avail, gunichar *out)
{
  guchar lo = 0x80, hi = 0xBF;
  gunichar c;
  int len;

  if (p[0] < 0x80)
    {
      *out = p[0];
      return 1;
    }
  else if (p[0] >= 0xC2 && p[0] <= 0xDF)
    {
      len = 2;
      c = p[0] & 0x1F;
    }
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    {
      len = 3;
      c = p[0] & 0x0F;
      if (p[0] == 0xE0)
        lo = 0xA0; /* below is overlong */
      else if (p[0] == 0xED)
        hi = 0x9F; /* above are the surrogates D800..DFFF */
    }
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    {
      len = 4;
      c = p[0] & 0x07;
      if (p[0] == 0xF0)
        lo = 0x90; /* below is overlong */
      else if (p[0] == 0xF4)
        hi = 0x8F; /* above is beyond U+10FFFF */
    }
  else
    return 0; /* 80..C1 (continuation or overlong lead) and F5..FF */

  for (int i = 1; i < len; i++)
    {
      if ((gsize)i >= avail || p[i] < lo || p[i] > hi)
        return 0;
      lo = 0x80;
      hi = 0xBF;
      c = (c << 6) | (p[i] & 0x3F);
    }
  *out = c;
  return len;
}

static void
set_control_error (GError **error, const char *name, int line, int column, gunichar c)
{
  if (c == 0)
    g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                 "%s:%d:%d: control character U+0000 (NUL) is not text; remove it "
                 "(a file full of NUL bytes is UTF-16: save it as UTF-8)",
                 name, line, column);
  else if (c < 0x20)
    g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                 "%s:%d:%d: control character U+%04X (%s) is not text; remove it", name, line,
                 column, c, control_names[c]);
  else if (c == 0x7F)
    g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                 "%s:%d:%d: control character U+007F (DEL) is not text; remove it", name, line,
                 column);
  else
    g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                 "%s:%d:%d: control character U+%04X (a C1 control, usually text that was "
                 "mis-converted from Windows-1252) is not text; remove it",
                 name, line, column, c);
}

/* Pass 1: validates @data and appends the cleaned text to @out. */
static gboolean
clean_bytes (const char *name, const guchar *data, gsize length, GString *out, GError **error)
{
  gsize i = 0;
  int line = 1, column = 1; /* of the character at i, as an editor counts them */
  int n_nonstarters = 0;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;

  while (i < length)
    {
      guchar b = data[i];
      gunichar c;
      int len;

      if (b >= 0x20 && b < 0x7F)
        {
          /* Printable ASCII, most of any Vietnamese text: copy the run. */
          gsize j = i + 1;
          while (j < length && data[j] >= 0x20 && data[j] < 0x7F)
            j++;
          g_string_append_len (out, (const char *)data + i, j - i);
          column += j - i;
          n_nonstarters = 0;
          i = j;
          continue;
        }
      if (b == '\n' || b == '\r')
        {
          g_string_append_c (out, '\n');
          i += (b == '\r' && i + 1 < length && data[i + 1] == '\n') ? 2 : 1;
          line++;
          column = 1;
          n_nonstarters = 0;
          continue;
        }
      if (b == '\t' || b == '\f')
        {
          /* TAB is a space; FF stays FF until the line index is built. */
          g_string_append_c (out, b == '\t' ? ' ' : '\f');
          i++;
          column++;
          n_nonstarters = 0;
          continue;
        }
      if (b < 0x80)
        {
          set_control_error (error, name, line, column, b);
          return FALSE;
        }

      len = decode_utf8 (data + i, length - i, &c);
      if (len == 0)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                       "%s:%d:%d: invalid UTF-8 byte 0x%02X; save the file as UTF-8 "
                       "(or convert it with iconv)",
                       name, line, column, b);
          return FALSE;
        }
      if (c >= 0x80 && c <= 0x9F)
        {
          set_control_error (error, name, line, column, c);
          return FALSE;
        }
      if (g_unichar_combining_class (c) != 0)
        {
          if (++n_nonstarters > TS_READER_MAX_NONSTARTERS)
            {
              g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                           "%s:%d:%d: more than %d combining marks in a row; this is not "
                           "text, remove them",
                           name, line, column, TS_READER_MAX_NONSTARTERS);
              return FALSE;
            }
        }
      else
        n_nonstarters = 0;

      g_string_append_len (out, (const char *)data + i, len);
      column++;
      i += len;
    }
  return TRUE;
}

/* TRUE when NFC of a text equals NFC of the part before @c joined to NFC
 * of the part from @c on: @c is a starter (combining class 0) that never
 * composes with the character before it and does not decompose into
 * something that starts with a non-starter.  The exceptions are computed
 * from UnicodeData 14: the second halves of primary composites that are
 * starters (Bengali, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala,
 * Myanmar, Balinese, Brahmi scripts), Hangul medial vowels and final
 * consonants, and three Tibetan vowel signs. */
static gboolean
is_normalization_boundary (gunichar c)
{
  static const gunichar second_halves[] = {
    0x09BE,  0x09D7,  0x0B3E,  0x0B56,  0x0B57,  0x0BBE,  0x0BD7,  0x0C56,  0x0CC2, 0x0CD5,
    0x0CD6,  0x0D3E,  0x0D57,  0x0DCF,  0x0DDF,  0x0F73,  0x0F75,  0x0F81,  0x102E, 0x1B35,
    0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
  };

  if (c < 0x0300)
    return TRUE; /* Latin, the common case: no marks, no second halves */
  if (g_unichar_combining_class (c) != 0)
    return FALSE;
  if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (second_halves); i++)
    if (c == second_halves[i])
      return FALSE;
  return TRUE;
}

static void
append_nfc (GString *out, const char *text, gsize length)
{
  g_autofree char *nfc = g_utf8_normalize (text, length, G_NORMALIZE_NFC);

  /* Cannot fail: pass 1 let only valid UTF-8 through. */
  g_assert (nfc != NULL);
  g_string_append (out, nfc);
}

/* Whether @c, alone, is its own NFC and a normalisation boundary: a
 * text of such characters is its own NFC (NFC of the whole is NFC of each
 * character joined, by the property of boundaries above).  Precomposed
 * Vietnamese letters (ệ, ữ, Đ) are; combining marks, the second halves of
 * composites and singletons (U+2126 OHM, U+2000) are not.  GLib itself
 * decides, once per distinct character of the text: @known and @stable
 * are bit sets over the BMP, filled as characters are met. */
static gboolean
is_stable (gunichar c, guint8 *known, guint8 *stable)
{
  char buf[8];
  int n;
  g_autofree char *nfc = NULL;
  gboolean result;

  if (c >= 0x10000)
    return FALSE; /* rare: normalised the long way */
  if (known[c >> 3] & (1u << (c & 7)))
    return (stable[c >> 3] & (1u << (c & 7))) != 0;
  n = g_unichar_to_utf8 (c, buf);
  nfc = g_utf8_normalize (buf, n, G_NORMALIZE_NFC);
  result = is_normalization_boundary (c) && nfc != NULL && (int)strlen (nfc) == n
           && memcmp (nfc, buf, n) == 0;
  known[c >> 3] |= (guint8)(1u << (c & 7));
  if (result)
    stable[c >> 3] |= (guint8)(1u << (c & 7));
  return result;
}

/* Pass 2: NFC of the valid UTF-8 in @in, in bounded groups.  A group of
 * ASCII and stable characters (is_stable) is already NFC and copied;
 * that is most groups of Vietnamese typed on a keyboard, and
 * g_utf8_normalize was most of the reader's time (callgrind). */
static void
normalize_nfc (const GString *in, GString *out)
{
  const char *p = in->str, *end = in->str + in->len, *group = p;
  gboolean copy = TRUE; /* the group is its own NFC */
  g_autofree guint8 *known = NULL, *stable = NULL;

  while (p < end)
    {
      if ((guchar)*p < 0x80)
        {
          if (p - group >= TS_READER_NORMALIZE_GROUP)
            {
              if (copy)
                g_string_append_len (out, group, p - group);
              else
                append_nfc (out, group, p - group);
              group = p;
              copy = TRUE;
            }
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      if (p - group >= TS_READER_NORMALIZE_GROUP && is_normalization_boundary (c))
        {
          if (copy)
            g_string_append_len (out, group, p - group);
          else
            append_nfc (out, group, p - group);
          group = p;
          copy = TRUE;
        }
      if (copy)
        {
          if (known == NULL)
            {
              known = g_malloc0 (0x10000 / 8);
              stable = g_malloc0 (0x10000 / 8);
            }
          copy = is_stable (c, known, stable);
        }
      p = g_utf8_next_char (p);
    }
  if (copy)
    g_string_append_len (out, group, p - group);
  else
    append_nfc (out, group, p - group);
}

TsSource *
ts_source_new_from_data (const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr (GString) clean = NULL;
  GString *nfc;
  TsSource *source;
  int zero = 0;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  clean = g_string_sized_new (length + 1);
  if (!clean_bytes (name, (const guchar *)data, length, clean, error))
    return NULL;

  nfc = g_string_sized_new (clean->len + 1);
  normalize_nfc (clean, nfc);

  source = g_new0 (TsSource, 1);
  source->name = g_strdup (name);
  source->lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (source->lines, zero);
  for (gsize i = 0; i < nfc->len; i++)
    {
      if (nfc->str[i] == '\n')
        {
          int start = (int)(i + 1);
          g_array_append_val (source->lines, start);
        }
      else if (nfc->str[i] == '\f')
        nfc->str[i] = '\n'; /* a block break, but not a new line: see the top */
    }
  source->length = nfc->len;
  source->text = g_string_free (nfc, FALSE);
  return source;
}

/* TRUE when @data is well-formed UTF-8 (control characters allowed: they
 * are reported by pass 1, not taken for another encoding). */
static gboolean
is_utf8 (const guchar *data, gsize length)
{
  gsize i = 0;

  while (i < length)
    {
      gunichar c;
      int len = data[i] < 0x80 ? 1 : decode_utf8 (data + i, length - i, &c);
      if (len == 0)
        return FALSE;
      i += len;
    }
  return TRUE;
}

TsSource *
ts_source_new_from_data_encoded (const char *name, const char *data, gsize length,
                                 TsEncoding encoding, TsDiag *diag, GError **error)
{
  g_autoptr (GError) utf8_error = NULL;
  g_autofree char *converted = NULL;
  gsize converted_length = 0;
  TsEncoding from = encoding;
  TsSource *source;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (encoding == TS_ENCODING_UTF8)
    return ts_source_new_from_data (name, data, length, error);
  if (encoding == TS_ENCODING_AUTO)
    {
      /* UTF-8 first: a valid UTF-8 file is never second-guessed. */
      source = ts_source_new_from_data (name, data, length, &utf8_error);
      if (source != NULL)
        return source;
      if (!g_error_matches (utf8_error, TS_ERROR, TS_ERROR_ENCODING)
          || is_utf8 ((const guchar *) data, length)
          || (from = ts_encoding_detect (data, length)) == TS_ENCODING_AUTO)
        {
          g_propagate_error (error, g_steal_pointer (&utf8_error));
          return NULL;
        }
    }

  converted = ts_encoding_convert (from, name, data, length, &converted_length, error);
  if (converted == NULL)
    return NULL;
  source = ts_source_new_from_data (name, converted, converted_length, error);
  if (source == NULL)
    return NULL;
  if (encoding == TS_ENCODING_AUTO)
    ts_diag_add (diag, TS_DIAG_WARNING, name, 0, 0, "encoding",
                 "converted from %s (detected); use --encoding to force%s",
                 ts_encoding_get_name (from),
                 from == TS_ENCODING_TCVN3
                   ? "; TCVN3 files keep upper-case toned letters in a separate font (.VnTimeH), "
                     "which byte conversion reads as lower case: check the capitals"
                   : "");
  else if (from == TS_ENCODING_TCVN3)
    ts_diag_add (diag, TS_DIAG_WARNING, name, 0, 0, "encoding",
                 "converted from TCVN3; TCVN3 files keep upper-case toned letters in a "
                 "separate font (.VnTimeH), which byte conversion reads as lower case: check "
                 "the capitals");
  return source;
}

TsSource *
ts_source_read_file (const char *path, GError **error)
{
  return ts_source_read_file_encoded (path, TS_ENCODING_UTF8, NULL, error);
}

TsSource *
ts_source_read_file_encoded (const char *path, TsEncoding encoding, TsDiag *diag,
                             GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr (GByteArray) bytes = NULL;
  g_autofree guchar *buffer = NULL;
  gboolean is_stdin;
  FILE *file;
  int saved_errno = 0;

  g_return_val_if_fail (path != NULL, NULL);

  is_stdin = strcmp (path, "-") == 0;
  name = is_stdin ? g_strdup ("<stdin>") : g_filename_display_name (path);
  file = is_stdin ? stdin : fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot read: %s", name,
                   g_strerror (saved_errno));
      return NULL;
    }

  bytes = g_byte_array_new ();
  buffer = g_malloc (TS_READER_CHUNK);
  for (;;)
    {
      size_t n;

      errno = 0;
      n = fread (buffer, 1, TS_READER_CHUNK, file);
      if (n > 0)
        g_byte_array_append (bytes, buffer, (guint)n); /* n <= TS_READER_CHUNK */
      if (n < TS_READER_CHUNK)
        {
          /* fread sets errno on POSIX; a directory fails here with EISDIR. */
          if (ferror (file))
            saved_errno = errno != 0 ? errno : EIO;
          break;
        }
    }
  if (!is_stdin)
    fclose (file);
  if (saved_errno != 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot read: %s", name,
                   g_strerror (saved_errno));
      return NULL;
    }

  return ts_source_new_from_data_encoded (name, (const char *)bytes->data, bytes->len, encoding,
                                          diag, error);
}

void
ts_source_free (TsSource *source)
{
  if (source == NULL)
    return;
  g_free (source->name);
  g_free (source->text);
  if (source->lines != NULL)
    g_array_unref (source->lines);
  g_free (source);
}

void
ts_source_get_position (const TsSource *source, gsize offset, int *line, int *column)
{
  const int *starts;
  guint lo, hi;

  g_return_if_fail (source != NULL);

  if (offset > source->length)
    offset = source->length;
  if (source->lines == NULL || source->lines->len == 0)
    {
      /* A hand-made source without an index: one line. */
      if (line != NULL)
        *line = 1;
      if (column != NULL)
        *column = (int)g_utf8_strlen (source->text, offset) + 1;
      return;
    }

  /* The last line start <= offset. */
  starts = (const int *)(gpointer)source->lines->data;
  lo = 0;
  hi = source->lines->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if ((gsize)starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  if (line != NULL)
    *line = (int)lo + 1;
  if (column != NULL)
    *column = (int)g_utf8_strlen (source->text + starts[lo], offset - starts[lo]) + 1;
}
