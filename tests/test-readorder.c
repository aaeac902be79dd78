/* test-readorder.c — the model of an extractor's reading order, and the
 * page builder's use of it.
 *
 * Synthetic pages: two 100pt columns 20pt apart, body lines 10pt type on a
 * 12pt leading, captions 8pt type, each line a single glyph run as wide as
 * the text it stands for.  The expected verdicts follow from poppler's
 * rules as readorder.h states them, worked by hand for each layout.
 */
#include <glib.h>

#include "paginate.h"
#include "readorder.h"

#define PT(x) ((int) ((x) * PANGO_SCALE))
#define COL2 PT (120) /* x of the second column */

static void
clear_piece (gpointer data)
{
  pango_glyph_item_free (((TsLinePiece *) data)->glyph_item);
}

static TsLine *
make_line (int size, int width)
{
  TsLine *line = g_new0 (TsLine, 1);
  TsPara *para = g_new0 (TsPara, 1);
  PangoGlyphItem *gi = g_slice_new0 (PangoGlyphItem);
  TsLinePiece piece = { gi, 0 };

  para->ref_count = 1;
  para->text = g_strdup ("");
  para->runs = g_ptr_array_new ();
  para->items = g_array_new (FALSE, TRUE, sizeof (TsItem));
  para->font_size = size;
  gi->item = pango_item_new ();
  gi->glyphs = pango_glyph_string_new ();
  pango_glyph_string_set_size (gi->glyphs, 1);
  gi->glyphs->glyphs[0].geometry.width = width;
  line->ref_count = 1;
  line->para = para;
  line->pieces = g_array_new (FALSE, TRUE, sizeof (TsLinePiece));
  g_array_set_clear_func (line->pieces, clear_piece);
  g_array_append_val (line->pieces, piece);
  line->ascent = size * 8 / 10;
  line->descent = size * 2 / 10;
  line->width = PT (100);
  line->expansion = 1.0;
  return line;
}

/* Lines of one block on @page: @n lines from baseline @base down, in
 * @frame (x from the frame), @size type, @width wide, centred in 100pt. */
static void
put (TsPage *page, int frame, int block, TsRole role, int size, int width, int base, int n)
{
  for (int i = 0; i < n; i++)
    {
      TsLine *line = make_line (size, width);
      TsBox box = { .kind = TS_BOX_LINE, .role = role, .frame = frame, .block = block,
                    .x = (frame == 0 ? 0 : COL2) + (PT (100) - width) / 2,
                    .y = base + i * PT (12) - PT (10), .width = width, .height = PT (12),
                    .baseline = base + i * PT (12), .line = line };
      ts_page_add_box (page, &box);
      ts_line_unref (line);
    }
}

static TsPage *
two_columns (void)
{
  TsPage *page = ts_page_new (1, PT (220), PT (400));
  TsRect c1 = { 0, 0, PT (100), PT (400) }, c2 = { COL2, 0, PT (100), PT (400) };
  g_array_append_val (page->frames, c1);
  g_array_append_val (page->frames, c2);
  return page;
}

static void
page_free (TsPage *page)
{
  TsPageList *list = ts_page_list_new ();
  g_ptr_array_add (list->pages, page);
  ts_page_list_free (list);
}

/* Each column: 5 body lines, a 2-line caption, 10 body lines; the caption
 * of column 2 @shift lower than column 1's (and its body after it). */
static TsPage *
captions_page (int shift)
{
  TsPage *page = two_columns ();
  int cap = PT (10) + 5 * PT (12) + PT (6);
  int after = cap + 2 * PT (12) + PT (6);

  put (page, 0, 0, TS_ROLE_BODY, PT (10), PT (100), PT (10), 5);
  put (page, 0, 1, TS_ROLE_CAPTION, PT (8), PT (80), cap, 2);
  put (page, 0, 2, TS_ROLE_BODY, PT (10), PT (100), after, 10);
  put (page, 1, 3, TS_ROLE_BODY, PT (10), PT (100), PT (10), 5);
  put (page, 1, 4, TS_ROLE_CAPTION, PT (8), PT (80), cap + shift, 2);
  put (page, 1, 5, TS_ROLE_BODY, PT (10), PT (100), after + 2 * shift, 10);
  return page;
}

/* Two captions level in two columns: the four blocks above and at them
 * line up (tops at the column head, left edges, caption tops), which is
 * poppler's table; the caption of the later column is the one to move. */
static void
test_level_captions_are_a_table (void)
{
  TsPage *page = captions_page (0);
  g_autoptr (GArray) suspects = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_cmpint (ts_read_order_check (page, NULL, 0, suspects), >, 0);
  g_assert_cmpuint (suspects->len, >=, 1);
  g_assert_cmpint (g_array_index (suspects, int, 0), ==, 4);
  page_free (page);
}

/* poppler lines blocks up within half the smallest type size (8pt: 4pt);
 * the model allows half as much again (6pt).  7pt lower, the captions'
 * tops, bottoms and centres no longer line up and the page reads column by
 * column; 5pt lower they still do. */
static void
test_shifted_caption_reads_in_order (void)
{
  TsPage *page = captions_page (PT (7));
  g_assert_cmpint (ts_read_order_check (page, NULL, 0, NULL), ==, 0);
  page_free (page);
  /* Within the tolerance it is still a table. */
  page = captions_page (PT (5));
  g_assert_cmpint (ts_read_order_check (page, NULL, 0, NULL), >, 0);
  page_free (page);
}

/* One column with a caption reads in order whatever its position. */
static void
test_one_column (void)
{
  TsPage *page = ts_page_new (1, PT (220), PT (400));
  TsRect c1 = { 0, 0, PT (100), PT (400) };

  g_array_append_val (page->frames, c1);
  put (page, 0, 0, TS_ROLE_BODY, PT (10), PT (100), PT (10), 5);
  put (page, 0, 1, TS_ROLE_CAPTION, PT (8), PT (80), PT (80), 2);
  put (page, 0, 2, TS_ROLE_BODY, PT (10), PT (100), PT (110), 10);
  g_assert_cmpint (ts_read_order_check (page, NULL, 0, NULL), ==, 0);
  page_free (page);
}

/* A caption in column 2 beside an empty stretch of column 1 (a photo
 * there), with column 1's text going on below it: nothing stands level
 * with the caption on its left, so it is widened over column 1's lower
 * block and read before it. */
static void
test_caption_beside_photo_is_widened (void)
{
  TsPage *page = two_columns ();

  put (page, 0, 0, TS_ROLE_BODY, PT (10), PT (100), PT (10), 5);
  /* column 1: a photo from 70pt to 200pt (no text), then body */
  put (page, 0, 1, TS_ROLE_BODY, PT (10), PT (100), PT (210), 10);
  put (page, 1, 2, TS_ROLE_BODY, PT (10), PT (100), PT (10), 8);
  put (page, 1, 3, TS_ROLE_CAPTION, PT (8), PT (80), PT (130), 1);
  put (page, 1, 4, TS_ROLE_BODY, PT (10), PT (100), PT (160), 15);
  g_assert_cmpint (ts_read_order_check (page, NULL, 0, NULL), >, 0);
  page_free (page);
}

/* The page builder: a galley whose two captions land level in two columns
 * gets the second one half a leading lower, and the page then reads in
 * order.  The bulletin's sizes: body 11pt on 15pt, captions 9.5pt (the
 * model's tolerance, 0.5 × 9.5pt × 1.5 = 7.1pt, is under half a leading,
 * 7.5pt).  Frames hold 20 lines: column 1 = 5 body + caption (2) + 13 body,
 * column 2 the same. */
static void
add_block (GArray *galley, TsRole role, int block, int n, int size, int width)
{
  TsFlowBlock fb = { .role = role, .block = block, .leading = PT (15) };
  fb.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_unref);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (fb.lines, make_line (size, width));
  fb.keep_together = role == TS_ROLE_CAPTION;
  g_array_append_val (galley, fb);
}

/* Lays @galley out on pages of two 20-line columns (15pt leading) and
 * gives the first caption line's top in each column of page 1; asserts
 * that page 1 then reads in order. */
static void
caption_tops (GArray *galley, int cap[2])
{
  TsPageTemplate t = { .page_width = PT (220), .page_height = PT (300),
                       .text = { 0, 0, PT (220), PT (300) }, .columns = 2,
                       .column_gap = PT (20), .orphans = 2, .widows = 2 };
  TsPageList *pages = ts_paginate (galley, &t);
  const TsPage *page = g_ptr_array_index (pages->pages, 0);

  cap[0] = cap[1] = -1;
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *b = &g_array_index (page->boxes, TsBox, i);
      if (b->role == TS_ROLE_CAPTION && cap[b->frame] < 0)
        cap[b->frame] = b->y;
    }
  g_assert_cmpint (ts_read_order_check (page, NULL, 0, NULL), ==, 0);
  ts_page_list_free (pages);
}

static GArray *
galley_new (void)
{
  GArray *galley = g_array_new (FALSE, TRUE, sizeof (TsFlowBlock));
  g_array_set_clear_func (galley, (GDestroyNotify) ts_flow_block_clear);
  return galley;
}

static void
test_paginate_moves_a_caption (void)
{
  g_autoptr (GArray) galley = galley_new ();
  int cap[2];

  for (int c = 0; c < 2; c++)
    {
      add_block (galley, TS_ROLE_BODY, 3 * c, 5, PT (11), PT (100));
      add_block (galley, TS_ROLE_CAPTION, 3 * c + 1, 2, PT (9.5), PT (80));
      add_block (galley, TS_ROLE_BODY, 3 * c + 2, 13, PT (11), PT (100));
    }
  caption_tops (galley, cap);
  /* Both captions follow 5 lines (75pt); the second, moved, half a leading
   * lower. */
  g_assert_cmpint (cap[0], ==, PT (75));
  g_assert_cmpint (cap[1], ==, PT (75) + PT (7.5));
}

/* Both columns open with a caption (a page break fell there): level at the
 * head of the columns, a table again.  The space that moves a caption is
 * kept at the head of a column (a block's space before is not), so the
 * second column's caption starts half a leading down. */
static void
test_paginate_moves_a_caption_at_the_top (void)
{
  g_autoptr (GArray) galley = galley_new ();
  int cap[2];

  for (int c = 0; c < 2; c++)
    {
      add_block (galley, TS_ROLE_CAPTION, 2 * c, 2, PT (9.5), PT (80));
      add_block (galley, TS_ROLE_BODY, 2 * c + 1, 18, PT (11), PT (100));
    }
  caption_tops (galley, cap);
  g_assert_cmpint (cap[0], ==, 0);
  g_assert_cmpint (cap[1], ==, PT (7.5));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/readorder/level-captions-are-a-table", test_level_captions_are_a_table);
  g_test_add_func ("/readorder/shifted-caption-reads-in-order", test_shifted_caption_reads_in_order);
  g_test_add_func ("/readorder/one-column", test_one_column);
  g_test_add_func ("/readorder/caption-beside-photo-is-widened", test_caption_beside_photo_is_widened);
  g_test_add_func ("/readorder/paginate-moves-a-caption", test_paginate_moves_a_caption);
  g_test_add_func ("/readorder/paginate-moves-a-caption-at-the-top",
                   test_paginate_moves_a_caption_at_the_top);
  return g_test_run ();
}
