/* dump.c — JSON dumps of set lines and placed boxes (see dump.h). */
#include "dump.h"

#include <math.h>

void
ts_json_append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; s && *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_pt (GString *out, const char *key, int units)
{
  g_string_append_printf (out, "\"%s\":%.3f", key, (double) units / PANGO_SCALE);
}

/* "x":…,"y":…,"width":…,"height":… */
static void
append_rect (GString *out, int x, int y, int width, int height)
{
  append_pt (out, "x", x);
  g_string_append_c (out, ',');
  append_pt (out, "y", y);
  g_string_append_c (out, ',');
  append_pt (out, "width", width);
  g_string_append_c (out, ',');
  append_pt (out, "height", height);
}

const char *
ts_break_kind_to_string (TsBreakKind kind)
{
  switch (kind)
    {
    case TS_BREAK_GLUE:
      return "glue";
    case TS_BREAK_PENALTY:
      return "penalty";
    case TS_BREAK_FORCED:
      return "forced";
    case TS_BREAK_EMERGENCY:
      return "emergency";
    }
  return "unknown";
}

static void
append_line (GString *out, const TsLine *line)
{
  g_autofree char *text = ts_line_get_text (line);
  double ratio = line->brk.ratio;

  g_string_append (out, "\"text\":");
  ts_json_append_string (out, text);
  g_string_append_c (out, ',');
  append_pt (out, "measure", line->width);
  g_string_append_c (out, ',');
  append_pt (out, "natural", line->natural_width);
  g_string_append_c (out, ',');
  append_pt (out, "used", line->used_width);
  /* JSON has no infinities. */
  if (!isfinite (ratio))
    ratio = ratio > 0 ? 1e6 : -1e6;
  g_string_append_printf (out, ",\"ratio\":%.4f,\"expansion\":%.4f,\"badness\":%d,"
                               "\"demerits\":%.0f,\"fitness\":%d,\"break\":\"%s\",\"last\":%s",
                          ratio, line->expansion, line->brk.badness, line->brk.demerits,
                          line->brk.fitness,
                          ts_break_kind_to_string (line->brk.kind),
                          line->last ? "true" : "false");
}

void
ts_dump_lines (GString *out, const GArray *galley)
{
  gboolean first = TRUE;

  g_string_append (out, "{\"lines\":[");
  for (guint b = 0; b < galley->len; b++)
    {
      const TsFlowBlock *fb = &g_array_index (galley, TsFlowBlock, b);
      for (guint i = 0; fb->lines != NULL && i < fb->lines->len; i++)
        {
          g_string_append (out, first ? "\n" : ",\n");
          first = FALSE;
          g_string_append_printf (out, "{\"block\":%d,\"kind\":\"%s\",\"line\":%u,", fb->block,
                                  ts_role_to_string (fb->role), i + 1);
          append_line (out, g_ptr_array_index (fb->lines, i));
          g_string_append_c (out, '}');
        }
    }
  g_string_append (out, "\n]}\n");
}

void
ts_dump_pages (GString *out, const TsPageList *pages)
{
  g_string_append (out, "{\"pages\":[");
  for (guint p = 0; p < pages->pages->len; p++)
    {
      const TsPage *page = g_ptr_array_index (pages->pages, p);

      g_string_append_printf (out, "%s\n{\"number\":%d,", p ? "," : "", page->number);
      append_pt (out, "width", page->width);
      g_string_append_c (out, ',');
      append_pt (out, "height", page->height);
      g_string_append (out, ",\"frames\":[");
      for (guint f = 0; f < page->frames->len; f++)
        {
          const TsRect *r = &g_array_index (page->frames, TsRect, f);
          g_string_append (out, f ? ",{" : "{");
          append_rect (out, r->x, r->y, r->width, r->height);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "],\"boxes\":[");
      for (guint i = 0; i < page->boxes->len; i++)
        {
          const TsBox *box = &g_array_index (page->boxes, TsBox, i);

          g_string_append_printf (out, "%s\n {\"frame\":%d,\"block\":%d,\"kind\":\"%s\",",
                                  i ? "," : "", box->frame, box->block,
                                  ts_role_to_string (box->role));
          append_rect (out, box->x, box->y, box->width, box->height);
          if (box->kind == TS_BOX_LINE)
            {
              g_autofree char *text = ts_line_get_text (box->line);
              g_string_append_c (out, ',');
              append_pt (out, "baseline", box->baseline);
              g_string_append (out, ",\"text\":");
              ts_json_append_string (out, text);
            }
          else if (box->kind == TS_BOX_IMAGE)
            {
              /* null: the placeholder of a photo that could not be read */
              g_string_append (out, ",\"image\":");
              if (box->image != NULL)
                ts_json_append_string (out, box->image->path);
              else
                g_string_append (out, "null");
            }
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n]}\n");
}
