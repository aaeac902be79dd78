/* linebreak.h — choosing line breaks over boxes, glue and penalties.
 *
 * The vocabulary is TeX's (Knuth & Plass 1981, "Breaking paragraphs into
 * lines"; tex.web part 38).  The breaker is pure: it sees widths in Pango
 * units and returns break positions.  It knows nothing of Pango, fonts or
 * text; the fields after the first block of TsItem are back-references that
 * the breaker carries but never reads.
 *
 * A paragraph's item list must end with a forced break (a penalty of
 * -TS_PENALTY_INFINITY), normally preceded by a glue with fil stretch
 * (TeX's \parfillskip).
 *
 * Legal breakpoints are TeX's (tex.web §866, §868): a glue item directly
 * after a box, and a penalty below TS_PENALTY_INFINITY.  So a space that
 * must not break is "penalty TS_PENALTY_INFINITY, glue" (TeX's ~), and a
 * space with a cost p is "penalty p, glue": the break is then at the
 * penalty and the glue after it is discarded.  A break is also not legal
 * when no box follows it before the next forced break (it could only make
 * an empty line).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TS_PENALTY_INFINITY 10000 /* >= forbids a break, <= -it forces one */
#define TS_BADNESS_INFINITY 10000 /* badness of an overfull or hopelessly loose line */

typedef enum
{
  TS_ITEM_BOX,
  TS_ITEM_GLUE,
  TS_ITEM_PENALTY,
} TsItemKind;

typedef struct
{
  TsItemKind kind;
  int width;       /* Pango units; glue: natural width; penalty: width added if broken here */
  int stretch;     /* glue: finite stretchability */
  int shrink;      /* glue: shrinkability */
  int stretch_fil; /* glue: > 0 means infinitely stretchable (\hfil) */
  int penalty;     /* penalty: cost of breaking here */
  gboolean flagged; /* penalty: a hyphen-like break */

  /* Back-references for the stages around the breaker; never read by it. */
  int run;                      /* boxes and glue: index of the shaped run */
  int glyph_start, glyph_end;   /* glyph range in that run */
  int text_start, text_end;     /* byte range in the paragraph text */
  int hang_left, hang_right;    /* boxes: glyph ink that protrudes into the margin when the
                                 * box starts / ends a line (hanging punctuation); already
                                 * taken out of @width */
  int hang;                     /* glue: the part of @width that belongs to the hanging
                                 * glyphs of the neighbouring boxes (drawn by them) */
  int expand_stretch, expand_shrink; /* glue: the part of @stretch / @shrink that font
                                      * expansion of the preceding word provides */
} TsItem;

typedef enum
{
  TS_BREAK_GLUE,      /* at a space */
  TS_BREAK_PENALTY,   /* at a penalty (an in-word opportunity) */
  TS_BREAK_FORCED,    /* the paragraph end or a hard line break */
  TS_BREAK_EMERGENCY, /* no feasible break existed: the line is overfull (ratio < -1);
                       * takes precedence over the kinds above */
} TsBreakKind;

typedef struct
{
  int item;           /* index of the glue or penalty item where the line ends */
  TsBreakKind kind;
  double ratio;       /* adjustment ratio of the line ending here, as ts_line_ratio()
                       * (< -1: overfull; 0 when fil glue takes the slack) */
  int badness;        /* 0..TS_BADNESS_INFINITY, as ts_line_ratio() */
  double demerits;    /* demerits of this line alone (tex.web §859) */
  int fitness;        /* 0 tight r < -1/2, 1 decent, 2 loose r > 1/2, 3 very loose r > 1;
                       * total-fit: as the breaker saw it (counting emergency_stretch
                       * in that pass); ratio and badness are always the real ones */
} TsBreak;

typedef struct
{
  const int *line_widths; /* width of line i is line_widths[MIN (i, n_line_widths - 1)] */
  int n_line_widths;
  int tolerance;          /* max badness for a feasible line (TeX default 200) */
  int pretolerance;       /* first pass threshold; < 0 skips the first pass */
  int line_penalty;       /* added to every line's badness (TeX 10) */
  int flagged_demerits;   /* two flagged breaks in a row (TeX 3000) */
  int fitness_demerits;   /* fitness classes of adjacent lines differ by > 1 (TeX 10000) */
  int emergency_stretch;  /* extra stretch for the final pass, Pango units */
} TsBreakParams;

/* TeX's plain defaults with @width for every line. */
void ts_break_params_init (TsBreakParams *params, const int *line_widths, int n_line_widths);

/* First-fit: the most items that fit on each line (using all their
 * shrink); penalties below TS_PENALTY_INFINITY are taken whatever their
 * cost; a line that cannot fit even one box is overfull
 * (TS_BREAK_EMERGENCY).  Returns a GArray of TsBreak, one per line (the
 * last at the forced break); line i is set to
 * line_widths[MIN (i, n_line_widths - 1)].  Returns NULL (a critical) only
 * on a programming error: no items, no line widths, or a last item that is
 * not a forced break.  (transfer full): free with g_array_unref(). */
GArray *ts_linebreak_first_fit (const TsItem *items, int n_items, const TsBreakParams *params);

/* Total-fit (Knuth–Plass, tex.web §813–§890).  Same contract as
 * first-fit; falls back to emergency breaks rather than ever failing, and
 * to first-fit for the rest of a paragraph whose active list outgrows a
 * work cap (hostile input only).  (transfer full) */
GArray *ts_linebreak_total_fit (const TsItem *items, int n_items, const TsBreakParams *params);

/* Adjustment ratio and badness of the line that ends at the break item
 * @to, set to @width (the TeX definitions: ratio = (width - natural) /
 * stretch or shrink; badness = 100 |r|^3 rounded, capped at
 * TS_BADNESS_INFINITY).
 *
 * The line is items [from, to), where:
 *  - @from is the item after the previous break (break item + 1), or 0 for
 *    the paragraph's first line.  When @from > 0, glue and penalties from
 *    @from up to the first box are discarded and count for nothing, as TeX
 *    does after a break (tex.web §879); the first line keeps everything.
 *  - @to is the index of the break item itself and must be valid (every
 *    line ends at one; the last at the final forced break).  Glue at @to is
 *    not part of the line; a penalty at @to adds its width (the hyphen drawn
 *    at the break).
 *  - Inside the range, boxes and glue add their width, glue its stretch,
 *    shrink and fil; penalties not broken at add nothing.
 * Results:
 *  - too short: fil glue present -> ratio 0, badness 0 (the fil glue takes
 *    the slack; finite glue keeps its natural width); else ratio =
 *    shortfall / stretch, or TS_BADNESS_INFINITY with badness infinite if
 *    there is no stretch;
 *  - too long: ratio = -excess / shrink, < -1 when overfull (badness
 *    infinite), or -TS_BADNESS_INFINITY if there is no shrink;
 *  - exact: 0.
 * @badness may be NULL. */
double ts_line_ratio (const TsItem *items, int from, int to, int width, int *badness);

G_END_DECLS
