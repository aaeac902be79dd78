/* test-encoding.c — legacy Vietnamese encodings: the VNI table on all 134
 * letters, each encoding on real Vietnamese text (the samples), detection,
 * and what must stay an error.
 *
 * Independence.  The VNI bytes below are written out letter by letter from
 * the VNI-Windows layout (the letter, then its bytes), not computed from
 * the decoder's mark rows.  Windows-1258, VISCII and TCVN3 text is made
 * with glibc's iconv encoder (g_convert from UTF-8), which shares no code
 * with our detector; a few bytes are checked by hand against RFC 1456
 * (VISCII) and the Windows-1258 code chart.
 */
#include "config.h"
#include "diag.h"
#include "encoding.h"
#include "error.h"
#include "reader.h"

#include <string.h>

/* The 134 letters of Vietnamese outside ASCII (12 vowels × 5 tones, plus
 * ă â ê ô ơ ư đ untoned; lower and upper case) and their VNI bytes. */
static const struct
{
  const char *letter;
  const char *vni;
} vni_letters[] = {
  { "á", "a\xF9" },  { "à", "a\xF8" },  { "ả", "a\xFB" },  { "ã", "a\xF5" },  { "ạ", "a\xEF" },
  { "ă", "a\xEA" },  { "ắ", "a\xE9" },  { "ằ", "a\xE8" },  { "ẳ", "a\xFA" },  { "ẵ", "a\xFC" },
  { "ặ", "a\xEB" },  { "â", "a\xE2" },  { "ấ", "a\xE1" },  { "ầ", "a\xE0" },  { "ẩ", "a\xE5" },
  { "ẫ", "a\xE3" },  { "ậ", "a\xE4" },  { "é", "e\xF9" },  { "è", "e\xF8" },  { "ẻ", "e\xFB" },
  { "ẽ", "e\xF5" },  { "ẹ", "e\xEF" },  { "ê", "e\xE2" },  { "ế", "e\xE1" },  { "ề", "e\xE0" },
  { "ể", "e\xE5" },  { "ễ", "e\xE3" },  { "ệ", "e\xE4" },  { "í", "\xED" },   { "ì", "\xEC" },
  { "ỉ", "\xE6" },   { "ĩ", "\xF3" },   { "ị", "\xF2" },   { "ó", "o\xF9" },  { "ò", "o\xF8" },
  { "ỏ", "o\xFB" },  { "õ", "o\xF5" },  { "ọ", "o\xEF" },  { "ô", "o\xE2" },  { "ố", "o\xE1" },
  { "ồ", "o\xE0" },  { "ổ", "o\xE5" },  { "ỗ", "o\xE3" },  { "ộ", "o\xE4" },  { "ơ", "\xF4" },
  { "ớ", "\xF4\xF9" }, { "ờ", "\xF4\xF8" }, { "ở", "\xF4\xFB" }, { "ỡ", "\xF4\xF5" },
  { "ợ", "\xF4\xEF" }, { "ú", "u\xF9" },  { "ù", "u\xF8" },  { "ủ", "u\xFB" },  { "ũ", "u\xF5" },
  { "ụ", "u\xEF" },  { "ư", "\xF6" },   { "ứ", "\xF6\xF9" }, { "ừ", "\xF6\xF8" },
  { "ử", "\xF6\xFB" }, { "ữ", "\xF6\xF5" }, { "ự", "\xF6\xEF" }, { "ý", "y\xF9" },
  { "ỳ", "y\xF8" },  { "ỷ", "y\xFB" },  { "ỹ", "y\xF5" },  { "ỵ", "\xEE" },   { "đ", "\xF1" },
  /* upper case */
  { "Á", "A\xD9" },  { "À", "A\xD8" },  { "Ả", "A\xDB" },  { "Ã", "A\xD5" },  { "Ạ", "A\xCF" },
  { "Ă", "A\xCA" },  { "Ắ", "A\xC9" },  { "Ằ", "A\xC8" },  { "Ẳ", "A\xDA" },  { "Ẵ", "A\xDC" },
  { "Ặ", "A\xCB" },  { "Â", "A\xC2" },  { "Ấ", "A\xC1" },  { "Ầ", "A\xC0" },  { "Ẩ", "A\xC5" },
  { "Ẫ", "A\xC3" },  { "Ậ", "A\xC4" },  { "É", "E\xD9" },  { "È", "E\xD8" },  { "Ẻ", "E\xDB" },
  { "Ẽ", "E\xD5" },  { "Ẹ", "E\xCF" },  { "Ê", "E\xC2" },  { "Ế", "E\xC1" },  { "Ề", "E\xC0" },
  { "Ể", "E\xC5" },  { "Ễ", "E\xC3" },  { "Ệ", "E\xC4" },  { "Í", "\xCD" },   { "Ì", "\xCC" },
  { "Ỉ", "\xC6" },   { "Ĩ", "\xD3" },   { "Ị", "\xD2" },   { "Ó", "O\xD9" },  { "Ò", "O\xD8" },
  { "Ỏ", "O\xDB" },  { "Õ", "O\xD5" },  { "Ọ", "O\xCF" },  { "Ô", "O\xC2" },  { "Ố", "O\xC1" },
  { "Ồ", "O\xC0" },  { "Ổ", "O\xC5" },  { "Ỗ", "O\xC3" },  { "Ộ", "O\xC4" },  { "Ơ", "\xD4" },
  { "Ớ", "\xD4\xD9" }, { "Ờ", "\xD4\xD8" }, { "Ở", "\xD4\xDB" }, { "Ỡ", "\xD4\xD5" },
  { "Ợ", "\xD4\xCF" }, { "Ú", "U\xD9" },  { "Ù", "U\xD8" },  { "Ủ", "U\xDB" },  { "Ũ", "U\xD5" },
  { "Ụ", "U\xCF" },  { "Ư", "\xD6" },   { "Ứ", "\xD6\xD9" }, { "Ừ", "\xD6\xD8" },
  { "Ử", "\xD6\xDB" }, { "Ữ", "\xD6\xD5" }, { "Ự", "\xD6\xCF" }, { "Ý", "Y\xD9" },
  { "Ỳ", "Y\xD8" },  { "Ỷ", "Y\xDB" },  { "Ỹ", "Y\xD5" },  { "Ỵ", "\xCE" },   { "Đ", "\xD1" },
};

static char *
nfc (const char *s, gssize length)
{
  return g_utf8_normalize (s, length, G_NORMALIZE_NFC);
}

/* UTF-8 → VNI with the table above (ASCII as is). */
static char *
vni_encode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize n = g_utf8_next_char (p) - p;
      gboolean found = FALSE;
      if (n == 1)
        {
          g_string_append_c (out, *p);
          continue;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (vni_letters); i++)
        if (strncmp (p, vni_letters[i].letter, n) == 0 && vni_letters[i].letter[n] == '\0')
          {
            g_string_append (out, vni_letters[i].vni);
            found = TRUE;
            break;
          }
      g_assert_true (found);
    }
  return g_string_free (out, FALSE);
}

static void
test_vni_table_size (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int lower = 0, upper = 0;

  /* 134 distinct letters, 67 in each case, each the case pair of another. */
  g_assert_cmpuint (G_N_ELEMENTS (vni_letters), ==, 134);
  for (gsize i = 0; i < G_N_ELEMENTS (vni_letters); i++)
    {
      gunichar c = g_utf8_get_char (vni_letters[i].letter);
      g_assert_false (g_hash_table_contains (seen, vni_letters[i].letter));
      g_hash_table_add (seen, (gpointer) vni_letters[i].letter);
      if (g_unichar_islower (c))
        lower++;
      else
        upper++;
    }
  g_assert_cmpint (lower, ==, 67);
  g_assert_cmpint (upper, ==, 67);
}

/* Each of the 134 letters alone, and all of them in one run (so that a
 * mark byte is never taken by the letter before it). */
static void
test_vni_all_letters (void)
{
  GString *all_utf8 = g_string_new (NULL), *all_vni = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (vni_letters); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *vni = vni_letters[i].vni;
      g_autofree char *out = ts_encoding_convert (TS_ENCODING_VNI, "t", vni, strlen (vni), NULL,
                                                  &error);
      g_autofree char *got = NULL;
      g_assert_no_error (error);
      got = nfc (out, -1);
      if (g_strcmp0 (got, vni_letters[i].letter) != 0)
        g_error ("VNI %s: got %s", vni_letters[i].letter, got);
      g_string_append (all_utf8, vni_letters[i].letter);
      g_string_append (all_vni, vni);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *out = ts_encoding_convert (TS_ENCODING_VNI, "t", all_vni->str, all_vni->len,
                                                NULL, &error);
    g_autofree char *got = nfc (out, -1);
    g_assert_no_error (error);
    g_assert_cmpstr (got, ==, all_utf8->str);
  }
  g_string_free (all_utf8, TRUE);
  g_string_free (all_vni, TRUE);
}

static void
test_vni_words (void)
{
  /* Whole words, bytes written by hand. */
  static const char *const cases[][2] = {
    { "ng\xF6\xF4\xF8i", "người" },
    { "Vie\xE4t Nam", "Việt Nam" },
    { "\xD1" "a\xE8ng", "Đằng" },
    { "NG\xD6\xD4\xD8I", "NGƯỜI" },
    { "khuye\xE1n", "khuyến" },
    { "tr\xE6", "trỉ" },
    { "\xE2 \xF9", "â ù" }, /* a mark byte with no base is Windows-1252 */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ts_encoding_convert (TS_ENCODING_VNI, "t", cases[i][0],
                                                  strlen (cases[i][0]), NULL, NULL);
      g_autofree char *got = nfc (out, -1);
      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

static void
test_names (void)
{
  TsEncoding e;

  g_assert_true (ts_encoding_from_name ("auto", &e) && e == TS_ENCODING_AUTO);
  g_assert_true (ts_encoding_from_name ("UTF-8", &e) && e == TS_ENCODING_UTF8);
  g_assert_true (ts_encoding_from_name ("cp1258", &e) && e == TS_ENCODING_CP1258);
  g_assert_true (ts_encoding_from_name ("Windows-1258", &e) && e == TS_ENCODING_CP1258);
  g_assert_true (ts_encoding_from_name ("viscii", &e) && e == TS_ENCODING_VISCII);
  g_assert_true (ts_encoding_from_name ("TCVN3", &e) && e == TS_ENCODING_TCVN3);
  g_assert_true (ts_encoding_from_name ("vni", &e) && e == TS_ENCODING_VNI);
  g_assert_false (ts_encoding_from_name ("latin1", &e));
  g_assert_false (ts_encoding_from_name ("", &e));
  g_assert_cmpstr (ts_encoding_get_name (TS_ENCODING_VISCII), ==, "VISCII");
  g_assert_cmpstr (ts_encoding_get_name (TS_ENCODING_CP1258), ==, "Windows-1258");
}

static void
test_syllables (void)
{
  static const char *const valid[] = {
    "người", "Việt", "NAM", "quốc", "khuya", "giữa", "giếng", "gì", "nghiêng", "thuở",
    "khuỷu", "xoong", "Huế", "huỳnh", "ngoặt", "tuần", "yến", "ừ", "ạ", "oà", "đường",
    "khuếch", "các", "học", "ấy",
  };
  static const char *const invalid[] = {
    "abĂ", "càc",  /* a stop final takes only sắc or nặng */
    "ö", "ñame", "ßa", "tiéng", "xyz", "ǹ", "aáà", "Ã¡",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!ts_vietnamese_is_syllable (valid[i], -1))
      g_error ("%s should be a syllable", valid[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (ts_vietnamese_is_syllable (invalid[i], -1))
      g_error ("%s should not be a syllable", invalid[i]);
  {
    /* NFD is the same word. */
    g_autofree char *nfd = g_utf8_normalize ("người", -1, G_NORMALIZE_NFD);
    g_assert_true (ts_vietnamese_is_syllable (nfd, -1));
  }
}

/* Sample text reduced to what every legacy encoding can hold: ASCII
 * letters, digits, spaces, simple punctuation and the Vietnamese letters
 * (VISCII has no curly quotes, TCVN3 no dashes). */
static char *
sample_text (const char *file)
{
  g_autofree char *path = g_build_filename (TS_SOURCE_DIR, "samples", file, NULL);
  g_autofree char *raw = NULL, *text = NULL;
  GString *out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &raw, NULL, &error));
  g_assert_no_error (error);
  text = nfc (raw, -1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean keep = (c < 0x80 && (g_ascii_isalnum (c) || strchr (" \n.,:;()/%-?!'", c)));
      for (gsize i = 0; !keep && i < G_N_ELEMENTS (vni_letters); i++)
        keep = g_utf8_get_char (vni_letters[i].letter) == c;
      if (keep)
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static char *
encode (TsEncoding encoding, const char *text, gsize *length)
{
  g_autoptr (GError) error = NULL;
  char *out;

  if (encoding == TS_ENCODING_VNI)
    {
      out = vni_encode (text);
      *length = strlen (out);
      return out;
    }
  out = g_convert (text, -1,
                   encoding == TS_ENCODING_CP1258   ? "CP1258"
                   : encoding == TS_ENCODING_VISCII ? "VISCII"
                                                    : "TCVN5712-1",
                   "UTF-8", NULL, length, &error);
  g_assert_no_error (error);
  return out;
}

static const char *const samples[] = {
  "bac-tu-liem.txt", "ha-noi-ret-dam.txt", "mua-hoa-ban.txt", "nghi-quyet-22.txt",
  "ca-phe-ben-vung.txt",
};

/* Real text in each encoding is detected as that encoding, and reads back
 * to the same NFC text through the reader, with one warning naming it. */
static void
check_encoding_round_trip (gconstpointer data)
{
  TsEncoding encoding = GPOINTER_TO_INT (data);

  for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autofree char *text = sample_text (samples[s]);
      gsize length;
      g_autofree char *bytes = encode (encoding, text, &length);
      g_autoptr (GError) error = NULL;
      g_autoptr (TsDiag) diag = ts_diag_new ();
      g_autoptr (TsSource) source = NULL;
      const TsDiagnostic *d;
      g_autofree char *expected_warning = NULL;

      g_assert_cmpint (ts_encoding_detect (bytes, length), ==, encoding);
      source = ts_source_new_from_data_encoded (samples[s], bytes, length, TS_ENCODING_AUTO,
                                                diag, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (source->text, ==, text);
      g_assert_cmpuint (diag->items->len, ==, 1);
      d = &g_array_index (diag->items, TsDiagnostic, 0);
      g_assert_cmpstr (d->code, ==, "encoding");
      expected_warning = g_strdup_printf ("converted from %s (detected); use --encoding to force",
                                          ts_encoding_get_name (encoding));
      g_assert_true (g_str_has_prefix (d->message, expected_warning));
      /* TCVN3 says that capitals may have been lost. */
      g_assert_true ((strstr (d->message, "capitals") != NULL) == (encoding == TS_ENCODING_TCVN3));

      /* Forced, the same text. */
      {
        g_autoptr (TsSource) forced = ts_source_new_from_data_encoded (
          samples[s], bytes, length, encoding, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (forced->text, ==, text);
      }
    }
}

/* Bytes checked by hand against the code charts. */
static void
test_known_bytes (void)
{
  static const struct
  {
    TsEncoding encoding;
    const char *bytes, *text;
  } cases[] = {
    /* Windows-1258: ê = 0xEA, combining dot below = 0xF2, ư = 0xFD, ơ = 0xF5,
     * combining grave = 0xCC; Đ = 0xD0. */
    { TS_ENCODING_CP1258, "Vi\xEA\xF2t", "Việt" },
    { TS_ENCODING_CP1258, "ng\xFD\xF5\xCCi", "người" },
    { TS_ENCODING_CP1258, "\xD0\xE0", "Đà" },
    /* VISCII (RFC 1456): ơ = 0xBD, ư = 0xDF, ờ = 0xB6, Ỵ = 0x1E, đ = 0xF0. */
    { TS_ENCODING_VISCII, "ng\xDF\xB6i", "người" },
    { TS_ENCODING_VISCII, "\x1E \xF0", "Ỵ đ" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = ts_encoding_convert (cases[i].encoding, "t", cases[i].bytes,
                                                  strlen (cases[i].bytes), NULL, &error);
      g_autofree char *got = NULL;
      g_assert_no_error (error);
      got = nfc (out, -1);
      g_assert_cmpstr (got, ==, cases[i].text);
    }
}

/* What is not Vietnamese in a legacy encoding keeps its UTF-8 error. */
static void
test_not_detected (void)
{
  static const char bad_utf8[] = "ok\nab\xC3(";
  g_autoptr (GError) error = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (TsSource) source = NULL;
  GRand *rand = g_rand_new_with_seed (6);
  char random_bytes[4096];

  source = ts_source_new_from_data_encoded ("bad.txt", bad_utf8, sizeof bad_utf8 - 1,
                                            TS_ENCODING_AUTO, diag, &error);
  g_assert_null (source);
  g_assert_error (error, TS_ERROR, TS_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "bad.txt:2:3: invalid UTF-8 byte 0xC3"));
  g_assert_cmpuint (diag->items->len, ==, 0);

  /* Random bytes, several seeds: never taken for a legacy encoding. */
  for (int round = 0; round < 20; round++)
    {
      for (gsize i = 0; i < sizeof random_bytes; i++)
        random_bytes[i] = (char) g_rand_int_range (rand, 0, 256);
      g_assert_cmpint (ts_encoding_detect (random_bytes, sizeof random_bytes), ==,
                       TS_ENCODING_AUTO);
      /* Printable high bytes only (no control character to stop at). */
      for (gsize i = 0; i < sizeof random_bytes; i++)
        random_bytes[i] = (char) (i % 7 == 6 ? ' ' : g_rand_int_range (rand, 0xA0, 0x100));
      g_assert_cmpint (ts_encoding_detect (random_bytes, sizeof random_bytes), ==,
                       TS_ENCODING_AUTO);
    }
  g_rand_free (rand);

  /* UTF-8 Vietnamese read as Windows-1252 mojibake and saved again as
   * UTF-8 is valid UTF-8: kept as it is, never "converted". */
  {
    g_autoptr (GError) e2 = NULL;
    g_autoptr (TsDiag) d2 = ts_diag_new ();
    g_autoptr (TsSource) s2 = ts_source_new_from_data_encoded ("m.txt", "Vi\xC3\xA1\xC2\xBB",
                                                               6, TS_ENCODING_AUTO, d2, &e2);
    g_assert_no_error (e2);
    g_assert_cmpuint (d2->items->len, ==, 0);
  }
}

static void
test_forced_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  /* 0x81 has no character in Windows-1258 (nor in Windows-1252, for VNI). */
  out = ts_encoding_convert (TS_ENCODING_CP1258, "a.txt", "ok\nab\x81", 6, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, TS_ERROR, TS_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "a.txt:2:3: byte 0x81 is not Windows-1258"));
  g_clear_error (&error);
  out = ts_encoding_convert (TS_ENCODING_VNI, "b.txt", "x\x81", 2, NULL, &error);
  g_assert_null (out);
  g_assert_true (g_str_has_prefix (error->message, "b.txt:1:2: byte 0x81 is not VNI"));
}

/* UTF-8 with a BOM and CRLF, and NFD, under auto: UTF-8, no warning. */
static void
test_auto_utf8 (void)
{
  static const char text[] = "\xEF\xBB\xBFVie\xCC\xA3\xCC\x82t\r\nNam";
  g_autoptr (GError) error = NULL;
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (TsSource) source = ts_source_new_from_data_encoded ("u.txt", text,
                                                                  sizeof text - 1,
                                                                  TS_ENCODING_AUTO, diag,
                                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->text, ==, "Việt\nNam");
  g_assert_cmpuint (diag->items->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoding/names", test_names);
  g_test_add_func ("/encoding/syllables", test_syllables);
  g_test_add_func ("/encoding/vni/table-size", test_vni_table_size);
  g_test_add_func ("/encoding/vni/all-letters", test_vni_all_letters);
  g_test_add_func ("/encoding/vni/words", test_vni_words);
  g_test_add_func ("/encoding/known-bytes", test_known_bytes);
  g_test_add_data_func ("/encoding/round-trip/cp1258", GINT_TO_POINTER (TS_ENCODING_CP1258),
                        check_encoding_round_trip);
  g_test_add_data_func ("/encoding/round-trip/viscii", GINT_TO_POINTER (TS_ENCODING_VISCII),
                        check_encoding_round_trip);
  g_test_add_data_func ("/encoding/round-trip/tcvn3", GINT_TO_POINTER (TS_ENCODING_TCVN3),
                        check_encoding_round_trip);
  g_test_add_data_func ("/encoding/round-trip/vni", GINT_TO_POINTER (TS_ENCODING_VNI),
                        check_encoding_round_trip);
  g_test_add_func ("/encoding/not-detected", test_not_detected);
  g_test_add_func ("/encoding/forced-errors", test_forced_errors);
  g_test_add_func ("/encoding/auto-utf8", test_auto_utf8);
  return g_test_run ();
}
