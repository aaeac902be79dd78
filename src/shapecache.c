/* shapecache.c — shape each distinct word once per font and reuse it.
 *
 * Plan:
 *  1. An item that the cache may split (below) is cut into words: maximal
 *     runs of non-spaces and of spaces (U+0020), never before a combining
 *     mark or a joiner, so that no cluster is ever cut in two.
 *  2. Each word is looked up under (font, script, language, analysis flags,
 *     its bytes).  A miss shapes the word with pango_shape_with_flags, with
 *     the whole paragraph as context, exactly as the item would have been
 *     shaped, and keeps its glyphs; a hit copies them.
 *  3. The words' glyphs are appended in order, their log clusters moved
 *     from the word's start to the item's.
 *
 * Why the result is the item's own glyph string: Pango shapes an item with
 * HarfBuzz with the whole paragraph as pre- and post-context and the
 * buffer flags BOT|EOT whatever the item's place (pango_hb_shape).  For
 * Latin, Common and Inherited text HarfBuzz uses the context only to decide
 * whether a mark that opens the buffer gets a dotted circle; a word here
 * never opens with a mark unless the item does.  What remains is OpenType
 * lookups that reach across a space (a kerning pair or a contextual
 * substitution with the space glyph).  Noto Serif and Noto Sans, the fonts
 * typeset ships with, have none: tests/test-shapecache.c shapes every
 * sample in every face of the shipped styles both ways and compares them
 * glyph for glyph, and scripts/bench compares the PDFs byte for byte.
 *
 * What is shaped whole, as before: items of any other script (Arabic
 * joining and Indic reordering do use the context), right-to-left or
 * vertical items, items that carry extra attributes (font features, show
 * flags, text transforms are read from them), and items that ask for a
 * hyphen at their end.
 *
 * The cache is bounded (TS_SHAPE_CACHE_MAX_WORDS) so that a batch of
 * thousands of documents cannot grow it without end.
 */
#include "shapecache.h"

#include <string.h>

/* A long Vietnamese book has a few thousand distinct syllables; with
 * punctuation, numbers and names attached, a few tens of thousands of
 * distinct words.  Past this many the cache starts again empty: a few MB
 * at most, and a batch of unrelated documents never grows without end. */
#define TS_SHAPE_CACHE_MAX_WORDS 200000

/* Words longer than this are shaped in place and not kept: a URL or a
 * 4,000-character token is unlikely to come again and would only take
 * memory. */
#define TS_SHAPE_CACHE_MAX_WORD_BYTES 64

typedef struct
{
  guint hash;
  PangoFont *font;          /* (ref) in stored entries */
  PangoLanguage *language;  /* interned by Pango: compared by pointer */
  int script;
  guint flags;
  int length;
  const char *bytes;        /* stored entries: points at their own copy */
  PangoGlyphString *glyphs; /* stored entries only; log clusters from the word's start */
} Entry;

struct _TsShapeCache
{
  GHashTable *words; /* Entry* → itself */
  guint64 hits, misses;
};

static guint
entry_hash (gconstpointer p)
{
  return ((const Entry *) p)->hash;
}

static gboolean
entry_equal (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->hash == y->hash && x->font == y->font && x->language == y->language
         && x->script == y->script && x->flags == y->flags && x->length == y->length
         && memcmp (x->bytes, y->bytes, x->length) == 0;
}

static void
entry_free (gpointer p)
{
  Entry *e = p;

  g_object_unref (e->font);
  pango_glyph_string_free (e->glyphs);
  g_free (e);
}

TsShapeCache *
ts_shape_cache_new (void)
{
  TsShapeCache *cache = g_new0 (TsShapeCache, 1);

  cache->words = g_hash_table_new_full (entry_hash, entry_equal, entry_free, NULL);
  return cache;
}

void
ts_shape_cache_free (TsShapeCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->words);
  g_free (cache);
}

void
ts_shape_cache_get_stats (const TsShapeCache *cache, guint64 *hits, guint64 *misses)
{
  *hits = cache ? cache->hits : 0;
  *misses = cache ? cache->misses : 0;
}

/* Whether splitting @analysis's item at spaces gives the item's glyphs;
 * see the plan above. */
static gboolean
may_split (const PangoAnalysis *analysis)
{
  return analysis->font != NULL && analysis->extra_attrs == NULL && analysis->level % 2 == 0
         && (analysis->gravity == PANGO_GRAVITY_SOUTH)
         && !(analysis->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
         && (analysis->script == G_UNICODE_SCRIPT_LATIN
             || analysis->script == G_UNICODE_SCRIPT_COMMON
             || analysis->script == G_UNICODE_SCRIPT_INHERITED);
}

/* A character that must stay in one cluster with the one before it. */
static gboolean
joins_previous (gunichar c)
{
  return g_unichar_ismark (c) || c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F)
         || (c >= 0xE0100 && c <= 0xE01EF);
}

/* The end of the word that starts at @start, before @stop. */
static int
word_end (const char *text, int start, int stop)
{
  gboolean space = text[start] == ' ';
  int i = start + 1;

  for (;;)
    {
      while (i < stop && (text[i] == ' ') == space)
        i++;
      /* Never end a word before a mark: " \u0301" stays one cluster. */
      if (i < stop && (guchar) text[i] >= 0x80 && joins_previous (g_utf8_get_char (text + i)))
        {
          i = (int) (g_utf8_next_char (text + i) - text);
          continue;
        }
      return i;
    }
}

static guint
word_hash (const Entry *key)
{
  /* FNV-1a over the bytes, then the rest of the key. */
  guint32 h = 2166136261u;

  for (int i = 0; i < key->length; i++)
    h = (h ^ (guchar) key->bytes[i]) * 16777619u;
  h ^= GPOINTER_TO_UINT (key->font) * 2654435761u;
  h ^= GPOINTER_TO_UINT (key->language) * 40503u;
  h ^= (guint) key->script * 97u + key->flags;
  return h;
}

static void
append_glyphs (PangoGlyphString *out, const PangoGlyphString *word, int cluster_shift)
{
  int n = out->num_glyphs;

  /* pango_glyph_string_set_size() reallocates on every call, even within
   * its capacity; where realloc always copies (AddressSanitizer's does)
   * that made a paragraph of 1 MB quadratic.  Only grow past the capacity
   * (set_size doubles it then). */
  if (n + word->num_glyphs > out->space)
    pango_glyph_string_set_size (out, n + word->num_glyphs);
  else
    out->num_glyphs = n + word->num_glyphs;
  memcpy (out->glyphs + n, word->glyphs, sizeof (PangoGlyphInfo) * word->num_glyphs);
  for (int i = 0; i < word->num_glyphs; i++)
    out->log_clusters[n + i] = word->log_clusters[i] + cluster_shift;
}

void
ts_shape_cache_shape (TsShapeCache *cache, const char *text, int length, const PangoItem *item,
                      PangoGlyphString *glyphs)
{
  const PangoAnalysis *analysis = &item->analysis;
  int stop = item->offset + item->length;

  if (cache == NULL || !may_split (analysis) || item->length == 0)
    {
      pango_shape_with_flags (text + item->offset, item->length, text, length, analysis, glyphs,
                              PANGO_SHAPE_NONE);
      return;
    }

  pango_glyph_string_set_size (glyphs, 0);
  for (int start = item->offset; start < stop;)
    {
      int end = word_end (text, start, stop);
      Entry key = { .font = analysis->font, .language = analysis->language,
                    .script = analysis->script, .flags = analysis->flags,
                    .length = end - start, .bytes = text + start };
      Entry *found;

      if (key.length > TS_SHAPE_CACHE_MAX_WORD_BYTES)
        {
          PangoGlyphString *word = pango_glyph_string_new ();
          pango_shape_with_flags (text + start, end - start, text, length, analysis, word,
                                  PANGO_SHAPE_NONE);
          append_glyphs (glyphs, word, start - item->offset);
          pango_glyph_string_free (word);
          cache->misses++;
          start = end;
          continue;
        }

      key.hash = word_hash (&key);
      found = g_hash_table_lookup (cache->words, &key);
      if (found != NULL)
        cache->hits++;
      else
        {
          char *copy;

          if (g_hash_table_size (cache->words) >= TS_SHAPE_CACHE_MAX_WORDS)
            g_hash_table_remove_all (cache->words);
          found = g_malloc (sizeof (Entry) + key.length);
          *found = key;
          copy = (char *) (found + 1);
          memcpy (copy, key.bytes, key.length);
          found->bytes = copy;
          found->font = g_object_ref (analysis->font);
          found->glyphs = pango_glyph_string_new ();
          pango_shape_with_flags (text + start, end - start, text, length, analysis,
                                  found->glyphs, PANGO_SHAPE_NONE);
          g_hash_table_add (cache->words, found);
          cache->misses++;
        }
      append_glyphs (glyphs, found->glyphs, start - item->offset);
      start = end;
    }
}
