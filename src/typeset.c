/* typeset.c — the pipeline: read → parse → style → shape → break → set →
 * paginate → finalize → render.
 *
 * Each stage hands the next a plain structure; this file only connects
 * them and chooses which style role each block gets.  Headers and footers
 * are made after pagination, once the page count is known (Typst's
 * pages/finalize), so that nothing is laid out twice.
 */
#include "config.h"
#include "typeset.h"

#include <string.h>

#include "doc.h"
#include "dump.h"
#include "fonts.h"
#include "lines.h"
#include "linebreak.h"
#include "paginate.h"
#include "reader.h"
#include "render.h"
#include "shape.h"
#include "style.h"

/* Smallest gap between the ink of two lines, so that a stacked capital
 * (Ấ, Ỗ) never touches a descender of the line above. */
#define TS_MIN_INK_GAP (PANGO_SCALE / 2)

struct _TsEngine
{
  TsFonts *fonts;
  TsStyle *style;
  TsVnRules rules;
  gint64 source_date_epoch;
};

const char *
ts_version_string (void)
{
  return "typeset " TS_VERSION;
}

TsEngine *
ts_engine_new (const TsOptions *options, GError **error)
{
  g_autoptr (TsEngine) engine = g_new0 (TsEngine, 1);
  g_autofree char *styles_dir = g_build_filename (options->data_dir, "styles", NULL);

  engine->source_date_epoch = options->source_date_epoch;
  engine->style = ts_style_load (styles_dir, options->style ? options->style : "bulletin", error);
  if (engine->style == NULL)
    return NULL;
  for (int i = 0; options->sets != NULL && options->sets[i] != NULL; i++)
    if (!ts_style_set_assignment (engine->style, options->sets[i], error))
      return NULL;
  ts_vn_rules_init (&engine->rules);
  engine->fonts = ts_fonts_new (options->data_dir, error);
  if (engine->fonts == NULL)
    return NULL;
  return g_steal_pointer (&engine);
}

void
ts_engine_free (TsEngine *engine)
{
  if (engine == NULL)
    return;
  ts_fonts_free (engine->fonts);
  ts_style_free (engine->style);
  g_free (engine);
}

/* One document's journey; everything here dies with the document. */
typedef struct
{
  TsEngine *engine;
  const TsStyle *style;
  TsDoc *doc;
  TsDiag *diag;
  GArray *galley;       /* TsFlowBlock */
  TsPageTemplate tmpl;
  char *date;           /* "Tháng 5/2021" or NULL */
} Job;

static void
report_overfull (Job *job, const TsBlock *block, const TsLine *line)
{
  int l = 0, c = 0;

  if (line->brk.kind != TS_BREAK_EMERGENCY || line->natural_width <= line->width)
    return;
  if (block != NULL)
    ts_block_get_position (block, line->text_start, &l, &c);
  ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, l, c, "overfull",
               "line overfull by %.1fpt: no break fits the %.1fpt measure",
               (double) (line->natural_width - line->width) / PANGO_SCALE,
               (double) line->width / PANGO_SCALE);
}

/* Shapes, breaks and sets one paragraph at @width. */
static GPtrArray *
set_text (Job *job, const char *text, const GArray *spans, const TsTextStyle *role,
          gboolean indent, int width, const TsBlock *block)
{
  const TsStyle *style = job->style;
  TsShapeOptions so = {
    .role = role, .space_stretch_pct = style->space_stretch_pct,
    .space_shrink_pct = style->space_shrink_pct, .indent_first = indent,
    .diag = job->diag, .block = block, .file = job->doc->file,
    .rules = &job->engine->rules,
  };
  g_autoptr (TsPara) para = ts_shape_paragraph (job->engine->fonts, text, (int) strlen (text),
                                                spans, &so);
  TsBreakParams params;
  g_autoptr (GArray) breaks = NULL;
  GPtrArray *lines;

  ts_break_params_init (&params, &width, 1);
  params.tolerance = style->tolerance;
  if (role->align == TS_ALIGN_JUSTIFY)
    /* TeX's third pass: a little more stretch before any line overflows. */
    params.emergency_stretch = 2 * para->font_size;
  else
    {
      /* Ragged and centred lines are set at their natural width; the slack
       * only has to look even.  Any line up to half the measure short is
       * acceptable, and demerits keep the lines' lengths close. */
      params.pretolerance = -1;
      params.emergency_stretch = width / 2;
    }
  if (g_strcmp0 (style->break_algorithm, "first-fit") == 0)
    breaks = ts_linebreak_first_fit ((const TsItem *) (void *) para->items->data,
                                     para->items->len, &params);
  else
    breaks = ts_linebreak_total_fit ((const TsItem *) (void *) para->items->data,
                                     para->items->len, &params);
  lines = ts_lines_set (para, breaks, &width, 1, role->align);
  for (guint i = 0; i < lines->len; i++)
    report_overfull (job, block, g_ptr_array_index (lines, i));
  return lines;
}

static void
add_block (Job *job, TsRole role, int block_index, GPtrArray *lines, const TsTextStyle *ts)
{
  TsFlowBlock fb = {
    .role = role, .block = block_index, .lines = lines, .leading = ts->leading,
    .space_before = ts->space_before, .space_after = ts->space_after, .color = ts->color,
  };
  g_array_append_val (job->galley, fb);
}

static TsFlowBlock *
last_block (Job *job)
{
  return &g_array_index (job->galley, TsFlowBlock, job->galley->len - 1);
}

static void
add_rule (Job *job, int thickness, int space_before, int space_after, guint32 color,
          gboolean span_all)
{
  TsFlowBlock fb = { .role = TS_ROLE_RULE, .block = -1, .rule = thickness,
                     .space_before = space_before, .space_after = space_after,
                     .color = color, .span_all = span_all };
  g_array_append_val (job->galley, fb);
}

/* The masthead, the title and the byline, across the text width. */
static void
build_front (Job *job)
{
  const TsStyle *s = job->style;
  int width = job->tmpl.text.width;

  if (s->masthead)
    {
      if (s->masthead_subtitle != NULL && s->masthead_subtitle[0] != '\0')
        {
          add_block (job, TS_ROLE_MASTHEAD_DATE, -1,
                     set_text (job, s->masthead_subtitle, NULL, &s->masthead_date_style, FALSE,
                               width, NULL),
                     &s->masthead_date_style);
          last_block (job)->span_all = TRUE;
          last_block (job)->space_after = 0;
        }
      add_block (job, TS_ROLE_MASTHEAD, -1,
                 set_text (job, s->masthead_name, NULL, &s->masthead_style, FALSE, width, NULL),
                 &s->masthead_style);
      last_block (job)->span_all = TRUE;
      last_block (job)->space_after = 0;
      if (s->masthead_rule > 0)
        add_rule (job, s->masthead_rule, PANGO_SCALE * 2, PANGO_SCALE * 3,
                  s->masthead_style.color, TRUE);
      if (job->date != NULL)
        {
          add_block (job, TS_ROLE_MASTHEAD_DATE, -1,
                     set_text (job, job->date, NULL, &s->masthead_date_style, FALSE, width,
                               NULL),
                     &s->masthead_date_style);
          last_block (job)->span_all = TRUE;
        }
      last_block (job)->space_after = s->masthead_style.space_after;
    }
  if (job->doc->title != NULL)
    {
      add_block (job, TS_ROLE_TITLE, -1,
                 set_text (job, job->doc->title, NULL, &s->title, FALSE, width, NULL),
                 &s->title);
      last_block (job)->span_all = TRUE;
    }
  if (job->doc->author != NULL || job->doc->source != NULL)
    {
      g_autofree char *byline = NULL;
      if (job->doc->author != NULL && job->doc->source != NULL)
        byline = g_strdup_printf ("%s — %s", job->doc->author, job->doc->source);
      else
        byline = g_strdup (job->doc->author ? job->doc->author : job->doc->source);
      add_block (job, TS_ROLE_BYLINE, -1,
                 set_text (job, byline, NULL, &s->byline, FALSE, width, NULL), &s->byline);
      last_block (job)->span_all = TRUE;
    }
}

static void
build_body (Job *job)
{
  const TsStyle *s = job->style;
  int width = ts_page_template_get_column_width (&job->tmpl);
  gboolean indent = FALSE; /* no indent at the start or after a heading */

  for (guint i = 0; i < job->doc->blocks->len; i++)
    {
      const TsBlock *block = g_ptr_array_index (job->doc->blocks, i);
      const TsTextStyle *ts;
      TsRole role;

      switch (block->kind)
        {
        case TS_BLOCK_CAPTION:
        case TS_BLOCK_FIGURE:
          role = TS_ROLE_CAPTION;
          ts = &s->caption;
          break;
        case TS_BLOCK_HEADING:
          role = TS_ROLE_HEADING;
          ts = &s->heading;
          break;
        case TS_BLOCK_QUOTE:
          role = TS_ROLE_QUOTE;
          ts = &s->quote;
          break;
        case TS_BLOCK_PARAGRAPH:
        default:
          role = TS_ROLE_BODY;
          ts = &s->body;
          break;
        }
      if (role == TS_ROLE_CAPTION && s->caption_rule > 0)
        add_rule (job, s->caption_rule, ts->space_before, PANGO_SCALE * 3, ts->color, FALSE);
      add_block (job, role, (int) i,
                 set_text (job, block->text, block->spans, ts, role == TS_ROLE_BODY && indent,
                           width, block),
                 ts);
      if (role == TS_ROLE_CAPTION)
        {
          last_block (job)->keep_together = TRUE;
          if (s->caption_rule > 0)
            last_block (job)->space_before = 0;
        }
      if (role == TS_ROLE_HEADING)
        last_block (job)->keep_with_next = TRUE;
      indent = role == TS_ROLE_BODY || role == TS_ROLE_QUOTE || role == TS_ROLE_CAPTION;
    }
}

static char *
expand_template (const char *tmpl, const Job *job, int page, int pages)
{
  GString *out = g_string_new (NULL);
  const char *p = tmpl;

  while (p != NULL && *p != '\0')
    {
      const char *close;
      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *field = g_strndup (p + 1, close - p - 1);
          if (strcmp (field, "page") == 0)
            g_string_append_printf (out, "%d", page);
          else if (strcmp (field, "pages") == 0)
            g_string_append_printf (out, "%d", pages);
          else if (strcmp (field, "name") == 0)
            g_string_append (out, job->style->masthead_name ? job->style->masthead_name : "");
          else if (strcmp (field, "date") == 0)
            g_string_append (out, job->date ? job->date : "");
          else if (strcmp (field, "title") == 0)
            g_string_append (out, job->doc->title ? job->doc->title : "");
          else if (strcmp (field, "author") == 0)
            g_string_append (out, job->doc->author ? job->doc->author : "");
          else if (strcmp (field, "source") == 0)
            g_string_append (out, job->doc->source ? job->doc->source : "");
          else if (strcmp (field, "subtitle") == 0)
            g_string_append (out, job->style->masthead_subtitle ? job->style->masthead_subtitle
                                                                : "");
          else
            g_string_append_len (out, p, close - p + 1); /* unknown: keep it visible */
          p = close + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* One line of page furniture at @baseline, aligned within the text width. */
static void
place_furniture (Job *job, TsPage *page, TsRole role, const char *tmpl, TsAlign align,
                 const TsTextStyle *ts, int baseline, int pages)
{
  g_autofree char *text = expand_template (tmpl, job, page->number, pages);
  g_autoptr (GPtrArray) lines = NULL;
  const TsLine *line;
  TsBox box = { .kind = TS_BOX_LINE, .role = role, .frame = -1, .block = -1,
                .x = job->tmpl.text.x, .width = job->tmpl.text.width, .color = ts->color };

  g_strstrip (text);
  if (text[0] == '\0')
    return;
  lines = set_text (job, text, NULL, &(TsTextStyle){ .font = ts->font, .leading = ts->leading,
                                                       .align = align, .color = ts->color },
                    FALSE, job->tmpl.text.width, NULL);
  for (guint i = 0; i < lines->len && i < 1; i++)
    {
      line = g_ptr_array_index (lines, i);
      box.line = (TsLine *) line;
      box.baseline = baseline;
      box.y = baseline - line->ascent;
      box.height = line->ascent + line->descent;
      ts_page_add_box (page, &box);
    }
}

/* Headers from page 2 on, footers everywhere: now that the count is known. */
static void
finalize_pages (Job *job, TsPageList *pages)
{
  const TsStyle *s = job->style;
  const TsRect *text = &job->tmpl.text;
  int n = (int) pages->pages->len;

  for (int i = 0; i < n; i++)
    {
      TsPage *page = g_ptr_array_index (pages->pages, i);

      if (s->header && page->number > 1)
        {
          /* The header sits in the top margin: its rule a third of the
           * margin above the text, its baseline just above the rule. */
          int rule_y = text->y - text->y / 3;
          int baseline = rule_y - PANGO_SCALE * 3;
          place_furniture (job, page, TS_ROLE_HEADER, s->header_left, TS_ALIGN_LEFT,
                           &s->header_style, baseline, n);
          place_furniture (job, page, TS_ROLE_HEADER, s->header_right, TS_ALIGN_RIGHT,
                           &s->header_style, baseline, n);
          if (s->header_rule > 0)
            {
              TsBox rule = { .kind = TS_BOX_RULE, .role = TS_ROLE_RULE, .frame = -1,
                             .block = -1, .x = text->x, .y = rule_y, .width = text->width,
                             .height = s->header_rule, .color = s->header_style.color };
              ts_page_add_box (page, &rule);
            }
        }
      if (s->footer)
        {
          int margin = page->height - (text->y + text->height);
          int baseline = text->y + text->height + margin / 2;
          place_furniture (job, page, TS_ROLE_FOOTER, s->footer_center, TS_ALIGN_CENTER,
                           &s->footer_style, baseline, n);
        }
    }
}

static void
job_clear (Job *job)
{
  if (job->galley != NULL)
    {
      for (guint i = 0; i < job->galley->len; i++)
        ts_flow_block_clear (&g_array_index (job->galley, TsFlowBlock, i));
      g_array_unref (job->galley);
    }
  g_free (job->date);
}

gboolean
ts_engine_typeset_file (TsEngine *engine, const char *input, const char *output,
                        TsDumpKind dump, GString *dump_out, TsDiag *diag, GError **error)
{
  g_autoptr (TsSource) source = NULL;
  g_autoptr (TsDoc) doc = NULL;
  g_autoptr (TsPageList) pages = NULL;
  const TsStyle *s = engine->style;
  Job job = { .engine = engine, .style = s, .diag = diag };
  gboolean ok = TRUE;

  source = ts_source_read_file (input, error);
  if (source == NULL)
    return FALSE;
  doc = ts_parse_article (source, error);
  if (doc == NULL)
    return FALSE;
  if (dump == TS_DUMP_DOC)
    {
      g_autofree char *json = ts_doc_to_json (doc);
      g_string_append (dump_out, json);
      if (output == NULL)
        return TRUE;
    }

  job.doc = doc;
  job.date = ts_doc_format_date (doc);
  job.galley = g_array_new (FALSE, TRUE, sizeof (TsFlowBlock));
  job.tmpl = (TsPageTemplate){
    .page_width = s->page_width, .page_height = s->page_height,
    .text = { s->margin_left, s->margin_top, s->page_width - s->margin_left - s->margin_right,
              s->page_height - s->margin_top - s->margin_bottom },
    .columns = s->columns, .column_gap = s->column_gap,
    .orphans = 2, .widows = 2, .min_ink_gap = TS_MIN_INK_GAP,
  };

  build_front (&job);
  build_body (&job);
  if (dump == TS_DUMP_LINES)
    ts_dump_lines (dump_out, job.galley);

  pages = ts_paginate (job.galley, &job.tmpl);
  finalize_pages (&job, pages);
  if (doc->title != NULL)
    pages->title = g_strdup (doc->title);
  else if (s->masthead_name != NULL)
    pages->title = job.date ? g_strdup_printf ("%s — %s", s->masthead_name, job.date)
                            : g_strdup (s->masthead_name);
  pages->author = g_strdup (doc->author);
  pages->subject = g_strdup (doc->source);
  if (dump == TS_DUMP_PAGES)
    ts_dump_pages (dump_out, pages);

  if (output != NULL)
    {
      TsRenderOptions ro = { .creator = ts_version_string (),
                             .source_date_epoch = engine->source_date_epoch };
      ok = ts_render_pdf (pages, output, &ro, error);
    }
  job_clear (&job);
  return ok;
}
