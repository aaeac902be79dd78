/* paginate.c — the page builder.
 *
 * Plan (one pass, no drawing — SILE's and Typst's page builders):
 *  1. Page 1: stack the leading span_all blocks (masthead, title) across the
 *     text width; the columns of page 1 start below them.
 *  2. Every other block flows through the frames (columns) in order.  For a
 *     paragraph, count how many of its remaining lines fit in the frame,
 *     then adjust the split for orphans (too few lines at the foot: move
 *     the paragraph on) and widows (too few lines carried over: carry more).
 *     Captions (keep_together) move whole to the next frame; a heading
 *     (keep_with_next) moves on unless it and the first lines of the next
 *     block fit.
 *  3. A line's box is one leading high, its baseline centred as CSS does
 *     (half the leading above the ascent).  Where the ink of a line would
 *     come closer than min_ink_gap to the ink of the line above (stacked
 *     capitals such as Ấ under a descender), the line moves down: leading
 *     from what is actually on the line.
 * Space before a block is dropped at the top of a frame, as TeX discards
 * glue at a page break.
 */
#include "paginate.h"

typedef struct
{
  const TsPageTemplate *tmpl;
  TsPageList *list;
  TsPage *page;
  int frame;            /* index into page->frames */
  int y;                /* top of the free space in the frame */
  gboolean at_top;      /* nothing placed in this frame yet */
  const TsLine *prev;   /* the last line placed in this frame, for the ink check */
  int prev_baseline;
} Builder;

int
ts_page_template_get_column_width (const TsPageTemplate *tmpl)
{
  int columns = MAX (1, tmpl->columns);
  return (tmpl->text.width - (columns - 1) * tmpl->column_gap) / columns;
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
      TsRect r = { t->text.x + c * (width + t->column_gap), top, width,
                   t->text.y + t->text.height - top };
      g_array_append_val (b->page->frames, r);
    }
}

static void
new_page (Builder *b)
{
  const TsPageTemplate *t = b->tmpl;

  b->page = ts_page_new (b->list->pages->len + 1, t->page_width, t->page_height);
  g_ptr_array_add (b->list->pages, b->page);
  add_frames (b, t->text.y);
  b->frame = 0;
  b->y = t->text.y;
  b->at_top = TRUE;
  b->prev = NULL;
}

static const TsRect *
current_frame (const Builder *b)
{
  return &g_array_index (b->page->frames, TsRect, b->frame);
}

static void
next_frame (Builder *b)
{
  if (b->frame + 1 < (int) b->page->frames->len)
    {
      b->frame++;
      b->y = current_frame (b)->y;
      b->at_top = TRUE;
      b->prev = NULL;
    }
  else
    new_page (b);
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

/* How many lines of @fb from @first fit in the current frame from b->y
 * (with the ink check), without placing them. */
static int
count_fitting (const Builder *b, const TsFlowBlock *fb, int first, int y)
{
  Builder probe = *b;
  int bottom = current_frame (b)->y + current_frame (b)->height;
  int n = 0;

  for (guint i = first; i < fb->lines->len; i++)
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

static void
place_line (Builder *b, const TsFlowBlock *fb, TsLine *line, int x, int width)
{
  int baseline;
  int next = line_bottom (b, line, fb->leading, b->y, &baseline);
  TsBox box = {
    .kind = TS_BOX_LINE, .role = fb->role, .frame = fb->span_all ? -1 : b->frame,
    .block = fb->block, .x = x, .y = b->y, .width = width, .height = next - b->y,
    .baseline = baseline, .color = fb->color, .line = line,
  };

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
    place_line (b, fb, g_ptr_array_index (fb->lines, i), text->x, text->width);
  b->y += fb->space_after;
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

static void
place_flowing (Builder *b, const GArray *blocks, guint index)
{
  const TsFlowBlock *fb = &g_array_index (blocks, TsFlowBlock, index);
  const TsPageTemplate *t = b->tmpl;
  int n = fb->lines ? (int) fb->lines->len : 0;
  int first = 0;

  if (!b->at_top)
    b->y += fb->space_before;
  if (fb->rule > 0)
    {
      if (b->y + fb->rule > current_frame (b)->y + current_frame (b)->height)
        next_frame (b);
      place_rule (b, fb, current_frame (b)->x, current_frame (b)->width);
      b->y += fb->space_after;
      return;
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
              const TsFlowBlock *next = &g_array_index (blocks, TsFlowBlock, index + 1);
              int keep = lines_to_keep (blocks, index, t->orphans);
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
                  probe.y += fb->space_after + next->space_before;
                  if (count_fitting (&probe, next, 0, probe.y) < keep)
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
                take = first == 0 ? 0 : fit;
            }
        }

      if (take == 0 && b->at_top)
        take = MAX (1, fit); /* nothing fits even in an empty frame: place it */
      if (take == 0)
        {
          next_frame (b);
          continue;
        }
      for (int i = 0; i < take; i++)
        place_line (b, fb, g_ptr_array_index (fb->lines, first + i), current_frame (b)->x,
                    current_frame (b)->width);
      first += take;
      if (first < n)
        next_frame (b);
    }
  b->y += fb->space_after;
}

TsPageList *
ts_paginate (const GArray *blocks, const TsPageTemplate *tmpl)
{
  Builder b = { .tmpl = tmpl, .list = ts_page_list_new () };
  guint i = 0;

  new_page (&b);
  for (; i < blocks->len && g_array_index (blocks, TsFlowBlock, i).span_all; i++)
    place_spanning (&b, &g_array_index (blocks, TsFlowBlock, i));
  if (i > 0)
    {
      add_frames (&b, b.y);
      b.at_top = TRUE;
      b.prev = NULL;
    }
  for (; i < blocks->len; i++)
    place_flowing (&b, blocks, i);
  return b.list;
}

void
ts_flow_block_clear (TsFlowBlock *block)
{
  g_clear_pointer (&block->lines, g_ptr_array_unref);
}
