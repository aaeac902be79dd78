/* test-parse.c — the article grammar: metadata, blocks, inline spans,
 * source positions, errors, and the caption heuristic on every sample.
 *
 * The expected captions of each sample were chosen by reading the article
 * (which paragraphs describe a photo), not by running the parser. */
#include "doc.h"
#include "error.h"
#include "reader.h"

#include <locale.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Helpers */

static TsDoc *
parse_string (const char *text, GError **error)
{
  g_autoptr (TsSource) source = ts_source_new_from_data ("test.txt", text, strlen (text), error);

  if (source == NULL)
    return NULL;
  return ts_parse_article (source, error);
}

/* Parses @text, asserting success and the model's invariants. */
static TsDoc *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *why = NULL;
  TsDoc *doc = parse_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  if (!ts_doc_check (doc, &why))
    g_error ("ts_doc_check: %s", why);
  return doc;
}

static void
assert_parse_error (const char *text, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsDoc) doc = parse_string (text, &error);

  g_assert_null (doc);
  g_assert_error (error, TS_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static TsBlock *
block_at (const TsDoc *doc, guint i)
{
  g_assert_cmpuint (i, <, doc->blocks->len);
  return g_ptr_array_index (doc->blocks, i);
}

static void
assert_block (const TsDoc *doc, guint i, TsBlockKind kind, const char *text)
{
  const TsBlock *block = block_at (doc, i);

  g_assert_cmpstr (ts_block_kind_to_string (block->kind), ==, ts_block_kind_to_string (kind));
  g_assert_cmpstr (block->text, ==, text);
}

/* Line and column of the first occurrence of @needle in block @i. */
static void
assert_position_of (const TsDoc *doc, guint i, const char *needle, int line, int column)
{
  const TsBlock *block = block_at (doc, i);
  const char *found = strstr (block->text, needle);
  int got_line = 0, got_column = 0;

  g_assert_nonnull (found);
  ts_block_get_position (block, (int)(found - block->text), &got_line, &got_column);
  g_assert_cmpint (got_line, ==, line);
  g_assert_cmpint (got_column, ==, column);
}

static void
assert_span (const TsBlock *block, guint i, int start, int end, guint flags)
{
  const TsSpan *span;

  g_assert_cmpuint (i, <, block->spans->len);
  span = &g_array_index (block->spans, TsSpan, i);
  g_assert_cmpint (span->start, ==, start);
  g_assert_cmpint (span->end, ==, end);
  g_assert_cmpuint (span->flags, ==, flags);
}

/* Byte offset of @needle in @block's text. */
static int
offset_of (const TsBlock *block, const char *needle)
{
  const char *found = strstr (block->text, needle);

  g_assert_nonnull (found);
  return (int)(found - block->text);
}

/* samples/NAME: $TYPESET_DATA_DIR (meson sets the source root), else
 * ../samples from the build directory, else ./samples. */
static char *
sample_path (const char *name)
{
  const char *root = g_getenv ("TYPESET_DATA_DIR");
  char *path;

  if (root != NULL)
    return g_build_filename (root, "samples", name, NULL);
  path = g_build_filename ("..", "samples", name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename ("samples", name, NULL);
}

static TsDoc *
parse_sample (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = ts_source_read_file (path, &error);
  g_autofree char *why = NULL;
  TsDoc *doc;

  g_assert_no_error (error);
  doc = ts_parse_article (source, &error);
  g_assert_no_error (error);
  if (!ts_doc_check (doc, &why))
    g_error ("%s: ts_doc_check: %s", name, why);
  return doc;
}

/* The blocks of @doc that are captions, as "index:reason:text". */
static char *
list_captions (const TsDoc *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const TsBlock *block = block_at (doc, i);
      if (block->kind != TS_BLOCK_CAPTION && block->kind != TS_BLOCK_FIGURE)
        continue;
      g_string_append_printf (out, "%u:%s:%s\n", i,
                              block->caption_reason == TS_CAPTION_HEURISTIC ? "h" : "x",
                              block->text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_captions (const TsDoc *doc, const char *expected)
{
  g_autofree char *got = list_captions (doc);

  g_assert_cmpstr (got, ==, expected);
}

/* ------------------------------------------------------------------ */
/* The seed */

static void
test_seed (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("bac-tu-liem.txt");
  g_autofree char *date = ts_doc_format_date (doc);
  int n_paragraphs = 0, n_captions = 0;

  g_assert_cmpuint (doc->blocks->len, ==, 9);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const TsBlock *block = block_at (doc, i);
      if (block->kind == TS_BLOCK_PARAGRAPH)
        n_paragraphs++;
      else if (block->kind == TS_BLOCK_CAPTION)
        n_captions++;
    }
  g_assert_cmpint (n_paragraphs, ==, 7);
  g_assert_cmpint (n_captions, ==, 2);
  assert_captions (doc, "1:h:Lãnh đạo Công an quận Bắc Từ Liêm trong buổi lễ công bố quyết định "
                        "của Công an TP Hà Nội.\n"
                        "6:h:Lực lượng Công an quận Bắc Từ Liêm diễn tập giải cứu con tin.\n");

  g_assert_null (doc->title);
  g_assert_null (doc->author);
  g_assert_null (doc->source);
  g_assert_cmpstr (doc->date, ==, "2021-05");
  g_assert_cmpint (doc->year, ==, 2021);
  g_assert_cmpint (doc->month, ==, 5);
  g_assert_cmpint (doc->day, ==, 0);
  g_assert_cmpstr (date, ==, "Tháng 5/2021");

  /* " date 2021-05 Theo đó, …": the paragraph starts at column 15. */
  g_assert_true (
      g_str_has_prefix (block_at (doc, 0)->text, "Theo đó, từ ngày thành lập (1/4/2014)"));
  assert_position_of (doc, 0, "Theo đó", 1, 15);
  assert_position_of (doc, 0, "(1/4/2014)", 1, 42);
  assert_position_of (doc, 6, "Lực lượng", 13, 1);
  assert_position_of (doc, 8, "ngày 29/4/2021", 17, 126);
  g_assert_true (
      g_str_has_suffix (block_at (doc, 8)->text, "“Đơn vị kiểu mẫu trong công tác công an”."));
}

/* ------------------------------------------------------------------ */
/* Metadata */

static void
test_metadata (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("title: Tin   nhanh\n"
                                    "author: Nguyễn Văn A\n"
                                    "\n"
                                    "source:  Báo Hà Nội Mới \n"
                                    "date: 2021-05-03\n"
                                    "\n"
                                    "Nội dung bài.\n");
  g_autofree char *date = ts_doc_format_date (doc);

  g_assert_cmpstr (doc->title, ==, "Tin nhanh");
  g_assert_cmpstr (doc->author, ==, "Nguyễn Văn A");
  g_assert_cmpstr (doc->source, ==, "Báo Hà Nội Mới");
  g_assert_cmpstr (doc->date, ==, "2021-05-03");
  g_assert_cmpint (doc->year, ==, 2021);
  g_assert_cmpint (doc->month, ==, 5);
  g_assert_cmpint (doc->day, ==, 3);
  g_assert_cmpstr (date, ==, "Ngày 3 tháng 5 năm 2021");
  g_assert_cmpuint (doc->blocks->len, ==, 1);
  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Nội dung bài.");
  assert_position_of (doc, 0, "Nội", 7, 1);
}

static void
test_metadata_vietnamese (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Tiêu đề: Mùa lúa chín\n"
                                    "TÁC GIẢ: Lê Thị Bích\n"
                                    "nguồn: VTV\n"
                                    "Ngày: 2024-11\n"
                                    "Nội dung.");

  g_assert_cmpstr (doc->title, ==, "Mùa lúa chín");
  g_assert_cmpstr (doc->author, ==, "Lê Thị Bích");
  g_assert_cmpstr (doc->source, ==, "VTV");
  g_assert_cmpstr (doc->date, ==, "2024-11");
  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Nội dung.");
  assert_position_of (doc, 0, "Nội", 5, 1);
}

static void
test_metadata_seed_form (void)
{
  g_autoptr (TsDoc) alone = parse_ok ("date 2021-05\n\nMột đoạn.");
  g_autoptr (TsDoc) inline_day = parse_ok ("  date 2021-05-31 Đoạn đầu\ntiếp tục.");
  g_autoptr (TsDoc) prose = parse_ok ("date palms grow here.");
  g_autoptr (TsDoc) not_first = parse_ok ("Một đoạn.\n\ndate 2021-05 không phải metadata.");
  g_autoptr (TsDoc) key_later = parse_ok ("Hà Nội: một đoạn văn.\n\ntitle: không phải tiêu đề");

  g_assert_cmpstr (alone->date, ==, "2021-05");
  assert_block (alone, 0, TS_BLOCK_PARAGRAPH, "Một đoạn.");

  g_assert_cmpint (inline_day->day, ==, 31);
  assert_block (inline_day, 0, TS_BLOCK_PARAGRAPH, "Đoạn đầu tiếp tục.");
  assert_position_of (inline_day, 0, "Đoạn", 1, 19);
  assert_position_of (inline_day, 0, "tiếp", 2, 1);

  /* No digit after "date": prose. */
  g_assert_null (prose->date);
  assert_block (prose, 0, TS_BLOCK_PARAGRAPH, "date palms grow here.");

  /* Metadata only leads. */
  g_assert_null (not_first->date);
  assert_block (not_first, 1, TS_BLOCK_PARAGRAPH, "date 2021-05 không phải metadata.");
  g_assert_null (key_later->title);
  assert_block (key_later, 0, TS_BLOCK_PARAGRAPH, "Hà Nội: một đoạn văn.");
  assert_block (key_later, 1, TS_BLOCK_PARAGRAPH, "title: không phải tiêu đề");
}

static void
test_bad_date (void)
{
  assert_parse_error ("title: X\ndate: 2021-13\n\nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:2:7: invalid date '2021-13'; write YYYY-MM or YYYY-MM-DD");
  assert_parse_error ("date 2021-5x Văn bản.", TS_ERROR_PARSE,
                      "test.txt:1:6: invalid date '2021-5x'; write YYYY-MM or YYYY-MM-DD");
  assert_parse_error (" date 2021-02-30 Văn bản.", TS_ERROR_PARSE,
                      "test.txt:1:7: invalid date '2021-02-30'; write YYYY-MM or YYYY-MM-DD");
  assert_parse_error ("ngày:   29/4/2021\nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:1:9: invalid date '29/4/2021'; write YYYY-MM or YYYY-MM-DD");
  assert_parse_error ("date: 2021-00\nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:1:7: invalid date '2021-00'; write YYYY-MM or YYYY-MM-DD");
  assert_parse_error ("date: \nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:1:6: invalid date ''; write YYYY-MM or YYYY-MM-DD");
}

static void
test_bad_metadata (void)
{
  assert_parse_error ("title: A\nauthor: B\ntitle: C\n\nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:3:1: 'title' is given twice (first on line 1); keep one");
  assert_parse_error ("captions: maybe\n\nVăn bản.", TS_ERROR_PARSE,
                      "test.txt:1:11: invalid value 'maybe' for captions; write auto or off");
}

static void
test_empty (void)
{
  assert_parse_error ("", TS_ERROR_EMPTY, "test.txt: nothing to typeset: the file is empty");
  assert_parse_error (" \n\n\t\n   ", TS_ERROR_EMPTY,
                      "test.txt: nothing to typeset: the file is empty");
  assert_parse_error ("\xEF\xBB\xBF\r\n", TS_ERROR_EMPTY,
                      "test.txt: nothing to typeset: the file is empty");
  assert_parse_error ("title: Chỉ có tiêu đề\ndate: 2021-05\n\n", TS_ERROR_EMPTY,
                      "test.txt: nothing to typeset: the file has only metadata");
  assert_parse_error (" date 2021-05 ", TS_ERROR_EMPTY,
                      "test.txt: nothing to typeset: the file has only metadata");
  assert_parse_error ("# Chỉ một tiêu đề\n", TS_ERROR_EMPTY,
                      "test.txt: nothing to typeset: the file has only metadata");
}

/* ------------------------------------------------------------------ */
/* Blocks */

static void
test_blocks_and_joining (void)
{
  g_autoptr (TsDoc) doc
      = parse_ok ("  Dòng một\ncủa   đoạn một.  \n \t \nĐoạn\u00A0hai\n\n\n\nĐoạn ba.\n");

  g_assert_cmpuint (doc->blocks->len, ==, 3);
  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Dòng một của đoạn một.");
  /* The no-break space is kept as it is. */
  assert_block (doc, 1, TS_BLOCK_PARAGRAPH, "Đoạn\u00A0hai");
  assert_block (doc, 2, TS_BLOCK_PARAGRAPH, "Đoạn ba.");
  assert_position_of (doc, 0, "Dòng", 1, 3);
  assert_position_of (doc, 0, "đoạn", 2, 7);
  assert_position_of (doc, 1, "hai", 4, 6);
  assert_position_of (doc, 2, "ba", 8, 6);
}

static void
test_form_feed (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Trang một.\fTrang hai\ncòn tiếp.");

  /* A form feed ends the block; positions stay those of the file. */
  g_assert_cmpuint (doc->blocks->len, ==, 2);
  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Trang một.");
  assert_block (doc, 1, TS_BLOCK_PARAGRAPH, "Trang hai còn tiếp.");
  assert_position_of (doc, 1, "Trang", 1, 12);
  assert_position_of (doc, 1, "còn", 2, 1);
}

static void
test_title (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("# Tiêu đề *bài* báo\n\nĐoạn một.\n\n# Phần hai\n\nĐoạn hai.");
  g_autoptr (TsDoc) with_meta = parse_ok ("title: Từ metadata\n\n# Tiêu đề cấp một\n\nĐoạn.");
  g_autoptr (TsDoc) adjacent = parse_ok ("# Tiêu đề\nĐoạn ngay sau.");

  g_assert_cmpstr (doc->title, ==, "Tiêu đề bài báo");
  g_assert_cmpuint (doc->blocks->len, ==, 3);
  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Đoạn một.");
  /* Not the first block: a heading of level 1. */
  assert_block (doc, 1, TS_BLOCK_HEADING, "Phần hai");
  g_assert_cmpint (block_at (doc, 1)->level, ==, 1);

  g_assert_cmpstr (with_meta->title, ==, "Từ metadata");
  assert_block (with_meta, 0, TS_BLOCK_HEADING, "Tiêu đề cấp một");
  g_assert_cmpint (block_at (with_meta, 0)->level, ==, 1);

  g_assert_cmpstr (adjacent->title, ==, "Tiêu đề");
  assert_block (adjacent, 0, TS_BLOCK_PARAGRAPH, "Đoạn ngay sau.");
  assert_position_of (adjacent, 0, "Đoạn", 2, 1);
}

static void
test_headings (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Mở đầu.\n\n"
                                    "## Phần một ##\n\n"
                                    "   ###   Mục nhỏ\n\n"
                                    "###### Sáu\n\n"
                                    "####### Bảy là văn bản\n\n"
                                    "#hashtag không phải tiêu đề\n\n"
                                    "## C#\n\n"
                                    "Văn bản\n## Tiêu đề chen giữa\nvăn bản tiếp.\n\n"
                                    "\\## Không phải tiêu đề\n\n"
                                    "##\n");

  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Mở đầu.");
  assert_block (doc, 1, TS_BLOCK_HEADING, "Phần một");
  g_assert_cmpint (block_at (doc, 1)->level, ==, 2);
  assert_position_of (doc, 1, "Phần", 3, 4);
  assert_block (doc, 2, TS_BLOCK_HEADING, "Mục nhỏ");
  g_assert_cmpint (block_at (doc, 2)->level, ==, 3);
  assert_position_of (doc, 2, "Mục", 5, 10);
  assert_block (doc, 3, TS_BLOCK_HEADING, "Sáu");
  g_assert_cmpint (block_at (doc, 3)->level, ==, 6);
  assert_block (doc, 4, TS_BLOCK_PARAGRAPH, "####### Bảy là văn bản");
  assert_block (doc, 5, TS_BLOCK_PARAGRAPH, "#hashtag không phải tiêu đề");
  assert_block (doc, 6, TS_BLOCK_HEADING, "C#");
  /* A heading line interrupts a paragraph. */
  assert_block (doc, 7, TS_BLOCK_PARAGRAPH, "Văn bản");
  assert_block (doc, 8, TS_BLOCK_HEADING, "Tiêu đề chen giữa");
  assert_block (doc, 9, TS_BLOCK_PARAGRAPH, "văn bản tiếp.");
  assert_position_of (doc, 9, "văn", 17, 1);
  assert_block (doc, 10, TS_BLOCK_PARAGRAPH, "## Không phải tiêu đề");
  /* No text: kept as text. */
  assert_block (doc, 11, TS_BLOCK_PARAGRAPH, "##");
  g_assert_cmpuint (doc->blocks->len, ==, 12);
}

static void
test_quotes (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Ông nói.\n\n"
                                    "> “Câu trích dẫn\n"
                                    ">dòng hai\n"
                                    "dòng lười”\n\n"
                                    "> Trích một\n"
                                    ">\n"
                                    "> Trích hai\n\n"
                                    "Sau đó.");

  g_assert_cmpuint (doc->blocks->len, ==, 5);
  assert_block (doc, 1, TS_BLOCK_QUOTE, "“Câu trích dẫn dòng hai dòng lười”");
  assert_position_of (doc, 1, "“Câu", 3, 3);
  assert_position_of (doc, 1, "dòng hai", 4, 2);
  assert_position_of (doc, 1, "dòng lười", 5, 1);
  assert_block (doc, 2, TS_BLOCK_QUOTE, "Trích một");
  assert_block (doc, 3, TS_BLOCK_QUOTE, "Trích hai");
  assert_position_of (doc, 3, "hai", 9, 9);
  assert_block (doc, 4, TS_BLOCK_PARAGRAPH, "Sau đó.");
}

static void
test_figures (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Đoạn một.\n\n"
                                    "![Toàn cảnh *buổi lễ*](anh/le.jpg)\n\n"
                                    "![Chú thích không có ảnh]()\n\n"
                                    "![](anh/khong-chu-thich.jpg)\n\n"
                                    "![Chú thích dài\nhai dòng]( anh/hai dong.jpg )\n\n"
                                    "![a](b.jpg) và chữ\n\n"
                                    "[caption] Chú thích viết tường minh.\n\n"
                                    "![]()\n\n"
                                    "Đoạn cuối.");
  const TsBlock *figure = block_at (doc, 1);

  assert_block (doc, 1, TS_BLOCK_FIGURE, "Toàn cảnh buổi lễ");
  g_assert_cmpstr (figure->image, ==, "anh/le.jpg");
  g_assert_cmpint (figure->caption_reason, ==, TS_CAPTION_EXPLICIT);
  g_assert_cmpuint (figure->spans->len, ==, 1);
  assert_span (figure, 0, (int)strlen ("Toàn cảnh "), (int)strlen ("Toàn cảnh buổi lễ"),
               TS_SPAN_ITALIC);
  assert_position_of (doc, 1, "Toàn", 3, 3);
  assert_position_of (doc, 1, "buổi", 3, 14);

  assert_block (doc, 2, TS_BLOCK_CAPTION, "Chú thích không có ảnh");
  g_assert_null (block_at (doc, 2)->image);
  g_assert_cmpint (block_at (doc, 2)->caption_reason, ==, TS_CAPTION_EXPLICIT);

  assert_block (doc, 3, TS_BLOCK_FIGURE, "");
  g_assert_cmpstr (block_at (doc, 3)->image, ==, "anh/khong-chu-thich.jpg");
  {
    int line, column;
    ts_block_get_position (block_at (doc, 3), 0, &line, &column);
    g_assert_cmpint (line, ==, 7);
    g_assert_cmpint (column, ==, 3);
  }

  assert_block (doc, 4, TS_BLOCK_FIGURE, "Chú thích dài hai dòng");
  g_assert_cmpstr (block_at (doc, 4)->image, ==, "anh/hai dong.jpg");
  assert_position_of (doc, 4, "hai", 10, 1);

  assert_block (doc, 5, TS_BLOCK_PARAGRAPH, "![a](b.jpg) và chữ");
  assert_block (doc, 6, TS_BLOCK_CAPTION, "Chú thích viết tường minh.");
  g_assert_cmpint (block_at (doc, 6)->caption_reason, ==, TS_CAPTION_EXPLICIT);
  assert_position_of (doc, 6, "Chú", 14, 11);
  assert_block (doc, 7, TS_BLOCK_PARAGRAPH, "![]()");
  g_assert_cmpuint (doc->blocks->len, ==, 9);
}

/* ------------------------------------------------------------------ */
/* Inline */

static void
test_spans (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Chữ **đậm** rồi *nghiêng* và _gạch_ xong.\n\n"
                                    "***Cả hai*** thôi.\n\n"
                                    "*Nghiêng **lồng đậm** tiếp*.\n\n"
                                    "**Đậm *lồng nghiêng***");
  const TsBlock *b0 = block_at (doc, 0), *b1 = block_at (doc, 1), *b2 = block_at (doc, 2);
  const TsBlock *b3 = block_at (doc, 3);

  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "Chữ đậm rồi nghiêng và gạch xong.");
  g_assert_cmpuint (b0->spans->len, ==, 3);
  assert_span (b0, 0, (int)strlen ("Chữ "), (int)strlen ("Chữ đậm"), TS_SPAN_BOLD);
  assert_span (b0, 1, (int)strlen ("Chữ đậm rồi "), (int)strlen ("Chữ đậm rồi nghiêng"),
               TS_SPAN_ITALIC);
  assert_span (b0, 2, (int)strlen ("Chữ đậm rồi nghiêng và "),
               (int)strlen ("Chữ đậm rồi nghiêng và gạch"), TS_SPAN_ITALIC);

  assert_block (doc, 1, TS_BLOCK_PARAGRAPH, "Cả hai thôi.");
  g_assert_cmpuint (b1->spans->len, ==, 1);
  assert_span (b1, 0, 0, (int)strlen ("Cả hai"), TS_SPAN_ITALIC | TS_SPAN_BOLD);

  /* Nesting becomes three flat spans. */
  assert_block (doc, 2, TS_BLOCK_PARAGRAPH, "Nghiêng lồng đậm tiếp.");
  g_assert_cmpuint (b2->spans->len, ==, 3);
  assert_span (b2, 0, 0, (int)strlen ("Nghiêng "), TS_SPAN_ITALIC);
  assert_span (b2, 1, (int)strlen ("Nghiêng "), (int)strlen ("Nghiêng lồng đậm"),
               TS_SPAN_ITALIC | TS_SPAN_BOLD);
  assert_span (b2, 2, (int)strlen ("Nghiêng lồng đậm"), (int)strlen ("Nghiêng lồng đậm tiếp"),
               TS_SPAN_ITALIC);

  assert_block (doc, 3, TS_BLOCK_PARAGRAPH, "Đậm lồng nghiêng");
  g_assert_cmpuint (b3->spans->len, ==, 2);
  assert_span (b3, 0, 0, (int)strlen ("Đậm "), TS_SPAN_BOLD);
  assert_span (b3, 1, (int)strlen ("Đậm "), (int)strlen ("Đậm lồng nghiêng"),
               TS_SPAN_ITALIC | TS_SPAN_BOLD);
}

/* Each case: input, expected text, expected number of spans. */
static void
test_flanking (void)
{
  static const struct
  {
    const char *input, *text;
    guint n_spans;
  } cases[] = {
    { "5 * 3 = 15", "5 * 3 = 15", 0 },
    { "snake_case_name và file_1_2", "snake_case_name và file_1_2", 0 },
    { "a * b * c", "a * b * c", 0 },
    { "**chưa đóng", "**chưa đóng", 0 },
    { "*mở nhưng không đóng", "*mở nhưng không đóng", 0 },
    { "đóng mà không mở*", "đóng mà không mở*", 0 },
    { "\\*không nghiêng\\*", "*không nghiêng*", 0 },
    { "\\\\*nghiêng*", "\\nghiêng", 1 },
    { "C:\\Users\\ba", "C:\\Users\\ba", 0 },
    { "giữa*từ*giữa", "giữatừgiữa", 1 },
    { "giữa_từ_giữa", "giữa_từ_giữa", 0 },
    { "x_nghiêng_ không", "x_nghiêng_ không", 0 },
    { "_nghiêng_.", "nghiêng.", 1 },
    { "** không **", "** không **", 0 },
    { "****", "****", 0 },
    { "*(ngoặc)*", "(ngoặc)", 1 },
    /* CommonMark's rule of three, and nesting across a both-flanking run. */
    { "*foo**bar*", "foo**bar", 1 },
    { "*foo**bar**baz*", "foobarbaz", 3 },
    { "giá 10*", "giá 10*", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TsDoc) doc = parse_ok (cases[i].input);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].input);
      g_assert_cmpuint (doc->blocks->len, ==, 1);
      g_assert_cmpstr (block_at (doc, 0)->text, ==, cases[i].text);
      g_assert_cmpuint (block_at (doc, 0)->spans->len, ==, cases[i].n_spans);
    }
}

static void
test_no_nfc_break (void)
{
  /* Removing the '*' would join the combining acute to the 'e' ("é"), and
   * the text would not be NFC any more: the run stays text. */
  g_autoptr (TsDoc) doc = parse_ok ("e*\xCC\x81 x*");

  assert_block (doc, 0, TS_BLOCK_PARAGRAPH, "e*\xCC\x81 x*");
}

static void
test_positions (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Dòng một\n"
                                    "Dòng hai\n"
                                    "Dòng ba có từ đích.\n"
                                    "\n"
                                    "Chữ **đậm** rồi   *nghiêng* xong\n"
                                    "\r\n"
                                    "Tie\xCC\x82\xCC\x81ng *x* y\n");
  const TsBlock *b1 = block_at (doc, 1);

  assert_position_of (doc, 0, "đích", 3, 15);
  assert_position_of (doc, 0, "hai", 2, 6);
  /* The joining space sits at the end of the line before. */
  {
    int line, column;
    ts_block_get_position (block_at (doc, 0), (int)strlen ("Dòng một"), &line, &column);
    g_assert_cmpint (line, ==, 1);
    g_assert_cmpint (column, ==, 9);
  }

  /* After removed markers and a collapsed run of spaces. */
  assert_position_of (doc, 1, "Chữ", 5, 1);
  assert_position_of (doc, 1, "đậm", 5, 7);
  assert_position_of (doc, 1, "rồi", 5, 13);
  assert_position_of (doc, 1, "nghiêng", 5, 20);
  assert_position_of (doc, 1, "xong", 5, 29);
  /* Every byte of a character maps to that character's column. */
  {
    int line, column;
    ts_block_get_position (b1, offset_of (b1, "ậ") + 1, &line, &column);
    g_assert_cmpint (line, ==, 5);
    g_assert_cmpint (column, ==, 8);
    ts_block_get_position (b1, (int)strlen (b1->text), &line, &column);
    g_assert_cmpint (line, ==, 5);
    g_assert_cmpint (column, ==, 33);
  }

  /* NFD input: columns are characters of the NFC text. */
  assert_block (doc, 2, TS_BLOCK_PARAGRAPH, "Tiếng x y");
  assert_position_of (doc, 2, "x", 7, 8);
  assert_position_of (doc, 2, "y", 7, 11);
}

static void
test_positions_everywhere (void)
{
  /* Every character of every block maps back to the same character in the
   * source: check all of them on a sample with markup. */
  g_autofree char *path = sample_path ("nghi-quyet-22.txt");
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = ts_source_read_file (path, &error);
  g_autoptr (TsDoc) doc = NULL;
  g_auto (GStrv) lines = NULL;
  int n_checked = 0;

  g_assert_no_error (error);
  doc = ts_parse_article (source, &error);
  g_assert_no_error (error);
  lines = g_strsplit (source->text, "\n", -1);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const TsBlock *block = block_at (doc, i);
      for (const char *p = block->text; *p != '\0'; p = g_utf8_next_char (p))
        {
          int line, column;
          gunichar c = g_utf8_get_char (p);
          const char *at;

          ts_block_get_position (block, (int)(p - block->text), &line, &column);
          g_assert_cmpint (line, >=, 1);
          g_assert_cmpint (line, <=, (int)g_strv_length (lines));
          g_assert_cmpint (column, >=, 1);
          g_assert_cmpint (column, <=, (int)g_utf8_strlen (lines[line - 1], -1) + 1);
          at = g_utf8_offset_to_pointer (lines[line - 1], column - 1);
          if (c == ' ')
            g_assert_true (*at == ' ' || *at == '\0');
          else
            g_assert_cmpuint (g_utf8_get_char (at), ==, c);
          n_checked++;
        }
    }
  g_assert_cmpint (n_checked, >, 1500);
}

/* ------------------------------------------------------------------ */
/* Caption heuristic: each feature on its own */

#define LONG_BEFORE                                                                                                   \
  "Sáng 3/5, UBND huyện tổ chức lễ khánh thành cây cầu mới bắc qua sông, nối liền hai xã "    \
  "vốn bị chia cắt mỗi mùa lũ. Công trình dài hơn 120 m, rộng 7 m, được xây dựng trong gần " \
  "hai năm với tổng vốn đầu tư khoảng 45 tỷ đồng từ ngân sách tỉnh và nguồn xã hội hóa."
#define LONG_AFTER                                                                                                        \
  "Trước đây, mỗi khi nước sông lên cao, hàng trăm học sinh phải nghỉ học nhiều ngày, người " \
  "dân muốn sang xã bên chỉ có cách đi đò hoặc vòng qua quốc lộ gần 20 km. Cây cầu mới giúp "  \
  "việc đi lại, giao thương của bà con thuận lợi hơn rất nhiều."

/* The kind of the middle paragraph of LONG, @middle, LONG. */
static TsBlockKind
middle_kind (const char *middle)
{
  g_autofree char *text = g_strconcat (LONG_BEFORE "\n\n", middle, "\n\n" LONG_AFTER, NULL);
  g_autoptr (TsDoc) doc = parse_ok (text);

  g_assert_cmpuint (doc->blocks->len, ==, 3);
  g_assert_cmpint (block_at (doc, 0)->kind, ==, TS_BLOCK_PARAGRAPH);
  g_assert_cmpint (block_at (doc, 2)->kind, ==, TS_BLOCK_PARAGRAPH);
  return block_at (doc, 1)->kind;
}

static void
test_caption_features (void)
{
  static const struct
  {
    const char *middle;
    gboolean caption;
  } cases[] = {
    /* The shape of a caption. */
    { "Lãnh đạo huyện cắt băng khánh thành cây cầu.", TRUE },
    { "Người dân đi trên cây cầu mới", TRUE },
    { "Hiện trường vụ cháy ở phố Hàng Bông.", TRUE },
    { "Lãnh đạo UBND TP. Hồ Chí Minh thăm hỏi người dân.", TRUE },
    { "ThS. Lê Văn Hải giới thiệu mô hình cây cầu.", TRUE },
    /* Photo credits make a caption at any length. */
    { "Ảnh: Cây cầu nhìn từ trên cao.", TRUE },
    { "Cây cầu nhìn từ trên cao. Trên cầu xe cộ qua lại tấp nập suốt ngày đêm, nhất là vào "
      "những dịp lễ tết khi người dân các xã lân cận đổ về chợ phiên ở đầu cầu để mua bán, "
      "trao đổi hàng hóa. (Ảnh: Minh Đức)",
      TRUE },
    { "Cây cầu nhìn từ trên cao. Ảnh: Minh Đức/TTXVN", TRUE },
    { "Người dân qua cầu (Ảnh minh họa).", TRUE },
    /* The tells of body text. */
    { "Nhiều tuyến đường bị ngập sâu. Giao thông tê liệt (ảnh hưởng của bão).", FALSE },
    { "Cây cầu nhìn từ trên cao. Hai bên là những cánh đồng lúa.", FALSE },
    { "Lễ khánh thành có các hoạt động sau:", FALSE },
    { "Vì sao cây cầu phải xây mất hai năm?", FALSE },
    { "Thật đáng mừng cho bà con!", FALSE },
    { "“Cây cầu là niềm mơ ước của bao thế hệ.”", FALSE },
    { "Ông nói đó là “niềm mơ ước của bao thế hệ”.", FALSE },
    { "- Cây cầu có ý nghĩa thế nào với bà con?", FALSE },
    { "– Rất lớn, thưa anh.", FALSE },
    { "Tuy nhiên, cây cầu vẫn còn thiếu đèn chiếu sáng.", FALSE },
    { "Trước đó, huyện đã lấy ý kiến người dân.", FALSE },
    { "Chiều cùng ngày, đoàn công tác thăm trường học.", FALSE },
    { "Ông Nguyễn Văn Bình cho biết cầu sẽ được bảo trì hằng năm.", FALSE },
    { "1. Xây dựng cầu treo ở thôn Đông.", FALSE },
    { "Thời gian: 8 giờ sáng Chủ nhật, ngày 5/5.", FALSE },
    { "và người dân rất vui mừng với công trình.", FALSE },
    { "Cây cầu được xây dựng với sự đóng góp của,", FALSE },
    { "Theo Báo Hà Nội Mới", FALSE },
    { "(Nguồn: VTV)", FALSE },
    { "Tin, ảnh: Ngọc Anh", FALSE },
    { "NGUYỄN HẢI - MINH ĐỨC", FALSE },
    { "PV", FALSE },
    { "Hà Nội", FALSE },
    /* Too long for a caption without a credit (34 words). */
    { "Lãnh đạo tỉnh, lãnh đạo huyện cùng đông đảo người dân hai xã bên sông dự lễ khánh "
      "thành cây cầu mới được xây dựng trong hai năm bằng nguồn vốn ngân sách tỉnh.",
      FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TsBlockKind kind = middle_kind (cases[i].middle);
      if ((kind == TS_BLOCK_CAPTION) != cases[i].caption)
        g_error ("“%s” should %sbe a caption", cases[i].middle, cases[i].caption ? "" : "not ");
    }
}

static void
test_caption_position (void)
{
  g_autoptr (TsDoc) first
      = parse_ok ("Cầu mới nhìn từ trên cao.\n\n" LONG_BEFORE "\n\n" LONG_AFTER);
  g_autoptr (TsDoc) last = parse_ok (LONG_BEFORE "\n\n" LONG_AFTER "\n\nCầu mới nhìn từ trên cao.");
  g_autoptr (TsDoc) last_credit
      = parse_ok (LONG_BEFORE "\n\n" LONG_AFTER "\n\nCầu mới nhìn từ trên cao. Ảnh: Minh Đức");
  g_autoptr (TsDoc) first_credit
      = parse_ok ("Ảnh: Cầu mới nhìn từ trên cao.\n\n" LONG_BEFORE "\n\n" LONG_AFTER);
  g_autoptr (TsDoc) after_heading
      = parse_ok (LONG_BEFORE "\n\n## Phần hai\n\nCầu mới nhìn từ trên cao.\n\n" LONG_AFTER);
  g_autoptr (TsDoc) two = parse_ok (LONG_BEFORE "\n\nCầu mới nhìn từ trên cao.\n\n"
                                                "Người dân qua lại trên cây cầu.\n\n" LONG_AFTER);
  g_autoptr (TsDoc) list = parse_ok (LONG_BEFORE "\n\nCầu dài 120 m.\n\nCầu rộng 7 m.\n\n"
                                                 "Cầu chịu tải 30 tấn.\n\n" LONG_AFTER);
  g_autoptr (TsDoc) off = parse_ok ("captions: off\n\n" LONG_BEFORE "\n\nCầu mới nhìn từ trên "
                                    "cao.\n\n![Ảnh](a.jpg)\n\n" LONG_AFTER);

  /* Never the first block; the last only with a credit. */
  assert_captions (first, "");
  assert_captions (last, "");
  assert_captions (last_credit, "2:h:Cầu mới nhìn từ trên cao. Ảnh: Minh Đức\n");
  assert_captions (first_credit, "");
  /* Between a heading and a paragraph: not "between two body paragraphs". */
  assert_captions (after_heading, "");
  /* Two photos in a row. */
  assert_captions (two, "1:h:Cầu mới nhìn từ trên cao.\n2:h:Người dân qua lại trên cây cầu.\n");
  /* Three short ones in a row are a list. */
  assert_captions (list, "");
  /* "captions: off" stops the heuristic, not explicit markup. */
  assert_captions (off, "2:x:Ảnh\n");
}

/* ------------------------------------------------------------------ */
/* The samples */

static void
test_sample_short (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("ha-noi-ret-dam.txt");

  g_assert_cmpuint (doc->blocks->len, ==, 3);
  g_assert_null (doc->date);
  assert_captions (doc, "");
}

static void
test_sample_long (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("dong-bang-han-man.txt");
  int n_words = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      g_auto (GStrv) words = g_strsplit (block_at (doc, i)->text, " ", -1);
      n_words += (int)g_strv_length (words);
    }
  g_assert_cmpint (n_words, >=, 1500);
  g_assert_cmpuint (doc->blocks->len, ==, 22);
  g_assert_cmpstr (doc->date, ==, "2024-03");
  assert_position_of (doc, 0, "Những ngày", 1, 14);
  assert_captions (doc,
                   "3:h:Nông dân huyện Giồng Trôm, tỉnh Bến Tre thu hoạch lúa đông xuân sớm "
                   "để tránh mặn.\n"
                   "7:h:Người dân xã Vĩnh Hải, thị xã Vĩnh Châu nhận nước ngọt miễn phí tại "
                   "điểm cấp nước của xã.\n"
                   "11:h:Cánh đồng tôm - lúa ở huyện Thới Bình, tỉnh Cà Mau vào cuối vụ tôm.\n");
}

static void
test_sample_captions (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("mua-hoa-ban.txt");

  g_assert_cmpuint (doc->blocks->len, ==, 17);
  g_assert_cmpstr (doc->date, ==, "2024-03");
  assert_captions (doc,
                   "1:h:Hoa ban nở trắng trên con đường dẫn lên đồi A1, thành phố Điện Biên "
                   "Phủ. (Ảnh: Quang Hưng)\n"
                   "3:h:Các cô gái Thái trong trang phục truyền thống múa xòe tại lễ khai mạc.\n"
                   "7:h:Ảnh: Du khách chụp ảnh lưu niệm bên cây ban cổ thụ ở đồi Độc Lập.\n"
                   "12:h:Một góc bản Him Lam nhìn từ trên cao vào mùa hoa ban. Ảnh: Minh Đức\n");
  /* The short paragraphs that are not captions, and why. */
  assert_block (doc, 5, TS_BLOCK_PARAGRAPH, "“Hoa ban là hồn của bản làng mình.”");
  assert_block (doc, 8, TS_BLOCK_PARAGRAPH,
                "Để phát triển du lịch bền vững, tỉnh đặt ra ba nhóm giải pháp chính:");
  assert_block (doc, 10, TS_BLOCK_PARAGRAPH, "Vậy làm sao để hoa ban không chỉ đẹp trong một mùa?");
  assert_block (doc, 13, TS_BLOCK_PARAGRAPH,
                "Tuy nhiên, lượng khách tăng nhanh cũng đặt ra nhiều thách thức.");
  assert_block (doc, 16, TS_BLOCK_PARAGRAPH, "Theo Báo Hà Nội Mới");
}

static void
test_sample_metadata (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("benh-vien-khong-giay.txt");
  g_autofree char *date = ts_doc_format_date (doc);

  g_assert_cmpstr (doc->title, ==, "Bệnh viện tuyến huyện bước vào thời kỳ không giấy tờ");
  g_assert_cmpstr (doc->author, ==, "Phạm Thu Trang");
  g_assert_cmpstr (doc->source, ==, "Báo Sức khỏe Cộng đồng");
  g_assert_cmpstr (date, ==, "Ngày 3 tháng 5 năm 2024");
  g_assert_cmpuint (doc->blocks->len, ==, 11);
  assert_block (doc, 1, TS_BLOCK_HEADING, "Từ sổ khám bệnh giấy đến hồ sơ điện tử");
  g_assert_cmpint (block_at (doc, 1)->level, ==, 2);
  assert_block (doc, 6, TS_BLOCK_HEADING, "Những vướng mắc còn lại");
  assert_block (doc, 8, TS_BLOCK_HEADING, "Hạ tầng và con người");
  g_assert_cmpint (block_at (doc, 8)->level, ==, 3);
  /* Short, one sentence, but right after a heading: body text. */
  assert_block (doc, 2, TS_BLOCK_PARAGRAPH, "Đó là kết quả của gần hai năm chuẩn bị.");
  assert_captions (doc, "4:h:Bác sĩ trực tra cứu hồ sơ bệnh án điện tử của người bệnh ngay tại "
                        "phòng khám.\n");
}

static void
test_sample_nfd (void)
{
  g_autofree char *path = sample_path ("festival-hue-nfd.txt");
  g_autofree char *raw = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr (TsDoc) doc = parse_sample ("festival-hue-nfd.txt");
  gsize length;

  /* The file really is decomposed. */
  g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
  nfc = g_utf8_normalize (raw, length, G_NORMALIZE_NFC);
  g_assert_cmpstr (nfc, !=, raw);
  g_assert_null (strstr (raw, "Ấn tượng"));

  g_assert_cmpstr (doc->title, ==, "Festival Huế: đêm hoàng cung lung linh sắc màu");
  g_assert_cmpuint (doc->blocks->len, ==, 6);
  g_assert_nonnull (strstr (block_at (doc, 0)->text, "Ấn tượng nhất là màn trống hội"));
  g_assert_true (g_str_has_prefix (block_at (doc, 3)->text, "Ấm áp và gần gũi"));
  assert_position_of (doc, 2, "Lầu Ngũ Phụng", 8, 311);
  assert_captions (doc, "1:h:Các nghệ sĩ Nhà hát Nghệ thuật truyền thống cung đình Huế biểu diễn "
                        "Nhã nhạc trước Điện Thái Hòa.\n"
                        "4:h:Những tà áo dài tím Huế nổi bật giữa không gian cổ kính của Hoàng "
                        "thành.\n");
}

static void
test_sample_markup (void)
{
  g_autoptr (TsDoc) doc = parse_sample ("nghi-quyet-22.txt");
  const TsBlock *b0 = block_at (doc, 0), *b2 = block_at (doc, 2), *b6 = block_at (doc, 6);

  g_assert_cmpstr (doc->title, ==, "Bắc Từ Liêm sơ kết một năm thực hiện Nghị quyết 22-NQ/QU");
  g_assert_cmpint (doc->day, ==, 5);
  g_assert_cmpuint (doc->blocks->len, ==, 9);
  assert_captions (doc, "1:x:Quang cảnh hội nghị sơ kết tại trụ sở Quận ủy Bắc Từ Liêm.\n"
                        "4:x:Lãnh đạo quận trao Giấy khen cho các tập thể có thành tích xuất sắc.\n"
                        "7:x:Cán bộ Công an quận hướng dẫn người dân làm thủ tục cấp căn cước "
                        "công dân.\n");
  g_assert_cmpint (block_at (doc, 1)->kind, ==, TS_BLOCK_FIGURE);
  g_assert_cmpstr (block_at (doc, 1)->image, ==, "anh/hoi-nghi.jpg");
  g_assert_cmpint (block_at (doc, 4)->kind, ==, TS_BLOCK_CAPTION);
  g_assert_null (block_at (doc, 4)->image);
  g_assert_cmpint (block_at (doc, 3)->kind, ==, TS_BLOCK_QUOTE);
  g_assert_cmpint (block_at (doc, 5)->kind, ==, TS_BLOCK_HEADING);

  g_assert_cmpuint (b0->spans->len, ==, 2);
  assert_span (b0, 0, offset_of (b0, "Nghị quyết số 22-NQ/QU"), offset_of (b0, " ngày 29/4/2021"),
               TS_SPAN_BOLD);
  assert_span (b0, 1, offset_of (b0, "“Đơn vị"), offset_of (b0, ". Dự hội nghị"), TS_SPAN_ITALIC);
  g_assert_cmpuint (b2->spans->len, ==, 1);
  assert_span (b2, 0, offset_of (b2, "1,5 tỷ đồng"), offset_of (b2, " từ ngân sách"),
               TS_SPAN_ITALIC);
  assert_span (b6, 0, offset_of (b6, "“Toàn dân"), offset_of (b6, " tiếp tục"),
               TS_SPAN_ITALIC | TS_SPAN_BOLD);
  g_assert_nonnull (strstr (b0->text, "ngày 29/4/2021"));
  g_assert_null (strchr (b0->text, '*'));
}

static void
test_sample_captions_off (void)
{
  g_autofree char *path = sample_path ("ca-phe-ben-vung.txt");
  g_autofree char *text = NULL;
  g_autoptr (TsDoc) doc = parse_sample ("ca-phe-ben-vung.txt");
  g_autoptr (TsDoc) with_auto = NULL;
  g_autoptr (GString) changed = NULL;

  g_assert_cmpstr (doc->title, ==, "Người trồng cà phê Đắk Lắk chuyển sang canh tác bền vững");
  g_assert_cmpstr (doc->author, ==, "Hoàng Minh Khôi");
  g_assert_cmpstr (doc->source, ==, "Báo Nông thôn Ngày nay");
  g_assert_cmpstr (doc->date, ==, "2024-04-20");
  g_assert_cmpuint (doc->blocks->len, ==, 9);
  assert_captions (doc, "");

  /* The same article with the heuristic on: the photo line is a caption,
   * the interview's questions and answers are not. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "captions: off", "captions: auto", 1), ==, 1);
  with_auto = parse_ok (changed->str);
  assert_captions (with_auto, "1:h:Anh Y Bhim Niê bên vườn cà phê tái canh của gia đình ở "
                              "huyện Buôn Đôn.\n");
}

static void
test_samples_check (void)
{
  g_autofree char *dir = sample_path ("");
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  int n_samples = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autoptr (TsDoc) doc = parse_sample (name); /* asserts ts_doc_check */
      g_autofree char *json = ts_doc_to_json (doc);
      g_assert_true (g_utf8_validate (json, -1, NULL));
      n_samples++;
    }
  g_assert_cmpint (n_samples, >=, 7);
}

/* ------------------------------------------------------------------ */
/* doc.c */

static void
test_format_date (void)
{
  g_autoptr (TsDoc) doc = ts_doc_new ("x.txt");
  char *text;

  g_assert_null (ts_doc_format_date (doc));
  doc->year = 2021;
  doc->month = 5;
  text = ts_doc_format_date (doc);
  g_assert_cmpstr (text, ==, "Tháng 5/2021");
  g_free (text);
  doc->day = 3;
  doc->month = 12;
  text = ts_doc_format_date (doc);
  g_assert_cmpstr (text, ==, "Ngày 3 tháng 12 năm 2021");
  g_free (text);
}

static void
test_json (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("title: Nói \"không\" \\ với *x*\n"
                                    "date: 2021-05\n\n"
                                    "Đoạn *một*.\n\n"
                                    "## Mục\n\n"
                                    "![Chú thích](a\".jpg)");
  g_autofree char *json = NULL;
  TsBlock *block;

  json = ts_doc_to_json (doc);
  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"file\": \"test.txt\",\n"
                   "  \"title\": \"Nói \\\"không\\\" \\\\ với *x*\",\n"
                   "  \"author\": null,\n"
                   "  \"source\": null,\n"
                   "  \"date\": \"2021-05\",\n"
                   "  \"blocks\": [\n"
                   "    {\"kind\": \"paragraph\", \"line\": 4, \"column\": 1, \"text\": \"Đoạn "
                   "một.\", \"spans\": [{\"start\": 8, \"end\": 13, \"italic\": true, \"bold\": "
                   "false}]},\n"
                   "    {\"kind\": \"heading\", \"level\": 2, \"line\": 6, \"column\": 4, "
                   "\"text\": \"Mục\", \"spans\": []},\n"
                   "    {\"kind\": \"figure\", \"line\": 8, \"column\": 3, \"text\": \"Chú "
                   "thích\", \"caption\": \"explicit\", \"image\": \"a\\\".jpg\", \"spans\": "
                   "[]}\n"
                   "  ]\n"
                   "}\n");

  /* Control characters cannot come from the parser; a hand-made block
   * shows the escaping. */
  block = ts_doc_add_block (doc, TS_BLOCK_PARAGRAPH);
  g_free (block->text);
  block->text = g_strdup ("a\x01\tb");
  g_clear_pointer (&json, g_free);
  json = ts_doc_to_json (doc);
  g_assert_nonnull (strstr (json, "\"text\": \"a\\u0001\\u0009b\""));
}

static void
test_check_fails (void)
{
  g_autoptr (TsDoc) doc = parse_ok ("Một *hai* ba.");
  TsBlock *block = block_at (doc, 0);
  TsSpan *span = &g_array_index (block->spans, TsSpan, 0);
  TsOrigin *origin = &g_array_index (block->origins, TsOrigin, 0);
  char *why = NULL;

  span->end = 100;
  g_assert_false (ts_doc_check (doc, &why));
  g_assert_cmpstr (why, ==, "block 0: span 0 [6, 100) out of order or outside the text");
  g_clear_pointer (&why, g_free);
  span->end = (int)strlen ("Một hai");

  origin->offset = 1;
  g_assert_false (ts_doc_check (doc, &why));
  g_assert_cmpstr (why, ==, "block 0: first origin at offset 1");
  g_clear_pointer (&why, g_free);
  origin->offset = 0;

  g_free (block->text);
  block->text = g_strdup ("Tie\xCC\x82\xCC\x81ng");
  g_assert_false (ts_doc_check (doc, &why));
  g_assert_cmpstr (why, ==, "block 0: text is not NFC");
  g_clear_pointer (&why, g_free);

  g_free (block->text);
  block->text = g_strdup ("Một hai ba.");
  g_assert_true (ts_doc_check (doc, &why));
  g_assert_null (why);
}

/* ------------------------------------------------------------------ */
/* Hostile input */

static void
test_pathological (void)
{
  static const char *const units[] = { "*a ", "_a_ ", "**a* ", "*", "[", "![x](", "> ", "\\" };

  for (gsize u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr (GString) input = g_string_new (NULL);
      g_autoptr (TsDoc) doc = NULL;
      gint64 start = g_get_monotonic_time ();

      while (input->len < 300000)
        g_string_append (input, units[u]);
      g_string_append (input, "x");
      doc = parse_ok (input->str);
      g_assert_cmpuint (doc->blocks->len, ==, 1);
      g_test_message ("%s: %.3f s", units[u], (g_get_monotonic_time () - start) / 1e6);
    }

  /* Deep nesting: 50,000 openers, then as many closers. */
  {
    g_autoptr (GString) input = g_string_new (NULL);
    g_autoptr (TsDoc) doc = NULL;
    for (int i = 0; i < 50000; i++)
      g_string_append (input, "*a ");
    for (int i = 0; i < 50000; i++)
      g_string_append (input, "b* ");
    doc = parse_ok (input->str);
    g_assert_null (strchr (block_at (doc, 0)->text, '*'));
  }
}

/* Seconds to parse and check @n_units copies of @unit as one paragraph. */
static double
time_paragraph (const char *unit, gsize n_units)
{
  g_autoptr (GString) input = g_string_new (NULL);
  g_autoptr (TsDoc) doc = NULL;
  gint64 start;

  for (gsize i = 0; i < n_units; i++)
    g_string_append (input, unit);
  start = g_get_monotonic_time ();
  doc = parse_ok (input->str); /* parses and runs ts_doc_check */
  g_assert_cmpuint (doc->blocks->len, ==, 1);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
test_long_paragraph (void)
{
  /* 1 MB of NFC Vietnamese with markup in one paragraph.  GLib's
   * g_utf8_normalize over the whole of it (in the caption features or in
   * ts_doc_check) took seconds, quadratically.  Times are reported
   * only (scripts/bench measures speed); the parse must succeed. */
  static const char unit[] = "Tiếng *Việt* **đậm** _x_ snake_case 5 * 3. ";
  const gsize n_units = (1 << 20) / (sizeof unit - 1) + 1;
  double t_quarter, t_full;

  t_quarter = time_paragraph (unit, n_units / 4);
  t_full = time_paragraph (unit, n_units);
  g_test_message ("1/4 MB: %.3f s, 1 MB: %.3f s", t_quarter, t_full);
}

int
main (int argc, char **argv)
{
  /* So that g_test_message() shows Vietnamese, not '?'. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/seed", test_seed);
  g_test_add_func ("/parse/metadata", test_metadata);
  g_test_add_func ("/parse/metadata-vietnamese", test_metadata_vietnamese);
  g_test_add_func ("/parse/metadata-seed-form", test_metadata_seed_form);
  g_test_add_func ("/parse/bad-date", test_bad_date);
  g_test_add_func ("/parse/bad-metadata", test_bad_metadata);
  g_test_add_func ("/parse/empty", test_empty);
  g_test_add_func ("/parse/blocks-and-joining", test_blocks_and_joining);
  g_test_add_func ("/parse/form-feed", test_form_feed);
  g_test_add_func ("/parse/title", test_title);
  g_test_add_func ("/parse/headings", test_headings);
  g_test_add_func ("/parse/quotes", test_quotes);
  g_test_add_func ("/parse/figures", test_figures);
  g_test_add_func ("/parse/spans", test_spans);
  g_test_add_func ("/parse/flanking", test_flanking);
  g_test_add_func ("/parse/no-nfc-break", test_no_nfc_break);
  g_test_add_func ("/parse/positions", test_positions);
  g_test_add_func ("/parse/positions-everywhere", test_positions_everywhere);
  g_test_add_func ("/parse/caption-features", test_caption_features);
  g_test_add_func ("/parse/caption-position", test_caption_position);
  g_test_add_func ("/parse/sample-short", test_sample_short);
  g_test_add_func ("/parse/sample-long", test_sample_long);
  g_test_add_func ("/parse/sample-captions", test_sample_captions);
  g_test_add_func ("/parse/sample-metadata", test_sample_metadata);
  g_test_add_func ("/parse/sample-nfd", test_sample_nfd);
  g_test_add_func ("/parse/sample-markup", test_sample_markup);
  g_test_add_func ("/parse/sample-captions-off", test_sample_captions_off);
  g_test_add_func ("/parse/samples-check", test_samples_check);
  g_test_add_func ("/parse/format-date", test_format_date);
  g_test_add_func ("/parse/json", test_json);
  g_test_add_func ("/parse/check-fails", test_check_fails);
  g_test_add_func ("/parse/pathological", test_pathological);
  g_test_add_func ("/parse/long-paragraph", test_long_paragraph);

  return g_test_run ();
}
