/* shape.h — a styled paragraph into shaped runs and a box/glue/penalty list.
 *
 * Pango itemises and shapes (HarfBuzz); this stage turns the result into
 * the breaker's vocabulary.  Every space becomes glue whose stretch and
 * shrink come from the style; every other cluster belongs to a box; an
 * in-word break opportunity from Pango's log attrs becomes a costly penalty
 * (emergency use only) unless the token must never be split (a date, a
 * document number).  The paragraph ends with fil glue and a forced break.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "linebreak.h"
#include "style.h"
#include "vnrules.h"

G_BEGIN_DECLS

/* Breaking inside a word is a last resort: far costlier than any loose
 * line, still below TS_PENALTY_INFINITY so that an overlong token can
 * break.  After a hyphen or a slash (Pango's opportunities) it is a little
 * cheaper than between two letters of a token wider than the measure. */
#define TS_PENALTY_IN_WORD 5000
#define TS_PENALTY_GRAPHEME 9000

/* A link over a byte range of the paragraph (Markdown's [text](url)): the
 * renderer makes the glyphs of the range clickable on every line they
 * reach.  Adjacent spans of one link make one range. */
typedef struct
{
  int start, end;     /* bytes in TsPara.text, end exclusive */
  char *uri;          /* owned */
} TsParaLink;

typedef struct
{
  int ref_count;
  char *text;         /* NFC UTF-8 of the paragraph (owned) */
  int length;         /* bytes */
  GPtrArray *runs;    /* PangoGlyphItem*, logical order, owned; whole shaped items;
                       * NULL after ts_para_release_shaping() */
  GArray *items;      /* TsItem: the breaker's input; NULL after ts_para_release_shaping() */
  int ascent, descent;  /* logical extents of the role's primary font */
  int font_size;        /* Pango units */
  GArray *links;        /* TsParaLink, or NULL: set by the caller after shaping
                         * (ts_para_add_link); freed with the paragraph */
} TsPara;

/* Everything shaping needs from the surrounding stages. */
typedef struct
{
  const TsTextStyle *role;   /* font, indent, align */
  int space_stretch_pct;     /* from style [breaking] */
  int space_shrink_pct;
  gboolean indent_first;     /* put role->indent in front of the first line */
  const TsVnRules *rules;    /* where spaces should not break; NULL: every space is free */
  gboolean protrusion;       /* hanging punctuation: let marks at line ends hang */
  int expansion;             /* font expansion limit in per mille of the glyph widths (hz); 0: off */
  int measure;               /* the narrowest line width; a token wider than this may break
                              * between any two characters as a last resort; 0: unknown */
  TsDiag *diag;              /* missing glyphs go here; may be NULL */
  const TsBlock *block;      /* for FILE:LINE:COL of diagnostics; may be NULL */
  const char *file;          /* display name for diagnostics */
} TsShapeOptions;

/* Shapes @text (NFC, @length bytes) with the emphasis @spans (TsSpan; may
 * be NULL).  Never fails: a character no font has is drawn as Pango's hex
 * box and reported to options->diag as "missing-glyph".  Caller releases
 * with ts_para_unref(). */
TsPara *ts_shape_paragraph (TsFonts *fonts, const char *text, int length, const GArray *spans,
                            const TsShapeOptions *options);

/* Adds a link over [@start, @end) of @para's text to @uri (copied); a range
 * that continues the previous one with the same @uri extends it. */
void ts_para_add_link (TsPara *para, int start, int end, const char *uri);

TsPara *ts_para_ref (TsPara *para);
void ts_para_unref (TsPara *para);

/* Frees @para's shaped runs and breaker items (runs and items become
 * NULL) once its lines are set: the lines keep copies of their glyphs
 * (lines.h) and their break (TsLine.brk); the text and the links stay
 * for the renderer.  They were three fifths of a long document's peak
 * memory (massif, seed ×200: 55 of 97 MB), kept to the end for nothing. */
void ts_para_release_shaping (TsPara *para);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPara, ts_para_unref)

G_END_DECLS
