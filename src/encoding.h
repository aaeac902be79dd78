/* encoding.h — legacy Vietnamese encodings: names, conversion, detection.
 *
 * Vietnamese offices still keep text in the encodings of the 1990s:
 * Windows-1258 (base letters and combining tone marks), VISCII, TCVN3
 * (TCVN 5712, the "ABC" fonts such as .VnTime) and VNI (a font encoding,
 * one base letter and one mark byte).  glibc's iconv has the first three;
 * VNI is a table here.  The reader (reader.c) calls these when its input
 * is not UTF-8; the result is UTF-8 that the reader then cleans and
 * normalises to NFC as usual, so that every stage after it sees the same
 * text whatever the file's encoding was.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TS_ENCODING_AUTO,   /* UTF-8 when valid, else the best-scoring legacy one */
  TS_ENCODING_UTF8,
  TS_ENCODING_CP1258, /* Windows-1258 */
  TS_ENCODING_VISCII,
  TS_ENCODING_TCVN3,  /* TCVN 5712:1993 (VN1), a superset of the ABC fonts' TCVN3 */
  TS_ENCODING_VNI,    /* VNI-Windows */
} TsEncoding;

/* "auto", "utf-8" (or "utf8"), "cp1258" ("windows-1258"), "viscii",
 * "tcvn3" ("tcvn", "tcvn5712"), "vni"; case does not matter.  Returns FALSE
 * for anything else. */
gboolean ts_encoding_from_name (const char *name, TsEncoding *encoding);

/* The name for people: "UTF-8", "Windows-1258", "VISCII", "TCVN3", "VNI";
 * "auto" for TS_ENCODING_AUTO.  (transfer none) */
const char *ts_encoding_get_name (TsEncoding encoding);

/* Converts @length bytes of @data from @encoding (not AUTO) to UTF-8 (not
 * yet NFC: Windows-1258 gives base letters and combining marks).  Returns
 * NULL and sets @error (TS_ERROR_ENCODING, "NAME:LINE:COL: byte 0xXX is not
 * ENCODING; ...") when a byte has no meaning in that encoding.  Caller
 * frees.  @out_length may be NULL. */
char *ts_encoding_convert (TsEncoding encoding, const char *name, const char *data, gsize length,
                           gsize *out_length, GError **error);

/* Which legacy encoding @data is most likely in: each candidate's decoding
 * is scored as Vietnamese (ts_encoding_score_vietnamese) and the best one
 * wins if it is Vietnamese enough.  Returns TS_ENCODING_AUTO when none is
 * (random bytes, a mangled UTF-8 file, too little text to tell).  Does not
 * consider UTF-8: the caller checks that first. */
TsEncoding ts_encoding_detect (const char *data, gsize length);

/* Looks at the words of @text (UTF-8, any normal form) that have a letter
 * outside ASCII, and counts in @n_valid those that are Vietnamese
 * syllables and in @n_invalid those that are not.  Pure ASCII words say
 * nothing about the encoding and are not counted.  At most the first
 * TS_ENCODING_SCORE_LIMIT bytes are looked at. */
void ts_encoding_score_vietnamese (const char *text, gsize length, int *n_valid, int *n_invalid);

/* TRUE when @word (UTF-8, NFC or NFD, either case, no spaces) is one
 * written Vietnamese syllable: an initial consonant, a rhyme that
 * Vietnamese has, at most one tone mark, on a vowel, and only sắc or nặng
 * before a final c, ch, p or t. */
gboolean ts_vietnamese_is_syllable (const char *word, gssize length);

/* Bytes of text that detection looks at: enough for thousands of words. */
#define TS_ENCODING_SCORE_LIMIT (256 * 1024)

G_END_DECLS
