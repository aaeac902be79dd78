/* test-linebreak.c — the breaker on hand-built item lists.
 *
 * Widths are small integers (the breaker is scale-free: badness depends on
 * ratios only).  Unless a test says otherwise, words are boxes separated by
 * the glue G = 6/+3/-2 (TeX's 3/+1.5/-1 in half units), and a paragraph
 * ends with fil glue and a forced break.  Every expectation below was
 * worked out by hand in the comment next to it (and cross-checked with a
 * brute-force search over all break sequences).
 *
 * Reminders for reading the arithmetic:
 *   badness = round (100 r^3), capped at 10000;
 *   demerits = (10 + b)^2 ± penalty^2, + 3000 for two flagged breaks in a
 *   row, + 10000 when fitness classes differ by more than one
 *   (0 tight r < -1/2, 1 decent, 2 loose r > 1/2, 3 very loose r > 1).
 */
#include "linebreak.h"

#include <math.h>

#define GW 6 /* glue width */
#define GY 3 /* glue stretch */
#define GZ 2 /* glue shrink */

/* ---------------------------------------------------------------------- */
/* Building paragraphs. */

static void
add_box (GArray *a, int width)
{
  TsItem it = { 0 };

  it.kind = TS_ITEM_BOX;
  it.width = width;
  g_array_append_val (a, it);
}

static void
add_glue (GArray *a, int width, int stretch, int shrink, int fil)
{
  TsItem it = { 0 };

  it.kind = TS_ITEM_GLUE;
  it.width = width;
  it.stretch = stretch;
  it.shrink = shrink;
  it.stretch_fil = fil;
  g_array_append_val (a, it);
}

static void
add_space (GArray *a)
{
  add_glue (a, GW, GY, GZ, 0);
}

static void
add_penalty (GArray *a, int width, int penalty, gboolean flagged)
{
  TsItem it = { 0 };

  it.kind = TS_ITEM_PENALTY;
  it.width = width;
  it.penalty = penalty;
  it.flagged = flagged;
  g_array_append_val (a, it);
}

/* \parfillskip and the final forced break. */
static void
add_end (GArray *a)
{
  add_glue (a, 0, 0, 0, 1);
  add_penalty (a, 0, -TS_PENALTY_INFINITY, FALSE);
}

/* Boxes of the given widths separated by G, then the end. */
static GArray *
words (const int *widths, int n)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        add_space (a);
      add_box (a, widths[i]);
    }
  add_end (a);
  return a;
}

static const TsItem *
items_of (GArray *a)
{
  return (const TsItem *) a->data;
}

static const TsBreak *
line_at (GArray *breaks, int i)
{
  return &g_array_index (breaks, TsBreak, i);
}

/* Assert that @breaks end lines at exactly @expected (n entries). */
static void
assert_breaks (GArray *breaks, const int *expected, int n)
{
  g_assert_nonnull (breaks);
  g_assert_cmpint ((int) breaks->len, ==, n);
  for (int i = 0; i < n; i++)
    g_assert_cmpint (line_at (breaks, i)->item, ==, expected[i]);
}

/* Invariants every result must satisfy, whatever the input. */
static void
assert_sane (GArray *items, GArray *breaks, const TsBreakParams *params)
{
  const TsItem *it = items_of (items);
  int prev = -1;

  g_assert_nonnull (breaks);
  g_assert_cmpint ((int) breaks->len, >, 0);
  for (guint i = 0; i < breaks->len; i++)
    {
      const TsBreak *b = line_at (breaks, i);
      int width = params->line_widths[MIN ((int) i, params->n_line_widths - 1)];
      int bad;
      double r;

      g_assert_cmpint (b->item, >, prev);
      g_assert_cmpint (b->item, <, (int) items->len);
      g_assert_true (it[b->item].kind != TS_ITEM_BOX);
      if (it[b->item].kind == TS_ITEM_PENALTY)
        g_assert_cmpint (it[b->item].penalty, <, TS_PENALTY_INFINITY);
      g_assert_cmpint (b->badness, >=, 0);
      g_assert_cmpint (b->badness, <=, TS_BADNESS_INFINITY);
      g_assert_cmpint (b->fitness, >=, 0);
      g_assert_cmpint (b->fitness, <=, 3);
      /* The line is never wider than the measure unless marked. */
      if (b->kind != TS_BREAK_EMERGENCY)
        g_assert_cmpfloat (b->ratio, >=, -1.0);
      /* The reported values are ts_line_ratio's. */
      r = ts_line_ratio (it, prev + 1, b->item, width, &bad);
      g_assert_cmpfloat (r, ==, b->ratio);
      g_assert_cmpint (bad, ==, b->badness);
      prev = b->item;
    }
  g_assert_cmpint (prev, ==, (int) items->len - 1);
}

static double
total_demerits (GArray *breaks)
{
  double d = 0;

  for (guint i = 0; i < breaks->len; i++)
    d += line_at (breaks, i)->demerits;
  return d;
}

/* ---------------------------------------------------------------------- */

static void
test_params_init (void)
{
  int w = 100;
  TsBreakParams p;

  ts_break_params_init (&p, &w, 1);
  g_assert_true (p.line_widths == &w);
  g_assert_cmpint (p.n_line_widths, ==, 1);
  g_assert_cmpint (p.tolerance, ==, 200);
  g_assert_cmpint (p.pretolerance, ==, 100);
  g_assert_cmpint (p.line_penalty, ==, 10);
  g_assert_cmpint (p.flagged_demerits, ==, 3000);
  g_assert_cmpint (p.fitness_demerits, ==, 10000);
  g_assert_cmpint (p.emergency_stretch, ==, 0);
}

/* Three boxes of 10 and two G: natural 42, stretch 6, shrink 4. */
static void
test_line_ratio (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  const TsItem *it;
  int bad = -1;

  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_penalty (a, 0, -TS_PENALTY_INFINITY, FALSE); /* index 5 */
  it = items_of (a);

  /* Exact: r = 0, b = 0. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 42, &bad), ==, 0.0);
  g_assert_cmpint (bad, ==, 0);
  /* 48: shortfall 6 / stretch 6 = 1, b = 100. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 48, &bad), ==, 1.0);
  g_assert_cmpint (bad, ==, 100);
  /* 45: 3/6 = 0.5, 100 * 0.125 = 12.5, rounds to 13. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 45, &bad), ==, 0.5);
  g_assert_cmpint (bad, ==, 13);
  /* 54: 12/6 = 2, b = 800. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 54, &bad), ==, 2.0);
  g_assert_cmpint (bad, ==, 800);
  /* 69: 27/6 = 4.5, 100 * 91.125 = 9112.5 -> 9113 (just under the cap). */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 69, &bad), ==, 4.5);
  g_assert_cmpint (bad, ==, 9113);
  /* 72: 30/6 = 5, 12500 capped at 10000. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 72, &bad), ==, 5.0);
  g_assert_cmpint (bad, ==, TS_BADNESS_INFINITY);
  /* 38: -4/4 = -1, b = 100 (still fits, all shrink used). */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 38, &bad), ==, -1.0);
  g_assert_cmpint (bad, ==, 100);
  /* 41: -1/4 = -0.25, 1.5625 -> 2. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 41, &bad), ==, -0.25);
  g_assert_cmpint (bad, ==, 2);
  /* 36: -6/4 = -1.5: overfull, badness infinite. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 5, 36, &bad), ==, -1.5);
  g_assert_cmpint (bad, ==, TS_BADNESS_INFINITY);
  /* The line ending at the first glue is the box alone: no glue to
   * stretch or shrink. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 1, 20, &bad), ==, (double) TS_BADNESS_INFINITY);
  g_assert_cmpint (bad, ==, TS_BADNESS_INFINITY);
  g_assert_cmpfloat (ts_line_ratio (it, 0, 1, 8, &bad), ==, -(double) TS_BADNESS_INFINITY);
  g_assert_cmpint (bad, ==, TS_BADNESS_INFINITY);
  g_assert_cmpfloat (ts_line_ratio (it, 0, 1, 10, NULL), ==, 0.0);
  g_array_unref (a);
}

static void
test_line_ratio_conventions (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  const TsItem *it;
  int bad = -1;

  add_box (a, 10);              /* 0 */
  add_space (a);                /* 1: a break */
  add_penalty (a, 0, 0, FALSE); /* 2 */
  add_space (a);                /* 3 */
  add_box (a, 10);              /* 4 */
  add_space (a);                /* 5 */
  add_box (a, 10);              /* 6 */
  add_penalty (a, 4, 50, TRUE); /* 7: a "hyphen" 4 wide */
  add_box (a, 10);              /* 8 */
  add_end (a);                  /* 9 fil, 10 forced */
  it = items_of (a);

  /* After the break at 1, items 2 and 3 are discarded: the line ending at
   * the penalty 7 is 10 + 6 + 10 + 4 (the hyphen) = 30, stretch 3; at 33,
   * r = 1, b = 100.  Starting at 4 is the same line. */
  g_assert_cmpfloat (ts_line_ratio (it, 2, 7, 33, &bad), ==, 1.0);
  g_assert_cmpint (bad, ==, 100);
  g_assert_cmpfloat (ts_line_ratio (it, 4, 7, 33, &bad), ==, 1.0);
  /* The hyphen counts: 30 fills 30 exactly (26 would be short 4). */
  g_assert_cmpfloat (ts_line_ratio (it, 2, 7, 30, &bad), ==, 0.0);
  g_assert_cmpint (bad, ==, 0);
  /* The first line (from 0) keeps everything: 10+6+6+10+6+10 + 4 = 52,
   * stretch 9; at 61, r = 1.  Were 2 and 3 discarded it would be 40. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 7, 61, &bad), ==, 1.0);
  /* Glue at @to is not part of the line: [0, 3) is box 10 + glue 6 +
   * penalty 0 = 16, stretch 3; at 19 r = 1. */
  g_assert_cmpfloat (ts_line_ratio (it, 0, 3, 19, &bad), ==, 1.0);
  g_assert_cmpfloat (ts_line_ratio (it, 0, 1, 10, &bad), ==, 0.0);
  /* A penalty not broken at (7, inside [4, 9)) adds nothing; the fil glue
   * at 9 is @to, outside: 10 + 6 + 10 + 10 = 36, stretch 3; at 39 r = 1. */
  g_assert_cmpfloat (ts_line_ratio (it, 4, 9, 39, &bad), ==, 1.0);
  /* The last line [8, 10) holds the fil glue: a short line costs nothing. */
  g_assert_cmpfloat (ts_line_ratio (it, 8, 10, 500, &bad), ==, 0.0);
  g_assert_cmpint (bad, ==, 0);
  /* ... but fil does not shrink: 10 on a measure of 8 has no shrink. */
  g_assert_cmpfloat (ts_line_ratio (it, 8, 10, 8, &bad), ==, -(double) TS_BADNESS_INFINITY);
  g_assert_cmpint (bad, ==, TS_BADNESS_INFINITY);
  g_array_unref (a);
}

/* The classic case: first-fit packs line 1 tight and leaves line 2 very
 * loose; total-fit sets two good lines.  Measure 68.
 *
 *   items: 0:B8 1:G 2:B16 3:G 4:B8 5:G 6:B10 7:G 8:B10 9:G 10:B20 11:G
 *          12:B10 13:G 14:B8 15:G 16:B20 17:fil 18:forced
 *
 * First-fit, line 1: to glue 9, 8+16+8+10+10 + 4*6 = 76, shrink 8: 68, fits
 *   (r = -8/8 = -1, b = 100); adding B20 cannot fit.
 *   Line 2: 20+10+8 + 2*6 = 50, shortfall 18, stretch 6: r = 3, b = 2700;
 *   adding B20 gives 76 - 6 = 70 > 68.  Line 3: B20 and fil.
 *   Demerits: 110^2 = 12100 (tight after the start's decent: adjacent);
 *   2710^2 = 7344100 + 10000 (very loose after tight); 100 + 10000 (decent
 *   after very loose).
 * Total-fit (first pass, pretolerance 100): line 1 can end only at 7
 *   (8+16+8+10 + 18 = 60: r = 8/9, b = 70, loose) or 9 (b = 100, tight);
 *   from 9 nothing is feasible (the 2700 line, or overfull 70 at the end);
 *   from 7: to 13 is 52, r = 16/6 (b 1896), to 15 is 10+20+10+8 + 18 = 66:
 *   r = 2/9, b = 1 (decent), to the end overfull.  So 7, 15, 18 with
 *   demerits 80^2 = 6400, 11^2 = 121, 10^2 = 100. */
static void
test_classic (void)
{
  static const int ws[] = { 8, 16, 8, 10, 10, 20, 10, 8, 20 };
  static const int ff_expected[] = { 9, 15, 18 };
  static const int tf_expected[] = { 7, 15, 18 };
  GArray *a = words (ws, G_N_ELEMENTS (ws));
  int width = 68;
  TsBreakParams p;
  GArray *ff, *tf;

  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);

  assert_breaks (ff, ff_expected, 3);
  assert_sane (a, ff, &p);
  g_assert_cmpfloat (line_at (ff, 0)->ratio, ==, -1.0);
  g_assert_cmpint (line_at (ff, 0)->badness, ==, 100);
  g_assert_cmpint (line_at (ff, 0)->fitness, ==, 0);
  g_assert_cmpfloat (line_at (ff, 1)->ratio, ==, 3.0);
  g_assert_cmpint (line_at (ff, 1)->badness, ==, 2700);
  g_assert_cmpint (line_at (ff, 1)->fitness, ==, 3);
  g_assert_cmpfloat (line_at (ff, 1)->demerits, ==, 2710.0 * 2710.0 + 10000);
  g_assert_cmpint (line_at (ff, 2)->kind, ==, TS_BREAK_FORCED);
  g_assert_cmpfloat (line_at (ff, 2)->demerits, ==, 100 + 10000);
  g_assert_cmpint (line_at (ff, 0)->kind, ==, TS_BREAK_GLUE);

  assert_breaks (tf, tf_expected, 3);
  assert_sane (a, tf, &p);
  g_assert_cmpfloat (fabs (line_at (tf, 0)->ratio - 8.0 / 9.0), <, 1e-12);
  g_assert_cmpint (line_at (tf, 0)->badness, ==, 70);
  g_assert_cmpint (line_at (tf, 0)->fitness, ==, 2);
  g_assert_cmpfloat (line_at (tf, 0)->demerits, ==, 6400);
  g_assert_cmpint (line_at (tf, 1)->badness, ==, 1);
  g_assert_cmpint (line_at (tf, 1)->fitness, ==, 1);
  g_assert_cmpfloat (line_at (tf, 1)->demerits, ==, 121);
  g_assert_cmpfloat (line_at (tf, 2)->ratio, ==, 0.0); /* fil takes the slack */
  g_assert_cmpint (line_at (tf, 2)->badness, ==, 0);
  g_assert_cmpfloat (line_at (tf, 2)->demerits, ==, 100);
  g_assert_cmpint (line_at (tf, 2)->kind, ==, TS_BREAK_FORCED);
  g_assert_cmpfloat (total_demerits (tf), <, total_demerits (ff));

  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* An empty paragraph, just the fil glue and the forced break: one line,
 * perfect.  (The glue is no break: no box precedes it.) */
static void
test_empty_paragraph (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  static const int expected[] = { 1 };
  int width = 100;
  TsBreakParams p;
  GArray *ff, *tf;

  add_end (a);
  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (ff, expected, 1);
  assert_breaks (tf, expected, 1);
  for (int k = 0; k < 2; k++)
    {
      const TsBreak *b = line_at (k ? tf : ff, 0);

      g_assert_cmpint (b->kind, ==, TS_BREAK_FORCED);
      g_assert_cmpfloat (b->ratio, ==, 0.0);
      g_assert_cmpint (b->badness, ==, 0);
      g_assert_cmpint (b->fitness, ==, 1);
      g_assert_cmpfloat (b->demerits, ==, 100);
    }
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* A hard line break in mid-paragraph (fil glue and a forced penalty) is
 * always taken, by both algorithms, and the short line before it costs
 * nothing.  Measure 42 = three boxes of 10 exactly.
 *   0:B 1:G 2:B 3:fil 4:forced 5:B 6:G 7:B 8:G 9:B 10:fil 11:forced
 * Line 1 ends at 4 (10+6+10 + fil: r = 0); line 2 is 42 exactly. */
static void
test_forced_break (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  static const int expected[] = { 4, 11 };
  int width = 42;
  TsBreakParams p;
  GArray *ff, *tf;

  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_end (a);
  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_end (a);
  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (ff, expected, 2);
  assert_breaks (tf, expected, 2);
  assert_sane (a, ff, &p);
  assert_sane (a, tf, &p);
  for (int k = 0; k < 2; k++)
    {
      GArray *r = k ? tf : ff;

      g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_FORCED);
      g_assert_cmpfloat (line_at (r, 0)->ratio, ==, 0.0);
      g_assert_cmpint (line_at (r, 1)->kind, ==, TS_BREAK_FORCED);
      g_assert_cmpint (line_at (r, 1)->badness, ==, 0);
    }
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* A break at a penalty with a width (a hyphen-like mark): the line is
 * measured with it.  Measure 55.
 *   0:B10 1:G 2:B10 3:G 4:B20 5:P(width 4, 50, flagged) 6:B20 7:G 8:B10
 *   9:fil 10:forced
 * Line 1 can end at 3 (26: no), at 5 (10+6+10+6+20 + 4 = 56: r = -1/4,
 * b = 2, decent) or 7 (10+6+10+6+20+20+6 = 78 - 6: overfull).  Without the
 * hyphen's 4 the line would be 52, r = +1/2.  Demerits 12^2 + 50^2 = 2644.
 * First-fit agrees: 5 fits (56 - 4 <= 55), 7 does not (72 > 55). */
static void
test_penalty_width (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  static const int expected[] = { 5, 10 };
  int width = 55;
  TsBreakParams p;
  GArray *ff, *tf;

  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_space (a);
  add_box (a, 20);
  add_penalty (a, 4, 50, TRUE);
  add_box (a, 20);
  add_space (a);
  add_box (a, 10);
  add_end (a);
  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (ff, expected, 2);
  assert_breaks (tf, expected, 2);
  assert_sane (a, tf, &p);
  for (int k = 0; k < 2; k++)
    {
      GArray *r = k ? tf : ff;

      g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_PENALTY);
      g_assert_cmpfloat (line_at (r, 0)->ratio, ==, -0.25);
      g_assert_cmpint (line_at (r, 0)->badness, ==, 2);
      g_assert_cmpfloat (line_at (r, 0)->demerits, ==, 144 + 2500);
    }
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* A break that is overfull only because of the mark it draws (a penalty's
 * width) must not end the line's prospects: the material still fits, and a
 * later break may.  Measure 44.
 *   0:B20 1:G 2:B14 3:P(width 10, 0) 4:B4 5:G 6:B20 7:fil 8:forced
 * At 3: 20+6+14 + 10 = 50, shrink 2: overfull (without the mark, 38 fits).
 * At 5: 20+6+14+4 = 44 exactly, b = 0; then 20 + fil.  Breaks 5, 8 for both
 * algorithms, in total-fit's first pass (demerits 100 + 100).  Were the
 * start node dropped at 3, as tex.web §851 would, the final pass could only
 * keep an overfull line. */
static void
test_penalty_width_overfull (void)
{
  static const int expected[] = { 5, 8 };
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  int width = 44;
  TsBreakParams p;
  GArray *ff, *tf;

  add_box (a, 20);
  add_space (a);
  add_box (a, 14);
  add_penalty (a, 10, 0, FALSE);
  add_box (a, 4);
  add_space (a);
  add_box (a, 20);
  add_end (a);
  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (ff, expected, 2);
  assert_breaks (tf, expected, 2);
  assert_sane (a, tf, &p);
  g_assert_cmpint (line_at (tf, 0)->badness, ==, 0);
  g_assert_cmpfloat (total_demerits (tf), ==, 200);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* An infinite penalty before a glue (TeX's ~) forbids that break, even
 * where it would be best.
 *
 * Total-fit, measure 70, words 14 18 8 6 6 24.
 *   Plain: 0:B14 1:G 2:B18 3:G 4:B8 5:G 6:B6 7:G 8:B6 9:G 10:B24 11:fil
 *   Line 1 to 7: 14+18+8+6 + 18 = 64, r = 6/9, b = 30 (loose); then
 *   6+6+24 + fil.  Demerits 40^2 + 10^2 = 1700.
 *   Tied at 7 (a penalty 10000 inserted before that glue, shifting later
 *   items by one): line 1 must go on to 10: 14+18+8+6+6 + 24 = 76,
 *   r = -6/8, b = 42 (tight); then 24 + fil.  52^2 + 10^2 = 2804.
 *   (To 5 instead: 52, r = 3: infeasible.)
 * First-fit, measure 30, words 10 10 10: plain, line 1 ends at 3
 * (26 <= 30; 42 - 4 > 30); tied there, only the glue at 1 remains. */
static void
test_infinite_penalty (void)
{
  static const int ws[] = { 14, 18, 8, 6, 6, 24 };
  static const int plain_expected[] = { 7, 12 };
  static const int tied_expected[] = { 10, 13 };
  static const int ws2[] = { 10, 10, 10 };
  static const int ff_plain_expected[] = { 3, 6 };
  static const int ff_tied_expected[] = { 1, 7 };
  TsItem tie = { 0 };
  int width = 70, width2 = 30;
  TsBreakParams p, p2;
  GArray *a, *t, *r;

  tie.kind = TS_ITEM_PENALTY;
  tie.penalty = TS_PENALTY_INFINITY;
  ts_break_params_init (&p, &width, 1);
  ts_break_params_init (&p2, &width2, 1);

  a = words (ws, G_N_ELEMENTS (ws));
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, plain_expected, 2);
  g_assert_cmpfloat (total_demerits (r), ==, 1700);
  g_array_unref (r);

  t = words (ws, G_N_ELEMENTS (ws));
  g_array_insert_val (t, 7, tie);
  r = ts_linebreak_total_fit (items_of (t), t->len, &p);
  assert_breaks (r, tied_expected, 2);
  assert_sane (t, r, &p);
  g_assert_cmpint (line_at (r, 0)->badness, ==, 42);
  g_assert_cmpint (line_at (r, 0)->fitness, ==, 0);
  g_assert_cmpfloat (total_demerits (r), ==, 2804);
  g_array_unref (r);
  /* An infinite penalty is not a break for first-fit either. */
  r = ts_linebreak_first_fit (items_of (t), t->len, &p);
  assert_sane (t, r, &p);
  for (guint i = 0; i < r->len; i++)
    g_assert_cmpint (line_at (r, i)->item, !=, 7);
  g_array_unref (r);
  g_array_unref (t);
  g_array_unref (a);

  a = words (ws2, G_N_ELEMENTS (ws2));
  r = ts_linebreak_first_fit (items_of (a), a->len, &p2);
  assert_breaks (r, ff_plain_expected, 2);
  g_array_unref (r);
  g_array_insert_val (a, 3, tie);
  r = ts_linebreak_first_fit (items_of (a), a->len, &p2);
  assert_breaks (r, ff_tied_expected, 2);
  g_assert_cmpint (line_at (r, 0)->badness, ==, TS_BADNESS_INFINITY); /* the lone 10 */
  g_array_unref (r);
  g_array_unref (a);
}

/* Two flagged breaks in a row cost flagged_demerits.  Measure 72.
 *   0:B12 1:G 2:B22 3:G 4:B20 5:P(4, 50, flagged) 6:B6 7:G 8:B8 9:G 10:B12
 *   11:G 12:B16 13:P(4, 50, flagged) 14:B28 15:G 16:B22 17:fil 18:forced
 * Path A: 5, 13, 18.  Line 1: 12+22+20 + 12 + 4 = 70, r = 2/6, b = 4:
 *   14^2 + 50^2 = 2696.  Line 2: 6+8+12+16 + 18 + 4 = 64, r = 8/9, b = 70
 *   (loose): 80^2 + 50^2 = 8900.  Line 3: 28+6+22 + fil: 100.
 *   11696, plus 3000 when flagged breaks are charged: 14696.
 * Path B: 7, 15, 18.  Line 1: 12+22+20+6 + 12 = 72, b = 0: 100.  Line 2:
 *   8+12+16+28 + 12 = 76 - 4: r = -1, b = 100 (tight): 110^2 = 12100.
 *   Line 3: 22 + fil: 100.  12300.
 * So A wins without flagged demerits, B with the default 3000. */
static void
test_flagged_demerits (void)
{
  static const int a_expected[] = { 5, 13, 18 };
  static const int b_expected[] = { 7, 15, 18 };
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  int width = 72;
  TsBreakParams p;
  GArray *r;

  add_box (a, 12);
  add_space (a);
  add_box (a, 22);
  add_space (a);
  add_box (a, 20);
  add_penalty (a, 4, 50, TRUE);
  add_box (a, 6);
  add_space (a);
  add_box (a, 8);
  add_space (a);
  add_box (a, 12);
  add_space (a);
  add_box (a, 16);
  add_penalty (a, 4, 50, TRUE);
  add_box (a, 28);
  add_space (a);
  add_box (a, 22);
  add_end (a);

  ts_break_params_init (&p, &width, 1);
  p.flagged_demerits = 0;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, a_expected, 3);
  assert_sane (a, r, &p);
  g_assert_cmpfloat (line_at (r, 0)->demerits, ==, 2696);
  g_assert_cmpfloat (line_at (r, 1)->demerits, ==, 8900);
  g_assert_cmpfloat (total_demerits (r), ==, 11696);
  g_array_unref (r);

  ts_break_params_init (&p, &width, 1);
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, b_expected, 3);
  assert_sane (a, r, &p);
  g_assert_cmpfloat (total_demerits (r), ==, 12300);
  g_array_unref (r);

  /* Lowering flagged_demerits to 600 is not enough (11696 + 600 = 12296
   * < 12300 keeps A); 700 is (12396). */
  p.flagged_demerits = 600;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, a_expected, 3);
  g_assert_cmpfloat (line_at (r, 1)->demerits, ==, 8900 + 600);
  g_array_unref (r);
  p.flagged_demerits = 700;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, b_expected, 3);
  g_array_unref (r);
  g_array_unref (a);
}

/* Adjacent lines whose fitness classes differ by more than one cost
 * fitness_demerits.  Measure 72, words 18 10 6 12 12 10 8 16 8:
 *   0:B18 1:G 2:B10 3:G 4:B6 5:G 6:B12 7:G 8:B12 9:G 10:B10 11:G 12:B8
 *   13:G 14:B16 15:G 16:B8 17:fil 18:forced
 * Line 1 to 7: 18+10+6+12 + 18 = 64, r = 8/9, b = 70, loose: 6400.
 * Then either the rest on one line: 12+10+8+16+8 + 24 = 78 - 6 of shrink 8:
 *   r = -3/4, b = 42, tight after loose: 52^2 = 2704 (+10000);
 * or to 15: 12+10+8+16 + 18 = 64, b = 70, loose: 6400, then 8 + fil: 100.
 * Without fitness demerits: 6400 + 2704 = 9104 < 12900.
 * With the default 10000: 19104 > 12900, so three lines. */
static void
test_fitness_demerits (void)
{
  static const int ws[] = { 18, 10, 6, 12, 12, 10, 8, 16, 8 };
  static const int two[] = { 7, 18 };
  static const int three[] = { 7, 15, 18 };
  GArray *a = words (ws, G_N_ELEMENTS (ws));
  int width = 72;
  TsBreakParams p;
  GArray *r;

  ts_break_params_init (&p, &width, 1);
  p.fitness_demerits = 0;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, two, 2);
  g_assert_cmpint (line_at (r, 0)->fitness, ==, 2);
  g_assert_cmpint (line_at (r, 1)->fitness, ==, 0);
  g_assert_cmpint (line_at (r, 1)->badness, ==, 42);
  g_assert_cmpfloat (total_demerits (r), ==, 9104);
  g_array_unref (r);

  ts_break_params_init (&p, &width, 1);
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, three, 3);
  assert_sane (a, r, &p);
  g_assert_cmpint (line_at (r, 1)->fitness, ==, 2);
  g_assert_cmpfloat (total_demerits (r), ==, 12900);
  g_array_unref (r);
  g_array_unref (a);
}

/* A first pass that succeeds is final (tex.web §863), even when the second
 * would find a cheaper path.  Measure 49.
 *   0:B10 1:G 2:B10 3:G 4:B10 5:P(-300) 6:G 7:B2 8:G 9:B10 10:fil 11:forced
 * Pass 1 (pretolerance 100): line 1 can end at 8: 10+10+10+2 + 18 = 50,
 *   r = -1/8, b = 0 (at 5 it is 42: r = 7/6, b = 159 > 100; at 10 it is
 *   overfull).  Then B10 + fil.  100 + 100.
 * Pass 2 (pretolerance -1, tolerance 200): the break at 5 is feasible:
 *   169^2 - 300^2 = -61439, +10000 (very loose after the start's decent)
 *   = -51439; then 2+6+10 + fil: 100 + 10000 (decent after very loose).
 *   Total -41339 < 200. */
static void
test_pretolerance (void)
{
  static const int pass1[] = { 8, 11 };
  static const int pass2[] = { 5, 11 };
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  int width = 49;
  TsBreakParams p;
  GArray *r;

  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_space (a);
  add_box (a, 10);
  add_penalty (a, 0, -300, FALSE);
  add_space (a);
  add_box (a, 2);
  add_space (a);
  add_box (a, 10);
  add_end (a);

  ts_break_params_init (&p, &width, 1);
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, pass1, 2);
  g_assert_cmpfloat (total_demerits (r), ==, 200);
  g_array_unref (r);

  p.pretolerance = -1;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, pass2, 2);
  assert_sane (a, r, &p);
  g_assert_cmpint (line_at (r, 0)->badness, ==, 159);
  g_assert_cmpint (line_at (r, 0)->fitness, ==, 3);
  g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_PENALTY);
  g_assert_cmpfloat (line_at (r, 0)->demerits, ==, -51439);
  g_assert_cmpfloat (total_demerits (r), ==, -41339);
  g_array_unref (r);

  /* A tolerance of 150 rules the 159 line out again. */
  p.tolerance = 150;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, pass1, 2);
  g_array_unref (r);
  g_array_unref (a);
}

/* Lines of different widths (a paragraph shape): 26 then 42, boxes of 10.
 * 26 = two boxes and a G exactly, 42 = three boxes exactly.
 *   0:B 1:G 2:B 3:G 4:B 5:G 6:B 7:G 8:B 9:G 10:B 11:G 12:B 13:G 14:B
 *   15:fil 16:forced
 * Breaks 3 (2 boxes), 9 (3 boxes), 16 (the last 3).  Any other line is
 * infeasible: two boxes on 42 are short 16 with stretch 3, four are 58 - 6
 * > 42. */
static void
test_line_widths (void)
{
  static const int ws[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
  static const int widths[] = { 26, 42 };
  static const int expected[] = { 3, 9, 16 };
  GArray *a = words (ws, G_N_ELEMENTS (ws));
  TsBreakParams p;
  GArray *ff, *tf;

  ts_break_params_init (&p, widths, 2);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (ff, expected, 3);
  assert_breaks (tf, expected, 3);
  assert_sane (a, tf, &p);
  g_assert_cmpint (line_at (tf, 0)->badness, ==, 0);
  g_assert_cmpint (line_at (tf, 1)->badness, ==, 0);
  g_assert_cmpfloat (total_demerits (tf), ==, 300);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* A box wider than the line.  Measure 40, words 10 100 10 10:
 *   0:B10 1:G 2:B100 3:G 4:B10 5:G 6:B10 7:fil 8:forced
 * First-fit: line 1 is the 10 alone (with 100 it cannot fit), underfull
 *   and glueless (ratio and badness infinite); line 2 is the 100 alone,
 *   overfull: EMERGENCY; line 3 is 10 10.
 * Total-fit: no pass finds a feasible path; in the final pass the start
 *   node, alone and overfull at 3, is kept with artificial demerits
 *   (tex.web §854), so line 1 is "10 100" (116 - 2 = 114 > 40: EMERGENCY,
 *   r = -76/2), line 2 "10 10". */
static void
test_overfull_box (void)
{
  static const int ws[] = { 10, 100, 10, 10 };
  static const int ff_expected[] = { 1, 3, 8 };
  static const int tf_expected[] = { 3, 8 };
  GArray *a = words (ws, G_N_ELEMENTS (ws));
  int width = 40;
  TsBreakParams p;
  GArray *ff, *tf;

  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  assert_breaks (ff, ff_expected, 3);
  assert_sane (a, ff, &p);
  g_assert_cmpint (line_at (ff, 0)->kind, ==, TS_BREAK_GLUE);
  g_assert_cmpint (line_at (ff, 0)->badness, ==, TS_BADNESS_INFINITY);
  g_assert_cmpint (line_at (ff, 1)->kind, ==, TS_BREAK_EMERGENCY);
  g_assert_cmpfloat (line_at (ff, 1)->ratio, <, -1.0);
  g_assert_cmpint (line_at (ff, 2)->kind, ==, TS_BREAK_FORCED);

  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (tf, tf_expected, 2);
  assert_sane (a, tf, &p);
  g_assert_cmpint (line_at (tf, 0)->kind, ==, TS_BREAK_EMERGENCY);
  g_assert_cmpfloat (line_at (tf, 0)->ratio, ==, -38.0);
  g_assert_cmpint (line_at (tf, 0)->badness, ==, TS_BADNESS_INFINITY);
  g_assert_cmpfloat (line_at (tf, 0)->demerits, ==, 0); /* artificial */
  g_assert_cmpint (line_at (tf, 1)->kind, ==, TS_BREAK_FORCED);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);

  /* A paragraph that is one box too wide: one overfull line, both ways. */
  {
    static const int one[] = { 100 };
    static const int expected[] = { 2 };

    a = words (one, 1);
    ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
    tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
    assert_breaks (ff, expected, 1);
    assert_breaks (tf, expected, 1);
    g_assert_cmpint (line_at (ff, 0)->kind, ==, TS_BREAK_EMERGENCY);
    g_assert_cmpint (line_at (tf, 0)->kind, ==, TS_BREAK_EMERGENCY);
    g_array_unref (ff);
    g_array_unref (tf);
    g_array_unref (a);
  }
}

/* emergency_stretch rescues a paragraph that the tolerance rejects.
 * Measure 50, words 20 20 20:
 *   0:B20 1:G 2:B20 3:G 4:B20 5:fil 6:forced
 * Line 1 to 3: 46, shortfall 4 with stretch 3: r = 4/3, b = 237 > 200;
 * to 1: the 20 alone, infinitely bad; to the end: 72 - 4 > 50.
 * Without emergency stretch the final pass keeps the overfull line (one
 * line, EMERGENCY).  With 3 more per line, 4/6 gives b = 30 (loose): two
 * lines, (10 + 30)^2 = 1600 and 100; the reported ratio and badness are
 * the real ones (4/3, 237), which the caller sets. */
static void
test_emergency_stretch (void)
{
  static const int ws[] = { 20, 20, 20 };
  static const int one[] = { 6 };
  static const int two[] = { 3, 6 };
  GArray *a = words (ws, G_N_ELEMENTS (ws));
  int width = 50;
  TsBreakParams p;
  GArray *r;

  ts_break_params_init (&p, &width, 1);
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, one, 1);
  g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_EMERGENCY);
  g_assert_cmpfloat (line_at (r, 0)->ratio, <, -1.0);
  g_array_unref (r);

  p.emergency_stretch = 3;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, two, 2);
  assert_sane (a, r, &p);
  g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_GLUE);
  g_assert_cmpfloat (fabs (line_at (r, 0)->ratio - 4.0 / 3.0), <, 1e-12);
  g_assert_cmpint (line_at (r, 0)->badness, ==, 237);
  g_assert_cmpint (line_at (r, 0)->fitness, ==, 2);
  g_assert_cmpfloat (line_at (r, 0)->demerits, ==, 1600);
  g_assert_cmpint (line_at (r, 1)->kind, ==, TS_BREAK_FORCED);
  g_array_unref (r);

  /* A tolerance of 10000 accepts the 237 line in the second pass. */
  p.emergency_stretch = 0;
  p.tolerance = 10000;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, two, 2);
  g_assert_cmpint (line_at (r, 0)->fitness, ==, 3);
  g_array_unref (r);
  g_array_unref (a);
}

/* A penalty invites a break only where the line is feasible: badness
 * decides feasibility, the penalty only demerits (tex.web §851).
 * Measure 42, six boxes of 10, a penalty of -5000 before the second glue:
 *   0:B 1:G 2:B 3:P 4:G 5:B 6:G 7:B 8:G 9:B 10:G 11:B 12:fil 13:forced
 * Breaking at 6 sets 42 (b = 0), then the rest: 10+6+10+6+10 + fil.
 * Breaking at 3 would give 26 on 42 (r = 16/3): infeasible, however
 * tempting the penalty.  Made forced, the break at 3 is taken. */
static void
test_penalty_values (void)
{
  static const int natural[] = { 6, 13 };
  static const int forced[] = { 3, 10, 13 };
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  int width = 42;
  TsBreakParams p;
  GArray *r;

  for (int i = 0; i < 6; i++)
    {
      if (i == 2)
        add_penalty (a, 0, -5000, FALSE);
      if (i > 0)
        add_space (a);
      add_box (a, 10);
    }
  add_end (a);
  ts_break_params_init (&p, &width, 1);
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_breaks (r, natural, 2);
  g_array_unref (r);

  g_array_index (a, TsItem, 3).penalty = -TS_PENALTY_INFINITY;
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  /* Forced at 3: "10 10" has no fil, so it is underfull (r = 16/3,
   * infeasible: only the final pass's rescue keeps it, §854), yet it is a
   * forced line, not an overfull one.  Then 42 exactly, then 10 + fil. */
  assert_breaks (r, forced, 3);
  assert_sane (a, r, &p);
  g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_FORCED);
  g_assert_cmpint (line_at (r, 0)->badness, ==, TS_BADNESS_INFINITY);
  g_assert_cmpint (line_at (r, 1)->badness, ==, 0);
  /* The breaker itself dropped the glue at 4 (§879): 10^2, plus 10000
   * since a decent line follows line 1, very loose (16 short, stretch 3).
   * Kept, the glue would make line 2 48 - 6 = 42 at r = -1, b = 100:
   * 110^2 + 10000. */
  g_assert_cmpfloat (line_at (r, 1)->demerits, ==, 100 + 10000);
  g_array_unref (r);
  r = ts_linebreak_first_fit (items_of (a), a->len, &p);
  assert_breaks (r, forced, 3);
  g_assert_cmpfloat (line_at (r, 1)->demerits, ==, 100 + 10000);
  g_assert_cmpint (line_at (r, 0)->kind, ==, TS_BREAK_FORCED);
  g_array_unref (r);
  g_array_unref (a);
}

/* Deterministic pseudo-random widths (an LCG), so a failure replays. */
static guint32
lcg (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

/* A paragraph of @n syllable-like boxes of 2..12 pt with spaces of
 * 3/+1.5/-1 pt, in Pango units. */
static GArray *
long_paragraph (int n, guint32 seed)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        add_glue (a, 3 * 1024, 1536, 1024, 0);
      add_box (a, (int) (2 * 1024 + lcg (&seed) % (10 * 1024)));
    }
  add_end (a);
  return a;
}

/* 4,000 boxes at a sane measure: total-fit finds a feasible path whose
 * demerits beat first-fit's, quickly. */
static void
test_long_paragraph (void)
{
  GArray *a = long_paragraph (4000, 1);
  int width = 300 * 1024;
  TsBreakParams p;
  GArray *ff, *tf;
  gint64 t0 = g_get_monotonic_time ();

  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_sane (a, ff, &p);
  assert_sane (a, tf, &p);
  for (guint i = 0; i < tf->len; i++)
    {
      g_assert_cmpint (line_at (tf, i)->kind, !=, TS_BREAK_EMERGENCY);
      g_assert_cmpint (line_at (tf, i)->badness, <=, p.tolerance);
    }
  g_assert_cmpfloat (total_demerits (tf), <, total_demerits (ff));
  /* Generous for a sanitizer build: this takes milliseconds. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* 4,000 boxes on a 1-em (10 pt) measure: no hang, and every line fits
 * unless marked EMERGENCY.  First-fit's emergencies are exactly the boxes
 * wider than the measure (any box that fits can end its line alone). */
static void
test_narrow_measure (void)
{
  GArray *a = long_paragraph (4000, 2);
  int width = 10 * 1024;
  TsBreakParams p;
  GArray *ff, *tf;
  gint64 t0 = g_get_monotonic_time ();

  ts_break_params_init (&p, &width, 1);
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_sane (a, ff, &p);
  assert_sane (a, tf, &p);
  {
    int wide = 0, emergencies = 0;

    for (guint i = 0; i < a->len; i++)
      if (g_array_index (a, TsItem, i).kind == TS_ITEM_BOX
          && g_array_index (a, TsItem, i).width > width)
        wide++;
    for (guint i = 0; i < ff->len; i++)
      emergencies += line_at (ff, i)->kind == TS_BREAK_EMERGENCY;
    g_assert_cmpint (wide, >, 0);
    g_assert_cmpint (emergencies, ==, wide);
  }
  p.emergency_stretch = 20 * 1024;
  g_array_unref (tf);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_sane (a, tf, &p);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);

  /* Boxes all wider than the measure: one EMERGENCY line each. */
  a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  for (int i = 0; i < 4000; i++)
    {
      if (i > 0)
        add_glue (a, 3 * 1024, 1536, 1024, 0);
      add_box (a, 11 * 1024);
    }
  add_end (a);
  p.emergency_stretch = 0;
  ff = ts_linebreak_first_fit (items_of (a), a->len, &p);
  tf = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_sane (a, ff, &p);
  assert_sane (a, tf, &p);
  g_assert_cmpint ((int) ff->len, ==, 4000);
  g_assert_cmpint ((int) tf->len, ==, 4000);
  for (guint i = 0; i < tf->len; i++)
    g_assert_cmpint (line_at (tf, i)->kind, ==, TS_BREAK_EMERGENCY);
  g_array_unref (ff);
  g_array_unref (tf);
  g_array_unref (a);
}

/* Hostile: 20,000 one-unit boxes on a measure of 10,000 units with
 * tolerance 10000, so no node ever leaves the active list until its line
 * overflows, thousands of breaks later.  The active list cap must turn
 * this into first-fit for the rest instead of a quadratic scan. */
static void
test_active_cap (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TsItem));
  int width = 10000;
  TsBreakParams p;
  GArray *r;
  gint64 t0;

  for (int i = 0; i < 20000; i++)
    {
      if (i > 0)
        add_glue (a, 1, 1, 0, 0);
      add_box (a, 1);
    }
  add_end (a);
  ts_break_params_init (&p, &width, 1);
  p.pretolerance = -1;
  p.tolerance = 10000;
  t0 = g_get_monotonic_time ();
  r = ts_linebreak_total_fit (items_of (a), a->len, &p);
  assert_sane (a, r, &p);
  for (guint i = 0; i < r->len; i++)
    g_assert_cmpint (line_at (r, i)->kind, !=, TS_BREAK_EMERGENCY);
  /* 39,999 units need at least 4 lines of 10,000. */
  g_assert_cmpint ((int) r->len, >=, 4);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_array_unref (r);
  g_array_unref (a);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/linebreak/params-init", test_params_init);
  g_test_add_func ("/linebreak/line-ratio", test_line_ratio);
  g_test_add_func ("/linebreak/line-ratio-conventions", test_line_ratio_conventions);
  g_test_add_func ("/linebreak/classic", test_classic);
  g_test_add_func ("/linebreak/empty-paragraph", test_empty_paragraph);
  g_test_add_func ("/linebreak/forced-break", test_forced_break);
  g_test_add_func ("/linebreak/penalty-width", test_penalty_width);
  g_test_add_func ("/linebreak/penalty-width-overfull", test_penalty_width_overfull);
  g_test_add_func ("/linebreak/infinite-penalty", test_infinite_penalty);
  g_test_add_func ("/linebreak/flagged-demerits", test_flagged_demerits);
  g_test_add_func ("/linebreak/fitness-demerits", test_fitness_demerits);
  g_test_add_func ("/linebreak/pretolerance", test_pretolerance);
  g_test_add_func ("/linebreak/line-widths", test_line_widths);
  g_test_add_func ("/linebreak/overfull-box", test_overfull_box);
  g_test_add_func ("/linebreak/emergency-stretch", test_emergency_stretch);
  g_test_add_func ("/linebreak/penalty-values", test_penalty_values);
  g_test_add_func ("/linebreak/long-paragraph", test_long_paragraph);
  g_test_add_func ("/linebreak/narrow-measure", test_narrow_measure);
  g_test_add_func ("/linebreak/active-cap", test_active_cap);

  return g_test_run ();
}
