/* lazylib.h — a shared library loaded on its first use.
 *
 * Every library the program links is mapped and relocated at every start,
 * whether the run calls it or not: on the bench machine each one cost
 * 0.1-0.3 ms of a one-page run's 25.  The libraries only some inputs
 * need are opened with dlopen the first time one of them does: libmd4c
 * (Markdown input), libjpeg (decoding a photo for a PNG preview; a PDF
 * embeds the JPEG's bytes undecoded).  pdfbox.c does the same for libqpdf.
 * The sonames come from meson.build, read from the libraries found at
 * build time.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *soname;        /* "libjpeg.so.62" */
  const char *package;       /* the Debian package to install, for the message */
  const char *const *names;  /* the functions, NULL-terminated */
  void **functions;          /* filled in the same order */
  gsize state;               /* g_once: 1 loaded, 2 failed */
  char *error;               /* why it failed */
} TsLazyLib;

/* Opens @lib and looks up its functions, once per process (thread-safe:
 * batch workers may get here together).  Returns FALSE and sets @error
 * (TS_ERROR_IO) naming the package when the library or a function is
 * missing; @what says what needed it ("Markdown input"). */
gboolean ts_lazy_lib_load (TsLazyLib *lib, const char *what, GError **error);

G_END_DECLS
