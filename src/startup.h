/* startup.h — process set-up for the command line (not part of the library).
 */
#pragma once

/* Puts glibc's heap on 2 MiB transparent huge pages and keeps malloc from
 * returning memory to the kernel that a short run would fault in again
 * (startup.c has the reasons and the numbers).  Call first thing in main(),
 * before any thread starts.  Does nothing under other allocators. */
void ts_startup_tune_memory (void);

/* Ends a run that has done its work: flushes the standard streams and
 * leaves at once (_exit), without freeing what the run made or running
 * the libraries' destructors; the kernel takes the memory back faster
 * (0.85 ms of the seed's 23 on the bench machine).  Clang's -disable-free
 * and GCC do the same.  Under sanitizers, whose leak check runs at exit,
 * it returns @status and the caller frees and returns as usual. */
int ts_startup_finish (int status);
