/* pdffont.c — the fonts of a native PDF (pdffont.h). */
#include "pdffont.h"

#include <string.h>

#include <hb-ot.h>
#include <hb.h>
#include <pango/pangofc-font.h>

#include "error.h"
#include "fonts.h"
#include "ttfsubset.h"

struct TsPdfFace
{
  int number;        /* /F<number> */
  int object;        /* the Type 0 font */
  hb_face_t *face;   /* (ref) */
  hb_font_t *font;   /* at the em's scale: advances in font units */
  unsigned upem, n_glyphs;
  gint32 *widths;    /* per glyph, thousandths of the em; set where used */
  guint8 *used;      /* per glyph: 1 when drawn */
  char **text;       /* per glyph: its text (ToUnicode), or NULL */
  int *text_length;
  /* The used glyphs (guint), in the order of first use until the face is
   * written, then in ascending order, and the glyphs that have a text:
   * the writing walks these, not all of a face's 3,000-odd glyphs. */
  GArray *used_list;
  GArray *text_list;
};

struct TsPdfFonts
{
  TsPdfWriter *writer;
  GHashTable *uses;  /* PangoFont* → TsPdfFontUse* (NULL value: not embeddable) */
  GHashTable *faces; /* hb_face_t* → TsPdfFace* */
  GPtrArray *order;  /* TsPdfFace*, in the order of first use */
};

static void
face_free (gpointer data)
{
  TsPdfFace *face = data;

  for (guint i = 0; i < face->text_list->len; i++)
    g_free (face->text[g_array_index (face->text_list, guint, i)]);
  g_array_unref (face->text_list);
  g_array_unref (face->used_list);
  g_free (face->text);
  g_free (face->text_length);
  g_free (face->widths);
  g_free (face->used);
  hb_font_destroy (face->font);
  hb_face_destroy (face->face);
  g_free (face);
}

TsPdfFonts *
ts_pdf_fonts_new (TsPdfWriter *writer)
{
  TsPdfFonts *fonts = g_new0 (TsPdfFonts, 1);

  fonts->writer = writer;
  fonts->uses = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  fonts->faces = g_hash_table_new (NULL, NULL);
  fonts->order = g_ptr_array_new_with_free_func (face_free);
  return fonts;
}

void
ts_pdf_fonts_free (TsPdfFonts *fonts)
{
  if (fonts == NULL)
    return;
  g_hash_table_unref (fonts->uses);
  g_hash_table_unref (fonts->faces);
  g_ptr_array_unref (fonts->order);
  g_free (fonts);
}

static gboolean
has_table (hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *blob = hb_face_reference_table (face, tag);
  gboolean found = hb_blob_get_length (blob) > 0;

  hb_blob_destroy (blob);
  return found;
}

static TsPdfFace *
face_for (TsPdfFonts *fonts, hb_face_t *hb_face)
{
  TsPdfFace *face = g_hash_table_lookup (fonts->faces, hb_face);

  if (face != NULL)
    return face;
  /* TrueType outlines only: a CIDFontType2 embeds a 'glyf' font. */
  if (!has_table (hb_face, HB_TAG ('g', 'l', 'y', 'f'))
      || !has_table (hb_face, HB_TAG ('h', 'e', 'a', 'd')))
    return NULL;
  face = g_new0 (TsPdfFace, 1);
  face->face = hb_face_reference (hb_face);
  face->font = hb_font_create (hb_face);
  hb_ot_font_set_funcs (face->font);
  face->upem = hb_face_get_upem (hb_face);
  face->n_glyphs = hb_face_get_glyph_count (hb_face);
  face->widths = g_new (gint32, MAX (face->n_glyphs, 1));
  face->used = g_new0 (guint8, MAX (face->n_glyphs, 1));
  face->used_list = g_array_sized_new (FALSE, FALSE, sizeof (guint), 256);
  face->text_list = g_array_sized_new (FALSE, FALSE, sizeof (guint), 256);
  face->text = g_new0 (char *, MAX (face->n_glyphs, 1));
  face->text_length = g_new0 (int, MAX (face->n_glyphs, 1));
  face->number = (int) fonts->order->len + 1;
  face->object = ts_pdf_writer_reserve (fonts->writer);
  g_ptr_array_add (fonts->order, face);
  g_hash_table_insert (fonts->faces, hb_face, face);
  return face;
}

const TsPdfFontUse *
ts_pdf_fonts_lookup (TsPdfFonts *fonts, PangoFont *font)
{
  TsPdfFontUse *use;
  gpointer found;
  hb_font_t *hb_font;
  TsPdfFace *face;
  double matrix[4];

  if (g_hash_table_lookup_extended (fonts->uses, font, NULL, &found))
    return found;
  hb_font = PANGO_IS_FC_FONT (font) ? pango_font_get_hb_font (font) : NULL;
  face = hb_font != NULL ? face_for (fonts, hb_font_get_face (hb_font)) : NULL;
  if (face == NULL)
    {
      g_hash_table_insert (fonts->uses, font, NULL);
      return NULL;
    }
  ts_fonts_get_matrix (font, matrix);
  use = g_new (TsPdfFontUse, 1);
  *use = (TsPdfFontUse){ .face = face, .xx = matrix[0], .yx = matrix[1], .xy = matrix[2],
                         .yy = matrix[3] };
  g_hash_table_insert (fonts->uses, font, use);
  return use;
}

int
ts_pdf_face_get_number (const TsPdfFace *face)
{
  return face->number;
}

int
ts_pdf_face_get_object (const TsPdfFace *face)
{
  return face->object;
}

int
ts_pdf_face_use_glyph (TsPdfFace *face, guint glyph)
{
  if (glyph >= face->n_glyphs)
    return 0; /* Pango never gives one; draw nothing rather than read past the table */
  if (!face->used[glyph])
    {
      hb_position_t advance = hb_font_get_glyph_h_advance (face->font, glyph);
      double w = (double) advance * 1000.0 / (double) face->upem;

      face->widths[glyph] = (gint32) (w < 0 ? w - 0.5 : w + 0.5);
      face->used[glyph] = 1;
      g_array_append_val (face->used_list, glyph);
    }
  return face->widths[glyph];
}

gboolean
ts_pdf_face_map_glyph (TsPdfFace *face, guint glyph, const char *utf8, int length)
{
  if (glyph >= face->n_glyphs || glyph == 0)
    return FALSE;
  if (face->text[glyph] == NULL)
    {
      face->text[glyph] = g_strndup (utf8, (gsize) length);
      face->text_length[glyph] = length;
      g_array_append_val (face->text_list, glyph);
      return TRUE;
    }
  return face->text_length[glyph] == length && memcmp (face->text[glyph], utf8, (size_t) length) == 0;
}

void
ts_pdf_fonts_foreach (TsPdfFonts *fonts, void (*func) (int number, int object, void *data),
                      void *data)
{
  for (guint i = 0; i < fonts->order->len; i++)
    {
      const TsPdfFace *face = g_ptr_array_index (fonts->order, i);
      func (face->number, face->object, data);
    }
}

/* ---- writing ------------------------------------------------------------- */

static int
em (const TsPdfFace *face, double units)
{
  double v = units * 1000.0 / (double) face->upem;
  return (int) (v < 0 ? v - 0.5 : v + 0.5);
}

static int
read_int16 (const guint8 *p)
{
  return (gint16) (guint16) ((p[0] << 8) | p[1]);
}

/* The PostScript name, kept to the characters a PDF name may hold plainly. */
static char *
postscript_name (const TsPdfFace *face)
{
  char buffer[128];
  unsigned size = sizeof buffer;
  GString *name = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (face->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
                           buffer)
      > 0)
    for (const char *p = buffer; *p != '\0'; p++)
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (name, *p);
  if (name->len == 0)
    g_string_append (name, "Font");
  return g_string_free (name, FALSE);
}

/* Six capitals that name the subset (PDF 1.7 §9.6.4), from the glyphs it
 * holds: the same glyphs give the same tag, so the output is reproducible. */
static void
subset_tag (const TsPdfFace *face, const char *name, char tag[7])
{
  guint32 hash = 2166136261u;

  for (const char *p = name; *p != '\0'; p++)
    hash = (hash ^ (guchar) *p) * 16777619u;
  for (guint i = 0; i < face->used_list->len; i++) /* ascending: see write_face */
    hash = (hash ^ g_array_index (face->used_list, guint, i)) * 16777619u;
  for (int i = 0; i < 6; i++)
    {
      tag[i] = (char) ('A' + hash % 26);
      hash = hash / 26 + (guint32) i * 7919u;
    }
  tag[6] = '\0';
}

/* Used glyphs that have no text yet get the lowest character the font's
 * cmap maps to them, so that a glyph drawn only inside /ActualText still
 * reads as something in readers that ignore it. */
static void
map_from_cmap (TsPdfFace *face)
{
  hb_set_t *unicodes = hb_set_create ();
  hb_codepoint_t u = HB_SET_VALUE_INVALID;
  gboolean missing = FALSE;

  for (guint i = 0; i < face->used_list->len && !missing; i++)
    {
      guint g = g_array_index (face->used_list, guint, i);
      missing = g != 0 && face->text[g] == NULL;
    }
  if (!missing)
    {
      hb_set_destroy (unicodes);
      return;
    }
  hb_face_collect_unicodes (face->face, unicodes);
  while (hb_set_next (unicodes, &u))
    {
      hb_codepoint_t glyph;
      char utf8[8];
      int length;

      if (!hb_font_get_nominal_glyph (face->font, u, &glyph) || glyph >= face->n_glyphs
          || !face->used[glyph] || face->text[glyph] != NULL || glyph == 0)
        continue;
      length = g_unichar_to_utf8 (u, utf8);
      face->text[glyph] = g_strndup (utf8, (gsize) length);
      face->text_length[glyph] = length;
      g_array_append_val (face->text_list, glyph);
    }
  hb_set_destroy (unicodes);
}

static void
write_to_unicode (TsPdfFonts *fonts, TsPdfFace *face, int id)
{
  g_autoptr (GString) cmap = g_string_sized_new (4096);
  g_autoptr (GString) block = g_string_new (NULL);
  int in_block = 0;

  g_string_append (cmap, "/CIDInit /ProcSet findresource begin\n"
                         "12 dict begin\n"
                         "begincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n"
                         "/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  /* Blocks of at most 100 entries (PDF 1.7 §9.10.3), in ascending order. */
  for (guint i = 0; i <= face->used_list->len; i++)
    {
      gboolean last = i == face->used_list->len;
      guint g = last ? 0 : g_array_index (face->used_list, guint, i);

      if ((last || in_block == 100) && in_block > 0)
        {
          ts_pdf_append_int (cmap, in_block);
          g_string_append (cmap, " beginbfchar\n");
          g_string_append_len (cmap, block->str, (gssize) block->len);
          g_string_append (cmap, "endbfchar\n");
          g_string_truncate (block, 0);
          in_block = 0;
        }
      if (last || g == 0 || face->text[g] == NULL)
        continue;
      g_string_append_c (block, '<');
      ts_pdf_append_hex4 (block, g);
      g_string_append (block, "> <");
      ts_pdf_append_utf16_hex (block, face->text[g], face->text_length[g]);
      g_string_append (block, ">\n");
      in_block++;
    }
  g_string_append (cmap, "endcmap\n"
                         "CMapName currentdict /CMap defineresource pop\n"
                         "end\n"
                         "end\n");
  ts_pdf_writer_stream (fonts->writer, id, "", cmap->str, cmap->len, TRUE);
}

/* /W: runs of consecutive glyph ids with their widths. */
static void
append_widths (GString *out, const TsPdfFace *face)
{
  const GArray *used = face->used_list; /* ascending */

  g_string_append (out, " /W [");
  for (guint i = 0; i < used->len;)
    {
      guint g = g_array_index (used, guint, i);

      g_string_append_c (out, ' ');
      ts_pdf_append_int (out, g);
      g_string_append (out, " [");
      for (; i < used->len && g_array_index (used, guint, i) == g; i++, g++)
        {
          ts_pdf_append_int (out, face->widths[g]);
          g_string_append_c (out, ' ');
        }
      out->str[out->len - 1] = ']';
    }
  g_string_append (out, " ]");
}

static gint
compare_glyphs (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
write_face (TsPdfFonts *fonts, TsPdfFace *face, GError **error)
{
  TsPdfWriter *writer = fonts->writer;
  int cid_font = ts_pdf_writer_reserve (writer), descriptor = ts_pdf_writer_reserve (writer);
  int file = ts_pdf_writer_reserve (writer), to_unicode = ts_pdf_writer_reserve (writer);
  int cid_to_gid = ts_pdf_writer_reserve (writer);
  g_autofree guint16 *ids = NULL;
  g_autofree char *name = postscript_name (face);
  g_autoptr (GString) dict = g_string_new (NULL);
  g_autoptr (GBytes) subset = NULL;
  hb_blob_t *head, *post;
  hb_position_t ascender = 0, descender = 0, cap_height = 0;
  int bbox[4] = { 0, 0, 0, 0 }, flags = 4;
  double italic_angle = 0;
  unsigned length;
  const char *data;
  char tag[7];

  ts_pdf_face_use_glyph (face, 0); /* .notdef is always in the subset */
  g_array_sort (face->used_list, compare_glyphs);
  subset_tag (face, name, tag);
  ids = g_new (guint16, MAX (face->n_glyphs, 1));
  subset = ts_truetype_subset (face->face, face->used, face->n_glyphs, ids);
  if (subset == NULL)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_RENDER,
                   "cannot embed the font %s in the PDF: its TrueType tables are damaged", name);
      return FALSE;
    }
  {
    gsize size;
    const void *bytes = g_bytes_get_data (subset, &size);

    g_string_append (dict, "/Length1 ");
    ts_pdf_append_int (dict, (gint64) size);
    ts_pdf_writer_stream (writer, file, dict->str, bytes, size, TRUE);
  }

  head = hb_face_reference_table (face->face, HB_TAG ('h', 'e', 'a', 'd'));
  data = hb_blob_get_data (head, &length);
  if (length >= 44)
    for (int i = 0; i < 4; i++)
      bbox[i] = em (face, read_int16 ((const guint8 *) data + 36 + 2 * i));
  hb_blob_destroy (head);
  post = hb_face_reference_table (face->face, HB_TAG ('p', 'o', 's', 't'));
  data = hb_blob_get_data (post, &length);
  if (length >= 8)
    {
      const guint8 *p = (const guint8 *) data + 4;
      italic_angle = (double) (gint32) ((guint32) p[0] << 24 | (guint32) p[1] << 16
                                        | (guint32) p[2] << 8 | p[3])
                     / 65536.0;
    }
  hb_blob_destroy (post);
  if (italic_angle != 0)
    flags |= 64;
  hb_ot_metrics_get_position (face->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascender);
  hb_ot_metrics_get_position (face->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descender);
  if (!hb_ot_metrics_get_position (face->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap_height))
    cap_height = ascender;

  g_string_assign (dict, "<< /Type /FontDescriptor /FontName /");
  g_string_append_printf (dict, "%s+%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle ", tag,
                          name, flags, bbox[0], bbox[1], bbox[2], bbox[3]);
  ts_pdf_append_number (dict, italic_angle);
  g_string_append_printf (dict, " /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2",
                          em (face, ascender), em (face, descender), em (face, cap_height));
  ts_pdf_append_ref (dict, file);
  g_string_append (dict, " >>");
  ts_pdf_writer_object (writer, descriptor, dict->str, dict->len);

  g_string_printf (dict, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s"
                         " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                         " /FontDescriptor",
                   tag, name);
  ts_pdf_append_ref (dict, descriptor);
  g_string_append (dict, " /CIDToGIDMap");
  ts_pdf_append_ref (dict, cid_to_gid);
  g_string_append (dict, " /DW 0");
  append_widths (dict, face);
  g_string_append (dict, " >>");
  ts_pdf_writer_object (writer, cid_font, dict->str, dict->len);

  /* CIDToGIDMap: two bytes, big-endian, for each CID (the face's glyph
   * id) up to the last used: the glyph's id in the subset. */
  {
    unsigned last = g_array_index (face->used_list, guint, face->used_list->len - 1);
    g_autofree guint8 *map = NULL;

    map = g_new (guint8, 2 * (last + 1));
    for (unsigned g = 0; g <= last; g++)
      {
        map[2 * g] = (guint8) (ids[g] >> 8);
        map[2 * g + 1] = (guint8) ids[g];
      }
    ts_pdf_writer_stream (writer, cid_to_gid, "", map, 2 * (last + 1), TRUE);
  }

  map_from_cmap (face);
  write_to_unicode (fonts, face, to_unicode);

  g_string_printf (dict, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H"
                         " /DescendantFonts [",
                   tag, name);
  ts_pdf_append_ref (dict, cid_font);
  g_string_append (dict, " ] /ToUnicode");
  ts_pdf_append_ref (dict, to_unicode);
  g_string_append (dict, " >>");
  ts_pdf_writer_object (writer, face->object, dict->str, dict->len);
  return TRUE;
}

gboolean
ts_pdf_fonts_write (TsPdfFonts *fonts, GError **error)
{
  for (guint i = 0; i < fonts->order->len; i++)
    if (!write_face (fonts, g_ptr_array_index (fonts->order, i), error))
      return FALSE;
  return TRUE;
}
