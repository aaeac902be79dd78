/* startup.c — process set-up that makes a short run cheap.
 *
 * A one-page run spends more time in the kernel than in any library: each
 * 4 KiB page of heap it touches for the first time is a page fault, about
 * 11 µs on a virtual machine, and the seed article touched some 600 of
 * them (half of all its faults; malloc growing the heap in small steps).
 * A 2 MiB transparent huge page costs one fault and about 0.15 ms to clear.
 * So the heap starts on a 2 MiB boundary, in one 64 MiB stretch that the
 * kernel may back with huge pages (madvise MADV_HUGEPAGE; THP's usual
 * "madvise" mode), and malloc keeps what it gets: large blocks come from
 * that heap rather than from mmap() and munmap() per block, and freed memory
 * at the top is not given back only to be faulted in again.  The seed then
 * takes 2 huge pages instead of some 600 small ones.
 *
 * Only address space is reserved: pages count towards the resident size
 * once touched, and then 2 MiB at a time, so the peak grows by at most a
 * huge page over what the run uses.  Past the 64 MiB (a document of a few
 * hundred pages), the heap grows in small pages as before.
 *
 * glibc's own tunable (glibc.malloc.hugetlb=1) does much the same, but it
 * must be in the environment before the process starts.  Under other
 * allocators (sanitizers, valgrind, another libc) this does nothing: it
 * checks that malloc() put its block where glibc's main arena would.
 */
#include "startup.h"

#include <stdio.h>
#include <stdlib.h> /* defines __GLIBC__ under glibc */
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)                    \
  || __has_feature(thread_sanitizer)
#define TS_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TS_SANITIZED 1
#endif

#if defined(__GLIBC__) && defined(__linux__) && !defined(TS_SANITIZED)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* The x86-64 and arm64 (4 KiB pages) huge page. */
#define HUGE_PAGE ((uintptr_t) 2 << 20)
/* Heap in huge pages: the seed uses 4 MiB, the seed ×200 (170 pages) about
 * 70 MiB.  Address space only; see above. */
#define HUGE_HEAP (64 << 20)
/* Blocks up to this size come from the heap (glibc's largest allowed
 * value); glibc's default of 128 KiB would give the PDF buffer, the
 * font tables and the shape cache's arrays pages of their own. */
#define MMAP_THRESHOLD (32 << 20)
/* glibc's default M_TOP_PAD, for growth past HUGE_HEAP. */
#define TOP_PAD (128 << 10)

/* Reserved below the huge pages, never used: kept so that no leak checker
 * calls it lost. */
static void *heap_gap;
#endif

int
ts_startup_finish (int status)
{
#if !defined(TS_SANITIZED)
  if (fflush (NULL) == 0)
    _exit (status);
#endif
  return status;
}

void
ts_startup_tune_memory (void)
{
#if defined(__GLIBC__) && defined(__linux__) && !defined(TS_SANITIZED)
  struct mallinfo2 info = mallinfo2 ();
  uintptr_t end = (uintptr_t) sbrk (0);
  /* The top chunk (glibc's main arena) ends at the program break. */
  uintptr_t top = end - info.keepcost;
  /* At least 1 MiB past the current break, so that the block below can
   * come neither from the top chunk as it is nor from a freed one: malloc()
   * must grow the heap. */
  uintptr_t aligned = (end + (1 << 20) + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  size_t header = 2 * sizeof (size_t); /* a chunk's size fields */
  void *gap;

  if (mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1
      || mallopt (M_TRIM_THRESHOLD, HUGE_HEAP) != 1 || mallopt (M_TOP_PAD, HUGE_HEAP) != 1)
    {
      mallopt (M_TOP_PAD, TOP_PAD);
      return;
    }
  /* One block from the top chunk up to just below the boundary: the new
   * top chunk's header then lies below it too, and the first page past
   * the boundary is first touched after madvise(); a page touched before
   * would make the kernel fall back to small pages for that 2 MiB.
   * malloc() writes only the block's header, so the gap's own pages stay
   * untouched and cost nothing. */
  gap = malloc (aligned - header - top - sizeof (size_t));
  mallopt (M_TOP_PAD, TOP_PAD);
  if (gap == NULL || (uintptr_t) gap != top + header)
    {
      free (gap); /* not glibc's main arena at the break: leave it be */
      return;
    }
  heap_gap = gap;
  end = (uintptr_t) sbrk (0) & ~(HUGE_PAGE - 1);
  if (end > aligned)
    madvise ((void *) aligned, end - aligned, MADV_HUGEPAGE);
#endif
}
