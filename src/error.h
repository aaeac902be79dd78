/* error.h — the TS_ERROR domain.
 *
 * Recoverable runtime failures (a missing file, bad UTF-8, a bad style key,
 * a Cairo write error) are GErrors in this domain.  Typographic problems are
 * not errors: they go to the diagnostic sink (diag.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TS_ERROR (ts_error_quark ())

typedef enum
{
  TS_ERROR_IO,       /* cannot read or write a file */
  TS_ERROR_ENCODING, /* invalid UTF-8, NUL byte, control character */
  TS_ERROR_EMPTY,    /* nothing to typeset */
  TS_ERROR_PARSE,    /* bad article markup */
  TS_ERROR_STYLE,    /* unknown style, bad key or value */
  TS_ERROR_FONT,     /* no usable font */
  TS_ERROR_RENDER,   /* Cairo failed */
} TsErrorCode;

GQuark ts_error_quark (void);

G_END_DECLS
