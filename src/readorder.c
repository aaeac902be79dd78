/* readorder.c — a model of an extractor's reading order (see readorder.h).
 *
 * Three steps, as poppler's text output device takes them:
 *  1. Blocks.  Lines of one frame stack into a block while the font size
 *     stays within 5% of the block's first line, the baselines are at most
 *     1.5 × that size apart and the line overlaps the block horizontally.
 *     A caption (smaller type), a heading, a photo's gap all start a new
 *     block.  Lines of different frames never share a block here; that
 *     they do not in poppler either is the column gap's job (a gap of more
 *     than one em between the ink of two columns; styles/README.md).
 *  2. Tables.  For each block A: B the nearest block to its right among
 *     those level with it, C the nearest below it among those under it,
 *     D one below-right of it, level with C and under B, with B and C
 *     apart.  If A and C line up (left, right or centre, within 0.3 em)
 *     and so do B and D, and A, B line up in y (top, bottom or centre,
 *     within 0.5 em) and so do C, D, the four are one table, read row by
 *     row.  D is any qualifying block here, not only the nearest, and the
 *     tolerances are half as wide again: the model errs towards "table".
 *  3. Order.  A topological sort by Breuel's rules on boxes widened
 *     sideways (a table's blocks to the table; a block with nothing level
 *     with it on one side to the blocks under it on that side): X before Y
 *     if they overlap horizontally and X starts higher, or if X is wholly
 *     left of Y and no Z has Y above it and X under it.
 * The page reads right when this order is the drawing order.
 */
#include "readorder.h"

#include <pango/pango.h>

typedef struct
{
  int x0, x1, y0, y1;    /* the block's box: advance extents, ascent to descent */
  int ex0, ex1;          /* the box widened sideways for the sort */
  int size;              /* font size of its first line */
  int last_base;         /* baseline of its last line */
  int frame;             /* -1: across the text width */
  guint first_box;       /* index of its first line in page->boxes: drawing order */
  int block;             /* source block of its first line */
  TsRole role;
  int table;             /* -1, or the table it belongs to */
  gboolean widened;      /* step 3 widened it over blocks under it */
} Blk;

/* Wider than poppler's tolerances by this factor (in per cent). */
#define TS_READ_MARGIN_PCT 150

static void
line_extent (const TsBox *box, int *x0, int *x1)
{
  const TsLine *line = box->line;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

  for (guint i = 0; i < line->pieces->len; i++)
    {
      const TsLinePiece *p = &g_array_index (line->pieces, TsLinePiece, i);
      int w = pango_glyph_string_get_width (p->glyph_item->glyphs);
      left = MIN (left, p->x);
      right = MAX (right, p->x + w);
    }
  if (left > right)
    left = right = 0;
  *x0 = box->x + (int) (left * line->expansion);
  *x1 = box->x + (int) (right * line->expansion);
}

static gboolean
overlap (int a0, int a1, int b0, int b1)
{
  return a0 <= b1 && a1 >= b0;
}

static GArray *
build_blocks (const TsPage *page)
{
  GArray *blks = g_array_new (FALSE, FALSE, sizeof (Blk));
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (int)); /* per frame + 1 */

  g_array_set_size (open, page->frames->len + 1);
  for (guint f = 0; f < open->len; f++)
    g_array_index (open, int, f) = -1;

  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (page->boxes, TsBox, i);
      int slot, x0, x1, size, y0, y1;
      Blk *cur = NULL;

      if (box->kind != TS_BOX_LINE || box->line == NULL || box->line->pieces->len == 0)
        continue;
      slot = box->frame + 1;
      if (slot < 0 || slot >= (int) open->len)
        continue;
      line_extent (box, &x0, &x1);
      size = box->line->para->font_size;
      y0 = box->baseline - box->line->ascent;
      y1 = box->baseline + box->line->descent;
      if (g_array_index (open, int, slot) >= 0)
        cur = &g_array_index (blks, Blk, g_array_index (open, int, slot));
      if (cur != NULL && ABS (size - cur->size) * 100 < cur->size * 5
          && box->baseline > cur->last_base
          && (box->baseline - cur->last_base) * 2 <= cur->size * 3
          && overlap (x0, x1, cur->x0, cur->x1))
        {
          cur->x0 = MIN (cur->x0, x0);
          cur->x1 = MAX (cur->x1, x1);
          cur->y1 = MAX (cur->y1, y1);
          cur->last_base = box->baseline;
          continue;
        }
      Blk nb = { x0, x1, y0, y1, x0, x1, size, box->baseline, box->frame, i, box->block,
                 box->role, -1, FALSE };
      g_array_append_val (blks, nb);
      g_array_index (open, int, slot) = blks->len - 1;
    }
  return blks;
}

/* Whether @a, @b (and @c, @d) line up on one of three edges within @tol. */
static gboolean
aligned (int a0, int a1, int c0, int c1, int b0, int b1, int d0, int d1, int tol)
{
  return (ABS (a0 - c0) <= tol && ABS (b0 - d0) <= tol)
         || (ABS (a1 - c1) <= tol && ABS (b1 - d1) <= tol)
         || (ABS ((a0 + a1) - (c0 + c1)) <= 2 * tol && ABS ((b0 + b1) - (d0 + d1)) <= 2 * tol);
}

static void
find_tables (GArray *blks)
{
  Blk *v = (Blk *) blks->data;
  int n = blks->len, tables = 0;

  for (int a = 0; a < n; a++)
    {
      int b = -1, c = -1;

      for (int k = 0; k < n; k++)
        {
          if (k == a)
            continue;
          if (overlap (v[k].y0, v[k].y1, v[a].y0, v[a].y1) && v[k].x0 > v[a].x1
              && (b < 0 || v[k].x0 < v[b].x0))
            b = k;
          else if (overlap (v[k].x0, v[k].x1, v[a].x0, v[a].x1) && v[k].y0 > v[a].y1
                   && (c < 0 || v[k].y0 < v[c].y0))
            c = k;
        }
      if (b < 0 || c < 0
          || overlap (v[b].x0, v[b].x1, v[c].x0, v[c].x1)
          || overlap (v[b].y0, v[b].y1, v[c].y0, v[c].y1))
        continue;
      for (int d = 0; d < n; d++)
        {
          int size, tx, ty;

          if (d == a || d == b || d == c || v[d].x0 <= v[a].x1 || v[d].y0 <= v[a].y1
              || overlap (v[c].x0, v[c].x1, v[d].x0, v[d].x1)
              || overlap (v[b].y0, v[b].y1, v[d].y0, v[d].y1)
              || !overlap (v[d].x0, v[d].x1, v[b].x0, v[b].x1)
              || !overlap (v[d].y0, v[d].y1, v[c].y0, v[c].y1))
            continue;
          size = MIN (MIN (v[a].size, v[b].size), MIN (v[c].size, v[d].size));
          tx = size * 3 / 10 * TS_READ_MARGIN_PCT / 100;
          ty = size / 2 * TS_READ_MARGIN_PCT / 100;
          if (!aligned (v[a].x0, v[a].x1, v[c].x0, v[c].x1, v[b].x0, v[b].x1, v[d].x0, v[d].x1, tx)
              || !aligned (v[a].y0, v[a].y1, v[b].y0, v[b].y1, v[c].y0, v[c].y1, v[d].y0, v[d].y1,
                           ty))
            continue;
          {
            int id = MAX (MAX (v[a].table, v[b].table), MAX (v[c].table, v[d].table));
            if (id < 0)
              id = tables++;
            v[a].table = v[b].table = v[c].table = v[d].table = id;
          }
        }
    }

  /* A table's blocks are sorted as the table's envelope. */
  for (int t = 0; t < tables; t++)
    {
      int x0 = G_MAXINT, x1 = G_MININT;
      for (int k = 0; k < n; k++)
        if (v[k].table == t)
          {
            x0 = MIN (x0, v[k].x0);
            x1 = MAX (x1, v[k].x1);
          }
      for (int k = 0; k < n; k++)
        if (v[k].table == t)
          {
            v[k].ex0 = x0;
            v[k].ex1 = x1;
          }
    }
}

static void
widen (GArray *blks)
{
  Blk *v = (Blk *) blks->data;
  int n = blks->len;

  for (int a = 0; a < n; a++)
    {
      int right = G_MAXINT, left = 0;

      if (v[a].table >= 0)
        continue;
      for (int k = 0; k < n; k++)
        if (k != a && overlap (v[a].y0, v[a].y1, v[k].y0, v[k].y1))
          {
            if (v[k].x0 > v[a].x1)
              right = MIN (right, v[k].x0);
            if (v[k].x1 < v[a].x0)
              left = MAX (left, v[k].x1);
          }
      for (int k = 0; k < n; k++)
        {
          if (k == a || v[k].y0 < v[a].y1)
            continue;
          if (v[k].x1 > v[a].ex1 && v[k].x1 <= right)
            v[a].ex1 = v[k].x1;
          if (v[k].x0 < v[a].ex0 && v[k].x0 >= left)
            {
              v[a].ex0 = v[k].x0;
              v[a].widened = TRUE;
            }
        }
    }
}

static gboolean
rule1 (const Blk *x, const Blk *y)
{
  return overlap (x->ex0, x->ex1, y->ex0, y->ex1) && x->y0 < y->y0;
}

/* Is @j read before @i? */
static gboolean
before (const Blk *v, int n, int j, int i)
{
  if (v[i].table >= 0 && v[i].table == v[j].table)
    return (v[j].x1 <= v[i].x0 && overlap (v[j].y0, v[j].y1, v[i].y0, v[i].y1))
           || v[j].y1 <= v[i].y0;
  if (rule1 (&v[j], &v[i]))
    return TRUE;
  if (v[j].ex1 > v[i].ex0)
    return FALSE;
  for (int k = 0; k < n; k++)
    if (k != i && k != j && rule1 (&v[i], &v[k]) && rule1 (&v[k], &v[j]))
      return FALSE;
  return TRUE;
}

static void
visit (const Blk *v, int n, int i, gboolean *seen, GArray *order)
{
  seen[i] = TRUE;
  for (int j = 0; j < n; j++)
    if (!seen[j] && before (v, n, j, i))
      visit (v, n, j, seen, order);
  g_array_append_val (order, i);
}

static int
blk_cmp (gconstpointer pa, gconstpointer pb)
{
  const Blk *a = pa, *b = pb;
  if (a->y0 != b->y0)
    return a->y0 < b->y0 ? -1 : 1;
  return (a->x0 > b->x0) - (a->x0 < b->x0);
}

static void
add_suspect (GArray *suspects, int block)
{
  if (block < 0)
    return;
  for (guint i = 0; i < suspects->len; i++)
    if (g_array_index (suspects, int, i) == block)
      return;
  g_array_append_val (suspects, block);
}

static gboolean
movable (const Blk *b)
{
  return b->role == TS_ROLE_CAPTION || b->role == TS_ROLE_HEADING || b->role == TS_ROLE_QUOTE;
}

int
ts_read_order_check (const TsPage *page, const TsRect *folio, int folio_size, GArray *suspects)
{
  g_autoptr (GArray) blks = build_blocks (page);
  g_autoptr (GArray) order = NULL;
  g_autofree gboolean *seen = NULL;
  const Blk *v;
  int n = blks->len;
  int misread = 0;

  if (folio != NULL && folio->height > 0)
    {
      Blk f = { folio->x, folio->x + folio->width, folio->y, folio->y + folio->height,
                folio->x, folio->x + folio->width, MAX (PANGO_SCALE, folio_size),
                folio->y + folio->height, -1, G_MAXUINT, -1, TS_ROLE_FOOTER, -1, FALSE };
      g_array_append_val (blks, f);
      n++;
    }
  if (n < 2)
    return 0;
  /* poppler lists blocks top to bottom as it builds them. */
  g_array_sort (blks, blk_cmp);
  find_tables (blks);
  widen (blks);
  v = (const Blk *) blks->data;
  order = g_array_sized_new (FALSE, FALSE, sizeof (int), n);
  seen = g_new0 (gboolean, n);
  for (int i = 0; i < n; i++)
    if (!seen[i])
      visit (v, n, i, seen, order);
  for (int i = 1; i < n; i++)
    misread += v[g_array_index (order, int, i - 1)].first_box
               > v[g_array_index (order, int, i)].first_box;
  if (misread == 0 || suspects == NULL)
    return misread;

  /* What to move: the captions, headings and quotes that make a table or
   * stand widened, later columns first; then the other such blocks. */
  for (int pass = 0; pass < 3; pass++)
    for (int f = (int) page->frames->len - 1; f >= -1; f--)
      for (int i = 0; i < n; i++)
        {
          gboolean involved = v[i].table >= 0 || v[i].widened;
          if (v[i].frame != f || !movable (&v[i]))
            continue;
          if ((pass == 0 && involved && f > 0) || (pass == 1 && involved)
              || (pass == 2 && f >= 0))
            add_suspect (suspects, v[i].block);
        }
  return misread;
}
