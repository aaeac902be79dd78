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
#include "fontcheck.h"
#include "fonts.h"
#include "lines.h"
#include "linebreak.h"
#include "booklet.h"
#include "markdown.h"
#include "paginate.h"
#include "reader.h"
#include "render.h"
#include "shape.h"
#include "smarten.h"
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
  TsEncoding encoding; /* of the inputs */
  char *images_dir;     /* --images: photos 1.jpg, 2.jpg… for the captions */
  gboolean keep_going;  /* a photo that cannot be read leaves a marked frame */
  char *from;           /* --from: "markdown", "text", or NULL (by the file name) */
  TsOutputOptions output; /* format, imposition, bleed, marks (render.h) */
  gboolean strict;      /* --strict: a warning fails the input, nothing is written */
};

/* --strict: the warnings are failures, so the output is not written (the
 * reader of a strict run trusts that a PDF on disk is a clean one). */
static gboolean
strict_allows_output (const TsEngine *engine, const TsDiag *diag, GError **error)
{
  int n = diag != NULL ? ts_diag_count (diag, NULL) : 0;

  if (!engine->strict || n == 0)
    return TRUE;
  g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
               "%d warning%s with --strict: no output written; fix %s or drop --strict", n,
               n == 1 ? "" : "s", n == 1 ? "it" : "them");
  return FALSE;
}

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
  engine->images_dir = g_strdup (options->images_dir);
  engine->keep_going = options->keep_going;
  engine->strict = options->strict;
  engine->from = g_strdup (options->from);
  engine->output = options->output;
  if (options->encoding != NULL && !ts_encoding_from_name (options->encoding, &engine->encoding))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_ENCODING,
                   "--encoding=%s: unknown encoding; use auto, utf-8, cp1258, viscii, tcvn3 "
                   "or vni", options->encoding);
      return NULL;
    }
  engine->style = ts_style_load (styles_dir, options->style ? options->style : "bulletin", error);
  if (engine->style == NULL)
    return NULL;
  for (int i = 0; options->sets != NULL && options->sets[i] != NULL; i++)
    if (!ts_style_set_assignment (engine->style, options->sets[i], error))
      return NULL;
  ts_vn_rules_init (&engine->rules);
  engine->rules.number_unit = engine->style->keep_number_unit;
  engine->rules.date = engine->style->keep_date;
  engine->rules.abbreviation = engine->style->keep_abbreviation;
  engine->rules.name = engine->style->keep_name;
  engine->rules.punctuation = engine->style->keep_punctuation;
  engine->rules.last_space = engine->style->keep_last_word;
  engine->rules.short_last = engine->style->keep_short_last;
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
  g_free (engine->images_dir);
  g_free (engine->from);
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
  char *input_dir;      /* the article's folder, for its photos; NULL: the current one */
} Job;

static gboolean
ends_between_graphemes (const TsLine *line)
{
  const TsItem *at = &g_array_index (line->para->items, TsItem, line->brk.item);
  return at->kind == TS_ITEM_PENALTY && at->penalty == TS_PENALTY_GRAPHEME;
}

static void
report_overfull (Job *job, const TsBlock *block, const TsLine *line)
{
  int l = 0, c = 0;
  const TsItem *at = &g_array_index (line->para->items, TsItem, line->brk.item);

  if (at->kind == TS_ITEM_PENALTY && at->penalty == TS_PENALTY_GRAPHEME)
    {
      if (block != NULL)
        ts_block_get_position (block, at->text_start, &l, &c);
      ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, l, c, "broken-word",
                   "a word wider than the %.1fpt column was broken between two characters; "
                   "widen the column or shorten the word",
                   (double) line->width / PANGO_SCALE);
      return;
    }

  if (line->brk.kind != TS_BREAK_EMERGENCY || line->natural_width <= line->width)
    return;
  if (block != NULL)
    ts_block_get_position (block, line->text_start, &l, &c);
  ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, l, c, "overfull",
               "line overfull by %.1fpt: no break fits the %.1fpt measure",
               (double) (line->natural_width - line->width) / PANGO_SCALE,
               (double) line->width / PANGO_SCALE);
}

/* Font expansion for a paragraph of @role set at @width, in per mille.
 * auto: the full limit in narrow columns, where Vietnamese without
 * hyphenation needs it most; three quarters of it on a wide measure (on
 * the seed ×20 at 170 mm: mean |r| 0.13 without, 0.092 with 15‰). */
static int
expansion_for (const TsStyle *style, const TsTextStyle *role, int width)
{
  if (role->align != TS_ALIGN_JUSTIFY || g_strcmp0 (style->expansion, "off") == 0)
    return 0;
  if (g_strcmp0 (style->expansion, "on") == 0 || width < style->expansion_below)
    return style->expansion_limit;
  return style->expansion_limit * 3 / 4;
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
    /* Hanging marks only where both margins are straight. */
    .protrusion = style->hanging_punctuation && role->align == TS_ALIGN_JUSTIFY,
    .expansion = expansion_for (style, role, width),
    .measure = width,
  };
  g_autoptr (TsPara) para = ts_shape_paragraph (job->engine->fonts, text, (int) strlen (text),
                                                spans, &so);
  TsBreakParams params;
  g_autoptr (GArray) breaks = NULL;
  GPtrArray *lines;

  /* Markdown links: their ranges go with the text to the renderer. */
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const TsSpan *span = &g_array_index (spans, TsSpan, i);
      if ((span->flags & TS_SPAN_LINK) && span->link > 0
          && span->link <= (int) job->doc->links->len)
        ts_para_add_link (para, span->start, span->end,
                          g_ptr_array_index (job->doc->links, span->link - 1));
    }
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
    {
      const TsLine *line = g_ptr_array_index (lines, i);
      /* A word broken over many lines is one warning, at its first break. */
      if (i > 0 && ends_between_graphemes (g_ptr_array_index (lines, i - 1))
          && ends_between_graphemes (line))
        continue;
      report_overfull (job, block, line);
    }
  ts_para_release_shaping (para);
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

/* The photo of block @index: a TsImage, or NULL with *placeholder set
 * under --keep-going.  A relative path is taken from the article's folder,
 * as a browser takes it from the page's. */
static gboolean
load_photo (Job *job, const TsBlock *block, const char *path, TsImage **image,
            gboolean *placeholder, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *full = g_path_is_absolute (path) || job->input_dir == NULL
                            ? g_strdup (path)
                            : g_build_filename (job->input_dir, path, NULL);
  int line = 0, column = 0;

  *image = ts_image_load (full, &local);
  *placeholder = FALSE;
  if (*image != NULL)
    return TRUE;
  ts_block_get_position (block, 0, &line, &column);
  if (job->engine->keep_going)
    {
      ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, line, column, "photo",
                   "%s; a marked empty frame stands in its place", local->message);
      *placeholder = TRUE;
      return TRUE;
    }
  g_set_error (error, TS_ERROR, local->code, "%s:%d:%d: %s (or give --keep-going to leave a "
               "marked frame in its place)",
               job->doc->file, line, column, local->message);
  return FALSE;
}

/* --images DIR: the photo for the @nth (1-based) caption, if DIR has one. */
static char *
numbered_photo (Job *job, int nth)
{
  static const char *const extensions[] = { "jpg", "jpeg", "png", "JPG", "JPEG", "PNG" };

  if (job->engine->images_dir == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("%d.%s", nth, extensions[i]);
      g_autofree char *path = g_build_filename (job->engine->images_dir, name, NULL);
      /* DIR is the user's, relative to the current folder; made absolute
       * so that load_photo does not take it from the article's folder. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_canonicalize_filename (path, NULL);
    }
  return NULL;
}

/* A photo and its caption as one flow block: at most figure.max-height of
 * the text area tall, as wide as the column (or the text width, when wide)
 * otherwise, and never wider than its pixels at figure.resolution; the
 * paginator may still scale it down to fit a frame. */
static gboolean
add_figure (Job *job, guint index, const TsBlock *block, const char *path, GError **error)
{
  const TsStyle *s = job->style;
  gboolean wide = job->tmpl.columns > 1
                  && (block->wide || g_strcmp0 (s->figure_width, "full") == 0);
  int width = wide ? job->tmpl.text.width : ts_page_template_get_column_width (&job->tmpl);
  int max_height = (int) ((gint64) job->tmpl.text.height * s->figure_max_height_pct / 100);
  TsImage *image = NULL;
  gboolean placeholder = FALSE;
  int w = width, h;
  GPtrArray *lines;

  if (!load_photo (job, block, path, &image, &placeholder, error))
    return FALSE;
  if (image != NULL)
    h = (int) ((gint64) w * image->height / image->width);
  else
    h = w * 2 / 3; /* a placeholder has the shape of a landscape photo, 3:2 */
  if (h > max_height)
    {
      w = (int) ((gint64) w * max_height / h);
      h = max_height;
    }
  if (image != NULL && s->figure_resolution > 0)
    {
      /* Never enlarged past its pixels at figure.resolution. */
      int natural = (int) ((gint64) image->width * 72 * PANGO_SCALE / s->figure_resolution);
      if (w > natural)
        {
          h = (int) ((gint64) h * natural / w);
          w = natural;
        }
    }
  lines = block->text[0] != '\0'
            ? set_text (job, block->text, block->spans, &s->caption, FALSE, width, block)
            : g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_unref);
  add_block (job, TS_ROLE_CAPTION, (int) index, lines, &s->caption);
  last_block (job)->image = image;
  last_block (job)->placeholder = placeholder;
  last_block (job)->image_width = w;
  last_block (job)->image_height = h;
  last_block (job)->image_gap = lines->len > 0 ? s->figure_gap : 0;
  last_block (job)->wide = wide;
  last_block (job)->keep_together = TRUE;
  return TRUE;
}

/* A list item: every line is set one hanging indent (1.5 em of the body
 * font: room for "•" or "10." and a space) in per level of nesting, and
 * the marker hangs in the last indent, flush left there. */
static void
add_list_item (Job *job, guint index, const TsBlock *block, const TsTextStyle *ts, TsRole role)
{
  int hang = pango_font_description_get_size (job->style->body.font) * 3 / 2;
  int indent = hang * block->list_depth;
  int width = ts_page_template_get_column_width (&job->tmpl);

  add_block (job, role, (int) index,
             set_text (job, block->text, block->spans, ts, FALSE, width - indent, block), ts);
  last_block (job)->indent_left = indent;
  last_block (job)->marker_x = indent - hang;
  if (block->marker != NULL)
    {
      g_autoptr (GPtrArray) marker = set_text (
          job, block->marker, NULL,
          &(TsTextStyle){ .font = ts->font, .leading = ts->leading, .align = TS_ALIGN_LEFT,
                          .color = ts->color },
          FALSE, hang, NULL);
      if (marker->len > 0)
        last_block (job)->marker = ts_line_ref (g_ptr_array_index (marker, 0));
    }
}

static gboolean
build_body (Job *job, GError **error)
{
  const TsStyle *s = job->style;
  int width = ts_page_template_get_column_width (&job->tmpl);
  gboolean indent = FALSE; /* no indent at the start or after a heading */
  int photos = 0;          /* captions and figures so far, for --images */

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
        case TS_BLOCK_BREAK:
          /* A thematic break: a hairline across the column, half a line of
           * space above and below. */
          add_rule (job, PANGO_SCALE / 2, s->body.leading / 2, s->body.leading / 2,
                    s->body.color, FALSE);
          indent = FALSE;
          continue;
        case TS_BLOCK_PARAGRAPH:
        default:
          role = TS_ROLE_BODY;
          ts = &s->body;
          break;
        }
      if (role == TS_ROLE_CAPTION)
        {
          g_autofree char *numbered = NULL;
          const char *photo;

          photos++;
          if (block->image == NULL)
            numbered = numbered_photo (job, photos);
          photo = block->image != NULL ? block->image : numbered;
          if (s->caption_rule > 0)
            add_rule (job, s->caption_rule, ts->space_before, PANGO_SCALE * 3, ts->color, FALSE);
          if (photo != NULL)
            {
              if (!add_figure (job, i, block, photo, error))
                return FALSE;
              if (s->caption_rule > 0)
                last_block (job)->space_before = 0;
              indent = TRUE;
              continue;
            }
        }
      if (block->list_depth > 0 && role != TS_ROLE_CAPTION)
        add_list_item (job, i, block, ts, role);
      else
        add_block (job, role, (int) i,
                   set_text (job, block->text, block->spans, ts,
                             role == TS_ROLE_BODY && indent, width, block),
                   ts);
      if (role == TS_ROLE_CAPTION)
        {
          last_block (job)->keep_together = TRUE;
          if (s->caption_rule > 0)
            last_block (job)->space_before = 0;
        }
      if (role == TS_ROLE_HEADING)
        last_block (job)->keep_with_next = TRUE;
      indent = (role == TS_ROLE_BODY || role == TS_ROLE_QUOTE || role == TS_ROLE_CAPTION)
               && block->list_depth == 0;
    }
  return TRUE;
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

/* The header (when @header) and the footer of @page, one of @pages. */
static void
finalize_page (Job *job, TsPage *page, int pages, gboolean header)
{
  const TsStyle *s = job->style;
  const TsRect *text = &job->tmpl.text;

  if (header)
    {
      /* The header sits in the top margin: its rule a third of the
       * margin above the text, its baseline just above the rule. */
      int rule_y = text->y - text->y / 3;
      int baseline = rule_y - PANGO_SCALE * 3;
      place_furniture (job, page, TS_ROLE_HEADER, s->header_left, TS_ALIGN_LEFT,
                       &s->header_style, baseline, pages);
      place_furniture (job, page, TS_ROLE_HEADER, s->header_right, TS_ALIGN_RIGHT,
                       &s->header_style, baseline, pages);
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
      place_furniture (job, page, TS_ROLE_FOOTER, s->footer_left, TS_ALIGN_LEFT,
                       &s->footer_style, baseline, pages);
      place_furniture (job, page, TS_ROLE_FOOTER, s->footer_center, TS_ALIGN_CENTER,
                       &s->footer_style, baseline, pages);
      place_furniture (job, page, TS_ROLE_FOOTER, s->footer_right, TS_ALIGN_RIGHT,
                       &s->footer_style, baseline, pages);
    }
}

/* One paragraph's lines in one frame of one page, in flow order. */
typedef struct
{
  int block, page, frame, count;
  const TsLine *first;
} Segment;

/* Widows and orphans that the page builder could not avoid (a frame too
 * short, a paragraph of three lines between two keeps): read off the
 * finished pages, so the report says what is printed, whichever rule or
 * balancing pass put it there. */
static void
report_widows_orphans (Job *job, const TsPageList *pages)
{
  g_autoptr (GArray) segs = g_array_new (FALSE, FALSE, sizeof (Segment));

  for (guint p = 0; p < pages->pages->len; p++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, p);
      for (guint i = 0; i < page->boxes->len; i++)
        {
          const TsBox *box = &g_array_index (page->boxes, TsBox, i);
          Segment *last = segs->len ? &g_array_index (segs, Segment, segs->len - 1) : NULL;

          if (box->kind != TS_BOX_LINE || box->block < 0
              || (box->role != TS_ROLE_BODY && box->role != TS_ROLE_QUOTE))
            continue;
          if (last != NULL && last->block == box->block && last->page == page->number
              && last->frame == box->frame)
            last->count++;
          else
            {
              Segment seg = { box->block, page->number, box->frame, 1, box->line };
              g_array_append_val (segs, seg);
            }
        }
    }
  for (guint i = 0; i + 1 < segs->len; i++)
    {
      const Segment *a = &g_array_index (segs, Segment, i);
      const Segment *b = &g_array_index (segs, Segment, i + 1);
      const TsBlock *block;
      int line = 0, column = 0;

      if (a->block != b->block)
        continue;
      block = g_ptr_array_index (job->doc->blocks, a->block);
      if (a->count < job->style->orphans && (i == 0 || segs->len == 0
                                              || g_array_index (segs, Segment, i - 1).block
                                                   != a->block))
        {
          ts_block_get_position (block, a->first->text_start, &line, &column);
          ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, line, column, "orphan",
                       "orphan: %d line%s of this paragraph alone at the foot of page %d "
                       "(no better break fitted)",
                       a->count, a->count == 1 ? "" : "s", a->page);
        }
      if (b->count < job->style->widows
          && (i + 2 >= segs->len || g_array_index (segs, Segment, i + 2).block != b->block))
        {
          ts_block_get_position (block, b->first->text_start, &line, &column);
          ts_diag_add (job->diag, TS_DIAG_WARNING, job->doc->file, line, column, "widow",
                       "widow: %d line%s of this paragraph alone at the head of page %d "
                       "(no better break fitted)",
                       b->count, b->count == 1 ? "" : "s", b->page);
        }
    }
}

/* Headers from page 2 on, footers everywhere: now that the count is known. */
static void
finalize_pages (Job *job, TsPageList *pages)
{
  int n = (int) pages->pages->len;

  for (int i = 0; i < n; i++)
    {
      TsPage *page = g_ptr_array_index (pages->pages, i);
      finalize_page (job, page, n, job->style->header && page->number > 1);
    }
}

/* A [document] key, when set, replaces what the article gave. */
static void
override_metadata (char **field, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_free (*field);
  *field = g_strdup (value);
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
  g_free (job->input_dir);
}

/* The galley of @doc: the page template from the style, the front matter
 * (masthead, title, byline) and the body.  Fails on a photo that cannot be
 * read (without --keep-going). */
static gboolean
job_build (Job *job, TsDoc *doc, GError **error)
{
  const TsStyle *s = job->style;

  job->doc = doc;
  job->date = ts_doc_format_date (doc);
  job->input_dir = doc->file != NULL && strcmp (doc->file, "-") != 0
                       && strcmp (doc->file, "<stdin>") != 0
                     ? g_path_get_dirname (doc->file)
                     : NULL;
  job->galley = g_array_new (FALSE, TRUE, sizeof (TsFlowBlock));
  job->tmpl = (TsPageTemplate){
    .page_width = s->page_width, .page_height = s->page_height,
    .text = { s->margin_left, s->margin_top, s->page_width - s->margin_left - s->margin_right,
              s->page_height - s->margin_top - s->margin_bottom },
    .columns = s->columns, .column_gap = s->column_gap,
    .orphans = s->orphans, .widows = s->widows, .min_ink_gap = TS_MIN_INK_GAP,
    .balance = s->balance, .column_rule = s->column_rule, .column_rule_color = s->body.color,
  };
  if (s->footer)
    {
      /* Where finalize_page will put the footer: its extent across the page
       * matters to the reading-order check, so a folio about 40pt wide at the
       * side its template is on (centred when it has text there). */
      const TsRect *t = &job->tmpl.text;
      int size = pango_font_description_get_size (s->footer_style.font);
      int margin = s->page_height - (t->y + t->height);
      int w = 40 * PANGO_SCALE;
      int x = s->footer_center != NULL && s->footer_center[0] != '\0' ? t->x + (t->width - w) / 2
              : s->footer_right != NULL && s->footer_right[0] != '\0' ? t->x + t->width - w
              : t->x;
      job->tmpl.folio = (TsRect){ x, t->y + t->height + margin / 2 - size, w, size * 4 / 3 };
      job->tmpl.folio_size = size;
    }
  build_front (job);
  return build_body (job, error);
}

/* .md and .markdown (or --from markdown) through md4c, the rest as articles. */
static TsDoc *
parse_source (TsEngine *engine, const TsSource *source, TsDiag *diag, GError **error)
{
  gboolean markdown = engine->from != NULL ? g_strcmp0 (engine->from, "markdown") == 0
                                           : ts_markdown_is_markdown_name (source->name);

  return markdown ? ts_markdown_parse (source, diag, error) : ts_parse_article (source, error);
}

/* The pipeline from @source on; the PDF goes to @output or, when that is
 * NULL, to @pdf (when not NULL). */
static gboolean
typeset_source (TsEngine *engine, const TsSource *source, const char *output, GBytes **pdf,
                TsDumpKind dump, GString *dump_out, TsDiag *diag, TsStats *stats,
                GError **error)
{
  g_autoptr (TsDoc) doc = NULL;
  g_autoptr (TsPageList) pages = NULL;
  const TsStyle *s = engine->style;
  Job job = { .engine = engine, .style = s, .diag = diag };
  gboolean ok = TRUE;

  doc = parse_source (engine, source, diag, error);
  if (doc == NULL)
    return FALSE;
  ts_doc_smarten (doc, (s->smart_quotes ? TS_SMARTEN_QUOTES : 0)
                         | (s->smart_ellipsis ? TS_SMARTEN_ELLIPSIS : 0)
                         | (s->smart_dashes ? TS_SMARTEN_DASHES : 0));
  if (dump == TS_DUMP_DOC)
    {
      g_autofree char *json = ts_doc_to_json (doc);
      g_string_append (dump_out, json);
      if (output == NULL && pdf == NULL)
        return TRUE;
    }

  if (!job_build (&job, doc, error))
    {
      job_clear (&job);
      return FALSE;
    }
  if (dump == TS_DUMP_LINES)
    ts_dump_lines (dump_out, job.galley);

  pages = ts_paginate (job.galley, &job.tmpl);
  report_widows_orphans (&job, pages);
  finalize_pages (&job, pages);
  if (doc->title != NULL)
    pages->title = g_strdup (doc->title);
  else if (s->masthead_name != NULL)
    pages->title = job.date ? g_strdup_printf ("%s — %s", s->masthead_name, job.date)
                            : g_strdup (s->masthead_name);
  pages->author = g_strdup (doc->author);
  pages->subject = g_strdup (doc->source);
  /* [document] keys win over what the article says (PDF metadata only). */
  override_metadata (&pages->title, s->document_title);
  override_metadata (&pages->author, s->document_author);
  override_metadata (&pages->subject, s->document_subject);
  if (dump == TS_DUMP_PAGES)
    ts_dump_pages (dump_out, pages);

  if (stats != NULL)
    stats->pages = (int) pages->pages->len;
  if ((output != NULL || pdf != NULL) && !strict_allows_output (engine, diag, error))
    ok = FALSE;
  else if (output != NULL || pdf != NULL)
    {
      TsRenderOptions ro = { .creator = ts_version_string (),
                             .source_date_epoch = engine->source_date_epoch,
                             .keywords = s->document_keywords, .output = engine->output };
      if (output != NULL)
        ok = ts_render_pdf (pages, output, &ro, error);
      else
        ok = (*pdf = ts_render_pdf_to_bytes (pages, &ro, error)) != NULL;
    }
  job_clear (&job);
  return ok;
}

gboolean
ts_engine_typeset_file_with_stats (TsEngine *engine, const char *input, const char *output,
                                   TsDumpKind dump, GString *dump_out, TsDiag *diag,
                                   TsStats *stats, GError **error)
{
  g_autoptr (TsSource) source = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  if (stats != NULL)
    *stats = (TsStats){ 0 };
  source = ts_source_read_file_encoded (input, engine->encoding, diag, error);
  ok = source != NULL
       && typeset_source (engine, source, output, NULL, dump, dump_out, diag, stats, error);
  if (stats != NULL)
    {
      stats->microseconds = g_get_monotonic_time () - start;
      if (!ok)
        stats->pages = 0;
    }
  return ok;
}

gboolean
ts_engine_typeset_file (TsEngine *engine, const char *input, const char *output,
                        TsDumpKind dump, GString *dump_out, TsDiag *diag, GError **error)
{
  return ts_engine_typeset_file_with_stats (engine, input, output, dump, dump_out, diag, NULL,
                                            error);
}

GBytes *
ts_engine_typeset_file_to_bytes (TsEngine *engine, const char *input, TsDiag *diag,
                                 TsStats *stats, GError **error)
{
  g_autoptr (TsSource) source = NULL;
  GBytes *out = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (engine != NULL && input != NULL, NULL);
  if (stats != NULL)
    *stats = (TsStats){ 0 };
  source = ts_source_read_file_encoded (input, engine->encoding, diag, error);
  if (source != NULL
      && !typeset_source (engine, source, NULL, &out, TS_DUMP_NONE, NULL, diag, stats, error))
    g_clear_pointer (&out, g_bytes_unref);
  if (stats != NULL)
    {
      stats->microseconds = g_get_monotonic_time () - start;
      if (out == NULL)
        stats->pages = 0;
    }
  return out;
}

GBytes *
ts_engine_typeset_data (TsEngine *engine, const char *name, const char *data, gsize length,
                        TsDiag *diag, TsStats *stats, GError **error)
{
  g_autoptr (TsSource) source = NULL;
  GBytes *pdf = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (engine != NULL && name != NULL, NULL);
  if (stats != NULL)
    *stats = (TsStats){ 0 };
  source = ts_source_new_from_data_encoded (name, data, length, engine->encoding, diag, error);
  if (source != NULL
      && !typeset_source (engine, source, NULL, &pdf, TS_DUMP_NONE, NULL, diag, stats, error))
    g_clear_pointer (&pdf, g_bytes_unref);
  if (stats != NULL)
    {
      stats->microseconds = g_get_monotonic_time () - start;
      if (pdf == NULL)
        stats->pages = 0;
    }
  return pdf;
}

int
ts_engine_check_fonts (TsEngine *engine, const char *output, GString *report, GError **error)
{
  return ts_font_check (engine->fonts, engine->style, output, engine->source_date_epoch, report,
                        error);
}

/* ---- many articles, one booklet (booklet.h) ------------------------------ */

struct _TsArticle
{
  Job job;
  TsSource *source;
  TsDoc *doc;
  TsPageList *pages;
};

TsArticle *
ts_article_new (TsEngine *engine, const char *input, TsDiag *diag, GError **error)
{
  TsArticle *article = g_new0 (TsArticle, 1);
  const TsStyle *s = engine->style;

  article->job = (Job){ .engine = engine, .style = s, .diag = diag };
  article->source = ts_source_read_file_encoded (input, engine->encoding, diag, error);
  if (article->source == NULL)
    goto fail;
  article->doc = parse_source (engine, article->source, diag, error);
  if (article->doc == NULL)
    goto fail;
  ts_doc_smarten (article->doc, (s->smart_quotes ? TS_SMARTEN_QUOTES : 0)
                                  | (s->smart_ellipsis ? TS_SMARTEN_ELLIPSIS : 0)
                                  | (s->smart_dashes ? TS_SMARTEN_DASHES : 0));
  if (!job_build (&article->job, article->doc, error))
    goto fail;
  article->pages = ts_paginate (article->job.galley, &article->job.tmpl);
  report_widows_orphans (&article->job, article->pages);
  return article;

fail:
  ts_article_free (article);
  return NULL;
}

void
ts_article_free (TsArticle *article)
{
  if (article == NULL)
    return;
  job_clear (&article->job);
  ts_page_list_free (article->pages);
  ts_doc_free (article->doc);
  ts_source_free (article->source);
  g_free (article);
}

const TsDoc *
ts_article_get_doc (const TsArticle *article)
{
  return article->doc;
}

const TsStyle *
ts_article_get_style (const TsArticle *article)
{
  return article->job.style;
}

const TsPageTemplate *
ts_article_get_template (const TsArticle *article)
{
  return &article->job.tmpl;
}

TsPageList *
ts_article_get_pages (TsArticle *article)
{
  return article->pages;
}

void
ts_article_finalize_page (TsArticle *article, TsPage *page, int pages, gboolean header)
{
  finalize_page (&article->job, page, pages, header);
}

GPtrArray *
ts_article_set_text (TsArticle *article, const char *text, const TsTextStyle *role, int width)
{
  return set_text (&article->job, text, NULL, role, FALSE, width, NULL);
}

gboolean
ts_engine_typeset_booklet (TsEngine *engine, const char *const *inputs, const char *output,
                           TsDumpKind dump, GString *dump_out, TsDiag *diag, GError **error)
{
  g_autoptr (GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_article_free);
  g_autoptr (TsPageList) pages = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (engine != NULL && inputs != NULL && inputs[0] != NULL, FALSE);
  for (int i = 0; inputs[i] != NULL; i++)
    {
      TsArticle *article = ts_article_new (engine, inputs[i], diag, error);
      if (article == NULL)
        return FALSE;
      g_ptr_array_add (articles, article);
    }
  if (dump == TS_DUMP_DOC || dump == TS_DUMP_LINES)
    {
      /* One JSON value: an array with each article's dump. */
      g_string_append (dump_out, "[\n");
      for (guint i = 0; i < articles->len; i++)
        {
          TsArticle *a = g_ptr_array_index (articles, i);
          if (i > 0)
            g_string_append (dump_out, ",\n");
          if (dump == TS_DUMP_DOC)
            {
              g_autofree char *json = ts_doc_to_json (a->doc);
              g_string_append (dump_out, json);
            }
          else
            ts_dump_lines (dump_out, a->job.galley);
        }
      g_string_append (dump_out, "]\n");
    }
  pages = ts_booklet_assemble (articles, NULL);
  override_metadata (&pages->title, engine->style->document_title);
  override_metadata (&pages->author, engine->style->document_author);
  override_metadata (&pages->subject, engine->style->document_subject);
  if (dump == TS_DUMP_PAGES)
    ts_dump_pages (dump_out, pages);
  if (output != NULL && !strict_allows_output (engine, diag, error))
    ok = FALSE;
  else if (output != NULL)
    {
      /* As for one article (typeset_source): the same format, imposition
       * and marks options. */
      TsRenderOptions ro = { .creator = ts_version_string (),
                             .source_date_epoch = engine->source_date_epoch,
                             .keywords = engine->style->document_keywords,
                             .output = engine->output };
      ok = ts_render_pdf (pages, output, &ro, error);
    }
  return ok;
}
