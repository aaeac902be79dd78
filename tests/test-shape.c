/* test-shape.c — shaping and line setting with the real fonts.
 *
 * Uses the project's fonts/fonts.conf and Debian's Noto Serif, as the tool
 * does: no mock of Pango.  Expected values come from the font's own data
 * (the advance of a space, read back through Pango) or from invariants
 * that must hold whatever the font (items cover the text in order; a
 * justified line fills its measure).
 */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <hb.h>

#include "lines.h"
#include "shape.h"
#include "style.h"

#define PT(x) ((int) ((x) * PANGO_SCALE))

static TsFonts *fonts;

static TsTextStyle
role (const char *font, TsAlign align)
{
  TsTextStyle ts = { .font = pango_font_description_from_string (font), .leading = PT (15),
                     .align = align, .indent = PT (13) };
  return ts;
}

static TsPara *
shape (const char *text, const TsTextStyle *ts, TsDiag *diag, const GArray *spans)
{
  TsShapeOptions so = { .role = ts, .space_stretch_pct = 50, .space_shrink_pct = 33,
                        .diag = diag, .file = "test" };
  return ts_shape_paragraph (fonts, text, (int) strlen (text), spans, &so);
}

static int
count_kind (const TsPara *para, TsItemKind kind)
{
  int n = 0;
  for (guint i = 0; i < para->items->len; i++)
    n += g_array_index (para->items, TsItem, i).kind == kind;
  return n;
}

static void
test_items_cover_text (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  const char *text = "Công an quận Bắc Từ Liêm đạt 80%; ngày 29/4/2021.";
  g_autoptr (TsPara) para = shape (text, &ts, NULL, NULL);
  int expect = 0;

  /* 10 words: 10 boxes, 9 glue, then penalty + fil glue + forced break. */
  g_assert_cmpint (count_kind (para, TS_ITEM_BOX), ==, 10);
  g_assert_cmpint (count_kind (para, TS_ITEM_GLUE), ==, 9 + 1);
  for (guint i = 0; i < para->items->len; i++)
    {
      const TsItem *it = &g_array_index (para->items, TsItem, i);
      if (it->run < 0)
        continue;
      g_assert_cmpint (it->text_start, ==, expect); /* no gap, no overlap */
      expect = it->text_end;
      if (it->kind == TS_ITEM_GLUE)
        g_assert_cmpmem (text + it->text_start, it->text_end - it->text_start, " ", 1);
    }
  g_assert_cmpint (expect, ==, (int) strlen (text));
  pango_font_description_free (ts.font);
}

static void
test_space_glue_from_font (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) para = shape ("a b", &ts, NULL, NULL);
  const TsItem *glue = &g_array_index (para->items, TsItem, 1);
  PangoGlyphItem *run = g_ptr_array_index (para->runs, 0);
  PangoFont *font = run->item->analysis.font;
  PangoRectangle logical;
  hb_codepoint_t space = 0;

  g_assert_true (hb_font_get_nominal_glyph (pango_font_get_hb_font (font), ' ', &space));
  pango_font_get_glyph_extents (font, space, NULL, &logical);
  g_assert_cmpint (glue->kind, ==, TS_ITEM_GLUE);
  g_assert_cmpint (glue->width, ==, logical.width);
  /* Noto Serif's space is 260/1000 em: 2.86pt at 11pt. */
  g_assert_cmpint (ABS (glue->width - PT (2.86)), <, PT (0.01));
  g_assert_cmpint (glue->stretch, ==, glue->width * 50 / 100);
  g_assert_cmpint (glue->shrink, ==, glue->width * 33 / 100);
  pango_font_description_free (ts.font);
}

static void
test_unbreakable_tokens (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) date = shape ("29/4/2021 22-NQ/QU", &ts, NULL, NULL);
  g_autoptr (TsPara) url = shape ("xem http://example.com/tin-tuc/bai-viet-moi", &ts, NULL, NULL);

  /* Only the paragraph-end penalties: nothing inside a date or a number. */
  g_assert_cmpint (count_kind (date, TS_ITEM_PENALTY), ==, 2);
  /* A URL may break after its slashes and hyphens as a last resort. */
  g_assert_cmpint (count_kind (url, TS_ITEM_PENALTY), >, 2);
  pango_font_description_free (ts.font);
}

static void
test_missing_glyph_reported (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsDiag) diag = ts_diag_new ();
  /* U+10FFFD is a private-use code point that no Noto font has. */
  g_autoptr (TsPara) para = shape ("chữ \xf4\x8f\xbf\xbd lạ", &ts, diag, NULL);
  const TsDiagnostic *d;

  g_assert_cmpint (ts_diag_count (diag, "missing-glyph"), ==, 1);
  d = &g_array_index (diag->items, TsDiagnostic, 0);
  g_assert_nonnull (strstr (d->message, "U+10FFFD"));
  pango_font_description_free (ts.font);
}

static void
test_vietnamese_has_no_missing (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (TsPara) para = shape ("ẤẦẨẪẬ ấầẩẫậ ỐỒỔỖỘ ốồổỗộ ƠỚỜỞỠỢ ƯỨỪỬỮỰ ỳýỷỹỵ đĐ", &ts, diag, NULL);
  g_assert_cmpint (diag->items->len, ==, 0);
  pango_font_description_free (ts.font);
}

static void
test_italic_span (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));
  TsSpan span = { 0, 0, TS_SPAN_ITALIC };
  g_autoptr (TsPara) para = NULL;
  gboolean saw_italic = FALSE;

  span.start = (int) strlen ("chữ ");
  span.end = span.start + (int) strlen ("nghiêng");
  g_array_append_val (spans, span);
  para = shape ("chữ nghiêng đây", &ts, NULL, spans);
  for (guint r = 0; r < para->runs->len; r++)
    {
      PangoGlyphItem *run = g_ptr_array_index (para->runs, r);
      g_autoptr (PangoFontDescription) d = pango_font_describe (run->item->analysis.font);
      if (pango_font_description_get_style (d) == PANGO_STYLE_ITALIC)
        {
          saw_italic = TRUE;
          g_assert_cmpint (run->item->offset, ==, span.start);
          g_assert_cmpint (run->item->length, ==, (int) strlen ("nghiêng"));
        }
    }
  g_assert_true (saw_italic);
  pango_font_description_free (ts.font);
}

static GPtrArray *
set (TsPara *para, int width, TsAlign align, gboolean total_fit)
{
  TsBreakParams params;
  g_autoptr (GArray) breaks = NULL;
  const TsItem *items = (const TsItem *) (void *) para->items->data;

  ts_break_params_init (&params, &width, 1);
  params.tolerance = 1000;
  breaks = total_fit ? ts_linebreak_total_fit (items, para->items->len, &params)
                     : ts_linebreak_first_fit (items, para->items->len, &params);
  return ts_lines_set (para, breaks, &width, 1, align);
}

static const char *seed_paragraph =
  "Mặc dù quân số ít, chỉ tiêu công tác luôn được cấp trên giao cao nhưng cán bộ, chiến sỹ "
  "công an quận đã khắc phục khó khăn, cố gắng phấn đấu hoàn thành tốt mọi nhiệm vụ được "
  "giao, an ninh chính trị được giữ vững: tội phạm và tệ nạn xã hội được kiềm chế; tỷ lệ "
  "điều tra khám phá chung đạt 80%; tỷ lệ điều tra khám phá trọng án đạt 100%; bắt giữ, xử "
  "lý nhiều vụ án lớn có tiếng vang…";

static void
test_justified_lines_fill_measure (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) para = shape (seed_paragraph, &ts, NULL, NULL);
  g_autoptr (GPtrArray) lines = set (para, PT (227), TS_ALIGN_JUSTIFY, TRUE);
  GString *joined = g_string_new (NULL);

  g_assert_cmpint (lines->len, >=, 4);
  for (guint i = 0; i < lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (lines, i);
      g_autofree char *text = ts_line_get_text (line);
      int glyph_sum = 0;

      if (!line->last)
        {
          /* Filled to the measure, up to the rounding of each glue. */
          g_assert_cmpint (ABS (line->used_width - PT (227)), <=, 40);
          /* ...and the glyph advances really add up to it (that is what
           * the renderer draws). */
          for (guint p = 0; p < line->pieces->len; p++)
            {
              const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, p);
              glyph_sum += pango_glyph_string_get_width (piece->glyph_item->glyphs);
            }
          g_assert_cmpint (ABS (glyph_sum - PT (227)), <=, 40);
        }
      else
        g_assert_cmpint (line->used_width, <=, PT (227));
      g_string_append (joined, i ? " " : "");
      g_string_append (joined, text);
    }
  /* The lines give back the paragraph, word for word. */
  g_assert_cmpstr (joined->str, ==, seed_paragraph);
  g_string_free (joined, TRUE);
  pango_font_description_free (ts.font);
}

/* A hard line break ('\n', Markdown's two spaces at a line's end) ends a
 * line inside the paragraph: the line before it is set at its natural
 * width like a last line, the lines after it are justified as usual, and
 * the '\n' is drawn by no glyph. */
static void
test_hard_break (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autofree char *text = g_strconcat ("Hà Nội, ngày 3.\n", seed_paragraph, NULL);
  g_autofree char *spaced = g_strdup (text);
  g_autoptr (TsPara) para = shape (text, &ts, NULL, NULL);
  int at = (int) (strchr (text, '\n') - text);
  GString *joined = g_string_new (NULL);

  *strchr (spaced, '\n') = ' ';
  for (int k = 0; k < 2; k++)
    {
      g_autoptr (GPtrArray) lines = set (para, PT (227), TS_ALIGN_JUSTIFY, k == 1);
      const TsLine *first = g_ptr_array_index (lines, 0);
      g_autofree char *head = ts_line_get_text (first);

      g_assert_cmpstr (head, ==, "Hà Nội, ngày 3.");
      g_assert_cmpint (first->brk.kind, ==, TS_BREAK_FORCED);
      g_assert_cmpint (first->used_width, ==, first->natural_width);
      g_assert_cmpint (first->used_width, <, PT (227) / 2);
      g_assert_cmpint (lines->len, >=, 5);
      g_string_truncate (joined, 0);
      for (guint i = 0; i < lines->len; i++)
        {
          const TsLine *line = g_ptr_array_index (lines, i);
          g_autofree char *t = ts_line_get_text (line);
          if (i > 0 && !line->last)
            g_assert_cmpint (ABS (line->used_width - PT (227)), <=, 40);
          for (guint p = 0; p < line->pieces->len; p++)
            {
              const PangoItem *item = g_array_index (line->pieces, TsLinePiece, p).glyph_item->item;
              g_assert_false (item->offset <= at && at < item->offset + item->length);
            }
          g_string_append (joined, i ? " " : "");
          g_string_append (joined, t);
        }
      g_assert_cmpstr (joined->str, ==, spaced);
    }
  g_string_free (joined, TRUE);
  pango_font_description_free (ts.font);
}

static void
test_centered_line (void)
{
  TsTextStyle ts = role ("Noto Serif Italic 9.5", TS_ALIGN_CENTER);
  g_autoptr (TsPara) para = shape ("Lực lượng diễn tập.", &ts, NULL, NULL);
  g_autoptr (GPtrArray) lines = set (para, PT (300), TS_ALIGN_CENTER, TRUE);
  const TsLine *line = g_ptr_array_index (lines, 0);
  const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, 0);

  g_assert_cmpint (lines->len, ==, 1);
  g_assert_cmpint (line->used_width, ==, line->natural_width);
  g_assert_cmpint (ABS (2 * piece->x + line->used_width - PT (300)), <=, 2);
  pango_font_description_free (ts.font);
}

static void
test_stacked_capitals_ink (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_LEFT);
  g_autoptr (TsPara) low = shape ("ana", &ts, NULL, NULL);
  g_autoptr (TsPara) high = shape ("ẤN", &ts, NULL, NULL);
  g_autoptr (GPtrArray) l1 = set (low, PT (300), TS_ALIGN_LEFT, FALSE);
  g_autoptr (GPtrArray) l2 = set (high, PT (300), TS_ALIGN_LEFT, FALSE);
  const TsLine *a = g_ptr_array_index (l1, 0), *b = g_ptr_array_index (l2, 0);

  /* x-height letters stay well under the cap height; Ấ rises above it. */
  g_assert_cmpint (a->ink_ascent, <, PT (6.5));
  g_assert_cmpint (b->ink_ascent, >, PT (9.5));
  pango_font_description_free (ts.font);
}

static void
test_indent_box (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  TsShapeOptions so = { .role = &ts, .space_stretch_pct = 50, .space_shrink_pct = 33,
                        .indent_first = TRUE };
  g_autoptr (TsPara) para = ts_shape_paragraph (fonts, "Một hai", 8, NULL, &so);
  const TsItem *first = &g_array_index (para->items, TsItem, 0);

  g_assert_cmpint (first->kind, ==, TS_ITEM_BOX);
  g_assert_cmpint (first->run, ==, -1);
  g_assert_cmpint (first->width, ==, PT (13));
  pango_font_description_free (ts.font);
}


static TsPara *
shape_with (const char *text, const TsTextStyle *ts, const TsVnRules *rules, gboolean protrusion,
            int expansion, int measure)
{
  TsShapeOptions so = { .role = ts, .space_stretch_pct = 50, .space_shrink_pct = 33,
                        .rules = rules, .protrusion = protrusion, .expansion = expansion,
                        .measure = measure, .file = "test" };
  return ts_shape_paragraph (fonts, text, (int) strlen (text), NULL, &so);
}

/* The advance of @c alone in @ts's font, through Pango. */
static int
advance_of (const char *c, const TsTextStyle *ts)
{
  g_autoptr (TsPara) p = shape_with (c, ts, NULL, FALSE, 0, 0);
  return g_array_index (p->items, TsItem, 0).width;
}

static void
test_protrusion (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) plain = shape_with ("cán bộ, chiến sỹ", &ts, NULL, FALSE, 0, 0);
  g_autoptr (TsPara) hung = shape_with ("cán bộ, chiến sỹ", &ts, NULL, TRUE, 0, 0);
  const TsItem *box0 = &g_array_index (plain->items, TsItem, 2); /* "bộ," */
  const TsItem *box1 = &g_array_index (hung->items, TsItem, 2);
  const TsItem *glue0 = &g_array_index (plain->items, TsItem, 3);
  const TsItem *glue1 = &g_array_index (hung->items, TsItem, 3);
  int comma = advance_of (",", &ts);

  g_assert_cmpmem (hung->text + box1->text_start, box1->text_end - box1->text_start, "bộ,",
                   strlen ("bộ,"));
  /* 70% of the comma hangs: the box counts that much less, the space after
   * it that much more, and together they are unchanged. */
  g_assert_cmpint (box1->hang_right, ==, comma * 700 / 1000);
  g_assert_cmpint (box1->width, ==, box0->width - box1->hang_right);
  g_assert_cmpint (glue1->width, ==, glue0->width + box1->hang_right);
  g_assert_cmpint (glue1->hang, ==, box1->hang_right);
  /* Letters do not hang. */
  g_assert_cmpint (g_array_index (hung->items, TsItem, 0).hang_right, ==, 0);
  pango_font_description_free (ts.font);
}

static void
test_protrusion_left_quote (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) hung = shape_with ("đạt “Đơn vị”", &ts, NULL, TRUE, 0, 0);
  const TsItem *box = &g_array_index (hung->items, TsItem, 2); /* "“Đơn" */

  g_assert_cmpint (box->hang_left, ==, advance_of ("“", &ts) * 700 / 1000);
  g_assert_cmpint (g_array_index (hung->items, TsItem, 1).hang, ==, box->hang_left);
  pango_font_description_free (ts.font);
}

static void
test_expansion_stretch (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) p = shape_with ("Công an quận", &ts, NULL, FALSE, 20, 0);
  const TsItem *word = &g_array_index (p->items, TsItem, 0);
  const TsItem *glue = &g_array_index (p->items, TsItem, 1);

  /* The space after "Công" may also take 2% of "Công". */
  g_assert_cmpint (glue->expand_stretch, ==, word->width * 20 / 1000);
  g_assert_cmpint (glue->stretch, ==, glue->width * 50 / 100 + glue->expand_stretch);
  g_assert_cmpint (glue->shrink, ==, glue->width * 33 / 100 + glue->expand_shrink);
  pango_font_description_free (ts.font);
}

static GPtrArray *
set_with (TsPara *para, int width, gboolean total_fit)
{
  TsBreakParams params;
  g_autoptr (GArray) breaks = NULL;
  const TsItem *items = (const TsItem *) (void *) para->items->data;

  ts_break_params_init (&params, &width, 1);
  params.tolerance = 3000;
  params.emergency_stretch = 2 * para->font_size;
  breaks = total_fit ? ts_linebreak_total_fit (items, para->items->len, &params)
                     : ts_linebreak_first_fit (items, para->items->len, &params);
  return ts_lines_set (para, breaks, &width, 1, TS_ALIGN_JUSTIFY);
}

/* The drawn width of @line in page units: glyph advances times the
 * expansion, plus where the first piece starts. */
static double
drawn_width (const TsLine *line)
{
  const TsLinePiece *first = &g_array_index (line->pieces, TsLinePiece, 0);
  const TsLinePiece *last = &g_array_index (line->pieces, TsLinePiece, line->pieces->len - 1);
  return (last->x + pango_glyph_string_get_width (last->glyph_item->glyphs) - first->x)
         * line->expansion;
}

static void
test_expanded_lines_fill_measure (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  g_autoptr (TsPara) para = shape_with (seed_paragraph, &ts, NULL, TRUE, 20, PT (170));
  g_autoptr (GPtrArray) lines = set_with (para, PT (170), TRUE);
  gboolean any_expanded = FALSE;

  for (guint i = 0; i + 1 < lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (lines, i);
      const TsLinePiece *first = &g_array_index (line->pieces, TsLinePiece, 0);
      const TsItem *last_box = NULL;
      double right;

      g_assert_cmpfloat (line->expansion, >=, 0.98 - 1e-9);
      g_assert_cmpfloat (line->expansion, <=, 1.02 + 1e-9);
      any_expanded |= line->expansion != 1.0;
      /* Whole per-mille steps (few distinct scaled fonts per page). */
      g_assert_cmpfloat (fabs (line->expansion * 1000 - round (line->expansion * 1000)), <, 1e-6);
      /* From the left margin (less a hanging first mark) to the right
       * margin (plus a hanging last mark): the measure, to a few units. */
      for (int k = line->brk.item - 1; k >= 0 && last_box == NULL; k--)
        if (g_array_index (para->items, TsItem, k).kind == TS_ITEM_BOX)
          last_box = &g_array_index (para->items, TsItem, k);
      right = first->x * line->expansion + drawn_width (line)
              - last_box->hang_right * line->expansion;
      g_assert_cmpfloat (fabs (right - PT (170)), <, 64);
    }
  g_assert_true (any_expanded);
  pango_font_description_free (ts.font);
}

/* The text of each line's end, for the rule tests. */
static gboolean
some_line_ends_with (GPtrArray *lines, const char *suffix)
{
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *text = ts_line_get_text (g_ptr_array_index (lines, i));
      if (g_str_has_suffix (text, suffix))
        return TRUE;
    }
  return FALSE;
}

/* The natural width of @text's first words up to the end of @upto. */
static int
width_upto (const char *text, const char *upto, const TsTextStyle *ts)
{
  g_autofree char *prefix = g_strndup (text, strstr (text, upto) - text + strlen (upto));
  g_autoptr (TsPara) p = shape_with (prefix, ts, NULL, FALSE, 0, 0);
  int w = 0;
  for (guint i = 0; i < p->items->len; i++)
    if (g_array_index (p->items, TsItem, i).kind != TS_ITEM_PENALTY)
      w += g_array_index (p->items, TsItem, i).width;
  return w;
}

/* Each Vietnamese rule on a real sentence, at the width where the line
 * would otherwise end exactly at the forbidden place (first-fit takes the
 * last break that fits, so without the rule it breaks right there). */
static void
check_rule (const char *text, const char *forbidden_end)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  TsVnRules rules;
  int width = width_upto (text, forbidden_end, &ts) + PT (0.5);
  g_autoptr (TsPara) free_para = shape_with (text, &ts, NULL, FALSE, 0, width);
  g_autoptr (TsPara) ruled = NULL;
  g_autoptr (GPtrArray) free_lines = NULL, ruled_lines = NULL;

  ts_vn_rules_init (&rules);
  ruled = shape_with (text, &ts, &rules, FALSE, 0, width);
  free_lines = set_with (free_para, width, FALSE);
  ruled_lines = set_with (ruled, width, FALSE);
  g_assert_true (some_line_ends_with (free_lines, forbidden_end));
  g_assert_false (some_line_ends_with (ruled_lines, forbidden_end));
  pango_font_description_free (ts.font);
}

static void
test_rule_number_unit (void)
{
  check_rule ("đến nay đã trải qua hơn 7 năm xây dựng và phát triển lực lượng", "hơn 7");
  check_rule ("tỷ lệ điều tra khám phá chung đạt 30 quận huyện của thành phố", "đạt 30");
}

static void
test_rule_abbreviation (void)
{
  check_rule ("trong buổi lễ công bố quyết định của Công an TP Hà Nội hôm nay", "an TP");
}

static void
test_rule_last_word (void)
{
  check_rule ("Lực lượng Công an quận Bắc Từ Liêm diễn tập giải cứu con tin.", "cứu con");
}

static void
test_long_token_breaks_between_graphemes (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  GString *text = g_string_new ("Đường dẫn ");
  g_autoptr (TsPara) para = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GString) joined = g_string_new (NULL);
  int width = PT (60);

  for (int i = 0; i < 4000; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, " hết.");
  para = shape_with (text->str, &ts, NULL, FALSE, 0, width);
  lines = set_with (para, width, TRUE);
  g_assert_cmpint (lines->len, >, 50);
  for (guint i = 0; i < lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (lines, i);
      g_autofree char *t = ts_line_get_text (line);
      g_assert_cmpint (line->natural_width, <=, width);
      g_string_append (joined, t);
    }
  /* Nothing lost: the lines give back every character, spaces aside. */
  {
    g_autofree char *a = g_strdup (text->str), *b = g_strdup (joined->str);
    GString *sa = g_string_new (NULL), *sb = g_string_new (NULL);
    for (char *p = a; *p; p++)
      if (*p != ' ')
        g_string_append_c (sa, *p);
    for (char *p = b; *p; p++)
      if (*p != ' ')
        g_string_append_c (sb, *p);
    g_assert_cmpstr (sa->str, ==, sb->str);
    g_string_free (sa, TRUE);
    g_string_free (sb, TRUE);
  }
  g_string_free (text, TRUE);
  pango_font_description_free (ts.font);
}

static void
test_one_em_column (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  TsVnRules rules;
  int width = PT (11);
  g_autoptr (TsPara) para = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  int overfull = 0;

  ts_vn_rules_init (&rules);
  para = shape_with (seed_paragraph, &ts, &rules, TRUE, 20, width);
  lines = set_with (para, width, TRUE);
  for (guint i = 0; i < lines->len; i++)
    {
      const TsLine *line = g_ptr_array_index (lines, i);
      if (line->natural_width > width)
        {
          /* Only a single grapheme wider than an em may overflow, and the
           * breaker says so. */
          g_assert_cmpint (line->brk.kind, ==, TS_BREAK_EMERGENCY);
          overfull++;
        }
    }
  g_assert_cmpint (lines->len, >, 100);
  g_test_message ("%u lines, %d overfull", lines->len, overfull);
  pango_font_description_free (ts.font);
}

/* No line, the last of a paragraph included, is wider than its measure:
 * a last line that the breaker let shrink is set shrunk (the fil glue of
 * the paragraph end never shrinks).  The seed's paragraphs at measures
 * from 50 to 90 mm include such last lines; the test counts them, so that
 * it cannot pass vacuously. */
static void
test_no_line_wider_than_measure (void)
{
  TsTextStyle ts = role ("Noto Serif 11", TS_ALIGN_JUSTIFY);
  const char *root = g_getenv ("TYPESET_DATA_DIR");
  g_autofree char *path = g_build_filename (root ? root : ".", "samples", "bac-tu-liem.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) paragraphs = NULL;
  TsVnRules rules;
  int shrunk_last = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  paragraphs = g_strsplit (contents, "\n\n", -1);
  ts_vn_rules_init (&rules);
  for (int mm = 50; mm <= 90; mm += 2)
    for (int i = 0; paragraphs[i] != NULL; i++)
      {
        int width = (int) (mm * 72.0 / 25.4 * PANGO_SCALE);
        g_autofree char *text = g_strstrip (g_strdup (paragraphs[i]));
        g_autoptr (TsPara) para = NULL;
        g_autoptr (GPtrArray) lines = NULL;

        if (text[0] == '\0')
          continue;
        para = shape_with (text, &ts, &rules, TRUE, 20, width);
        lines = set_with (para, width, TRUE);
        for (guint j = 0; j < lines->len; j++)
          {
            const TsLine *line = g_ptr_array_index (lines, j);
            g_assert_cmpint (line->used_width, <=, width + 1);
            if (line->last && line->natural_width > width)
              shrunk_last++;
          }
      }
  g_assert_cmpint (shrunk_last, >, 0);
  pango_font_description_free (ts.font);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *root = g_getenv ("TYPESET_DATA_DIR");

  g_test_init (&argc, &argv, NULL);
  fonts = ts_fonts_new (root ? root : ".", &error);
  g_assert_no_error (error);
  g_test_add_func ("/shape/items-cover-text", test_items_cover_text);
  g_test_add_func ("/shape/space-glue", test_space_glue_from_font);
  g_test_add_func ("/shape/unbreakable-tokens", test_unbreakable_tokens);
  g_test_add_func ("/shape/missing-glyph", test_missing_glyph_reported);
  g_test_add_func ("/shape/vietnamese-coverage", test_vietnamese_has_no_missing);
  g_test_add_func ("/shape/italic-span", test_italic_span);
  g_test_add_func ("/shape/indent", test_indent_box);
  g_test_add_func ("/lines/justified-fill", test_justified_lines_fill_measure);
  g_test_add_func ("/lines/centered", test_centered_line);
  g_test_add_func ("/lines/stacked-capitals-ink", test_stacked_capitals_ink);
  g_test_add_func ("/shape/protrusion", test_protrusion);
  g_test_add_func ("/shape/protrusion-left", test_protrusion_left_quote);
  g_test_add_func ("/shape/expansion", test_expansion_stretch);
  g_test_add_func ("/lines/expanded-fill", test_expanded_lines_fill_measure);
  g_test_add_func ("/rules/number-unit", test_rule_number_unit);
  g_test_add_func ("/rules/abbreviation", test_rule_abbreviation);
  g_test_add_func ("/rules/last-word", test_rule_last_word);
  g_test_add_func ("/lines/long-token", test_long_token_breaks_between_graphemes);
  g_test_add_func ("/lines/hard-break", test_hard_break);
  g_test_add_func ("/lines/one-em-column", test_one_em_column);
  g_test_add_func ("/lines/no-line-wider", test_no_line_wider_than_measure);
  {
    int rc = g_test_run ();
    ts_fonts_free (fonts);
    return rc;
  }
}
