/* markdown.c — Markdown through md4c into the document model (markdown.h).
 *
 * Plan
 *  1. An optional front matter ("---" … "---" at the very top) gives the
 *     metadata, with the keys of the .txt format (title, author, source,
 *     date, and their Vietnamese spellings).
 *  2. md4c parses the rest (CommonMark with tables, strikethrough and
 *     permissive autolinks; no indented code blocks, since a newsroom indents
 *     paragraphs with spaces).  Its callbacks open and close "leaves": one
 *     leaf becomes one TsBlock.  Containers only change what the leaves
 *     become: inside a quote a paragraph is a TS_BLOCK_QUOTE; inside a list
 *     item it is a paragraph with a marker ("•", "3.") and a list depth.
 *     Tight list items have no paragraph of their own, so text that arrives
 *     with no leaf open opens one.
 *  3. Text is appended with runs of white space made one space, so the
 *     block text meets ts_doc_check(): trimmed, no newline, no double
 *     space.  Every chunk that points into the source adds an origin, so
 *     warnings later name FILE:LINE:COL.  Emphasis, strong and links become
 *     spans; a link's target goes into doc->links.
 *  4. An image's alt text is its caption.  A paragraph that holds only
 *     images (the usual "![caption](photo.jpg)") becomes figures; images
 *     inside running text become figures after that paragraph.  A "{wide}"
 *     right after the image asks for the full width.
 *  5. A hard break is a '\n' in the block's text: the shaper breaks the
 *     line there and sets the line before it like a last line, inside one
 *     paragraph.  A thematic break is a TS_BLOCK_BREAK.
 *  6. What has no layout yet keeps its text and leaves one warning per kind:
 *     a table row becomes a paragraph with its cells separated by " | ",
 *     raw HTML loses its tags but keeps its text, a code block becomes a
 *     paragraph.
 */
#include "markdown.h"

#include <md4c.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "lazylib.h"

/* libmd4c is opened on the first Markdown input (lazylib.h). */
static const char *const md4c_names[] = { "md_parse", NULL };
static void *md4c_functions[G_N_ELEMENTS (md4c_names)];
static TsLazyLib md4c_lib = { .soname = TS_MD4C_SONAME, .package = "libmd4c0",
                              .names = md4c_names, .functions = md4c_functions };

#define TS_MD_FLAGS                                                                            \
  (MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS                        \
   | MD_FLAG_NOINDENTEDCODEBLOCKS)

typedef struct
{
  gboolean ordered;
  int number; /* the next item's number */
} List;

typedef struct
{
  char *src;
  GString *caption;
  gboolean wide;
  int line, column;
} Figure;

typedef struct
{
  const TsSource *source;
  TsDiag *diag;
  TsDoc *doc;

  /* The open leaf. */
  gboolean open;
  TsBlockKind kind;
  int level;
  GString *text;
  GArray *spans;   /* TsSpan */
  GArray *origins; /* TsOrigin */
  GPtrArray *figures; /* Figure*, found in the open leaf */

  /* Inline state. */
  int em, strong, link;
  int image;         /* depth inside ![…] */
  Figure *figure;    /* the image being read */
  gboolean in_tag;   /* raw HTML: inside <…> */
  gboolean html;     /* the open leaf is a raw HTML block */

  /* Containers. */
  int quote;
  GArray *lists;      /* List */
  gboolean item_fresh;/* the next leaf is the first of its list item */
  char *marker;       /* that leaf's marker */
  int cell;           /* table: cells so far in the row */

  /* Where we are in the source, for blocks and warnings without text. */
  int line, column;
  const char *pending_code, *pending_message; /* a warning waiting for a position */
  guint warned;       /* bit per warning kind, so each is said once */
} Md;

enum
{
  WARN_TABLE = 1 << 0,
  WARN_HTML = 1 << 1,
  WARN_CODE = 1 << 2,
};

static void
figure_free (gpointer data)
{
  Figure *f = data;
  g_free (f->src);
  g_string_free (f->caption, TRUE);
  g_free (f);
}

static gboolean
in_source (const Md *md, const char *p)
{
  return p >= md->source->text && p < md->source->text + md->source->length;
}

static void
note_position (Md *md, const char *p)
{
  if (!in_source (md, p))
    return;
  ts_source_get_position (md->source, (gsize) (p - md->source->text), &md->line, &md->column);
  if (md->pending_code != NULL)
    {
      ts_diag_add (md->diag, TS_DIAG_WARNING, md->source->name, md->line, md->column,
                   md->pending_code, "%s", md->pending_message);
      md->pending_code = NULL;
    }
}

/* One warning per kind and document, said where the construct's text starts. */
static void
warn_once (Md *md, guint kind, const char *code, const char *message)
{
  if (md->diag == NULL || (md->warned & kind) != 0)
    return;
  md->warned |= kind;
  md->pending_code = code;
  md->pending_message = message;
}

/* ---- entities ---------------------------------------------------------- */

static const struct
{
  const char *name, *text;
} entities[] = {
  { "amp", "&" },      { "lt", "<" },       { "gt", ">" },       { "quot", "\"" },
  { "apos", "'" },     { "nbsp", "\u00a0" }, { "ndash", "–" },    { "mdash", "—" },
  { "hellip", "…" },   { "laquo", "«" },    { "raquo", "»" },    { "ldquo", "“" },
  { "rdquo", "”" },    { "lsquo", "‘" },    { "rsquo", "’" },    { "copy", "©" },
  { "reg", "®" },      { "deg", "°" },      { "middot", "·" },   { "times", "×" },
  { "bull", "•" },     { "permil", "‰" },   { "euro", "€" },     { "shy", "" },
};

/* Appends the text of the entity @p (@n bytes, "&…;") to @out; an entity
 * this table does not know is kept as written, never dropped. */
static void
append_entity (GString *out, const char *p, gsize n)
{
  g_autofree char *body = n >= 3 ? g_strndup (p + 1, n - 2) : NULL;

  if (body != NULL && body[0] == '#')
    {
      char *end = NULL;
      guint64 c = (body[1] == 'x' || body[1] == 'X') ? g_ascii_strtoull (body + 2, &end, 16)
                                                     : g_ascii_strtoull (body + 1, &end, 10);
      if (end != NULL && *end == '\0' && c > 0 && c <= 0x10FFFF && g_unichar_validate ((gunichar) c))
        {
          g_string_append_unichar (out, (gunichar) c);
          return;
        }
    }
  else if (body != NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
      if (strcmp (body, entities[i].name) == 0)
        {
          g_string_append (out, entities[i].text);
          return;
        }
  g_string_append_len (out, p, n);
}

/* An attribute (a link's href, an image's src) as plain text. */
static char *
attribute_text (const MD_ATTRIBUTE *a)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; a->substr_offsets != NULL && a->substr_offsets[i] < a->size; i++)
    {
      const char *p = a->text + a->substr_offsets[i];
      gsize n = a->substr_offsets[i + 1] - a->substr_offsets[i];
      switch (a->substr_types[i])
        {
        case MD_TEXT_ENTITY:
          append_entity (out, p, n);
          break;
        case MD_TEXT_NULLCHAR:
          g_string_append (out, "\uFFFD");
          break;
        default:
          g_string_append_len (out, p, n);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- leaves ------------------------------------------------------------ */

static void
open_leaf (Md *md, TsBlockKind kind, int level)
{
  md->open = TRUE;
  md->kind = kind;
  md->level = level;
  g_string_truncate (md->text, 0);
  g_array_set_size (md->spans, 0);
  g_array_set_size (md->origins, 0);
  md->in_tag = FALSE;
  md->cell = 0;
}

static void
add_span (Md *md, int start, int end)
{
  guint flags = (md->em > 0 ? TS_SPAN_ITALIC : 0) | (md->strong > 0 ? TS_SPAN_BOLD : 0)
                | (md->link > 0 ? TS_SPAN_LINK : 0);
  TsSpan *last = md->spans->len ? &g_array_index (md->spans, TsSpan, md->spans->len - 1) : NULL;
  TsSpan span = { start, end, flags, md->link };

  if (flags == 0 || end <= start)
    return;
  if (last != NULL && last->end == start && last->flags == flags && last->link == md->link)
    last->end = end;
  else
    g_array_append_val (md->spans, span);
}

static void
add_origin (Md *md, int offset, int line, int column)
{
  TsOrigin o = { offset, line, column };
  TsOrigin *last = md->origins->len
                     ? &g_array_index (md->origins, TsOrigin, md->origins->len - 1)
                     : NULL;
  if (last != NULL && last->offset == offset)
    *last = o;
  else
    g_array_append_val (md->origins, o);
}

/* Appends @n bytes of @p to @out with every run of white space one space
 * and no space at the start. */
static void
append_collapsed (GString *out, const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      char c = p[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, c);
    }
}

/* Raw HTML: the text between the tags. */
static void
append_html (Md *md, const char *p, gsize n)
{
  gsize from = 0;

  for (gsize i = 0; i <= n; i++)
    {
      gboolean cut = i == n || p[i] == '<' || p[i] == '>';
      if (!cut)
        continue;
      if (!md->in_tag && i > from)
        append_collapsed (md->text, p + from, i - from);
      if (i < n)
        {
          /* A tag is a word boundary: "a<br>b" is two words. */
          if (md->text->len > 0 && md->text->str[md->text->len - 1] != ' ')
            g_string_append_c (md->text, ' ');
          md->in_tag = p[i] == '<';
        }
      from = i + 1;
    }
}

static void
append_text (Md *md, const char *p, gsize n, MD_TEXTTYPE type)
{
  int start;

  if (md->image > 0)
    {
      if (type == MD_TEXT_ENTITY)
        append_entity (md->figure->caption, p, n);
      else
        append_collapsed (md->figure->caption, p, n);
      return;
    }
  if (!md->open)
    open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
  start = (int) md->text->len;
  if (in_source (md, p))
    {
      note_position (md, p);
      add_origin (md, start, md->line, md->column);
    }
  switch (type)
    {
    case MD_TEXT_ENTITY:
      append_entity (md->text, p, n);
      break;
    case MD_TEXT_NULLCHAR:
      g_string_append (md->text, "\uFFFD");
      break;
    case MD_TEXT_HTML:
      append_html (md, p, n);
      break;
    default:
      append_collapsed (md->text, p, n);
      break;
    }
  add_span (md, start, (int) md->text->len);
}

static void
add_figure_blocks (Md *md)
{
  for (guint i = 0; i < md->figures->len; i++)
    {
      Figure *f = g_ptr_array_index (md->figures, i);
      TsBlock *block;
      TsOrigin o = { 0, MAX (1, f->line), MAX (1, f->column) };
      gsize len;

      g_strstrip (f->caption->str);
      f->caption->len = strlen (f->caption->str);
      len = f->caption->len;
      if (f->src[0] == '\0' && len == 0)
        continue; /* "![]()" says nothing */
      block = ts_doc_add_block (md->doc, f->src[0] != '\0' ? TS_BLOCK_FIGURE : TS_BLOCK_CAPTION);
      g_free (block->text);
      block->text = g_strndup (f->caption->str, len);
      if (f->src[0] != '\0')
        block->image = g_strdup (f->src);
      block->wide = f->wide;
      block->caption_reason = TS_CAPTION_EXPLICIT;
      g_array_append_val (block->origins, o);
    }
  g_ptr_array_set_size (md->figures, 0);
}

/* Trims the open leaf and turns it into blocks. */
static void
close_leaf (Md *md)
{
  TsBlock *block;
  int len;

  if (!md->open)
    return;
  md->open = FALSE;
  while (md->text->len > 0
         && (md->text->str[md->text->len - 1] == ' ' || md->text->str[md->text->len - 1] == '\n'))
    g_string_truncate (md->text, md->text->len - 1);
  len = (int) md->text->len;
  for (guint i = md->spans->len; i-- > 0;)
    {
      TsSpan *span = &g_array_index (md->spans, TsSpan, i);
      span->end = MIN (span->end, len);
      if (span->start >= span->end)
        g_array_remove_index (md->spans, i);
    }
  for (guint i = md->origins->len; i-- > 0;)
    if (g_array_index (md->origins, TsOrigin, i).offset > len
        || (i > 0 && g_array_index (md->origins, TsOrigin, i).offset == len && len > 0))
      g_array_remove_index (md->origins, i);

  /* "![caption](photo.jpg){wide}" */
  if (md->figures->len > 0 && strcmp (md->text->str, "{wide}") == 0)
    {
      for (guint i = 0; i < md->figures->len; i++)
        ((Figure *) g_ptr_array_index (md->figures, i))->wide = TRUE;
      len = 0;
    }
  if (len == 0)
    {
      add_figure_blocks (md);
      return;
    }

  if (md->kind == TS_BLOCK_HEADING && md->level == 1 && md->doc->title == NULL
      && md->doc->blocks->len == 0 && md->quote == 0 && md->lists->len == 0)
    {
      md->doc->title = g_strdup (md->text->str);
      add_figure_blocks (md);
      return;
    }

  block = ts_doc_add_block (md->doc, md->kind);
  g_free (block->text);
  block->text = g_strdup (md->text->str);
  block->level = md->kind == TS_BLOCK_HEADING ? md->level : 0;
  g_array_append_vals (block->spans, md->spans->data, md->spans->len);
  if (md->origins->len == 0 || g_array_index (md->origins, TsOrigin, 0).offset != 0)
    {
      TsOrigin o = { 0, MAX (1, md->line), MAX (1, md->column) };
      g_array_prepend_val (md->origins, o);
    }
  g_array_append_vals (block->origins, md->origins->data, md->origins->len);
  if (md->lists->len > 0 && md->kind != TS_BLOCK_HEADING)
    {
      block->list_depth = (int) md->lists->len;
      if (md->item_fresh)
        block->marker = g_steal_pointer (&md->marker);
      md->item_fresh = FALSE;
    }
  add_figure_blocks (md);
}

/* ---- md4c callbacks ------------------------------------------------------ */

static int
enter_block (MD_BLOCKTYPE type, void *detail, void *userdata)
{
  Md *md = userdata;

  switch (type)
    {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
      break;
    case MD_BLOCK_QUOTE:
      close_leaf (md);
      md->quote++;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      {
        List list = { type == MD_BLOCK_OL,
                      type == MD_BLOCK_OL ? (int) ((MD_BLOCK_OL_DETAIL *) detail)->start : 0 };
        close_leaf (md);
        g_array_append_val (md->lists, list);
        break;
      }
    case MD_BLOCK_LI:
      {
        List *list = &g_array_index (md->lists, List, md->lists->len - 1);
        close_leaf (md);
        g_free (md->marker);
        /* A nested bullet is a dash, so the depth shows without a new glyph. */
        md->marker = list->ordered ? g_strdup_printf ("%d.", list->number++)
                                   : g_strdup (md->lists->len == 1 ? "•" : "–");
        md->item_fresh = TRUE;
        break;
      }
    case MD_BLOCK_HR:
      {
        TsBlock *block;
        TsOrigin o = { 0, MAX (1, md->line + 1), 1 };
        close_leaf (md);
        block = ts_doc_add_block (md->doc, TS_BLOCK_BREAK);
        g_array_append_val (block->origins, o);
        break;
      }
    case MD_BLOCK_H:
      close_leaf (md);
      open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_HEADING,
                 (int) ((MD_BLOCK_H_DETAIL *) detail)->level);
      break;
    case MD_BLOCK_CODE:
      close_leaf (md);
      warn_once (md, WARN_CODE, "markdown-code",
                 "a code block has no layout yet: its text is set as a paragraph");
      open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
      break;
    case MD_BLOCK_HTML:
      close_leaf (md);
      warn_once (md, WARN_HTML, "markdown-html",
                 "raw HTML has no layout: its tags are ignored and its text set as a paragraph");
      open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
      md->html = TRUE;
      break;
    case MD_BLOCK_P:
      close_leaf (md);
      open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
      break;
    case MD_BLOCK_TABLE:
      close_leaf (md);
      warn_once (md, WARN_TABLE, "markdown-table",
                 "a table has no layout yet: each row is set as a paragraph, cells separated "
                 "by |");
      break;
    case MD_BLOCK_TR:
      close_leaf (md);
      open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (md->open && md->cell++ > 0)
        g_string_append (md->text, md->text->len > 0 ? "| " : "");
      break;
    }
  return 0;
}

static int
leave_block (MD_BLOCKTYPE type, void *detail, void *userdata)
{
  Md *md = userdata;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      close_leaf (md);
      md->quote--;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      close_leaf (md);
      g_array_set_size (md->lists, md->lists->len - 1);
      break;
    case MD_BLOCK_LI:
      close_leaf (md);
      md->item_fresh = FALSE;
      break;
    case MD_BLOCK_HTML:
      close_leaf (md);
      md->html = FALSE;
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TR:
      close_leaf (md);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (md->open && md->text->len > 0 && md->text->str[md->text->len - 1] != ' ')
        g_string_append_c (md->text, ' ');
      break;
    default:
      break;
    }
  return 0;
}

static int
enter_span (MD_SPANTYPE type, void *detail, void *userdata)
{
  Md *md = userdata;

  switch (type)
    {
    case MD_SPAN_EM:
      md->em++;
      break;
    case MD_SPAN_STRONG:
      md->strong++;
      break;
    case MD_SPAN_A:
      if (md->image == 0)
        {
          g_ptr_array_add (md->doc->links, attribute_text (&((MD_SPAN_A_DETAIL *) detail)->href));
          md->link = (int) md->doc->links->len;
        }
      break;
    case MD_SPAN_IMG:
      if (md->image++ == 0)
        {
          const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *) detail)->src;
          md->figure = g_new0 (Figure, 1);
          md->figure->src = attribute_text (src);
          md->figure->caption = g_string_new (NULL);
          md->figure->line = md->line;
          md->figure->column = md->column;
          if (src->size > 0 && in_source (md, src->text))
            ts_source_get_position (md->source, (gsize) (src->text - md->source->text),
                                    &md->figure->line, &md->figure->column);
        }
      break;
    default:
      break;
    }
  return 0;
}

static int
leave_span (MD_SPANTYPE type, void *detail, void *userdata)
{
  Md *md = userdata;

  switch (type)
    {
    case MD_SPAN_EM:
      md->em--;
      break;
    case MD_SPAN_STRONG:
      md->strong--;
      break;
    case MD_SPAN_A:
      if (md->image == 0)
        md->link = 0;
      break;
    case MD_SPAN_IMG:
      if (--md->image == 0)
        {
          if (!md->open)
            open_leaf (md, md->quote > 0 ? TS_BLOCK_QUOTE : TS_BLOCK_PARAGRAPH, 0);
          g_ptr_array_add (md->figures, g_steal_pointer (&md->figure));
        }
      break;
    default:
      break;
    }
  return 0;
}

static int
text (MD_TEXTTYPE type, const MD_CHAR *p, MD_SIZE n, void *userdata)
{
  Md *md = userdata;

  switch (type)
    {
    case MD_TEXT_BR:
      if (md->image > 0 || !md->open)
        break;
      /* A hard break: a '\n' in the text, never next to a space, never at
       * the start and never two in a row (an empty line says nothing). */
      while (md->text->len > 0 && md->text->str[md->text->len - 1] == ' ')
        g_string_truncate (md->text, md->text->len - 1);
      if (md->text->len > 0 && md->text->str[md->text->len - 1] != '\n')
        g_string_append_c (md->text, '\n');
      break;
    case MD_TEXT_SOFTBR:
      append_text (md, " ", 1, MD_TEXT_NORMAL);
      break;
    case MD_TEXT_HTML:
      if (!md->html)
        warn_once (md, WARN_HTML, "markdown-html",
                   "raw HTML has no layout: its tags are ignored and its text kept");
      append_text (md, p, n, type);
      break;
    default:
      append_text (md, p, n, type);
      break;
    }
  return 0;
}

/* ---- front matter -------------------------------------------------------- */

static gboolean
set_date (TsDoc *doc, const char *value)
{
  int y = 0, m = 0, d = 0, n = 0;

  if (sscanf (value, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && value[n] == '\0')
    ;
  else if (d = 0, sscanf (value, "%4d-%2d%n", &y, &m, &n) == 2 && value[n] == '\0')
    ;
  else
    return FALSE;
  if (y < 1000 || m < 1 || m > 12 || d < 0 || d > 31)
    return FALSE;
  doc->year = y;
  doc->month = m;
  doc->day = d;
  g_free (doc->date);
  doc->date = g_strdup (value);
  return TRUE;
}

/* Reads "---\nkey: value\n…\n---\n" at the top; returns the offset where
 * the Markdown starts (0 without front matter). */
static gsize
read_front_matter (const TsSource *source, TsDoc *doc, TsDiag *diag, GError **error)
{
  const char *text = source->text;
  const char *end, *line;

  if (!g_str_has_prefix (text, "---\n"))
    return 0;
  end = strstr (text + 3, "\n---");
  if (end == NULL || (end[4] != '\n' && end[4] != '\0'))
    return 0;
  for (line = text + 4; line < end + 1;)
    {
      const char *eol = strchr (line, '\n');
      g_autofree char *row = g_strndup (line, eol - line);
      char *colon = strchr (row, ':');
      int l, c;

      ts_source_get_position (source, (gsize) (line - text), &l, &c);
      line = eol + 1;
      if (colon == NULL)
        {
          if (g_strstrip (row)[0] != '\0')
            ts_diag_add (diag, TS_DIAG_WARNING, source->name, l, 1, "front-matter",
                         "not a 'key: value' line; ignored");
          continue;
        }
      *colon = '\0';
      g_autofree char *key = g_utf8_strdown (g_strstrip (row), -1);
      char *value = g_strstrip (colon + 1);
      if ((value[0] == '"' || value[0] == '\'') && strlen (value) >= 2
          && value[strlen (value) - 1] == value[0])
        {
          value[strlen (value) - 1] = '\0';
          value++;
        }
      if (strcmp (key, "title") == 0 || strcmp (key, "tiêu đề") == 0)
        g_free (doc->title), doc->title = g_strdup (value);
      else if (strcmp (key, "author") == 0 || strcmp (key, "tác giả") == 0)
        g_free (doc->author), doc->author = g_strdup (value);
      else if (strcmp (key, "source") == 0 || strcmp (key, "nguồn") == 0)
        g_free (doc->source), doc->source = g_strdup (value);
      else if (strcmp (key, "date") == 0 || strcmp (key, "ngày") == 0)
        {
          if (!set_date (doc, value))
            {
              g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                           "%s:%d:%d: date '%s' is not a date; write YYYY-MM or YYYY-MM-DD",
                           source->name, l, (int) g_utf8_strlen (row, -1) + 3, value);
              return (gsize) -1;
            }
        }
      else if (diag != NULL)
        ts_diag_add (diag, TS_DIAG_WARNING, source->name, l, 1, "front-matter",
                     "unknown key '%s'; known keys: title, author, source, date", key);
    }
  return (gsize) (end - text) + (end[4] == '\n' ? 5 : 4);
}

gboolean
ts_markdown_is_markdown_name (const char *path)
{
  return path != NULL && (g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown")
                          || g_str_has_suffix (path, ".MD"));
}

TsDoc *
ts_markdown_parse (const TsSource *source, TsDiag *diag, GError **error)
{
  g_autoptr (TsDoc) doc = ts_doc_new (source->name);
  MD_PARSER parser = {
    .abi_version = 0, .flags = TS_MD_FLAGS, .enter_block = enter_block,
    .leave_block = leave_block, .enter_span = enter_span, .leave_span = leave_span,
    .text = text,
  };
  Md md = { .source = source, .diag = diag, .doc = doc, .line = 1, .column = 1 };
  gsize start = read_front_matter (source, doc, diag, error);
  int status;

  if (start == (gsize) -1 || !ts_lazy_lib_load (&md4c_lib, "Markdown input", error))
    return NULL;
  md.text = g_string_new (NULL);
  md.spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));
  md.origins = g_array_new (FALSE, FALSE, sizeof (TsOrigin));
  md.figures = g_ptr_array_new_with_free_func (figure_free);
  md.lists = g_array_new (FALSE, FALSE, sizeof (List));
  ts_source_get_position (source, start, &md.line, &md.column);

  status = ((__typeof__ (&md_parse)) md4c_functions[0]) (
      source->text + start, (MD_SIZE) (source->length - start), &parser, &md);
  close_leaf (&md);

  g_string_free (md.text, TRUE);
  g_array_unref (md.spans);
  g_array_unref (md.origins);
  g_ptr_array_unref (md.figures);
  g_array_unref (md.lists);
  g_free (md.marker);
  if (md.figure != NULL)
    figure_free (md.figure);
  if (status != 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_PARSE, "%s: the Markdown parser failed (%d)",
                   source->name, status);
      return NULL;
    }
  if (doc->blocks->len == 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_EMPTY, "%s: nothing to typeset: %s", source->name,
                   doc->title != NULL || doc->date != NULL ? "the file has only metadata"
                                                           : "the file is empty");
      return NULL;
    }
  return g_steal_pointer (&doc);
}
