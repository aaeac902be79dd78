/* vnrules.h — where a Vietnamese line should not break.
 *
 * Vietnamese has no hyphenation: every space between syllables is a legal
 * break.  A reader still reads some neighbours as one unit (VIETNAMESE.md,
 * "Line breaking"): a number and its unit, an abbreviation and what it
 * qualifies, a date, a name.  These functions look at the text alone
 * (NFC UTF-8, no fonts) and price each space; the caller puts the price in
 * a penalty item before the space's glue (see linebreak.h: a penalty of
 * TS_PENALTY_INFINITY there is TeX's ~).
 */
#pragma once

#include <glib.h>

#include "linebreak.h"

G_BEGIN_DECLS

/* The penalty each rule attaches to a space.  0 turns a rule off;
 * TS_PENALTY_INFINITY forbids the break; values between are preferences
 * weighed against the spacing by the breaker (a penalty p costs p^2
 * demerits, as much as a line of badness p). */
typedef struct
{
  /* A number and the word after it: "7 năm", "30 quận", "12 km", "80 %",
   * "1,5 tỷ đồng" (a magnitude word after a number passes the keep on).
   * Default TS_PENALTY_INFINITY. */
  int number_unit;

  /* "ngày", "tháng", "năm", "quý" and the number after it ("ngày
   * 29/4/2021", "tháng 5", "năm 2021", "quý 3"), and inside "ngày 5 tháng 2
   * năm 2021".  Default 500. */
  int date;

  /* After a short abbreviation: all-capital tokens of 2–5 letters (A–Z
   * and Đ: UBND, HĐND, TP, TW), with a final dot only up to 3 letters (TP.,
   * TS., PGS.; "UBND." ends a sentence), joined with inner dots up to 8
   * (PGS.TS, TP.HCM), one capital with a dot ("Q.", "P."), or a listed
   * mixed-case title ("ThS.", "Th.S", "Tp.").  Not a unit code (USD).
   * Default TS_PENALTY_INFINITY. */
  int abbreviation;

  /* Inside a run of capitalised syllables, a personal or place name
   * ("Bắc Từ Liêm", "Nguyễn Văn A").  Default 150: narrow columns need
   * the freedom. */
  int name;

  /* Before closing punctuation set off by a space (" »", " )", " :"), or a
   * spaced dash (" – "; the dash ends the line, never starts the next); after
   * opening punctuation set off by a space ("« ", "( ").  Default
   * TS_PENALTY_INFINITY. */
  int punctuation;

  /* The last space before the paragraph's last word, so that the last line
   * is never one lone syllable.  Default TS_PENALTY_INFINITY. */
  int last_space;

  /* The space before that, when the last word has at most
   * @short_last_length letters and digits ("… đi ạ.", "… Văn A."), so that
   * the last line is not two tiny syllables.  Default 150 and 2. */
  int short_last;
  int short_last_length;
} TsVnRules;

/* The defaults documented above. */
void ts_vn_rules_init (TsVnRules *rules);

/* For each break opportunity (the byte offset of a space in the NFC UTF-8
 * paragraph @text of @length bytes, or -1 for NUL-terminated; offsets
 * sorted ascending), store in @penalties[i] the penalty to attach to
 * @space_offsets[i]: 0 = neutral, TS_PENALTY_INFINITY = never, between = a
 * soft preference.  Where several rules apply the highest wins.  Words are
 * the runs of non-space characters around the space (several spaces in a
 * row count as one gap).  An offset outside the text, or a space with no
 * word on one side (leading or trailing space), gets 0.
 *
 * Heuristics, stated so the caller knows what to expect:
 *  - number_unit applies when the number is bare (digits with "." or ","
 *    between digits, an optional sign) and the next word starts with a
 *    lower-case letter, a unit sign (% ‰ ° and currency signs) or is a known
 *    upper-case unit (USD, VND, VNĐ, EUR, MW, KW, GW, GB, MB, KB, TB).  It
 *    does not apply when punctuation ends the number ("năm 2020, Công an":
 *    the clause ends there) nor when the number is part of a date, i.e.
 *    follows "ngày", "tháng", "năm" or "quý" ("năm 2020 và …" is a year,
 *    not "2020 units of và"); a capitalised word after a number is taken
 *    as the start of a name, not as a unit ("có 3 Phó Giám đốc" is missed).
 *  - name does not count a sentence's first word, which is capitalised
 *    anyway: a pair is a name only when its first word does not start the
 *    paragraph or follow . ! ? or …  ("Theo Bộ Công an": Theo|Bộ neutral,
 *    Bộ|Công kept).  A name at a sentence start is missed; that is the
 *    price of not guessing.
 *  - In a paragraph that is (almost) all capitals, a heading, abbreviation
 *    and name are off: every syllable would look like an acronym or a name.
 *    "Almost": fewer than one letter in ten is lower case.
 *  - A token with a Vietnamese accented vowel (CÔNG, QUẬN) is a syllable in
 *    capitals, never an abbreviation.
 *  - A single capital without a dot ("Nguyễn Văn A") is an initial in a
 *    name, not an abbreviation.
 *  - A lone ASCII quote (" or ') set off by spaces could open or close, so
 *    it is kept with both neighbours. */
void ts_vn_space_penalties (const char *text, int length, const int *space_offsets, int n_spaces,
                            const TsVnRules *rules, int *penalties);

/* Whether the shaper must offer no in-word break inside @token (@length
 * bytes, or -1 for NUL-terminated), after leading opening and trailing
 * closing punctuation are set aside ("(1/4/2014)," is the date 1/4/2014):
 *  - dates and numbers: 29/4/2021, 1/4, 29-4-2021, 1.234,5, 1,5, 2021;
 *  - percentages and measures: 80%, 12,5%, 100.000đ, 12km, 36,5°C;
 *  - times: 7h30, 7h, 19:30;
 *  - document numbers and codes: 22-NQ/QU, 30/2020/NĐ-CP, NĐ-CP, COVID-19.
 * That is: a token of digits, capitals, lower-case runs of at most three
 * letters (units: h, km, đ, kg), and the separators . , / - – : % ‰ ° ' + ²
 * ³, with at least one digit, or only capitals joined by - / . (NĐ-CP).
 * Not: a word (năm, UBND), anything with other characters (a URL or an
 * address: "https://…", "a@b.vn"), a lower-case run of four or more
 * letters ("bai-viet-2021"), and any token over 32 characters, which must
 * stay breakable so that a narrow column can always be filled. */
gboolean ts_vn_token_is_unbreakable (const char *token, int length);

G_END_DECLS
