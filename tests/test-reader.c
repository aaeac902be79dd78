/* test-reader.c — bytes to NFC text: BOM, line ends, UTF-8 errors with
 * their exact FILE:LINE:COL, control characters, NFC, the line index, and
 * inputs that must stay linear. */
#include "error.h"
#include "reader.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

static TsSource *
read_bytes (const char *data, gsize length, GError **error)
{
  return ts_source_new_from_data ("test.txt", data, length, error);
}

/* Reads @data (NUL-terminated) and asserts success. */
static TsSource *
read_ok (const char *data)
{
  g_autoptr (GError) error = NULL;
  TsSource *source = read_bytes (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpuint (strlen (source->text), ==, source->length);
  return source;
}

/* Reads @length bytes of @data and asserts an encoding error with exactly
 * @message. */
static void
assert_encoding_error (const char *data, gsize length, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = read_bytes (data, length, &error);

  g_assert_null (source);
  g_assert_error (error, TS_ERROR, TS_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_lines (const TsSource *source, const int *starts, guint n)
{
  g_assert_cmpuint (source->lines->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (source->lines, int, i), ==, starts[i]);
}

static void
test_plain (void)
{
  g_autoptr (TsSource) source = read_ok ("Tiếng Việt\ncó dấu");
  const int starts[] = { 0, (int)strlen ("Tiếng Việt\n") };

  g_assert_cmpstr (source->name, ==, "test.txt");
  g_assert_cmpstr (source->text, ==, "Tiếng Việt\ncó dấu");
  assert_lines (source, starts, G_N_ELEMENTS (starts));
}

static void
test_empty (void)
{
  g_autoptr (TsSource) source = read_ok ("");
  static const int starts[] = { 0 };

  /* Empty input is the parser's business, not an encoding error. */
  g_assert_cmpstr (source->text, ==, "");
  g_assert_cmpuint (source->length, ==, 0);
  assert_lines (source, starts, 1);
}

static void
test_bom (void)
{
  g_autoptr (TsSource) source = read_ok ("\xEF\xBB\xBFXin chào");
  g_autoptr (TsSource) only = read_ok ("\xEF\xBB\xBF");
  /* A BOM anywhere but at the start is a character (ZWNBSP), not ours to drop. */
  g_autoptr (TsSource) inner = read_ok ("a\xEF\xBB\xBF");

  g_assert_cmpstr (source->text, ==, "Xin chào");
  g_assert_cmpstr (only->text, ==, "");
  g_assert_cmpstr (inner->text, ==, "a\xEF\xBB\xBF");
}

static void
test_line_ends (void)
{
  g_autoptr (TsSource) crlf = read_ok ("một\r\nhai\r\n");
  g_autoptr (TsSource) cr = read_ok ("một\rhai\rba");
  g_autoptr (TsSource) mixed = read_ok ("a\r\n\r\nb\rc\n\rd");
  const int crlf_starts[] = { 0, (int)strlen ("một\n"), (int)strlen ("một\nhai\n") };
  const int cr_starts[] = { 0, (int)strlen ("một\n"), (int)strlen ("một\nhai\n") };
  static const int mixed_starts[] = { 0, 2, 3, 5, 7, 8 };

  g_assert_cmpstr (crlf->text, ==, "một\nhai\n");
  assert_lines (crlf, crlf_starts, G_N_ELEMENTS (crlf_starts));
  g_assert_cmpstr (cr->text, ==, "một\nhai\nba");
  assert_lines (cr, cr_starts, G_N_ELEMENTS (cr_starts));
  /* CRLF is one line end, LF CR is two. */
  g_assert_cmpstr (mixed->text, ==, "a\n\nb\nc\n\nd");
  assert_lines (mixed, mixed_starts, G_N_ELEMENTS (mixed_starts));
}

static void
test_nfc (void)
{
  /* e + combining circumflex + combining acute; e + dot below + circumflex
   * (canonical order puts the dot below first either way). */
  g_autoptr (TsSource) source = read_ok ("Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t");
  g_autoptr (TsSource) reordered = read_ok ("Vie\xCC\x82\xCC\xA3t");
  g_autoptr (TsSource) stacked = read_ok ("A\xCC\x82\xCC\x81 A\xCC\x86\xCC\xA3 o\xCC\x9B\xCC\xA3");

  g_assert_cmpstr (source->text, ==, "Tiếng Việt");
  g_assert_cmpuint (source->length, ==, strlen ("Tiếng Việt"));
  g_assert_cmpstr (reordered->text, ==, "Việt");
  g_assert_cmpstr (stacked->text, ==, "Ấ Ặ ợ");
}

static void
test_invalid_utf8 (void)
{
  /* Line 3, after four ASCII characters: Latin-1 "Ã(" . */
  assert_encoding_error ("dòng một\ndòng hai\nabcd\xC3\x28",
                         strlen ("dòng một\ndòng hai\nabcd") + 2,
                         "test.txt:3:5: invalid UTF-8 byte 0xC3; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* Columns count characters, not bytes: 11 characters of 15 bytes. */
  assert_encoding_error ("Tiếng Việt \xFF", strlen ("Tiếng Việt ") + 1,
                         "test.txt:1:12: invalid UTF-8 byte 0xFF; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* A four-byte character is one column. */
  assert_encoding_error ("\xF0\x9F\x98\x80\xFE", 5,
                         "test.txt:1:2: invalid UTF-8 byte 0xFE; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* Windows-1258 "Việt" as bytes: 0xEA is a lead byte without continuation. */
  assert_encoding_error ("Vi\xEAt Nam", 8,
                         "test.txt:1:3: invalid UTF-8 byte 0xEA; save the file as UTF-8 "
                         "(or convert it with iconv)");
}

static void
test_invalid_utf8_lines (void)
{
  /* CRLF and lone CR each end one line; the BOM is not a column. */
  assert_encoding_error ("a\r\nb\r\n\xE1\xBB", 8,
                         "test.txt:3:1: invalid UTF-8 byte 0xE1; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("a\rb\r\x80", 5,
                         "test.txt:3:1: invalid UTF-8 byte 0x80; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("\xEF\xBB\xBF"
                         "ab\xFF",
                         6,
                         "test.txt:1:3: invalid UTF-8 byte 0xFF; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* TAB and FF are one column each and FF does not start a line. */
  assert_encoding_error ("\ta\fb\xC0", 5,
                         "test.txt:1:5: invalid UTF-8 byte 0xC0; save the file as UTF-8 "
                         "(or convert it with iconv)");
}

static void
test_invalid_utf8_forms (void)
{
  /* Truncated at end of input: two of three bytes of "ệ". */
  assert_encoding_error ("Vi\xE1\xBB", 4,
                         "test.txt:1:3: invalid UTF-8 byte 0xE1; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* Overlong '/' (two and three bytes). */
  assert_encoding_error ("x\xC0\xAF", 3,
                         "test.txt:1:2: invalid UTF-8 byte 0xC0; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("x\xE0\x80\xAF", 4,
                         "test.txt:1:2: invalid UTF-8 byte 0xE0; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("\xF0\x80\x80\xAF", 4,
                         "test.txt:1:1: invalid UTF-8 byte 0xF0; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* A UTF-16 surrogate (U+D800) and U+110000. */
  assert_encoding_error ("ab\xED\xA0\x80", 5,
                         "test.txt:1:3: invalid UTF-8 byte 0xED; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("\xF4\x90\x80\x80", 4,
                         "test.txt:1:1: invalid UTF-8 byte 0xF4; save the file as UTF-8 "
                         "(or convert it with iconv)");
  /* A continuation byte alone, and a lead byte followed by ASCII. */
  assert_encoding_error ("\x80", 1,
                         "test.txt:1:1: invalid UTF-8 byte 0x80; save the file as UTF-8 "
                         "(or convert it with iconv)");
  assert_encoding_error ("\xE1\xBB"
                         "a",
                         3,
                         "test.txt:1:1: invalid UTF-8 byte 0xE1; save the file as UTF-8 "
                         "(or convert it with iconv)");
}

static void
test_valid_edges (void)
{
  /* The last code point, the first after the surrogates, and U+FFFD. */
  g_autoptr (TsSource) source = read_ok ("\xF4\x8F\xBF\xBF \xEE\x80\x80 \xEF\xBF\xBD");

  g_assert_cmpuint (source->length, ==, 4 + 1 + 3 + 1 + 3);
}

static void
test_nul (void)
{
  assert_encoding_error ("ab\0c", 4,
                         "test.txt:1:3: control character U+0000 (NUL) is not text; remove it "
                         "(a file full of NUL bytes is UTF-16: save it as UTF-8)");
  /* UTF-16LE "Hi": the NUL comes second. */
  assert_encoding_error ("H\0i\0", 4,
                         "test.txt:1:2: control character U+0000 (NUL) is not text; remove it "
                         "(a file full of NUL bytes is UTF-16: save it as UTF-8)");
}

static void
test_control (void)
{
  assert_encoding_error ("a\nb\x07", 4,
                         "test.txt:2:2: control character U+0007 (BEL) is not text; remove it");
  assert_encoding_error ("x\x1B[0m", 5,
                         "test.txt:1:2: control character U+001B (ESC) is not text; remove it");
  /* DOS end-of-file marker. */
  assert_encoding_error ("xong\x1A", 5,
                         "test.txt:1:5: control character U+001A (SUB) is not text; remove it");
  assert_encoding_error ("a\x0B", 2,
                         "test.txt:1:2: control character U+000B (VT) is not text; remove it");
  assert_encoding_error ("a\x7F", 2,
                         "test.txt:1:2: control character U+007F (DEL) is not text; remove it");
  assert_encoding_error ("ơ\xC2\x85", 4,
                         "test.txt:1:2: control character U+0085 (a C1 control, usually text "
                         "that was mis-converted from Windows-1252) is not text; remove it");
}

static void
test_tab_and_form_feed (void)
{
  g_autoptr (TsSource) tab = read_ok ("a\tb\t\tc");
  g_autoptr (TsSource) ff = read_ok ("một\fhai\nba");
  const int ff_starts[] = { 0, (int)strlen ("một\nhai\n") };
  int line, column;

  g_assert_cmpstr (tab->text, ==, "a b  c");
  /* FF becomes LF, but the line index keeps the file's lines. */
  g_assert_cmpstr (ff->text, ==, "một\nhai\nba");
  assert_lines (ff, ff_starts, G_N_ELEMENTS (ff_starts));
  ts_source_get_position (ff, strlen ("một\n"), &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 5);
  ts_source_get_position (ff, strlen ("một\nhai\n"), &line, &column);
  g_assert_cmpint (line, ==, 2);
  g_assert_cmpint (column, ==, 1);
}

static void
test_position (void)
{
  g_autoptr (TsSource) source = read_ok ("Tiếng\nViệt Nam\n\nxong");
  g_autoptr (TsSource) nfd = read_ok ("Tie\xCC\x82\xCC\x81ng x\r\ny");
  int line = 0, column = 0;

  ts_source_get_position (source, 0, &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 1);
  ts_source_get_position (source, strlen ("Tiếng\nViệt "), &line, &column);
  g_assert_cmpint (line, ==, 2);
  g_assert_cmpint (column, ==, 6);
  /* The LF at the end of line 1 is its sixth column. */
  ts_source_get_position (source, strlen ("Tiếng"), &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 6);
  /* Inside a multi-byte character: that character's column. */
  ts_source_get_position (source, strlen ("Ti") + 1, &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 3);
  ts_source_get_position (source, strlen ("Tiếng\nViệt Nam\n"), &line, &column);
  g_assert_cmpint (line, ==, 3);
  g_assert_cmpint (column, ==, 1);
  ts_source_get_position (source, source->length, &line, &column);
  g_assert_cmpint (line, ==, 4);
  g_assert_cmpint (column, ==, 5);
  /* Past the end: clamped. */
  ts_source_get_position (source, source->length + 100, &line, &column);
  g_assert_cmpint (line, ==, 4);
  g_assert_cmpint (column, ==, 5);

  /* Columns are characters of the NFC text. */
  g_assert_cmpstr (nfd->text, ==, "Tiếng x\ny");
  ts_source_get_position (nfd, strlen ("Tiếng "), &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 7);
  ts_source_get_position (nfd, strlen ("Tiếng x\n"), &line, &column);
  g_assert_cmpint (line, ==, 2);
  g_assert_cmpint (column, ==, 1);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Reads @n_units copies of @unit as one line and returns the seconds it
 * took. */
static double
time_one_line (const char *unit, gsize n_units, TsSource **out)
{
  g_autoptr (GString) input = g_string_sized_new (n_units * strlen (unit));
  g_autoptr (GError) error = NULL;
  gint64 start;

  for (gsize i = 0; i < n_units; i++)
    g_string_append (input, unit);
  start = g_get_monotonic_time ();
  *out = read_bytes (input->str, input->len, &error);
  g_assert_no_error (error);
  return seconds_since (start);
}

static void
test_long_line (void)
{
  /* 1 MB on one line, in NFD, so that every syllable composes. */
  static const char unit[] = "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t ";
  static const char nfc_unit[] = "Tiếng Việt ";
  const gsize n_units = (1 << 20) / (sizeof unit - 1) + 1;
  g_autoptr (TsSource) source = NULL;
  g_autoptr (TsSource) quarter = NULL;
  double t_quarter, t_full;
  int line, column;

  /* A whole-line g_utf8_normalize is quadratic; the reader normalises in
   * pieces.  The times are reported, not asserted (timing belongs to
   * scripts/bench); what is asserted is that the result is right. */
  t_quarter = time_one_line (unit, n_units / 4, &quarter);
  t_full = time_one_line (unit, n_units, &source);
  g_test_message ("1/4 MB: %.3f s, 1 MB: %.3f s", t_quarter, t_full);

  g_assert_cmpuint (n_units * (sizeof unit - 1), >=, 1 << 20);
  g_assert_cmpuint (source->length, ==, n_units * (sizeof nfc_unit - 1));
  g_assert_cmpuint (source->lines->len, ==, 1);
  for (gsize i = 0; i < n_units; i += 997)
    g_assert_cmpint (
        memcmp (source->text + i * (sizeof nfc_unit - 1), nfc_unit, sizeof nfc_unit - 1), ==, 0);
  ts_source_get_position (source, source->length, &line, &column);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, (int)(n_units * 11) + 1);
}

static void
test_garbage (void)
{
  /* Deterministic pseudo-random bytes: must fail fast, not crash. */
  g_autofree guchar *bytes = g_malloc (1 << 20);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2021);
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = NULL;

  for (gsize i = 0; i < (1 << 20); i++)
    bytes[i] = (guchar)g_rand_int_range (rand, 0, 256);
  source = read_bytes ((const char *)bytes, 1 << 20, &error);
  g_assert_null (source);
  g_assert_error (error, TS_ERROR, TS_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "test.txt:1:"));
}

static void
test_combining_run (void)
{
  /* 1 MB of alternating combining marks (classes 230 and 220): GLib's
   * canonical reordering would be quadratic.  Refused at the 31st. */
  g_autoptr (GString) input = g_string_new ("a");
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = NULL;
  g_autoptr (TsSource) thirty = NULL;

  while (input->len < (1 << 20))
    g_string_append (input, "\xCC\x81\xCC\xA3");
  source = read_bytes (input->str, input->len, &error);
  g_assert_null (source);
  g_assert_error (error, TS_ERROR, TS_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "test.txt:1:32: more than 30 combining marks in a row; this is not text, "
                   "remove them");

  /* Thirty is allowed, and comes out in canonical order. */
  g_string_assign (input, "a");
  for (int i = 0; i < 15; i++)
    g_string_append (input, "\xCC\x81\xCC\xA3");
  g_clear_error (&error);
  thirty = read_bytes (input->str, input->len, &error);
  g_assert_no_error (error);
  /* Dots below (class 220) sort before acutes (230); the first composes
   * with the a, and ạ has no precomposed form with an acute. */
  g_string_assign (input, "ạ");
  for (int i = 0; i < 14; i++)
    g_string_append (input, "\xCC\xA3");
  for (int i = 0; i < 15; i++)
    g_string_append (input, "\xCC\x81");
  g_assert_cmpstr (thirty->text, ==, input->str);
}

static void
test_read_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-reader-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bài viết.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "không có.txt", NULL);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = NULL;
  g_autoptr (TsSource) none = NULL;
  g_autoptr (TsSource) directory = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, "\xEF\xBB\xBFXin chào\r\n", -1, NULL));
  source = ts_source_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->name, ==, path);
  g_assert_cmpstr (source->text, ==, "Xin chào\n");

  none = ts_source_read_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, TS_ERROR, TS_ERROR_IO);
  expected = g_strdup_printf ("%s: cannot read: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  directory = ts_source_read_file (dir, &error);
  g_assert_null (directory);
  g_assert_error (error, TS_ERROR, TS_ERROR_IO);
  expected = g_strdup_printf ("%s: cannot read: %s", dir, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, expected);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_read_stdin (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TsSource) source = NULL;
  int fd, saved;

  fd = g_file_open_tmp ("test-reader-stdin-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "a\tb\r\n", 5), ==, 5);
  g_assert_cmpint (lseek (fd, 0, SEEK_SET), ==, 0);

  saved = dup (STDIN_FILENO);
  g_assert_cmpint (dup2 (fd, STDIN_FILENO), ==, STDIN_FILENO);
  source = ts_source_read_file ("-", &error);
  g_assert_cmpint (dup2 (saved, STDIN_FILENO), ==, STDIN_FILENO);
  close (saved);
  close (fd);
  g_remove (path);

  g_assert_no_error (error);
  g_assert_cmpstr (source->name, ==, "<stdin>");
  g_assert_cmpstr (source->text, ==, "a b\n");
}

/* Text that is already NFC is copied, the rest normalised: characters
 * that change on their own (singletons, whose NFC is another character:
 * UnicodeData's decompositions of U+2126 OHM SIGN to U+03A9, U+212B
 * ANGSTROM SIGN to U+00C5, U+2000 EN QUAD to U+2002) and a mark after a
 * precomposed letter (ê U+00EA + U+0301 is ế U+1EBF) must still change,
 * also deep inside a long NFC paragraph. */
static void
test_nfc_already_and_singletons (void)
{
  g_autoptr (GString) in = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);

  for (int i = 0; i < 40; i++)
    {
      g_string_append (in, "Tiếng Việt có dấu đầy đủ. ");
      g_string_append (want, "Tiếng Việt có dấu đầy đủ. ");
    }
  g_string_append (in, "\xE2\x84\xA6 \xE2\x84\xAB\xE2\x80\x80ti\xC3\xAA\xCC\x81ng");
  g_string_append (want, "\xCE\xA9 \xC3\x85\xE2\x80\x82ti\xE1\xBA\xBFng");
  for (int i = 0; i < 40; i++)
    {
      g_string_append (in, " Bắc Từ Liêm");
      g_string_append (want, " Bắc Từ Liêm");
    }
  {
    g_autoptr (TsSource) source = read_ok (in->str);
    g_assert_cmpstr (source->text, ==, want->str);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/plain", test_plain);
  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/bom", test_bom);
  g_test_add_func ("/reader/line-ends", test_line_ends);
  g_test_add_func ("/reader/nfc", test_nfc);
  g_test_add_func ("/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/reader/invalid-utf8-lines", test_invalid_utf8_lines);
  g_test_add_func ("/reader/invalid-utf8-forms", test_invalid_utf8_forms);
  g_test_add_func ("/reader/valid-edges", test_valid_edges);
  g_test_add_func ("/reader/nul", test_nul);
  g_test_add_func ("/reader/control", test_control);
  g_test_add_func ("/reader/tab-and-form-feed", test_tab_and_form_feed);
  g_test_add_func ("/reader/position", test_position);
  g_test_add_func ("/reader/long-line", test_long_line);
  g_test_add_func ("/reader/garbage", test_garbage);
  g_test_add_func ("/reader/combining-run", test_combining_run);
  g_test_add_func ("/reader/nfc-already-and-singletons", test_nfc_already_and_singletons);
  g_test_add_func ("/reader/read-file", test_read_file);
  g_test_add_func ("/reader/read-stdin", test_read_stdin);

  return g_test_run ();
}
