/* test-impose.c — imposition on synthetic page lists.
 *
 * Expected orders are worked out by hand from how a saddle-stitched
 * booklet is folded (sheet 1 of 8 pages: front 8|1, back 2|7; sheet 2:
 * front 6|3, back 4|5), and checked for every page count against the
 * invariants of folding rather than against the formula in impose.c: on
 * each side of a sheet the two pages of a signature of S pages add up to
 * S+1 (1-based), the front's right page is a recto (odd), and every page
 * appears exactly once.  Geometry is checked against millimetres written
 * out here (A4 = 297 × 210mm, A5 = 148 × 210mm).
 */
#include <glib.h>

#include "error.h"
#include "impose.h"

static int
mm (double x)
{
  return (int) (x * 72.0 * PANGO_SCALE / 25.4 + 0.5);
}

static void
assert_order (int n_pages, int signature, const int *expected, int n_expected)
{
  g_autoptr (GArray) order = ts_impose_saddle_order (n_pages, signature);

  g_assert_cmpint (order->len, ==, n_expected);
  for (int i = 0; i < n_expected; i++)
    {
      if (g_array_index (order, int, i) != expected[i])
        g_error ("%d pages, signature %d: slot %d holds page index %d, expected %d", n_pages,
                 signature, i, g_array_index (order, int, i), expected[i]);
    }
}

static void
test_saddle_eight (void)
{
  /* 1-based 8|1 2|7 6|3 4|5, written 0-based. */
  const int expected[] = { 7, 0, 1, 6, 5, 2, 3, 4 };
  assert_order (8, 0, expected, G_N_ELEMENTS (expected));
}

static void
test_saddle_pads_to_four (void)
{
  /* 5 pages: three blanks at the end; 8|1 → blank|1, 2|7 → 2|blank. */
  const int expected[] = { -1, 0, 1, -1, -1, 2, 3, 4 };
  const int four[] = { 3, 0, 1, 2 };
  const int one[] = { -1, 0, -1, -1 };

  assert_order (5, 0, expected, G_N_ELEMENTS (expected));
  assert_order (4, 0, four, G_N_ELEMENTS (four));
  assert_order (1, 0, one, G_N_ELEMENTS (one));
  assert_order (0, 0, NULL, 0);
}

static void
test_saddle_signatures (void)
{
  /* 16 pages in signatures of 8: two 8-page booklets one after the other. */
  const int two[] = { 7, 0, 1, 6, 5, 2, 3, 4, 15, 8, 9, 14, 13, 10, 11, 12 };
  /* 12 pages in signatures of 8: the second is 4 pages thin (12|9, 10|11). */
  const int thin[] = { 7, 0, 1, 6, 5, 2, 3, 4, 11, 8, 9, 10 };

  assert_order (16, 8, two, G_N_ELEMENTS (two));
  assert_order (12, 8, thin, G_N_ELEMENTS (thin));
  /* A signature larger than the booklet is the booklet. */
  {
    const int eight[] = { 7, 0, 1, 6, 5, 2, 3, 4 };
    assert_order (8, 32, eight, G_N_ELEMENTS (eight));
  }
}

/* The folding invariants, for every page count and signature size. */
static void
test_saddle_invariants (void)
{
  const int signatures[] = { 0, 4, 8, 12, 16, 32 };

  for (int n = 1; n <= 61; n++)
    for (gsize k = 0; k < G_N_ELEMENTS (signatures); k++)
      {
        int sig = signatures[k], total = (n + 3) / 4 * 4;
        g_autoptr (GArray) order = ts_impose_saddle_order (n, sig);
        g_autofree int *seen = g_new0 (int, n);
        int first = 0; /* first page of the current signature, 0-based */
        int done = 0;  /* sheet sides read in this signature */

        g_assert_cmpint (order->len, ==, total);
        for (guint i = 0; i < order->len; i += 4)
          {
            int size = sig > 0 ? MIN (sig, total - first) : total;
            int slot[4];

            for (int j = 0; j < 4; j++)
              {
                int page = g_array_index (order, int, i + j);
                g_assert_cmpint (page, <, n);
                /* A blank stands where a page past the last would be. */
                slot[j] = page;
                if (page >= 0)
                  seen[page]++;
              }
            /* Reconstruct blanks as the page numbers they stand for: the
             * pages of one side add up to first + first + size - 1. */
            for (int side = 0; side < 2; side++)
              {
                int l = slot[2 * side], r = slot[2 * side + 1];
                if (l >= 0 && r >= 0)
                  g_assert_cmpint (l + r, ==, 2 * first + size - 1);
              }
            /* Front right is a recto: 1-based odd within the booklet, as
             * every signature holds a multiple of 4 pages. */
            if (slot[1] >= 0)
              g_assert_cmpint ((slot[1] + 1) % 2, ==, 1);
            /* Back left is the verso right after it. */
            if (slot[1] >= 0 && slot[2] >= 0)
              g_assert_cmpint (slot[2], ==, slot[1] + 1);
            done += 4;
            if (done == size)
              {
                first += size;
                done = 0;
              }
          }
        for (int p = 0; p < n; p++)
          g_assert_cmpint (seen[p], ==, 1);
      }
}

static TsPageList *
pages_of (int n, int width, int height)
{
  TsPageList *pages = ts_page_list_new ();
  for (int i = 0; i < n; i++)
    g_ptr_array_add (pages->pages, ts_page_new (i + 1, width, height));
  return pages;
}

static void
assert_rect (const TsRect *r, int x, int y, int width, int height)
{
  g_assert_cmpint (r->x, ==, x);
  g_assert_cmpint (r->y, ==, y);
  g_assert_cmpint (r->width, ==, width);
  g_assert_cmpint (r->height, ==, height);
}

static void
test_saddle_on_a4 (void)
{
  g_autoptr (TsPageList) pages = pages_of (8, mm (148), mm (210));
  TsImposeOptions options = { .kind = TS_IMPOSE_SADDLE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sheets = ts_impose (pages, &options, &error);
  const TsSheet *s;

  g_assert_no_error (error);
  g_assert_cmpint (sheets->len, ==, 4); /* 2 sheets, 2 sides each */
  s = &g_array_index (sheets, TsSheet, 0);
  /* A4 landscape; the 296mm spread centred with 0.5mm on either side. */
  g_assert_cmpint (s->width, ==, mm (297));
  g_assert_cmpint (s->height, ==, mm (210));
  g_assert_cmpint (abs (s->trim.x - mm (0.5)), <=, 1);
  g_assert_cmpint (s->trim.y, ==, 0);
  g_assert_cmpint (s->trim.width, ==, 2 * mm (148));
  g_assert_cmpint (s->n_slots, ==, 2);
  g_assert_cmpint (s->slots[0].page, ==, 7);
  g_assert_cmpint (s->slots[1].page, ==, 0);
  g_assert_cmpint (s->slots[1].x, ==, s->slots[0].x + mm (148));
  g_assert_cmpint (s->fold_x, ==, s->slots[1].x);
  assert_rect (&s->bleed, s->trim.x, s->trim.y, s->trim.width, s->trim.height);
  g_assert_false (s->marks);
  s = &g_array_index (sheets, TsSheet, 3);
  g_assert_cmpint (s->slots[0].page, ==, 3); /* sheet 2 back: 4|5 */
  g_assert_cmpint (s->slots[1].page, ==, 4);
}

static void
test_bleed_and_marks (void)
{
  g_autoptr (TsPageList) pages = pages_of (4, mm (148), mm (210));
  TsImposeOptions options = { .kind = TS_IMPOSE_SADDLE, .bleed = mm (3), .marks = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sheets = ts_impose (pages, &options, &error);
  const TsSheet *s;
  /* Marks 3mm off the trim, 5mm long, 2mm of paper beyond: 10mm a side. */
  int m = mm (3) + mm (5) + mm (2), b = mm (3), w = mm (148), h = mm (210);

  g_assert_no_error (error);
  s = &g_array_index (sheets, TsSheet, 0);
  g_assert_cmpint (abs (s->width - (2 * w + 2 * mm (10))), <=, 2);
  g_assert_cmpint (abs (s->height - (h + 2 * mm (10))), <=, 2);
  assert_rect (&s->trim, m, m, 2 * w, h);
  assert_rect (&s->bleed, m - b, m - b, 2 * w + 2 * b, h + 2 * b);
  g_assert_true (s->marks);
  g_assert_cmpint (s->mark_gap, ==, mm (3));
  /* The left page bleeds left, up and down but stops at the fold. */
  assert_rect (&s->slots[0].clip, m - b, m - b, w + b, h + 2 * b);
  assert_rect (&s->slots[1].clip, m + w, m - b, w + b, h + 2 * b);

  /* One page a sheet: grown by the bleed only, when there are no marks. */
  {
    TsImposeOptions plain = { .bleed = mm (3) };
    g_autoptr (GArray) one = ts_impose (pages, &plain, &error);
    g_assert_no_error (error);
    g_assert_cmpint (one->len, ==, 4);
    s = &g_array_index (one, TsSheet, 2);
    g_assert_cmpint (s->width, ==, w + 2 * b);
    g_assert_cmpint (s->height, ==, h + 2 * b);
    assert_rect (&s->trim, b, b, w, h);
    assert_rect (&s->bleed, 0, 0, w + 2 * b, h + 2 * b);
    assert_rect (&s->slots[0].clip, 0, 0, w + 2 * b, h + 2 * b);
    g_assert_cmpint (s->slots[0].page, ==, 2);
    g_assert_cmpint (s->fold_x, ==, 0);
  }
  /* A wide bleed pushes the marks out with it. */
  {
    TsImposeOptions wide = { .bleed = mm (5), .marks = TRUE };
    g_autoptr (GArray) one = ts_impose (pages, &wide, &error);
    g_assert_no_error (error);
    s = &g_array_index (one, TsSheet, 0);
    g_assert_cmpint (s->mark_gap, ==, mm (5));
    assert_rect (&s->trim, mm (5) + mm (5) + mm (2), mm (5) + mm (5) + mm (2), w, h);
  }
}

static void
test_two_up (void)
{
  g_autoptr (TsPageList) pages = pages_of (3, mm (148), mm (210));
  TsImposeOptions options = { .kind = TS_IMPOSE_2UP };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sheets = ts_impose (pages, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sheets->len, ==, 2);
  g_assert_cmpint (g_array_index (sheets, TsSheet, 0).slots[0].page, ==, 0);
  g_assert_cmpint (g_array_index (sheets, TsSheet, 0).slots[1].page, ==, 1);
  g_assert_cmpint (g_array_index (sheets, TsSheet, 1).slots[0].page, ==, 2);
  g_assert_cmpint (g_array_index (sheets, TsSheet, 1).slots[1].page, ==, -1);
}

/* A spread that fits no standard paper gets a sheet of its own size. */
static void
test_odd_size (void)
{
  g_autoptr (TsPageList) pages = pages_of (2, mm (100), mm (100));
  TsImposeOptions options = { .kind = TS_IMPOSE_2UP };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) sheets = ts_impose (pages, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (sheets, TsSheet, 0).width, ==, 2 * mm (100));
  g_assert_cmpint (g_array_index (sheets, TsSheet, 0).height, ==, mm (100));
}

static void
test_errors (void)
{
  g_autoptr (TsPageList) pages = pages_of (2, mm (148), mm (210));
  g_autoptr (GError) error = NULL;
  TsImposeOptions bad_signature = { .kind = TS_IMPOSE_SADDLE, .signature = 6 };
  TsImposeOptions saddle = { .kind = TS_IMPOSE_SADDLE };
  GArray *sheets;

  sheets = ts_impose (pages, &bad_signature, &error);
  g_assert_null (sheets);
  g_assert_error (error, TS_ERROR, TS_ERROR_RENDER);
  g_assert_nonnull (strstr (error->message, "multiple of 4"));
  g_clear_error (&error);

  /* Pages of two sizes cannot share a sheet. */
  g_ptr_array_add (pages->pages, ts_page_new (3, mm (210), mm (297)));
  sheets = ts_impose (pages, &saddle, &error);
  g_assert_null (sheets);
  g_assert_error (error, TS_ERROR, TS_ERROR_RENDER);
  g_assert_nonnull (strstr (error->message, "page 3"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/impose/saddle/eight", test_saddle_eight);
  g_test_add_func ("/impose/saddle/pads-to-four", test_saddle_pads_to_four);
  g_test_add_func ("/impose/saddle/signatures", test_saddle_signatures);
  g_test_add_func ("/impose/saddle/invariants", test_saddle_invariants);
  g_test_add_func ("/impose/saddle/a4", test_saddle_on_a4);
  g_test_add_func ("/impose/bleed-and-marks", test_bleed_and_marks);
  g_test_add_func ("/impose/2up", test_two_up);
  g_test_add_func ("/impose/odd-size", test_odd_size);
  g_test_add_func ("/impose/errors", test_errors);
  return g_test_run ();
}
