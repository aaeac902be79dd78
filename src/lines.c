/* lines.c — breaks into set lines.
 *
 * For each line: drop the discardable items after the previous break (TeX
 * §879), compute the adjustment ratio over what remains, give every glue
 * its set width (natural + r·stretch or r·shrink; TeX's glue_set), and cut
 * the shaped runs into pieces covering the line.  The space glyphs inside a
 * piece get the set glue width as their advance, so drawing a piece draws
 * the justified line and its text layer keeps the spaces.  Overfull lines
 * (r < −1) are shrunk to the limit and overhang; the breaker reported them.
 */
#include "lines.h"

#include <math.h>
#include <string.h>

/* Font expansion is set in steps of 1/TS_EXPANSION_STEPS (1‰). */
#define TS_EXPANSION_STEPS 1000.0

static TsLinePiece
make_piece (const TsPara *para, int run_index, int g0, int g1)
{
  const PangoGlyphItem *run = g_ptr_array_index (para->runs, run_index);
  const PangoItem *item = run->item;
  const PangoGlyphString *glyphs = run->glyphs;
  PangoGlyphItem *gi = g_slice_new0 (PangoGlyphItem);
  gboolean rtl = (item->analysis.level & 1) != 0;
  int start, end;
  TsLinePiece piece = { .glyph_item = gi };

  /* Left to right, glyph g0 starts the text and g1 the text after it.
   * Right to left the glyphs run backwards through the text: the last
   * glyph starts it, and the glyph before g0 starts what follows. */
  if (!rtl)
    {
      start = item->offset + glyphs->log_clusters[g0];
      end = g1 < glyphs->num_glyphs ? item->offset + glyphs->log_clusters[g1]
                                    : item->offset + item->length;
    }
  else
    {
      start = item->offset + glyphs->log_clusters[g1 - 1];
      end = g0 > 0 ? item->offset + glyphs->log_clusters[g0 - 1] : item->offset + item->length;
    }

  gi->item = pango_item_copy ((PangoItem *) item);
  gi->item->offset = start;
  gi->item->length = end - start;
  gi->item->num_chars = (int) g_utf8_strlen (para->text + start, end - start);
  gi->glyphs = pango_glyph_string_new ();
  pango_glyph_string_set_size (gi->glyphs, g1 - g0);
  memcpy (gi->glyphs->glyphs, glyphs->glyphs + g0, sizeof (PangoGlyphInfo) * (g1 - g0));
  for (int i = 0; i < g1 - g0; i++)
    gi->glyphs->log_clusters[i] = glyphs->log_clusters[g0 + i] - (start - item->offset);
  return piece;
}

/* Gives the glue's glyphs (normally one space glyph) the set width. */
static void
set_glue_width (PangoGlyphString *glyphs, int g0, int g1, int width)
{
  int rest = width;

  for (int g = g0 + 1; g < g1; g++)
    rest -= glyphs->glyphs[g].geometry.width;
  glyphs->glyphs[g0].geometry.width = rest;
}

/* Glyph ink extents, remembered for one call of ts_lines_set: a
 * paragraph's lines use a few dozen glyphs of one or two fonts, and asking
 * Pango for each glyph of each line was most of the time spent setting
 * lines (callgrind).  Direct-mapped on the glyph id; a miss asks HarfBuzz,
 * which reads the glyph's box from the font ('glyf' header), in Pango
 * units at the font's size.  Pango's own answer goes through a Cairo
 * scaled font, whose creation loads the face into FreeType once more
 * (about 2 ms of the seed's 28); it rounds each edge from a double where
 * HarfBuzz scales the box in integers, so the two differ by a unit
 * (1/1024 pt) on some glyphs.  A missing glyph's hex box is Pango's. */
#define TS_INK_CACHE_SIZE 256

typedef struct
{
  PangoFont *font;  /* NULL: empty slot */
  PangoGlyph glyph;
  PangoRectangle ink;
} InkEntry;

static const PangoRectangle *
glyph_ink (InkEntry *cache, PangoFont *font, PangoGlyph glyph)
{
  InkEntry *e = &cache[glyph % TS_INK_CACHE_SIZE];

  if (e->font != font || e->glyph != glyph)
    {
      hb_glyph_extents_t extents = { 0, 0, 0, 0 };
      hb_font_t *hb_font = pango_font_get_hb_font (font);

      e->font = font;
      e->glyph = glyph;
      if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 || hb_font == NULL)
        pango_font_get_glyph_extents (font, glyph, &e->ink, NULL);
      else
        {
          hb_font_get_glyph_extents (hb_font, glyph, &extents);
          e->ink = (PangoRectangle){ extents.x_bearing, -extents.y_bearing, extents.width,
                                     -extents.height };
        }
    }
  return &e->ink;
}

/* The ink rectangle of @glyphs in @font: pango_glyph_string_extents's
 * union (Pango 1.50, glyphstring.c), step for step, from cached glyph
 * extents. */
static void
glyphs_ink (InkEntry *cache, const PangoGlyphString *glyphs, PangoFont *font,
            PangoRectangle *ink_rect)
{
  int x_pos = 0;

  ink_rect->x = ink_rect->y = ink_rect->width = ink_rect->height = 0;
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      const PangoGlyphGeometry *geometry = &glyphs->glyphs[i].geometry;
      const PangoRectangle *gi = glyph_ink (cache, font, glyphs->glyphs[i].glyph);

      if (gi->width != 0 && gi->height != 0)
        {
          if (ink_rect->width == 0 || ink_rect->height == 0)
            {
              ink_rect->x = x_pos + gi->x + geometry->x_offset;
              ink_rect->width = gi->width;
              ink_rect->y = gi->y + geometry->y_offset;
              ink_rect->height = gi->height;
            }
          else
            {
              int new_x, new_y;

              new_x = MIN (ink_rect->x, x_pos + gi->x + geometry->x_offset);
              ink_rect->width = MAX (ink_rect->x + ink_rect->width,
                                     x_pos + gi->x + gi->width + geometry->x_offset) - new_x;
              ink_rect->x = new_x;
              new_y = MIN (ink_rect->y, gi->y + geometry->y_offset);
              ink_rect->height = MAX (ink_rect->y + ink_rect->height,
                                      gi->y + gi->height + geometry->y_offset) - new_y;
              ink_rect->y = new_y;
            }
        }
      x_pos += geometry->width;
    }
}

static void
piece_clear (gpointer data)
{
  TsLinePiece *piece = data;
  pango_glyph_item_free (piece->glyph_item);
}

static TsLine *
set_line (TsPara *para, int from, int to, const TsBreak *brk, int width, TsAlign align,
          gboolean last, InkEntry *ink_cache)
{
  const TsItem *items = (const TsItem *) (void *) para->items->data;
  TsLine *line = g_new0 (TsLine, 1);
  int natural = 0, stretch = 0, shrink = 0, fil = 0, exp_stretch = 0, exp_shrink = 0;
  int glyph_width = 0; /* real advance of the boxes' glyphs */
  double ratio = 0.0, expand = 0.0, glue_ratio = 0.0, e = 1.0;
  double x, carry = 0.0;
  int piece_run = -1, piece_g0 = 0, piece_g1 = 0;
  double piece_x = 0.0;
  gboolean justify = align == TS_ALIGN_JUSTIFY;
  double *glue_widths; /* drawn width of each glue, in the line's scaled system */

  line->ref_count = 1;
  line->para = ts_para_ref (para);
  line->pieces = g_array_new (FALSE, TRUE, sizeof (TsLinePiece));
  g_array_set_clear_func (line->pieces, piece_clear);
  line->width = width;
  line->brk = *brk;
  line->last = last;
  line->ascent = para->ascent;
  line->descent = para->descent;
  line->text_start = line->text_end = -1;
  line->expansion = 1.0;

  for (int i = from; i < to; i++)
    {
      const TsItem *it = &items[i];
      if (it->kind == TS_ITEM_BOX)
        {
          natural += it->width;
          glyph_width += it->width + it->hang_left + it->hang_right;
        }
      else if (it->kind == TS_ITEM_GLUE)
        {
          natural += it->width;
          stretch += it->stretch;
          shrink += it->shrink;
          fil += it->stretch_fil;
          exp_stretch += it->expand_stretch;
          exp_shrink += it->expand_shrink;
        }
    }
  if (to < (int) para->items->len && items[to].kind == TS_ITEM_PENALTY)
    natural += items[to].width;
  line->natural_width = natural;

  /* The adjustment ratio r of TeX; font expansion takes its share of the
   * stretch up to r = 1 (never past its limit), the spaces the rest. */
  if (justify && fil > 0 && natural > width && shrink > 0)
    {
      /* A last line too long for the measure shrinks like any other (fil
       * glue only stretches); the breaker chose it knowing that. */
      ratio = MAX (-1.0, (double) (width - natural) / shrink);
      expand = ratio * exp_shrink;
      glue_ratio = ratio;
    }
  else if (justify && fil == 0)
    {
      if (natural < width && stretch > 0)
        {
          ratio = (double) (width - natural) / stretch;
          expand = MIN (ratio, 1.0) * exp_stretch;
          if (stretch > exp_stretch)
            glue_ratio = (ratio * stretch - expand) / (stretch - exp_stretch);
        }
      else if (natural > width && shrink > 0)
        {
          ratio = MAX (-1.0, (double) (width - natural) / shrink);
          expand = ratio * exp_shrink;
          glue_ratio = ratio;
        }
    }
  if (glyph_width > 0 && expand != 0.0)
    {
      /* Whole per-mille steps, as pdfTeX's expansion steps: each distinct
       * scale is a distinct scaled font for Cairo (and an outline set in
       * SVG), so a page holds a few dozen, not one per line.  The spaces
       * take what the rounding leaves. */
      double total = ratio > 0 ? ratio * stretch : ratio * shrink;
      double own = ratio > 0 ? stretch - exp_stretch : shrink - exp_shrink;
      double budget = ratio > 0 ? exp_stretch : exp_shrink; /* the limit, in units */
      double steps = round (expand / glyph_width * TS_EXPANSION_STEPS);

      if (fabs (steps) / TS_EXPANSION_STEPS * glyph_width > budget)
        steps = trunc (expand / glyph_width * TS_EXPANSION_STEPS);

      e = 1.0 + expand / glyph_width;
      if (own > 0)
        {
          e = 1.0 + steps / TS_EXPANSION_STEPS;
          expand = (e - 1.0) * glyph_width;
          glue_ratio = (total - expand) / own;
        }
    }
  line->expansion = e;

  /* Drawn glue widths in the scaled system: the set width, less the part
   * that the neighbouring hanging glyphs draw (scaled with them). */
  glue_widths = g_new0 (double, MAX (1, to - from));
  for (int i = from; i < to; i++)
    {
      const TsItem *it = &items[i];
      double w;

      if (it->kind != TS_ITEM_GLUE || it->stretch_fil > 0)
        continue;
      w = it->width;
      if (glue_ratio > 0)
        w += glue_ratio * (it->stretch - it->expand_stretch);
      else if (glue_ratio < 0)
        w += glue_ratio * (it->shrink - it->expand_shrink);
      glue_widths[i - from] = w / e - it->hang;
    }

  /* Where the line starts: its alignment offset, less a hanging first mark. */
  {
    double used = natural + (justify ? (ratio > 0 ? ratio * stretch : ratio * shrink) : 0.0);
    if ((fil > 0 && ratio >= 0) || !justify)
      used = natural;
    line->used_width = (int) lround (used);
    switch (align)
      {
      case TS_ALIGN_CENTER:
        x = MAX (0.0, (width - used) / 2);
        break;
      case TS_ALIGN_RIGHT:
        x = MAX (0.0, width - used);
        break;
      default:
        x = 0.0;
      }
    x /= e;
    if (from < to && items[from].kind == TS_ITEM_BOX)
      x -= items[from].hang_left;
  }

  /* Cut the runs: consecutive items of one run with contiguous glyphs make
   * one piece.  Glyph advances are integers; the rounding error of each
   * space is carried into the next, so the line ends where it should. */
  for (int i = from; i <= to; i++)
    {
      gboolean flush = (i == to);
      const TsItem *it = i < to ? &items[i] : NULL;

      if (!flush && it->kind != TS_ITEM_PENALTY && it->run >= 0)
        {
          if (piece_run == it->run && piece_g1 == it->glyph_start)
            piece_g1 = it->glyph_end;
          else if (piece_run == it->run && piece_g0 == it->glyph_end
                   && (((const PangoGlyphItem *) g_ptr_array_index (para->runs, it->run))
                           ->item->analysis.level & 1) != 0)
            piece_g0 = it->glyph_start; /* right to left: the text goes on leftwards */
          else
            flush = TRUE;
        }
      else if (!flush && it->kind != TS_ITEM_PENALTY)
        flush = TRUE; /* an indent box or the fil glue */

      if (flush && piece_run >= 0)
        {
          TsLinePiece piece = make_piece (para, piece_run, piece_g0, piece_g1);
          const PangoGlyphItem *run = g_ptr_array_index (para->runs, piece_run);
          int base = piece_g0;

          for (int j = from; j < i; j++)
            if (items[j].kind == TS_ITEM_GLUE && items[j].run == piece_run
                && items[j].glyph_start >= piece_g0 && items[j].glyph_end <= piece_g1)
              {
                double want = glue_widths[j - from] + carry;
                int w = (int) lround (want);
                carry = want - w;
                set_glue_width (piece.glyph_item->glyphs, items[j].glyph_start - base,
                                items[j].glyph_end - base, w);
              }
          piece.x = (int) lround (piece_x);
          {
            PangoRectangle ink;
            glyphs_ink (ink_cache, piece.glyph_item->glyphs, run->item->analysis.font, &ink);
            if (ink.width > 0 && ink.height > 0)
              {
                line->ink_ascent = MAX (line->ink_ascent, -ink.y);
                line->ink_descent = MAX (line->ink_descent, ink.y + ink.height);
              }
          }
          if (line->text_start < 0)
            line->text_start = piece.glyph_item->item->offset;
          line->text_end = piece.glyph_item->item->offset + piece.glyph_item->item->length;
          g_array_append_val (line->pieces, piece);
          piece_run = -1;
        }
      if (i < to && it->kind != TS_ITEM_PENALTY && it->run >= 0 && piece_run < 0)
        {
          piece_run = it->run;
          piece_g0 = it->glyph_start;
          piece_g1 = it->glyph_end;
          piece_x = x;
        }
      if (i < to && it->kind == TS_ITEM_BOX)
        x += it->width + it->hang_left + it->hang_right;
      else if (i < to && it->kind == TS_ITEM_GLUE && it->stretch_fil == 0)
        x += glue_widths[i - from];
    }
  g_free (glue_widths);
  if (line->text_start < 0)
    line->text_start = line->text_end = 0;
  return line;
}

GPtrArray *
ts_lines_set (TsPara *para, const GArray *breaks, const int *widths, int n_widths,
              TsAlign align)
{
  const TsItem *items = (const TsItem *) (void *) para->items->data;
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_unref);
  InkEntry ink_cache[TS_INK_CACHE_SIZE] = { { NULL } };
  int start = 0;

  for (guint i = 0; i < breaks->len; i++)
    {
      const TsBreak *brk = &g_array_index (breaks, TsBreak, i);
      int width = widths[MIN ((int) i, n_widths - 1)];
      int from = start;

      /* Discard glue and penalties after a break, up to the next box. */
      if (i > 0)
        while (from < brk->item && items[from].kind != TS_ITEM_BOX)
          from++;
      g_ptr_array_add (lines, set_line (para, from, brk->item, brk, width, align,
                                        i + 1 == breaks->len, ink_cache));
      start = brk->item + 1;
    }
  return lines;
}

char *
ts_line_get_text (const TsLine *line)
{
  return g_strndup (line->para->text + line->text_start, line->text_end - line->text_start);
}

TsLine *
ts_line_ref (TsLine *line)
{
  line->ref_count++;
  return line;
}

void
ts_line_unref (TsLine *line)
{
  if (line == NULL || --line->ref_count > 0)
    return;
  g_array_unref (line->pieces);
  ts_para_unref (line->para);
  g_free (line);
}
