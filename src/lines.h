/* lines.h — chosen breaks into set lines.
 *
 * A set line is what the page builder stacks and the renderer draws: pieces
 * of shaped runs cut at the breaks, with the glue (space glyphs) widened or
 * narrowed to the line's adjustment ratio.  The space glyphs stay in the
 * glyph strings, so the PDF's text layer holds real spaces and copies back
 * as the input's words.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "linebreak.h"
#include "shape.h"
#include "style.h"

G_BEGIN_DECLS

typedef struct
{
  PangoGlyphItem *glyph_item; /* owned: a sub-item of one run, spaces already set */
  int x;                      /* from the line's left edge, Pango units */
} TsLinePiece;

typedef struct
{
  int ref_count;
  TsPara *para;          /* (ref) the text the pieces point into */
  GArray *pieces;        /* TsLinePiece */
  int width;             /* the measure it was set to */
  int natural_width;     /* before adjustment */
  int used_width;        /* after adjustment (== width for justified lines) */
  double expansion;      /* horizontal scale of the whole line (font expansion, hz);
                          * 1.0 = none.  Piece positions and glyph advances are in the
                          * scaled system: the renderer scales by this around the line's
                          * left edge, so they are page units / expansion. */
  int ascent, descent;   /* logical, of the role's font */
  int ink_ascent, ink_descent; /* ink above / below the baseline (>= 0 when present) */
  int text_start, text_end;    /* byte range in para->text */
  TsBreak brk;           /* how the line ended */
  gboolean last;         /* the paragraph's last line */
} TsLine;

/* Sets the lines of @para broken at @breaks, each @widths[i] wide (the
 * last width repeats), aligned by @align.  Returns a GPtrArray of TsLine*
 * (owned, freed with the array). */
GPtrArray *ts_lines_set (TsPara *para, const GArray *breaks, const int *widths, int n_widths,
                         TsAlign align);

/* The line's text (UTF-8, without the discarded break space); caller frees. */
char *ts_line_get_text (const TsLine *line);

TsLine *ts_line_ref (TsLine *line);
void ts_line_unref (TsLine *line);

G_END_DECLS
