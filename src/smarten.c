/* smarten.c — straight quotes, three dots and spaced hyphens into proper
 * marks (see smarten.h).
 *
 * One pass over the text builds the new text and a map from old byte
 * offsets to new ones; spans and origins go through the map.  A straight
 * double quote opens after a space, an opening bracket or dash, or at the
 * start; otherwise it closes.  A single quote between two letters is an
 * apostrophe (’).  Only a hyphen with a space (or the start) on its left and
 * a space on its right is a dash: 22-NQ/QU, 2019-2020 and COVID-19 keep
 * their hyphens.  URLs are left as typed.
 */
#include "smarten.h"

#include <string.h>

static gboolean
opens_after (gunichar prev)
{
  return prev == 0 || g_unichar_isspace (prev) || prev == '(' || prev == '[' || prev == '{'
         || prev == 0x2013 || prev == 0x2014 || prev == 0x201C || prev == 0x2018;
}

static char *
smarten_text (const char *text, guint flags, int **map_out, int *count)
{
  gsize len = strlen (text);
  GString *out = g_string_sized_new (len + 16);
  int *map = g_new (int, len + 1);
  gunichar prev = 0;
  const char *p = text;
  const char *run = text; /* unchanged bytes not copied yet: one append per run */

  *count = 0;
  while (*p != '\0')
    {
      gunichar c;

      /* A URL keeps its characters as typed: a quote or three dots in it
       * are part of the address, not typography. */
      if ((prev == 0 || g_unichar_isspace (prev) || prev == '(')
          && (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://")
              || g_str_has_prefix (p, "www.")))
        {
          const char *end = p;
          while (*end != '\0' && *end != ' ' && *end != '\n')
            end++;
          for (const char *q = p; q < end; q++)
            map[q - text] = (int) out->len + (int) (q - run);
          prev = 'x';
          p = end;
          continue;
        }
      c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gunichar after = *next ? g_utf8_get_char (next) : 0;
      const char *replacement = NULL;
      gsize consumed = next - p;

      if ((flags & TS_SMARTEN_ELLIPSIS) && c == '.' && strncmp (p, "...", 3) == 0)
        {
          replacement = "…";
          consumed = 3;
        }
      else if ((flags & TS_SMARTEN_QUOTES) && c == '"')
        replacement = opens_after (prev) ? "“" : "”";
      else if ((flags & TS_SMARTEN_QUOTES) && c == '\'')
        {
          if (g_unichar_isalnum (prev) && g_unichar_isalnum (after))
            replacement = "’";
          else
            replacement = opens_after (prev) ? "‘" : "’";
        }
      else if ((flags & TS_SMARTEN_DASHES) && c == '-' && (prev == 0 || prev == ' ')
               && after == ' ')
        replacement = "–";

      if (replacement != NULL)
        {
          g_string_append_len (out, run, p - run);
          for (gsize i = 0; i < consumed; i++)
            map[(p - text) + i] = (int) out->len;
          g_string_append (out, replacement);
          (*count)++;
          run = p + consumed;
        }
      else
        for (gsize i = 0; i < consumed; i++)
          map[(p - text) + i] = (int) out->len + (int) (p - run);
      prev = replacement != NULL ? g_utf8_get_char (replacement) : c;
      p += consumed;
    }
  g_string_append_len (out, run, p - run);
  map[len] = (int) out->len;
  *map_out = map;
  return g_string_free (out, FALSE);
}

int
ts_block_smarten (TsBlock *block, guint flags)
{
  g_autofree int *map = NULL;
  int count;
  char *text;

  if (flags == 0 || block->text == NULL)
    return 0;
  text = smarten_text (block->text, flags, &map, &count);
  if (count == 0)
    {
      g_free (text);
      return 0;
    }
  for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
    {
      TsSpan *span = &g_array_index (block->spans, TsSpan, i);
      span->start = map[span->start];
      span->end = map[span->end];
    }
  for (guint i = 0; block->origins != NULL && i < block->origins->len; i++)
    {
      TsOrigin *origin = &g_array_index (block->origins, TsOrigin, i);
      origin->offset = map[origin->offset];
    }
  g_free (block->text);
  block->text = text;
  return count;
}

int
ts_doc_smarten (TsDoc *doc, guint flags)
{
  int count = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    count += ts_block_smarten (g_ptr_array_index (doc->blocks, i), flags);
  if (doc->title != NULL && flags != 0)
    {
      g_autofree int *map = NULL;
      int n;
      char *title = smarten_text (doc->title, flags, &map, &n);
      g_free (doc->title);
      doc->title = title;
      count += n;
    }
  return count;
}
