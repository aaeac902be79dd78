/* lazylib.c — a shared library loaded on its first use (lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>

#include "error.h"

gboolean
ts_lazy_lib_load (TsLazyLib *lib, const char *what, GError **error)
{
  if (g_once_init_enter (&lib->state))
    {
      void *handle = dlopen (lib->soname, RTLD_NOW | RTLD_LOCAL);
      gsize result = handle != NULL ? 1 : 2;

      for (int i = 0; result == 1 && lib->names[i] != NULL; i++)
        if ((lib->functions[i] = dlsym (handle, lib->names[i])) == NULL)
          result = 2;
      if (result != 1)
        lib->error = g_strdup (dlerror ());
      g_once_init_leave (&lib->state, result);
    }
  if (lib->state == 1)
    return TRUE;
  g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s needs %s: %s; install Debian's %s", what,
               lib->soname, lib->error != NULL ? lib->error : "not found", lib->package);
  return FALSE;
}
