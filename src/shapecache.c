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
  /* ts_shape_cache_log_attrs: token bytes (NUL-terminated copy) → the
   * PangoLogAttr of its characters, analysed alone */
  GHashTable *tokens;
  PangoLanguage *tokens_language;
  /* ts_shape_cache_itemize: which ASCII characters ascii_font has */
  PangoFont *ascii_font;
  guint64 ascii[2];
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
  cache->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return cache;
}

void
ts_shape_cache_free (TsShapeCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->words);
  g_hash_table_unref (cache->tokens);
  g_clear_object (&cache->ascii_font);
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

/* ---- break attributes ---------------------------------------------------- */

/* How a token's characters decide its breaks: PLAIN (Latin letters,
 * combining marks, ASCII digits: no break inside, UAX #14 LB9, LB23, LB28),
 * OTHER (punctuation and symbols of the Common script: analysed alone),
 * or CONTEXT (anything whose breaks may depend on what is around the
 * token: the whole paragraph goes to Pango). */
enum { PLAIN, OTHER, CONTEXT };

static int
char_kind (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x80)
    {
      if (g_ascii_isalnum (c))
        return PLAIN;
      return c < 0x20 || c == 0x7F ? CONTEXT : OTHER;
    }
  if (c >= 0x300 && c <= 0x36F)
    return PLAIN; /* combining diacritics (NFD input) */
  script = g_unichar_get_script (c);
  if (script == G_UNICODE_SCRIPT_LATIN && g_unichar_isalpha (c)
      && g_unichar_break_type (c) == G_UNICODE_BREAK_ALPHABETIC)
    return PLAIN;
  if (script == G_UNICODE_SCRIPT_LATIN || script == G_UNICODE_SCRIPT_COMMON
      || script == G_UNICODE_SCRIPT_INHERITED)
    {
      GUnicodeBreakType type = g_unichar_break_type (c);
      /* Marks, joiners, and classes whose rules reach past a space or
       * count across a run (regional indicators, emoji, ambiguous,
       * complex context, mandatory breaks): the slow way. */
      switch (type)
        {
        case G_UNICODE_BREAK_COMBINING_MARK:
        case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
        case G_UNICODE_BREAK_REGIONAL_INDICATOR:
        case G_UNICODE_BREAK_EMOJI_BASE:
        case G_UNICODE_BREAK_EMOJI_MODIFIER:
        case G_UNICODE_BREAK_COMPLEX_CONTEXT:
        case G_UNICODE_BREAK_MANDATORY:
        case G_UNICODE_BREAK_CARRIAGE_RETURN:
        case G_UNICODE_BREAK_LINE_FEED:
        case G_UNICODE_BREAK_NEXT_LINE:
        case G_UNICODE_BREAK_SPACE:
        case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
        case G_UNICODE_BREAK_SURROGATE:
        case G_UNICODE_BREAK_UNKNOWN:
        case G_UNICODE_BREAK_AMBIGUOUS:
        case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
        case G_UNICODE_BREAK_IDEOGRAPHIC:
        case G_UNICODE_BREAK_CONTINGENT:
        case G_UNICODE_BREAK_HANGUL_L_JAMO:
        case G_UNICODE_BREAK_HANGUL_V_JAMO:
        case G_UNICODE_BREAK_HANGUL_T_JAMO:
        case G_UNICODE_BREAK_HANGUL_LV_SYLLABLE:
        case G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE:
          return CONTEXT;
        default:
          return g_unichar_isspace (c) || g_unichar_iszerowidth (c) ? CONTEXT : OTHER;
        }
    }
  return CONTEXT;
}

/* The attributes of @token (@length bytes, @n characters) analysed alone:
 * kept in the cache.  Returns n + 1 entries. */
static const PangoLogAttr *
token_attrs (TsShapeCache *cache, const char *token, int length, int n, PangoLanguage *language)
{
  g_autofree char *key = g_strndup (token, length);
  PangoLogAttr *attrs = g_hash_table_lookup (cache->tokens, key);

  if (attrs != NULL)
    return attrs;
  if (g_hash_table_size (cache->tokens) >= TS_SHAPE_CACHE_MAX_WORDS)
    g_hash_table_remove_all (cache->tokens);
  attrs = g_new0 (PangoLogAttr, n + 1);
  pango_get_log_attrs (token, length, -1, language, attrs, n + 1);
  g_hash_table_insert (cache->tokens, g_steal_pointer (&key), attrs);
  return attrs;
}

void
ts_shape_cache_log_attrs (TsShapeCache *cache, const char *text, int length,
                          PangoLanguage *language, PangoLogAttr *attrs, int n_attrs)
{
  int i = 0, c = 0;

  if (cache == NULL)
    {
      pango_get_log_attrs (text, length, -1, language, attrs, n_attrs);
      return;
    }
  /* One language per cache: the attributes kept depend on it. */
  if (cache->tokens_language != language)
    {
      g_hash_table_remove_all (cache->tokens);
      cache->tokens_language = language;
    }
  memset (attrs, 0, sizeof (PangoLogAttr) * n_attrs);
  while (i < length)
    {
      int start = i, first_char = c, kind = PLAIN;

      if (text[i] == ' ')
        {
          attrs[c].is_white = TRUE;
          attrs[c].is_cursor_position = TRUE;
          i++;
          c++;
          continue;
        }
      /* A token: up to the next space. */
      while (i < length && text[i] != ' ')
        {
          gunichar ch = g_utf8_get_char (text + i);
          int k = char_kind (ch);

          if (k == CONTEXT || (i == start && joins_previous (ch)))
            {
              pango_get_log_attrs (text, length, -1, language, attrs, n_attrs);
              return;
            }
          kind = MAX (kind, k);
          attrs[c].is_cursor_position = !g_unichar_ismark (ch);
          i = (int) (g_utf8_next_char (text + i) - text);
          c++;
        }
      attrs[first_char].is_line_break = start > 0;
      attrs[first_char].is_cursor_position = TRUE;
      if (kind == OTHER)
        {
          const PangoLogAttr *alone = token_attrs (cache, text + start, i - start,
                                                   c - first_char, language);
          for (int k = 1; k < c - first_char; k++)
            {
              attrs[first_char + k].is_line_break = alone[k].is_line_break;
              attrs[first_char + k].is_white = alone[k].is_white;
              attrs[first_char + k].is_cursor_position = alone[k].is_cursor_position;
            }
        }
    }
  if (c < n_attrs)
    {
      /* The end of the text: a break (LB3) and a cursor position. */
      attrs[c].is_line_break = TRUE;
      attrs[c].is_cursor_position = TRUE;
    }
}

/* ---- itemising -------------------------------------------------------------- */

/* Characters that keep a paragraph in one Pango item when its font has
 * them: the Latin script and the Common and Inherited characters around
 * it that are left to right or neutral (no bidi run), not emoji (no emoji
 * run: ©, ®, ‼ and ⁉ are left out), not wide (no width run), not default
 * ignorable (Pango gives those the current font without asking). */
static gboolean
one_item_char (gunichar c)
{
  if (c < 0x80)
    return c >= 0x20 && c < 0x7F;
  if (c < 0x100)
    return c >= 0xA1 && c != 0xA9 && c != 0xAD && c != 0xAE;
  if (c < 0x250)
    return TRUE;                         /* Latin Extended-A and -B */
  if (c >= 0x300 && c <= 0x36F)
    return c != 0x34F;                   /* combining diacritics, not CGJ */
  if (c >= 0x1E00 && c <= 0x1EFF)
    return TRUE;                         /* Latin Extended Additional (Vietnamese) */
  if (c >= 0x2010 && c <= 0x2027)
    return TRUE;                         /* dashes, quotes, bullet, ellipsis */
  if (c >= 0x2030 && c <= 0x205E)
    return c != 0x203C && c != 0x2049;   /* per mille, primes, guillemets, … */
  return FALSE;
}

GList *
ts_shape_cache_itemize (TsShapeCache *cache, PangoContext *context, const char *text,
                        int length, PangoAttrList *attrs, gboolean plain)
{
  int first_latin = -1, n_chars = 0;
  GList *items;
  PangoItem *item;

  if (cache == NULL || !plain || length == 0)
    return pango_itemize (context, text, 0, length, attrs, NULL);
  for (int i = 0; i < length; i = (int) (g_utf8_next_char (text + i) - text))
    {
      gunichar c = g_utf8_get_char (text + i);

      if (!one_item_char (c))
        return pango_itemize (context, text, 0, length, attrs, NULL);
      if (first_latin < 0 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN)
        first_latin = i;
      n_chars++;
    }
  if (first_latin < 0)
    return pango_itemize (context, text, 0, length, attrs, NULL);

  /* The prefix has the paragraph's script (Latin: the Common characters
   * before it join its run) and, for its first Latin letter, the font
   * that Pango picks for the paragraph's letters. */
  items = pango_itemize (context, text, 0,
                         (int) (g_utf8_next_char (text + first_latin) - text), attrs, NULL);
  if (items == NULL || items->next != NULL)
    goto slow;
  item = items->data;
  if (item->analysis.font == NULL || item->analysis.extra_attrs != NULL
      || item->analysis.level != 0 || item->analysis.script != G_UNICODE_SCRIPT_LATIN)
    goto slow;
  /* Pango breaks the item where its fontset picks another font: where a
   * character is not in this one.  pango_font_has_char() asks for the
   * coverage on every call (a thousand instructions a character): ask
   * once, and keep the answer for ASCII per font. */
  if (cache->ascii_font != item->analysis.font)
    {
      PangoCoverage *coverage = pango_font_get_coverage (item->analysis.font,
                                                         pango_language_get_default ());
      memset (cache->ascii, 0, sizeof cache->ascii);
      for (int c = 0x20; c < 0x7F; c++)
        if (pango_coverage_get (coverage, c) != PANGO_COVERAGE_NONE)
          cache->ascii[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
      g_object_unref (coverage);
      /* Held, so that no other font can take its address. */
      g_clear_object (&cache->ascii_font);
      cache->ascii_font = g_object_ref (item->analysis.font);
    }
  {
    g_autoptr (PangoCoverage) coverage = NULL;

    for (int i = 0; i < length; i++)
      {
        gunichar c = (guchar) text[i];

        if (c < 0x80)
          {
            if (!(cache->ascii[c / 64] & (G_GUINT64_CONSTANT (1) << (c % 64))))
              goto slow;
            continue;
          }
        c = g_utf8_get_char (text + i);
        i = (int) (g_utf8_next_char (text + i) - text) - 1;
        if (coverage == NULL)
          coverage = pango_font_get_coverage (item->analysis.font, pango_language_get_default ());
        if (pango_coverage_get (coverage, (int) c) == PANGO_COVERAGE_NONE)
          goto slow;
      }
  }
  item->length = length;
  item->num_chars = n_chars;
  return items;

slow:
  g_list_free_full (items, (GDestroyNotify) pango_item_free);
  return pango_itemize (context, text, 0, length, attrs, NULL);
}
