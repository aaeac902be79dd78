/* render.h — pages to PDF, PNG or SVG through Cairo.
 *
 * The renderer draws the page model (page.h) onto sheets laid out by the
 * imposer (impose.h): one sheet per page normally, two pages per sheet
 * with --impose.  A PDF carries the document's metadata, an outline
 * (bookmarks) of the titles and headings, page labels matching the
 * printed folios, clickable links for the URLs in the text, and, with
 * bleed, marks or imposition, a TrimBox and a BleedBox on every page
 * (pdfbox.h).  PNG and SVG are previews of one page (or sheet).
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "page.h"
#include "typeset.h"

G_BEGIN_DECLS

typedef struct
{
  const char *creator;      /* "typeset 0.1.0" */
  gint64 source_date_epoch; /* < 0: now (Cairo's default) */
  const char *keywords;     /* the PDF's /Keywords; NULL or "": none */
  TsOutputOptions output;   /* format, page, dpi, imposition, bleed, marks */
} TsRenderOptions;

/* Renders @pages as options->output.format says into @path ("-" for
 * standard output).  The file is written to a temporary file in the same
 * folder and renamed into place when complete, so a failure never leaves
 * a partial file; standard output is written only once the whole output
 * exists.  Returns FALSE and sets @error (TS_ERROR_IO, TS_ERROR_RENDER)
 * on failure, e.g. when options->output.page is past the last page. */
gboolean ts_render (const TsPageList *pages, const char *path, const TsRenderOptions *options,
                    GError **error);

/* The same into memory (for tests and fuzzing).  (transfer full) */
GBytes *ts_render_to_bytes (const TsPageList *pages, const TsRenderOptions *options,
                            GError **error);

/* Older names of the two calls above; they honour options->output too. */
gboolean ts_render_pdf (const TsPageList *pages, const char *path,
                        const TsRenderOptions *options, GError **error);
GBytes *ts_render_pdf_to_bytes (const TsPageList *pages, const TsRenderOptions *options,
                                GError **error);

/* Writes @data to @path atomically (temporary file beside it, renamed),
 * or to standard output for "-".  With @sync the file is flushed to the
 * disk (fsync) before the rename, so that not even a power cut can leave
 * an empty file under the name (--sync; off by default: on the bench
 * machine it was 1.5-2 ms of the seed's 33 ms, a tenth of a batch's time,
 * and no typesetter or compiler does it unasked).  For other stages that
 * write files (the font check). */
gboolean ts_write_file_atomically (const char *path, GBytes *data, gboolean sync,
                                   GError **error);

/* Draws @glyphs (an item of @text) at @cr's current point with Cairo, with
 * their clusters, as pango_cairo_show_glyph_item does for Pango's Cairo
 * fonts; for the fonts of our font map (fonts.h).  For other stages that
 * draw text with Cairo (the font check's specimen sheet). */
void ts_render_show_glyph_item (cairo_t *cr, const char *text, const PangoGlyphItem *glyphs);

/* A URL in @text (NUL-terminated) at or after byte @from: "http://",
 * "https://" or "www." at the start of a word, up to the next space,
 * without trailing punctuation (a closing bracket stays when the URL
 * opened one).  Returns FALSE when there is none; else sets the byte
 * range [*start, *end). */
gboolean ts_find_url (const char *text, int from, int *start, int *end);

G_END_DECLS
