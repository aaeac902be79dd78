/* test-paginate.c — the page builder on synthetic lines.
 *
 * Every line here is 10pt of leading with ascent 8pt and descent 2pt, on a
 * 100pt page whose text area is 80pt high: exactly 8 lines a frame.  The
 * expected placements are counted by hand from those numbers.
 */
#include <glib.h>

#include "paginate.h"

#define PT(x) ((int) ((x) * PANGO_SCALE))

static TsPara *
dummy_para (void)
{
  TsPara *para = g_new0 (TsPara, 1);
  para->ref_count = 1;
  para->text = g_strdup ("");
  para->runs = g_ptr_array_new ();
  para->items = g_array_new (FALSE, TRUE, sizeof (TsItem));
  return para;
}

static TsLine *
make_line (int ink_ascent, int ink_descent)
{
  TsLine *line = g_new0 (TsLine, 1);
  line->ref_count = 1;
  line->para = dummy_para ();
  line->pieces = g_array_new (FALSE, TRUE, sizeof (TsLinePiece));
  line->ascent = PT (8);
  line->descent = PT (2);
  line->ink_ascent = ink_ascent;
  line->ink_descent = ink_descent;
  line->width = PT (80);
  return line;
}

static void
add (GArray *galley, TsRole role, int block, int n_lines)
{
  TsFlowBlock fb = { .role = role, .block = block, .leading = PT (10) };
  fb.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_unref);
  for (int i = 0; i < n_lines; i++)
    g_ptr_array_add (fb.lines, make_line (PT (7), PT (2)));
  fb.keep_together = role == TS_ROLE_CAPTION;
  fb.keep_with_next = role == TS_ROLE_HEADING;
  g_array_append_val (galley, fb);
}

static GArray *
galley_new (void)
{
  GArray *galley = g_array_new (FALSE, TRUE, sizeof (TsFlowBlock));
  g_array_set_clear_func (galley, (GDestroyNotify) ts_flow_block_clear);
  return galley;
}

static TsPageTemplate
template (int columns)
{
  TsPageTemplate t = {
    .page_width = PT (100), .page_height = PT (100),
    .text = { PT (10), PT (10), PT (80), PT (80) },
    .columns = columns, .column_gap = PT (10),
    .orphans = 2, .widows = 2, .min_ink_gap = PT (0.5),
  };
  return t;
}

/* Lines of @block on page @page (1-based). */
static int
count_on_page (const TsPageList *pages, int page, int block)
{
  const TsPage *p;
  int n = 0;

  if (page > (int) pages->pages->len)
    return 0;
  p = g_ptr_array_index (pages->pages, page - 1);
  for (guint i = 0; i < p->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (p->boxes, TsBox, i);
      if (box->kind == TS_BOX_LINE && box->block == block)
        n++;
    }
  return n;
}

static void
test_long_paragraph (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;
  const TsBox *first, *second;

  add (galley, TS_ROLE_BODY, 0, 20);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (pages->pages->len, ==, 3);
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 8);
  g_assert_cmpint (count_on_page (pages, 2, 0), ==, 8);
  g_assert_cmpint (count_on_page (pages, 3, 0), ==, 4);
  p1 = g_ptr_array_index (pages->pages, 0);
  first = &g_array_index (p1->boxes, TsBox, 0);
  second = &g_array_index (p1->boxes, TsBox, 1);
  /* Box top at the frame top; baseline = top + ascent (no half-leading:
   * ascent + descent == leading); baselines one leading apart. */
  g_assert_cmpint (first->y, ==, PT (10));
  g_assert_cmpint (first->baseline, ==, PT (18));
  g_assert_cmpint (second->baseline - first->baseline, ==, PT (10));
  g_assert_cmpint (first->x, ==, PT (10));
  g_assert_cmpint (first->width, ==, PT (80));
}

static void
test_orphan_moves_paragraph (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 7);
  add (galley, TS_ROLE_BODY, 1, 5); /* only one line would fit: an orphan */
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 0);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 5);
}

static void
test_widow_carries_two (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 5);
  add (galley, TS_ROLE_BODY, 1, 4); /* 3 fit, 1 would be a widow: 2 + 2 */
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 2);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 2);
}

static void
test_widow_short_paragraph_moves (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 6);
  add (galley, TS_ROLE_BODY, 1, 3); /* 2 fit, 1 widow; 1 + 2 would orphan: move all */
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 0);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 3);
}

static void
test_caption_kept_together (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 6);
  add (galley, TS_ROLE_CAPTION, 1, 3);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 0);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 3);
}

static void
test_heading_keeps_with_next (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 6);
  add (galley, TS_ROLE_HEADING, 1, 1); /* fits, but then only 1 line of block 2 would */
  add (galley, TS_ROLE_BODY, 2, 5);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 0);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 1);
  g_assert_cmpint (count_on_page (pages, 2, 2), ==, 5);
}

static void
test_ink_pushes_line_down (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  TsFlowBlock *fb;
  TsLine *below;
  const TsPage *p1;

  add (galley, TS_ROLE_BODY, 0, 2);
  fb = &g_array_index (galley, TsFlowBlock, 0);
  /* The first line's ink goes 2pt below its baseline; the second carries a
   * stacked capital 9pt high: 9 + 2 + 0.5 gap > 10pt leading, so its
   * baseline must move down by 1.5pt. */
  ((TsLine *) g_ptr_array_index (fb->lines, 0))->ink_descent = PT (2);
  below = g_ptr_array_index (fb->lines, 1);
  below->ink_ascent = PT (9);
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 1).baseline
                   - g_array_index (p1->boxes, TsBox, 0).baseline, ==, PT (11.5));
}

static void
test_span_all_then_columns (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;
  const TsRect *right;

  add (galley, TS_ROLE_TITLE, -1, 2);
  g_array_index (galley, TsFlowBlock, 0).span_all = TRUE;
  g_array_index (galley, TsFlowBlock, 0).space_after = PT (10);
  add (galley, TS_ROLE_BODY, 0, 10);
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  g_assert_cmpint (p1->frames->len, ==, 2);
  /* Title: 2 lines (20pt) + 10pt space: columns start 30pt below the top
   * and hold 5 lines each; the second column starts at x = 10 + 35 + 10. */
  g_assert_cmpint (g_array_index (p1->frames, TsRect, 0).y, ==, PT (40));
  right = &g_array_index (p1->frames, TsRect, 1);
  g_assert_cmpint (right->x, ==, PT (55));
  g_assert_cmpint (right->width, ==, PT (35));
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 10);
  g_assert_cmpint (pages->pages->len, ==, 1);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 0).frame, ==, -1);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 0).width, ==, PT (80));
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 7).frame, ==, 1);
}

static void
test_space_before_dropped_at_top (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p2;

  add (galley, TS_ROLE_BODY, 0, 8);
  add (galley, TS_ROLE_BODY, 1, 2);
  g_array_index (galley, TsFlowBlock, 1).space_before = PT (5);
  pages = ts_paginate (galley, &t);
  p2 = g_ptr_array_index (pages->pages, 1);
  g_assert_cmpint (g_array_index (p2->boxes, TsBox, 0).y, ==, PT (10));
}

/* The deepest box bottom of @frame on the first page. */
static int
frame_depth (const TsPage *page, int frame)
{
  int depth = 0;
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (page->boxes, TsBox, i);
      if (box->frame == frame)
        depth = MAX (depth, box->y + box->height);
    }
  return depth;
}

static void
test_balance_last_page (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;

  /* 10 lines in two 8-line columns: filled in order they would be 8 + 2;
   * balanced, 5 + 5, both columns ending 50pt below the top (10 + 50). */
  t.balance = TRUE;
  add (galley, TS_ROLE_BODY, 0, 10);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (pages->pages->len, ==, 1);
  p1 = g_ptr_array_index (pages->pages, 0);
  g_assert_cmpint (frame_depth (p1, 0), ==, PT (60));
  g_assert_cmpint (frame_depth (p1, 1), ==, PT (60));
}

static void
test_balance_respects_widows (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;

  /* Two paragraphs of 3 and 4 lines: the even split 4 + 3 would leave one
   * line of the second paragraph alone at the foot of column 1 (an
   * orphan), so it must be 3 + 4: column 1 ends at 40pt, column 2 at 50. */
  t.balance = TRUE;
  add (galley, TS_ROLE_BODY, 0, 3);
  add (galley, TS_ROLE_BODY, 1, 4);
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  g_assert_cmpint (frame_depth (p1, 0), ==, PT (40));
  g_assert_cmpint (frame_depth (p1, 1), ==, PT (50));
}

/* The last two lines of a paragraph carried to page 2: balancing them as
 * 1 + 1 would leave one line alone at the head of column 2 (a widow), so
 * both stay in column 1 (10 + 20 = 30pt) and column 2 stays empty. */
static void
test_balance_makes_no_widow (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p2;

  t.balance = TRUE;
  add (galley, TS_ROLE_BODY, 0, 18);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (pages->pages->len, ==, 2);
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 16);
  p2 = g_ptr_array_index (pages->pages, 1);
  g_assert_cmpint (frame_depth (p2, 0), ==, PT (30));
  g_assert_cmpint (frame_depth (p2, 1), ==, 0); /* nothing in it */
}

static void
test_no_balance_when_off (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;

  add (galley, TS_ROLE_BODY, 0, 10);
  pages = ts_paginate (galley, &t);
  g_assert_cmpint (frame_depth (g_ptr_array_index (pages->pages, 0), 0), ==, PT (90));
}

/* A figure: a photo @h pt high and @w wide over a caption of @n lines. */
static void
add_figure (GArray *galley, int block, int w, int h, int n_lines)
{
  add (galley, TS_ROLE_CAPTION, block, n_lines);
  TsFlowBlock *fb = &g_array_index (galley, TsFlowBlock, galley->len - 1);
  fb->placeholder = TRUE;
  fb->image_width = PT (w);
  fb->image_height = PT (h);
  fb->image_gap = PT (2);
}

static const TsBox *
find_image (const TsPageList *pages, int *page_number)
{
  for (guint p = 0; p < pages->pages->len; p++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, p);
      for (guint i = 0; i < page->boxes->len; i++)
        if (g_array_index (page->boxes, TsBox, i).kind == TS_BOX_IMAGE)
          {
            *page_number = (int) p + 1;
            return &g_array_index (page->boxes, TsBox, i);
          }
    }
  return NULL;
}

static void
test_figure_moves_whole (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsBox *image;
  int page = 0;

  /* 5 lines (50pt) leave 30pt; a 40pt photo + 2pt + 1 caption line (52pt)
   * does not fit: photo and caption go to the top of page 2 together, and
   * the text after them follows. */
  add (galley, TS_ROLE_BODY, 0, 5);
  add_figure (galley, 1, 60, 40, 1);
  add (galley, TS_ROLE_BODY, 2, 3);
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_nonnull (image);
  g_assert_cmpint (page, ==, 2);
  g_assert_cmpint (image->y, ==, PT (10));
  g_assert_cmpint (image->height, ==, PT (40));
  g_assert_cmpint (image->x, ==, PT (20)); /* centred: 10 + (80 - 60) / 2 */
  g_assert_cmpint (count_on_page (pages, 1, 1), ==, 0);
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 1);
}

static void
test_figure_caption_under_photo (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;
  const TsBox *image, *caption;

  add_figure (galley, 0, 80, 30, 2);
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  image = &g_array_index (p1->boxes, TsBox, 0);
  caption = &g_array_index (p1->boxes, TsBox, 1);
  g_assert_cmpint (image->kind, ==, TS_BOX_IMAGE);
  g_assert_cmpint (caption->kind, ==, TS_BOX_LINE);
  /* The caption's box starts at photo bottom + gap: 10 + 30 + 2. */
  g_assert_cmpint (caption->y, ==, PT (42));
}

static void
test_figure_taller_than_frame_scaled (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsBox *image;
  int page = 0;

  /* 80pt frame: a 160 × 120 photo with 2 caption lines (20pt) + 2pt gap
   * must shrink to 58pt high, and keep its shape: 160 × 58 / 120. */
  add_figure (galley, 0, 160, 120, 2);
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_cmpint (page, ==, 1);
  g_assert_cmpint (image->height, ==, PT (58));
  g_assert_cmpint (image->width, ==, (int) ((gint64) PT (160) * PT (58) / PT (120)));
  g_assert_cmpint (pages->pages->len, ==, 1);
}

static void
test_wide_figure_top_of_next_page (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsBox *image;
  const TsPage *p2;
  int page = 0;

  /* Text is already in the columns of page 1: the wide photo floats to the
   * top of page 2, across the text width, and page 2's columns start under
   * it and its caption (10 + 30 + 2 + 10 = 52pt). */
  add (galley, TS_ROLE_BODY, 0, 4);
  add_figure (galley, 1, 80, 30, 1);
  g_array_index (galley, TsFlowBlock, 1).wide = TRUE;
  add (galley, TS_ROLE_BODY, 2, 20);
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_cmpint (page, ==, 2);
  g_assert_cmpint (image->y, ==, PT (10));
  g_assert_cmpint (image->width, ==, PT (80));
  g_assert_cmpint (image->frame, ==, -1);
  p2 = g_ptr_array_index (pages->pages, 1);
  g_assert_cmpint (g_array_index (p2->frames, TsRect, 0).y, ==, PT (52));
}

/* The same photo as the last thing of the article: alone on page 2 it
 * would be a page of a photo only.  Photo first on page 1 does not fit
 * (52 + 50 > 80), so page 1 ends earlier and its last lines go over with
 * the photo.  Page 1's foot is raised a line at a time: at 70 and 60pt the
 * 5 lines still fit; at 50pt 4 fit, which would carry 1 line (under
 * widows = 2), so 3 stay and 2 go.  Page 2: 2 lines (10..30), the photo
 * at 30 (30 + 40 + 2 + 10 = 82 <= 90, whole). */
static void
test_lone_figure_takes_lines (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsBox *image;
  int page = 0;

  add (galley, TS_ROLE_BODY, 0, 5);
  add_figure (galley, 1, 60, 40, 1);
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_cmpint (pages->pages->len, ==, 2);
  g_assert_cmpint (page, ==, 2);
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 3);
  g_assert_cmpint (count_on_page (pages, 2, 0), ==, 2);
  g_assert_cmpint (image->y, ==, PT (30));
  g_assert_cmpint (image->height, ==, PT (40));
  g_assert_cmpint (count_on_page (pages, 2, 1), ==, 1);
}

/* Two columns: a wide photo after text on page 1 waits for the top of
 * page 2, but nothing follows it there.  It goes to the top of page 1
 * instead (10..40, gap, caption to 52), the columns start under it, and
 * the 3 + 2 lines fit in them (38pt: 3 lines a column): one page. */
static void
test_wide_figure_not_alone (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsBox *image;
  const TsPage *p1;
  int page = 0;

  add (galley, TS_ROLE_BODY, 0, 3);
  add_figure (galley, 1, 80, 30, 1);
  g_array_index (galley, TsFlowBlock, 1).wide = TRUE;
  add (galley, TS_ROLE_BODY, 2, 2);
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_cmpint (pages->pages->len, ==, 1);
  g_assert_cmpint (page, ==, 1);
  g_assert_cmpint (image->y, ==, PT (10));
  g_assert_cmpint (image->width, ==, PT (80));
  p1 = g_ptr_array_index (pages->pages, 0);
  g_assert_cmpint (g_array_index (p1->frames, TsRect, 0).y, ==, PT (52));
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 3);
  g_assert_cmpint (count_on_page (pages, 1, 2), ==, 2);
  for (guint i = 0; i < p1->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (p1->boxes, TsBox, i);
      if (box->kind == TS_BOX_LINE && box->role == TS_ROLE_BODY)
        g_assert_cmpint (box->y, >=, PT (52));
    }

  /* With 14 lines the columns under the photo (2 × 3 lines) cannot hold
   * the text: the photo needs page 2, as before. */
  g_clear_pointer (&pages, ts_page_list_free);
  g_array_set_size (galley, 0);
  add (galley, TS_ROLE_BODY, 0, 14);
  add_figure (galley, 1, 80, 30, 1);
  g_array_index (galley, TsFlowBlock, 1).wide = TRUE;
  pages = ts_paginate (galley, &t);
  image = find_image (pages, &page);
  g_assert_cmpint (pages->pages->len, ==, 2);
  g_assert_cmpint (page, ==, 2);
  g_assert_cmpint (count_on_page (pages, 1, 0), ==, 14);
}

static void
test_column_rule (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (2);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;
  const TsBox *rule = NULL;

  t.column_rule = PT (1);
  add (galley, TS_ROLE_BODY, 0, 12); /* 8 + 4 lines */
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  for (guint i = 0; i < p1->boxes->len; i++)
    if (g_array_index (p1->boxes, TsBox, i).kind == TS_BOX_RULE)
      rule = &g_array_index (p1->boxes, TsBox, i);
  g_assert_nonnull (rule);
  /* Centred in the 10pt gap between x = 45 and 55; as deep as column 1. */
  g_assert_cmpint (rule->x, ==, PT (49.5));
  g_assert_cmpint (rule->width, ==, PT (1));
  g_assert_cmpint (rule->y, ==, PT (10));
  g_assert_cmpint (rule->height, ==, PT (80));
}

static void
test_list_marker (void)
{
  g_autoptr (GArray) galley = galley_new ();
  TsPageTemplate t = template (1);
  g_autoptr (TsPageList) pages = NULL;
  const TsPage *p1;
  TsFlowBlock *fb;

  add (galley, TS_ROLE_BODY, 0, 2);
  fb = &g_array_index (galley, TsFlowBlock, 0);
  fb->indent_left = PT (12);
  fb->marker = make_line (PT (7), PT (2));
  fb->marker->natural_width = PT (5);
  pages = ts_paginate (galley, &t);
  p1 = g_ptr_array_index (pages->pages, 0);
  /* Marker first (text order "•  text"), on the first line's baseline at
   * the frame's edge; the lines start 12pt in and are 12pt narrower. */
  g_assert_cmpint (p1->boxes->len, ==, 3);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 0).role, ==, TS_ROLE_MARKER);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 0).x, ==, PT (10));
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 0).baseline, ==,
                   g_array_index (p1->boxes, TsBox, 1).baseline);
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 1).x, ==, PT (22));
  g_assert_cmpint (g_array_index (p1->boxes, TsBox, 2).width, ==, PT (68));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paginate/long-paragraph", test_long_paragraph);
  g_test_add_func ("/paginate/orphan", test_orphan_moves_paragraph);
  g_test_add_func ("/paginate/widow", test_widow_carries_two);
  g_test_add_func ("/paginate/widow-short", test_widow_short_paragraph_moves);
  g_test_add_func ("/paginate/caption-together", test_caption_kept_together);
  g_test_add_func ("/paginate/heading-keep", test_heading_keeps_with_next);
  g_test_add_func ("/paginate/ink", test_ink_pushes_line_down);
  g_test_add_func ("/paginate/span-all-columns", test_span_all_then_columns);
  g_test_add_func ("/paginate/space-before-top", test_space_before_dropped_at_top);
  g_test_add_func ("/paginate/balance", test_balance_last_page);
  g_test_add_func ("/paginate/balance-orphans", test_balance_respects_widows);
  g_test_add_func ("/paginate/balance-off", test_no_balance_when_off);
  g_test_add_func ("/paginate/figure-moves-whole", test_figure_moves_whole);
  g_test_add_func ("/paginate/figure-caption-under", test_figure_caption_under_photo);
  g_test_add_func ("/paginate/figure-scaled", test_figure_taller_than_frame_scaled);
  g_test_add_func ("/paginate/figure-wide-float", test_wide_figure_top_of_next_page);
  g_test_add_func ("/paginate/figure-not-alone", test_lone_figure_takes_lines);
  g_test_add_func ("/paginate/figure-wide-not-alone", test_wide_figure_not_alone);
  g_test_add_func ("/paginate/column-rule", test_column_rule);
  g_test_add_func ("/paginate/list-marker", test_list_marker);
  g_test_add_func ("/paginate/balance-makes-no-widow", test_balance_makes_no_widow);
  return g_test_run ();
}
