/* test-smarten.c — the typographic clean-up of plain text. */
#include <string.h>

#include <glib.h>

#include "smarten.h"

static TsBlock *
block_new (const char *text)
{
  TsBlock *block = g_new0 (TsBlock, 1);
  TsOrigin origin = { 0, 7, 1 };

  block->text = g_strdup (text);
  block->spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));
  block->origins = g_array_new (FALSE, FALSE, sizeof (TsOrigin));
  g_array_append_val (block->origins, origin);
  return block;
}

static void
block_free (TsBlock *block)
{
  g_free (block->text);
  g_array_unref (block->spans);
  g_array_unref (block->origins);
  g_free (block);
}

static char *
smarten (const char *in, guint flags)
{
  TsBlock *block = block_new (in);
  char *out;

  ts_block_smarten (block, flags);
  out = g_strdup (block->text);
  block_free (block);
  return out;
}

#define ALL (TS_SMARTEN_QUOTES | TS_SMARTEN_ELLIPSIS | TS_SMARTEN_DASHES)

static void
test_quotes (void)
{
  g_autofree char *a = smarten ("đạt \"Đơn vị kiểu mẫu\" năm nay", ALL);
  g_autofree char *b = smarten ("\"Xong rồi\", anh nói.", ALL);
  g_autofree char *c = smarten ("gọi là 'làng nghề' (\"phố cổ\")", ALL);
  g_autofree char *d = smarten ("it's O'Brien", ALL);

  g_assert_cmpstr (a, ==, "đạt “Đơn vị kiểu mẫu” năm nay");
  g_assert_cmpstr (b, ==, "“Xong rồi”, anh nói.");
  g_assert_cmpstr (c, ==, "gọi là ‘làng nghề’ (“phố cổ”)");
  g_assert_cmpstr (d, ==, "it’s O’Brien");
  {
    g_autofree char *e = smarten ("xem https://vi.wikipedia.org/wiki/Hà_Nội's... và \"đây\"", ALL);
    g_assert_cmpstr (e, ==, "xem https://vi.wikipedia.org/wiki/Hà_Nội's... và “đây”");
  }
}

static void
test_ellipsis_and_dashes (void)
{
  g_autofree char *a = smarten ("có tiếng vang... và hơn thế", ALL);
  g_autofree char *b = smarten ("mùa khô năm 2019 - 2020 đã qua", ALL);
  g_autofree char *c = smarten ("- Thưa anh, vì sao?", ALL);
  g_autofree char *d = smarten ("Nghị quyết 22-NQ/QU, COVID-19, 2019-2020", ALL);

  g_assert_cmpstr (a, ==, "có tiếng vang… và hơn thế");
  g_assert_cmpstr (b, ==, "mùa khô năm 2019 – 2020 đã qua");
  g_assert_cmpstr (c, ==, "– Thưa anh, vì sao?");
  g_assert_cmpstr (d, ==, "Nghị quyết 22-NQ/QU, COVID-19, 2019-2020"); /* hyphens stay */
}

static void
test_flags_off (void)
{
  g_autofree char *a = smarten ("\"a\" ... - b", 0);
  g_autofree char *b = smarten ("\"a\" ... - b", TS_SMARTEN_ELLIPSIS);

  g_assert_cmpstr (a, ==, "\"a\" ... - b");
  g_assert_cmpstr (b, ==, "\"a\" … - b");
}

static void
test_spans_and_origins_move (void)
{
  /* "a" (1) + space + quote: the italic span over “b” moves by two bytes
   * (the opening quote grew from 1 to 3 bytes). */
  TsBlock *block = block_new ("a \"b\" *c*");
  TsSpan span = { 6, 9, TS_SPAN_ITALIC }; /* "*c*" as if still marked */
  TsOrigin origin = { 4, 8, 3 };          /* byte 4: the closing quote */

  g_array_append_val (block->spans, span);
  g_array_append_val (block->origins, origin);
  g_assert_cmpint (ts_block_smarten (block, ALL), ==, 2);
  g_assert_cmpstr (block->text, ==, "a “b” *c*");
  g_assert_cmpint (g_array_index (block->spans, TsSpan, 0).start, ==, 10);
  g_assert_cmpint (g_array_index (block->spans, TsSpan, 0).end, ==, 13);
  g_assert_cmpint (g_array_index (block->origins, TsOrigin, 1).offset, ==, 6);
  block_free (block);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/smarten/quotes", test_quotes);
  g_test_add_func ("/smarten/ellipsis-dashes", test_ellipsis_and_dashes);
  g_test_add_func ("/smarten/flags-off", test_flags_off);
  g_test_add_func ("/smarten/spans-origins", test_spans_and_origins_move);
  return g_test_run ();
}
