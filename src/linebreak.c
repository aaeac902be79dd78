/* linebreak.c — first-fit and total-fit (Knuth–Plass) line breaking.
 *
 * Plan
 *
 *   1. prepare: one pass over the items builds prefix sums of width,
 *      stretch, shrink and fil stretch (so that any line's totals are two
 *      subtractions, replacing TeX's delta nodes, tex.web §822), the index of
 *      the first box at or after every item (where a line starts after a
 *      break: glue and penalties after a break are discarded, §879), and
 *      which items are legal breakpoints (§866, §868).
 *   2. total-fit runs TeX's passes (§863): a first pass at pretolerance
 *      (skipped when it is < 0), a second at tolerance, and, when
 *      emergency_stretch > 0, a final pass that adds it to every line's
 *      stretch.  The last pass run is the "final pass", which may not lose
 *      all active nodes: when the only remaining one would be dropped, its
 *      line is kept with artificial demerits (§854), so a path to the end
 *      always exists and the call cannot fail.
 *   3. one pass walks the legal breakpoints; at each (try_break, §829) every
 *      active node is tried as the start of a line ending here.  Feasible
 *      lines (badness <= threshold) are recorded per fitness class; when the
 *      line-number class changes, and at the end of the list, the winners
 *      become new active nodes (§835, §836).  Overfull lines and forced
 *      breaks deactivate nodes (§851).
 *   4. the best node at the final forced break is followed back to the start
 *      (§877) and every line gets its real ratio and badness.
 *
 * Invariants
 *
 *   - The active list is sorted by line number (§819); classes of lines at
 *     or beyond the last entry of line_widths are one class ("easy_line",
 *     §848), since their futures are identical.
 *   - All working memory (prefix sums, the node array) belongs to one Ctx
 *     built and freed inside each public call, as TeX's per-paragraph
 *     memory (§813, STYLE.md "Breaker-private memory"); only the returned
 *     GArray of TsBreak outlives the call.
 *   - Work is bounded: the active list is capped (TS_LINEBREAK_MAX_ACTIVE)
 *     and so is the node array; past either cap the best path so far is
 *     kept and first-fit sets the rest.
 *
 * Deviations from tex.web, each for a reason
 *
 *   - Fitness classes use the paper's ratio thresholds (r < -1/2 tight,
 *     r > 1/2 loose, r > 1 very loose), tested exactly in integers; §851
 *     and §853 say the same with badness > 12 and > 99, which differs only
 *     at the boundary.
 *   - Badness is 100 |r|^3 rounded, computed with 16 fractional bits;
 *     §108 approximates the same curve.
 *   - Penalties are legal breaks in every pass: they are the shaper's
 *     explicit opportunities (TeX's explicit discretionaries are also tried
 *     in the first pass).  There is no final_hyphen_demerits: nothing in
 *     Vietnamese is hyphenated.
 *   - A non-forced break is legal only if some box follows it before the
 *     next forced break.  TeX never meets this, because its \parfillskip
 *     follows a \penalty10000; here "box, fil glue, forced penalty" is
 *     allowed, and breaking at that glue would only make an empty line.
 *     Likewise a line that would hold no box is never formed except at a
 *     forced break.
 *   - A line overfull only by its break's penalty width does not
 *     deactivate its start node (§851 assumes overfull stays overfull,
 *     which a wide mark at one break contradicts).
 *   - The §854 rescue zeroes the demerits only of an infeasible line; TeX
 *     zeroes them for any line it keeps that way.  Same path, truer cost.
 *
 * Checked against a brute-force search over all break sequences on
 * thousands of random small paragraphs: same total demerits whenever a
 * feasible path exists.
 */
#include "linebreak.h"

#include <string.h>

/* An active node is a break from which a line could still reach the
 * current item: at most the break opportunities of one line times the four
 * fitness classes (§823) times the line-width classes.  Real text in a
 * 40-em column keeps a few dozen; a thousand means hostile input (thousands
 * of zero-width boxes, or tolerance 10000 on a measure far wider than the
 * text) where the scan, O(items × active), would turn quadratic. */
#define TS_LINEBREAK_MAX_ACTIVE 1000

/* Nodes are never freed during a pass (inactive ones are TeX's passive
 * nodes, the back-pointers of every path).  A legal break makes at most
 * four per line-width class; 64 per item plus some slack leaves room for
 * several paragraph-shape classes while bounding memory on hostile shapes. */
#define TS_LINEBREAK_NODES_PER_ITEM 64
#define TS_LINEBREAK_NODES_SLACK 4096

#define AWFUL_BAD G_MAXINT64 /* tex.web §833 */

enum
{
  FIT_TIGHT = 0,
  FIT_DECENT = 1,
  FIT_LOOSE = 2,
  FIT_VERY_LOOSE = 3,
};

typedef struct
{
  gint64 width;   /* natural width, plus the penalty width at the break */
  gint64 stretch; /* finite stretch */
  gint64 shrink;
  gint64 fil; /* > 0: the line can stretch without limit */
} Totals;

/* A breakpoint in the making: TeX's active and passive nodes in one record
 * (§819, §821), kept in one array and linked by index. */
typedef struct
{
  int item;    /* break item; -1 for the start of the paragraph */
  int line;    /* index of the line that starts after this break */
  int start;   /* first item of that line (after discarding, §879) */
  int fitness; /* of the line that ends here */
  int prev;    /* node where that line starts; -1 for the start node */
  int next;    /* next node in the active list; -1 at the end */
  gboolean flagged;
  gint64 demerits; /* of the line that ends here */
  gint64 total;    /* from the start of the paragraph */
} Node;

typedef struct
{
  const TsItem *items;
  int n_items;
  const TsBreakParams *params;
  int easy_line; /* lines from here on share one width (§848) */

  /* Prefix sums over items [0, i), i = 0 .. n_items; gint64 because a
   * paragraph of 100,000 items of 50 pt would overflow int. */
  gint64 *sum_width;
  gint64 *sum_stretch;
  gint64 *sum_shrink;
  gint64 *sum_fil;
  int *next_box; /* first box at or after i, n_items if none */
  guint8 *legal; /* 1 if items[i] is a legal breakpoint */

  GArray *nodes; /* Node */
  int active;    /* head of the active list, -1 when empty */
  int n_active;

  /* The pass being run. */
  int threshold;
  gint64 extra_stretch;
  gboolean final_pass;
} Ctx;

typedef enum
{
  PASS_FOUND,
  PASS_FAILED, /* the active list ran dry: try the next pass */
  PASS_CAPPED, /* a work cap was hit: keep the best path, first-fit the rest */
} PassResult;

void
ts_break_params_init (TsBreakParams *params, const int *line_widths, int n_line_widths)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->line_widths = line_widths;
  params->n_line_widths = n_line_widths;
  /* plain.tex's values; the Knuth–Plass paper uses the same α and γ. */
  params->tolerance = 200;
  params->pretolerance = 100;
  params->line_penalty = 10;
  params->flagged_demerits = 3000;
  params->fitness_demerits = 10000;
  params->emergency_stretch = 0;
}

/* ---------------------------------------------------------------------- */
/* Badness, ratio, demerits: shared by both algorithms and ts_line_ratio. */

/* 100 (t/s)^3 rounded, capped at TS_BADNESS_INFINITY (tex.web §108 gives
 * the same curve).  Integers only: r carries 16 fractional bits and is at
 * most 5 << 16, so 100 r^3 stays below 2^62. */
static int
badness (gint64 t, gint64 s)
{
  gint64 r, b;

  if (t <= 0)
    return 0;
  if (s <= 0 || t > 5 * s) /* 100 * 5^3 > 10000 */
    return TS_BADNESS_INFINITY;
  while (t > ((gint64) 1 << 40)) /* keep t << 16 in range; only t/s matters */
    {
      t >>= 1;
      s >>= 1;
    }
  r = (t << 16) / s;
  b = (100 * r * r * r + ((gint64) 1 << 47)) >> 48;
  return (int) MIN (b, (gint64) TS_BADNESS_INFINITY);
}

/* Badness and fitness class of a line with totals @t set to @width, with
 * @extra_stretch added (the emergency pass).  An overfull line has badness
 * TS_BADNESS_INFINITY + 1 and is tight, as in §853, so that it is told apart
 * from a hopelessly loose one (exactly TS_BADNESS_INFINITY), which may still
 * become feasible as the line grows. */
static int
line_badness (const Totals *t, int width, gint64 extra_stretch, int *fitness)
{
  gint64 shortfall = width - t->width;

  if (shortfall > 0)
    {
      gint64 stretch = t->stretch + extra_stretch;

      /* Fil glue absorbs any shortfall: the line is perfect (§852). */
      if (t->fil > 0)
        {
          *fitness = FIT_DECENT;
          return 0;
        }
      if (shortfall > stretch)
        *fitness = FIT_VERY_LOOSE;
      else if (2 * shortfall > stretch)
        *fitness = FIT_LOOSE;
      else
        *fitness = FIT_DECENT;
      return badness (shortfall, stretch);
    }
  if (-shortfall > t->shrink)
    {
      *fitness = FIT_TIGHT;
      return TS_BADNESS_INFINITY + 1;
    }
  *fitness = 2 * -shortfall > t->shrink ? FIT_TIGHT : FIT_DECENT;
  return badness (-shortfall, t->shrink);
}

/* The ratio the caller multiplies glue stretch or shrink by.  When the
 * line has no glue in the direction it must go, ±TS_BADNESS_INFINITY: any
 * value sets it the same, and this one sorts as hopeless. */
static double
line_ratio (const Totals *t, int width)
{
  gint64 shortfall = width - t->width;

  if (shortfall > 0)
    {
      if (t->fil > 0)
        return 0.0; /* the fil glue takes it all */
      if (t->stretch > 0)
        return (double) shortfall / (double) t->stretch;
      return (double) TS_BADNESS_INFINITY;
    }
  if (shortfall < 0)
    {
      if (t->shrink > 0)
        return (double) shortfall / (double) t->shrink;
      return -(double) TS_BADNESS_INFINITY;
    }
  return 0.0;
}

/* tex.web §859: (l + b)^2, plus or minus the penalty squared (a forced
 * break adds nothing: every path pays it), plus the flagged and adjacent
 * fitness demerits. */
static gint64
line_demerits (const TsBreakParams *params, int bad, int pi, gboolean flagged,
               gboolean prev_flagged, int fitness, int prev_fitness)
{
  gint64 d = (gint64) params->line_penalty + bad;

  d = ABS (d) >= 10000 ? 100000000 : d * d;
  if (pi > 0)
    d += (gint64) pi * pi;
  else if (pi > -TS_PENALTY_INFINITY)
    d -= (gint64) pi * pi;
  if (flagged && prev_flagged)
    d += params->flagged_demerits;
  if (ABS (fitness - prev_fitness) > 1)
    d += params->fitness_demerits;
  return d;
}

static gboolean
item_is_forced (const TsItem *item)
{
  return item->kind == TS_ITEM_PENALTY && item->penalty <= -TS_PENALTY_INFINITY;
}

/* The penalty charged for breaking at @item: 0 at glue, -INFINITY when
 * forced. */
static int
item_break_penalty (const TsItem *item)
{
  if (item->kind != TS_ITEM_PENALTY)
    return 0;
  return MAX (item->penalty, -TS_PENALTY_INFINITY);
}

static TsBreakKind
item_break_kind (const TsItem *item)
{
  if (item->kind == TS_ITEM_GLUE)
    return TS_BREAK_GLUE;
  return item_is_forced (item) ? TS_BREAK_FORCED : TS_BREAK_PENALTY;
}

double
ts_line_ratio (const TsItem *items, int from, int to, int width, int *badness_out)
{
  Totals t = { 0 };
  int fitness;
  int bad;

  g_return_val_if_fail (items != NULL && from >= 0 && to >= 0, 0.0);

  /* After a break, glue and penalties up to the first box go (§879); the
   * paragraph's first line keeps everything. */
  if (from > 0)
    while (from < to && items[from].kind != TS_ITEM_BOX)
      from++;
  for (int i = from; i < to; i++)
    {
      const TsItem *it = &items[i];

      if (it->kind == TS_ITEM_BOX)
        t.width += it->width;
      else if (it->kind == TS_ITEM_GLUE)
        {
          t.width += it->width;
          t.stretch += it->stretch;
          t.shrink += it->shrink;
          t.fil += it->stretch_fil;
        }
    }
  if (items[to].kind == TS_ITEM_PENALTY)
    t.width += items[to].width;

  bad = line_badness (&t, width, 0, &fitness);
  if (badness_out != NULL)
    *badness_out = MIN (bad, TS_BADNESS_INFINITY);
  return line_ratio (&t, width);
}

/* ---------------------------------------------------------------------- */
/* The per-call context. */

static int
line_width (const Ctx *ctx, int line)
{
  return ctx->params->line_widths[MIN (line, ctx->params->n_line_widths - 1)];
}

static void
ctx_init (Ctx *ctx, const TsItem *items, int n_items, const TsBreakParams *params)
{
  int n = n_items;

  memset (ctx, 0, sizeof *ctx);
  ctx->items = items;
  ctx->n_items = n;
  ctx->params = params;
  ctx->easy_line = params->n_line_widths - 1;
  ctx->sum_width = g_new (gint64, n + 1);
  ctx->sum_stretch = g_new (gint64, n + 1);
  ctx->sum_shrink = g_new (gint64, n + 1);
  ctx->sum_fil = g_new (gint64, n + 1);
  ctx->next_box = g_new (int, n + 1);
  ctx->legal = g_new0 (guint8, n + 1);
  ctx->nodes = g_array_sized_new (FALSE, FALSE, sizeof (Node), 256);
  ctx->active = -1;

  ctx->sum_width[0] = ctx->sum_stretch[0] = ctx->sum_shrink[0] = ctx->sum_fil[0] = 0;
  for (int i = 0; i < n; i++)
    {
      const TsItem *it = &items[i];
      gboolean counts = it->kind != TS_ITEM_PENALTY; /* an unbroken penalty is nothing */

      ctx->sum_width[i + 1] = ctx->sum_width[i] + (counts ? it->width : 0);
      ctx->sum_stretch[i + 1] = ctx->sum_stretch[i] + (it->kind == TS_ITEM_GLUE ? it->stretch : 0);
      ctx->sum_shrink[i + 1] = ctx->sum_shrink[i] + (it->kind == TS_ITEM_GLUE ? it->shrink : 0);
      ctx->sum_fil[i + 1] = ctx->sum_fil[i] + (it->kind == TS_ITEM_GLUE ? it->stretch_fil : 0);
    }

  /* Backwards: the next box, and whether a box comes before the next
   * forced break (else a break here could only leave an empty line). */
  ctx->next_box[n] = n;
  {
    gboolean box_before_forced = FALSE;

    for (int i = n - 1; i >= 0; i--)
      {
        const TsItem *it = &items[i];

        ctx->next_box[i] = it->kind == TS_ITEM_BOX ? i : ctx->next_box[i + 1];
        if (it->kind == TS_ITEM_PENALTY)
          {
            if (item_is_forced (it))
              ctx->legal[i] = 1;
            else
              ctx->legal[i] = it->penalty < TS_PENALTY_INFINITY && box_before_forced;
          }
        else if (it->kind == TS_ITEM_GLUE)
          /* Glue breaks only after a box (§868): a run of glue is one
           * space, and a penalty before glue is how a break there is
           * priced or forbidden (TeX's ~ is \penalty10000 \ ). */
          ctx->legal[i] = i > 0 && items[i - 1].kind == TS_ITEM_BOX && box_before_forced;

        if (item_is_forced (it))
          box_before_forced = FALSE;
        else if (it->kind == TS_ITEM_BOX)
          box_before_forced = TRUE;
      }
  }
}

static void
ctx_clear (Ctx *ctx)
{
  g_free (ctx->sum_width);
  g_free (ctx->sum_stretch);
  g_free (ctx->sum_shrink);
  g_free (ctx->sum_fil);
  g_free (ctx->next_box);
  g_free (ctx->legal);
  g_array_unref (ctx->nodes);
}

/* Totals of the line from @start (already past the discarded items) to the
 * break at @b; a line with no box is empty. */
static void
line_totals (const Ctx *ctx, int start, int b, Totals *t)
{
  memset (t, 0, sizeof *t);
  if (start < b)
    {
      t->width = ctx->sum_width[b] - ctx->sum_width[start];
      t->stretch = ctx->sum_stretch[b] - ctx->sum_stretch[start];
      t->shrink = ctx->sum_shrink[b] - ctx->sum_shrink[start];
      t->fil = ctx->sum_fil[b] - ctx->sum_fil[start];
    }
  if (ctx->items[b].kind == TS_ITEM_PENALTY)
    t->width += ctx->items[b].width;
}

/* The first item of the line after a break at @item (-1: the paragraph). */
static int
line_start (const Ctx *ctx, int item)
{
  return item < 0 ? 0 : ctx->next_box[item + 1];
}

static Node *
node_at (const Ctx *ctx, int i)
{
  return &g_array_index (ctx->nodes, Node, i);
}

/* Fill in @out for the line from the break at @from_item to the one at
 * @to_item on line @line: ratio and badness are the real ones (no emergency
 * stretch), which the caller sets.  EMERGENCY means overfull, whichever
 * algorithm chose the line: a line kept by the final-pass rescue (§854) at a
 * forced break may be merely underfull, and is then FORCED with badness
 * infinite, which is what the caller must warn about. */
static void
describe_line (const Ctx *ctx, int from_item, int to_item, int line, TsBreak *out)
{
  out->item = to_item;
  out->ratio
      = ts_line_ratio (ctx->items, from_item + 1, to_item, line_width (ctx, line), &out->badness);
  if (out->ratio < -1.0)
    out->kind = TS_BREAK_EMERGENCY;
  else
    out->kind = item_break_kind (&ctx->items[to_item]);
}

/* ---------------------------------------------------------------------- */
/* First-fit. */

/* Set lines greedily from the break at @p (on line @line) to the end: each
 * line ends at the last legal break where it still fits with all its
 * shrink, or at the first legal break if not even that fits (overfull).
 * Penalties below infinity are taken whatever their cost. */
static void
first_fit_from (const Ctx *ctx, int p, int line, int prev_fitness, gboolean prev_flagged,
                GArray *out)
{
  const TsItem *items = ctx->items;
  int n = ctx->n_items;

  while (p < n - 1)
    {
      int start = line_start (ctx, p);
      int width = line_width (ctx, line);
      int best = -1;
      TsBreak brk = { 0 };
      Totals t;
      int fitness, bad;
      gboolean flagged;

      for (int b = p + 1; b < n; b++)
        {
          gboolean forced, fits;

          if (!ctx->legal[b])
            continue;
          forced = item_is_forced (&items[b]);
          if (start > b && !forced)
            continue; /* no box yet: not a line */
          line_totals (ctx, start, b, &t);
          fits = t.width - t.shrink <= width;
          if (fits || best < 0)
            best = b;
          if (forced)
            break;
          /* Boxes only add width: once the material before this break
           * cannot fit, no later break can. */
          if (!fits
              && t.width - (items[b].kind == TS_ITEM_PENALTY ? items[b].width : 0) - t.shrink
                     > width)
            break;
        }
      g_assert (best >= 0); /* the last item is a legal forced break */

      flagged = items[best].kind == TS_ITEM_PENALTY && items[best].flagged;
      line_totals (ctx, start, best, &t);
      bad = MIN (line_badness (&t, width, 0, &fitness), TS_BADNESS_INFINITY);
      describe_line (ctx, p, best, line, &brk);
      brk.fitness = fitness;
      brk.demerits = (double) line_demerits (ctx->params, bad, item_break_penalty (&items[best]),
                                             flagged, prev_flagged, fitness, prev_fitness);
      g_array_append_val (out, brk);

      prev_fitness = fitness;
      prev_flagged = flagged;
      p = best;
      line++;
    }
}

static gboolean
check_arguments (const TsItem *items, int n_items, const TsBreakParams *params)
{
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (params->line_widths != NULL && params->n_line_widths > 0, FALSE);
  g_return_val_if_fail (items != NULL && n_items > 0, FALSE);
  /* linebreak.h: a paragraph ends with a forced break. */
  g_return_val_if_fail (item_is_forced (&items[n_items - 1]), FALSE);
  return TRUE;
}

GArray *
ts_linebreak_first_fit (const TsItem *items, int n_items, const TsBreakParams *params)
{
  GArray *out;
  Ctx ctx;

  if (!check_arguments (items, n_items, params))
    return NULL;

  ctx_init (&ctx, items, n_items, params);
  out = g_array_new (FALSE, TRUE, sizeof (TsBreak));
  first_fit_from (&ctx, -1, 0, FIT_DECENT, FALSE, out);
  ctx_clear (&ctx);
  return out; /* transfer full */
}

/* ---------------------------------------------------------------------- */
/* Total-fit. */

static int
node_new (Ctx *ctx, int item, int line, int fitness, int prev, gboolean flagged, gint64 demerits,
          gint64 total)
{
  Node node;

  node.item = item;
  node.line = line;
  node.start = line_start (ctx, item);
  node.fitness = fitness;
  node.prev = prev;
  node.next = -1;
  node.flagged = flagged;
  node.demerits = demerits;
  node.total = total;
  g_array_append_val (ctx->nodes, node);
  return (int) ctx->nodes->len - 1;
}

/* The best way found so far to reach the current break, per fitness class,
 * within one line-number class (TeX's minimal_demerits, best_place; §833). */
typedef struct
{
  gint64 total[4];
  gint64 demerits[4];
  int from[4];
  gint64 minimum;
} Best;

static void
best_reset (Best *best)
{
  for (int f = 0; f < 4; f++)
    best->total[f] = AWFUL_BAD;
  best->minimum = AWFUL_BAD;
}

/* Turn the recorded winners into active nodes for the break at @b,
 * inserted after @prev (or at the head), before the node they were found
 * ahead of, so the list stays sorted by line (§836).  A class more than
 * fitness_demerits behind the best can never win: any continuation of it
 * is available from the best at most that much dearer.  Returns the last
 * node inserted, the new @prev. */
static int
insert_winners (Ctx *ctx, Best *best, int b, int prev)
{
  const TsItem *it = &ctx->items[b];
  gboolean flagged = it->kind == TS_ITEM_PENALTY && it->flagged;
  gint64 limit = best->minimum;

  if (limit <= AWFUL_BAD - ABS (ctx->params->fitness_demerits))
    limit += ABS (ctx->params->fitness_demerits);

  for (int f = FIT_VERY_LOOSE; f >= FIT_TIGHT; f--)
    {
      int q;

      if (best->total[f] > limit)
        continue;
      q = node_new (ctx, b, node_at (ctx, best->from[f])->line + 1, f, best->from[f], flagged,
                    best->demerits[f], best->total[f]);
      if (prev < 0)
        {
          node_at (ctx, q)->next = ctx->active;
          ctx->active = q;
        }
      else
        {
          node_at (ctx, q)->next = node_at (ctx, prev)->next;
          node_at (ctx, prev)->next = q;
        }
      ctx->n_active++;
      prev = q;
    }
  best_reset (best);
  return prev;
}

/* tex.web §829: try every active node as the start of a line ending at the
 * legal break @b. */
static void
try_break (Ctx *ctx, int b)
{
  const TsItem *it = &ctx->items[b];
  const TsBreakParams *params = ctx->params;
  int pi = item_break_penalty (it);
  gboolean forced = pi <= -TS_PENALTY_INFINITY;
  gboolean flagged = it->kind == TS_ITEM_PENALTY && it->flagged;
  int prev = -1; /* the active node before r, -1 at the head */
  int old_class = -1;
  Best best;

  best_reset (&best);
  for (int r = ctx->active;;)
    {
      Node *node;
      Totals t;
      int cls, bad, fitness;
      gboolean artificial = FALSE, stays;
      gint64 d;

      /* A new line-number class: the winners so far reach lines that the
       * nodes from here on cannot share (§835). */
      cls = r < 0 ? G_MAXINT : MIN (node_at (ctx, r)->line, ctx->easy_line);
      if (cls > old_class && best.minimum < AWFUL_BAD)
        prev = insert_winners (ctx, &best, b, prev);
      if (r < 0)
        break;
      old_class = cls;
      node = node_at (ctx, r);

      if (node->start > b && !forced)
        {
          /* No box since that break: not a line yet. */
          prev = r;
          r = node->next;
          continue;
        }

      line_totals (ctx, node->start, b, &t);
      bad = line_badness (&t, line_width (ctx, node->line), ctx->extra_stretch, &fitness);

      /* Overfull only because of the mark drawn at this break (a penalty's
       * width): the material itself fits, so a later break from r, which
       * does not draw that mark, may still fit.  §851 assumes an overfull
       * line stays overfull; that holds for the material only. */
      if (bad > TS_BADNESS_INFINITY && !forced && it->kind == TS_ITEM_PENALTY
          && t.width - it->width - t.shrink <= line_width (ctx, node->line))
        {
          prev = r;
          r = node->next;
          continue;
        }

      /* §851: an overfull line ends this node's usefulness, and so does a
       * forced break; a line too loose for now may still tighten later. */
      if (bad > TS_BADNESS_INFINITY || forced)
        {
          /* §854: in the final pass the last active node is not dropped
           * while nothing has reached this break: its line is kept, however
           * bad, at no cost, so that a path to the end always exists.
           * TeX zeroes the demerits even when that line is feasible; here a
           * feasible one keeps its real demerits.  The path chosen is the
           * same (it is the only one left), only the reported cost differs. */
          if (bad > ctx->threshold)
            {
              if (ctx->final_pass && best.minimum == AWFUL_BAD && r == ctx->active
                  && node->next < 0)
                artificial = TRUE;
              else
                goto deactivate;
            }
          stays = FALSE;
        }
      else
        {
          /* Feasibility uses badness alone; the penalty counts only in the
           * demerits, so a cheap break never excuses a loose line. */
          if (bad > ctx->threshold)
            {
              prev = r;
              r = node->next;
              continue;
            }
          stays = TRUE;
        }

      /* §855: record a feasible break. */
      d = artificial
              ? 0
              : line_demerits (params, bad, pi, flagged, node->flagged, fitness, node->fitness);
      if (d + node->total <= best.total[fitness]) /* ties: the later node wins (§855) */
        {
          best.total[fitness] = d + node->total;
          best.demerits[fitness] = d;
          best.from[fitness] = r;
          if (best.total[fitness] < best.minimum)
            best.minimum = best.total[fitness];
        }
      if (stays)
        {
          prev = r;
          r = node->next;
          continue;
        }

    deactivate:
      /* §860: unlink r; it stays in the array as a passive node. */
      r = node_at (ctx, r)->next;
      if (prev < 0)
        ctx->active = r;
      else
        node_at (ctx, prev)->next = r;
      ctx->n_active--;
    }
}

static PassResult
run_pass (Ctx *ctx, int threshold, int extra_stretch, gboolean final_pass, int *result)
{
  guint max_nodes
      = (guint) TS_LINEBREAK_NODES_PER_ITEM * (guint) ctx->n_items + TS_LINEBREAK_NODES_SLACK;

  g_array_set_size (ctx->nodes, 0);
  ctx->threshold = MIN (threshold, TS_BADNESS_INFINITY); /* overfull is never feasible */
  ctx->extra_stretch = MAX (extra_stretch, 0);
  ctx->final_pass = final_pass;
  ctx->active = node_new (ctx, -1, 0, FIT_DECENT, -1, FALSE, 0, 0);
  ctx->n_active = 1;

  for (int b = 0; b < ctx->n_items; b++)
    {
      if (!ctx->legal[b])
        continue;
      try_break (ctx, b);
      if (ctx->active < 0)
        return PASS_FAILED; /* cannot happen in the final pass (§854) */

      /* Hostile input must degrade, never hang: keep the active node that
       * got furthest (cheapest among equals); its path is feasible
       * throughout, and first-fit sets the rest. */
      if (ctx->n_active > TS_LINEBREAK_MAX_ACTIVE || ctx->nodes->len > max_nodes)
        {
          int keep = ctx->active;

          for (int r = ctx->active; r >= 0; r = node_at (ctx, r)->next)
            {
              const Node *a = node_at (ctx, r), *k = node_at (ctx, keep);

              if (a->item > k->item || (a->item == k->item && a->total < k->total))
                keep = r;
            }
          *result = keep;
          return PASS_CAPPED;
        }
    }

  /* The forced break at the end deactivated every older node: what is
   * left ends the paragraph.  Fewest demerits wins (§874). */
  *result = ctx->active;
  for (int r = ctx->active; r >= 0; r = node_at (ctx, r)->next)
    if (node_at (ctx, r)->total < node_at (ctx, *result)->total)
      *result = r;
  return PASS_FOUND;
}

/* Append the lines of the path that ends at node @last, in order. */
static void
append_path (const Ctx *ctx, int last, GArray *out)
{
  int n_lines = 0;
  guint first = out->len;

  for (int q = last; node_at (ctx, q)->prev >= 0; q = node_at (ctx, q)->prev)
    n_lines++;
  g_array_set_size (out, first + n_lines);
  for (int q = last, i = n_lines - 1; i >= 0; q = node_at (ctx, q)->prev, i--)
    {
      const Node *node = node_at (ctx, q);
      const Node *from = node_at (ctx, node->prev);
      TsBreak *brk = &g_array_index (out, TsBreak, first + i);

      describe_line (ctx, from->item, node->item, from->line, brk);
      brk->fitness = node->fitness;
      brk->demerits = (double) node->demerits;
    }
}

GArray *
ts_linebreak_total_fit (const TsItem *items, int n_items, const TsBreakParams *params)
{
  const TsBreakParams *p = params;
  PassResult res = PASS_FAILED;
  GArray *out;
  int last = -1;
  Ctx ctx;

  if (!check_arguments (items, n_items, params))
    return NULL;

  ctx_init (&ctx, items, n_items, params);
  out = g_array_new (FALSE, TRUE, sizeof (TsBreak));

  /* §863: the first pass is cheap and usually enough; the second uses the
   * full tolerance; whichever pass comes last may not fail. */
  if (p->pretolerance >= 0)
    res = run_pass (&ctx, p->pretolerance, 0, FALSE, &last);
  if (res == PASS_FAILED)
    res = run_pass (&ctx, p->tolerance, 0, p->emergency_stretch <= 0, &last);
  if (res == PASS_FAILED)
    res = run_pass (&ctx, p->tolerance, p->emergency_stretch, TRUE, &last);
  g_assert (res != PASS_FAILED);

  append_path (&ctx, last, out);
  if (res == PASS_CAPPED)
    {
      const Node *node = node_at (&ctx, last);

      first_fit_from (&ctx, node->item, node->line, node->fitness, node->flagged, out);
    }

  ctx_clear (&ctx);
  return out; /* transfer full */
}
