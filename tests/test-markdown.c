/* test-markdown.c — Markdown (md4c) into the document model.
 *
 * Expected blocks are read off the CommonMark inputs by hand: which text
 * each block holds, which byte ranges are emphasis or links (counted in
 * UTF-8 bytes: "đ" and "ư" are two bytes each), and where warnings go.
 */
#include <glib.h>
#include <string.h>

#include "error.h"
#include "markdown.h"

static TsDoc *
parse (const char *text, TsDiag *diag)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = ts_source_new_from_data ("a.md", text, strlen (text), &error);
  TsDoc *doc;
  g_autofree char *why = NULL;

  g_assert_no_error (error);
  doc = ts_markdown_parse (source, diag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  if (!ts_doc_check (doc, &why))
    g_error ("ts_doc_check: %s", why);
  return doc;
}

static const TsBlock *
block (const TsDoc *doc, guint i)
{
  g_assert_cmpuint (i, <, doc->blocks->len);
  return g_ptr_array_index (doc->blocks, i);
}

static void
test_front_matter_and_title (void)
{
  g_autoptr (TsDoc) doc = parse ("---\ntitle: Tiêu đề\nauthor: An\ndate: 2024-09\n---\n\n"
                                 "Đoạn một.\n",
                                 NULL);
  g_autoptr (TsDoc) h1 = parse ("# Tựa bài\n\nĐoạn *một*.\n\n# Phần hai\n", NULL);

  g_assert_cmpstr (doc->title, ==, "Tiêu đề");
  g_assert_cmpstr (doc->author, ==, "An");
  g_assert_cmpint (doc->year, ==, 2024);
  g_assert_cmpint (doc->month, ==, 9);
  g_assert_cmpuint (doc->blocks->len, ==, 1);
  g_assert_cmpint (block (doc, 0)->origins->len, >=, 1);
  /* Line 7 of the file: after five lines of front matter and a blank. */
  g_assert_cmpint (g_array_index (block (doc, 0)->origins, TsOrigin, 0).line, ==, 7);

  g_assert_cmpstr (h1->title, ==, "Tựa bài");
  g_assert_cmpuint (h1->blocks->len, ==, 2);
  g_assert_cmpint (block (h1, 1)->kind, ==, TS_BLOCK_HEADING); /* a later # is a heading */
  g_assert_cmpint (block (h1, 1)->level, ==, 1);
}

static void
test_emphasis_and_links (void)
{
  g_autoptr (TsDoc) doc = parse ("Xem *nghiêng* và **đậm** tại [trang web](https://a.vn/x).\n",
                                 NULL);
  const TsBlock *b = block (doc, 0);
  const TsSpan *s;

  g_assert_cmpstr (b->text, ==, "Xem nghiêng và đậm tại trang web.");
  g_assert_cmpuint (b->spans->len, ==, 3);
  s = &g_array_index (b->spans, TsSpan, 0);
  g_assert_cmpint (s->start, ==, 4); /* "Xem " */
  g_assert_cmpint (s->end, ==, 4 + (int) strlen ("nghiêng"));
  g_assert_cmpuint (s->flags, ==, TS_SPAN_ITALIC);
  s = &g_array_index (b->spans, TsSpan, 1);
  g_assert_cmpuint (s->flags, ==, TS_SPAN_BOLD);
  g_assert_cmpint (s->end - s->start, ==, (int) strlen ("đậm"));
  s = &g_array_index (b->spans, TsSpan, 2);
  g_assert_cmpuint (s->flags, ==, TS_SPAN_LINK);
  g_assert_cmpint (s->link, ==, 1);
  g_assert_cmpint (s->end - s->start, ==, (int) strlen ("trang web"));
  g_assert_cmpuint (doc->links->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (doc->links, 0), ==, "https://a.vn/x");
}

static void
test_lists_and_quotes (void)
{
  g_autoptr (TsDoc) doc = parse ("- một\n- hai\n  - hai a\n\n3. ba\n4. bốn\n\n> Trích *dẫn*.\n",
                                 NULL);

  g_assert_cmpuint (doc->blocks->len, ==, 6);
  g_assert_cmpstr (block (doc, 0)->marker, ==, "•");
  g_assert_cmpint (block (doc, 0)->list_depth, ==, 1);
  g_assert_cmpstr (block (doc, 0)->text, ==, "một");
  g_assert_cmpstr (block (doc, 2)->marker, ==, "–"); /* nested */
  g_assert_cmpint (block (doc, 2)->list_depth, ==, 2);
  g_assert_cmpstr (block (doc, 3)->marker, ==, "3."); /* the list's own start */
  g_assert_cmpstr (block (doc, 4)->marker, ==, "4.");
  g_assert_cmpint (block (doc, 5)->kind, ==, TS_BLOCK_QUOTE);
  g_assert_cmpstr (block (doc, 5)->text, ==, "Trích dẫn.");
  g_assert_null (block (doc, 5)->marker);
}

static void
test_images_breaks (void)
{
  g_autoptr (TsDoc) doc = parse ("![Ảnh hội nghị.](anh/a.jpg)\n\n"
                                 "![Cánh đồng.](b.png){wide}\n\n"
                                 "Dòng một  \ndòng hai\\\nba.\n\n***\n\nHết.\n",
                                 NULL);

  g_assert_cmpuint (doc->blocks->len, ==, 5);
  g_assert_cmpint (block (doc, 0)->kind, ==, TS_BLOCK_FIGURE);
  g_assert_cmpstr (block (doc, 0)->image, ==, "anh/a.jpg");
  g_assert_cmpstr (block (doc, 0)->text, ==, "Ảnh hội nghị.");
  g_assert_cmpint (block (doc, 0)->caption_reason, ==, TS_CAPTION_EXPLICIT);
  g_assert_false (block (doc, 0)->wide);
  g_assert_true (block (doc, 1)->wide);
  /* Hard breaks (two spaces, a backslash): one paragraph with a '\n'
   * where each line ends, the trailing spaces gone. */
  g_assert_cmpstr (block (doc, 2)->text, ==, "Dòng một\ndòng hai\nba.");
  g_assert_cmpint (block (doc, 3)->kind, ==, TS_BLOCK_BREAK);
  g_assert_cmpstr (block (doc, 4)->text, ==, "Hết.");
}

static void
test_no_layout_kept_with_warning (void)
{
  g_autoptr (TsDiag) diag = ts_diag_new ();
  g_autoptr (TsDoc) doc = parse ("Trước bảng.\n\n| Năm | Số |\n| --- | --- |\n| 2023 | 12 |\n\n"
                                 "<div>Chữ trong <b>HTML</b></div>\n\nSau.\n",
                                 diag);

  g_assert_cmpuint (doc->blocks->len, ==, 5);
  g_assert_cmpstr (block (doc, 1)->text, ==, "Năm | Số");
  g_assert_cmpstr (block (doc, 2)->text, ==, "2023 | 12");
  g_assert_cmpstr (block (doc, 3)->text, ==, "Chữ trong HTML");
  g_assert_cmpint (ts_diag_count (diag, "markdown-table"), ==, 1);
  g_assert_cmpint (ts_diag_count (diag, "markdown-html"), ==, 1);
  /* The table warning names the table's first line. */
  for (guint i = 0; i < diag->items->len; i++)
    {
      const TsDiagnostic *d = &g_array_index (diag->items, TsDiagnostic, i);
      if (g_strcmp0 (d->code, "markdown-table") == 0)
        g_assert_cmpint (d->line, ==, 3);
    }
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  const char *text = "---\ntitle: X\n---\n";
  g_autoptr (TsSource) source = ts_source_new_from_data ("e.md", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_null (ts_markdown_parse (source, NULL, &error));
  g_assert_error (error, TS_ERROR, TS_ERROR_EMPTY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/markdown/front-matter", test_front_matter_and_title);
  g_test_add_func ("/markdown/emphasis-links", test_emphasis_and_links);
  g_test_add_func ("/markdown/lists-quotes", test_lists_and_quotes);
  g_test_add_func ("/markdown/images-breaks", test_images_breaks);
  g_test_add_func ("/markdown/tables-html", test_no_layout_kept_with_warning);
  g_test_add_func ("/markdown/empty", test_empty);
  return g_test_run ();
}
