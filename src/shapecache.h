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

/* Words found in the cache and words shaped, since the cache was made. */
void ts_shape_cache_get_stats (const TsShapeCache *cache, guint64 *hits, guint64 *misses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsShapeCache, ts_shape_cache_free)

G_END_DECLS
