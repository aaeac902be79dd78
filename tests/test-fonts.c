/* test-fonts.c — the fontconfig set-up of src/fonts.c.
 *
 * Engines of one process share the configuration of one fonts.conf (the
 * font maps use fontconfig's current configuration, none set on them); a
 * second fonts.conf gets its own; the machine's configuration is never
 * read; a configuration without Noto Serif fails with the face Pango would
 * have taken instead.  Expected files come from the fonts.conf and the
 * Debian package (fonts-noto-core), not from what the code printed.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fonts.h"

static const char *root;

static char *
file_of (TsFonts *fonts, const char *description)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (description);
  return ts_fonts_get_file (fonts, desc);
}

static void
assert_file (TsFonts *fonts, const char *description, const char *basename)
{
  g_autofree char *file = file_of (fonts, description);
  g_autofree char *base = NULL;

  g_assert_nonnull (file);
  base = g_path_get_basename (file);
  g_assert_cmpstr (base, ==, basename);
}

/* Two engines from the same data folder: both see the project's fonts,
 * and only those (DejaVu Sans is installed on Debian machines through the
 * machine's own configuration, which typeset must not read). */
static void
test_shared_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsFonts) first = ts_fonts_new (root, &error);
  g_autoptr (TsFonts) second = NULL;

  g_assert_no_error (error);
  second = ts_fonts_new (root, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      TsFonts *fonts = i == 0 ? first : second;
      g_autofree char *dejavu = file_of (fonts, "DejaVu Sans 10");

      assert_file (fonts, "Noto Serif 11", "NotoSerif-Regular.ttf");
      assert_file (fonts, "Noto Serif Italic 9.5", "NotoSerif-Italic.ttf");
      assert_file (fonts, "Noto Sans Bold 30", "NotoSans-Bold.ttf");
      /* fonts.conf: sans-serif is Noto Sans whatever the machine prefers. */
      assert_file (fonts, "sans-serif 10", "NotoSans-Regular.ttf");
      g_assert_nonnull (dejavu);
      g_assert_null (strstr (dejavu, "DejaVu"));
    }
}

/* A temporary data folder whose fonts/fonts.conf names @font_dir (and a
 * cache folder of its own, so that nothing is written elsewhere). */
static char *
make_data_dir (const char *font_dir)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("typeset-fonts-XXXXXX", &error);
  g_autofree char *fonts = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  fonts = g_build_filename (dir, "fonts", NULL);
  g_assert_cmpint (g_mkdir (fonts, 0755), ==, 0);
  conf = g_build_filename (fonts, "fonts.conf", NULL);
  text = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
                          "<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir>"
                          "<config><rescan><int>0</int></rescan></config></fontconfig>\n",
                          font_dir, dir);
  g_file_set_contents (conf, text, -1, &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Another fonts.conf in the same process: its own configuration, set on
 * its font map; the first one's engines are not disturbed. */
static void
test_second_config (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = make_data_dir ("/usr/share/fonts/truetype/noto");
  g_autoptr (TsFonts) other = ts_fonts_new (data, &error);
  g_autoptr (TsFonts) again = NULL;

  g_assert_no_error (error);
  assert_file (other, "Noto Serif 11", "NotoSerif-Regular.ttf");
  assert_file (other, "Noto Sans Bold 30", "NotoSans-Bold.ttf");
  again = ts_fonts_new (root, &error);
  g_assert_no_error (error);
  assert_file (again, "Noto Serif Bold 11", "NotoSerif-Bold.ttf");
  g_clear_pointer (&other, ts_fonts_free);
  remove_tree (data);
}

/* Without Noto Serif the engine refuses to start, and says which face a
 * fallback would have used (here the only one there is). */
static void
test_no_noto_serif (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) link_error = NULL;
  g_autofree char *faces = g_dir_make_tmp ("typeset-faces-XXXXXX", &link_error);
  g_autofree char *sans = g_build_filename (faces, "NotoSans-Regular.ttf", NULL);
  g_autofree char *data = NULL;
  g_autoptr (TsFonts) fonts = NULL;

  g_assert_no_error (link_error);
  g_assert_cmpint (symlink ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", sans), ==,
                   0);
  data = make_data_dir (faces);
  fonts = ts_fonts_new (data, &error);
  g_assert_null (fonts);
  g_assert_error (error, TS_ERROR, TS_ERROR_FONT);
  g_assert_nonnull (strstr (error->message, "Noto Serif not found"));
  g_assert_nonnull (strstr (error->message, "NotoSans-Regular.ttf"));
  g_assert_nonnull (strstr (error->message, "fonts-noto-core"));
  remove_tree (data);
  remove_tree (faces);
}

int
main (int argc, char **argv)
{
  root = g_getenv ("TYPESET_DATA_DIR");
  if (root == NULL)
    root = ".";
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fonts/shared-config", test_shared_config);
  g_test_add_func ("/fonts/second-config", test_second_config);
  g_test_add_func ("/fonts/no-noto-serif", test_no_noto_serif);
  return g_test_run ();
}
