/* impose.c — pages onto sheets (see impose.h).
 *
 * Plan: first the order (which page goes on which side of which sheet),
 * then the geometry (where each page sits, the sheet's trim and bleed
 * boxes, the clip of each page).
 *
 * Saddle stitch.  A booklet of P pages (P a multiple of 4) is P/4 sheets
 * folded once and nested.  Sheet s (0-based) carries, on its front,
 * page P-2s on the left and 2s+1 on the right, and on its back 2s+2 on
 * the left and P-2s-1 on the right (1-based).  The outer sheet thus holds
 * the first two and the last two pages.  The pages of a sheet side are
 * both upright, so a duplex printer must turn the sheet over its short
 * edge to keep the back upright.  A thick booklet is sewn from several
 * signatures (thinner booklets nested by gathering, not by inserting):
 * each is a saddle booklet of its own N pages, one after the other.
 *
 * Bleed.  A page that is cut paints up to the bleed beyond its trim; in a
 * 2-up spread the two pages meet at the fold (or at the cut between them),
 * so there a page is clipped at its trim and never paints on its neighbour.
 */
#include "impose.h"

#include "error.h"

/* How much larger than a spread a standard sheet may be before the spread
 * is put on a sheet of its own size instead: 2 × A5 (296mm) on A4 (297mm)
 * needs 1mm. */
#define TS_PAPER_SLACK TS_MM (3)

GArray *
ts_impose_saddle_order (int n_pages, int signature)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (int));
  int total = (n_pages + 3) / 4 * 4;

  g_return_val_if_fail (n_pages >= 0, order);
  g_return_val_if_fail (signature >= 0 && signature % 4 == 0, order);

  for (int first = 0; first < total; first += signature > 0 ? signature : total)
    {
      int size = signature > 0 ? MIN (signature, total - first) : total;

      for (int s = 0; s < size / 4; s++)
        {
          /* 0-based within the signature: front (size-1-2s | 2s), back
           * (2s+1 | size-2-2s). */
          int sides[4] = { size - 1 - 2 * s, 2 * s, 2 * s + 1, size - 2 - 2 * s };

          for (int k = 0; k < 4; k++)
            {
              int page = first + sides[k];
              if (page >= n_pages)
                page = -1;
              g_array_append_val (order, page);
            }
        }
    }
  return order;
}

/* The smallest standard sheet that holds @width × @height with at most
 * TS_PAPER_SLACK to spare on each side; FALSE when none does. */
static gboolean
standard_paper (int width, int height, int *paper_width, int *paper_height)
{
  /* Portrait, smallest first; each is tried both ways round. */
  static const double sizes_mm[][2] = {
    { 105, 148 }, { 148, 210 }, { 176, 250 }, { 210, 297 },
    { 215.9, 279.4 }, { 215.9, 355.6 }, { 297, 420 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes_mm); i++)
    for (int turn = 0; turn < 2; turn++)
      {
        int w = TS_MM (sizes_mm[i][turn]), h = TS_MM (sizes_mm[i][1 - turn]);
        if (w >= width && h >= height && w - width <= TS_PAPER_SLACK
            && h - height <= TS_PAPER_SLACK)
          {
            *paper_width = w;
            *paper_height = h;
            return TRUE;
          }
      }
  return FALSE;
}

static TsRect
grow (TsRect r, int left, int top, int right, int bottom)
{
  return (TsRect){ r.x - left, r.y - top, r.width + left + right, r.height + top + bottom };
}

/* Paper around the trim on each side: the bleed, and with marks a slug
 * that holds them. */
static int
sheet_margin (const TsImposeOptions *options)
{
  if (!options->marks)
    return options->bleed;
  return MAX (options->bleed, TS_MARK_GAP) + TS_MARK_LENGTH + TS_MARK_SPACE;
}

static void
one_up (const TsPageList *pages, const TsImposeOptions *options, GArray *sheets)
{
  int m = sheet_margin (options), b = options->bleed;

  for (guint i = 0; i < pages->pages->len; i++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, i);
      TsSheet sheet = {
        .number = (int) i + 1, .width = page->width + 2 * m, .height = page->height + 2 * m,
        .trim = { m, m, page->width, page->height }, .n_slots = 1, .marks = options->marks,
        .mark_gap = MAX (b, TS_MARK_GAP),
      };
      sheet.bleed = grow (sheet.trim, b, b, b, b);
      sheet.slots[0] = (TsSlot){ .page = (int) i, .x = m, .y = m, .clip = sheet.bleed };
      g_array_append_val (sheets, sheet);
    }
}

static void
two_up (const int *order, int n_order, int page_width, int page_height,
        const TsImposeOptions *options, GArray *sheets)
{
  int m = sheet_margin (options), b = options->bleed;
  int width = 2 * page_width + 2 * m, height = page_height + 2 * m;
  int x0 = m, y0 = m;

  if (b == 0 && !options->marks && standard_paper (width, height, &width, &height))
    {
      x0 = (width - 2 * page_width) / 2;
      y0 = (height - page_height) / 2;
    }
  for (int i = 0; i < n_order; i += 2)
    {
      TsSheet sheet = {
        .number = i / 2 + 1, .width = width, .height = height,
        .trim = { x0, y0, 2 * page_width, page_height }, .n_slots = 2,
        .fold_x = x0 + page_width, .marks = options->marks, .mark_gap = MAX (b, TS_MARK_GAP),
      };
      TsRect left = { x0, y0, page_width, page_height };
      TsRect right = { x0 + page_width, y0, page_width, page_height };

      sheet.bleed = grow (sheet.trim, b, b, b, b);
      sheet.slots[0] = (TsSlot){ .page = order[i], .x = left.x, .y = left.y,
                                 .clip = grow (left, b, b, 0, b) };
      sheet.slots[1] = (TsSlot){ .page = i + 1 < n_order ? order[i + 1] : -1, .x = right.x,
                                 .y = right.y, .clip = grow (right, 0, b, b, b) };
      g_array_append_val (sheets, sheet);
    }
}

GArray *
ts_impose (const TsPageList *pages, const TsImposeOptions *options, GError **error)
{
  g_autoptr (GArray) sheets = g_array_new (FALSE, TRUE, sizeof (TsSheet));
  g_autoptr (GArray) order = NULL;
  const TsPage *first;
  int n = (int) pages->pages->len;

  if (options->bleed < 0 || options->bleed > TS_MM (50))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "bleed %.1fmm is out of range; give 0 to 50mm (3mm is usual)",
                   options->bleed * 25.4 / 72.0 / PANGO_SCALE);
      return NULL;
    }
  if (options->signature < 0 || options->signature % 4 != 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "a signature of %d pages cannot be folded; give a multiple of 4",
                   options->signature);
      return NULL;
    }
  if (options->kind == TS_IMPOSE_NONE || n == 0)
    {
      one_up (pages, options, sheets);
      return g_steal_pointer (&sheets);
    }

  first = g_ptr_array_index (pages->pages, 0);
  for (int i = 1; i < n; i++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, i);
      if (page->width != first->width || page->height != first->height)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                       "page %d is %.1f × %.1fpt but page 1 is %.1f × %.1fpt; imposition "
                       "needs pages of one size",
                       i + 1, (double) page->width / PANGO_SCALE,
                       (double) page->height / PANGO_SCALE, (double) first->width / PANGO_SCALE,
                       (double) first->height / PANGO_SCALE);
          return NULL;
        }
    }

  if (options->kind == TS_IMPOSE_SADDLE)
    order = ts_impose_saddle_order (n, options->signature);
  else
    {
      order = g_array_new (FALSE, FALSE, sizeof (int));
      for (int i = 0; i < n; i++)
        g_array_append_val (order, i);
    }
  two_up ((const int *) (void *) order->data, (int) order->len, first->width, first->height,
          options, sheets);
  return g_steal_pointer (&sheets);
}
