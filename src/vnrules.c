/* vnrules.c — Vietnamese break rules (see vnrules.h).
 *
 * Plan
 *
 *   ts_vn_space_penalties looks at each offered space once: it finds the
 *   word before it, the word after it and the word before that (for
 *   context: a sentence start, a date word before a number), runs each rule
 *   on them and keeps the highest penalty.  Two paragraph-wide facts are
 *   computed first: whether the paragraph is set in capitals (then
 *   abbreviation and name are off) and which space precedes the last word
 *   (the last-line rules).
 *
 *   Words are runs of non-space characters found in the text itself, not
 *   through the offsets, so that offsets for only some spaces, or for two
 *   spaces in a row, still see the right neighbours.  Text is NFC UTF-8
 *   (reader.c normalises it); a malformed byte is read as U+FFFD, which is
 *   neither a letter nor a space, so bad input degrades to "no rule".
 *
 *   The rules are heuristics for running text in news and official
 *   documents (VIETNAMESE.md, "Line breaking"); vnrules.h states what each
 *   one does and does not catch.
 */
#include "vnrules.h"

#include <string.h>

/* A token longer than this is data (a URL, a hash), not a date or code:
 * it must stay breakable so a narrow column can always be filled. */
#define TS_VN_UNBREAKABLE_MAX_CHARS 32

/* Lower-case runs inside an unbreakable token are units (h, km, đ, kg, ml);
 * four letters or more make it a word ("viet"), which may break. */
#define TS_VN_UNIT_RUN_MAX 3

/* A paragraph with fewer than one lower-case letter in this many is set in
 * capitals. */
#define TS_VN_CAPS_RATIO 10

typedef struct
{
  const char *s; /* first byte */
  const char *e; /* one past the last byte; s == e: empty */
} Span;

void
ts_vn_rules_init (TsVnRules *rules)
{
  g_return_if_fail (rules != NULL);

  memset (rules, 0, sizeof *rules);
  rules->number_unit = TS_PENALTY_INFINITY;
  rules->date = 500; /* a date may break, but a line more loose is preferred */
  rules->abbreviation = TS_PENALTY_INFINITY;
  rules->name = 150; /* below the 200 a loose line costs: a gentle pull */
  rules->punctuation = TS_PENALTY_INFINITY;
  rules->last_space = TS_PENALTY_INFINITY;
  rules->short_last = 150;
  rules->short_last_length = 2;
}

/* ---------------------------------------------------------------------- */
/* Characters. */

/* The character at @p (p < end) and its length; malformed input reads as
 * U+FFFD, one byte long. */
static gunichar
char_at (const char *p, const char *end, int *len)
{
  gunichar c;

  /* Most Vietnamese letters are ASCII: the fast path is a third of the
   * rules' time on a long article (callgrind). */
  if ((guchar) *p < 0x80 && p < end)
    {
      *len = 1;
      return (guchar) *p;
    }
  c = g_utf8_get_char_validated (p, end - p);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return 0xFFFD;
    }
  *len = (int) (g_utf8_next_char (p) - p);
  return c;
}

/* The start of the character that ends just before @p (p > start). */
static const char *
char_before (const char *start, const char *p)
{
  const char *q = p - 1;

  /* Step over at most three continuation bytes (10xxxxxx). */
  for (int i = 0; i < 3 && q > start && ((guchar) *q & 0xC0) == 0x80; i++)
    q--;
  return q;
}

static gboolean
is_space (gunichar c)
{
  /* The ASCII letters, digits and marks that make most of the text are
   * not spaces; GLib's table is for the rest (NBSP, the em space). */
  if (c > ' ' && c < 0x80)
    return FALSE;
  return c == ' ' || g_unichar_isspace (c);
}

/* Opening punctuation: a quote or bracket that starts what follows. */
static gboolean
is_opening (gunichar c)
{
  switch (c)
    {
    case '(':
    case '[':
    case '{':
    case '"':
    case '\'':
    case 0x00AB: /* « */
    case 0x2039: /* ‹ */
    case 0x201C: /* “ */
    case 0x2018: /* ‘ */
    case 0x201E: /* „ */
    case 0x201A: /* ‚ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Closing punctuation, including what ends a clause or sentence. */
static gboolean
is_closing (gunichar c)
{
  switch (c)
    {
    case ')':
    case ']':
    case '}':
    case '"':
    case '\'':
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case 0x00BB: /* » */
    case 0x203A: /* › */
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0x2026: /* … */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static gboolean
is_hyphen_minus (gunichar c)
{
  return c == '-';
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

/* A capital that may spell an acronym: A–Z and Đ.  Vietnamese accented
 * capitals (Ô, Ậ, Ừ) belong to syllables in capitals, never to acronyms. */
static gboolean
is_acronym_letter (gunichar c)
{
  return (c >= 'A' && c <= 'Z') || c == 0x0110;
}

/* ---------------------------------------------------------------------- */
/* Spans. */

static gboolean
span_empty (Span w)
{
  return w.s >= w.e;
}

static gunichar
span_first (Span w)
{
  int len;

  return span_empty (w) ? 0 : char_at (w.s, w.e, &len);
}

static gunichar
span_last (Span w)
{
  int len;

  return span_empty (w) ? 0 : char_at (char_before (w.s, w.e), w.e, &len);
}

static Span
strip_opening (Span w)
{
  while (!span_empty (w))
    {
      int len;

      if (!is_opening (char_at (w.s, w.e, &len)))
        break;
      w.s += len;
    }
  return w;
}

static Span
strip_closing (Span w)
{
  while (!span_empty (w))
    {
      const char *q = char_before (w.s, w.e);
      int len;

      if (!is_closing (char_at (q, w.e, &len)))
        break;
      w.e = q;
    }
  return w;
}

/* Closing quotes and brackets only: what may follow a sentence's final
 * stop ("… nói.”", "(… 2014.)"). */
static gboolean
is_closing_mark (gunichar c)
{
  return is_closing (c) && !is_sentence_end (c) && c != ',' && c != ';' && c != ':';
}

static Span
strip_closing_marks (Span w)
{
  while (!span_empty (w))
    {
      const char *q = char_before (w.s, w.e);
      int len;

      if (!is_closing_mark (char_at (q, w.e, &len)))
        break;
      w.e = q;
    }
  return w;
}

/* Whether every character of a non-empty @w satisfies @pred. */
static gboolean
span_all (Span w, gboolean (*pred) (gunichar))
{
  if (span_empty (w))
    return FALSE;
  for (const char *p = w.s; p < w.e;)
    {
      int len;

      if (!pred (char_at (p, w.e, &len)))
        return FALSE;
      p += len;
    }
  return TRUE;
}

static int
span_count_alnum (Span w)
{
  int n = 0;

  for (const char *p = w.s; p < w.e;)
    {
      int len;

      n += g_unichar_isalnum (char_at (p, w.e, &len)) != 0;
      p += len;
    }
  return n;
}

/* g_unichar_tolower for ASCII, inline. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Whether @w is @word ignoring case (@word is lower-case NFC). */
static gboolean
span_equal_ci (Span w, const char *word)
{
  const char *p = w.s, *q = word;
  const char *qend = word + strlen (word);

  /* The listed words are Vietnamese letters, whose upper and lower case
   * have the same UTF-8 length: a different length is a different word. */
  if (w.e - w.s != qend - word)
    return FALSE;
  /* An ASCII first letter is compared at once: most words differ there. */
  if ((guchar) *p < 0x80 && ascii_lower (*p) != *q)
    return FALSE;
  while (p < w.e && q < qend)
    {
      int lp, lq;
      gunichar a = char_at (p, w.e, &lp), b = char_at (q, qend, &lq);

      if (g_unichar_tolower (a) != b)
        return FALSE;
      p += lp;
      q += lq;
    }
  return p == w.e && q == qend;
}

static gboolean
span_equal (Span w, const char *word)
{
  size_t n = strlen (word);

  return (size_t) (w.e - w.s) == n && memcmp (w.s, word, n) == 0;
}

static gboolean
span_in_ci (Span w, const char *const *list)
{
  /* An ASCII first letter rules out most entries without reading them. */
  char first = span_empty (w) || (guchar) *w.s >= 0x80 ? 0 : ascii_lower (*w.s);

  for (int i = 0; list[i] != NULL; i++)
    if ((first == 0 || list[i][0] == first) && span_equal_ci (w, list[i]))
      return TRUE;
  return FALSE;
}

/* The word (non-space run) that ends at or before @p, skipping spaces. */
static Span
word_before (const char *start, const char *p)
{
  Span w;
  int len;

  while (p > start && is_space (char_at (char_before (start, p), p, &len)))
    p = char_before (start, p);
  w.e = p;
  while (p > start && !is_space (char_at (char_before (start, p), w.e, &len)))
    p = char_before (start, p);
  w.s = p;
  return w;
}

/* The word that starts at or after @p, skipping spaces. */
static Span
word_after (const char *p, const char *end)
{
  Span w;
  int len;

  while (p < end && is_space (char_at (p, end, &len)))
    p += len;
  w.s = p;
  while (p < end && !is_space (char_at (p, end, &len)))
    p += len;
  w.e = p;
  return w;
}

/* ---------------------------------------------------------------------- */
/* Word shapes. */

/* Words that take a date part: "ngày 29/4/2021", "tháng 5", "năm 2021",
 * "quý 3".  After one of them a number is a date, not a quantity. */
static const char *const date_words[] = { "ngày", "tháng", "năm", "quý", NULL };

/* Magnitudes: "1,5 tỷ đồng" keeps the whole quantity together. */
static const char *const magnitude_words[]
    = { "trăm", "chục", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ", NULL };

/* Units written in capitals (a lower-case unit is caught by its case). */
static const char *const upper_units[]
    = { "USD", "VND", "VNĐ", "EUR", "MW", "KW", "GW", "GB", "MB", "KB", "TB", NULL };

/* Mixed-case titles and abbreviations, each also with a final dot. */
static const char *const listed_abbreviations[]
    = { "ThS", "Th.S", "Tp", "Ts", "Gs", "Bs", "Ks", "Ls", "Nxb", NULL };

/* A bare number: optional sign, digits, "." or "," only between digits. */
static gboolean
is_number (Span w)
{
  const char *p = w.s;
  gboolean prev_digit = FALSE, any = FALSE;

  if (p < w.e && (*p == '+' || *p == '-'))
    p++;
  while (p < w.e)
    {
      int len;
      gunichar c = char_at (p, w.e, &len);

      if (g_unichar_isdigit (c))
        prev_digit = any = TRUE;
      else if ((c == '.' || c == ',') && prev_digit && p + 1 < w.e && g_ascii_isdigit (p[1]))
        prev_digit = FALSE;
      else
        return FALSE;
      p += len;
    }
  return any;
}

/* What may follow a number as its unit or counted noun. */
static gboolean
is_unit_follower (Span w)
{
  gunichar c = span_first (w);

  if (g_unichar_islower (c))
    return TRUE;
  switch (c)
    {
    case '%':
    case 0x2030: /* ‰ */
    case 0x00B0: /* ° */
    case '$':
    case 0x20AC: /* € */
    case 0x00A3: /* £ */
    case 0x00A5: /* ¥ */
    case 0x20AB: /* ₫ */
      return TRUE;
    default:
      break;
    }
  for (int i = 0; upper_units[i] != NULL; i++)
    if (span_equal (strip_closing (w), upper_units[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_abbreviation (Span w)
{
  int letters = 0, inner_dots = 0;
  gboolean final_dot = FALSE, prev_dot = TRUE;

  if (span_empty (w))
    return FALSE;
  /* Every shape below starts with A–Z or Đ (C4 90): most words stop here. */
  if (!((*w.s >= 'A' && *w.s <= 'Z') || ((guchar) w.s[0] == 0xC4 && w.e - w.s > 1
                                         && (guchar) w.s[1] == 0x90)))
    return FALSE;
  for (int i = 0; upper_units[i] != NULL; i++)
    if (span_equal (w, upper_units[i]))
      return FALSE; /* "100 USD mỗi tháng": a unit, it qualifies nothing after it */
  for (int i = 0; listed_abbreviations[i] != NULL; i++)
    {
      Span core = w;

      if (span_last (w) == '.')
        core.e--;
      if (span_equal (core, listed_abbreviations[i]))
        return TRUE;
    }
  /* Capitals, single dots between them, an optional final dot. */
  for (const char *p = w.s; p < w.e;)
    {
      int len;
      gunichar c = char_at (p, w.e, &len);

      if (is_acronym_letter (c))
        {
          letters++;
          prev_dot = FALSE;
        }
      else if (c == '.' && !prev_dot)
        {
          prev_dot = TRUE;
          if (p + len == w.e)
            final_dot = TRUE;
          else
            inner_dots++;
        }
      else
        return FALSE;
      p += len;
    }
  if (letters == 1)
    return final_dot; /* "Q.", "P."; a bare "A" is an initial */
  /* Joined abbreviations such as PGS.TS or TP.HCM: up to eight letters. */
  if (inner_dots > 0)
    return letters <= 8;
  /* Titles and places take a dot (TP., TS., GS., PGS.); a dot after a
   * longer acronym ends the sentence ("… của UBND. Sau đó"). */
  if (final_dot)
    return letters <= 3;
  return letters <= 5; /* UBND, HĐND */
}

/* A capitalised word that may be part of a name: a capital first, and
 * nothing after its last letter or digit (a comma or period ends the
 * name). */
static gboolean
is_name_part (Span w)
{
  return g_unichar_isupper (span_first (w)) && g_unichar_isalnum (span_last (w));
}

/* Whether the paragraph is set in capitals (a heading). */
static gboolean
is_caps_paragraph (const char *text, const char *end)
{
  int letters = 0, lower = 0;

  for (const char *p = text; p < end;)
    {
      int len;
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          /* ASCII, most of the text: GLib's tables agree with these. */
          letters += g_ascii_isalpha (*p) != 0;
          lower += g_ascii_islower (*p) != 0;
          p++;
          continue;
        }
      c = char_at (p, end, &len);
      if (g_unichar_isalpha (c))
        {
          letters++;
          lower += g_unichar_islower (c) != 0;
        }
      p += len;
    }
  return letters > 0 && lower * TS_VN_CAPS_RATIO < letters;
}

/* ---------------------------------------------------------------------- */
/* The rules.  Each gets the word before the space (@a), the word after it
 * (@b) and the word before @a (@z, empty at the paragraph start). */

static int
rule_number (Span z, Span a, Span b, const TsVnRules *rules)
{
  Span bare = strip_opening (a);

  if (is_number (bare))
    {
      /* A date part: "năm 2020 và" is a year; only "ngày 5 tháng 2 năm"
       * keeps going, softly, as a date. */
      if (span_in_ci (strip_opening (z), date_words))
        return span_in_ci (b, date_words) ? rules->date : 0;
      return is_unit_follower (b) ? rules->number_unit : 0;
    }
  /* "1,5 tỷ đồng": a magnitude after a quantity passes the keep on. */
  if (span_in_ci (a, magnitude_words) && is_number (strip_opening (z)) && is_unit_follower (b))
    return rules->number_unit;
  return 0;
}

static int
rule_date (Span a, Span b, const TsVnRules *rules)
{
  if (span_in_ci (strip_opening (a), date_words) && g_unichar_isdigit (span_first (b)))
    return rules->date;
  return 0;
}

static int
rule_abbreviation (Span a, const TsVnRules *rules)
{
  return is_abbreviation (strip_opening (a)) ? rules->abbreviation : 0;
}

static int
rule_name (Span z, Span a, Span b, const TsVnRules *rules)
{
  if (!is_name_part (strip_opening (a)) || !g_unichar_isupper (span_first (b)))
    return 0;
  /* The first word of a sentence is capitalised anyway. */
  if (span_empty (z) || is_sentence_end (span_last (strip_closing_marks (z))))
    return 0;
  return rules->name;
}

static int
rule_punctuation (Span z, Span a, Span b, const TsVnRules *rules)
{
  if (span_all (b, is_closing) || span_all (a, is_opening))
    return rules->punctuation;
  /* A spaced dash stays at the end of the line ("Hà Nội –"); a dialogue
   * dash opening the paragraph stays with its first word. */
  if (span_all (b, is_dash) || (span_empty (z) && span_all (a, is_dash)))
    return rules->punctuation;
  /* A spaced hyphen-minus used as a dash ("2019 - 2020") must not end a
   * line either: text extraction (pdftotext) takes a line-final '-' for a
   * hyphenation and joins it away, losing the character. */
  if (span_all (a, is_hyphen_minus) && !span_empty (b))
    return rules->punctuation;
  return 0;
}

/* The space before the paragraph's last word (a word has a letter or a
 * digit; a closing mark set off after it does not count): the index in
 * @space_offsets, or -1. */
static int
last_word_space (const char *text, const char *end, const int *space_offsets, int n_spaces)
{
  for (int i = n_spaces - 1; i >= 0; i--)
    {
      Span b;

      if (space_offsets[i] < 0 || text + space_offsets[i] >= end)
        continue;
      b = word_after (text + space_offsets[i], end);
      if (span_count_alnum (b) > 0)
        return i;
    }
  return -1;
}

/* The words of a paragraph (runs of non-space characters), found once in
 * one pass from its start, so that the neighbours of each space are two
 * binary searches instead of three scans (the scans were most of the
 * rules' time on a long article, callgrind).  Only for valid UTF-8 and an
 * offset at a character's start, where reading forwards and backwards
 * (word_before) find the same characters; anything else is scanned as
 * before. */
typedef struct
{
  Span *words;
  int n;
} Words;

static void
words_find (Words *words, const char *text, const char *end)
{
  const char *p = text;

  words->words = g_new (Span, (end - text) / 2 + 1);
  words->n = 0;
  while (p < end)
    {
      Span w;
      int len;

      while (p < end && is_space (char_at (p, end, &len)))
        p += len;
      if (p >= end)
        break;
      w.s = p;
      while (p < end && !is_space (char_at (p, end, &len)))
        p += len;
      w.e = p;
      words->words[words->n++] = w;
    }
}

/* The neighbours of the space at @p, as word_before (@a, and @z before
 * it) and word_after (@b) would find them. */
static void
words_around (const Words *words, const char *text, const char *end, const char *p, Span *z,
              Span *a, Span *b)
{
  int lo = 0, hi = words->n; /* k: the number of words that start before @p */

  while (lo < hi)
    {
      int mid = (lo + hi) / 2;
      if (words->words[mid].s < p)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    {
      a->s = a->e = text;
      z->s = z->e = text;
    }
  else
    {
      a->s = words->words[lo - 1].s;
      a->e = MIN (p, words->words[lo - 1].e);
      if (lo >= 2)
        *z = words->words[lo - 2];
      else
        z->s = z->e = text;
    }
  if (lo > 0 && words->words[lo - 1].e > p)
    {
      b->s = p; /* @p inside a word: its rest */
      b->e = words->words[lo - 1].e;
    }
  else if (lo < words->n)
    *b = words->words[lo];
  else
    b->s = b->e = end;
}

void
ts_vn_space_penalties (const char *text, int length, const int *space_offsets, int n_spaces,
                       const TsVnRules *rules, int *penalties)
{
  const char *end;
  gboolean caps;
  int last, second_last = -1;
  Words words = { NULL, 0 };
  gboolean valid;

  g_return_if_fail (n_spaces <= 0 || (text != NULL && space_offsets != NULL && penalties != NULL));
  g_return_if_fail (rules != NULL);
  if (n_spaces <= 0)
    return;

  end = text + (length < 0 ? (int) strlen (text) : length);
  caps = is_caps_paragraph (text, end);
  valid = g_utf8_validate (text, end - text, NULL);
  if (valid)
    words_find (&words, text, end);

  /* The last-line rules.  The second-to-last space is the last one that
   * lies before the word in front of the last space. */
  last = last_word_space (text, end, space_offsets, n_spaces);
  if (last >= 0)
    {
      Span lastword = word_after (text + space_offsets[last], end);
      Span before = word_before (text, text + space_offsets[last]);

      if (span_count_alnum (lastword) <= rules->short_last_length)
        for (int i = last - 1; i >= 0; i--)
          if (space_offsets[i] >= 0 && text + space_offsets[i] < before.s)
            {
              second_last = i;
              break;
            }
    }

  for (int i = 0; i < n_spaces; i++)
    {
      const char *p;
      Span z, a, b;
      int pen = 0;

      penalties[i] = 0;
      if (space_offsets[i] < 0 || text + space_offsets[i] >= end)
        continue;
      p = text + space_offsets[i];
      if (valid && ((guchar) *p & 0xC0) != 0x80) /* at a character's start */
        words_around (&words, text, end, p, &z, &a, &b);
      else
        {
          a = word_before (text, p);
          b = word_after (p, end);
          z = span_empty (a) ? a : word_before (text, a.s);
        }
      if (span_empty (a) || span_empty (b))
        continue; /* leading or trailing space: nothing to keep together */

      pen = MAX (pen, rule_number (z, a, b, rules));
      pen = MAX (pen, rule_date (a, b, rules));
      pen = MAX (pen, rule_punctuation (z, a, b, rules));
      if (!caps)
        {
          pen = MAX (pen, rule_abbreviation (a, rules));
          pen = MAX (pen, rule_name (z, a, b, rules));
        }
      if (i == last)
        pen = MAX (pen, rules->last_space);
      if (i == second_last)
        pen = MAX (pen, rules->short_last);
      penalties[i] = CLAMP (pen, 0, TS_PENALTY_INFINITY);
    }
  g_free (words.words);
}

/* ---------------------------------------------------------------------- */
/* Tokens that must not be split. */

static gboolean
is_token_separator (gunichar c)
{
  switch (c)
    {
    case '.':
    case ',':
    case '/':
    case '-':
    case ':':
    case '%':
    case '\'':
    case '+':
    case 0x2013: /* – */
    case 0x2030: /* ‰ */
    case 0x00B0: /* ° */
    case 0x00B2: /* ² */
    case 0x00B3: /* ³ */
      return TRUE;
    default:
      return FALSE;
    }
}

typedef enum
{
  TOKEN_OTHER,
  TOKEN_DIGIT,
  TOKEN_UPPER,
  TOKEN_LOWER,
  TOKEN_SEPARATOR,
} TokenCharClass;

/* What @c is to ts_vn_token_is_unbreakable: ASCII (most tokens) without
 * GLib's tables. */
static TokenCharClass
token_char_class (gunichar c)
{
  if (c < 0x80)
    {
      if (c >= '0' && c <= '9')
        return TOKEN_DIGIT;
      if (c >= 'A' && c <= 'Z')
        return TOKEN_UPPER;
      if (c >= 'a' && c <= 'z')
        return TOKEN_LOWER;
    }
  else if (g_unichar_isdigit (c))
    return TOKEN_DIGIT;
  else if (g_unichar_isupper (c))
    return TOKEN_UPPER;
  else if (g_unichar_islower (c))
    return TOKEN_LOWER;
  return is_token_separator (c) ? TOKEN_SEPARATOR : TOKEN_OTHER;
}

gboolean
ts_vn_token_is_unbreakable (const char *token, int length)
{
  Span w;
  int chars = 0, digits = 0, capitals = 0, lower = 0, separators = 0, run = 0;

  g_return_val_if_fail (token != NULL || length == 0, FALSE);
  if (token == NULL)
    return FALSE;

  w.s = token;
  w.e = token + (length < 0 ? (int) strlen (token) : length);
  w = strip_closing (strip_opening (w));

  for (const char *p = w.s; p < w.e;)
    {
      int len;
      gunichar c = char_at (p, w.e, &len);

      if (++chars > TS_VN_UNBREAKABLE_MAX_CHARS)
        return FALSE;
      switch (token_char_class (c))
        {
        case TOKEN_DIGIT:
          digits++;
          run = 0;
          break;
        case TOKEN_UPPER:
          capitals++;
          run = 0;
          break;
        case TOKEN_LOWER:
          lower++;
          if (++run > TS_VN_UNIT_RUN_MAX)
            return FALSE;
          break;
        case TOKEN_SEPARATOR:
          separators++;
          run = 0;
          break;
        default:
          return FALSE; /* @, _, =, ?, spaces: an address or prose, not a date or code */
        }
      p += len;
    }

  if (digits > 0)
    return TRUE;
  /* Codes of capitals: NĐ-CP, TT-BTC, QĐ-UBND. */
  return lower == 0 && capitals > 0 && separators > 0;
}
