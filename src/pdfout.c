/* pdfout.c — the native PDF output (pdfout.h).
 *
 * Every page's content begins by turning the y axis down
 * ("1 0 0 -1 0 H cm"), so the drawing calls take the layout's coordinates
 * as they are; text matrices turn glyphs the right way up again.  A glyph
 * item becomes one text object: its font (/F<n> at size 1, the size in
 * the text matrix), then a TJ array of glyph ids with an integer
 * adjustment, in thousandths of the em, wherever a glyph's place differs
 * from the end of the glyph before it (justified spaces, kerning).  The
 * pen is carried in the same integers, so the error never accumulates: a
 * glyph lands within half a thousandth of an em of its layout position.
 */
#include "pdfout.h"

#include <string.h>

#include <cairo.h>

#include "error.h"
#include "pdffont.h"
#include "pdfwriter.h"

typedef struct
{
  int object;   /* the page object */
  double width, height;
} PageInfo;

typedef struct
{
  int page;     /* index into pages */
  double x, y;  /* PDF space */
} Dest;

typedef struct
{
  int level;
  char *title;
  int dest;
} Outline;

typedef struct
{
  const TsImage *image;
  int number;   /* /Im<number> */
  int object;
} ImageEntry;

struct TsPdfDoc
{
  TsPdfWriter *writer;
  TsPdfFonts *fonts;
  int pages_object, resources_object;
  GArray *pages;          /* PageInfo */
  GArray *dests;          /* Dest */
  GArray *outline;        /* Outline */
  GPtrArray *info;        /* key, value, key, value ... (owned strings) */
  GString *label_entries; /* /PageLabels' /Nums entries */
  int label_previous;     /* the previous page's folio when numeric, else -1 */
  gboolean labels_needed;
  GArray *images;         /* ImageEntry */
  /* the page being drawn */
  GString *content;
  GString *annots;        /* " N 0 R" for each link */
  double page_height;
  guint32 fill;           /* the fill colour in effect, or G_MAXUINT32 when unknown */
  int font;               /* the font (face number) in effect, or 0 */
  GArray *offsets;        /* double x, y: the translation at each save */
  double tx, ty;          /* the current translation */
  TsPdfPageBoxes boxes;
  gboolean has_boxes;
};

static void
outline_clear (gpointer data)
{
  g_free (((Outline *) data)->title);
}

TsPdfDoc *
ts_pdf_doc_new (void)
{
  TsPdfDoc *doc = g_new0 (TsPdfDoc, 1);

  doc->writer = ts_pdf_writer_new ();
  doc->fonts = ts_pdf_fonts_new (doc->writer);
  doc->pages_object = ts_pdf_writer_reserve (doc->writer);
  doc->resources_object = ts_pdf_writer_reserve (doc->writer);
  doc->pages = g_array_new (FALSE, TRUE, sizeof (PageInfo));
  doc->dests = g_array_new (FALSE, TRUE, sizeof (Dest));
  doc->outline = g_array_new (FALSE, TRUE, sizeof (Outline));
  g_array_set_clear_func (doc->outline, outline_clear);
  doc->info = g_ptr_array_new_with_free_func (g_free);
  doc->label_entries = g_string_new (NULL);
  doc->label_previous = 0;
  doc->images = g_array_new (FALSE, TRUE, sizeof (ImageEntry));
  doc->content = g_string_sized_new (32 * 1024);
  doc->annots = g_string_new (NULL);
  doc->offsets = g_array_new (FALSE, FALSE, sizeof (double));
  return doc;
}

void
ts_pdf_doc_free (TsPdfDoc *doc)
{
  if (doc == NULL)
    return;
  ts_pdf_fonts_free (doc->fonts);
  ts_pdf_writer_free (doc->writer);
  g_array_unref (doc->pages);
  g_array_unref (doc->dests);
  g_array_unref (doc->outline);
  g_ptr_array_unref (doc->info);
  g_string_free (doc->label_entries, TRUE);
  g_array_unref (doc->images);
  g_string_free (doc->content, TRUE);
  g_string_free (doc->annots, TRUE);
  g_array_unref (doc->offsets);
  g_free (doc);
}

gboolean
ts_pdf_doc_can_show (TsPdfDoc *doc, const PangoGlyphItem *glyphs)
{
  return (glyphs->item->analysis.level & 1) == 0
         && ts_pdf_fonts_lookup (doc->fonts, glyphs->item->analysis.font) != NULL;
}

/* ---- metadata ------------------------------------------------------------ */

void
ts_pdf_doc_set_info (TsPdfDoc *doc, const char *key, const char *value)
{
  g_ptr_array_add (doc->info, g_strdup (key));
  g_ptr_array_add (doc->info, g_strdup (value));
}

void
ts_pdf_doc_set_date (TsPdfDoc *doc, gint64 epoch)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (epoch);
  g_autofree char *date = dt != NULL ? g_date_time_format (dt, "D:%Y%m%d%H%M%SZ") : NULL;

  if (date == NULL)
    return;
  ts_pdf_doc_set_info (doc, "CreationDate", date);
  ts_pdf_doc_set_info (doc, "ModDate", date);
}

/* ---- pages --------------------------------------------------------------- */

/* Page labels: one /Nums entry where the numbering breaks.  A folio that
 * follows the one before continues its decimal range; anything else (a
 * cover's "Bìa", a jump) starts a range.  Labels that are all the page's
 * own numbers are left out (render.c decides; see needs_labels there). */
static void
add_label (TsPdfDoc *doc, int index, const char *label)
{
  GString *out = doc->label_entries;
  char *end = NULL;
  gint64 folio = label != NULL ? g_ascii_strtoll (label, &end, 10) : -1;
  gboolean numeric = label != NULL && end != label && *end == '\0' && folio > 0
                     && label[0] != '0' && label[0] != '+' && label[0] != '-';

  if (numeric && doc->label_previous > 0 && folio == doc->label_previous + 1)
    {
      doc->label_previous = (int) folio;
      return;
    }
  ts_pdf_append_int (out, index);
  if (numeric)
    {
      g_string_append (out, " << /S /D /St ");
      ts_pdf_append_int (out, folio);
      g_string_append (out, " >> ");
      doc->label_previous = (int) folio;
    }
  else if (label != NULL)
    {
      g_string_append (out, " << /P ");
      ts_pdf_append_text_string (out, label);
      g_string_append (out, " >> ");
      doc->label_previous = -1;
    }
  else
    {
      g_string_append (out, " << /S /D /St ");
      ts_pdf_append_int (out, index + 1);
      g_string_append (out, " >> ");
      doc->label_previous = index + 1;
    }
  doc->labels_needed = TRUE;
}

void
ts_pdf_doc_begin_page (TsPdfDoc *doc, double width, double height,
                       const TsPdfPageBoxes *boxes, const char *label)
{
  PageInfo page = { .object = ts_pdf_writer_reserve (doc->writer), .width = width,
                    .height = height };

  g_array_append_val (doc->pages, page);
  g_string_truncate (doc->content, 0);
  g_string_truncate (doc->annots, 0);
  g_array_set_size (doc->offsets, 0);
  doc->page_height = height;
  doc->fill = 0; /* PDF's initial fill colour: black */
  doc->font = 0;
  doc->tx = doc->ty = 0;
  doc->has_boxes = boxes != NULL;
  if (boxes != NULL)
    doc->boxes = *boxes;
  if (label != NULL)
    add_label (doc, (int) doc->pages->len - 1, label);
  g_string_append (doc->content, "1 0 0 -1 0 ");
  ts_pdf_append_number (doc->content, height);
  g_string_append (doc->content, " cm\n");
}

static void
append_box (GString *out, const char *key, const double box[4])
{
  g_string_append (out, key);
  g_string_append (out, " [");
  ts_pdf_append_numbers (out, box, 4);
  g_string_append_c (out, ']');
}

void
ts_pdf_doc_end_page (TsPdfDoc *doc)
{
  PageInfo *page = &g_array_index (doc->pages, PageInfo, doc->pages->len - 1);
  int contents = ts_pdf_writer_reserve (doc->writer);
  g_autoptr (GString) dict = g_string_new ("<< /Type /Page /Parent");
  double media[4] = { 0, 0, page->width, page->height };

  ts_pdf_writer_stream (doc->writer, contents, "", doc->content->str, doc->content->len, TRUE);
  ts_pdf_append_ref (dict, doc->pages_object);
  append_box (dict, " /MediaBox", media);
  if (doc->has_boxes)
    {
      append_box (dict, " /TrimBox", doc->boxes.trim);
      append_box (dict, " /BleedBox", doc->boxes.bleed);
    }
  g_string_append (dict, " /Resources");
  ts_pdf_append_ref (dict, doc->resources_object);
  g_string_append (dict, " /Contents");
  ts_pdf_append_ref (dict, contents);
  if (doc->annots->len > 0)
    {
      g_string_append (dict, " /Annots [");
      g_string_append_len (dict, doc->annots->str, (gssize) doc->annots->len);
      g_string_append (dict, " ]");
    }
  g_string_append (dict, " >>");
  ts_pdf_writer_object (doc->writer, page->object, dict->str, dict->len);
}

/* ---- graphics ------------------------------------------------------------ */

void
ts_pdf_doc_save (TsPdfDoc *doc)
{
  g_array_append_val (doc->offsets, doc->tx);
  g_array_append_val (doc->offsets, doc->ty);
  g_string_append (doc->content, "q\n");
}

void
ts_pdf_doc_restore (TsPdfDoc *doc)
{
  g_return_if_fail (doc->offsets->len >= 2);
  doc->ty = g_array_index (doc->offsets, double, doc->offsets->len - 1);
  doc->tx = g_array_index (doc->offsets, double, doc->offsets->len - 2);
  g_array_set_size (doc->offsets, doc->offsets->len - 2);
  g_string_append (doc->content, "Q\n");
  /* What the restored state holds is not tracked: set both again. */
  doc->fill = G_MAXUINT32;
  doc->font = 0;
}

void
ts_pdf_doc_translate (TsPdfDoc *doc, double x, double y)
{
  if (x == 0 && y == 0)
    return;
  doc->tx += x;
  doc->ty += y;
  g_string_append (doc->content, "1 0 0 1 ");
  ts_pdf_append_numbers (doc->content, (const double[]){ x, y }, 2);
  g_string_append (doc->content, " cm\n");
}

static void
append_rect (GString *out, double x, double y, double width, double height)
{
  ts_pdf_append_numbers (out, (const double[]){ x, y, width, height }, 4);
  g_string_append (out, " re");
}

void
ts_pdf_doc_clip_rect (TsPdfDoc *doc, double x, double y, double width, double height)
{
  append_rect (doc->content, x, y, width, height);
  g_string_append (doc->content, " W n\n");
}

static void
append_color (GString *out, guint32 color, const char *op)
{
  const double rgb[3] = { ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                          (color & 0xff) / 255.0 };

  ts_pdf_append_numbers (out, rgb, 3);
  g_string_append_c (out, ' ');
  g_string_append (out, op);
  g_string_append_c (out, '\n');
}

static void
set_fill (TsPdfDoc *doc, guint32 color)
{
  if (doc->fill == color)
    return;
  append_color (doc->content, color, "rg");
  doc->fill = color;
}

void
ts_pdf_doc_fill_rect (TsPdfDoc *doc, guint32 color, double x, double y, double width,
                      double height)
{
  set_fill (doc, color);
  append_rect (doc->content, x, y, width, height);
  g_string_append (doc->content, " f\n");
}

void
ts_pdf_doc_stroke_segments (TsPdfDoc *doc, guint32 color, double line_width,
                            const double *dash, int n_dash, const double *points,
                            int n_segments)
{
  GString *out = doc->content;

  g_string_append (out, "q\n");
  append_color (out, color, "RG");
  ts_pdf_append_number (out, line_width);
  g_string_append (out, " w\n[");
  if (dash != NULL && n_dash > 0)
    {
      g_string_append_c (out, ' ');
      ts_pdf_append_numbers (out, dash, n_dash);
    }
  g_string_append (out, " ] 0 d\n");
  for (int i = 0; i < n_segments; i++)
    {
      ts_pdf_append_numbers (out, points + 4 * i, 2);
      g_string_append (out, " m ");
      ts_pdf_append_numbers (out, points + 4 * i + 2, 2);
      g_string_append (out, " l\n");
    }
  g_string_append (out, "S\nQ\n");
}

/* ---- text ---------------------------------------------------------------- */

/* A TJ array being written.  Glyph ids go in as two bytes each in a
 * literal string, ( ) \\ and CR escaped (PDF 1.7 §7.3.4.2): half the
 * bytes of hexadecimal, for the deflater and the file alike. */
typedef struct
{
  GString *out;
  gboolean open;   /* "[" written */
  gboolean string; /* "(" written */
} TextRun;

static void
run_close (TextRun *run)
{
  if (run->string)
    g_string_append_c (run->out, ')');
  if (run->open)
    g_string_append (run->out, "] TJ\n");
  run->open = run->string = FALSE;
}

static void
run_adjust (TextRun *run, int adjustment)
{
  if (!run->open)
    {
      g_string_append_c (run->out, '[');
      run->open = TRUE;
    }
  if (run->string)
    {
      g_string_append_c (run->out, ')');
      run->string = FALSE;
    }
  ts_pdf_append_int (run->out, adjustment);
}

static void
append_string_byte (GString *out, guint8 byte)
{
  if (byte == '(' || byte == ')' || byte == '\\')
    g_string_append_c (out, '\\');
  else if (byte == '\r')
    {
      g_string_append (out, "\\r");
      return;
    }
  g_string_append_c (out, (char) byte);
}

static void
run_glyph (TextRun *run, guint glyph)
{
  if (!run->open)
    {
      g_string_append_c (run->out, '[');
      run->open = TRUE;
    }
  if (!run->string)
    {
      g_string_append_c (run->out, '(');
      run->string = TRUE;
    }
  append_string_byte (run->out, (guint8) (glyph >> 8));
  append_string_byte (run->out, (guint8) glyph);
}

/* The text matrix for a run whose origin is (@x, @y). */
static void
set_text_matrix (GString *out, const TsPdfFontUse *use, double scale, double x, double y)
{
  /* Cairo's font space is y down, a PDF glyph's y up: flip y, then scale x. */
  ts_pdf_append_numbers (out,
                         (const double[]){ use->xx * scale, use->yx, -use->xy * scale, -use->yy,
                                           x, y },
                         6);
  g_string_append (out, " Tm\n");
}

void
ts_pdf_doc_show_glyphs (TsPdfDoc *doc, guint32 color, double x, double y, double scale,
                        const char *text, const PangoGlyphItem *glyph_item)
{
  const PangoItem *item = glyph_item->item;
  const PangoGlyphString *glyphs = glyph_item->glyphs;
  const TsPdfFontUse *use = ts_pdf_fonts_lookup (doc->fonts, item->analysis.font);
  GString *out = doc->content;
  TextRun run = { .out = out };
  int n = glyphs->num_glyphs, x_position = 0, pen = 0;
  double run_y = y, em = use != NULL ? use->xx : 0;
  int number;

  if (use == NULL || n == 0 || em == 0)
    return; /* ts_pdf_doc_can_show said so before any page was drawn */
  set_fill (doc, color);
  number = ts_pdf_face_get_number (use->face);
  g_string_append (out, "BT\n");
  if (doc->font != number)
    {
      g_string_append (out, "/F");
      ts_pdf_append_int (out, number);
      g_string_append (out, " 1 Tf\n");
      doc->font = number;
    }
  set_text_matrix (out, use, scale, x, y);
  /* Clusters as pango_glyph_item_iter_next_cluster cuts them (render.c's
   * show_piece does the same for Cairo): a cluster runs until a glyph with
   * a greater log cluster; its bytes run from the end of the one before;
   * empty glyphs are not drawn. */
  for (int g = 0, start = 0; g < n;)
    {
      int cluster = glyphs->log_clusters[g], g_end = g + 1, end, drawn = 0;
      gboolean actual;

      while (g_end < n && glyphs->log_clusters[g_end] <= cluster)
        g_end++;
      end = g_end < n ? glyphs->log_clusters[g_end] : item->length;
      for (int i = g; i < g_end; i++)
        drawn += glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY;
      /* One glyph for some text: the font's ToUnicode says it, unless the
       * glyph already stands for other text; anything else is marked. */
      actual = TRUE;
      if (drawn == 1 && end > start)
        for (int i = g; i < g_end; i++)
          if (glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
            actual = (glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0
                     || !ts_pdf_face_map_glyph (use->face, glyphs->glyphs[i].glyph,
                                                text + item->offset + start, end - start);
      if (actual && (drawn > 0 || end > start))
        {
          run_close (&run);
          g_string_append (out, "/Span << /ActualText <FEFF");
          ts_pdf_append_utf16_hex (out, text + item->offset + start, end - start);
          g_string_append (out, "> >> BDC\n");
        }
      for (int i = g; i < g_end; i++)
        {
          const PangoGlyphInfo *info = &glyphs->glyphs[i];
          /* A glyph the font lacks (Pango's hex box) is its .notdef, a box;
           * glyph 0 is never given text, so the cluster is marked. */
          guint id = (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 && info->glyph != PANGO_GLYPH_EMPTY
                         ? 0
                         : info->glyph;
          double gx = (double) (x_position + info->geometry.x_offset) / PANGO_SCALE;
          double gy = y + (double) info->geometry.y_offset / PANGO_SCALE;
          int target = (int) (gx * 1000.0 / em + (gx < 0 ? -0.5 : 0.5)), width;

          x_position += info->geometry.width;
          if (info->glyph == PANGO_GLYPH_EMPTY)
            continue;
          if (gy != run_y)
            {
              /* A glyph off the baseline (a mark placed by the font) starts
               * its own matrix, and the next glyph on it another. */
              run_close (&run);
              set_text_matrix (out, use, scale, x + gx * scale, gy);
              run_y = gy;
              pen = target;
            }
          if (pen != target)
            {
              run_adjust (&run, pen - target);
              pen = target;
            }
          width = ts_pdf_face_use_glyph (use->face, id);
          run_glyph (&run, id);
          pen += width;
        }
      if (actual && (drawn > 0 || end > start))
        {
          run_close (&run);
          g_string_append (out, "EMC\n");
        }
      start = end;
      g = g_end;
    }
  run_close (&run);
  g_string_append (out, "ET\n");
}

/* ---- images -------------------------------------------------------------- */

/* A PNG's pixels (Cairo's premultiplied ARGB, native endian) as RGB, and
 * its alpha as a soft mask when any pixel is not opaque.  Photos are
 * marked /Interpolate, as Cairo marks them: a 150 ppi photo enlarged on
 * screen is smoothed rather than shown in blocks. */
static void
write_png (TsPdfDoc *doc, const TsImage *image, int object)
{
  cairo_surface_t *surface = image->png;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean has_alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  const guint8 *data;
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3 + 1);
  g_autofree guint8 *alpha = g_malloc ((gsize) width * height + 1);
  gboolean translucent = FALSE;
  g_autoptr (GString) dict = g_string_new (NULL);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int row = 0; row < height; row++)
    {
      const guint32 *px = (const guint32 *) (const void *) (data + (gsize) row * stride);
      for (int col = 0; col < width; col++)
        {
          guint32 p = px[col];
          guint a = has_alpha ? p >> 24 : 255;
          gsize at = (gsize) row * width + col;
          guint channel[3] = { (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff };

          for (int c = 0; c < 3; c++)
            rgb[at * 3 + c] = (guint8) (a == 0 ? 0 : a == 255 ? channel[c]
                                                      : (channel[c] * 255 + a / 2) / a);
          alpha[at] = (guint8) a;
          translucent |= a != 255;
        }
    }
  g_string_printf (dict, "/Type /XObject /Subtype /Image /Width %d /Height %d"
                         " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate true",
                   width, height);
  if (translucent)
    {
      int mask = ts_pdf_writer_reserve (doc->writer);
      g_autoptr (GString) mask_dict = g_string_new (NULL);

      g_string_printf (mask_dict, "/Type /XObject /Subtype /Image /Width %d /Height %d"
                                  " /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate true",
                       width, height);
      ts_pdf_writer_stream (doc->writer, mask, mask_dict->str, alpha, (gsize) width * height,
                            TRUE);
      g_string_append (dict, " /SMask");
      ts_pdf_append_ref (dict, mask);
    }
  ts_pdf_writer_stream (doc->writer, object, dict->str, rgb, (gsize) width * height * 3, TRUE);
}

static const ImageEntry *
image_entry (TsPdfDoc *doc, const TsImage *image)
{
  ImageEntry entry;

  for (guint i = 0; i < doc->images->len; i++)
    if (g_array_index (doc->images, ImageEntry, i).image == image)
      return &g_array_index (doc->images, ImageEntry, i);
  entry = (ImageEntry){ .image = image, .number = (int) doc->images->len + 1,
                        .object = ts_pdf_writer_reserve (doc->writer) };
  if (image->format == TS_IMAGE_JPEG)
    {
      g_autoptr (GString) dict = g_string_new (NULL);
      gsize length;
      const void *data = g_bytes_get_data (image->data, &length);

      g_string_printf (dict, "/Type /XObject /Subtype /Image /Width %d /Height %d"
                             " /ColorSpace /%s /BitsPerComponent 8 /Interpolate true"
                             " /Filter /DCTDecode",
                       image->width, image->height,
                       image->components == 1 ? "DeviceGray" : "DeviceRGB");
      ts_pdf_writer_stream (doc->writer, entry.object, dict->str, data, length, FALSE);
    }
  else
    write_png (doc, image, entry.object);
  g_array_append_val (doc->images, entry);
  return &g_array_index (doc->images, ImageEntry, doc->images->len - 1);
}

void
ts_pdf_doc_draw_image (TsPdfDoc *doc, const TsImage *image, double x, double y, double width,
                       double height)
{
  const ImageEntry *entry = image_entry (doc, image);
  GString *out = doc->content;

  /* The image's unit square, its top row at y: under the flipped axis,
   * the matrix turns it the right way up. */
  g_string_append (out, "q ");
  ts_pdf_append_numbers (out, (const double[]){ width, 0, 0, -height, x, y + height }, 6);
  g_string_append (out, " cm /Im");
  ts_pdf_append_int (out, entry->number);
  g_string_append (out, " Do Q\n");
}

/* ---- navigation ---------------------------------------------------------- */

int
ts_pdf_doc_add_dest (TsPdfDoc *doc, double x, double y)
{
  Dest dest = { .page = (int) doc->pages->len - 1, .x = x + doc->tx,
                .y = doc->page_height - (y + doc->ty) };

  g_array_append_val (doc->dests, dest);
  return (int) doc->dests->len - 1;
}

void
ts_pdf_doc_add_link (TsPdfDoc *doc, const char *uri, double x, double y, double width,
                     double height)
{
  int object = ts_pdf_writer_reserve (doc->writer);
  g_autoptr (GString) dict = g_string_new ("<< /Type /Annot /Subtype /Link /Rect [");
  double x0 = x + doc->tx, y0 = doc->page_height - (y + doc->ty + height);

  ts_pdf_append_numbers (dict, (const double[]){ x0, y0, x0 + width, y0 + height }, 4);
  g_string_append (dict, "] /Border [0 0 0] /A << /S /URI /URI ");
  {
    /* A URI action's string is 7-bit ASCII (PDF 1.7 §12.6.4.7): an IRI's
     * other bytes, a space and a backslash (never valid in a URI) go in
     * percent-encoded. */
    g_autoptr (GString) ascii = g_string_new (NULL);
    for (const char *p = uri; *p != '\0'; p++)
      if ((guchar) *p >= 0x80 || *p == '\\' || *p <= ' ')
        g_string_append_printf (ascii, "%%%02X", (guchar) *p);
      else
        g_string_append_c (ascii, *p);
    ts_pdf_append_byte_string (dict, ascii->str, ascii->len);
  }
  g_string_append (dict, " >> >>");
  ts_pdf_writer_object (doc->writer, object, dict->str, dict->len);
  ts_pdf_append_ref (doc->annots, object);
}

void
ts_pdf_doc_add_outline (TsPdfDoc *doc, int level, const char *title, int dest)
{
  Outline entry = { .level = level, .title = g_strdup (title), .dest = dest };

  g_array_append_val (doc->outline, entry);
}

/* The outline: level-1 entries at the root, each level-2 entry under the
 * level-1 entry before it (at the root when there is none). */
static int
write_outline (TsPdfDoc *doc)
{
  guint n = doc->outline->len;
  g_autofree int *ids = g_new (int, n + 1), *parent = g_new (int, n + 1);
  g_autofree int *prev = g_new0 (int, n + 1), *next = g_new0 (int, n + 1);
  g_autofree int *first = g_new0 (int, n + 1), *last = g_new0 (int, n + 1);
  g_autofree int *count = g_new0 (int, n + 1);
  int root = ts_pdf_writer_reserve (doc->writer), root_first = 0, root_last = 0;
  int last_top = -1;
  g_autoptr (GString) dict = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    ids[i] = ts_pdf_writer_reserve (doc->writer);
  for (guint i = 0; i < n; i++)
    {
      const Outline *entry = &g_array_index (doc->outline, Outline, i);
      int up = entry->level == 1 || last_top < 0 ? -1 : last_top;
      int *head = up < 0 ? &root_first : &first[up], *tail = up < 0 ? &root_last : &last[up];

      parent[i] = up;
      if (*tail != 0)
        {
          guint before = 0;
          while (ids[before] != *tail)
            before++;
          next[before] = ids[i];
          prev[i] = *tail;
        }
      else
        *head = ids[i];
      *tail = ids[i];
      if (up >= 0)
        count[up]++;
      if (entry->level == 1)
        last_top = (int) i;
    }
  for (guint i = 0; i < n; i++)
    {
      const Outline *entry = &g_array_index (doc->outline, Outline, i);
      const Dest *dest = &g_array_index (doc->dests, Dest, entry->dest);
      const PageInfo *page = &g_array_index (doc->pages, PageInfo, dest->page);

      g_string_assign (dict, "<< /Title ");
      ts_pdf_append_text_string (dict, entry->title);
      g_string_append (dict, " /Parent");
      ts_pdf_append_ref (dict, parent[i] < 0 ? root : ids[parent[i]]);
      if (prev[i] != 0)
        {
          g_string_append (dict, " /Prev");
          ts_pdf_append_ref (dict, prev[i]);
        }
      if (next[i] != 0)
        {
          g_string_append (dict, " /Next");
          ts_pdf_append_ref (dict, next[i]);
        }
      if (first[i] != 0)
        {
          g_string_append (dict, " /First");
          ts_pdf_append_ref (dict, first[i]);
          g_string_append (dict, " /Last");
          ts_pdf_append_ref (dict, last[i]);
          g_string_append (dict, " /Count ");
          ts_pdf_append_int (dict, count[i]); /* open: its children show */
        }
      g_string_append (dict, " /Dest [");
      ts_pdf_append_ref (dict, page->object);
      g_string_append (dict, " /XYZ ");
      ts_pdf_append_numbers (dict, (const double[]){ dest->x, dest->y }, 2);
      g_string_append (dict, " 0] >>");
      ts_pdf_writer_object (doc->writer, ids[i], dict->str, dict->len);
    }
  g_string_assign (dict, "<< /Type /Outlines /First");
  ts_pdf_append_ref (dict, root_first);
  g_string_append (dict, " /Last");
  ts_pdf_append_ref (dict, root_last);
  g_string_append (dict, " /Count ");
  ts_pdf_append_int (dict, (gint64) n);
  g_string_append (dict, " >>");
  ts_pdf_writer_object (doc->writer, root, dict->str, dict->len);
  return root;
}

/* ---- the end ------------------------------------------------------------- */

static void
append_font_resource (int number, int object, void *data)
{
  GString *out = data;

  g_string_append (out, " /F");
  ts_pdf_append_int (out, number);
  ts_pdf_append_ref (out, object);
}

GBytes *
ts_pdf_doc_finish (TsPdfDoc *doc, GError **error)
{
  TsPdfWriter *writer = doc->writer;
  g_autoptr (GString) dict = g_string_new (NULL);
  int catalog, info = 0, outline = 0;
  GBytes *bytes;

  if (!ts_pdf_fonts_write (doc->fonts, error))
    {
      ts_pdf_doc_free (doc);
      return NULL;
    }
  g_string_assign (dict, "<< /ProcSet [/PDF /Text /ImageB /ImageC] /Font <<");
  ts_pdf_fonts_foreach (doc->fonts, append_font_resource, dict);
  g_string_append (dict, " >> /XObject <<");
  for (guint i = 0; i < doc->images->len; i++)
    {
      const ImageEntry *entry = &g_array_index (doc->images, ImageEntry, i);
      g_string_append (dict, " /Im");
      ts_pdf_append_int (dict, entry->number);
      ts_pdf_append_ref (dict, entry->object);
    }
  g_string_append (dict, " >> >>");
  ts_pdf_writer_object (writer, doc->resources_object, dict->str, dict->len);

  g_string_assign (dict, "<< /Type /Pages /Kids [");
  for (guint i = 0; i < doc->pages->len; i++)
    ts_pdf_append_ref (dict, g_array_index (doc->pages, PageInfo, i).object);
  g_string_append (dict, " ] /Count ");
  ts_pdf_append_int (dict, doc->pages->len);
  g_string_append (dict, " >>");
  ts_pdf_writer_object (writer, doc->pages_object, dict->str, dict->len);

  if (doc->outline->len > 0)
    outline = write_outline (doc);

  if (doc->info->len > 0)
    {
      info = ts_pdf_writer_reserve (writer);
      g_string_assign (dict, "<<");
      for (guint i = 0; i + 1 < doc->info->len; i += 2)
        {
          g_string_append (dict, " /");
          g_string_append (dict, g_ptr_array_index (doc->info, i));
          g_string_append_c (dict, ' ');
          ts_pdf_append_text_string (dict, g_ptr_array_index (doc->info, i + 1));
        }
      g_string_append (dict, " >>");
      ts_pdf_writer_object (writer, info, dict->str, dict->len);
    }

  catalog = ts_pdf_writer_reserve (writer);
  g_string_assign (dict, "<< /Type /Catalog /Pages");
  ts_pdf_append_ref (dict, doc->pages_object);
  if (outline > 0)
    {
      g_string_append (dict, " /Outlines");
      ts_pdf_append_ref (dict, outline);
      g_string_append (dict, " /PageMode /UseOutlines");
    }
  if (doc->labels_needed)
    {
      g_string_append (dict, " /PageLabels << /Nums [");
      g_string_append_len (dict, doc->label_entries->str, (gssize) doc->label_entries->len);
      g_string_append (dict, "] >>");
    }
  g_string_append (dict, " >>");
  ts_pdf_writer_object (writer, catalog, dict->str, dict->len);

  doc->writer = NULL;
  bytes = ts_pdf_writer_finish (writer, catalog, info);
  ts_pdf_doc_free (doc);
  return bytes;
}
