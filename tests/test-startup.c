/* test-startup.c — src/startup.c: the heap on transparent huge pages.
 *
 * Where the set-up must apply (glibc on Linux, a kernel with THP, no
 * sanitizer replacing malloc), a 1 MiB block lies in the heap (no mapping
 * of its own, as glibc's default would give it), in a stretch that starts
 * on a 2 MiB boundary and that the kernel marks for huge pages ("hg" in
 * VmFlags of /proc/self/smaps).
 * Elsewhere the call must leave malloc working.  Whether the kernel then
 * has huge pages to give is its business, so that is not asserted.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "startup.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)                    \
  || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#endif

/* The VmFlags and the extent of the mapping that holds @p. */
static gboolean
mapping_of (const void *p, char **flags, uintptr_t *start, uintptr_t *end)
{
  g_autofree char *smaps = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean inside = FALSE;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return FALSE;
  lines = g_strsplit (smaps, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      unsigned long a, b;

      if (sscanf (lines[i], "%lx-%lx ", &a, &b) == 2 && strchr (lines[i], ':') != NULL
          && !g_str_has_prefix (lines[i], "VmFlags"))
        {
          inside = (uintptr_t) p >= a && (uintptr_t) p < b;
          if (inside)
            {
              *start = a;
              *end = b;
            }
        }
      else if (inside && g_str_has_prefix (lines[i], "VmFlags:"))
        {
          *flags = g_strdup (lines[i] + strlen ("VmFlags:"));
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
should_apply (void)
{
#if defined(__GLIBC__) && defined(__linux__) && !defined(SANITIZED)
  g_autofree char *mode = NULL;

  if (g_getenv ("VALGRIND_LAUNCHER") != NULL) /* valgrind's own malloc */
    return FALSE;
  return g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL)
         && strstr (mode, "[never]") == NULL;
#else
  return FALSE;
#endif
}

static void
test_heap_on_huge_pages (void)
{
  char *large;
  g_autofree char *flags = NULL;
  uintptr_t start = 0, end = 0;

  ts_startup_tune_memory ();
  large = malloc (1 << 20);
  g_assert_nonnull (large);
  memset (large, 2, 1 << 20);
  if (!should_apply ())
    {
      free (large);
      g_test_skip ("no glibc malloc or no transparent huge pages here");
      return;
    }
  g_assert_true (mapping_of (large, &flags, &start, &end));
  g_assert_nonnull (strstr (flags, " hg"));
  g_assert_cmpuint (start % (2 << 20), ==, 0);
  /* The 64 MiB stretch, not a 1 MiB mapping of the block's own. */
  g_assert_cmpuint (end - start, >=, 32 << 20);
  free (large);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/startup/heap-on-huge-pages", test_heap_on_huge_pages);
  return g_test_run ();
}
