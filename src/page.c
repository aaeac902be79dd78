/* page.c — the output model's constructors (see page.h). */
#include "page.h"

static void
box_clear (gpointer data)
{
  TsBox *box = data;
  if (box->line != NULL)
    ts_line_unref (box->line);
  if (box->image != NULL)
    ts_image_unref (box->image);
}

static void
page_free (gpointer data)
{
  TsPage *page = data;
  g_array_unref (page->frames);
  g_array_unref (page->boxes);
  g_free (page);
}

TsPage *
ts_page_new (int number, int width, int height)
{
  TsPage *page = g_new0 (TsPage, 1);
  page->number = number;
  page->width = width;
  page->height = height;
  page->frames = g_array_new (FALSE, TRUE, sizeof (TsRect));
  page->boxes = g_array_new (FALSE, TRUE, sizeof (TsBox));
  g_array_set_clear_func (page->boxes, box_clear);
  return page;
}

void
ts_page_add_box (TsPage *page, const TsBox *box)
{
  TsBox copy = *box;
  if (copy.line != NULL)
    ts_line_ref (copy.line);
  if (copy.image != NULL)
    ts_image_ref (copy.image);
  g_array_append_val (page->boxes, copy);
}

TsPageList *
ts_page_list_new (void)
{
  TsPageList *pages = g_new0 (TsPageList, 1);
  pages->pages = g_ptr_array_new_with_free_func (page_free);
  return pages;
}

void
ts_page_list_free (TsPageList *pages)
{
  if (pages == NULL)
    return;
  g_ptr_array_unref (pages->pages);
  g_free (pages->title);
  g_free (pages->author);
  g_free (pages->subject);
  g_free (pages);
}

const char *
ts_role_to_string (TsRole role)
{
  static const char *const names[] = {
    [TS_ROLE_BODY] = "body",         [TS_ROLE_CAPTION] = "caption",
    [TS_ROLE_TITLE] = "title",       [TS_ROLE_HEADING] = "heading",
    [TS_ROLE_QUOTE] = "quote",       [TS_ROLE_BYLINE] = "byline",
    [TS_ROLE_MASTHEAD] = "masthead", [TS_ROLE_MASTHEAD_DATE] = "masthead-date",
    [TS_ROLE_HEADER] = "header",     [TS_ROLE_FOOTER] = "footer",
    [TS_ROLE_RULE] = "rule",         [TS_ROLE_IMAGE] = "image",
    [TS_ROLE_CONTENTS] = "contents", [TS_ROLE_COVER] = "cover",
    [TS_ROLE_MARKER] = "marker",
  };
  return role < G_N_ELEMENTS (names) ? names[role] : "unknown";
}
