/* shapecache.h — shape each distinct word once per font and reuse it.
 *
 * Vietnamese text is made of a few thousand distinct syllables, so a long
 * document shapes the same words over and over: the cache shapes an item
 * word by word (a word being a run of non-spaces, or a run of spaces) and
 * keeps each word's glyphs under its font, script, language and flags.
 * The result is the glyph string that shaping the whole item gives, glyph
 * for glyph, whenever splitting the item at its spaces cannot change the
 * shaping: see shapecache.c for when that holds and what is shaped whole.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _TsShapeCache TsShapeCache;

/* An empty cache.  It holds a reference on each font it has seen, so it
 * must be freed before the font map those fonts come from.  Not
 * thread-safe: one cache per engine, as the engine itself.  Caller frees
 * with ts_shape_cache_free(). */
TsShapeCache *ts_shape_cache_new (void);
void ts_shape_cache_free (TsShapeCache *cache);

/* Shapes @item of the paragraph @text (@length bytes) into @glyphs, as
 * pango_shape_with_flags (text + item->offset, item->length, text, length,
 * &item->analysis, glyphs, PANGO_SHAPE_NONE) does.  @cache may be NULL:
 * then it is exactly that call. */
void ts_shape_cache_shape (TsShapeCache *cache, const char *text, int length,
                           const PangoItem *item, PangoGlyphString *glyphs);

/* Fills @attrs (@n_attrs = the characters of @text plus one) with the
 * break attributes that pango_get_log_attrs (@text, @length, -1,
 * @language, …) gives, for what shape.c reads of them: is_white
 * everywhere, and is_line_break and is_cursor_position at every character
 * inside a token (a run of characters other than U+0020) but its first.
 * (A token's first character gets is_line_break when a space is before
 * it, is_cursor_position always.)  The other fields are left zero.  Each
 * distinct token is analysed once, alone, and kept: a token of Latin
 * letters, combining marks and digits has no break inside it (UAX #14
 * LB9, LB23, LB28) and is not analysed at all.  A paragraph where the
 * context of a token could matter (any character outside the Latin,
 * Common and Inherited scripts, a control character, a token that opens
 * with a combining mark or a joiner) goes to pango_get_log_attrs whole.
 * @cache may be NULL: then it is exactly that call. */
void ts_shape_cache_log_attrs (TsShapeCache *cache, const char *text, int length,
                               PangoLanguage *language, PangoLogAttr *attrs, int n_attrs);

/* pango_itemize (@context, @text, 0, @length, @attrs, NULL), where @attrs
 * holds only a font description over the whole text (@plain: the caller
 * knows there is nothing else).  When every character is one the fast path
 * knows (Latin letters and marks, ASCII, Latin-1 and general punctuation:
 * one script run, left to right, no emoji) and the font Pango picks for
 * the text has them all, Pango would make one item of the whole text:
 * the item is then made by itemising only the text up to its first Latin
 * letter and stretching that item over the rest.  Otherwise, and when
 * @cache is NULL or @plain is FALSE, it is exactly that call. */
GList *ts_shape_cache_itemize (TsShapeCache *cache, PangoContext *context, const char *text,
                               int length, PangoAttrList *attrs, gboolean plain);

/* Words found in the cache and words shaped, since the cache was made. */
void ts_shape_cache_get_stats (const TsShapeCache *cache, guint64 *hits, guint64 *misses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsShapeCache, ts_shape_cache_free)

G_END_DECLS
