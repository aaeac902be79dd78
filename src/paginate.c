/* paginate.c — the page builder.
 *
 * Plan (no drawing — SILE's and Typst's page builders):
 *  1. Page 1: stack the leading span_all blocks (masthead, title) across the
 *     text width; the columns of page 1 start below them.
 *  2. Every other block flows through the frames (columns) in order.  For a
 *     paragraph, count how many of its remaining lines fit in the frame,
 *     then adjust the split for orphans (too few lines at the foot: move
 *     the paragraph on) and widows (too few lines carried over: carry more).
 *     Captions (keep_together) move whole to the next frame; a heading
 *     (keep_with_next) moves on unless it and the first lines of the next
 *     block fit.
 *  3. A figure (photo + caption) is one unit: placed where it stands if it
 *     fits, else at the top of the next frame; a photo taller than a whole
 *     frame is scaled down to fit it, so nothing ever crosses a frame's
 *     foot.  A wide figure in a multi-column layout spans the text width: at
 *     once if nothing is on the page's columns yet, else at the top of the
 *     next page (a top float, as in newspapers and LaTeX's [t]), while the
 *     text flows on in the columns.  No page holds photos alone when the
 *     text ended on the page before (rescue_lone_figures): they go to the
 *     top of that page, or take its last lines with them (one column).
 *  4. A line's box is one leading high, its baseline centred as CSS does
 *     (half the leading above the ascent).  Where the ink of a line would
 *     come closer than min_ink_gap to the ink of the line above (stacked
 *     capitals such as Ấ under a descender), the line moves down: leading
 *     from what is actually on the line.
 *  5. Balancing: the last page's flow is run again with every column cut
 *     to the same height, found by bisection as the smallest height at which
 *     the rest of the galley still fits on the page under the same keeps,
 *     widows and orphans.  The flow from a page's start is a pure function
 *     of (block, line, frame height), so each trial is exact, not an
 *     estimate; trials that would open a new page stop at once.
 *  6. Column rules go in last, between columns that hold text, as deep as
 *     the deeper of the two.
 * Space before a block is dropped at the top of a frame, as TeX discards
 * glue at a page break.
 */
#include "paginate.h"

#include "readorder.h"

/* Where the flow of a page begins, to run it again when balancing. */
typedef struct
{
  guint block;
  int line;
  guint n_boxes; /* boxes on the page before its flow (masthead, top floats) */
  int top;       /* the columns' top */
} PageStart;

typedef struct
{
  const TsPageTemplate *tmpl;
  const GArray *blocks;
  TsPageList *list;
  TsPage *page;
  int frame;            /* index into page->frames */
  int y;                /* top of the free space in the frame */
  gboolean at_top;      /* nothing placed in this frame yet */
  const TsLine *prev;   /* the last line placed in this frame, for the ink check */
  int prev_baseline;
  int bottom;           /* the columns' foot: the text area's, or a balanced one */
  gboolean trial;       /* balancing: never open a page; set overflow instead */
  gboolean overflow;
  GArray *pending;      /* guint: wide figures waiting for the top of the next page */
  guint cur_block;      /* what the flow is placing, for PageStart */
  int cur_line;
  PageStart start;      /* of the current page */
  PageStart prev_start; /* of the page before it */
  GArray *floated;      /* guint: figures already placed at the top of the page's
                         * flow (rescue_lone_figures); the flow passes over them */
  const int *extra;     /* per galley block: more space around it, half above and half
                         * below, to move it off a line that an extractor would misread
                         * (ts_paginate's reading-order pass); NULL: none */
  const gboolean *brk;  /* per galley block: start it in a new column (the same pass) */
  int grid;             /* the body's leading */
} Builder;

/* A photo may shrink to this share of its size to stay in a short frame (on
 * page 1 under the masthead); below it, it waits for a fuller frame. */
#define TS_FIGURE_MIN_SCALE_PCT 50

/* A page of photos alone takes at most this many lines of the text before
 * them, to have company (rescue_lone_figures). */
#define TS_RESCUE_MAX_LINES 6

/* Bisection stops when the column height is known to a quarter point. */
#define TS_BALANCE_PRECISION (PANGO_SCALE / 4)

/* At most this many layouts of the whole galley are tried to make every
 * page read in order (ts_paginate). */
#define TS_READ_ORDER_TRIES 24

/* The reading-order pass may end a column early by at most this many lines. */
#define TS_BREAK_MAX_LINES 4

static gboolean place_flowing (Builder *b, guint index, int first);

/* The reading-order pass's extra space around block @index: above it
 * (rounded down) and below it, so that what follows is back on the grid. */
static int
extra_above (const Builder *b, guint index)
{
  return b->extra != NULL ? b->extra[index] / 2 : 0;
}

static int
extra_below (const Builder *b, guint index)
{
  return b->extra != NULL ? b->extra[index] - b->extra[index] / 2 : 0;
}

int
ts_page_template_get_column_width (const TsPageTemplate *tmpl)
{
  int columns = MAX (1, tmpl->columns);
  return (tmpl->text.width - (columns - 1) * tmpl->column_gap) / columns;
}

static int
text_bottom (const TsPageTemplate *t)
{
  return t->text.y + t->text.height;
}

static void
add_frames (Builder *b, int top)
{
  const TsPageTemplate *t = b->tmpl;
  int columns = MAX (1, t->columns);
  int width = ts_page_template_get_column_width (t);

  g_array_set_size (b->page->frames, 0);
  for (int c = 0; c < columns; c++)
    {
      TsRect r = { t->text.x + c * (width + t->column_gap), top, width, MAX (0, b->bottom - top) };
      g_array_append_val (b->page->frames, r);
    }
  b->frame = 0;
  b->y = top;
  b->at_top = TRUE;
  b->prev = NULL;
}

static const TsRect *
current_frame (const Builder *b)
{
  return &g_array_index (b->page->frames, TsRect, b->frame);
}

static int
frame_bottom (const Builder *b)
{
  return current_frame (b)->y + current_frame (b)->height;
}

static const TsFlowBlock *
block_at (const Builder *b, guint index)
{
  return &g_array_index (b->blocks, TsFlowBlock, index);
}

static gboolean
is_figure (const TsFlowBlock *fb)
{
  return fb->image != NULL || fb->placeholder;
}

static void place_wide_figure (Builder *b, const TsFlowBlock *fb);

/* Opens a page; top floats waiting for it go first.  FALSE in a trial. */
static gboolean
new_page (Builder *b)
{
  const TsPageTemplate *t = b->tmpl;

  if (b->trial)
    {
      b->overflow = TRUE;
      return FALSE;
    }
  b->prev_start = b->start;
  b->page = ts_page_new (b->list->pages->len + 1, t->page_width, t->page_height);
  g_ptr_array_add (b->list->pages, b->page);
  b->bottom = text_bottom (t);
  add_frames (b, t->text.y);
  for (guint i = 0; i < b->pending->len; i++)
    place_wide_figure (b, block_at (b, g_array_index (b->pending, guint, i)));
  g_array_set_size (b->pending, 0);
  if (b->y != t->text.y)
    add_frames (b, b->y);
  b->start = (PageStart){ b->cur_block, b->cur_line, b->page->boxes->len, b->y };
  return TRUE;
}

static gboolean
next_frame (Builder *b)
{
  if (b->frame + 1 < (int) b->page->frames->len)
    {
      b->frame++;
      b->y = current_frame (b)->y;
      b->at_top = TRUE;
      b->prev = NULL;
      return TRUE;
    }
  return new_page (b);
}

/* Where the baseline of @line goes if its box starts at @y. */
static int
baseline_for (const Builder *b, const TsLine *line, int leading, int y)
{
  int half = (leading - (line->ascent + line->descent)) / 2;
  int baseline = y + half + line->ascent;

  if (b->prev != NULL && line->ink_ascent > 0)
    {
      int clash = (b->prev_baseline + b->prev->ink_descent + b->tmpl->min_ink_gap)
                  - (baseline - line->ink_ascent);
      if (clash > 0)
        baseline += clash;
    }
  return baseline;
}

/* The bottom of the box of @line placed at @y (the next line's top). */
static int
line_bottom (const Builder *b, const TsLine *line, int leading, int y, int *baseline)
{
  int half = (leading - (line->ascent + line->descent)) / 2;
  *baseline = baseline_for (b, line, leading, y);
  return *baseline - line->ascent - half + leading;
}

/* How many lines of @fb from @first fit in the current frame from @y
 * (with the ink check), without placing them. */
static int
count_fitting (const Builder *b, const TsFlowBlock *fb, int first, int y)
{
  Builder probe = *b;
  int bottom = frame_bottom (b);
  int n = 0;

  for (guint i = first; fb->lines != NULL && i < fb->lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (fb->lines, i);
      int baseline, next = line_bottom (&probe, line, fb->leading, y, &baseline);
      if (next > bottom)
        break;
      probe.prev = line;
      probe.prev_baseline = baseline;
      y = next;
      n++;
    }
  return n;
}

/* The height of all of @fb's lines stacked from a fresh start (after a
 * photo: no line above to check the ink against). */
static int
lines_height (const Builder *b, const TsFlowBlock *fb)
{
  Builder probe = *b;
  int y = 0;

  probe.prev = NULL;
  for (guint i = 0; fb->lines != NULL && i < fb->lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (fb->lines, i);
      int baseline;
      y = line_bottom (&probe, line, fb->leading, y, &baseline);
      probe.prev = line;
      probe.prev_baseline = baseline;
    }
  return y;
}

static void
place_line (Builder *b, const TsFlowBlock *fb, guint index, int x, int width)
{
  TsLine *line = g_ptr_array_index (fb->lines, index);
  int baseline;
  int next = line_bottom (b, line, fb->leading, b->y, &baseline);
  int frame = fb->span_all || fb->wide ? -1 : b->frame;
  TsBox box = {
    .kind = TS_BOX_LINE, .role = fb->role, .frame = frame, .block = fb->block,
    .x = x + fb->indent_left, .y = b->y, .width = width - fb->indent_left,
    .height = next - b->y, .baseline = baseline, .color = fb->color, .line = line,
  };

  if (index == 0 && fb->marker != NULL)
    {
      /* Before the line, so that the text layer reads "1. Text". */
      TsBox marker = {
        .kind = TS_BOX_LINE, .role = TS_ROLE_MARKER, .frame = frame, .block = fb->block,
        .x = x + fb->marker_x, .y = baseline - fb->marker->ascent,
        .width = fb->marker->natural_width,
        .height = fb->marker->ascent + fb->marker->descent, .baseline = baseline,
        .color = fb->color, .line = fb->marker,
      };
      ts_page_add_box (b->page, &marker);
    }
  ts_page_add_box (b->page, &box);
  b->prev = line;
  b->prev_baseline = baseline;
  b->y = next;
  b->at_top = FALSE;
}

static void
place_rule (Builder *b, const TsFlowBlock *fb, int x, int width)
{
  TsBox box = { .kind = TS_BOX_RULE, .role = TS_ROLE_RULE, .frame = fb->span_all ? -1 : b->frame,
                .block = fb->block, .x = x, .y = b->y, .width = width, .height = fb->rule,
                .color = fb->color };
  ts_page_add_box (b->page, &box);
  b->y += fb->rule;
  b->prev = NULL;
  b->at_top = FALSE;
}

static void
place_spanning (Builder *b, const TsFlowBlock *fb)
{
  const TsRect *text = &b->tmpl->text;

  if (!b->at_top)
    b->y += fb->space_before;
  if (fb->rule > 0)
    place_rule (b, fb, text->x, text->width);
  for (guint i = 0; fb->lines != NULL && i < fb->lines->len; i++)
    place_line (b, fb, i, text->x, text->width);
  b->y += fb->space_after;
}

/* The photo's size when at most @room is left for photo and caption:
 * scaled down (never up) keeping its proportions. */
static void
figure_size (const Builder *b, const TsFlowBlock *fb, int room, int *width, int *height)
{
  int fixed = fb->image_gap + lines_height (b, fb);
  int h = fb->image_height, w = fb->image_width;

  if (h + fixed > room && h > 0)
    {
      int fit = MAX (PANGO_SCALE, room - fixed);
      w = (int) ((gint64) w * fit / h);
      h = fit;
    }
  *width = w;
  *height = h;
}

/* The photo at the top of the free space, centred in @x…@x + @width, then
 * the caption lines. */
static void
place_figure_at (Builder *b, const TsFlowBlock *fb, int x, int width, int w, int h)
{
  TsBox box = {
    .kind = TS_BOX_IMAGE, .role = TS_ROLE_IMAGE, .frame = fb->wide ? -1 : b->frame,
    .block = fb->block, .x = x + (width - w) / 2, .y = b->y, .width = w, .height = h,
    .color = fb->color, .image = fb->image,
  };

  ts_page_add_box (b->page, &box);
  b->y += h + fb->image_gap;
  b->prev = NULL;
  b->at_top = FALSE;
  for (guint i = 0; fb->lines != NULL && i < fb->lines->len; i++)
    place_line (b, fb, i, x, width);
}

/* A wide figure across the text width at b->y (the top of a page, or of
 * page 1's columns); the columns then start below it. */
static void
place_wide_figure (Builder *b, const TsFlowBlock *fb)
{
  const TsRect *text = &b->tmpl->text;
  int w, h;

  figure_size (b, fb, text_bottom (b->tmpl) - b->y, &w, &h);
  place_figure_at (b, fb, text->x, text->width, w, h);
  b->y += fb->space_after;
}

static gboolean
place_figure (Builder *b, guint index)
{
  const TsFlowBlock *fb = block_at (b, index);
  gboolean columns = b->page->frames->len > 1;
  int w, h;

  if (fb->wide && columns)
    {
      if (b->frame == 0 && b->at_top)
        {
          place_wide_figure (b, fb);
          add_frames (b, b->y);
          b->start.n_boxes = b->page->boxes->len;
          b->start.top = b->y;
          b->start.block = index + 1;
          b->start.line = 0;
          return TRUE;
        }
      if (b->trial)
        {
          b->overflow = TRUE;
          return FALSE;
        }
      g_array_append_val (b->pending, index);
      return TRUE;
    }

  for (int tries = 0;; tries++)
    {
      int space = (b->at_top ? 0 : fb->space_before) + extra_above (b, index);
      int room = frame_bottom (b) - (b->y + space);

      figure_size (b, fb, room, &w, &h);
      if (h == fb->image_height
          || (b->at_top
              && (h * 100 >= fb->image_height * TS_FIGURE_MIN_SCALE_PCT
                  || current_frame (b)->height >= b->bottom - b->tmpl->text.y || tries > 2)))
        {
          b->y += space;
          break;
        }
      if (!next_frame (b))
        return FALSE;
    }
  place_figure_at (b, fb, current_frame (b)->x, current_frame (b)->width, w, h);
  b->y += fb->space_after + extra_below (b, index);
  return TRUE;
}

/* Lines of the block after @fb that must follow a keep_with_next block. */
static int
lines_to_keep (const GArray *blocks, guint index, int orphans)
{
  if (index + 1 >= blocks->len)
    return 0;
  const TsFlowBlock *next = &g_array_index (blocks, TsFlowBlock, index + 1);
  return next->lines ? MIN ((int) next->lines->len, MAX (1, orphans)) : 0;
}

/* Places block @index from its line @first on.  FALSE when a trial ran out
 * of page. */
static gboolean
place_flowing (Builder *b, guint index, int first)
{
  const TsFlowBlock *fb = block_at (b, index);
  const TsPageTemplate *t = b->tmpl;
  int n = fb->lines ? (int) fb->lines->len : 0;
  gboolean whole = first == 0;

  b->cur_block = index;
  b->cur_line = first;
  for (guint i = 0; i < b->floated->len; i++)
    if (g_array_index (b->floated, guint, i) == index)
      return TRUE;
  /* A move of the reading-order pass; never when it would leave more than
   * a few lines of the column empty. */
  if (b->brk != NULL && b->brk[index] && first == 0 && !b->at_top
      && frame_bottom (b) - b->y <= TS_BREAK_MAX_LINES * b->grid && !next_frame (b))
    return FALSE;
  if (is_figure (fb))
    return place_figure (b, index);
  /* The reading-order pass's extra space is kept at the head of a column
   * too: a caption that opens a column level with another is its case. */
  if (first == 0)
    b->y += (b->at_top ? 0 : fb->space_before) + extra_above (b, index);
  if (fb->rule > 0)
    {
      if (b->y + fb->rule > frame_bottom (b) && !next_frame (b))
        return FALSE;
      place_rule (b, fb, current_frame (b)->x, current_frame (b)->width);
      b->y += fb->space_after;
      return TRUE;
    }

  while (first < n)
    {
      int fit = count_fitting (b, fb, first, b->y);
      int rest = n - first;
      int take;

      if (fit >= rest)
        {
          take = rest;
          if (fb->keep_with_next && first == 0 && !b->at_top)
            {
              /* The heading and the first lines of what follows must fit. */
              const TsFlowBlock *next = block_at (b, index + 1);
              int keep = lines_to_keep (b->blocks, index, t->orphans);
              if (keep > 0)
                {
                  Builder probe = *b;
                  for (int i = 0; i < rest; i++)
                    {
                      int baseline;
                      const TsLine *l = g_ptr_array_index (fb->lines, i);
                      probe.y = line_bottom (&probe, l, fb->leading, probe.y, &baseline);
                      probe.prev = l;
                      probe.prev_baseline = baseline;
                    }
                  probe.y += fb->space_after + extra_below (b, index) + next->space_before
                             + extra_above (b, index + 1);
                  if (is_figure (next)
                      ? probe.y + next->image_height / 2 > frame_bottom (b)
                      : count_fitting (&probe, next, 0, probe.y) < keep)
                    take = 0;
                }
            }
        }
      else if (fb->keep_together && first == 0)
        take = b->at_top ? fit : 0; /* taller than a frame: split it anyway */
      else
        {
          take = fit;
          /* Orphans: never leave fewer than t->orphans lines at the foot. */
          if (first == 0 && take < MIN (t->orphans, n))
            take = 0;
          /* Widows: never carry fewer than t->widows lines over. */
          if (take > 0 && n - (first + take) < t->widows)
            {
              int carry = MIN (t->widows, n);
              take = n - first - carry;
              if (take < (first == 0 ? t->orphans : 1))
                {
                  /* A trial (balancing a last page, making room for photos)
                   * never buys its fit with a widow: a taller column does
                   * without, as the untried flow did. */
                  if (b->trial && first > 0)
                    {
                      b->overflow = TRUE;
                      return FALSE;
                    }
                  take = first == 0 ? 0 : fit;
                }
            }
        }

      if (take == 0 && b->at_top)
        take = MAX (1, fit); /* nothing fits even in an empty frame: place it */
      if (take == 0)
        {
          if (!next_frame (b))
            return FALSE;
          if (first == 0)
            b->y += extra_above (b, index);
          continue;
        }
      for (int i = 0; i < take; i++)
        place_line (b, fb, first + i, current_frame (b)->x, current_frame (b)->width);
      first += take;
      b->cur_line = first;
      if (first < n && !next_frame (b))
        return FALSE;
    }
  b->y += fb->space_after + (whole ? extra_below (b, index) : 0);
  return TRUE;
}

static gboolean
flow (Builder *b, guint from_block, int from_line)
{
  for (guint i = from_block; i < b->blocks->len; i++)
    if (!place_flowing (b, i, i == from_block ? from_line : 0))
      return FALSE;
  b->cur_block = b->blocks->len;
  b->cur_line = 0;
  return TRUE;
}

/* The flow from @start on; in a trial (@trial) it never opens a page and
 * returns FALSE when the rest of the galley did not fit. */
static gboolean
flow_from (Builder *b, const PageStart *start, gboolean trial)
{
  gboolean ok;

  b->trial = trial;
  b->overflow = FALSE;
  ok = flow (b, start->block, start->line) && !b->overflow;
  b->trial = FALSE;
  return ok;
}

/* Runs the last page's flow again with its columns' foot at @bottom.
 * Returns whether the rest of the galley fit on the page. */
static gboolean
reflow_last_page (Builder *b, const PageStart *start, int bottom, gboolean trial)
{
  g_array_set_size (b->page->boxes, start->n_boxes);
  b->bottom = bottom;
  add_frames (b, start->top);
  return flow_from (b, start, trial);
}

static void
balance_last_page (Builder *b)
{
  PageStart start = b->start;
  int lo = start.top, hi = text_bottom (b->tmpl);

  if (b->page->frames->len < 2 || start.block >= b->blocks->len)
    return;
  /* hi fits: it is the flow that just ran.  lo (no room at all) does not. */
  while (hi - lo > TS_BALANCE_PRECISION)
    {
      int mid = lo + (hi - lo) / 2;
      if (reflow_last_page (b, &start, mid, TRUE))
        hi = mid;
      else
        lo = mid;
    }
  if (!reflow_last_page (b, &start, hi, FALSE))
    g_assert_not_reached (); /* a trial at hi fitted, and the flow is deterministic */
  b->start = start;
}

/* The deepest box of @frame on @page, or -1 when the frame is empty. */
static int
frame_depth (const TsPage *page, int frame)
{
  int depth = -1;

  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (page->boxes, TsBox, i);
      if (box->frame == frame)
        depth = MAX (depth, box->y + box->height);
    }
  return depth;
}

static void
add_column_rules (Builder *b)
{
  const TsPageTemplate *t = b->tmpl;

  if (t->column_rule <= 0)
    return;
  for (guint p = 0; p < b->list->pages->len; p++)
    {
      TsPage *page = g_ptr_array_index (b->list->pages, p);
      for (guint c = 0; c + 1 < page->frames->len; c++)
        {
          const TsRect *left = &g_array_index (page->frames, TsRect, c);
          int depth = MAX (frame_depth (page, c), frame_depth (page, c + 1));
          TsBox rule = { .kind = TS_BOX_RULE, .role = TS_ROLE_RULE, .frame = -1, .block = -1,
                         .x = left->x + left->width + (t->column_gap - t->column_rule) / 2,
                         .y = left->y, .width = t->column_rule, .height = depth - left->y,
                         .color = t->column_rule_color };
          if (frame_depth (page, c + 1) < 0 || rule.height <= 0)
            continue;
          ts_page_add_box (page, &rule);
        }
    }
}

/* The flow of the page that began at @start again, from scratch, with
 * the figures @figures (block indices) first at the top of its flow area,
 * the columns under them.  In a trial (@trial), FALSE when the rest of the
 * galley no longer fits on the page. */
static gboolean
reflow_with_floats (Builder *b, const PageStart *start, const GArray *figures, gboolean trial)
{
  const TsPageTemplate *t = b->tmpl;

  g_array_set_size (b->page->boxes, start->n_boxes);
  b->bottom = text_bottom (t);
  add_frames (b, start->top);
  g_array_set_size (b->floated, 0);
  for (guint i = 0; i < figures->len; i++)
    {
      guint index = g_array_index (figures, guint, i);
      const TsFlowBlock *fb = block_at (b, index);

      if (fb->wide && t->columns > 1)
        place_wide_figure (b, fb);
      else
        {
          int w, h;
          figure_size (b, fb, text_bottom (t) - b->y, &w, &h);
          place_figure_at (b, fb, t->text.x, current_frame (b)->width, w, h);
          b->y += fb->space_after;
        }
      g_array_append_val (b->floated, index);
    }
  add_frames (b, b->y);
  b->start = (PageStart){ start->block, start->line, b->page->boxes->len, b->y };
  return flow_from (b, start, trial);
}

/* The second way out of a page of photos alone (one column): the page
 * before ends a line earlier, then two, …, so that the last lines of its
 * text go over with the photos, as long as the photos then still fit on
 * that last page whole.  @first_figure is the galley index of the first
 * photo.  FALSE (layout undefined, to be flowed again) when nothing works
 * within TS_RESCUE_MAX_LINES lines. */
static gboolean
carry_lines_over (Builder *b, const PageStart *start, guint first_figure)
{
  guint n_pages = b->list->pages->len; /* page N, the text's last page, is the last now */
  TsPage *page = b->page;
  int leading = first_figure > 0 ? block_at (b, first_figure - 1)->leading : 0;

  for (int k = 1; leading > 0 && k <= TS_RESCUE_MAX_LINES; k++)
    {
      const TsPage *last;
      gboolean text = FALSE;

      g_ptr_array_set_size (b->list->pages, n_pages);
      b->page = page;
      g_array_set_size (b->floated, 0);
      reflow_last_page (b, start, text_bottom (b->tmpl) - k * leading, FALSE);
      while (b->pending->len > 0)
        new_page (b);
      last = g_ptr_array_index (b->list->pages, b->list->pages->len - 1);
      for (guint i = 0; i < last->boxes->len; i++)
        {
          const TsBox *box = &g_array_index (last->boxes, TsBox, i);
          text |= box->kind == TS_BOX_LINE && box->role != TS_ROLE_CAPTION;
        }
      if (b->list->pages->len == n_pages + 1 && text)
        return TRUE;
    }
  g_ptr_array_set_size (b->list->pages, n_pages);
  b->page = page;
  return FALSE;
}

/* No page holds nothing but photos when they fit on the page before.
 * Two cases end the flow that way: a wide figure still waiting for the
 * top of a next page (the text after it all fitted on this one), or, in
 * one column, photos that did not fit under the last lines and moved to a
 * page of their own.  Then the page the text ended on is laid out again
 * with those photos at the top of its flow (under the masthead and title
 * on page 1; across the text width for a wide one, the columns under it)
 * and its text below them, as a top float.  If that text then no longer
 * fits on the page, the layout stays as it was: the photos need a page. */
static void
rescue_lone_figures (Builder *b)
{
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (guint));
  PageStart start;
  gboolean lone_page = FALSE;
  guint first;

  if (b->pending->len > 0)
    {
      g_array_append_vals (figures, b->pending->data, b->pending->len);
      start = b->start;
    }
  else
    {
      if (b->list->pages->len < 2 || b->start.line != 0 || b->start.n_boxes != 0
          || b->start.block >= b->blocks->len || b->tmpl->columns > 1)
        return;
      for (guint i = b->start.block; i < b->blocks->len; i++)
        {
          if (!is_figure (block_at (b, i)))
            return;
          g_array_append_val (figures, i);
        }
      start = b->prev_start;
      lone_page = TRUE;
    }
  if (lone_page)
    {
      g_ptr_array_remove_index (b->list->pages, b->list->pages->len - 1);
      b->page = g_ptr_array_index (b->list->pages, b->list->pages->len - 1);
    }
  if (reflow_with_floats (b, &start, figures, TRUE))
    {
      g_array_set_size (b->pending, 0);
      return;
    }
  first = g_array_index (figures, guint, 0);
  g_array_set_size (figures, 0);
  g_array_set_size (b->pending, 0);
  if (lone_page && carry_lines_over (b, &start, first))
    return;
  /* Neither works: the flow as it was (it is deterministic). */
  reflow_with_floats (b, &start, figures, FALSE);
}

/* One layout of the whole galley, with @extra space around blocks and
 * column breaks @brk before them (both may be NULL; @step is the body's
 * leading when @brk is given). */
static TsPageList *
paginate_pass (const GArray *blocks, const TsPageTemplate *tmpl, const int *extra,
               const gboolean *brk, int step)
{
  Builder b = { .tmpl = tmpl, .blocks = blocks, .list = ts_page_list_new (), .extra = extra,
                .brk = brk, .grid = step };
  guint i = 0;

  b.pending = g_array_new (FALSE, FALSE, sizeof (guint));
  b.floated = g_array_new (FALSE, FALSE, sizeof (guint));
  new_page (&b);
  for (; i < blocks->len && g_array_index (blocks, TsFlowBlock, i).span_all; i++)
    place_spanning (&b, &g_array_index (blocks, TsFlowBlock, i));
  if (i > 0)
    {
      add_frames (&b, b.y);
      b.start = (PageStart){ i, 0, b.page->boxes->len, b.y };
    }
  flow (&b, i, 0);
  rescue_lone_figures (&b);
  while (b.pending->len > 0)
    new_page (&b);
  if (tmpl->balance)
    balance_last_page (&b);
  add_column_rules (&b);
  g_array_unref (b.pending);
  g_array_unref (b.floated);
  return b.list;
}

/* The first page that an extractor would misread, or -1, with how badly
 * (@misread) and its suspects (source blocks) in @suspects. */
static int
first_misread_page (const TsPageList *list, const TsPageTemplate *tmpl, int *misread,
                    GArray *suspects)
{
  for (guint p = 0; p < list->pages->len; p++)
    {
      g_array_set_size (suspects, 0);
      *misread = ts_read_order_check (g_ptr_array_index (list->pages, p), &tmpl->folio,
                                      tmpl->folio_size, suspects);
      if (*misread > 0)
        return p;
    }
  *misread = 0;
  return -1;
}

/* The galley index of source block @block's first flowing piece, or -1. */
static int
galley_index (const GArray *blocks, int block)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      const TsFlowBlock *fb = &g_array_index (blocks, TsFlowBlock, i);
      if (fb->block == block && !fb->span_all && fb->rule == 0)
        return i;
    }
  return -1;
}

/* The body's leading: the grid that extra space comes in, so that the
 * text after a moved block is back on its lines. */
static int
grid (const GArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      const TsFlowBlock *fb = &g_array_index (blocks, TsFlowBlock, i);
      if (fb->role == TS_ROLE_BODY && fb->leading > 0)
        return fb->leading;
    }
  return 12 * PANGO_SCALE;
}

/* Lays the galley out, then makes sure a text extractor reads every page
 * of several columns in the order it was drawn (readorder.h).  Where it
 * would not — two captions level in two columns read as a table, a caption
 * beside a photo read before the column it stands beside — one caption,
 * heading or quote at a time gets a line of extra space, half above and
 * half below (it moves down half a line; the text after it stays on the
 * grid), else two lines (a whole line down), else it starts the next
 * column, and the galley is laid out again.  A move is kept when the first
 * misread page comes later, or is misread less; the pages before a move
 * are unchanged, as the flow is deterministic.  One column always reads in
 * order, so this costs nothing there. */
TsPageList *
ts_paginate (const GArray *blocks, const TsPageTemplate *tmpl)
{
  g_autofree int *extra = NULL;
  g_autofree gboolean *brk = NULL;
  g_autoptr (GArray) suspects = NULL;
  TsPageList *list = paginate_pass (blocks, tmpl, NULL, NULL, 0);
  int page, misread, tries = 0, step;

  if (tmpl->columns < 2 || blocks->len == 0)
    return list;
  extra = g_new0 (int, blocks->len);
  brk = g_new0 (gboolean, blocks->len);
  suspects = g_array_new (FALSE, FALSE, sizeof (int));
  step = grid (blocks);
  page = first_misread_page (list, tmpl, &misread, suspects);
  while (page >= 0 && tries < TS_READ_ORDER_TRIES)
    {
      gboolean moved = FALSE;

      for (guint s = 0; s < suspects->len && tries < TS_READ_ORDER_TRIES && !moved; s++)
        {
          int index = galley_index (blocks, g_array_index (suspects, int, s));

          /* Half a line down, a whole line, else to the next column. */
          for (int k = 1; index >= 0 && k <= 3 && !moved && tries < TS_READ_ORDER_TRIES; k++)
            {
              g_autoptr (GArray) again = g_array_new (FALSE, FALSE, sizeof (int));
              int old_extra = extra[index];
              gboolean old_brk = brk[index];
              TsPageList *trial;
              int next, next_misread;

              if (k < 3 && extra[index] + k * step > 2 * step)
                continue;
              if (k == 3 && brk[index])
                break;
              tries++;
              if (k < 3)
                extra[index] += k * step;
              else
                brk[index] = TRUE;
              trial = paginate_pass (blocks, tmpl, extra, brk, step);
              next = first_misread_page (trial, tmpl, &next_misread, again);
              if (next < 0 || next > page || (next == page && next_misread < misread))
                {
                  ts_page_list_free (list);
                  list = trial;
                  page = next;
                  misread = next_misread;
                  g_array_set_size (suspects, 0);
                  if (again->len > 0)
                    g_array_append_vals (suspects, again->data, again->len);
                  moved = TRUE;
                }
              else
                {
                  extra[index] = old_extra;
                  brk[index] = old_brk;
                  ts_page_list_free (trial);
                }
            }
        }
      if (!moved)
        break;
    }
  return list;
}

void
ts_flow_block_clear (TsFlowBlock *block)
{
  g_clear_pointer (&block->lines, g_ptr_array_unref);
  g_clear_pointer (&block->image, ts_image_unref);
  g_clear_pointer (&block->marker, ts_line_unref);
}
