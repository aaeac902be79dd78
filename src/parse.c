/* parse.c — the plain-text article grammar into a document (see doc.h).
 *
 * Plan.
 *  1. Lines.  The source text is cut at LF.  Each line keeps its file line
 *     and the column of its first byte; an LF that the reader made from a
 *     form feed is not a new file line (reader.c) and acts as a blank line.
 *  2. Metadata.  Leading "key: value" lines (title, author, source, date,
 *     captions, and the Vietnamese tiêu đề, tác giả, nguồn, ngày), blank
 *     lines between them, and the seed's form "date 2021-05 First words…"
 *     where the first paragraph shares the line.  The first other line
 *     starts the body.
 *  3. Blocks.  Blank lines separate blocks.  A "## Heading" line is a block
 *     of its own; a block whose first line starts with '>' is a quote; a
 *     block that is only "![caption](photo.jpg)" is a figure; one that
 *     starts "[caption] " is an explicit caption; everything else is a
 *     paragraph.
 *  4. Joining.  The lines of a block are trimmed and joined with one space,
 *     and runs of spaces collapse to one (U+00A0 is kept: it was typed on
 *     purpose).  Every character carries its source line:column; an origin
 *     is recorded wherever that stops being "one more column on the same
 *     line" (a joined line, a collapsed run, a removed marker), so
 *     ts_block_get_position() is exact.
 *  5. Inline.  *italic*, _italic_, **bold**, ***both*** and backslash
 *     escapes, by CommonMark's delimiter-run algorithm (spec 0.30, "process
 *     emphasis": flanking rules, rule of three, openers_bottom, which keeps
 *     it linear).  Used markers are removed; unmatched ones stay as text.
 *     Nesting is flattened into non-overlapping spans with both flags.
 *  6. Captions.  The heuristic at the end of this file marks short
 *     one-sentence paragraphs between body paragraphs as photo captions.
 *
 * Every step is linear in the input: a 1 MB line costs a few passes.
 */
#include "doc.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

/* Characters a backslash escapes: those that mean something in this
 * format.  Elsewhere a backslash is text (C:\Users stays as it is). */
#define ESCAPABLE "\\*_#>![]()"

/* Longest key worth looking up in "key: value" metadata ("tiêu đề" is 10
 * bytes). */
#define TS_META_KEY_MAX 24

/* ------------------------------------------------------------------ */
/* Characters */

/* Spaces for trimming and blank lines: ASCII space (the reader turned TAB
 * into one) and the Unicode space separators, so that a line of no-break
 * spaces pasted from a web page is blank. */
static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean
is_whitespace_for_flanking (gunichar c)
{
  return g_unichar_isspace (c);
}

/* CommonMark 0.31: Unicode punctuation is the P and S categories. */
static gboolean
is_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Moves @start forward and @end back over spaces in @text. */
static void
trim_range (const char *text, int *start, int *end)
{
  while (*start < *end && is_space_char (g_utf8_get_char (text + *start)))
    *start = g_utf8_next_char (text + *start) - text;
  while (*end > *start)
    {
      const char *prev = g_utf8_prev_char (text + *end);
      if (!is_space_char (g_utf8_get_char (prev)))
        break;
      *end = prev - text;
    }
}

/* ------------------------------------------------------------------ */
/* Lines */

/* A run of source text on one file line. */
typedef struct
{
  int start, end;        /* bytes of source->text, end exclusive, no LF */
  int line;              /* 1-based file line */
  int column;            /* 1-based column of the byte at start */
  gboolean break_before; /* a form feed came just before: a block break */
} Piece;

static GArray *
split_lines (const TsSource *source)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Piece));
  const char *text = source->text;
  int length = (int)source->length;
  guint next_start = 1; /* index in source->lines of the next file line */
  Piece piece = { 0, 0, 1, 1, FALSE };

  for (;;)
    {
      const char *nl = memchr (text + piece.start, '\n', length - piece.start);
      piece.end = nl != NULL ? (int)(nl - text) : length;
      g_array_append_val (lines, piece);
      if (nl == NULL)
        break;

      int start = piece.end + 1;
      if (source->lines == NULL
          || (next_start < source->lines->len
              && g_array_index (source->lines, int, next_start) == start))
        {
          next_start++;
          piece.line++;
          piece.column = 1;
          piece.break_before = FALSE;
        }
      else
        {
          /* An LF made from a form feed: same file line, one column on. */
          piece.column += (int)g_utf8_strlen (text + piece.start, piece.end - piece.start) + 1;
          piece.break_before = TRUE;
        }
      piece.start = start;
    }
  return lines;
}

static gboolean
piece_is_blank (const char *text, const Piece *piece)
{
  int start = piece->start, end = piece->end;

  trim_range (text, &start, &end);
  return start == end;
}

/* Column of byte @offset, which lies in @piece. */
static int
piece_column_at (const char *text, const Piece *piece, int offset)
{
  return piece->column + (int)g_utf8_strlen (text + piece->start, offset - piece->start);
}

/* ------------------------------------------------------------------ */
/* Joined text: the lines of one block as one string, with origins */

typedef struct
{
  GString *text;
  GArray *origins;            /* TsOrigin over text */
  int next_line, next_column; /* where the next character would come from */
} Joined;

static void
joined_clear (Joined *joined)
{
  g_string_free (joined->text, TRUE);
  g_array_unref (joined->origins);
}

static void
append_origin (GArray *origins, int offset, int line, int column)
{
  TsOrigin origin = { offset, line, column };

  g_array_append_val (origins, origin);
}

/* Appends @n_chars characters (@length bytes at @p) that stand at LINE:COL
 * @line:@column onwards in the source, one column each. */
static void
joined_append_run (Joined *joined, const char *p, int length, int n_chars, int line, int column)
{
  if (line != joined->next_line || column != joined->next_column)
    append_origin (joined->origins, (int)joined->text->len, line, column);
  g_string_append_len (joined->text, p, length);
  joined->next_line = line;
  joined->next_column = column + n_chars;
}

static void
joined_append (Joined *joined, const char *p, int length, int line, int column)
{
  joined_append_run (joined, p, length, 1, line, column);
}

/* Joins @pieces: each trimmed, one space between them, runs of ASCII
 * spaces collapsed. */
static void
join_pieces (const char *text, const Piece *pieces, int n_pieces, Joined *joined)
{
  int end_line = 0, end_column = 0; /* just after the previous piece's text */

  joined->text = g_string_new (NULL);
  joined->origins = g_array_new (FALSE, FALSE, sizeof (TsOrigin));
  joined->next_line = joined->next_column = -1;

  for (int i = 0; i < n_pieces; i++)
    {
      const Piece *piece = &pieces[i];
      int start = piece->start, end = piece->end, column;
      gboolean in_space = FALSE;

      trim_range (text, &start, &end);
      if (start == end)
        continue;
      column = piece_column_at (text, piece, start);
      if (joined->text->len > 0)
        joined_append (joined, " ", 1, end_line, end_column); /* the soft line break */
      /* The characters kept (all but the second and later spaces of a run)
       * go in as runs, not one by one: a run is where a character was. */
      const char *p = text + start, *run = NULL;
      int run_column = 0, run_chars = 0;
      for (; p < text + end; column++)
        {
          int length = g_utf8_skip[*(const guchar *)p];
          gboolean keep = *p != ' ' || !in_space;

          in_space = *p == ' ';
          if (keep && run == NULL)
            {
              run = p;
              run_column = column;
              run_chars = 0;
            }
          if (keep)
            run_chars++;
          else if (run != NULL)
            {
              joined_append_run (joined, run, (int)(p - run), run_chars, piece->line, run_column);
              run = NULL;
            }
          p += length;
        }
      if (run != NULL)
        joined_append_run (joined, run, (int)(p - run), run_chars, piece->line, run_column);
      end_line = piece->line;
      end_column = column;
    }
}

/* Source line:column of byte @offset of @joined. */
static void
joined_position (const Joined *joined, int offset, int *line, int *column)
{
  const TsOrigin *origin = ts_origins_find (joined->origins, offset);

  *line = origin->line;
  *column = origin->column
            + (int)g_utf8_strlen (joined->text->str + origin->offset, offset - origin->offset);
}

/* ------------------------------------------------------------------ */
/* Inline markup: emphasis and escapes */

typedef struct
{
  int pos;         /* byte offset of the delimiter run in the joined text */
  int length;      /* delimiters not yet used */
  int orig_length; /* for the rule of three */
  char c;          /* '*' or '_' */
  gboolean can_open, can_close;
  int prev, next; /* the live delimiter list, by index; -1 at the ends */
} Delim;

static void
delim_unlink (Delim *d, int k)
{
  if (d[k].prev >= 0)
    d[d[k].prev].next = d[k].next;
  if (d[k].next >= 0)
    d[d[k].next].prev = d[k].prev;
}

/* Finds the delimiter runs of [from, to) and marks escapes in @skip. */
static GArray *
scan_delimiters (const char *s, int from, int to, guint8 *skip)
{
  GArray *delims = g_array_new (FALSE, FALSE, sizeof (Delim));
  int x = from;

  while (x < to)
    {
      char b = s[x];

      if (b == '\\' && x + 1 < to && strchr (ESCAPABLE, s[x + 1]) != NULL)
        {
          skip[x - from] = 1; /* the escaped character is plain text */
          x += 2;
          continue;
        }
      if (b != '*' && b != '_')
        {
          x++; /* markup is ASCII: stepping bytes is safe */
          continue;
        }

      int y = x;
      while (y < to && s[y] == b)
        y++;
      gunichar before = x > from ? g_utf8_get_char (g_utf8_prev_char (s + x)) : ' ';
      gunichar after = y < to ? g_utf8_get_char (s + y) : ' ';
      gboolean space_before = is_whitespace_for_flanking (before);
      gboolean space_after = is_whitespace_for_flanking (after);
      gboolean punct_before = is_punctuation (before);
      gboolean punct_after = is_punctuation (after);
      gboolean left = !space_after && (!punct_after || space_before || punct_before);
      gboolean right = !space_before && (!punct_before || space_after || punct_after);
      Delim d = { x, y - x, y - x, b, FALSE, FALSE, -1, -1 };

      if (b == '*')
        {
          d.can_open = left;
          d.can_close = right;
        }
      else
        {
          /* "_" inside a word (snake_case, file_name) is not emphasis. */
          d.can_open = left && (!right || punct_before);
          d.can_close = right && (!left || punct_after);
        }
      /* Removing the run would put a combining mark right after the
       * character before it, and the text would no longer be NFC. */
      if (g_unichar_combining_class (after) != 0)
        d.can_open = d.can_close = FALSE;
      if (d.can_open || d.can_close)
        g_array_append_val (delims, d);
      x = y;
    }

  for (guint i = 0; i < delims->len; i++)
    {
      Delim *d = &g_array_index (delims, Delim, i);
      d->prev = (int)i - 1;
      d->next = i + 1 < delims->len ? (int)i + 1 : -1;
    }
  return delims;
}

/* CommonMark's "process emphasis" over all of @delims.  Marks the used
 * markers in @skip and adds +1/-1 at the start and end of each emphasised
 * range to @italic / @bold (indexed from @from). */
static void
process_emphasis (GArray *delims, int from, guint8 *skip, int *italic, int *bold)
{
  Delim *d = (Delim *)(gpointer)delims->data;
  /* openers_bottom[char][closer length % 3][closer can open]: no opener for
   * such a closer at or below this index.  -1 is the bottom of the list. */
  int bottom[2][3][2];
  int current = delims->len > 0 ? 0 : -1;

  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 3; b++)
      for (int c = 0; c < 2; c++)
        bottom[a][b][c] = -1;

  while (current >= 0)
    {
      Delim *closer = &d[current];
      if (!closer->can_close)
        {
          current = closer->next;
          continue;
        }

      int *floor
          = &bottom[closer->c == '*' ? 0 : 1][closer->orig_length % 3][closer->can_open ? 1 : 0];
      int opener = closer->prev;
      gboolean found = FALSE;

      while (opener >= 0 && opener > *floor)
        {
          const Delim *o = &d[opener];
          if (o->c == closer->c && o->can_open)
            {
              /* Rule of three: "*foo**bar*" is not "*foo*" + "*bar*". */
              gboolean odd = (o->can_close || closer->can_open)
                             && (o->orig_length + closer->orig_length) % 3 == 0
                             && !(o->orig_length % 3 == 0 && closer->orig_length % 3 == 0);
              if (!odd)
                {
                  found = TRUE;
                  break;
                }
            }
          opener = o->prev;
        }

      if (!found)
        {
          int next = closer->next;
          *floor = closer->prev;
          if (!closer->can_open)
            delim_unlink (d, current);
          current = next;
          continue;
        }

      Delim *o = &d[opener];
      int use = (o->length >= 2 && closer->length >= 2) ? 2 : 1;
      int content_start = o->pos + o->length;
      int content_end = closer->pos + (closer->orig_length - closer->length);
      int *count = use == 2 ? bold : italic;

      memset (skip + (content_start - use - from), 1, use);
      memset (skip + (content_end - from), 1, use);
      count[content_start - from]++;
      count[content_end - from]--;
      o->length -= use;
      closer->length -= use;

      /* Delimiters between the pair can no longer match anything. */
      o->next = current;
      closer->prev = opener;
      if (o->length == 0)
        delim_unlink (d, opener);
      if (closer->length == 0)
        {
          int next = closer->next;
          delim_unlink (d, current);
          current = next;
        }
    }
}

static void
push_span (GArray *spans, int start, int end, guint flags)
{
  TsSpan span = { start, end, flags };

  if (flags != 0 && end > start)
    g_array_append_val (spans, span);
}

/* The text of bytes [from, to) of @joined with inline markup resolved;
 * appends its spans to @spans and its origins to @origins.  Caller frees. */
static char *
resolve_inline (const Joined *joined, int from, int to, GArray *spans, GArray *origins)
{
  const char *s = joined->text->str;
  const TsOrigin *jo = (const TsOrigin *)(gpointer)joined->origins->data;
  guint n_jo = joined->origins->len, r;
  g_autofree guint8 *skip = NULL;
  g_autofree int *italic_delta = NULL, *bold_delta = NULL;
  g_autoptr (GArray) delims = NULL;
  GString *out;
  int line, column, first_line, first_column;
  int italic = 0, bold = 0, span_start = 0;
  int expect_line = -1, expect_column = -1;
  guint flags_now = 0;

  while (from < to && s[from] == ' ')
    from++;
  while (to > from && s[to - 1] == ' ')
    to--;

  skip = g_malloc0 (to - from + 1);
  italic_delta = g_new0 (int, to - from + 1);
  bold_delta = g_new0 (int, to - from + 1);
  delims = scan_delimiters (s, from, to, skip);
  process_emphasis (delims, from, skip, italic_delta, bold_delta);

  joined_position (joined, from, &first_line, &first_column);
  line = first_line;
  column = first_column;
  for (r = 0; r + 1 < n_jo && jo[r + 1].offset <= from; r++)
    ;

  /* Kept bytes are copied in runs (from @pending to @x); @out_len is
   * what the output's length is with them. */
  out = g_string_sized_new (to - from + 1);
  int x = from, pending = -1, out_len = 0;
  while (x < to)
    {
      int length = g_utf8_skip[(guchar)s[x]];

      if (r + 1 < n_jo && jo[r + 1].offset == x)
        {
          r++;
          line = jo[r].line;
          column = jo[r].column;
        }
      italic += italic_delta[x - from];
      bold += bold_delta[x - from];
      if (!skip[x - from])
        {
          guint flags = (italic > 0 ? TS_SPAN_ITALIC : 0) | (bold > 0 ? TS_SPAN_BOLD : 0);
          if (flags != flags_now)
            {
              push_span (spans, span_start, out_len, flags_now);
              flags_now = flags;
              span_start = out_len;
            }
          if (line != expect_line || column != expect_column)
            append_origin (origins, out_len, line, column);
          if (pending < 0)
            pending = x;
          out_len += length;
          expect_line = line;
          expect_column = column + 1;
        }
      else if (pending >= 0)
        {
          g_string_append_len (out, s + pending, x - pending);
          pending = -1;
        }
      column++;
      x += length;
    }
  if (pending >= 0)
    g_string_append_len (out, s + pending, x - pending);
  push_span (spans, span_start, (int)out->len, flags_now);
  if (out->len == 0)
    append_origin (origins, 0, first_line, first_column);
  return g_string_free (out, FALSE);
}

/* Sets @block's text, spans and origins from bytes [from, to) of @joined. */
static void
emit_inline (const Joined *joined, int from, int to, TsBlock *block)
{
  g_array_set_size (block->spans, 0);
  g_array_set_size (block->origins, 0);
  g_free (block->text);
  block->text = resolve_inline (joined, from, to, block->spans, block->origins);
}

/* ------------------------------------------------------------------ */
/* The parser */

typedef enum
{
  META_TITLE,
  META_AUTHOR,
  META_SOURCE,
  META_DATE,
  META_CAPTIONS,
  N_META
} MetaKey;

typedef struct
{
  const TsSource *source;
  const char *text;
  TsDoc *doc;
  gboolean captions_off;
  gboolean had_metadata;
  int meta_line[N_META]; /* file line where each key was given; 0 if not */
} Parser;

static const struct
{
  const char *name; /* lower case, NFC */
  MetaKey key;
} meta_names[] = {
  { "title", META_TITLE },    { "tiêu đề", META_TITLE }, { "author", META_AUTHOR },
  { "tác giả", META_AUTHOR }, { "source", META_SOURCE }, { "nguồn", META_SOURCE },
  { "date", META_DATE },      { "ngày", META_DATE },     { "captions", META_CAPTIONS },
};

static int
lookup_meta_key (const char *key, int length)
{
  g_autofree char *folded = g_utf8_casefold (key, length);
  g_autofree char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

  for (gsize i = 0; i < G_N_ELEMENTS (meta_names); i++)
    if (strcmp (nfc, meta_names[i].name) == 0)
      return meta_names[i].key;
  return -1;
}

/* @text[start, end) with runs of ASCII spaces made one; NULL if empty. */
static char *
collapse_value (const char *text, int start, int end)
{
  GString *value = g_string_new (NULL);

  for (int i = start; i < end; i++)
    if (text[i] != ' ' || (value->len > 0 && value->str[value->len - 1] != ' '))
      g_string_append_c (value, text[i]);
  if (value->len == 0)
    {
      g_string_free (value, TRUE);
      return NULL;
    }
  return g_string_free (value, FALSE);
}

static gboolean
check_duplicate (Parser *p, MetaKey key, const char *shown, const Piece *line, int offset,
                 GError **error)
{
  if (p->meta_line[key] != 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                   "%s:%d:%d: '%s' is given twice (first on line %d); keep one", p->source->name,
                   line->line, piece_column_at (p->text, line, offset), shown, p->meta_line[key]);
      return FALSE;
    }
  p->meta_line[key] = line->line;
  return TRUE;
}

static gboolean
all_digits (const char *s, int n)
{
  for (int i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Parses "YYYY-MM" or "YYYY-MM-DD" at @text[start, end) into the document. */
static gboolean
set_date (Parser *p, const Piece *line, int start, int end, GError **error)
{
  const char *s = p->text + start;
  int n = end - start;
  int year = 0, month = 0, day = 0;
  gboolean ok = FALSE;

  if ((n == 7 || n == 10) && all_digits (s, 4) && s[4] == '-' && all_digits (s + 5, 2))
    {
      year = atoi (s);
      month = (s[5] - '0') * 10 + (s[6] - '0');
      ok = year >= 1 && month >= 1 && month <= 12;
      if (n == 10)
        {
          ok = ok && s[7] == '-' && all_digits (s + 8, 2);
          day = ok ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
          ok = ok && g_date_valid_dmy (day, month, year);
        }
    }
  if (!ok)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                   "%s:%d:%d: invalid date '%.*s'; write YYYY-MM or YYYY-MM-DD", p->source->name,
                   line->line, piece_column_at (p->text, line, start), n, s);
      return FALSE;
    }
  if (!check_duplicate (p, META_DATE, "date", line, start, error))
    return FALSE;
  p->doc->date = g_strndup (s, n);
  p->doc->year = year;
  p->doc->month = month;
  p->doc->day = day;
  return TRUE;
}

typedef enum
{
  META_LINE_ERROR = -1,
  META_LINE_NONE,      /* not metadata: the body starts here */
  META_LINE_WHOLE,     /* the whole line was metadata */
  META_LINE_THEN_TEXT, /* "date 2021-05 Text…": the body starts in this line */
} MetaLine;

static MetaLine
parse_metadata_line (Parser *p, const Piece *line, int *body_start, GError **error)
{
  const char *text = p->text;
  int start = line->start, end = line->end, colon, value_start, value_end;
  int key;

  trim_range (text, &start, &end);

  /* The seed's form: "date 2021-05", no colon, maybe the first paragraph
   * after it.  A digit must follow, so that prose starting with the word
   * "date" is not taken for it. */
  if (end - start > 5 && g_ascii_strncasecmp (text + start, "date", 4) == 0
      && text[start + 4] == ' ')
    {
      int v = start + 4, v_end, rest;
      while (v < end && text[v] == ' ')
        v++;
      if (v < end && g_ascii_isdigit (text[v]))
        {
          v_end = v;
          while (v_end < end && text[v_end] != ' ')
            v_end++;
          if (!set_date (p, line, v, v_end, error))
            return META_LINE_ERROR;
          rest = v_end;
          trim_range (text, &rest, &end);
          if (rest < end)
            {
              *body_start = rest;
              return META_LINE_THEN_TEXT;
            }
          return META_LINE_WHOLE;
        }
    }

  /* "key: value" */
  for (colon = start; colon < end && colon - start <= TS_META_KEY_MAX; colon++)
    if (text[colon] == ':')
      break;
  if (colon >= end || text[colon] != ':')
    return META_LINE_NONE;
  {
    int key_start = start, key_end = colon;
    trim_range (text, &key_start, &key_end);
    if (key_end == key_start)
      return META_LINE_NONE;
    key = lookup_meta_key (text + key_start, key_end - key_start);
  }
  if (key < 0)
    return META_LINE_NONE;

  value_start = colon + 1;
  value_end = end;
  trim_range (text, &value_start, &value_end);
  switch ((MetaKey)key)
    {
    case META_DATE:
      return set_date (p, line, value_start, value_end, error) ? META_LINE_WHOLE : META_LINE_ERROR;
    case META_CAPTIONS:
      {
        g_autofree char *value = g_ascii_strdown (text + value_start, value_end - value_start);
        if (strcmp (value, "auto") != 0 && strcmp (value, "off") != 0)
          {
            g_set_error (error, TS_ERROR, TS_ERROR_PARSE,
                         "%s:%d:%d: invalid value '%s' for captions; write auto or off",
                         p->source->name, line->line, piece_column_at (text, line, value_start),
                         value);
            return META_LINE_ERROR;
          }
        if (!check_duplicate (p, META_CAPTIONS, "captions", line, start, error))
          return META_LINE_ERROR;
        p->captions_off = strcmp (value, "off") == 0;
        return META_LINE_WHOLE;
      }
    case META_TITLE:
    case META_AUTHOR:
    case META_SOURCE:
      {
        static const char *const shown[] = { "title", "author", "source" };
        char **field = key == META_TITLE    ? &p->doc->title
                       : key == META_AUTHOR ? &p->doc->author
                                            : &p->doc->source;
        if (!check_duplicate (p, key, shown[key], line, start, error))
          return META_LINE_ERROR;
        *field = collapse_value (text, value_start, value_end);
        return META_LINE_WHOLE;
      }
    case N_META:
    default:
      g_assert_not_reached ();
    }
  return META_LINE_NONE;
}

/* "## Heading": returns the level (1..6) and the text range in @line, or 0.
 * Like CommonMark, the '#'s need a space after them ("#1" is text) and an
 * optional closing run of '#' is dropped. */
static int
heading_level (const char *text, const Piece *line, int *text_start, int *text_end)
{
  int start = line->start, end = line->end, level = 0, close;

  trim_range (text, &start, &end);
  while (start + level < end && text[start + level] == '#')
    level++;
  if (level < 1 || level > 6 || (start + level < end && text[start + level] != ' '))
    return 0;
  start += level;
  trim_range (text, &start, &end);
  for (close = end; close > start && text[close - 1] == '#'; close--)
    ;
  if (close < end && (close == start || text[close - 1] == ' '))
    {
      end = close;
      trim_range (text, &start, &end);
    }
  if (start >= end)
    return 0; /* "#" alone or "## ##": no heading text, so plain text */
  *text_start = start;
  *text_end = end;
  return level;
}

/* If @line starts with '>', the piece after "> ". */
static gboolean
quote_piece (const char *text, const Piece *line, Piece *out)
{
  int start = line->start, end = line->end;

  trim_range (text, &start, &end);
  if (start >= end || text[start] != '>')
    return FALSE;
  *out = *line;
  out->start = start + 1;
  if (out->start < line->end && text[out->start] == ' ')
    out->start++;
  out->column = piece_column_at (text, line, out->start);
  return TRUE;
}

/* "![caption](target)" over the whole of @s: the caption is [2, caption_end)
 * and the target [caption_end + 2, length - 1).  Brackets in the caption
 * and parentheses in the target must balance. */
static gboolean
match_figure (const char *s, int length, int *caption_end)
{
  int depth = 1, k;

  if (length < 5 || s[0] != '!' || s[1] != '[' || s[length - 1] != ')')
    return FALSE;
  for (k = 2; k < length; k++)
    {
      if (s[k] == '\\' && k + 1 < length)
        k++;
      else if (s[k] == '[')
        depth++;
      else if (s[k] == ']' && --depth == 0)
        break;
    }
  if (k + 1 >= length || s[k + 1] != '(')
    return FALSE;
  depth = 1;
  for (int t = k + 2; t < length; t++)
    {
      if (s[t] == '(')
        depth++;
      else if (s[t] == ')' && --depth == 0 && t != length - 1)
        return FALSE;
    }
  if (depth != 0)
    return FALSE;
  *caption_end = k;
  return TRUE;
}

/* A block of body lines that is not a heading or a quote: a figure, an
 * explicit caption or a paragraph. */
static void
add_text_block (Parser *p, const Piece *pieces, int n_pieces)
{
  static const char caption_marker[] = "[caption] ";
  Joined joined;
  const char *s;
  int length, caption_end;
  TsBlock *block;

  join_pieces (p->text, pieces, n_pieces, &joined);
  s = joined.text->str;
  length = (int)joined.text->len;
  if (length == 0)
    {
      joined_clear (&joined);
      return;
    }

  /* "![caption](photo.jpg){wide}": the photo spans all columns. */
  static const char wide_suffix[] = "{wide}";
  const int wide_length = (int)strlen (wide_suffix);
  gboolean wide = length > wide_length
                  && strcmp (s + length - wide_length, wide_suffix) == 0
                  && match_figure (s, length - wide_length, &caption_end);

  if (wide || match_figure (s, length, &caption_end))
    {
      int target_start = caption_end + 2, target_end = (wide ? length - wide_length : length) - 1;
      trim_range (s, &target_start, &target_end);
      if (target_end > target_start)
        {
          block = ts_doc_add_block (p->doc, TS_BLOCK_FIGURE);
          block->image = g_strndup (s + target_start, target_end - target_start);
          block->wide = wide;
        }
      else
        block = ts_doc_add_block (p->doc, TS_BLOCK_CAPTION);
      block->caption_reason = TS_CAPTION_EXPLICIT;
      emit_inline (&joined, 2, caption_end, block);
      if (block->kind == TS_BLOCK_CAPTION && block->text[0] == '\0')
        {
          /* "![]()" says nothing: keep it as the text it is. */
          block->kind = TS_BLOCK_PARAGRAPH;
          block->caption_reason = TS_CAPTION_NONE;
          emit_inline (&joined, 0, length, block);
        }
    }
  else if (length > (int)strlen (caption_marker)
           && strncmp (s, caption_marker, strlen (caption_marker)) == 0)
    {
      block = ts_doc_add_block (p->doc, TS_BLOCK_CAPTION);
      block->caption_reason = TS_CAPTION_EXPLICIT;
      emit_inline (&joined, (int)strlen (caption_marker), length, block);
    }
  else
    {
      block = ts_doc_add_block (p->doc, TS_BLOCK_PARAGRAPH);
      emit_inline (&joined, 0, length, block);
    }
  joined_clear (&joined);
}

static void
add_heading (Parser *p, const Piece *line, int level, int text_start, int text_end)
{
  Piece piece = *line;
  Joined joined;
  TsBlock *block;

  piece.start = text_start;
  piece.end = text_end;
  piece.column = piece_column_at (p->text, line, text_start);
  join_pieces (p->text, &piece, 1, &joined);

  /* "# Title" first in the body is the title, unless "title:" gave one. */
  if (level == 1 && p->doc->blocks->len == 0 && p->doc->title == NULL)
    {
      /* The title is a plain string: its emphasis and origins go. */
      g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));
      g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TsOrigin));
      p->doc->title = resolve_inline (&joined, 0, (int)joined.text->len, spans, origins);
    }
  else
    {
      block = ts_doc_add_block (p->doc, TS_BLOCK_HEADING);
      block->level = level;
      emit_inline (&joined, 0, (int)joined.text->len, block);
    }
  joined_clear (&joined);
}

static void
add_quote (Parser *p, const Piece *pieces, int n_pieces)
{
  Joined joined;
  TsBlock *block;

  join_pieces (p->text, pieces, n_pieces, &joined);
  if (joined.text->len > 0)
    {
      block = ts_doc_add_block (p->doc, TS_BLOCK_QUOTE);
      emit_inline (&joined, 0, (int)joined.text->len, block);
    }
  joined_clear (&joined);
}

/* One group of non-blank lines. */
static void
build_group (Parser *p, const Piece *lines, int n_lines)
{
  g_autoptr (GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  int i = 0, ts, te, level;
  Piece piece;

  while (i < n_lines)
    {
      g_array_set_size (pieces, 0);

      if ((level = heading_level (p->text, &lines[i], &ts, &te)) > 0)
        {
          add_heading (p, &lines[i], level, ts, te);
          i++;
        }
      else if (quote_piece (p->text, &lines[i], &piece))
        {
          /* "> " lines, and lazy continuation lines without '>'; a line
           * that is only ">" ends the quote, as a blank line would. */
          for (; i < n_lines; i++)
            {
              if (heading_level (p->text, &lines[i], &ts, &te) > 0)
                break;
              if (!quote_piece (p->text, &lines[i], &piece))
                piece = lines[i];
              else if (piece_is_blank (p->text, &piece))
                {
                  i++;
                  break;
                }
              g_array_append_val (pieces, piece);
            }
          add_quote (p, (const Piece *)(gpointer)pieces->data, (int)pieces->len);
        }
      else
        {
          /* A heading line ends a paragraph, as in Markdown. */
          int k = i + 1;
          while (k < n_lines && heading_level (p->text, &lines[k], &ts, &te) == 0)
            k++;
          add_text_block (p, lines + i, k - i);
          i = k;
        }
    }
}

static void mark_captions (TsDoc *doc);

TsDoc *
ts_parse_article (const TsSource *source, GError **error)
{
  g_autoptr (TsDoc) doc = NULL;
  g_autoptr (GArray) lines = NULL;
  Parser p = { 0 };
  Piece *line;
  guint i, group_start;
  gboolean in_group = FALSE;

  g_return_val_if_fail (source != NULL && source->text != NULL, NULL);

  doc = ts_doc_new (source->name);
  lines = split_lines (source);
  p.source = source;
  p.text = source->text;
  p.doc = doc;

  /* Metadata */
  for (i = 0; i < lines->len; i++)
    {
      int body_start = -1;
      MetaLine kind;

      line = &g_array_index (lines, Piece, i);
      if (piece_is_blank (p.text, line))
        continue;
      kind = parse_metadata_line (&p, line, &body_start, error);
      if (kind == META_LINE_ERROR)
        return NULL;
      if (kind == META_LINE_NONE)
        break;
      p.had_metadata = TRUE;
      if (kind == META_LINE_THEN_TEXT)
        {
          line->column = piece_column_at (p.text, line, body_start);
          line->start = body_start;
          line->break_before = FALSE;
          break;
        }
    }

  /* Blocks */
  for (group_start = i; i <= lines->len; i++)
    {
      gboolean blank = i == lines->len;
      gboolean breaks = blank;

      if (i < lines->len)
        {
          line = &g_array_index (lines, Piece, i);
          blank = piece_is_blank (p.text, line);
          breaks = blank || line->break_before;
        }
      if (breaks && in_group)
        {
          build_group (&p, &g_array_index (lines, Piece, group_start), (int)(i - group_start));
          in_group = FALSE;
        }
      if (!blank && !in_group)
        {
          group_start = i;
          in_group = TRUE;
        }
    }

  if (doc->blocks->len == 0)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_EMPTY, "%s: nothing to typeset: %s", source->name,
                   p.had_metadata || doc->title != NULL ? "the file has only metadata"
                                                        : "the file is empty");
      return NULL;
    }

  if (!p.captions_off)
    mark_captions (doc);
  return g_steal_pointer (&doc);
}

/* ------------------------------------------------------------------ */
/* The caption heuristic
 *
 * Online Vietnamese news puts each photo's caption in a paragraph of its own
 * right under the photo.  Copied as plain text, the photo is gone and the
 * caption is left between two body paragraphs: short, one sentence, a
 * description of a scene ("Lực lượng Công an quận … diễn tập giải cứu con
 * tin.").  Body text has short paragraphs too, and they have tells of
 * their own: a question, a lead-in ending in ':', a quotation, dialogue, a
 * discourse connective ("Tuy nhiên, …"), reported speech ("… cho biết"),
 * a list item, a sign-off ("Theo Báo Hà Nội Mới").  So:
 *
 *   - a sign-off is never a caption;
 *   - a photo credit ("Ảnh: …", "(Ảnh: TTXVN)", "Ảnh minh họa") makes a
 *     caption anywhere but the first block, whatever its length;
 *   - otherwise a caption sits between two body paragraphs (never first
 *     or last, not next to a heading, quote or figure), is short, is one
 *     sentence, and has none of the tells;
 *   - three or more short one-sentence paragraphs in a row are a list or
 *     a dialogue, and none of them is a caption (two in a row are two
 *     photos).
 *
 * Each tell is a named function in body_tells[] so that a miss can be
 * traced to one.  Word lists match the lower-cased NFC text.
 */

/* Longest caption without a credit.  The seed's captions have 21 and 14
 * words, its shortest body paragraph 58; longer captions in online news
 * nearly always end in a credit ("… sáng 20/5. Ảnh: Đức Anh.") and pass on
 * that, at any length.  Vietnamese words are syllables of 4-5 letters, so
 * 30 words is about 150 characters; the character cap catches long
 * compounds and numbers. */
#define TS_CAPTION_MAX_WORDS 30
#define TS_CAPTION_MAX_CHARS 220
/* "Toàn cảnh buổi lễ." has four; two words are a dateline or a label. */
#define TS_CAPTION_MIN_WORDS 3
/* A credit names a person or an agency: "Ảnh: Nguyễn Văn A/TTXVN". */
#define TS_CREDIT_MAX_WORDS 10

typedef struct
{
  const char *text; /* NFC, trimmed, single spaces */
  char *lower;      /* the same, lower case (NULL in has_caption_shape) */
  int n_words;
  int n_chars;
} Candidate;

static gunichar
first_char (const char *s)
{
  return g_utf8_get_char (s);
}

static gunichar
last_char (const char *s)
{
  size_t n = strlen (s);
  return n == 0 ? 0 : g_utf8_get_char (g_utf8_prev_char (s + n));
}

static gboolean
has_prefix_word (const char *lower, const char *word)
{
  size_t n = strlen (word);
  return strncmp (lower, word, n) == 0 && (lower[n] == ' ' || lower[n] == ',' || lower[n] == '\0');
}

static int
count_words (const char *s, const char *end)
{
  int n = 0;
  gboolean in_word = FALSE;

  for (; s < end; s++)
    {
      if (*s == ' ')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          n++;
        }
    }
  return n;
}

static gboolean
is_opening_quote (gunichar c)
{
  return c == 0x201C || c == 0x2018 || c == '"' || c == '\'' || c == 0x00AB;
}

static gboolean
is_closing_quote (gunichar c)
{
  return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == 0x00BB;
}

/* @p points at "ảnh" in the lower-cased text: is it the word for a photo
 * in a credit or a label, and not "ảnh hưởng" (influence) or "cảnh"? */
static gboolean
is_photo_word (const char *lower, const char *p)
{
  static const char *const after[] = {
    ":", " :", ")", " minh họa", " minh hoạ", " chụp", " do ", " tư liệu", " nguồn", " internet",
  };

  if (p > lower && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (p))))
    return FALSE;
  p += strlen ("ảnh");
  for (gsize i = 0; i < G_N_ELEMENTS (after); i++)
    if (g_str_has_prefix (p, after[i]))
      return TRUE;
  return FALSE;
}

/* "Ảnh: …" or "Ảnh minh họa" at the start, "(Ảnh: …)" at the end, or
 * "… Ảnh: Name" after the last sentence: the writer said it is about a
 * photo. */
static gboolean
has_photo_credit (const Candidate *c)
{
  const char *lower = c->lower, *credit = NULL, *paren;

  if (g_str_has_prefix (lower, "nguồn ảnh:"))
    return TRUE;
  if (g_str_has_prefix (lower, "ảnh") && is_photo_word (lower, lower))
    return TRUE;
  if (strstr (lower, "ảnh minh họa") != NULL || strstr (lower, "ảnh minh hoạ") != NULL)
    return TRUE;

  /* The last parenthesis: "(Ảnh: TTXVN)", "(Ảnh chụp màn hình)". */
  paren = strrchr (lower, '(');
  if (paren != NULL && g_str_has_prefix (paren, "(ảnh") && is_photo_word (lower, paren + 1)
      && strchr (paren, ')') != NULL)
    return TRUE;

  /* A credit after the last sentence or a dash: "… sáng 20/5. Ảnh: Đức
   * Anh." or "… – Ảnh: TTXVN". */
  for (const char *q = lower; (q = strstr (q, "ảnh:")) != NULL; q++)
    if (is_photo_word (lower, q))
      credit = q;
  if (credit != NULL && credit > lower)
    {
      const char *before = g_utf8_find_prev_char (lower, credit);
      gunichar ch;
      while (before != NULL && *before == ' ')
        before = g_utf8_find_prev_char (lower, before);
      ch = before != NULL ? g_utf8_get_char (before) : 0;
      if (ch == '.' || ch == '-' || ch == '|' || ch == '/' || ch == 0x2013 || ch == 0x2014)
        return count_words (credit, lower + strlen (lower)) <= TS_CREDIT_MAX_WORDS + 1;
    }
  return FALSE;
}

/* The end of an article: "Theo Báo Hà Nội Mới", "(Nguồn: VTV)", "Tin,
 * ảnh: …", or the reporter's name in capitals ("NGUYỄN HẢI"). */
static gboolean
is_sign_off (const Candidate *c)
{
  static const char *const prefixes[] = {
    "(theo ", "(nguồn",     "nguồn:",   "bài:",      "bài và ảnh",      "bài, ảnh",    "bài - ảnh",
    "tin:",   "tin và ảnh", "tin, ảnh", "tin - ảnh", "nhóm phóng viên", "phóng viên:",
  };
  static const char *const words[] = { "pv", "ctv", "nhóm pv" };
  gboolean has_upper = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (c->lower, prefixes[i]))
      return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (has_prefix_word (c->lower, words[i]) && c->n_words <= TS_CREDIT_MAX_WORDS)
      return TRUE;
  if (g_str_has_prefix (c->lower, "theo ") && c->n_words <= 8 && strchr (c->text, ',') == NULL)
    return TRUE;

  /* A name in capitals: no lower-case letter at all. */
  for (const char *p = c->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_islower (ch))
        return FALSE;
      has_upper = has_upper || g_unichar_isupper (ch);
    }
  return has_upper && c->n_words <= TS_CREDIT_MAX_WORDS;
}

/* "TP. Hồ Chí Minh", "ThS. Lê Văn A", "Nguyễn V. A": a full stop that does
 * not end a sentence.  The word before it is an initial, a short all-caps
 * abbreviation, or a title from the list. */
static gboolean
is_abbreviation (const char *text, const char *dot)
{
  static const char *const titles[] = { "ThS", "TS", "PGS", "GS", "BS", "KS", "Th", "Tp", "St" };
  const char *start = dot;
  int n_letters = 0;
  gboolean all_upper = TRUE;

  while (start > text)
    {
      const char *prev = g_utf8_prev_char (start);
      gunichar ch = g_utf8_get_char (prev);
      if (!g_unichar_isalpha (ch))
        break;
      all_upper = all_upper && g_unichar_isupper (ch);
      n_letters++;
      start = prev;
    }
  if (n_letters == 0)
    return FALSE;
  if (all_upper && n_letters <= 5)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if ((size_t)(dot - start) == strlen (titles[i]) && strncmp (start, titles[i], dot - start) == 0)
      return TRUE;
  return FALSE;
}

/* No ". ", "! ", "? ", "… " followed by the start of another sentence (a
 * capital, a digit, an opening quote or parenthesis). */
static gboolean
is_single_sentence (const Candidate *c)
{
  const char *text = c->text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *q;

      if (ch != '.' && ch != '!' && ch != '?' && ch != 0x2026)
        continue;
      q = g_utf8_next_char (p);
      /* The rest of "...", "?!", and closing quotes or brackets. */
      while (*q != '\0')
        {
          gunichar next = g_utf8_get_char (q);
          if (next != '.' && next != '!' && next != '?' && next != 0x2026 && next != ')'
              && !is_closing_quote (next))
            break;
          q = g_utf8_next_char (q);
        }
      if (*q != ' ')
        continue;
      gunichar start = g_utf8_get_char (q + 1);
      if (!g_unichar_isupper (start) && !g_unichar_isdigit (start) && !is_opening_quote (start)
          && start != '(')
        continue;
      if (ch == '.' && is_abbreviation (text, p))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_short (const Candidate *c)
{
  return c->n_words <= TS_CAPTION_MAX_WORDS && c->n_chars <= TS_CAPTION_MAX_CHARS;
}

/* Tells of body text.  Each returns TRUE when the paragraph is NOT a caption. */

static gboolean
is_fragment (const Candidate *c)
{
  return c->n_words < TS_CAPTION_MIN_WORDS;
}

/* "… như sau:" introduces what follows. */
static gboolean
ends_with_lead_in (const Candidate *c)
{
  gunichar last = last_char (c->text);
  return last == ':' || last == 0xFF1A;
}

/* A question or an exclamation is the writer (or someone) speaking. */
static gboolean
ends_as_question_or_exclamation (const Candidate *c)
{
  const char *end = c->text + strlen (c->text);

  while (end > c->text)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar ch = g_utf8_get_char (prev);
      if (ch == '?' || ch == '!')
        return TRUE;
      if (!is_closing_quote (ch) && ch != ')' && ch != '.')
        return FALSE;
      end = prev;
    }
  return FALSE;
}

/* "… công an”." : ends in a quotation. */
static gboolean
ends_with_quotation (const Candidate *c)
{
  const char *end = c->text + strlen (c->text);

  while (end > c->text)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar ch = g_utf8_get_char (prev);
      if (is_closing_quote (ch))
        return TRUE;
      if (ch != '.' && ch != ',')
        return FALSE;
      end = prev;
    }
  return FALSE;
}

/* A sentence cut off: "…, ", "…;". */
static gboolean
ends_mid_sentence (const Candidate *c)
{
  gunichar last = last_char (c->text);
  return last == ',' || last == ';' || last == '-' || last == 0x2013 || last == 0x2014;
}

/* “Quotation” or "- Dialogue" (a dash opens a line of dialogue). */
static gboolean
starts_like_dialogue (const Candidate *c)
{
  gunichar first = first_char (c->text);
  return is_opening_quote (first) || first == '-' || first == 0x2013 || first == 0x2014;
}

/* A lower-case start continues the paragraph before it. */
static gboolean
starts_lowercase (const Candidate *c)
{
  return g_unichar_islower (first_char (c->text));
}

/* "Tuy nhiên, …", "Theo đó, …", "Sáng cùng ngày, …": a connective ties the
 * paragraph to the text around it; a caption stands for a photo alone. */
static gboolean
starts_with_connective (const Candidate *c)
{
  static const char *const words[] = {
    "theo",     "tuy nhiên",   "ngoài ra",     "bên cạnh đó", "trước đó",  "sau đó",
    "tiếp đó",  "ngay sau đó", "trong khi đó", "đồng thời",   "do đó",     "vì vậy",
    "vì thế",   "bởi vậy",     "như vậy",      "qua đó",      "từ đó",     "nhờ đó",
    "mặt khác", "thêm vào đó", "hiện nay",     "hiện tại",    "được biết", "cũng",
    "nhưng",    "và",          "dù vậy",       "tuy vậy",     "mặc dù",    "trước tình hình",
  };
  const char *same_day;

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (has_prefix_word (c->lower, words[i]))
      return TRUE;
  /* "Hiện, …" and "Song, …" only with the comma: "Hiện trường vụ cháy" is
   * a caption. */
  if (g_str_has_prefix (c->lower, "hiện,") || g_str_has_prefix (c->lower, "song,"))
    return TRUE;
  /* "Chiều cùng ngày, …" in the first few words refers back to the text. */
  same_day = strstr (c->lower, "cùng ngày");
  return same_day != NULL && count_words (c->lower, same_day) <= 2;
}

/* "… cho biết", "… khẳng định": reported speech is body text. */
static gboolean
reports_speech (const Candidate *c)
{
  static const char *const verbs[] = {
    " cho biết", " cho hay", " khẳng định", " nhấn mạnh", " nói rằng", " cho rằng", " chia sẻ rằng",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (strstr (c->lower, verbs[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "1. …", "a) …", "• …": a list, not a photo. */
static gboolean
looks_like_list_item (const Candidate *c)
{
  const char *p = c->text;
  gunichar first = first_char (p);

  if (first == 0x2022 || first == 0x00B7 || ((first == '+' || first == '*') && p[1] == ' '))
    return TRUE;
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      return (*p == '.' || *p == ')') && p[1] == ' ';
    }
  p = g_utf8_next_char (p);
  return g_unichar_isalpha (first) && p[0] == ')' && p[1] == ' ';
}

/* "Thời gian: 8h ngày 5/5", "Kết quả: …": a label and a value.  A colon
 * between digits (8:30) is a time. */
static gboolean
has_field_colon (const Candidate *c)
{
  for (const char *p = strchr (c->text, ':'); p != NULL; p = strchr (p + 1, ':'))
    {
      gboolean time = p > c->text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]);
      if (!time && p[1] != '\0')
        return TRUE;
    }
  return FALSE;
}

static const struct
{
  const char *name;
  gboolean (*test) (const Candidate *c);
} body_tells[] = {
  { "fragment", is_fragment },
  { "lead-in", ends_with_lead_in },
  { "question-or-exclamation", ends_as_question_or_exclamation },
  { "quotation", ends_with_quotation },
  { "mid-sentence", ends_mid_sentence },
  { "dialogue", starts_like_dialogue },
  { "lowercase-start", starts_lowercase },
  { "connective", starts_with_connective },
  { "reported-speech", reports_speech },
  { "list-item", looks_like_list_item },
  { "field", has_field_colon },
};

/* @text (valid UTF-8) in lower case, one character at a time
 * (g_unichar_tolower), ASCII without a table lookup.  Not g_utf8_strdown:
 * that follows the locale (a Turkish one lowers "MINH" to "mınh", and
 * "Ảnh minh họa" would no longer be found), and on a long article it was
 * 4% of the whole run (callgrind, seed ×200). */
static char *
lowercase (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);

  for (const char *p = text; *p != '\0';)
    {
      guchar byte = (guchar) *p;

      if (byte < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) byte));
          p++;
          continue;
        }
      g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (p)));
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static void
candidate_init (Candidate *c, const char *text)
{
  c->text = text;
  /* Lower-casing keeps Vietnamese precomposed ("Ả" to "ả"), so the word
   * lists match without normalising again (which GLib does in quadratic
   * time on a long paragraph). */
  c->lower = lowercase (text);
  c->n_words = count_words (text, text + strlen (text));
  c->n_chars = (int)g_utf8_strlen (text, -1);
}

/* A body paragraph that is short and one sentence: the shape of a caption,
 * before the tells. */
static gboolean
has_caption_shape (const TsBlock *block)
{
  Candidate c;
  gboolean shape;

  if (block->kind != TS_BLOCK_PARAGRAPH)
    return FALSE;
  c.text = block->text;
  c.lower = NULL;
  c.n_words = count_words (c.text, c.text + strlen (c.text));
  c.n_chars = (int)g_utf8_strlen (c.text, -1);
  shape = is_short (&c) && is_single_sentence (&c);
  return shape;
}

static gboolean
is_body (const TsDoc *doc, guint i)
{
  return i < doc->blocks->len
         && ((const TsBlock *)g_ptr_array_index (doc->blocks, i))->kind == TS_BLOCK_PARAGRAPH;
}

/* @shape: has_caption_shape() of every block. */
static gboolean
is_caption (const TsDoc *doc, guint i, const gboolean *shape)
{
  const TsBlock *block = g_ptr_array_index (doc->blocks, i);
  Candidate c;
  gboolean result = FALSE;

  if (i == 0 || block->kind != TS_BLOCK_PARAGRAPH)
    return FALSE;
  candidate_init (&c, block->text);
  if (is_sign_off (&c))
    goto out;
  if (has_photo_credit (&c))
    {
      result = TRUE;
      goto out;
    }
  if (i + 1 >= doc->blocks->len || !is_body (doc, i - 1) || !is_body (doc, i + 1))
    goto out;
  if (!shape[i])
    goto out;
  for (gsize t = 0; t < G_N_ELEMENTS (body_tells); t++)
    if (body_tells[t].test (&c))
      goto out;
  /* Three or more short one-sentence paragraphs in a row are a list or a
   * dialogue, not photos (two in a row are two photos). */
  {
    guint first = i, last = i;
    while (first > 0 && shape[first - 1])
      first--;
    while (last + 1 < doc->blocks->len && shape[last + 1])
      last++;
    if (last - first + 1 >= 3)
      goto out;
  }
  result = TRUE;

out:
  g_free (c.lower);
  return result;
}

static void
mark_captions (TsDoc *doc)
{
  g_autofree gboolean *marks = g_new0 (gboolean, doc->blocks->len);
  g_autofree gboolean *shape = g_new0 (gboolean, doc->blocks->len);

  /* Decide on the paragraphs as written, then mark: a caption's neighbour
   * is still a body paragraph for the next decision. */
  for (guint i = 0; i < doc->blocks->len; i++)
    shape[i] = has_caption_shape (g_ptr_array_index (doc->blocks, i));
  for (guint i = 0; i < doc->blocks->len; i++)
    marks[i] = is_caption (doc, i, shape);
  for (guint i = 0; i < doc->blocks->len; i++)
    if (marks[i])
      {
        TsBlock *block = g_ptr_array_index (doc->blocks, i);
        block->kind = TS_BLOCK_CAPTION;
        block->caption_reason = TS_CAPTION_HEURISTIC;
      }
}
