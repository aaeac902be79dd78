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
} TsItem;

typedef enum
{
  TS_BREAK_GLUE,      /* at a space */
  TS_BREAK_PENALTY,   /* at a penalty (an in-word opportunity) */
  TS_BREAK_FORCED,    /* the paragraph end or a hard line break */
  TS_BREAK_EMERGENCY, /* no feasible break existed: the line is overfull */
} TsBreakKind;

typedef struct
{
  int item;           /* index of the glue or penalty item where the line ends */
  TsBreakKind kind;
  double ratio;       /* adjustment ratio of the line ending here (< -1: overfull) */
  int badness;        /* 0..TS_BADNESS_INFINITY */
  double demerits;    /* demerits of this line alone */
  int fitness;        /* 0 tight, 1 decent, 2 loose, 3 very loose */
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

/* First-fit: the most items that fit on each line; a line that cannot fit
 * even one box is overfull (TS_BREAK_EMERGENCY).  Returns a GArray of
 * TsBreak, one per line (the last at the forced break).  Caller frees. */
GArray *ts_linebreak_first_fit (const TsItem *items, int n_items, const TsBreakParams *params);

/* Total-fit (Knuth–Plass).  Same contract as first-fit; falls back to
 * emergency breaks rather than ever failing.  Caller frees. */
GArray *ts_linebreak_total_fit (const TsItem *items, int n_items, const TsBreakParams *params);

/* Adjustment ratio and badness of a line made of items [from, to) with
 * width @width (the TeX definitions: ratio = (width - natural) / stretch or
 * shrink; badness = 100 |r|^3 capped). */
double ts_line_ratio (const TsItem *items, int from, int to, int width, int *badness);

G_END_DECLS
