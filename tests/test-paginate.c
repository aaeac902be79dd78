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
  return g_test_run ();
}
