/* fontcheck.h — does every font of a style set Vietnamese?
 *
 * `typeset --check-fonts [--style NAME] [-o sheet.pdf|png]`: what a print
 * office runs before adopting a font.  Each distinct face of the style
 * (body, caption, title, ... with the size left out) is checked for the
 * 134 letters of Vietnamese beyond ASCII, and set on one specimen sheet:
 * the 134 letters with the plain vowels among them, then a sample line of
 * each role in its own font and size.  Font fallback is off on the sheet,
 * so a letter the face lacks shows as a box instead of hiding behind
 * another font.
 *
 * The 134: 12 vowels (a ă â e ê i o ô ơ u ư y) × 6 tones (none, huyền,
 * sắc, hỏi, ngã, nặng) = 72, less the 6 that are plain ASCII (a e i o u y)
 * = 66, and đ: 67 letters, lower and upper case.
 */
#pragma once

#include <glib.h>

#include "fonts.h"
#include "style.h"

G_BEGIN_DECLS

#define TS_VIETNAMESE_LETTERS 134

/* The 134 letters as code points (NFC, each one code point): lower case
 * first, in vowel then tone order, đ last; then the same upper case.
 * Returns the count (TS_VIETNAMESE_LETTERS). */
int ts_vietnamese_letters (gunichar out[TS_VIETNAMESE_LETTERS]);

typedef struct
{
  char *description;   /* "Noto Serif Bold" (the face, size left out) */
  char *roles;         /* "title, heading" */
  char *file;          /* what fontconfig chose, or NULL */
  char *family_found;  /* the family of that file */
  gboolean substituted;/* the family asked for is not installed */
  GString *missing;    /* the letters it lacks, separated by spaces */
  int n_missing;
} TsFontReport;

/* Checks the faces of @style and, when @output is not NULL, writes the
 * specimen sheet there (PNG when @output ends in .png, else PDF; "-" is a
 * PDF on standard output).  Appends one line per face to @report.
 * Returns the number of faces that lack a letter or are not installed,
 * or -1 and sets @error when the sheet cannot be written. */
int ts_font_check (TsFonts *fonts, const TsStyle *style, const char *output, gint64 epoch,
                   GString *report, GError **error);

G_END_DECLS
