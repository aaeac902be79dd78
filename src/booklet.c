/* booklet.c — many articles, one booklet (see booklet.h).
 *
 * Plan
 *  1. Every article is paginated on its own first (typeset.c): its page
 *     count does not depend on where it will start, so the body is set once.
 *  2. Page numbers follow from the counts: the cover (and its blank back
 *     when articles start on right-hand pages), the contents, then each
 *     article, a blank page put before it where it would otherwise start on
 *     a left-hand (even) page.
 *  3. The contents are set with those numbers.  If they take a different
 *     number of pages than assumed, every later number moves: assume the
 *     new count and set them again (it settles in a round or two: entries
 *     only grow by a digit).
 *  4. The pages are moved into one list and numbered; only then are the
 *     headers and footers made, each with its article's title and the
 *     booklet's page count (Typst's finalize step, as for one article).
 * The cover, blank pages and the first page of each article carry no
 * running header; blank pages carry nothing at all, as in printed books.
 */
#include "booklet.h"

#include <string.h>

/* Assuming a contents length and setting it again converges in one or two
 * rounds; this bounds a pathological oscillation between two lengths. */
#define TS_CONTENTS_MAX_ROUNDS 4

/* Width kept for a page number in the contents, in ems of its font: room
 * for "999" and some air before it. */
#define TS_CONTENTS_NUMBER_EMS 3

typedef struct
{
  TsArticle *article; /* for setting text */
  const TsStyle *style;
  const TsPageTemplate *tmpl;
  TsPage *page;
  int y;
} Stacker;

static void
stack_line (Stacker *st, TsLine *line, TsRole role, int leading, guint32 color, int x,
            int width)
{
  int half = (leading - (line->ascent + line->descent)) / 2;
  TsBox box = { .kind = TS_BOX_LINE, .role = role, .frame = -1, .block = -1, .x = x,
                .y = st->y, .width = width, .height = leading,
                .baseline = st->y + half + line->ascent, .color = color, .line = line };
  ts_page_add_box (st->page, &box);
  st->y += leading;
}

/* Sets @text centred across the text width and stacks it from st->y. */
static void
stack_text (Stacker *st, const char *text, const TsTextStyle *ts, TsRole role)
{
  g_autoptr (GPtrArray) lines = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  lines = ts_article_set_text (st->article, text, ts, st->tmpl->text.width);
  for (guint i = 0; i < lines->len; i++)
    stack_line (st, g_ptr_array_index (lines, i), role, ts->leading, ts->color, st->tmpl->text.x,
                st->tmpl->text.width);
}

static TsPage *
new_page (const TsPageTemplate *tmpl)
{
  return ts_page_new (0, tmpl->page_width, tmpl->page_height);
}

/* The cover: the title a third of the way down, the subtitle under it, the
 * organisation and year at the foot of the text area. */
static TsPage *
make_cover (TsArticle *first)
{
  const TsStyle *s = ts_article_get_style (first);
  const TsPageTemplate *t = ts_article_get_template (first);
  const char *title = s->cover_title != NULL && s->cover_title[0] != '\0'
                        ? s->cover_title
                        : ts_article_get_doc (first)->title;
  Stacker st = { first, s, t, new_page (t), t->text.y + t->text.height * 3 / 10 };
  int foot = 0;

  stack_text (&st, title, &s->cover_title_style, TS_ROLE_COVER);
  st.y += s->cover_style.leading / 2;
  stack_text (&st, s->cover_subtitle, &s->cover_style, TS_ROLE_COVER);
  foot += s->cover_organisation != NULL && s->cover_organisation[0] != '\0';
  foot += s->cover_year != NULL && s->cover_year[0] != '\0';
  st.y = t->text.y + t->text.height - foot * s->cover_style.leading;
  stack_text (&st, s->cover_organisation, &s->cover_style, TS_ROLE_COVER);
  stack_text (&st, s->cover_year, &s->cover_style, TS_ROLE_COVER);
  return st.page;
}

/* Dot leaders: one dot per cell of half an em, each centred in its cell,
 * the cells counted from the text's left edge so that the dots of every
 * entry stand in the same columns (TeX's \leaders, LaTeX's \dotfill
 * in a table of contents).  At least this much air stays on both sides. */
#define TS_LEADER_CELL_PER_EM 2
#define TS_LEADER_AIR_PER_EM 4

/* Dots from @from to @to (page x) on the line whose box starts at @y. */
static void
add_leaders (Stacker *st, TsLine *dot, int from, int to, int y, const TsTextStyle *entry)
{
  int em = pango_font_description_get_size (entry->font);
  int cell = em / TS_LEADER_CELL_PER_EM, air = em / TS_LEADER_AIR_PER_EM;
  int x0 = st->tmpl->text.x;
  int k;

  if (cell <= 0)
    return;
  from += air;
  to -= air;
  for (k = (from - x0 + cell - 1) / cell; x0 + (k + 1) * cell <= to; k++)
    {
      st->y = y;
      stack_line (st, dot, TS_ROLE_CONTENTS, entry->leading, entry->color,
                  x0 + k * cell + (cell - dot->natural_width) / 2, dot->natural_width);
    }
  st->y = y;
}

/* An untitled article's entry in the contents: its first words, as a
 * reader would name it (TS_CONTENTS_UNTITLED_CHARS at most). */
#define TS_CONTENTS_UNTITLED_CHARS 60

static char *
article_title (TsArticle *article)
{
  const TsDoc *doc = ts_article_get_doc (article);
  const char *text = "";
  g_autofree char *flat = NULL;
  const char *cut;

  if (doc->title != NULL)
    return g_strdup (doc->title);
  /* The first block with text (a photo may come first); a hard line
   * break reads as a space here. */
  for (guint i = 0; i < doc->blocks->len && text[0] == '\0'; i++)
    text = ((const TsBlock *) g_ptr_array_index (doc->blocks, i))->text;
  g_strdelimit (flat = g_strdup (text), "\n", ' ');
  if (g_utf8_strlen (flat, -1) <= TS_CONTENTS_UNTITLED_CHARS)
    return flat[0] != '\0' ? g_steal_pointer (&flat) : g_strdup (doc->file);
  cut = g_utf8_offset_to_pointer (flat, TS_CONTENTS_UNTITLED_CHARS);
  while (cut > flat && *cut != ' ')
    cut--;
  if (cut == flat) /* one word longer than the limit: cut it at the limit */
    cut = g_utf8_offset_to_pointer (flat, TS_CONTENTS_UNTITLED_CHARS);
  while (cut > flat && (cut[-1] == ',' || cut[-1] == ';' || cut[-1] == ':' || cut[-1] == ' '))
    cut--;
  return g_strdup_printf ("%.*s…", (int) (cut - flat), flat);
}

/* The table of contents with @starts as page numbers: one entry per
 * article, its title flush left (wrapping short of the number), its first
 * page's number flush right on the title's last line, and dot leaders
 * between them.  Returns the
 * pages (TsPage*, owned). */
static GPtrArray *
make_contents (GPtrArray *articles, const GArray *starts)
{
  TsArticle *first = g_ptr_array_index (articles, 0);
  const TsStyle *s = ts_article_get_style (first);
  const TsPageTemplate *t = ts_article_get_template (first);
  const TsTextStyle *entry = &s->contents_style;
  int number_width = pango_font_description_get_size (entry->font) * TS_CONTENTS_NUMBER_EMS;
  int bottom = t->text.y + t->text.height;
  GPtrArray *pages = g_ptr_array_new ();
  Stacker st = { first, s, t, new_page (t), t->text.y };
  TsTextStyle right = *entry, left = *entry;
  g_autoptr (GPtrArray) dot = NULL;

  right.align = TS_ALIGN_RIGHT;
  left.align = TS_ALIGN_LEFT;
  dot = ts_article_set_text (first, ".", &left, t->text.width);
  g_ptr_array_add (pages, st.page);
  {
    TsTextStyle heading = s->title;
    heading.align = TS_ALIGN_LEFT;
    stack_text (&st, s->contents_title, &heading, TS_ROLE_CONTENTS);
    st.y += heading.space_after;
  }
  for (guint k = 0; k < articles->len; k++)
    {
      g_autofree char *number = g_strdup_printf ("%d", g_array_index (starts, int, k));
      g_autofree char *name = article_title (g_ptr_array_index (articles, k));
      g_autoptr (GPtrArray) title = ts_article_set_text (g_ptr_array_index (articles, k), name,
                                                         entry, t->text.width - number_width);
      g_autoptr (GPtrArray) folio = ts_article_set_text (first, number, &right, number_width);
      int height = (int) title->len * entry->leading;

      if (st.y + height > bottom && st.y > t->text.y)
        {
          st.page = new_page (t);
          g_ptr_array_add (pages, st.page);
          st.y = t->text.y;
        }
      for (guint i = 0; i < title->len; i++)
        {
          TsLine *line = g_ptr_array_index (title, i);
          if (i + 1 == title->len && folio->len > 0)
            {
              /* The number before the line's box is added would read
               * "12 Title" in the text layer; add it after. */
              int y = st.y;
              TsLine *number_line = g_ptr_array_index (folio, 0);
              stack_line (&st, line, TS_ROLE_CONTENTS, entry->leading, entry->color, t->text.x,
                          t->text.width - number_width);
              /* Leaders from the title's end to the number's start (the
               * number is flush right), in reading order between them. */
              if (dot->len > 0)
                add_leaders (&st, g_ptr_array_index (dot, 0), t->text.x + line->used_width,
                             t->text.x + t->text.width - number_line->used_width, y, entry);
              st.y = y;
              stack_line (&st, number_line, TS_ROLE_CONTENTS, entry->leading,
                          entry->color, t->text.x + t->text.width - number_width, number_width);
            }
          else
            stack_line (&st, line, TS_ROLE_CONTENTS, entry->leading, entry->color, t->text.x,
                        t->text.width - number_width);
        }
      st.y += entry->space_after;
    }
  return pages;
}

static void
free_pages (GPtrArray *pages)
{
  TsPageList *holder = ts_page_list_new ();
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (holder->pages, g_ptr_array_index (pages, i));
  ts_page_list_free (holder);
  g_ptr_array_unref (pages);
}

TsPageList *
ts_booklet_assemble (GPtrArray *articles, GArray *starts_out)
{
  TsArticle *first = g_ptr_array_index (articles, 0);
  const TsStyle *s = ts_article_get_style (first);
  const TsPageTemplate *t = ts_article_get_template (first);
  gboolean right = g_strcmp0 (s->article_start, "right") == 0;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int)); /* article index, -1 */
  GPtrArray *contents = NULL;
  int n_contents = 1;
  TsPageList *list = ts_page_list_new ();
  int total;

  for (int round = 0; round < TS_CONTENTS_MAX_ROUNDS; round++)
    {
      int p = 1 + (s->cover ? (right ? 2 : 1) : 0) + (s->contents ? n_contents : 0);
      g_array_set_size (starts, 0);
      for (guint k = 0; k < articles->len; k++)
        {
          if (right && p % 2 == 0)
            p++;
          g_array_append_val (starts, p);
          p += (int) ts_article_get_pages (g_ptr_array_index (articles, k))->pages->len;
        }
      if (!s->contents)
        break;
      if (contents != NULL)
        free_pages (contents);
      contents = make_contents (articles, starts);
      if ((int) contents->len == n_contents)
        break;
      n_contents = (int) contents->len;
    }

  /* One list, in order; kinds says which article each page belongs to. */
#define ADD(page, kind)                                                                        \
  do                                                                                           \
    {                                                                                          \
      int kind_ = (kind);                                                                      \
      g_ptr_array_add (list->pages, (page));                                                   \
      g_array_append_val (kinds, kind_);                                                       \
    }                                                                                          \
  while (0)
  if (s->cover)
    {
      ADD (make_cover (first), -2);
      if (right)
        ADD (new_page (t), -2);
    }
  for (guint i = 0; contents != NULL && i < contents->len; i++)
    ADD (g_ptr_array_index (contents, i), -1);
  if (contents != NULL)
    g_ptr_array_unref (contents); /* the pages are the list's now */
  for (guint k = 0; k < articles->len; k++)
    {
      TsPageList *own = ts_article_get_pages (g_ptr_array_index (articles, k));
      gsize n = 0;
      TsPage **pages;

      while ((int) list->pages->len + 1 < g_array_index (starts, int, k))
        ADD (new_page (t), -2);
      pages = (TsPage **) g_ptr_array_steal (own->pages, &n);
      for (gsize i = 0; i < n; i++)
        ADD (pages[i], (int) k);
      g_free (pages);
    }
#undef ADD

  total = (int) list->pages->len;
  for (int i = 0; i < total; i++)
    {
      TsPage *page = g_ptr_array_index (list->pages, i);
      int kind = g_array_index (kinds, int, i);
      page->number = i + 1;
      if (kind == -1)
        ts_article_finalize_page (first, page, total, FALSE);
      else if (kind >= 0)
        ts_article_finalize_page (g_ptr_array_index (articles, kind), page, total,
                                  s->header && page->number != g_array_index (starts, int, kind));
    }
  list->title = g_strdup (s->cover_title != NULL && s->cover_title[0] != '\0'
                            ? s->cover_title
                            : ts_article_get_doc (first)->title);
  list->author = g_strdup (s->cover_organisation != NULL && s->cover_organisation[0] != '\0'
                             ? s->cover_organisation
                             : NULL);
  if (starts_out != NULL)
    g_array_append_vals (starts_out, starts->data, starts->len);
  return list;
}
