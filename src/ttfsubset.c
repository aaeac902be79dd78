/* ttfsubset.c — a TrueType font cut down to the glyphs a PDF uses
 * (ttfsubset.h).  Every read is checked against its table's length: a
 * damaged font gives NULL, never a read out of bounds.
 */
#include "ttfsubset.h"

#include <string.h>

/* Composite glyph flags (OpenType 'glyf'). */
#define ARG_1_AND_2_ARE_WORDS 0x0001
#define WE_HAVE_A_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO 0x0080
#define WE_HAVE_INSTRUCTIONS 0x0100

/* Composites nest; fonts in the wild go three or four deep.  Deeper is
 * taken for a loop. */
#define TS_COMPOSITE_DEPTH_MAX 16

typedef struct
{
  hb_blob_t *blob;
  const guint8 *data;
  unsigned length;
} Table;

static Table
table_get (hb_face_t *face, hb_tag_t tag)
{
  Table t;

  t.blob = hb_face_reference_table (face, tag);
  t.data = (const guint8 *) hb_blob_get_data (t.blob, &t.length);
  return t;
}

static guint
u16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
put16 (guint8 *p, guint v)
{
  p[0] = (guint8) (v >> 8);
  p[1] = (guint8) v;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

typedef struct
{
  Table glyf, loca;
  gboolean long_loca;
  unsigned n_glyphs;
} Glyphs;

/* The byte range of glyph @g in 'glyf'; FALSE when loca is damaged. */
static gboolean
glyph_range (const Glyphs *gl, unsigned g, unsigned *start, unsigned *end)
{
  if (g >= gl->n_glyphs)
    return FALSE;
  if (gl->long_loca)
    {
      if ((g + 2) * 4 > gl->loca.length)
        return FALSE;
      *start = u32 (gl->loca.data + g * 4);
      *end = u32 (gl->loca.data + g * 4 + 4);
    }
  else
    {
      if ((g + 2) * 2 > gl->loca.length)
        return FALSE;
      *start = u16 (gl->loca.data + g * 2) * 2u;
      *end = u16 (gl->loca.data + g * 2 + 2) * 2u;
    }
  return *start <= *end && *end <= gl->glyf.length;
}

/* Walks a composite glyph's components: calls back with the offset of
 * each component's record (flags, then the part's glyph id); returns the
 * offset just past the last component (where the instructions start), or
 * 0 when the record is damaged. */
static unsigned
composite_components (const guint8 *record, unsigned length, unsigned *flags_at_last,
                      void (*func) (unsigned at, void *data), void *data)
{
  unsigned at = 10, flags;

  do
    {
      if (at + 4 > length)
        return 0;
      flags = u16 (record + at);
      if (func != NULL)
        func (at, data);
      *flags_at_last = at;
      at += 4 + ((flags & ARG_1_AND_2_ARE_WORDS) ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE)
        at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
        at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO)
        at += 8;
    }
  while (flags & MORE_COMPONENTS);
  return at <= length ? at : 0;
}

typedef struct
{
  const guint8 *record; /* the composite being walked */
  GArray *todo;         /* unsigned: the parts' glyph ids */
} Closure;

static void
add_component (unsigned at, void *data)
{
  Closure *c = data;
  unsigned glyph = u16 (c->record + at + 2);

  g_array_append_val (c->todo, glyph);
}

typedef struct
{
  guint8 *record;      /* the copy being written */
  const guint16 *ids;  /* old glyph id → new */
} Renumber;

static void
renumber_component (unsigned at, void *data)
{
  Renumber *r = data;

  put16 (r->record + at + 2, r->ids[u16 (r->record + at + 2)]);
}

/* The glyph's record without its instructions, appended to @out (padded
 * to 4 bytes), a composite's parts given their new ids from @ids.  FALSE
 * when the record is damaged. */
static gboolean
append_glyph (GByteArray *out, const guint8 *record, unsigned length, const guint16 *ids)
{
  static const guint8 zero[4] = { 0 };
  int contours;

  if (length == 0)
    return TRUE;
  if (length < 10)
    return FALSE;
  contours = (gint16) u16 (record);
  if (contours >= 0)
    {
      /* header, endPtsOfContours[contours], instructionLength, instructions, the rest */
      unsigned at = 10 + 2 * (unsigned) contours, n_instructions;
      guint8 none[2] = { 0, 0 };

      if (at + 2 > length)
        return FALSE;
      n_instructions = u16 (record + at);
      if (at + 2 + n_instructions > length)
        return FALSE;
      g_byte_array_append (out, record, at);
      g_byte_array_append (out, none, 2);
      g_byte_array_append (out, record + at + 2 + n_instructions,
                           length - at - 2 - n_instructions);
    }
  else
    {
      unsigned last = 0, end = composite_components (record, length, &last, NULL, NULL);
      guint start = out->len;

      if (end == 0)
        return FALSE;
      g_byte_array_append (out, record, end);
      /* The instructions after the last component go, and the flag that says they follow. */
      put16 (out->data + start + last, u16 (record + last) & ~(guint) WE_HAVE_INSTRUCTIONS);
      /* Each part by its new id (a part is always kept with its composite). */
      {
        Renumber r = { .record = out->data + start, .ids = ids };
        composite_components (r.record, end, &last, renumber_component, &r);
      }
    }
  g_byte_array_append (out, zero, (4 - out->len % 4) % 4);
  return TRUE;
}

static guint32
checksum (const guint8 *data, gsize length)
{
  guint32 sum = 0;
  gsize i;

  for (i = 0; i + 4 <= length; i += 4)
    sum += u32 (data + i);
  if (i < length)
    {
      guint8 tail[4] = { 0 };
      memcpy (tail, data + i, length - i);
      sum += u32 (tail);
    }
  return sum;
}

typedef struct
{
  hb_tag_t tag;
  GByteArray *data;
} OutTable;

/* The font file: the table directory, then each table 4-byte aligned,
 * with its checksum; then head's checkSumAdjustment. */
static GBytes *
assemble (OutTable *tables, int n)
{
  GByteArray *out = g_byte_array_new ();
  guint8 header[12];
  int power = 1, log2 = 0;
  guint head_at = 0;

  while (power * 2 <= n)
    {
      power *= 2;
      log2++;
    }
  put32 (header, 0x00010000);
  put16 (header + 4, (guint) n);
  put16 (header + 6, (guint) power * 16);
  put16 (header + 8, (guint) log2);
  put16 (header + 10, (guint) (n - power) * 16);
  g_byte_array_append (out, header, 12);
  g_byte_array_set_size (out, 12 + 16 * (guint) n);
  for (int i = 0; i < n; i++)
    {
      static const guint8 zero[4] = { 0 };
      guint8 *record = out->data + 12 + 16 * i;
      guint at = out->len;
      GByteArray *t = tables[i].data;

      if (tables[i].tag == HB_TAG ('h', 'e', 'a', 'd'))
        head_at = at;
      g_byte_array_append (out, t->data, t->len);
      g_byte_array_append (out, zero, (4 - out->len % 4) % 4);
      record = out->data + 12 + 16 * i; /* the array may have moved */
      put32 (record, tables[i].tag);
      put32 (record + 4, checksum (t->data, t->len));
      put32 (record + 8, at);
      put32 (record + 12, t->len);
    }
  if (head_at > 0)
    put32 (out->data + head_at + 8, 0xB1B0AFBAu - checksum (out->data, out->len));
  return g_byte_array_free_to_bytes (out);
}

GBytes *
ts_truetype_subset (hb_face_t *face, const guint8 *used, unsigned n_used, guint16 *ids)
{
  Table head = table_get (face, HB_TAG ('h', 'e', 'a', 'd'));
  Table hhea = table_get (face, HB_TAG ('h', 'h', 'e', 'a'));
  Table maxp = table_get (face, HB_TAG ('m', 'a', 'x', 'p'));
  Table hmtx = table_get (face, HB_TAG ('h', 'm', 't', 'x'));
  Table post = table_get (face, HB_TAG ('p', 'o', 's', 't'));
  Glyphs gl = { .glyf = table_get (face, HB_TAG ('g', 'l', 'y', 'f')),
                .loca = table_get (face, HB_TAG ('l', 'o', 'c', 'a')) };
  OutTable out[7];
  int n_out = 0;
  GBytes *font = NULL;
  guint8 *keep = NULL;
  unsigned n_glyphs, last = 0, n_metrics, n_new = 0;
  GArray *todo = g_array_new (FALSE, FALSE, sizeof (unsigned));
  Closure closure = { .todo = todo };
  gboolean ok = head.length >= 54 && hhea.length >= 36 && maxp.length >= 6
                && gl.glyf.length > 0 && gl.loca.length > 0;

  /* The versions and the magic number readers check (HarfBuzz's sanitizer
   * among them: a font it refuses is one a PDF reader may refuse too). */
  ok = ok && u32 (head.data) == 0x00010000 && u32 (head.data + 12) == 0x5F0F3CF5
       && u16 (hhea.data) == 1
       && ((u32 (maxp.data) == 0x00005000) || (u32 (maxp.data) == 0x00010000 && maxp.length >= 32));
  if (!ok)
    goto done;
  gl.long_loca = u16 (head.data + 50) != 0;
  gl.n_glyphs = n_glyphs = u16 (maxp.data + 4);
  if (n_used < n_glyphs)
    {
      ok = FALSE; /* @ids must have room for every glyph a part may name */
      goto done;
    }
  n_metrics = u16 (hhea.data + 34);
  if (n_glyphs == 0 || n_metrics == 0 || n_metrics > n_glyphs
      || hmtx.length < 4 * n_metrics + 2 * (n_glyphs - n_metrics))
    {
      ok = FALSE;
      goto done;
    }

  /* The glyphs to keep: the used ones, .notdef, and every glyph a kept
   * composite is built from, level by level. */
  keep = g_new0 (guint8, n_glyphs);
  for (unsigned g = 0; g < MIN (n_used, n_glyphs); g++)
    if (used[g])
      g_array_append_val (todo, g);
  {
    unsigned zero = 0;
    g_array_append_val (todo, zero);
  }
  for (int depth = 0; todo->len > 0 && ok; depth++)
    {
      g_autoptr (GArray) level = g_array_copy (todo);

      if (depth > TS_COMPOSITE_DEPTH_MAX)
        {
          ok = FALSE;
          break;
        }
      g_array_set_size (todo, 0);
      for (guint i = 0; i < level->len && ok; i++)
        {
          unsigned g = g_array_index (level, unsigned, i), start, end, flags_at;

          if (g >= n_glyphs)
            {
              ok = FALSE; /* a part past the last glyph: damaged */
              break;
            }
          if (keep[g])
            continue;
          keep[g] = 1;
          last = MAX (last, g);
          if (!glyph_range (&gl, g, &start, &end))
            ok = FALSE;
          else if (end - start >= 10 && (gint16) u16 (gl.glyf.data + start) < 0)
            {
              closure.record = gl.glyf.data + start;
              ok = composite_components (closure.record, end - start, &flags_at, add_component,
                                         &closure)
                   != 0;
            }
        }
    }
  if (!ok)
    goto done;

  /* New ids: the kept glyphs in their old order, .notdef first. */
  memset (ids, 0, sizeof (guint16) * n_used);
  for (unsigned g = 0; g <= last; g++)
    if (keep[g])
      ids[g] = (guint16) n_new++;

  /* glyf and loca (long offsets). */
  {
    GByteArray *glyf = g_byte_array_sized_new (64 * 1024);
    GByteArray *loca = g_byte_array_sized_new ((n_new + 1) * 4);
    guint8 offset[4];

    for (unsigned g = 0; g <= last && ok; g++)
      {
        unsigned start, end;

        if (!keep[g])
          continue;
        put32 (offset, glyf->len);
        g_byte_array_append (loca, offset, 4);
        ok = glyph_range (&gl, g, &start, &end)
             && append_glyph (glyf, gl.glyf.data + start, end - start, ids);
      }
    put32 (offset, glyf->len);
    g_byte_array_append (loca, offset, 4);
    out[n_out++] = (OutTable){ HB_TAG ('g', 'l', 'y', 'f'), glyf };
    out[n_out++] = (OutTable){ HB_TAG ('l', 'o', 'c', 'a'), loca };
  }

  /* hmtx: a full metric (advance, left side bearing) for every glyph; a
   * glyph past the font's last full metric takes that one's advance. */
  {
    GByteArray *metrics = g_byte_array_sized_new (4 * n_new);

    for (unsigned g = 0; g <= last; g++)
      {
        guint8 metric[4];

        if (!keep[g])
          continue;
        memcpy (metric, hmtx.data + 4 * MIN (g, n_metrics - 1), 2);
        memcpy (metric + 2,
                hmtx.data + (g < n_metrics ? 4 * g + 2 : 4 * n_metrics + 2 * (g - n_metrics)), 2);
        g_byte_array_append (metrics, metric, 4);
      }
    out[n_out++] = (OutTable){ HB_TAG ('h', 'm', 't', 'x'), metrics };
  }

  /* head: long loca, the checksum adjustment set at the end; hhea: the
   * metrics count; maxp: the glyph count; post: version 3 (no names). */
  {
    GByteArray *t = g_byte_array_new ();
    g_byte_array_append (t, head.data, 54);
    put32 (t->data + 8, 0);
    put16 (t->data + 50, 1);
    out[n_out++] = (OutTable){ HB_TAG ('h', 'e', 'a', 'd'), t };
    t = g_byte_array_new ();
    g_byte_array_append (t, hhea.data, 36);
    put16 (t->data + 34, n_new);
    out[n_out++] = (OutTable){ HB_TAG ('h', 'h', 'e', 'a'), t };
    t = g_byte_array_new ();
    g_byte_array_append (t, maxp.data, maxp.length);
    put16 (t->data + 4, n_new);
    out[n_out++] = (OutTable){ HB_TAG ('m', 'a', 'x', 'p'), t };
    t = g_byte_array_new ();
    g_byte_array_set_size (t, 32);
    memset (t->data, 0, 32);
    if (post.length >= 32)
      memcpy (t->data, post.data, 32);
    put32 (t->data, 0x00030000);
    out[n_out++] = (OutTable){ HB_TAG ('p', 'o', 's', 't'), t };
  }
  if (ok)
    {
      /* The directory lists tables in tag order. */
      for (int i = 1; i < n_out; i++)
        for (int j = i; j > 0 && out[j - 1].tag > out[j].tag; j--)
          {
            OutTable swap = out[j];
            out[j] = out[j - 1];
            out[j - 1] = swap;
          }
      font = assemble (out, n_out);
    }
  for (int i = 0; i < n_out; i++)
    g_byte_array_unref (out[i].data);

done:
  g_free (keep);
  g_array_unref (todo);
  hb_blob_destroy (head.blob);
  hb_blob_destroy (hhea.blob);
  hb_blob_destroy (maxp.blob);
  hb_blob_destroy (hmtx.blob);
  hb_blob_destroy (post.blob);
  hb_blob_destroy (gl.glyf.blob);
  hb_blob_destroy (gl.loca.blob);
  return ok ? font : NULL;
}
