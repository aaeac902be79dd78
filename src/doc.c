/* doc.c — the document model (see doc.h): blocks, positions, the invariant
 * walker and the JSON dump (--dump=doc).
 */
#include "doc.h"

#include <stdarg.h>
#include <string.h>

static void
block_free (gpointer data)
{
  TsBlock *block = data;

  if (block == NULL)
    return;
  g_free (block->text);
  g_array_unref (block->spans);
  g_array_unref (block->origins);
  g_free (block->image);
  g_free (block->marker);
  g_free (block);
}

/* Returns a new document for the source named @file (may be NULL).
 * Caller frees with ts_doc_free(). */
TsDoc *
ts_doc_new (const char *file)
{
  TsDoc *doc = g_new0 (TsDoc, 1);

  doc->file = g_strdup (file);
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->links = g_ptr_array_new_with_free_func (g_free);
  return doc;
}

void
ts_doc_free (TsDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->file);
  g_free (doc->title);
  g_free (doc->author);
  g_free (doc->source);
  g_free (doc->date);
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->links);
  g_free (doc);
}

TsBlock *
ts_doc_add_block (TsDoc *doc, TsBlockKind kind)
{
  TsBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);

  block = g_new0 (TsBlock, 1);
  block->kind = kind;
  block->text = g_strdup ("");
  block->spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));
  block->origins = g_array_new (FALSE, FALSE, sizeof (TsOrigin));
  block->caption_reason = TS_CAPTION_NONE;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
ts_block_get_position (const TsBlock *block, int offset, int *line, int *column)
{
  const TsOrigin *origin;
  int len;

  g_return_if_fail (block != NULL);

  if (block->origins == NULL || block->origins->len == 0)
    {
      if (line != NULL)
        *line = 0;
      if (column != NULL)
        *column = 0;
      return;
    }

  len = (int)strlen (block->text);
  offset = CLAMP (offset, 0, len);

  /* The last origin at or before @offset; from there the text is a verbatim
   * copy of one source line, one character for one character. */
  origin = ts_origins_find (block->origins, offset);
  if (line != NULL)
    *line = origin->line;
  if (column != NULL)
    {
      int from = MIN (origin->offset, offset);
      *column = origin->column + (int)g_utf8_strlen (block->text + from, offset - from);
    }
}

const TsOrigin *
ts_origins_find (const GArray *origins, int offset)
{
  const TsOrigin *o = (const TsOrigin *)(gpointer)origins->data;
  guint lo = 0, hi = origins->len;

  g_assert (hi > 0);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (o[mid].offset <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return &o[lo];
}

static gboolean fail (char **why, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (char **why, const char *format, ...)
{
  va_list args;

  if (why != NULL)
    {
      va_start (args, format);
      *why = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

/* TRUE when @text (valid UTF-8) is NFC.  One g_utf8_normalize() over a
 * long paragraph is quadratic in GLib (it decomposes and moves the tail of
 * its buffer on every recomposition), so it runs on pieces cut before
 * characters that never compose with what precedes them and decompose to
 * a starter: everything below U+0300 and the precomposed Latin of
 * U+1E00..U+1EFF (all of Vietnamese).  Other scripts are not cut. */
static gboolean
text_is_nfc (const char *text, gsize length)
{
  const char *p = text, *end = text + length, *piece = text;

  while (p <= end)
    {
      gunichar c = p < end ? g_utf8_get_char (p) : 0;
      if (p == end || (p > piece && (c < 0x0300 || (c >= 0x1E00 && c <= 0x1EFF))))
        {
          g_autofree char *nfc = g_utf8_normalize (piece, p - piece, G_NORMALIZE_NFC);
          if (nfc == NULL || strlen (nfc) != (gsize)(p - piece)
              || memcmp (nfc, piece, p - piece) != 0)
            return FALSE;
          piece = p;
        }
      if (p == end)
        break;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

static gboolean
check_block (const TsBlock *block, guint index, char **why)
{
  const char *end;
  int len, prev_end = 0, prev_offset = -1;

  if (block->text == NULL)
    return fail (why, "block %u: text is NULL", index);
  len = (int)strlen (block->text);
  if (!g_utf8_validate (block->text, len, &end))
    return fail (why, "block %u: invalid UTF-8 at byte %d", index, (int)(end - block->text));
  if (!text_is_nfc (block->text, len))
    return fail (why, "block %u: text is not NFC", index);
  if (len > 0 && (block->text[0] == '\n' || block->text[len - 1] == '\n'
                  || strstr (block->text, "\n\n") != NULL || strstr (block->text, " \n") != NULL
                  || strstr (block->text, "\n ") != NULL))
    return fail (why, "block %u: a hard line break at an end, doubled or next to a space", index);
  if (len > 0 && (block->text[0] == ' ' || block->text[len - 1] == ' '))
    return fail (why, "block %u: text is not trimmed", index);
  if (strstr (block->text, "  ") != NULL)
    return fail (why, "block %u: text has a run of spaces", index);
  if (len == 0 && block->kind != TS_BLOCK_FIGURE && block->kind != TS_BLOCK_BREAK)
    return fail (why, "block %u: empty %s", index, ts_block_kind_to_string (block->kind));

  switch (block->kind)
    {
    case TS_BLOCK_HEADING:
      if (block->level < 1 || block->level > 6)
        return fail (why, "block %u: heading level %d", index, block->level);
      break;
    case TS_BLOCK_FIGURE:
      if (block->image == NULL || block->image[0] == '\0')
        return fail (why, "block %u: figure without an image", index);
      break;
    case TS_BLOCK_BREAK:
      if (len > 0)
        return fail (why, "block %u: a break with text", index);
      break;
    case TS_BLOCK_PARAGRAPH:
    case TS_BLOCK_CAPTION:
    case TS_BLOCK_QUOTE:
      if (block->image != NULL)
        return fail (why, "block %u: %s with an image", index,
                     ts_block_kind_to_string (block->kind));
      break;
    default:
      return fail (why, "block %u: unknown kind %d", index, (int)block->kind);
    }
  if ((block->kind == TS_BLOCK_CAPTION || block->kind == TS_BLOCK_FIGURE)
      != (block->caption_reason != TS_CAPTION_NONE))
    return fail (why, "block %u: caption reason %d on a %s", index, (int)block->caption_reason,
                 ts_block_kind_to_string (block->kind));

  for (guint i = 0; i < block->spans->len; i++)
    {
      const TsSpan *span = &g_array_index (block->spans, TsSpan, i);
      if (span->start < prev_end || span->start >= span->end || span->end > len)
        return fail (why, "block %u: span %u [%d, %d) out of order or outside the text", index, i,
                     span->start, span->end);
      if (span->flags == 0
          || (span->flags & ~(guint)(TS_SPAN_ITALIC | TS_SPAN_BOLD | TS_SPAN_LINK)) != 0)
        return fail (why, "block %u: span %u has flags 0x%x", index, i, span->flags);
      if (((span->flags & TS_SPAN_LINK) != 0) != (span->link > 0))
        return fail (why, "block %u: span %u: link %d with flags 0x%x", index, i, span->link,
                     span->flags);
      if ((block->text[span->start] & 0xC0) == 0x80
          || (span->end < len && (block->text[span->end] & 0xC0) == 0x80))
        return fail (why, "block %u: span %u cuts a character", index, i);
      prev_end = span->end;
    }

  if (block->origins->len == 0)
    return fail (why, "block %u: no origins", index);
  for (guint i = 0; i < block->origins->len; i++)
    {
      const TsOrigin *origin = &g_array_index (block->origins, TsOrigin, i);
      if (i == 0 && origin->offset != 0)
        return fail (why, "block %u: first origin at offset %d", index, origin->offset);
      if (origin->offset <= prev_offset || origin->offset > len)
        return fail (why, "block %u: origin %u at offset %d out of order", index, i,
                     origin->offset);
      if (origin->line < 1 || origin->column < 1)
        return fail (why, "block %u: origin %u at %d:%d", index, i, origin->line, origin->column);
      prev_offset = origin->offset;
    }
  return TRUE;
}

gboolean
ts_doc_check (const TsDoc *doc, char **why)
{
  g_return_val_if_fail (doc != NULL, FALSE);

  if (why != NULL)
    *why = NULL;
  if (doc->blocks == NULL)
    return fail (why, "no block array");
  if (doc->date != NULL)
    {
      /* Bounds first: g_date_valid_dmy() takes a guint8 day and a guint16 year. */
      if (doc->year < 1 || doc->year > 9999 || doc->month < 1 || doc->month > 12 || doc->day < 0
          || doc->day > 31 || (doc->day > 0 && !g_date_valid_dmy (doc->day, doc->month, doc->year)))
        return fail (why, "date %s parsed as %d-%d-%d", doc->date, doc->year, doc->month, doc->day);
    }
  else if (doc->year != 0 || doc->month != 0 || doc->day != 0)
    return fail (why, "no date but year %d month %d day %d", doc->year, doc->month, doc->day);

  for (guint i = 0; i < doc->blocks->len; i++)
    if (!check_block (g_ptr_array_index (doc->blocks, i), i, why))
      return FALSE;
  return TRUE;
}

const char *
ts_block_kind_to_string (TsBlockKind kind)
{
  switch (kind)
    {
    case TS_BLOCK_PARAGRAPH:
      return "paragraph";
    case TS_BLOCK_CAPTION:
      return "caption";
    case TS_BLOCK_HEADING:
      return "heading";
    case TS_BLOCK_QUOTE:
      return "quote";
    case TS_BLOCK_FIGURE:
      return "figure";
    case TS_BLOCK_BREAK:
      return "break";
    default:
      return "unknown";
    }
}

char *
ts_doc_format_date (const TsDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  if (doc->year <= 0 || doc->month <= 0)
    return NULL;
  /* Running-text style (VIETNAMESE.md): no zero padding, which only state
   * documents use. */
  if (doc->day > 0)
    return g_strdup_printf ("Ngày %d tháng %d năm %d", doc->day, doc->month, doc->year);
  return g_strdup_printf ("Tháng %d/%d", doc->month, doc->year);
}

/* Appends @s as a JSON string: UTF-8 passes through, the two characters
 * JSON reserves are escaped, and control characters become \u00XX. */
static void
append_json_string (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static const char *
caption_reason_to_string (TsCaptionReason reason)
{
  switch (reason)
    {
    case TS_CAPTION_HEURISTIC:
      return "heuristic";
    case TS_CAPTION_EXPLICIT:
      return "explicit";
    case TS_CAPTION_NONE:
    default:
      return NULL;
    }
}

char *
ts_doc_to_json (const TsDoc *doc)
{
  GString *out;

  g_return_val_if_fail (doc != NULL, NULL);

  /* One block per line: small diffs when a golden dump changes. */
  out = g_string_new ("{\n  \"file\": ");
  append_json_string (out, doc->file);
  g_string_append (out, ",\n  \"title\": ");
  append_json_string (out, doc->title);
  g_string_append (out, ",\n  \"author\": ");
  append_json_string (out, doc->author);
  g_string_append (out, ",\n  \"source\": ");
  append_json_string (out, doc->source);
  g_string_append (out, ",\n  \"date\": ");
  append_json_string (out, doc->date);
  g_string_append (out, ",\n  \"blocks\": [");
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const TsBlock *block = g_ptr_array_index (doc->blocks, i);
      const char *reason = caption_reason_to_string (block->caption_reason);
      int line, column;

      ts_block_get_position (block, 0, &line, &column);
      g_string_append (out, i == 0 ? "\n    {" : ",\n    {");
      g_string_append_printf (out, "\"kind\": \"%s\"", ts_block_kind_to_string (block->kind));
      if (block->kind == TS_BLOCK_HEADING)
        g_string_append_printf (out, ", \"level\": %d", block->level);
      g_string_append_printf (out, ", \"line\": %d, \"column\": %d, \"text\": ", line, column);
      append_json_string (out, block->text);
      if (reason != NULL)
        g_string_append_printf (out, ", \"caption\": \"%s\"", reason);
      if (block->image != NULL)
        {
          g_string_append (out, ", \"image\": ");
          append_json_string (out, block->image);
        }
      if (block->wide)
        g_string_append (out, ", \"wide\": true");
      if (block->marker != NULL)
        {
          g_string_append (out, ", \"marker\": ");
          append_json_string (out, block->marker);
          g_string_append_printf (out, ", \"depth\": %d", block->list_depth);
        }
      g_string_append (out, ", \"spans\": [");
      for (guint j = 0; j < block->spans->len; j++)
        {
          const TsSpan *span = &g_array_index (block->spans, TsSpan, j);
          g_string_append_printf (out,
                                  "%s{\"start\": %d, \"end\": %d, \"italic\": %s, \"bold\": %s",
                                  j == 0 ? "" : ", ", span->start, span->end,
                                  (span->flags & TS_SPAN_ITALIC) ? "true" : "false",
                                  (span->flags & TS_SPAN_BOLD) ? "true" : "false");
          if (span->link > 0 && span->link <= (int)doc->links->len)
            {
              g_string_append (out, ", \"link\": ");
              append_json_string (out, g_ptr_array_index (doc->links, span->link - 1));
            }
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, doc->blocks->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}
