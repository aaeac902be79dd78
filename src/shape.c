/* shape.c — a styled paragraph into runs of glyphs and TeX items.
 *
 * Plan:
 *  1. Attributes: the role's font over the whole text, emphasis spans on
 *     top (emphasis inside an italic role turns roman again, as in print).
 *  2. pango_itemize splits the text into runs of one font and script;
 *     pango_shape_with_flags shapes each run whole (HarfBuzz), unrounded.
 *  3. Walk the glyph clusters in logical order (the text is LTR).  A cluster
 *     that is a space becomes glue; other clusters grow the current box; a
 *     new run starts a new box (two boxes in a row: no break between them).
 *     An in-word break opportunity from pango_get_log_attrs (after a hyphen
 *     or a slash) becomes a penalty that the breaker takes only when nothing
 *     else fits, unless the token is one that must stay whole (a date or a
 *     document number, vnrules.c).
 *  4. The paragraph ends as TeX's does: no break before the fil glue
 *     (\parfillskip), then a forced break.
 * Widths are Pango units from here on (1/1024 pt at 72 dpi).
 */
#include "shape.h"

#include <string.h>

#include <pango/pango.h>


/* Report at most this many missing characters per paragraph; the rest are
 * summed up in one line, so that a binary file does not flood stderr. */
#define TS_MAX_MISSING_REPORTS 8

typedef struct
{
  TsPara *para;
  const TsShapeOptions *options;
  int box;               /* index of the open box item, or -1 */
  int n_missing;
  int char_index;        /* character index of the cluster being read (for log attrs) */
  int token_stop;        /* end of the current token (run of non-spaces), bytes */
  gboolean token_whole;  /* the token must never be split (a date, a number) */
  gboolean token_wide;   /* the token is wider than the measure */
  GHashTable *wide;      /* token start offsets wider than the measure (or NULL) */
} Builder;

static void
add_item (Builder *b, const TsItem *item)
{
  g_array_append_vals (b->para->items, item, 1);
}

static void
close_box (Builder *b)
{
  b->box = -1;
}

static gboolean
is_space_cluster (const char *text, int start, int end)
{
  if (start >= end)
    return FALSE;
  for (int i = start; i < end; i++)
    if (text[i] != ' ')
      return FALSE;
  return TRUE;
}

static void
report_missing (Builder *b, int start, int end)
{
  const TsShapeOptions *o = b->options;
  const char *text = b->para->text;

  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int line = 0, column = 0;

      if (g_unichar_isspace (c))
        continue;
      if (++b->n_missing > TS_MAX_MISSING_REPORTS)
        continue;
      if (o->block != NULL)
        ts_block_get_position (o->block, (int) (p - text), &line, &column);
      ts_diag_add (o->diag, TS_DIAG_WARNING, o->file, line, column, "missing-glyph",
                   "no font has U+%04X; it is drawn as a box: install a font that covers it, "
                   "or remove the character",
                   c);
    }
}

/* The end of the token (run of non-spaces) that starts at @start. */
static int
token_end (const char *text, int length, int start)
{
  int i = start;
  while (i < length && text[i] != ' ' && text[i] != '\n')
    i++;
  return i;
}

/* Finds the tokens wider than the measure: only they may break between
 * two characters (and only as a last resort).  One pass over the glyphs. */
static GHashTable *
find_wide_tokens (const TsPara *para, int measure)
{
  GHashTable *wide = NULL;
  int token_start = -1, width = 0;

  if (measure <= 0)
    return NULL;
  for (guint r = 0; r <= para->runs->len; r++)
    {
      const PangoGlyphItem *run = r < para->runs->len ? g_ptr_array_index (para->runs, r) : NULL;
      int n = run ? run->glyphs->num_glyphs : 1;

      for (int g = 0; g < n; g++)
        {
          char c = run != NULL ? para->text[run->item->offset + run->glyphs->log_clusters[g]]
                               : ' ';
          gboolean space = c == ' ' || c == '\n';
          if (space)
            {
              if (token_start >= 0 && width > measure)
                {
                  if (wide == NULL)
                    wide = g_hash_table_new (NULL, NULL);
                  g_hash_table_add (wide, GINT_TO_POINTER (token_start));
                }
              token_start = -1;
              width = 0;
              continue;
            }
          if (token_start < 0)
            token_start = run->item->offset + run->glyphs->log_clusters[g];
          width += run->glyphs->glyphs[g].geometry.width;
        }
    }
  return wide;
}

static void
add_penalty (Builder *b, int penalty, int at)
{
  TsItem item = { .kind = TS_ITEM_PENALTY, .penalty = penalty, .flagged = TRUE, .run = -1,
                  .text_start = at, .text_end = at };
  close_box (b);
  add_item (b, &item);
}

/* TeX's "penalty 10000, glue 0pt plus 1fil, penalty -10000" at byte @at:
 * the end of a paragraph's line without the end of the paragraph. */
static void
add_hard_break (Builder *b, int at)
{
  TsItem keep = { .kind = TS_ITEM_PENALTY, .penalty = TS_PENALTY_INFINITY, .run = -1,
                  .text_start = at, .text_end = at };
  TsItem fill = { .kind = TS_ITEM_GLUE, .stretch_fil = 1, .run = -1,
                  .text_start = at, .text_end = at };
  TsItem end = { .kind = TS_ITEM_PENALTY, .penalty = -TS_PENALTY_INFINITY, .run = -1,
                 .text_start = at, .text_end = at + 1 };

  close_box (b);
  add_item (b, &keep);
  add_item (b, &fill);
  add_item (b, &end);
}

static void
shape_run_into_items (Builder *b, int run_index, const PangoLogAttr *log_attrs)
{
  TsPara *para = b->para;
  PangoGlyphItem *run = g_ptr_array_index (para->runs, run_index);
  PangoItem *item = run->item;
  PangoGlyphString *glyphs = run->glyphs;
  const TsShapeOptions *o = b->options;
  int n = glyphs->num_glyphs, k = 0;
  /* Clusters are taken in the text's order, which for a right-to-left run
   * is from its last glyph back (its glyphs are in visual order); each
   * item's glyphs are the range [g, g_end) either way. */
  gboolean rtl = (item->analysis.level & 1) != 0;

  while (k < n)
    {
      int cluster = glyphs->log_clusters[rtl ? n - 1 - k : k];
      int k_end = k;
      int width = 0;
      gboolean missing = FALSE;
      int start = item->offset + cluster, end, g, g_end;

      while (k_end < n && glyphs->log_clusters[rtl ? n - 1 - k_end : k_end] == cluster)
        {
          const PangoGlyphInfo *info = &glyphs->glyphs[rtl ? n - 1 - k_end : k_end];
          width += info->geometry.width;
          if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            missing = TRUE;
          k_end++;
        }
      end = k_end < n ? item->offset + glyphs->log_clusters[rtl ? n - 1 - k_end : k_end]
                      : item->offset + item->length;
      g = rtl ? n - k_end : k;
      g_end = rtl ? n - k : k_end;
      if (para->text[start] == '\n')
        {
          /* A hard line break (Markdown's two spaces or backslash at a line's
           * end), as TeX's \\: no break before it, fil glue that takes the
           * line's slack (so the line is set at its natural width, like a
           * last line), and a forced break.  Its glyph is in no item, so it is
           * never drawn and no line's text holds it. */
          add_hard_break (b, start);
          b->char_index += g_utf8_strlen (para->text + start, end - start);
          k = k_end;
          continue;
        }
      if (missing)
        report_missing (b, start, end);

      if (is_space_cluster (para->text, start, end))
        {
          TsItem glue = { .kind = TS_ITEM_GLUE, .width = width, .run = run_index };
          glue.stretch = width * o->space_stretch_pct / 100;
          glue.shrink = width * o->space_shrink_pct / 100;
          glue.glyph_start = g;
          glue.glyph_end = g_end;
          glue.text_start = start;
          glue.text_end = end;
          close_box (b);
          add_item (b, &glue);
        }
      else
        {
          const PangoLogAttr *attr = &log_attrs[b->char_index];
          gboolean after_box = para->items->len > 0
                               && g_array_index (para->items, TsItem,
                                                 para->items->len - 1).kind == TS_ITEM_BOX;

          if (start >= b->token_stop)
            {
              /* A new token: decide once whether and where it may split. */
              b->token_stop = token_end (para->text, para->length, start);
              b->token_whole = ts_vn_token_is_unbreakable (para->text + start,
                                                           b->token_stop - start);
              b->token_wide = b->wide != NULL
                              && g_hash_table_contains (b->wide, GINT_TO_POINTER (start));
            }
          /* Never after a hyphen-minus ("héc-ta", "byte-identical") unless the
           * token is wider than the column: text extraction (pdftotext) takes
           * a line-final '-' for a hyphenation and joins the halves without
           * it.  After a slash or a dash the break stays. */
          if (after_box && attr->is_line_break && !attr->is_white
              && (!b->token_whole || b->token_wide)
              && (b->token_wide || start == 0 || para->text[start - 1] != '-'))
            add_penalty (b, TS_PENALTY_IN_WORD, start);
          else if (after_box && b->token_wide && attr->is_cursor_position)
            /* Wider than the column and no better place: between two
             * characters, never inside a cluster (a letter and its marks). */
            add_penalty (b, TS_PENALTY_GRAPHEME, start);

          if (b->box >= 0 && g_array_index (para->items, TsItem, b->box).run == run_index)
            {
              TsItem *box = &g_array_index (para->items, TsItem, b->box);
              box->width += width;
              box->glyph_start = MIN (box->glyph_start, g);
              box->glyph_end = MAX (box->glyph_end, g_end);
              box->text_end = end;
            }
          else
            {
              TsItem box = { .kind = TS_ITEM_BOX, .width = width, .run = run_index,
                             .glyph_start = g, .glyph_end = g_end,
                             .text_start = start, .text_end = end };
              add_item (b, &box);
              b->box = para->items->len - 1;
            }
        }
      b->char_index += g_utf8_strlen (para->text + start, end - start);
      k = k_end;
    }
}

/* How far a mark may hang into the margin, in per mille of its advance.
 * Light marks hang most; the values follow the practice of optical margin
 * alignment (Hermann Zapf's hz, pdfTeX's protrusion), chosen here for
 * Noto Serif: a full stop or comma hangs most of its width, a colon half,
 * a question mark a little, a parenthesis hardly. */
static int
protrusion_right (gunichar c)
{
  switch (c)
    {
    case '.': case ',': case '-': case 0x2019: case 0x201D: case '"': case '\'': case 0xBB:
    case 0x203A:
      return 700;
    case ':': case ';': case 0x2013:
      return 500;
    case 0x2014: case 0x2026:
      return 300;
    case '!': case '?':
      return 200;
    case ')': case ']':
      return 100;
    default:
      return 0;
    }
}

static int
protrusion_left (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x201C: case '"': case '\'': case 0xAB: case 0x2039:
      return 700;
    case 0x2013: case 0x2014:
      return 300;
    case '(': case '[':
      return 100;
    default:
      return 0;
    }
}

/* The advance of the cluster of glyph @g in @run, and its first glyph. */
static int
cluster_width (const PangoGlyphItem *run, int g, int *first)
{
  const PangoGlyphString *glyphs = run->glyphs;
  int cluster = glyphs->log_clusters[g], width = 0, i = g;

  while (i > 0 && glyphs->log_clusters[i - 1] == cluster)
    i--;
  *first = i;
  for (; i < glyphs->num_glyphs && glyphs->log_clusters[i] == cluster; i++)
    width += glyphs->glyphs[i].geometry.width;
  return width;
}

/* The item next to @i in direction @step, skipping penalties. */
static TsItem *
neighbour (GArray *items, int i, int step)
{
  for (i += step; i >= 0 && i < (int) items->len; i += step)
    {
      TsItem *it = &g_array_index (items, TsItem, i);
      if (it->kind != TS_ITEM_PENALTY)
        return it;
    }
  return NULL;
}

/* Hanging punctuation by the breaker's own arithmetic: a box whose mark may
 * hang counts that much less, and the space next to it that much more.
 * Broken at that space, the line ends (or starts) with the narrower box and
 * the mark hangs; not broken, the two add up to the natural widths. */
static void
apply_protrusion (TsPara *para)
{
  GArray *items = para->items;

  for (guint i = 0; i < items->len; i++)
    {
      TsItem *box = &g_array_index (items, TsItem, i);
      TsItem *before, *after;
      const PangoGlyphItem *run;
      int first;

      if (box->kind != TS_ITEM_BOX || box->run < 0)
        continue;
      run = g_ptr_array_index (para->runs, box->run);
      before = neighbour (items, (int) i, -1);
      after = neighbour (items, (int) i, +1);

      /* A line starts after a space, or after a hard break's fil glue. */
      if (before == NULL || (before->kind == TS_ITEM_GLUE
                             && (before->run >= 0 || before->stretch_fil > 0)))
        {
          int w = cluster_width (run, box->glyph_start, &first);
          int hang = w * protrusion_left (g_utf8_get_char (para->text + box->text_start)) / 1000;
          box->hang_left = hang;
          box->width -= hang;
          if (before != NULL && before->stretch_fil == 0)
            {
              before->width += hang;
              before->hang += hang;
            }
        }
      if (after != NULL && after->kind == TS_ITEM_GLUE && after->run >= 0)
        {
          const char *last = g_utf8_prev_char (para->text + box->text_end);
          int w = cluster_width (run, box->glyph_end - 1, &first);
          int hang = w * protrusion_right (g_utf8_get_char (last)) / 1000;
          if (hang > box->width)
            hang = 0; /* a lone mark that already hangs on the left */
          box->hang_right = hang;
          box->width -= hang;
          after->width += hang;
          after->hang += hang;
        }
    }
}

/* Font expansion (hz): each space may also take up to @limit per mille of
 * the word before it, by scaling that word's glyphs; lines.c splits the
 * adjustment between spaces and glyphs. */
static void
apply_expansion (TsPara *para, int limit)
{
  GArray *items = para->items;
  int word = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TsItem *it = &g_array_index (items, TsItem, i);

      if (it->kind == TS_ITEM_BOX && it->run >= 0)
        word += it->width + it->hang_left + it->hang_right;
      else if (it->kind == TS_ITEM_GLUE && it->run >= 0)
        {
          it->expand_stretch = word * limit / 1000;
          it->expand_shrink = word * limit / 1000;
          it->stretch += it->expand_stretch;
          it->shrink += it->expand_shrink;
          word = 0;
        }
    }
}

static PangoAttrList *
make_attributes (const TsTextStyle *role, const GArray *spans)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  gboolean role_italic = pango_font_description_get_style (role->font) != PANGO_STYLE_NORMAL;

  pango_attr_list_insert (attrs, pango_attr_font_desc_new (role->font));
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const TsSpan *span = &g_array_index (spans, TsSpan, i);
      PangoAttribute *a;

      if (span->flags & TS_SPAN_ITALIC)
        {
          a = pango_attr_style_new (role_italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC);
          a->start_index = span->start;
          a->end_index = span->end;
          pango_attr_list_insert (attrs, a);
        }
      if (span->flags & TS_SPAN_BOLD)
        {
          a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
          a->start_index = span->start;
          a->end_index = span->end;
          pango_attr_list_insert (attrs, a);
        }
    }
  return attrs;
}

/* Prices every space with the Vietnamese rules and puts the price in a
 * penalty before the space's glue (TeX's "penalty p, glue"). */
static void
apply_space_rules (TsPara *para, const TsVnRules *rules)
{
  GArray *items = para->items;
  g_autoptr (GArray) out = NULL;
  g_autofree int *offsets = NULL, *penalties = NULL;
  int n = 0, k = 0;

  for (guint i = 0; i < items->len; i++)
    n += g_array_index (items, TsItem, i).kind == TS_ITEM_GLUE
         && g_array_index (items, TsItem, i).run >= 0;
  if (n == 0)
    return;
  offsets = g_new (int, n);
  penalties = g_new0 (int, n);
  for (guint i = 0; i < items->len; i++)
    {
      const TsItem *it = &g_array_index (items, TsItem, i);
      if (it->kind == TS_ITEM_GLUE && it->run >= 0)
        offsets[k++] = it->text_start;
    }
  ts_vn_space_penalties (para->text, para->length, offsets, n, rules, penalties);

  out = g_array_sized_new (FALSE, TRUE, sizeof (TsItem), items->len + n);
  k = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const TsItem *it = &g_array_index (items, TsItem, i);
      if (it->kind == TS_ITEM_GLUE && it->run >= 0 && penalties[k++] != 0)
        {
          TsItem penalty = { .kind = TS_ITEM_PENALTY, .penalty = penalties[k - 1], .run = -1,
                             .text_start = it->text_start, .text_end = it->text_start };
          g_array_append_val (out, penalty);
        }
      g_array_append_vals (out, it, 1);
    }
  para->items = g_steal_pointer (&out);
  g_array_unref (items);
}

TsPara *
ts_shape_paragraph (TsFonts *fonts, const char *text, int length, const GArray *spans,
                    const TsShapeOptions *options)
{
  TsPara *para = g_new0 (TsPara, 1);
  g_autoptr (PangoAttrList) attrs = NULL;
  g_autofree PangoLogAttr *log_attrs = NULL;
  GList *items, *l;
  Builder b = { .para = para, .options = options, .box = -1 };
  int n_chars;

  para->ref_count = 1;
  para->text = g_strndup (text, length);
  para->length = length;
  para->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_glyph_item_free);
  para->items = g_array_sized_new (FALSE, TRUE, sizeof (TsItem), length / 3 + 8);
  para->font_size = pango_font_description_get_size (options->role->font);
  ts_fonts_get_metrics (fonts, options->role->font, &para->ascent, &para->descent);

  attrs = make_attributes (options->role, spans);
  n_chars = g_utf8_strlen (para->text, length);
  log_attrs = g_new0 (PangoLogAttr, n_chars + 1);
  /* pango_get_log_attrs, for what is read below, each distinct token
   * analysed once (shapecache.h). */
  ts_shape_cache_log_attrs (fonts->shape_cache, para->text, length, fonts->language, log_attrs,
                            n_chars + 1);

  /* pango_itemize, item for item; a plain paragraph without a single
   * emphasis is itemised from its first letter (shapecache.h). */
  items = ts_shape_cache_itemize (fonts->shape_cache, fonts->context, para->text, length, attrs,
                                  spans == NULL || spans->len == 0);
  for (l = items; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = g_slice_new0 (PangoGlyphItem);
      run->item = l->data;
      run->glyphs = pango_glyph_string_new ();
      /* pango_shape_with_flags (…, PANGO_SHAPE_NONE) on the whole item,
       * glyph for glyph, with each distinct word shaped once per font. */
      ts_shape_cache_shape (fonts->shape_cache, para->text, length, run->item, run->glyphs);
      g_ptr_array_add (para->runs, run);
    }
  g_list_free (items); /* the items now belong to the runs */

  if (options->indent_first && options->role->indent > 0)
    {
      TsItem indent = { .kind = TS_ITEM_BOX, .width = options->role->indent, .run = -1 };
      add_item (&b, &indent);
      close_box (&b);
    }
  b.wide = find_wide_tokens (para, options->measure);
  for (guint r = 0; r < para->runs->len; r++)
    shape_run_into_items (&b, r, log_attrs);
  g_clear_pointer (&b.wide, g_hash_table_unref);

  if (b.n_missing > TS_MAX_MISSING_REPORTS)
    ts_diag_add (options->diag, TS_DIAG_WARNING, options->file, 0, 0, "missing-glyph",
                 "%d more characters in this paragraph have no font", b.n_missing
                 - TS_MAX_MISSING_REPORTS);

  /* Trailing spaces break nothing and would add an empty line. */
  while (para->items->len > 0
         && g_array_index (para->items, TsItem, para->items->len - 1).kind == TS_ITEM_GLUE)
    g_array_set_size (para->items, para->items->len - 1);
  if (options->protrusion)
    apply_protrusion (para);
  if (options->expansion > 0)
    apply_expansion (para, options->expansion);
  if (options->rules != NULL)
    apply_space_rules (para, options->rules);
  {
    TsItem keep = { .kind = TS_ITEM_PENALTY, .penalty = TS_PENALTY_INFINITY, .run = -1 };
    TsItem fill = { .kind = TS_ITEM_GLUE, .stretch_fil = 1, .run = -1 };
    TsItem end = { .kind = TS_ITEM_PENALTY, .penalty = -TS_PENALTY_INFINITY, .run = -1 };
    keep.text_start = keep.text_end = fill.text_start = fill.text_end = length;
    end.text_start = end.text_end = length;
    add_item (&b, &keep);
    add_item (&b, &fill);
    add_item (&b, &end);
  }
  return para;
}

static void
para_link_clear (gpointer data)
{
  g_free (((TsParaLink *) data)->uri);
}

void
ts_para_add_link (TsPara *para, int start, int end, const char *uri)
{
  TsParaLink link = { start, end, g_strdup (uri) };

  if (start >= end || uri == NULL || uri[0] == '\0')
    {
      g_free (link.uri);
      return;
    }
  if (para->links == NULL)
    {
      para->links = g_array_new (FALSE, FALSE, sizeof (TsParaLink));
      g_array_set_clear_func (para->links, para_link_clear);
    }
  if (para->links->len > 0)
    {
      TsParaLink *last = &g_array_index (para->links, TsParaLink, para->links->len - 1);
      if (last->end == start && strcmp (last->uri, uri) == 0)
        {
          last->end = end;
          g_free (link.uri);
          return;
        }
    }
  g_array_append_val (para->links, link);
}

TsPara *
ts_para_ref (TsPara *para)
{
  para->ref_count++;
  return para;
}

void
ts_para_release_shaping (TsPara *para)
{
  g_clear_pointer (&para->runs, g_ptr_array_unref);
  g_clear_pointer (&para->items, g_array_unref);
}

void
ts_para_unref (TsPara *para)
{
  if (para == NULL || --para->ref_count > 0)
    return;
  g_clear_pointer (&para->runs, g_ptr_array_unref);
  g_clear_pointer (&para->items, g_array_unref);
  g_clear_pointer (&para->links, g_array_unref);
  g_free (para->text);
  g_free (para);
}
