/* error.c — the TS_ERROR domain. */
#include "error.h"

G_DEFINE_QUARK (typeset-error-quark, ts_error)
