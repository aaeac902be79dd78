/* render.c — the only stage that draws.
 *
 * Plan: the imposer (impose.h) lays the pages onto sheets; each sheet is
 * drawn onto a Cairo surface (PDF, image or SVG), each page on it through
 * the same code under a translation and a clip, so that imposition never
 * re-reads a PDF.  Per page, draw each box (rules as filled rectangles,
 * lines as their pieces with cairo_show_text_glyphs and the clusters
 * pango_cairo_show_glyph_item would give, so that the text layer maps
 * back to the input; ts_render_show_glyph_item), then
 * check cairo_status once (Cairo's sticky error model).  After
 * cairo_surface_finish, check the surface status, and only then write the
 * bytes: to a temporary file beside the target, renamed into place, so
 * that no reader ever sees half a file.  Lengths turn into doubles here
 * and nowhere else.
 *
 * Navigation (PDF, unimposed only: imposed sheets are for the press).
 * The first line of every title and heading is drawn inside a CAIRO_TAG_DEST
 * named "ts-N"; after the last page the outline refers to those names
 * (titles at the root, headings under the title before them).  Cairo
 * 1.16 takes only `dest='name'` in an outline's link attributes: a bare
 * name puts the surface into an error state and the pages after it are
 * dropped silently, so the surface status is checked after every call.
 * URLs found in the text become CAIRO_TAG_LINK annotations whose rect is
 * the ink of the URL's glyphs on each line it spans.  Page labels are the
 * printed folios, "Bìa" for a cover.
 *
 * Bleed.  A rule or a photo that touches an edge of its page is drawn into
 * the bleed beyond that edge (bleed_extend), as print offices expect of
 * backgrounds and full-bleed photos; the page's clip (impose.h) stops it
 * at the bleed's edge, or at the trim where it meets the facing page.
 */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <pango/pangofc-font.h>

#include "error.h"
#include "fonts.h"
#include "impose.h"
#include "pdfbox.h"
#include "pdfout.h"

/* Crop and fold marks: 0.25pt, the hairline print offices expect. */
#define TS_MARK_LINE_WIDTH 0.25
#define TS_DEFAULT_DPI 150.0

static double
to_pt (int units)
{
  return (double) units / PANGO_SCALE;
}

static void
set_color (cairo_t *cr, guint32 color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

/* ---- what a drawing pass collects ------------------------------------- */

typedef struct
{
  int level;   /* 1: a title, 2: a heading */
  char *dest;  /* "ts-N" (Cairo) */
  int dest_index; /* the native writer's destination */
  GString *title;
} OutlineEntry;

typedef struct
{
  TsPdfDoc *doc;        /* the native PDF writer draws, not Cairo (cr is NULL) */
  gboolean pdf;         /* tags (dests, links) are for the PDF only */
  gboolean navigation;  /* outline and links (PDF, not imposed) */
  int bleed;
  GArray *outline;      /* OutlineEntry */
  /* The title or heading that the last line box belonged to, so that its
   * next lines join the same entry. */
  TsRole group_role;
  int group_block;
  gboolean in_group;
  int n_links;          /* link annotations made (render_pdf must clean up after them) */
  GString *svg_text;    /* SVG: the invisible text layer, or NULL */
  double slot_x, slot_y;/* the page's offset on the sheet, for the SVG text layer */
} DrawContext;

static void
outline_entry_clear (gpointer data)
{
  OutlineEntry *entry = data;
  g_free (entry->dest);
  g_string_free (entry->title, TRUE);
}

/* ---- URLs ---------------------------------------------------------------- */

static gboolean
is_word_start (const char *text, int i)
{
  return i == 0 || g_ascii_isspace (text[i - 1]) || strchr ("([<\"'“‘«", text[i - 1]) != NULL
         || (guchar) text[i - 1] >= 0x80;
}

gboolean
ts_find_url (const char *text, int from, int *start, int *end)
{
  static const char *const prefixes[] = { "https://", "http://", "www.", NULL };

  for (int i = from; text[i] != '\0'; i++)
    {
      int p, j, open = 0, close = 0;

      if (!is_word_start (text, i))
        continue;
      for (p = 0; prefixes[p] != NULL; p++)
        if (g_ascii_strncasecmp (text + i, prefixes[p], strlen (prefixes[p])) == 0)
          break;
      if (prefixes[p] == NULL)
        continue;
      /* Up to the next space or a character no URL holds unescaped. */
      for (j = i; text[j] != '\0' && !g_ascii_isspace (text[j]) && (guchar) text[j] < 0x80
                  && strchr ("<>\"", text[j]) == NULL;
           j++)
        {
          open += text[j] == '(';
          close += text[j] == ')';
        }
      /* A sentence's stop or comma after a URL is not part of it, nor is
       * the bracket around it ("(xem https://a.vn)"). */
      while (j > i)
        {
          char c = text[j - 1];
          if (c == ')' && close > open)
            close--;
          else if (strchr (".,;:!?'", c) == NULL)
            break;
          j--;
        }
      if (j - i > (int) strlen (prefixes[p]))
        {
          *start = i;
          *end = j;
          return TRUE;
        }
      i = j > i ? j - 1 : i;
    }
  return FALSE;
}

/* Cairo's attribute strings quote with '; a quote inside is escaped with
 * a backslash.  Cairo 1.16 drops a backslash that escapes anything else,
 * so a backslash (never valid in a URL) goes in percent-encoded. */
static void
append_quoted (GString *out, const char *text, int length)
{
  g_string_append_c (out, '\'');
  for (int i = 0; i < length; i++)
    {
      if (text[i] == '\\')
        {
          g_string_append (out, "%5C");
          continue;
        }
      if (text[i] == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '\'');
}

/* The horizontal extent, from the line's left edge in the line's own
 * (expanded) system, of the glyphs whose clusters lie in [start, end). */
static gboolean
range_extent (const TsLine *line, int start, int end, double *x0, double *x1)
{
  gboolean found = FALSE;

  for (guint i = 0; i < line->pieces->len; i++)
    {
      const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, i);
      const PangoItem *item = piece->glyph_item->item;
      const PangoGlyphString *glyphs = piece->glyph_item->glyphs;
      int x = piece->x;

      for (int g = 0; g < glyphs->num_glyphs; g++)
        {
          int cluster = item->offset + glyphs->log_clusters[g];
          int width = glyphs->glyphs[g].geometry.width;

          if (cluster >= start && cluster < end)
            {
              *x0 = found ? MIN (*x0, to_pt (x)) : to_pt (x);
              *x1 = found ? MAX (*x1, to_pt (x + width)) : to_pt (x + width);
              found = TRUE;
            }
          x += width;
        }
    }
  return found;
}

/* A link annotation to @uri over the part of [@start, @end) on @box's line. */
static void
tag_range (cairo_t *cr, DrawContext *dc, const TsBox *box, const char *uri, int start, int end)
{
  const TsLine *line = box->line;
  int s = MAX (start, line->text_start), e = MIN (end, line->text_end);
  double x0, x1;
  double scale = line->expansion > 0 ? line->expansion : 1.0;
  g_autoptr (GString) attrs = NULL;

  if (s >= e || !range_extent (line, s, e, &x0, &x1))
    return;
  if (dc->doc != NULL)
    {
      ts_pdf_doc_add_link (dc->doc, uri, to_pt (box->x) + x0 * scale,
                           to_pt (box->baseline - line->ascent), (x1 - x0) * scale,
                           to_pt (line->ascent + line->descent));
      return;
    }
  attrs = g_string_new ("uri=");
  append_quoted (attrs, uri, (int) strlen (uri));
  g_string_append_printf (attrs, " rect=[%.3f %.3f %.3f %.3f]", to_pt (box->x) + x0 * scale,
                          to_pt (box->baseline - line->ascent), (x1 - x0) * scale,
                          to_pt (line->ascent + line->descent));
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs->str);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
  dc->n_links++;
}

/* Whether [@start, @end) overlaps a Markdown link of @para. */
static gboolean
in_para_link (const TsPara *para, int start, int end)
{
  for (guint i = 0; para->links != NULL && i < para->links->len; i++)
    {
      const TsParaLink *link = &g_array_index (para->links, TsParaLink, i);
      if (link->start < end && start < link->end)
        return TRUE;
    }
  return FALSE;
}

/* A link annotation over each Markdown link and each URL written in the
 * text (or the part of one on this line).  A URL that is itself the text
 * of a Markdown link ("<https://…>") is tagged once, with the link's target. */
static void
tag_links (cairo_t *cr, DrawContext *dc, const TsBox *box)
{
  const TsLine *line = box->line;
  const TsPara *para = line->para;
  const char *text = para->text;
  int start, end, from = 0;

  for (guint i = 0; para->links != NULL && i < para->links->len; i++)
    {
      const TsParaLink *link = &g_array_index (para->links, TsParaLink, i);
      tag_range (cr, dc, box, link->uri, link->start, link->end);
    }
  if (strstr (text, "http") == NULL && strstr (text, "www.") == NULL
      && strstr (text, "WWW.") == NULL)
    return;
  while (ts_find_url (text, from, &start, &end))
    {
      gboolean bare = g_ascii_strncasecmp (text + start, "www.", 4) == 0;
      g_autofree char *uri = NULL;

      from = end;
      if (in_para_link (para, start, end) || end <= line->text_start || start >= line->text_end)
        continue;
      uri = g_strdup_printf ("%s%.*s", bare ? "http://" : "", end - start, text + start);
      tag_range (cr, dc, box, uri, start, end);
    }
}

/* ---- boxes ----------------------------------------------------------------- */

/* Glyphs and clusters of a piece up to this many live on the stack. */
#define TS_PIECE_STACK_GLYPHS 256

/* The Cairo font for a font of our (PangoFT2) font map: fontconfig's
 * pattern for it, at the matrix Pango would give Cairo (fonts.h), with
 * print options (no hinting, unhinted metrics).  Kept on the PangoFont,
 * made once; a lock, since batch workers may draw with one font at once.
 * Returns a new reference. */
static cairo_scaled_font_t *
scaled_font_for (PangoFont *font)
{
  static GMutex lock;
  static GQuark quark;
  cairo_scaled_font_t *scaled;

  g_mutex_lock (&lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("ts-cairo-scaled-font");
  scaled = g_object_get_qdata (G_OBJECT (font), quark);
  if (scaled == NULL)
    {
      const FcPattern *pattern = PANGO_IS_FC_FONT (font)
                                     ? pango_fc_font_get_pattern (PANGO_FC_FONT (font))
                                     : NULL;
      cairo_font_face_t *face = pattern != NULL
                                    ? cairo_ft_font_face_create_for_pattern ((FcPattern *) pattern)
                                    : cairo_toy_font_face_create ("serif", CAIRO_FONT_SLANT_NORMAL,
                                                                  CAIRO_FONT_WEIGHT_NORMAL);
      cairo_font_options_t *options = cairo_font_options_create ();
      cairo_matrix_t matrix, ctm;
      double m[4];

      ts_fonts_get_matrix (font, m);
      cairo_matrix_init (&matrix, m[0], m[1], m[2], m[3], 0, 0);
      cairo_matrix_init_identity (&ctm);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      scaled = cairo_scaled_font_create (face, &matrix, &ctm, options);
      cairo_font_options_destroy (options);
      cairo_font_face_destroy (face);
      g_object_set_qdata_full (G_OBJECT (font), quark, scaled,
                               (GDestroyNotify) cairo_scaled_font_destroy);
    }
  cairo_scaled_font_reference (scaled);
  g_mutex_unlock (&lock);
  return scaled;
}

/* Draws a glyph item at the current point: the glyphs, with their
 * clusters so that the text layer maps back to @text, as
 * pango_cairo_show_glyph_item does (pangocairo-render.c and
 * pango-glyph-item.c, Pango 1.50: the same glyph positions and clusters).
 * Right-to-left items give their clusters backward.  A glyph the font
 * lacks (Pango's hex box) is drawn as the font's .notdef, a box too; its
 * text stays in the layer. */
void
ts_render_show_glyph_item (cairo_t *cr, const char *text, const PangoGlyphItem *gi)
{
  const PangoItem *item = gi->item;
  const PangoGlyphString *glyphs = gi->glyphs;
  cairo_scaled_font_t *font = scaled_font_for (item->analysis.font);
  cairo_glyph_t stack_glyphs[TS_PIECE_STACK_GLYPHS], *cairo_glyphs = stack_glyphs;
  cairo_text_cluster_t stack_clusters[TS_PIECE_STACK_GLYPHS], *clusters = stack_clusters;
  int n = glyphs->num_glyphs, count = 0, n_clusters = 0, x_position = 0;
  gboolean rtl = (item->analysis.level & 1) != 0;
  gboolean text_glyphs = cairo_surface_has_show_text_glyphs (cairo_get_target (cr));
  double base_x, base_y;

  if (n > TS_PIECE_STACK_GLYPHS)
    {
      cairo_glyphs = g_new (cairo_glyph_t, n);
      clusters = g_new (cairo_text_cluster_t, n);
    }
  /* Pango's origin: the current point as Cairo gives it back (rounded to
   * its fixed point), plus a zero offset. */
  cairo_get_current_point (cr, &base_x, &base_y);
  base_x += 0.0; /* as Pango adds its zero offset: a -0.0 becomes 0.0 */
  base_y += 0.0;
  for (int g = 0; g < n; g++)
    {
      const PangoGlyphInfo *info = &glyphs->glyphs[g];

      if (info->glyph != PANGO_GLYPH_EMPTY)
        {
          cairo_glyphs[count].index = (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 ? 0
                                                                                  : info->glyph;
          cairo_glyphs[count].x = base_x + (double) (x_position + info->geometry.x_offset)
                                           / PANGO_SCALE;
          cairo_glyphs[count].y = info->geometry.y_offset == 0
                                      ? base_y
                                      : base_y + (double) (info->geometry.y_offset)
                                                     / PANGO_SCALE;
          count++;
        }
      x_position += info->geometry.width;
    }
  /* Clusters as pango_glyph_item_iter_next_cluster cuts them: a cluster
   * runs until a glyph with a greater log cluster; its bytes run from the
   * end of the one before; empty glyphs are not counted.  Right to left,
   * the same from the last glyph back. */
  for (int k = 0, start = 0; text_glyphs && k < n;)
    {
      int g = rtl ? n - 1 - k : k, cluster = glyphs->log_clusters[g], k_end = k + 1, end;
      int empty = 0;

      while (k_end < n && glyphs->log_clusters[rtl ? n - 1 - k_end : k_end] <= cluster)
        k_end++;
      end = k_end < n ? glyphs->log_clusters[rtl ? n - 1 - k_end : k_end] : item->length;
      for (int i = k; i < k_end; i++)
        empty += glyphs->glyphs[rtl ? n - 1 - i : i].glyph == PANGO_GLYPH_EMPTY;
      clusters[n_clusters].num_bytes = end - start;
      clusters[n_clusters].num_glyphs = k_end - k - empty;
      n_clusters++;
      start = end;
      k = k_end;
    }
  cairo_set_scaled_font (cr, font);
  if (text_glyphs)
    cairo_show_text_glyphs (cr, text + item->offset, item->length, cairo_glyphs, count, clusters,
                            n_clusters, rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
  else
    cairo_show_glyphs (cr, cairo_glyphs, count);
  cairo_scaled_font_destroy (font);
  if (cairo_glyphs != stack_glyphs)
    {
      g_free (cairo_glyphs);
      g_free (clusters);
    }
}

static void
draw_line (cairo_t *cr, DrawContext *dc, const TsBox *box)
{
  const TsLine *line = box->line;

  if (dc->doc != NULL)
    {
      for (guint i = 0; i < line->pieces->len; i++)
        {
          const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, i);
          ts_pdf_doc_show_glyphs (dc->doc, box->color,
                                  to_pt (box->x) + to_pt (piece->x) * line->expansion,
                                  to_pt (box->baseline), line->expansion, line->para->text,
                                  piece->glyph_item);
        }
      return;
    }

  /* Font expansion scales the whole line about its left edge; piece
   * positions are already in that scaled system (lines.h). */
  cairo_save (cr);
  cairo_translate (cr, to_pt (box->x), to_pt (box->baseline));
  if (line->expansion != 1.0)
    cairo_scale (cr, line->expansion, 1.0);
  for (guint i = 0; i < line->pieces->len; i++)
    {
      const TsLinePiece *piece = &g_array_index (line->pieces, TsLinePiece, i);
      cairo_move_to (cr, to_pt (piece->x), 0.0);
      ts_render_show_glyph_item (cr, line->para->text, piece->glyph_item);
    }
  cairo_restore (cr);
}

/* A photo scaled into its box.  A JPEG's surface carries the file as mime
 * data, so the PDF embeds its bytes as a DCT stream, never re-encoded
 * (image.h).  Without an image (unreadable under --keep-going), a marked
 * placeholder: a thin frame with its diagonals, so no one takes the gap for
 * a layout choice. */
static void
draw_image (cairo_t *cr, DrawContext *dc, const TsBox *box, gboolean decode)
{
  double x = to_pt (box->x), y = to_pt (box->y), w = to_pt (box->width), h = to_pt (box->height);

  if (dc->doc != NULL && box->image != NULL)
    {
      ts_pdf_doc_draw_image (dc->doc, box->image, x, y, w, h);
      return;
    }
  if (dc->doc != NULL)
    {
      /* The frame (its sides, half the line inside the box) and the diagonals. */
      double l = x + 0.25, t = y + 0.25, r = x + w - 0.25, b = y + h - 0.25;
      const double segments[] = { l, t, r, t, r, t, r, b, r, b, l, b, l, b, l, t,
                                  x, y, x + w, y + h, x + w, y, x, y + h };
      ts_pdf_doc_stroke_segments (dc->doc, box->color, 0.5, NULL, 0, segments, 6);
      return;
    }
  cairo_save (cr);
  if (box->image == NULL)
    {
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x + 0.25, y + 0.25, w - 0.5, h - 0.5);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + w, y + h);
      cairo_move_to (cr, x + w, y);
      cairo_line_to (cr, x, y + h);
      cairo_stroke (cr);
    }
  else
    {
      /* A PDF embeds the JPEG's bytes; only previews need its pixels. */
      cairo_surface_t *surface = ts_image_create_surface (box->image, decode);
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, w / box->image->width, h / box->image->height);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (surface);
    }
  cairo_restore (cr);
}

/* The bleed hook: a box that touches an edge of its page grows past that
 * edge by @bleed, so that a background or a full-bleed photo leaves no
 * white sliver when the cut is a little off.  A photo keeps its aspect:
 * it grows about its centre in the other direction too (the page's clip
 * trims what lands outside the bleed). */
static TsBox
bleed_extend (const TsPage *page, const TsBox *box, int bleed)
{
  TsBox out = *box;
  int left, right, top, bottom;

  if (bleed <= 0)
    return out;
  left = box->x <= 0 ? bleed : 0;
  top = box->y <= 0 ? bleed : 0;
  right = box->x + box->width >= page->width ? bleed : 0;
  bottom = box->y + box->height >= page->height ? bleed : 0;
  out.x -= left;
  out.y -= top;
  out.width += left + right;
  out.height += top + bottom;
  if (box->kind == TS_BOX_IMAGE && box->width > 0 && box->height > 0
      && left + right + top + bottom > 0)
    {
      double sx = (double) out.width / box->width, sy = (double) out.height / box->height;
      if (sx > sy)
        {
          int h = (int) (box->height * sx + 0.5);
          out.y -= (h - out.height) / 2;
          out.height = h;
        }
      else if (sy > sx)
        {
          int w = (int) (box->width * sy + 0.5);
          out.x -= (w - out.width) / 2;
          out.width = w;
        }
    }
  return out;
}

/* The SVG text layer: each line's text, invisible, where its glyphs are,
 * so that an SVG preview can be searched and copied like the PDF. */
static void
svg_text_line (DrawContext *dc, const TsBox *box)
{
  g_autofree char *text = ts_line_get_text (box->line);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  double width = to_pt (box->line->used_width);

  if (text[0] == '\0')
    return;
  g_string_append_printf (dc->svg_text, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"",
                          dc->slot_x + to_pt (box->x), dc->slot_y + to_pt (box->baseline),
                          to_pt (box->line->para->font_size));
  if (width > 0)
    g_string_append_printf (dc->svg_text,
                            " textLength=\"%.2f\" lengthAdjust=\"spacingAndGlyphs\"", width);
  g_string_append_printf (dc->svg_text, ">%s</text>\n", escaped);
}

/* Titles and headings: the first line of each opens an outline entry and
 * is drawn inside its destination tag; the lines after it join its text. */
static gboolean
outline_line (cairo_t *cr, DrawContext *dc, const TsBox *box, gboolean *opened)
{
  OutlineEntry *entry;
  g_autofree char *text = NULL;
  gboolean heading = box->kind == TS_BOX_LINE
                     && (box->role == TS_ROLE_TITLE || box->role == TS_ROLE_HEADING);

  *opened = FALSE;
  if (!heading)
    {
      dc->in_group = FALSE;
      return FALSE;
    }
  text = ts_line_get_text (box->line);
  if (dc->in_group && dc->group_role == box->role && dc->group_block == box->block
      && dc->outline->len > 0)
    {
      entry = &g_array_index (dc->outline, OutlineEntry, dc->outline->len - 1);
      g_string_append_c (entry->title, ' ');
      g_string_append (entry->title, text);
      return TRUE;
    }
  {
    OutlineEntry fresh = { .level = box->role == TS_ROLE_TITLE ? 1 : 2,
                           .dest = g_strdup_printf ("ts-%u", dc->outline->len + 1),
                           .title = g_string_new (text) };
    if (dc->doc != NULL)
      fresh.dest_index = ts_pdf_doc_add_dest (dc->doc, to_pt (box->x),
                                              to_pt (box->baseline - box->line->ascent));
    else
      {
        g_autofree char *attrs = g_strdup_printf ("name='%s'", fresh.dest);
        cairo_tag_begin (cr, CAIRO_TAG_DEST, attrs);
        *opened = TRUE;
      }
    g_array_append_val (dc->outline, fresh);
  }
  dc->in_group = TRUE;
  dc->group_role = box->role;
  dc->group_block = box->block;
  return TRUE;
}

/* Draws @page's boxes at the current transform.  The caller checks the
 * status. */
static void
draw_page (cairo_t *cr, const TsPage *page, DrawContext *dc)
{
  /* A title's lines join across a page only when they are one block. */
  if (dc->group_block < 0)
    dc->in_group = FALSE;
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const TsBox *box = &g_array_index (page->boxes, TsBox, i);
      gboolean opened = FALSE;
      TsBox grown;

      if (dc->navigation)
        outline_line (cr, dc, box, &opened);
      if (dc->doc == NULL)
        set_color (cr, box->color);
      switch (box->kind)
        {
        case TS_BOX_RULE:
          grown = bleed_extend (page, box, dc->bleed);
          if (dc->doc != NULL)
            {
              ts_pdf_doc_fill_rect (dc->doc, box->color, to_pt (grown.x), to_pt (grown.y),
                                    to_pt (grown.width), to_pt (grown.height));
              break;
            }
          cairo_rectangle (cr, to_pt (grown.x), to_pt (grown.y), to_pt (grown.width),
                           to_pt (grown.height));
          cairo_fill (cr);
          break;
        case TS_BOX_LINE:
          draw_line (cr, dc, box);
          if (dc->navigation)
            tag_links (cr, dc, box);
          if (dc->svg_text != NULL)
            svg_text_line (dc, box);
          break;
        case TS_BOX_IMAGE:
          grown = bleed_extend (page, box, dc->bleed);
          draw_image (cr, dc, &grown, !dc->pdf);
          break;
        }
      if (opened)
        cairo_tag_end (cr, CAIRO_TAG_DEST);
    }
}

/* Crop marks at the trim's corners, in the slug, clear of the bleed; a
 * dashed fold mark above and below the spine of a 2-up spread. */
/* Straight segments (x0 y0 x1 y1 each), stroked @width wide in black,
 * dashed by @dash (or NULL), with Cairo or the native writer. */
static void
stroke_segments (cairo_t *cr, DrawContext *dc, double width, const double *dash, int n_dash,
                 const double *points, int n_segments)
{
  if (dc->doc != NULL)
    {
      ts_pdf_doc_stroke_segments (dc->doc, 0x000000, width, dash, n_dash, points, n_segments);
      return;
    }
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, width);
  if (dash != NULL)
    cairo_set_dash (cr, dash, n_dash, 0);
  for (int i = 0; i < n_segments; i++)
    {
      cairo_move_to (cr, points[4 * i], points[4 * i + 1]);
      cairo_line_to (cr, points[4 * i + 2], points[4 * i + 3]);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_marks (cairo_t *cr, DrawContext *dc, const TsSheet *sheet)
{
  double x0 = to_pt (sheet->trim.x), y0 = to_pt (sheet->trim.y);
  double x1 = to_pt (sheet->trim.x + sheet->trim.width);
  double y1 = to_pt (sheet->trim.y + sheet->trim.height);
  double gap = to_pt (sheet->mark_gap), length = to_pt (TS_MARK_LENGTH);
  const double xs[2] = { x0, x1 }, ys[2] = { y0, y1 };
  double crop[2 * 2 * 2 * 4];
  int n = 0;

  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      {
        double dx = i == 0 ? -1 : 1, dy = j == 0 ? -1 : 1;
        const double corner[8] = {
          /* Horizontal: along the top or bottom edge, out past the side. */
          xs[i] + dx * gap, ys[j], xs[i] + dx * (gap + length), ys[j],
          /* Vertical: along the side, out past the top or bottom. */
          xs[i], ys[j] + dy * gap, xs[i], ys[j] + dy * (gap + length),
        };
        memcpy (crop + n, corner, sizeof corner);
        n += 8;
      }
  stroke_segments (cr, dc, TS_MARK_LINE_WIDTH, NULL, 0, crop, 8);
  if (sheet->fold_x > 0)
    {
      const double dash[] = { 1.5, 1.0 };
      double fx = to_pt (sheet->fold_x);
      const double fold[8] = { fx, y0 - gap, fx, y0 - gap - length,
                               fx, y1 + gap, fx, y1 + gap + length };

      stroke_segments (cr, dc, TS_MARK_LINE_WIDTH, dash, 2, fold, 2);
    }
}

/* The label a reader sees for the page in the PDF viewer: the printed
 * folio, or "Bìa" for a cover. */
static char *
page_label (const TsPage *page)
{
  for (guint i = 0; i < page->boxes->len; i++)
    if (g_array_index (page->boxes, TsBox, i).role == TS_ROLE_COVER)
      return g_strdup ("Bìa");
  return page->number > 0 ? g_strdup_printf ("%d", page->number) : NULL;
}

/* Whether any page's label differs from its place (1, 2, 3, ...).  Cairo
 * 1.16 writes a label only where the numbering breaks, so labels that are
 * all the default come out as an empty /Nums, which some readers show as
 * empty labels: then there are better none at all. */
static gboolean
needs_labels (const TsPageList *pages)
{
  for (guint i = 0; i < pages->pages->len; i++)
    {
      g_autofree char *label = page_label (g_ptr_array_index (pages->pages, i));
      g_autofree char *place = g_strdup_printf ("%u", i + 1);
      if (g_strcmp0 (label, place) != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check (cairo_t *cr, const char *what, int number, GError **error)
{
  cairo_status_t status = cairo_status (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (cairo_get_target (cr));
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "%s %d: %s", what, number,
               cairo_status_to_string (status));
  return FALSE;
}

/* Draws one sheet (its pages and marks); does not show the page. */
static void
draw_sheet (cairo_t *cr, const TsPageList *pages, const TsSheet *sheet, DrawContext *dc)
{
  for (int s = 0; s < sheet->n_slots; s++)
    {
      const TsSlot *slot = &sheet->slots[s];

      if (slot->page < 0)
        continue;
      dc->slot_x = to_pt (slot->x);
      dc->slot_y = to_pt (slot->y);
      if (dc->doc != NULL)
        {
          ts_pdf_doc_save (dc->doc);
          ts_pdf_doc_clip_rect (dc->doc, to_pt (slot->clip.x), to_pt (slot->clip.y),
                                to_pt (slot->clip.width), to_pt (slot->clip.height));
          ts_pdf_doc_translate (dc->doc, dc->slot_x, dc->slot_y);
          draw_page (NULL, g_ptr_array_index (pages->pages, slot->page), dc);
          ts_pdf_doc_restore (dc->doc);
          continue;
        }
      cairo_save (cr);
      cairo_rectangle (cr, to_pt (slot->clip.x), to_pt (slot->clip.y), to_pt (slot->clip.width),
                       to_pt (slot->clip.height));
      cairo_clip (cr);
      cairo_translate (cr, dc->slot_x, dc->slot_y);
      draw_page (cr, g_ptr_array_index (pages->pages, slot->page), dc);
      cairo_restore (cr);
    }
  if (sheet->marks)
    draw_marks (cr, dc, sheet);
}

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
format_date (gint64 epoch)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (epoch);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
set_metadata (cairo_surface_t *surface, const TsPageList *pages, const TsRenderOptions *options)
{
  if (pages->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pages->title);
  if (pages->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pages->author);
  if (pages->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, pages->subject);
  if (options->keywords && options->keywords[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, options->keywords);
  if (options->creator)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, options->creator);
  if (options->source_date_epoch >= 0)
    {
      /* Both dates, or Cairo stamps the current time and the output is no
       * longer reproducible. */
      g_autofree char *date = format_date (options->source_date_epoch);
      if (date != NULL)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        }
    }
}

/* The outline from the entries the drawing collected: titles at the root,
 * headings under the title before them. */
static gboolean
add_outline (cairo_surface_t *surface, GArray *outline, GError **error)
{
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  for (guint i = 0; i < outline->len; i++)
    {
      const OutlineEntry *entry = &g_array_index (outline, OutlineEntry, i);
      g_autofree char *attrs = g_strdup_printf ("dest='%s'", entry->dest);
      int id = cairo_pdf_surface_add_outline (surface, entry->level == 1 ? CAIRO_PDF_OUTLINE_ROOT
                                                                         : parent,
                                              entry->title->str, attrs,
                                              entry->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      cairo_status_t status = cairo_surface_status (surface);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "outline entry “%s”: %s",
                       entry->title->str, cairo_status_to_string (status));
          return FALSE;
        }
      if (entry->level == 1)
        parent = id;
    }
  return TRUE;
}

static gboolean
needs_boxes (const TsOutputOptions *out)
{
  return out->bleed > 0 || out->marks || out->impose != TS_IMPOSE_NONE;
}

/* TrimBox and BleedBox in PDF space (y up from the sheet's foot). */
static TsPdfPageBoxes
pdf_boxes (const TsSheet *sheet)
{
  double h = to_pt (sheet->height);
  const TsRect *t = &sheet->trim, *b = &sheet->bleed;

  return (TsPdfPageBoxes){
    .trim = { to_pt (t->x), h - to_pt (t->y + t->height), to_pt (t->x + t->width), h - to_pt (t->y) },
    .bleed = { to_pt (b->x), h - to_pt (b->y + b->height), to_pt (b->x + b->width), h - to_pt (b->y) },
  };
}

static GBytes *
render_pdf_cairo (const TsPageList *pages, GArray *sheets, const TsRenderOptions *options,
                  GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GArray) outline = g_array_new (FALSE, TRUE, sizeof (OutlineEntry));
  g_autoptr (GBytes) pdf = NULL;
  const TsOutputOptions *o = &options->output;
  DrawContext dc = { .pdf = TRUE, .navigation = o->impose == TS_IMPOSE_NONE,
                     .bleed = o->bleed, .outline = outline, .group_block = -1 };
  const TsSheet *first = sheets->len ? &g_array_index (sheets, TsSheet, 0) : NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok = TRUE, labelled;

  g_array_set_clear_func (outline, outline_entry_clear);
  surface = cairo_pdf_surface_create_for_stream (write_to_array, out,
                                                 first ? to_pt (first->width) : 595.0,
                                                 first ? to_pt (first->height) : 842.0);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (surface, pages, options);

  labelled = dc.navigation && needs_labels (pages);
  cr = cairo_create (surface);
  for (guint i = 0; ok && i < sheets->len; i++)
    {
      const TsSheet *sheet = &g_array_index (sheets, TsSheet, i);

      cairo_pdf_surface_set_size (surface, to_pt (sheet->width), to_pt (sheet->height));
      if (dc.navigation && labelled)
        {
          g_autofree char *label = page_label (g_ptr_array_index (pages->pages,
                                                                  sheet->slots[0].page));
          if (label != NULL)
            cairo_pdf_surface_set_page_label (surface, label);
        }
      draw_sheet (cr, pages, sheet, &dc);
      cairo_show_page (cr);
      ok = check (cr, o->impose == TS_IMPOSE_NONE ? "page" : "sheet", sheet->number, error);
    }
  cairo_destroy (cr);
  if (ok)
    ok = add_outline (surface, outline, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot write the PDF: %s",
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  if (!ok)
    return NULL;
  pdf = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  if (needs_boxes (o))
    {
      g_autofree TsPdfPageBoxes *boxes = g_new (TsPdfPageBoxes, MAX (sheets->len, 1));
      for (guint i = 0; i < sheets->len; i++)
        boxes[i] = pdf_boxes (&g_array_index (sheets, TsSheet, i));
      return ts_pdf_rewrite (pdf, boxes, sheets->len, error);
    }
  /* Cairo 1.16 leaves dangling objects behind link annotations (pdfbox.h). */
  if (dc.n_links > 0)
    return ts_pdf_rewrite (pdf, NULL, 0, error);
  return g_steal_pointer (&pdf);
}

/* Whether the native writer can draw every line of @pages (pdfout.h). */
static gboolean
native_can_draw (TsPdfDoc *doc, const TsPageList *pages)
{
  for (guint p = 0; p < pages->pages->len; p++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, p);

      for (guint i = 0; i < page->boxes->len; i++)
        {
          const TsBox *box = &g_array_index (page->boxes, TsBox, i);

          if (box->kind != TS_BOX_LINE)
            continue;
          for (guint k = 0; k < box->line->pieces->len; k++)
            if (!ts_pdf_doc_can_show (
                    doc, g_array_index (box->line->pieces, TsLinePiece, k).glyph_item))
              return FALSE;
        }
    }
  return TRUE;
}

/* The PDF by the native writer: the same drawing as with Cairo (draw_sheet
 * with no cairo_t), the same metadata, outline, labels, links and boxes. */
static GBytes *
render_pdf_native (TsPdfDoc *doc, const TsPageList *pages, GArray *sheets,
                   const TsRenderOptions *options, GError **error)
{
  g_autoptr (GArray) outline = g_array_new (FALSE, TRUE, sizeof (OutlineEntry));
  const TsOutputOptions *o = &options->output;
  DrawContext dc = { .doc = doc, .pdf = TRUE, .navigation = o->impose == TS_IMPOSE_NONE,
                     .bleed = o->bleed, .outline = outline, .group_block = -1 };
  gboolean labelled = dc.navigation && needs_labels (pages);
  const struct { const char *key, *value; } info[] = {
    { "Title", pages->title },       { "Author", pages->author },
    { "Subject", pages->subject },   { "Keywords", options->keywords },
    { "Creator", options->creator }, { "Producer", options->creator },
  };

  g_array_set_clear_func (outline, outline_entry_clear);
  for (gsize i = 0; i < G_N_ELEMENTS (info); i++)
    if (info[i].value != NULL && info[i].value[0] != '\0')
      ts_pdf_doc_set_info (doc, info[i].key, info[i].value);
  /* Without SOURCE_DATE_EPOCH, now (as Cairo did). */
  ts_pdf_doc_set_date (doc, options->source_date_epoch >= 0 ? options->source_date_epoch
                                                            : g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < sheets->len; i++)
    {
      const TsSheet *sheet = &g_array_index (sheets, TsSheet, i);
      g_autofree char *label = labelled ? page_label (g_ptr_array_index (pages->pages,
                                                                         sheet->slots[0].page))
                                        : NULL;
      TsPdfPageBoxes boxes = pdf_boxes (sheet);

      ts_pdf_doc_begin_page (doc, to_pt (sheet->width), to_pt (sheet->height),
                             needs_boxes (o) ? &boxes : NULL, label);
      draw_sheet (NULL, pages, sheet, &dc);
      ts_pdf_doc_end_page (doc);
    }
  for (guint i = 0; i < outline->len; i++)
    {
      const OutlineEntry *entry = &g_array_index (outline, OutlineEntry, i);
      ts_pdf_doc_add_outline (doc, entry->level, entry->title->str, entry->dest_index);
    }
  return ts_pdf_doc_finish (doc, error);
}

/* The PDF: the native writer (pdfout.h), or Cairo's PDF surface for what
 * it cannot draw, or when TYPESET_PDF_WRITER=cairo asks for it (to compare
 * the two). */
static GBytes *
render_pdf (const TsPageList *pages, GArray *sheets, const TsRenderOptions *options,
            GError **error)
{
  TsPdfDoc *doc;

  if (g_strcmp0 (g_getenv ("TYPESET_PDF_WRITER"), "cairo") != 0)
    {
      doc = ts_pdf_doc_new ();
      if (native_can_draw (doc, pages))
        return render_pdf_native (doc, pages, sheets, options, error);
      ts_pdf_doc_free (doc);
    }
  return render_pdf_cairo (pages, sheets, options, error);
}

/* The one sheet a preview shows. */
static const TsSheet *
preview_sheet (GArray *sheets, const TsOutputOptions *o, GError **error)
{
  int n = o->page > 0 ? o->page : 1;

  if (n > (int) sheets->len)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "--page %d: the document has %u %s; give --page 1 to %u", n, sheets->len,
                   o->impose == TS_IMPOSE_NONE ? "pages" : "sheets", sheets->len);
      return NULL;
    }
  return &g_array_index (sheets, TsSheet, n - 1);
}

static GBytes *
render_png (const TsPageList *pages, GArray *sheets, const TsRenderOptions *options,
            GError **error)
{
  const TsOutputOptions *o = &options->output;
  const TsSheet *sheet = preview_sheet (sheets, o, error);
  double dpi = o->dpi > 0 ? o->dpi : TS_DEFAULT_DPI;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  DrawContext dc = { .bleed = o->bleed, .group_block = -1 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;
  gboolean ok;

  if (sheet == NULL)
    return NULL;
  /* Pixels: the page in points × dpi / 72, to the nearest. */
  width = (int) (to_pt (sheet->width) * dpi / 72.0 + 0.5);
  height = (int) (to_pt (sheet->height) * dpi / 72.0 + 0.5);
  if (width < 1 || height < 1 || width > 32767 || height > 32767)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "%d × %d pixels at %g dpi is not a picture Cairo can make; give a "
                   "--dpi between 10 and a few hundred", width, height, dpi);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Paper is white, not transparent. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  draw_sheet (cr, pages, sheet, &dc);
  ok = check (cr, o->impose == TS_IMPOSE_NONE ? "page" : "sheet", sheet->number, error);
  cairo_destroy (cr);
  if (ok)
    {
      status = cairo_surface_write_to_png_stream (surface, write_to_array, out);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot write the PNG: %s",
                       cairo_status_to_string (status));
          ok = FALSE;
        }
    }
  cairo_surface_destroy (surface);
  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

/* Cairo's SVG draws glyphs as outlines; the text layer and a <title> go
 * in before the closing tag so the preview can be searched. */
static GBytes *
svg_add_text (GByteArray *svg, const char *title, const GString *text)
{
  g_autoptr (GString) out = g_string_new_len ((const char *) svg->data, svg->len);
  const char *end = g_strrstr (out->str, "</svg>");
  const char *open = strstr (out->str, "<svg");
  g_autoptr (GString) layer = g_string_new (NULL);
  gssize end_at, open_end_at;

  if (end == NULL || open == NULL || strchr (open, '>') == NULL)
    return g_bytes_new (svg->data, svg->len);
  /* Offsets, not pointers: inserting may move the string. */
  end_at = end - out->str;
  open_end_at = strchr (open, '>') - out->str + 1;
  g_string_append_printf (layer,
                          "<g id=\"text-layer\" fill-opacity=\"0\" font-family=\"sans-serif\">"
                          "\n%s</g>\n",
                          text->str);
  g_string_insert (out, end_at, layer->str);
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);
      g_string_insert (out, open_end_at, element);
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
render_svg (const TsPageList *pages, GArray *sheets, const TsRenderOptions *options,
            GError **error)
{
  const TsOutputOptions *o = &options->output;
  const TsSheet *sheet = preview_sheet (sheets, o, error);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  DrawContext dc = { .bleed = o->bleed, .group_block = -1, .svg_text = text };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  if (sheet == NULL)
    return NULL;
  surface = cairo_svg_surface_create_for_stream (write_to_array, out, to_pt (sheet->width),
                                                 to_pt (sheet->height));
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  draw_sheet (cr, pages, sheet, &dc);
  cairo_show_page (cr);
  ok = check (cr, o->impose == TS_IMPOSE_NONE ? "page" : "sheet", sheet->number, error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER, "cannot write the SVG: %s",
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  return ok ? svg_add_text (out, pages->title, text) : NULL;
}

GBytes *
ts_render_to_bytes (const TsPageList *pages, const TsRenderOptions *options, GError **error)
{
  const TsOutputOptions *o = &options->output;
  TsImposeOptions io = { .kind = o->impose, .signature = o->signature, .bleed = o->bleed,
                         .marks = o->marks };
  g_autoptr (GArray) sheets = ts_impose (pages, &io, error);

  if (sheets == NULL)
    return NULL;
  switch (o->format)
    {
    case TS_FORMAT_PNG:
      return render_png (pages, sheets, options, error);
    case TS_FORMAT_SVG:
      return render_svg (pages, sheets, options, error);
    case TS_FORMAT_PDF:
    default:
      return render_pdf (pages, sheets, options, error);
    }
}

GBytes *
ts_render_pdf_to_bytes (const TsPageList *pages, const TsRenderOptions *options, GError **error)
{
  return ts_render_to_bytes (pages, options, error);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
ts_write_file_atomically (const char *path, GBytes *bytes, gboolean sync, GError **error)
{
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int fd, saved;

  if (strcmp (path, "-") == 0)
    {
      if (!write_all (STDOUT_FILENO, data, length))
        {
          g_set_error (error, TS_ERROR, TS_ERROR_IO, "standard output: cannot write: %s",
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* Created 0666 less the umask, as a plain open() would make it (a PDF is
   * for sharing; mkstemp's 0600 is not wanted). */
  fd = g_mkstemp_full (tmp, O_WRONLY, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, data, length) || (sync && fsync (fd) != 0))
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
ts_render (const TsPageList *pages, const char *path, const TsRenderOptions *options,
           GError **error)
{
  g_autoptr (GBytes) data = ts_render_to_bytes (pages, options, error);

  if (data == NULL)
    return FALSE;
  return ts_write_file_atomically (path, data, options->output.sync, error);
}

gboolean
ts_render_pdf (const TsPageList *pages, const char *path, const TsRenderOptions *options,
               GError **error)
{
  return ts_render (pages, path, options, error);
}
