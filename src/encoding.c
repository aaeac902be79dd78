/* encoding.c — legacy Vietnamese encodings (see encoding.h).
 *
 * Plan.
 *
 *  - Conversion.  Windows-1258, VISCII and TCVN3 go through glibc's iconv
 *    (g_convert, which also flushes the state that glibc's CP1258 and
 *    TCVN5712-1 keep to join a base letter with a following tone mark).
 *    VNI is decoded here: it is not a character set but a font layout in
 *    which a toned letter is an ASCII base letter followed by one mark byte
 *    from the Windows-1252 range (a + 0xF9 "ù" is á, a + 0xE1 "á" is ấ),
 *    and i, ỵ, đ, ơ, ư are single bytes.  Every other byte is Windows-1252.
 *
 *  - Detection.  A file that is not UTF-8 is decoded with each candidate,
 *    and each decoding is scored as Vietnamese: of the words that have a
 *    letter outside ASCII, how many are syllables Vietnamese has (an
 *    initial, a rhyme from the closed list below, one tone mark, and the
 *    tone rule for stop finals).  A wrong guess turns toned letters into
 *    letters of another language or into punctuation, so the right
 *    encoding scores near 100% and the wrong ones far lower (measured on
 *    the eight samples in each of the four encodings: the right one
 *    98-100%, the best wrong one at most 52%).  Too
 *    few syllables or too low a share means "none": a UTF-8 file with a
 *    bad byte or random bytes keep their invalid-UTF-8 error.
 *
 * References: the VNI-Windows layout as in xvnkb's vni.h (Dao Hai Lam,
 * 2002); the syllable structure in Đoàn Thiện Thuật, Ngữ âm tiếng Việt
 * (initial + medial + nucleus + final, tone on the syllable).
 */
#include "encoding.h"

#include <string.h>

#include "error.h"

/* A legacy guess needs at least this many Vietnamese syllables with
 * marks, and this share of all the words with marks, to be believed: one
 * word could be chance; real text is near 100% (proper names and
 * loanwords make the rest). */
#define TS_ENCODING_MIN_SYLLABLES 2
#define TS_ENCODING_MIN_SHARE 0.7

typedef struct
{
  TsEncoding encoding;
  const char *names; /* accepted spellings, '|'-separated, lower case */
  const char *display;
  const char *iconv; /* glibc's name; NULL: our own decoder */
} EncodingInfo;

static const EncodingInfo encodings[] = {
  { TS_ENCODING_AUTO, "auto", "auto", NULL },
  { TS_ENCODING_UTF8, "utf-8|utf8", "UTF-8", "UTF-8" },
  { TS_ENCODING_CP1258, "cp1258|windows-1258", "Windows-1258", "CP1258" },
  { TS_ENCODING_VISCII, "viscii", "VISCII", "VISCII" },
  { TS_ENCODING_TCVN3, "tcvn3|tcvn|tcvn5712|tcvn5712-1", "TCVN3", "TCVN5712-1" },
  { TS_ENCODING_VNI, "vni|vni-windows", "VNI", NULL },
};

static const EncodingInfo *
encoding_info (TsEncoding encoding)
{
  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return &encodings[i];
  g_return_val_if_reached (&encodings[0]);
}

gboolean
ts_encoding_from_name (const char *name, TsEncoding *encoding)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (encoding != NULL, FALSE);
  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_auto (GStrv) names = g_strsplit (encodings[i].names, "|", -1);
      if (g_strv_contains ((const char *const *) names, lower))
        {
          *encoding = encodings[i].encoding;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
ts_encoding_get_name (TsEncoding encoding)
{
  return encoding_info (encoding)->display;
}

/* 1-based line and column (in bytes) of @offset in @data. */
static void
byte_position (const char *data, gsize offset, int *line, int *column)
{
  gsize start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        start = i + 1;
      }
  *column = (int) (offset - start) + 1;
}

static void
set_byte_error (GError **error, const char *name, const char *data, gsize offset,
                TsEncoding encoding)
{
  int line, column;

  byte_position (data, offset, &line, &column);
  g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
               "%s:%d:%d: byte 0x%02X is not %s; the file is in another encoding: try "
               "--encoding auto, or save it as UTF-8",
               name, line, column, (guchar) data[offset], ts_encoding_get_name (encoding));
}

/* --- VNI ---------------------------------------------------------------- */

/* Combining marks. */
enum
{
  GRAVE = 0x0300, ACUTE = 0x0301, CIRCUMFLEX = 0x0302, TILDE = 0x0303, BREVE = 0x0306,
  HOOK = 0x0309, HORN = 0x031B, DOT_BELOW = 0x0323,
};

/* Tones in the order VNI's tables list them: sắc, huyền, hỏi, ngã, nặng. */
static const gunichar tone_marks[5] = { ACUTE, GRAVE, HOOK, TILDE, DOT_BELOW };

/* Lower-case mark bytes; the upper-case ones are 0x20 less.  Index 0 of
 * the circumflex and breve rows is the bare diacritic, 1..5 the tones. */
static const guchar vni_tone[5] = { 0xF9, 0xF8, 0xFB, 0xF5, 0xEF };
static const guchar vni_circumflex[6] = { 0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4 };
static const guchar vni_breve[6] = { 0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB };
/* í ì ỉ ĩ ị as single bytes. */
static const guchar vni_i[5] = { 0xED, 0xEC, 0xE6, 0xF3, 0xF2 };
#define VNI_Y_DOT 0xEE  /* ỵ */
#define VNI_D_BAR 0xF1  /* đ */
#define VNI_O_HORN 0xF4 /* ơ */
#define VNI_U_HORN 0xF6 /* ư */

/* Windows-1252's 0x80..0x9F; 0 where it has nothing. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Index of @b in @row of @n (after case folding by @upper), or -1. */
static int
find_mark (const guchar *row, int n, guchar b, gboolean upper)
{
  for (int i = 0; i < n; i++)
    if ((upper ? row[i] - 0x20 : row[i]) == b)
      return i;
  return -1;
}

static char *
vni_decode (const char *name, const char *data, gsize length, gsize *out_length, GError **error)
{
  const guchar *p = (const guchar *) data;
  GString *out = g_string_sized_new (length + length / 4 + 1);
  gsize i = 0;

  while (i < length)
    {
      guchar b = p[i];
      guchar next = i + 1 < length ? p[i + 1] : 0;
      gboolean upper = b < 0xE0;
      char base = 0;
      gboolean horn = FALSE;
      int k;

      /* A base that takes a mark byte after it. */
      if (strchr ("aeouyAEOUY", b) != NULL && b != 0)
        base = (char) b;
      else if (b == VNI_O_HORN || b == VNI_O_HORN - 0x20)
        base = b == VNI_O_HORN ? 'o' : 'O', horn = TRUE;
      else if (b == VNI_U_HORN || b == VNI_U_HORN - 0x20)
        base = b == VNI_U_HORN ? 'u' : 'U', horn = TRUE;

      if (base != 0)
        {
          char lower = g_ascii_tolower (base);
          upper = g_ascii_isupper (base);
          g_string_append_c (out, base);
          if (horn)
            g_string_append_unichar (out, HORN);
          i++;
          if ((k = find_mark (vni_tone, 5, next, upper)) >= 0)
            {
              g_string_append_unichar (out, tone_marks[k]);
              i++;
            }
          else if (!horn && strchr ("aeo", lower) != NULL
                   && (k = find_mark (vni_circumflex, 6, next, upper)) >= 0)
            {
              g_string_append_unichar (out, CIRCUMFLEX);
              if (k > 0)
                g_string_append_unichar (out, tone_marks[k - 1]);
              i++;
            }
          else if (!horn && lower == 'a' && (k = find_mark (vni_breve, 6, next, upper)) >= 0)
            {
              g_string_append_unichar (out, BREVE);
              if (k > 0)
                g_string_append_unichar (out, tone_marks[k - 1]);
              i++;
            }
          continue;
        }
      if (b < 0x80)
        {
          g_string_append_c (out, (char) b);
          i++;
          continue;
        }
      i++;
      if ((k = find_mark (vni_i, 5, b, upper)) >= 0)
        {
          g_string_append_c (out, upper ? 'I' : 'i');
          g_string_append_unichar (out, tone_marks[k]);
        }
      else if (b == VNI_Y_DOT || b == VNI_Y_DOT - 0x20)
        {
          g_string_append_c (out, upper ? 'Y' : 'y');
          g_string_append_unichar (out, DOT_BELOW);
        }
      else if (b == VNI_D_BAR || b == VNI_D_BAR - 0x20)
        g_string_append_unichar (out, upper ? 0x0110 : 0x0111);
      else if (b >= 0xA0)
        g_string_append_unichar (out, b); /* Latin-1 = Windows-1252 here */
      else if (cp1252_high[b - 0x80] != 0)
        g_string_append_unichar (out, cp1252_high[b - 0x80]);
      else
        {
          set_byte_error (error, name, data, i - 1, TS_ENCODING_VNI);
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

char *
ts_encoding_convert (TsEncoding encoding, const char *name, const char *data, gsize length,
                     gsize *out_length, GError **error)
{
  const EncodingInfo *info = encoding_info (encoding);
  g_autoptr (GError) local = NULL;
  gsize n_read = 0, n_written = 0;
  char *out;

  g_return_val_if_fail (encoding != TS_ENCODING_AUTO, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (encoding == TS_ENCODING_VNI)
    return vni_decode (name, data, length, out_length, error);
  if (encoding == TS_ENCODING_UTF8)
    {
      if (out_length != NULL)
        *out_length = length;
      return g_strndup (data, length);
    }
  out = g_convert (data, (gssize) length, "UTF-8", info->iconv, &n_read, &n_written, &local);
  if (out == NULL)
    {
      if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE)
          || g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
        set_byte_error (error, name, data, MIN (n_read, length - (length > 0)), encoding);
      else
        g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                     "%s: cannot convert from %s: %s (is glibc's iconv installed in full?)",
                     name, info->display, local->message);
      return NULL;
    }
  if (out_length != NULL)
    *out_length = n_written;
  return out;
}

/* --- Vietnamese syllables ----------------------------------------------- */

static const char *const initials[] = {
  "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
  "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

/* Rhymes without a final consonant (the vowel may end in i/y, o/u). */
static const char *const open_rhymes[] = {
  "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
  "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi",
  "ua", "ui", "uê", "uơ", "uy", "ưa", "ưi", "ưu", "ya",
  "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
};

/* Nuclei with the finals each takes (space-separated). */
static const char *const closed_rhymes[][2] = {
  { "a", "c ch m n ng nh p t" }, { "ă", "c m n ng p t" },   { "â", "c m n ng p t" },
  { "e", "c ch m n ng p t" },    { "ê", "ch m n nh p t" },  { "i", "ch m n nh p t" },
  { "o", "c m n ng p t" },       { "oo", "c ng" },          { "ô", "c m n ng p t" },
  { "ơ", "m n p t" },            { "u", "c m n ng p t" },   { "ư", "c m n ng t" },
  { "iê", "c m n ng p t" },      { "yê", "m n ng t" },      { "oa", "c ch m n ng nh p t" },
  { "oă", "c m n ng t" },        { "oe", "m n t" },         { "uâ", "n ng t" },
  { "uê", "ch nh" },             { "uô", "c m n ng t" },    { "ươ", "c m n ng p t" },
  { "uy", "ch n nh p t" },       { "uyê", "n t" },
};

static GHashTable *
rhymes_get (void)
{
  static GHashTable *rhymes = NULL;

  if (g_once_init_enter (&rhymes))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (open_rhymes); i++)
        g_hash_table_add (set, g_strdup (open_rhymes[i]));
      for (gsize i = 0; i < G_N_ELEMENTS (closed_rhymes); i++)
        {
          g_auto (GStrv) finals = g_strsplit (closed_rhymes[i][1], " ", -1);
          for (int j = 0; finals[j] != NULL; j++)
            g_hash_table_add (set, g_strconcat (closed_rhymes[i][0], finals[j], NULL));
        }
      g_once_init_leave (&rhymes, set);
    }
  return rhymes;
}

static gboolean
is_tone_mark (gunichar c)
{
  return c == ACUTE || c == GRAVE || c == HOOK || c == TILDE || c == DOT_BELOW;
}

static gboolean
is_vowel_base (gunichar c)
{
  return c != 0 && strchr ("aeiouy", (int) c) != NULL && c < 0x80;
}

/* A stop final (c, ch, p, t) takes only sắc or nặng. */
static gboolean
tone_fits_final (const char *rhyme, gunichar tone)
{
  gsize n = strlen (rhyme);
  char last = n > 0 ? rhyme[n - 1] : 0;
  gboolean stop = last == 'c' || last == 'p' || last == 't'
                  || (n >= 2 && last == 'h' && rhyme[n - 2] == 'c');

  return !stop || tone == ACUTE || tone == DOT_BELOW;
}

gboolean
ts_vietnamese_is_syllable (const char *word, gssize length)
{
  g_autofree char *nfd = NULL, *lower = NULL, *base = NULL;
  GString *bare;
  gunichar tone = 0, previous = 0;
  int n_tones = 0;
  GHashTable *rhymes = rhymes_get ();

  g_return_val_if_fail (word != NULL, FALSE);
  nfd = g_utf8_normalize (word, length, G_NORMALIZE_NFD);
  if (nfd == NULL || nfd[0] == '\0')
    return FALSE;
  lower = g_utf8_strdown (nfd, -1);

  /* The word without its tone, the tone aside. */
  bare = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_tone_mark (c))
        {
          if (!is_vowel_base (previous) || ++n_tones > 1)
            {
              g_string_free (bare, TRUE);
              return FALSE;
            }
          tone = c;
          continue;
        }
      if (c == CIRCUMFLEX || c == BREVE || c == HORN)
        {
          if (!is_vowel_base (previous))
            {
              g_string_free (bare, TRUE);
              return FALSE;
            }
        }
      else if (!(c < 0x80 && g_ascii_islower ((char) c)) && c != 0x0111)
        {
          g_string_free (bare, TRUE);
          return FALSE; /* not a Vietnamese letter: ß, ö (after NFC: o + diaeresis) ... */
        }
      else
        previous = c;
      g_string_append_unichar (bare, c);
    }
  base = g_utf8_normalize (bare->str, bare->len, G_NORMALIZE_NFC);
  g_string_free (bare, TRUE);

  /* A syllable may have no initial ("anh", "ươn"). */
  if (g_hash_table_contains (rhymes, base) && tone_fits_final (base, tone))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (initials); i++)
    {
      gsize n = strlen (initials[i]);
      const char *rest = base + n;
      if (strncmp (base, initials[i], n) != 0)
        continue;
      if (g_hash_table_contains (rhymes, rest) && tone_fits_final (rest, tone))
        return TRUE;
      /* "giếng", "gìn": gi before a rhyme that starts with i shares it. */
      if (strcmp (initials[i], "gi") == 0 && g_hash_table_contains (rhymes, rest - 1)
          && tone_fits_final (rest - 1, tone))
        return TRUE;
    }
  return FALSE;
}

void
ts_encoding_score_vietnamese (const char *text, gsize length, int *n_valid, int *n_invalid)
{
  const char *p = text, *end = text + MIN (length, TS_ENCODING_SCORE_LIMIT);
  const char *word = NULL;
  gboolean non_ascii = FALSE;

  *n_valid = *n_invalid = 0;
  while (p < end)
    {
      const char *next = g_utf8_find_next_char (p, end);
      gunichar c = g_utf8_get_char_validated (p, (next != NULL ? next : end) - p);
      gboolean letter = c < 0x110000 && (g_unichar_isalpha (c) || g_unichar_ismark (c));

      if (next == NULL)
        next = end;
      if (letter)
        {
          if (word == NULL)
            word = p, non_ascii = FALSE;
          non_ascii |= c >= 0x80;
        }
      if (word != NULL && (!letter || next == end))
        {
          const char *stop = letter ? next : p;
          if (non_ascii)
            {
              if (ts_vietnamese_is_syllable (word, stop - word))
                (*n_valid)++;
              else
                (*n_invalid)++;
            }
          word = NULL;
        }
      p = next;
    }
}

TsEncoding
ts_encoding_detect (const char *data, gsize length)
{
  static const TsEncoding candidates[] = {
    TS_ENCODING_CP1258, TS_ENCODING_VISCII, TS_ENCODING_TCVN3, TS_ENCODING_VNI,
  };
  /* Enough bytes to decide; a cut inside a two-byte VNI letter or a
   * Windows-1258 base + mark only costs one word. */
  gsize n = MIN (length, TS_ENCODING_SCORE_LIMIT);
  TsEncoding best = TS_ENCODING_AUTO;
  double best_share = 0.0;
  int best_valid = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gsize text_length;
      g_autofree char *text = ts_encoding_convert (candidates[i], "", data, n, &text_length, NULL);
      int valid, invalid;
      double share;

      if (text == NULL)
        continue; /* a byte this encoding does not have */
      ts_encoding_score_vietnamese (text, text_length, &valid, &invalid);
      share = valid + invalid > 0 ? (double) valid / (valid + invalid) : 0.0;
      if (valid < TS_ENCODING_MIN_SYLLABLES || share < TS_ENCODING_MIN_SHARE)
        continue;
      if (share > best_share || (share == best_share && valid > best_valid))
        {
          best = candidates[i];
          best_share = share;
          best_valid = valid;
        }
    }
  return best;
}
