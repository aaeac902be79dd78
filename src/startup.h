/* startup.h — process set-up for the command line (not part of the library).
 */
#pragma once

/* Puts glibc's heap on 2 MiB transparent huge pages and keeps malloc from
 * returning memory to the kernel that a short run would fault in again
 * (startup.c has the reasons and the numbers).  Call first thing in main(),
 * before any thread starts.  Does nothing under other allocators. */
void ts_startup_tune_memory (void);
