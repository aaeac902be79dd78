/* style.c — style sheets: one table of keys, and everything derived from it.
 *
 * Plan
 *
 *  1. KEYS[] is the whole vocabulary.  Each row gives a key's group and name,
 *     its type, the TsStyle field(s) it writes (offsetof), the font whose
 *     size is its em, its range or choices, its built-in default written as
 *     a style file would write it, and one line of documentation.  Defaults,
 *     loading, --set, validation, error messages and --help-style all read
 *     that table; no key has code of its own.
 *
 *  2. A style is built in layers: the built-in defaults, then each style file
 *     from the root of its `[style] base` chain down to the file named, then
 *     the --set assignments.  A later layer beats an earlier one.  Inside one
 *     file, keys are applied in table order, not file order, so a specific
 *     key beats its shorthand (page.width beats page.size, margin-top beats
 *     margin) whatever order the file writes them in.
 *
 *  3. A length written in em is remembered beside the public struct (see
 *     StylePrivate) and resolved again whenever a font may have changed, so
 *     "indent = 1.2em" follows a body.font set later by a child style or by
 *     --set, as CSS's em does.
 *
 *  4. GKeyFile parses values but keeps no line numbers, so scan_source()
 *     reads the same text once more and records where each group and key
 *     is.  Every message names its place: FILE:LINE, or "--set group.key".
 *
 * Invariants after every successful public call: every length field is in
 * [-TS_LENGTH_MAX, TS_LENGTH_MAX], every font has a family and a size in
 * (0, TS_FONT_SIZE_MAX], every string is valid NFC UTF-8.
 */
#include "style.h"
#include "error.h"

#include <stddef.h>
#include <string.h>

/* The PDF 1.x page limit is 14400 units (200 in; Acrobat enforces it), so no
 * length in a style can usefully be larger; the cap also keeps a sum of a
 * few lengths far inside int (2^31 Pango units is about 2,097,000 pt). */
#define TS_LENGTH_MAX (14400 * PANGO_SCALE)

/* A 1000 pt letter is 35 cm tall: anything larger is a typo. */
#define TS_FONT_SIZE_MAX (1000 * PANGO_SCALE)

/* A base chain deeper than this is a mistake; the cap also bounds recursion
 * when a cycle hides behind different spellings of one path. */
#define TS_STYLE_MAX_DEPTH 16

/* Leading of the single-line roles that have no leading key (header,
 * footer, masthead date): Noto's ascent + descent is 1.362 em and a stacked
 * capital (Ẫ, Ỗ) reaches 1.05 em above the baseline, so 1.4 em holds any
 * Vietnamese line without clipping. */
#define TS_DERIVED_LEADING_PER_MILLE 1400

/* Keys longer than this are not worth a "did you mean". */
#define TS_SUGGEST_MAX_LENGTH 32

typedef enum
{
  KEY_LENGTH,    /* int Pango units, written with a unit */
  KEY_FONT,      /* PangoFontDescription *, with family and size */
  KEY_STRING,    /* char *, any text */
  KEY_TEMPLATE,  /* char *, text with {field}s from template_fields */
  KEY_INT,       /* int in [min, max] */
  KEY_PERCENT,   /* int in [min, max], written "50%" or "50" */
  KEY_BOOL,      /* gboolean */
  KEY_ENUM,      /* TsAlign (int-sized): the index of the choice */
  KEY_ENUM_NAME, /* char *: the canonical spelling of the choice */
  KEY_COLOR,     /* guint32 0xRRGGBB */
  KEY_PAGE_SIZE, /* two ints: fields[0] width, fields[1] height */
  KEY_BASE,      /* [style] base: read by the loader, writes no field */
} KeyType;

typedef struct
{
  const char *group;
  const char *key;
  KeyType type;
  int n_fields;
  gsize fields[4];            /* offsetof (TsStyle, …) of each field written */
  gsize em_font;              /* LENGTH: the PangoFontDescription * that is 1em */
  int min, max;               /* INT, PERCENT: inclusive; LENGTH: min 1 = must be > 0 */
  const char *const *choices; /* ENUM, ENUM_NAME: NULL-terminated */
  const char *fallback;       /* built-in default as a style file writes it; NULL = none */
  const char *doc;
} KeyInfo;

/* KEY_ENUM fields are TsAlign, written through an int. */
G_STATIC_ASSERT (sizeof (TsAlign) == sizeof (int));

static const char *const align_choices[] = { "justify", "left", "center", "right", NULL };
static const char *const algorithm_choices[] = { "total-fit", "first-fit", NULL };
static const char *const article_start_choices[] = { "page", "right", NULL };
static const char *const figure_width_choices[] = { "column", "full", NULL };
static const char *const expansion_choices[] = { "auto", "on", "off", NULL };

/* The fields a header, footer or masthead template may name; finalize.c
 * fills them in.  {name} is masthead.name, {date} the article's date. */
static const char *const template_fields[] = {
  "name", "subtitle", "title", "date", "author", "source", "page", "pages", NULL,
};

/* Named paper sizes, portrait, written as a style file would write them so
 * that "A4" and "210mm 297mm" round identically.  B5 is ISO (not JIS). */
static const struct
{
  const char *name, *width, *height;
} paper_sizes[] = {
  { "A3", "297mm", "420mm" }, { "A4", "210mm", "297mm" },    { "A5", "148mm", "210mm" },
  { "B5", "176mm", "250mm" }, { "letter", "8.5in", "11in" }, { "legal", "8.5in", "14in" },
};

#define F(field) offsetof (TsStyle, field)
#define K(g, k, t) .group = g, .key = k, .type = t
#define FIELD(field) .n_fields = 1, .fields = { F (field) }
#define EM(font) .em_font = F (font)

/* The seven keys of a text role.  Leading must be positive; the other
 * lengths may be zero but not negative (no stage has to handle a hanging
 * first line or overlapping blocks). */
/* clang-format off */
#define ROLE(g, m, what, one, font_, leading_, before_, after_, indent_, align_, color_)          \
  { K (g, "font", KEY_FONT), FIELD (m.font), .fallback = font_,                                   \
    .doc = "font of " what ": family, style, weight and size in points" },                        \
  { K (g, "leading", KEY_LENGTH), FIELD (m.leading), EM (m.font), .min = 1,                       \
    .fallback = leading_, .doc = "baseline-to-baseline distance of " what },                      \
  { K (g, "space-before", KEY_LENGTH), FIELD (m.space_before), EM (m.font),                       \
    .fallback = before_, .doc = "extra space above each " one },                                  \
  { K (g, "space-after", KEY_LENGTH), FIELD (m.space_after), EM (m.font),                         \
    .fallback = after_, .doc = "extra space below each " one },                                   \
  { K (g, "indent", KEY_LENGTH), FIELD (m.indent), EM (m.font),                                   \
    .fallback = indent_, .doc = "first-line indent of each " one },                               \
  { K (g, "align", KEY_ENUM), FIELD (m.align), .choices = align_choices,                          \
    .fallback = align_, .doc = "alignment of " what },                                            \
  { K (g, "color", KEY_COLOR), FIELD (m.color),                                                   \
    .fallback = color_, .doc = "colour of " what }
/* clang-format on */

/* Every key.  Order matters in one way only: a shorthand comes before the
 * keys it abbreviates (page.size before page.width, page.margin before
 * page.margin-top), because keys of one file are applied in this order.
 *
 * The defaults are what styles/plain.style gives.  Leading is chosen for
 * Vietnamese: with Noto, a stacked capital (Ẫ) reaches 1.05 em above the
 * baseline and a descender (g, y) 0.24 em below it, so lines of one role
 * touch below 1.29 em; every role here is at 1.31 em or more. */
static const KeyInfo KEYS[] = {
  { K ("style", "base", KEY_BASE),
    .doc = "style to start from: a name in the styles folder, or a path relative to this file" },

  { K ("page", "size", KEY_PAGE_SIZE), .n_fields = 2, .fields = { F (page_width), F (page_height) },
    .fallback = "A4",
    .doc = "A3, A4, A5, B5, letter or legal, optionally followed by landscape; or WIDTH HEIGHT" },
  { K ("page", "width", KEY_LENGTH), FIELD (page_width), EM (body.font), .min = 1,
    .doc = "page width; overrides page.size" },
  { K ("page", "height", KEY_LENGTH), FIELD (page_height), EM (body.font), .min = 1,
    .doc = "page height; overrides page.size" },
  { K ("page", "margin", KEY_LENGTH), .n_fields = 4,
    .fields = { F (margin_top), F (margin_bottom), F (margin_left), F (margin_right) },
    EM (body.font), .doc = "all four margins; margin-top and the others override it" },
  { K ("page", "margin-top", KEY_LENGTH), FIELD (margin_top), EM (body.font), .fallback = "20mm",
    .doc = "top margin; the running header sits in it" },
  { K ("page", "margin-bottom", KEY_LENGTH), FIELD (margin_bottom), EM (body.font),
    .fallback = "22mm", .doc = "bottom margin; the footer sits in it" },
  { K ("page", "margin-left", KEY_LENGTH), FIELD (margin_left), EM (body.font), .fallback = "22mm",
    .doc = "left margin" },
  { K ("page", "margin-right", KEY_LENGTH), FIELD (margin_right), EM (body.font),
    .fallback = "22mm", .doc = "right margin" },
  { K ("page", "columns", KEY_INT), FIELD (columns), .min = 1, .max = 6, .fallback = "1",
    .doc = "number of text columns" },
  { K ("page", "column-gap", KEY_LENGTH), FIELD (column_gap), EM (body.font), .fallback = "6mm",
    .doc = "space between columns" },
  { K ("page", "column-rule", KEY_LENGTH), FIELD (column_rule), EM (body.font), .fallback = "0",
    .doc = "thickness of a vertical rule in the middle of each column gap; 0 = none" },
  { K ("page", "balance", KEY_BOOL), FIELD (balance), .fallback = "true",
    .doc = "end the columns of the last page level" },
  { K ("page", "article-start", KEY_ENUM_NAME), FIELD (article_start),
    .choices = article_start_choices, .fallback = "page",
    .doc = "several inputs: each article starts on a new page, or on a new right-hand page" },

  /* 11/15 is 1.36 em, Noto's own ascent + descent.  Pure black: a printer
   * turns an RGB grey such as #1a1a1a into four inks, and small text in four
   * inks blurs with the slightest misregistration. */
  ROLE ("body", body, "body text", "paragraph", "Noto Serif 11", "15pt", "0", "0", "1.2em",
        "justify", "#000000"),
  ROLE ("caption", caption, "photo captions", "caption", "Noto Serif Italic 9.5", "12.5pt", "6pt",
        "10pt", "0", "center", "#333333"),
  { K ("caption", "rule", KEY_LENGTH), FIELD (caption_rule), EM (caption.font), .fallback = "0",
    .doc = "thickness of a short rule above each caption; 0 = none" },
  /* 28pt, not 26pt: at 1.24 em a stacked capital in the second line of a
   * headline (Ấn, Ễ) meets a descender of the first. */
  ROLE ("title", title, "the article title", "title", "Noto Sans Bold 21", "28pt", "0", "10pt", "0",
        "left", "#000000"),
  /* 17pt, not 16pt, for the same reason (1.36 em). */
  ROLE ("heading", heading, "section headings", "heading", "Noto Sans Bold 12.5", "17pt", "12pt",
        "4pt", "0", "left", "#000000"),
  ROLE ("quote", quote, "block quotes", "quote", "Noto Serif Italic 11", "15pt", "6pt", "6pt", "0",
        "justify", "#000000"),
  ROLE ("byline", byline, "author and source lines", "byline", "Noto Sans 9", "12pt", "0", "12pt",
        "0", "left", "#333333"),

  { K ("masthead", "show", KEY_BOOL), FIELD (masthead), .fallback = "false",
    .doc = "print the masthead at the top of page 1" },
  { K ("masthead", "name", KEY_STRING), FIELD (masthead_name), .fallback = "BẢN TIN",
    .doc = "the publication's name; also {name} in header and footer templates" },
  { K ("masthead", "subtitle", KEY_STRING), FIELD (masthead_subtitle), .fallback = "",
    .doc = "line under the name, e.g. the organisation; empty = none" },
  { K ("masthead", "font", KEY_FONT), FIELD (masthead_style.font), .fallback = "Noto Sans Bold 30",
    .doc = "font of the masthead name" },
  { K ("masthead", "date-font", KEY_FONT), FIELD (masthead_date_style.font),
    .fallback = "Noto Sans 10.5", .doc = "font of the masthead's subtitle and date line" },
  /* 40pt (1.33 em), not 34pt: the name is set in capitals, and a two-line
   * name with Ậ above Ẫ needs 1.27 em to keep the marks apart. */
  { K ("masthead", "leading", KEY_LENGTH), FIELD (masthead_style.leading), EM (masthead_style.font),
    .min = 1, .fallback = "40pt", .doc = "baseline-to-baseline distance of the masthead name" },
  { K ("masthead", "space-after", KEY_LENGTH), FIELD (masthead_style.space_after),
    EM (masthead_style.font), .fallback = "14pt",
    .doc = "space between the masthead and the text" },
  { K ("masthead", "align", KEY_ENUM), FIELD (masthead_style.align), .choices = align_choices,
    .fallback = "left", .doc = "alignment of the masthead" },
  { K ("masthead", "color", KEY_COLOR), FIELD (masthead_style.color), .fallback = "#000000",
    .doc = "colour of the masthead and its rule" },
  { K ("masthead", "rule", KEY_LENGTH), FIELD (masthead_rule), EM (masthead_style.font),
    .fallback = "1.5pt", .doc = "thickness of the rule under the masthead; 0 = none" },

  { K ("header", "show", KEY_BOOL), FIELD (header), .fallback = "true",
    .doc = "print a running header from page 2 on" },
  { K ("header", "left", KEY_TEMPLATE), FIELD (header_left), .fallback = "{name}",
    .doc = "template set flush left in the header" },
  { K ("header", "right", KEY_TEMPLATE), FIELD (header_right), .fallback = "{date}",
    .doc = "template set flush right in the header" },
  { K ("header", "font", KEY_FONT), FIELD (header_style.font), .fallback = "Noto Sans 8.5",
    .doc = "font of the header" },
  { K ("header", "rule", KEY_LENGTH), FIELD (header_rule), EM (header_style.font),
    .fallback = "0.4pt", .doc = "thickness of the rule under the header; 0 = none" },

  { K ("footer", "show", KEY_BOOL), FIELD (footer), .fallback = "true",
    .doc = "print a footer on every page" },
  { K ("footer", "center", KEY_TEMPLATE), FIELD (footer_center), .fallback = "{page}",
    .doc = "template centred in the footer" },
  { K ("footer", "left", KEY_TEMPLATE), FIELD (footer_left), .fallback = "",
    .doc = "template flush left in the footer" },
  { K ("footer", "right", KEY_TEMPLATE), FIELD (footer_right), .fallback = "",
    .doc = "template flush right in the footer (the bulletin's folio: a folio centred under "
           "a column gap lets a text extractor join the columns' reading order)" },
  { K ("footer", "font", KEY_FONT), FIELD (footer_style.font), .fallback = "Noto Sans 8.5",
    .doc = "font of the footer" },

  { K ("breaking", "algorithm", KEY_ENUM_NAME), FIELD (break_algorithm),
    .choices = algorithm_choices, .fallback = "total-fit",
    .doc = "line breaker: Knuth-Plass over the paragraph, or greedy line by line" },
  /* Far above TeX's 200: without hyphenation a narrow Vietnamese column
   * often has no set of breaks with every line under 200 or 400, and the
   * emergency pass that follows chooses worse than a total-fit over a wider
   * feasible set (measured on the seed ×20 at 60 mm: mean |r| 0.41 at 400,
   * 0.32 at 3000).  Badness still ranks the choices. */
  { K ("breaking", "tolerance", KEY_INT), FIELD (tolerance), .min = 0, .max = 10000,
    .fallback = "3000", .doc = "largest badness a line may have, as TeX's \\tolerance" },
  { K ("breaking", "space-stretch", KEY_PERCENT), FIELD (space_stretch_pct), .min = 0, .max = 1000,
    .fallback = "50%", .doc = "how far a space may stretch, in % of its width" },
  /* Past 100% a space would have negative width. */
  { K ("breaking", "space-shrink", KEY_PERCENT), FIELD (space_shrink_pct), .min = 0, .max = 100,
    .fallback = "33%", .doc = "how far a space may shrink, in % of its width" },
  { K ("breaking", "hanging-punctuation", KEY_BOOL), FIELD (hanging_punctuation),
    .fallback = "true",
    .doc = "let stops, commas, quotes and dashes at line ends hang partly into the margin" },
  /* Vietnamese is never hyphenated, so narrow justified columns stay loose
   * without a little give in the letters themselves (hz, pdfTeX). */
  { K ("breaking", "expansion", KEY_ENUM_NAME), FIELD (expansion),
    .choices = expansion_choices, .fallback = "auto",
    .doc = "font expansion: scale a line's glyphs by at most expansion-limit; auto = the "
           "full limit in columns narrower than expansion-below, three quarters of it in "
           "wider ones" },
  { K ("breaking", "expansion-limit", KEY_INT), FIELD (expansion_limit), .min = 0, .max = 50,
    .fallback = "20", .doc = "largest font expansion, in per mille of the glyph widths (20 = 2%)" },
  { K ("breaking", "expansion-below", KEY_LENGTH), FIELD (expansion_below),
    .fallback = "100mm", .doc = "expansion auto: used in columns narrower than this" },
  { K ("breaking", "keep-number-unit", KEY_INT), FIELD (keep_number_unit), .min = 0,
    .max = 10000, .fallback = "10000",
    .doc = "penalty of a break between a number and its unit or noun (7 năm, 80 %); 10000 = never" },
  { K ("breaking", "keep-date", KEY_INT), FIELD (keep_date), .min = 0, .max = 10000,
    .fallback = "500", .doc = "penalty of a break between ngày/tháng/năm and its number" },
  { K ("breaking", "keep-abbreviation", KEY_INT), FIELD (keep_abbreviation), .min = 0,
    .max = 10000, .fallback = "10000",
    .doc = "penalty of a break after a short abbreviation (TP, UBND, Q.)" },
  { K ("breaking", "keep-name", KEY_INT), FIELD (keep_name), .min = 0, .max = 10000,
    .fallback = "150", .doc = "penalty of a break inside a name of capitalised syllables" },
  { K ("breaking", "keep-punctuation", KEY_INT), FIELD (keep_punctuation), .min = 0,
    .max = 10000, .fallback = "10000",
    .doc = "penalty of a break before spaced closing or after spaced opening punctuation" },
  { K ("breaking", "keep-last-word", KEY_INT), FIELD (keep_last_word), .min = 0, .max = 10000,
    .fallback = "10000", .doc = "penalty of a last line of one syllable" },
  { K ("breaking", "keep-short-last", KEY_INT), FIELD (keep_short_last), .min = 0,
    .max = 10000, .fallback = "150",
    .doc = "penalty of a last line of two syllables when the last one is tiny (… đi ạ.)" },
  { K ("breaking", "widows", KEY_INT), FIELD (widows), .min = 1, .max = 10, .fallback = "2",
    .doc = "fewest lines of a paragraph carried to the head of a column" },
  { K ("breaking", "orphans", KEY_INT), FIELD (orphans), .min = 1, .max = 10, .fallback = "2",
    .doc = "fewest lines of a paragraph left at the foot of a column" },

  { K ("text", "smart-quotes", KEY_BOOL), FIELD (smart_quotes), .fallback = "true",
    .doc = "straight quotes in .txt input become “…” and ‘…’" },
  { K ("text", "ellipsis", KEY_BOOL), FIELD (smart_ellipsis), .fallback = "true",
    .doc = "three full stops (...) become an ellipsis (…)" },
  { K ("text", "dashes", KEY_BOOL), FIELD (smart_dashes), .fallback = "true",
    .doc = "a hyphen with a space on each side becomes an en dash (–)" },

  { K ("figure", "width", KEY_ENUM_NAME), FIELD (figure_width), .choices = figure_width_choices,
    .fallback = "column",
    .doc = "photos as wide as a column, or across all columns; {wide} after a photo asks for full" },
  /* A portrait photo at column width would fill a whole column. */
  { K ("figure", "max-height", KEY_PERCENT), FIELD (figure_max_height_pct), .min = 10, .max = 100,
    .fallback = "60%", .doc = "tallest photo, in % of the text area's height" },
  { K ("figure", "gap", KEY_LENGTH), FIELD (figure_gap), EM (caption.font), .fallback = "4pt",
    .doc = "space between a photo and its caption" },
  /* 150 dpi: below it a photo on coated paper looks soft (print shops ask
   * for 300; a news photo from the web rarely has it). */
  { K ("figure", "resolution", KEY_INT), FIELD (figure_resolution), .min = 0, .max = 2400,
    .fallback = "150",
    .doc = "never set a photo larger than its pixels at this many dpi (a small photo stays "
           "small, centred); 0 = always as wide as the column" },

  { K ("cover", "show", KEY_BOOL), FIELD (cover), .fallback = "false",
    .doc = "several inputs: a cover page first (then a blank page, its back)" },
  { K ("cover", "title", KEY_STRING), FIELD (cover_title), .fallback = "",
    .doc = "the cover's title, e.g. KỶ YẾU; empty = the first article's title" },
  { K ("cover", "subtitle", KEY_STRING), FIELD (cover_subtitle), .fallback = "",
    .doc = "line under the cover title; empty = none" },
  { K ("cover", "organisation", KEY_STRING), FIELD (cover_organisation), .fallback = "",
    .doc = "the publishing organisation, at the foot of the cover; empty = none" },
  { K ("cover", "year", KEY_STRING), FIELD (cover_year), .fallback = "",
    .doc = "the year (or place and year) under the organisation; empty = none" },
  { K ("cover", "title-font", KEY_FONT), FIELD (cover_title_style.font),
    .fallback = "Noto Sans Bold 24", .doc = "font of the cover title" },
  { K ("cover", "font", KEY_FONT), FIELD (cover_style.font), .fallback = "Noto Sans 12",
    .doc = "font of the cover's subtitle, organisation and year" },

  { K ("contents", "show", KEY_BOOL), FIELD (contents), .fallback = "false",
    .doc = "several inputs: a table of contents after the cover" },
  { K ("contents", "title", KEY_STRING), FIELD (contents_title), .fallback = "MỤC LỤC",
    .doc = "heading of the table of contents" },
  { K ("contents", "font", KEY_FONT), FIELD (contents_style.font), .fallback = "Noto Serif 10.5",
    .doc = "font of the contents entries (titles and page numbers)" },
  { K ("contents", "leading", KEY_LENGTH), FIELD (contents_style.leading),
    EM (contents_style.font), .min = 1, .fallback = "15pt",
    .doc = "baseline-to-baseline distance of the contents entries" },
  { K ("contents", "space-after", KEY_LENGTH), FIELD (contents_style.space_after),
    EM (contents_style.font), .fallback = "4pt", .doc = "space below each contents entry" },

  /* The PDF's document information (render.c); nothing on the page. */
  { K ("document", "title", KEY_STRING), FIELD (document_title), .fallback = "",
    .doc = "the PDF's Title; empty = the article's title (or the masthead and date)" },
  { K ("document", "author", KEY_STRING), FIELD (document_author), .fallback = "",
    .doc = "the PDF's Author; empty = the article's author" },
  { K ("document", "subject", KEY_STRING), FIELD (document_subject), .fallback = "",
    .doc = "the PDF's Subject; empty = the article's source" },
  { K ("document", "keywords", KEY_STRING), FIELD (document_keywords), .fallback = "",
    .doc = "the PDF's Keywords, e.g. \"bản tin, công an, Hà Nội\"; empty = none" },
};

#undef ROLE
#undef EM
#undef FIELD
#undef K
#undef F

/* A length written in em, kept so that it can follow its font. */
typedef struct
{
  gsize field;
  double factor; /* the number before "em" */
  const KeyInfo *info;
} EmLength;

/* What a TsStyle carries beyond the public struct.  The public struct comes
 * first, so the TsStyle * handed out is also a StylePrivate *; every TsStyle
 * is made here (ts_style_new_default, ts_style_load). */
typedef struct
{
  TsStyle style;
  GArray *em_lengths; /* EmLength, at most one per field */
} StylePrivate;

/* One [group] or key = value line of a style file. */
typedef struct
{
  char *group;
  char *key; /* NULL on a [group] line */
  int line;  /* 1-based */
} SourceLine;

static void *
field_at (TsStyle *style, gsize offset)
{
  return (char *)style + offset;
}

static const KeyInfo *
find_key (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    if (strcmp (KEYS[i].group, group) == 0 && strcmp (KEYS[i].key, key) == 0)
      return &KEYS[i];
  return NULL;
}

static gboolean
group_is_known (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    if (strcmp (KEYS[i].group, group) == 0)
      return TRUE;
  return FALSE;
}

/* The groups in table order, each once (transfer container). */
static GPtrArray *
list_groups (void)
{
  GPtrArray *groups = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    if (i == 0 || strcmp (KEYS[i].group, KEYS[i - 1].group) != 0)
      g_ptr_array_add (groups, (char *)KEYS[i].group);
  return groups;
}

/* The keys of @group in table order (transfer container). */
static GPtrArray *
list_keys (const char *group)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    if (strcmp (KEYS[i].group, group) == 0)
      g_ptr_array_add (keys, (char *)KEYS[i].key);
  return keys;
}

static char *
join (GPtrArray *words, const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (words, i));
    }
  return g_string_free (out, FALSE);
}

static char *
join_choices (const char *const *choices, const char *separator)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new ();

  for (int i = 0; choices[i] != NULL; i++)
    g_ptr_array_add (words, (char *)choices[i]);
  return join (words, separator);
}

/* Optimal string alignment distance (Levenshtein plus adjacent swaps, so
 * "fnot" is one step from "font"), ignoring ASCII case and reading '_' as
 * '-' since both spellings are common in config files. */
static int
edit_distance (const char *a, const char *b)
{
  int d[TS_SUGGEST_MAX_LENGTH + 1][TS_SUGGEST_MAX_LENGTH + 1];
  char x[TS_SUGGEST_MAX_LENGTH + 1], y[TS_SUGGEST_MAX_LENGTH + 1];
  int n = (int)strlen (a), m = (int)strlen (b);

  if (n > TS_SUGGEST_MAX_LENGTH || m > TS_SUGGEST_MAX_LENGTH)
    return G_MAXINT;
  for (int i = 0; i < n; i++)
    x[i] = a[i] == '_' ? '-' : g_ascii_tolower (a[i]);
  for (int j = 0; j < m; j++)
    y[j] = b[j] == '_' ? '-' : g_ascii_tolower (b[j]);

  for (int i = 0; i <= n; i++)
    d[i][0] = i;
  for (int j = 0; j <= m; j++)
    d[0][j] = j;
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= m; j++)
      {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        int best = MIN (d[i - 1][j] + 1, d[i][j - 1] + 1);

        best = MIN (best, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
          best = MIN (best, d[i - 2][j - 2] + 1);
        d[i][j] = best;
      }
  return d[n][m];
}

/* The candidate @word most likely meant, or NULL.  The allowance grows with
 * the candidate's length: one slip in a short word, two in a long one. */
static const char *
suggest (const char *word, GPtrArray *candidates)
{
  const char *best = NULL;
  int best_distance = G_MAXINT;

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *candidate = g_ptr_array_index (candidates, i);
      int length = (int)strlen (candidate);
      int allowed = length <= 4 ? 1 : length <= 8 ? 2 : 3;
      int distance = edit_distance (word, candidate);

      if (distance <= allowed && distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  return best;
}

static char *
unknown_group_message (const char *group)
{
  g_autoptr (GPtrArray) groups = list_groups ();
  g_autofree char *all = join (groups, ", ");
  const char *guess = suggest (group, groups);

  if (guess != NULL)
    return g_strdup_printf ("unknown group [%s]; did you mean [%s]? (groups: %s)", group, guess,
                            all);
  return g_strdup_printf ("unknown group [%s] (groups: %s)", group, all);
}

static char *
unknown_key_message (const char *group, const char *key)
{
  g_autoptr (GPtrArray) keys = list_keys (group);
  g_autofree char *all = join (keys, ", ");
  const char *guess = suggest (key, keys);

  if (guess != NULL)
    return g_strdup_printf ("unknown key '%s' in [%s]; did you mean '%s'? (keys: %s)", key, group,
                            guess, all);
  return g_strdup_printf ("unknown key '%s' in [%s] (keys: %s)", key, group, all);
}

/* ---- values ------------------------------------------------------------ */

typedef enum
{
  UNIT_PT,
  UNIT_MM,
  UNIT_CM,
  UNIT_IN,
  UNIT_EM,
} LengthUnit;

static const struct
{
  const char *name;
  LengthUnit unit;
  double points; /* one unit in points; em is the caller's */
} length_units[] = {
  { "pt", UNIT_PT, 1.0 },  { "mm", UNIT_MM, 72.0 / 25.4 }, { "cm", UNIT_CM, 720.0 / 25.4 },
  { "in", UNIT_IN, 72.0 }, { "em", UNIT_EM, 0.0 },
};

/* Splits "12.5mm" into 12.5 and UNIT_MM.  The grammar is deliberately
 * narrow: an optional sign, digits with at most one decimal point, then a
 * unit with nothing between.  No exponents, no spaces, no "inf"; only 0 may
 * go without a unit, because "12" could mean any of them. */
static gboolean
length_scan (const char *text, double *number, LengthUnit *unit)
{
  const char *p = text;
  int n_digits = 0;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, n_digits++;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, n_digits++;
    }
  if (n_digits == 0)
    return FALSE;

  g_autofree char *digits = g_strndup (text, p - text);
  *number = g_ascii_strtod (digits, NULL);
  if (*p == '\0')
    {
      *unit = UNIT_PT;
      return *number == 0.0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (length_units); i++)
    if (g_ascii_strcasecmp (p, length_units[i].name) == 0)
      {
        *unit = length_units[i].unit;
        return TRUE;
      }
  return FALSE;
}

static int
round_units (double value)
{
  return value >= 0 ? (int)(value + 0.5) : -(int)(-value + 0.5);
}

/* @number @unit in Pango units; @em is one em in Pango units.  FALSE when
 * the result is beyond TS_LENGTH_MAX. */
static gboolean
length_to_units (double number, LengthUnit unit, int em, int *out)
{
  double value = 0.0;

  if (unit == UNIT_EM)
    value = number * em;
  else
    for (gsize i = 0; i < G_N_ELEMENTS (length_units); i++)
      if (length_units[i].unit == unit)
        value = number * length_units[i].points * PANGO_SCALE;
  if (value > TS_LENGTH_MAX || value < -TS_LENGTH_MAX)
    return FALSE;
  *out = round_units (value);
  return TRUE;
}

gboolean
ts_length_parse (const char *text, int em, int *out)
{
  double number;
  LengthUnit unit;
  int units;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!length_scan (text, &number, &unit))
    return FALSE;
  if (unit == UNIT_EM && em <= 0)
    return FALSE;
  if (!length_to_units (number, unit, em, &units))
    return FALSE;
  if (out != NULL)
    *out = units;
  return TRUE;
}

static char *
not_a_length (const char *value)
{
  /* Vietnamese writes 1,5 for 1.5; say so rather than only "not a length". */
  const char *hint = strchr (value, ',') ? " (with a decimal point, not a comma)" : "";

  return g_strdup_printf ("'%s' is not a length; write e.g. 12pt, 4.2mm, 1.2em%s", value, hint);
}

static void
forget_em (StylePrivate *priv, gsize field)
{
  for (guint i = 0; i < priv->em_lengths->len; i++)
    if (g_array_index (priv->em_lengths, EmLength, i).field == field)
      {
        g_array_remove_index_fast (priv->em_lengths, i);
        return;
      }
}

static gboolean
set_length (StylePrivate *priv, const KeyInfo *info, const char *value, char **why)
{
  double number;
  LengthUnit unit;
  int units = 0;

  if (!length_scan (value, &number, &unit))
    {
      *why = not_a_length (value);
      return FALSE;
    }
  if (number < 0)
    {
      *why = g_strdup_printf ("'%s' is negative; write 0 or more", value);
      return FALSE;
    }
  if (info->min > 0 && number == 0)
    {
      *why = g_strdup_printf ("'%s' must be greater than 0", value);
      return FALSE;
    }
  /* em lengths get their value in resolve(), once the font is final. */
  if (unit != UNIT_EM && !length_to_units (number, unit, 0, &units))
    {
      *why = g_strdup_printf ("'%s' is too large; the largest length is 14400pt (200in)", value);
      return FALSE;
    }

  for (int i = 0; i < info->n_fields; i++)
    {
      forget_em (priv, info->fields[i]);
      if (unit == UNIT_EM)
        {
          EmLength em = { info->fields[i], number, info };
          g_array_append_val (priv->em_lengths, em);
        }
      else
        *(int *)field_at (&priv->style, info->fields[i]) = units;
    }
  return TRUE;
}

static gboolean
parse_font (const char *value, PangoFontDescription **out, char **why)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (value);
  PangoFontMask mask = pango_font_description_get_set_fields (desc);
  const char *family = pango_font_description_get_family (desc);
  int size = pango_font_description_get_size (desc);

  if (!(mask & PANGO_FONT_MASK_FAMILY) || family == NULL || *family == '\0')
    {
      *why = g_strdup_printf ("'%s' names no font family; write e.g. Noto Serif 11", value);
      return FALSE;
    }
  if (!(mask & PANGO_FONT_MASK_SIZE))
    {
      *why = g_strdup_printf ("'%s' has no size; write the size in points, e.g. %s 11", value,
                              family);
      return FALSE;
    }
  /* Pango reads "Noto Serif 11,5" as the families "Noto Serif 11" and "5". */
  if (strchr (value, ',') != NULL && g_ascii_isdigit (family[strlen (family) - 1]))
    {
      *why = g_strdup_printf ("'%s': write the size with a decimal point, e.g. 11.5", value);
      return FALSE;
    }
  if (pango_font_description_get_size_is_absolute (desc))
    {
      *why = g_strdup_printf ("'%s' gives the size in pixels; write it in points, e.g. %s 11",
                              value, family);
      return FALSE;
    }
  if (size <= 0)
    {
      *why = g_strdup_printf ("'%s': the size must be greater than 0", value);
      return FALSE;
    }
  if (size > TS_FONT_SIZE_MAX)
    {
      *why = g_strdup_printf ("'%s': the size is too large; the largest is 1000", value);
      return FALSE;
    }
  *out = g_steal_pointer (&desc);
  return TRUE;
}

static gboolean
check_template (const char *value, char **why)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '}')
        {
          *why = g_strdup_printf ("'%s' has a '}' that closes no {field}", value);
          return FALSE;
        }
      if (*p != '{')
        continue;

      const char *end = strchr (p, '}');
      const char *next_open = strchr (p + 1, '{');
      if (end == NULL || (next_open != NULL && next_open < end))
        {
          *why = g_strdup_printf ("'%s' has a '{' without its '}'", value);
          return FALSE;
        }
      g_autofree char *field = g_strndup (p + 1, end - p - 1);
      if (!g_strv_contains (template_fields, field))
        {
          g_autofree char *all = join_choices (template_fields, "}, {");
          *why = g_strdup_printf ("'%s' names an unknown field {%s}; fields: {%s}", value, field,
                                  all);
          return FALSE;
        }
      p = end;
    }
  return TRUE;
}

/* A whole number in [G_MININT, G_MAXINT], or FALSE. */
static gboolean
parse_int (const char *text, int *out)
{
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    return FALSE;
  *out = (int)number;
  return TRUE;
}

static int
find_choice (const char *const *choices, const char *value)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (choices[i], value) == 0)
      return i;
  return -1;
}

static gboolean
parse_bool (const char *value, gboolean *out)
{
  static const char *const yes[] = { "true", "yes", "on", "1", NULL };
  static const char *const no[] = { "false", "no", "off", "0", NULL };

  if (find_choice (yes, value) >= 0)
    *out = TRUE;
  else if (find_choice (no, value) >= 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_color (const char *value, guint32 *out)
{
  guint32 color = 0;

  if (strlen (value) != 7 || value[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (value[i]);
      if (digit < 0)
        return FALSE;
      color = color << 4 | (guint32)digit;
    }
  *out = color;
  return TRUE;
}

/* "A4", "A4 landscape", "letter", "148mm 210mm". */
static gboolean
parse_page_size (const char *value, int *width, int *height)
{
  g_auto (GStrv) words = g_strsplit_set (value, " \t", -1);
  const char *parts[3];
  int n = 0;

  for (int i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (n == 2)
          return FALSE;
        parts[n++] = words[i];
      }
  if (n == 0)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (paper_sizes); i++)
    if (g_ascii_strcasecmp (parts[0], paper_sizes[i].name) == 0)
      {
        gboolean ok = ts_length_parse (paper_sizes[i].width, 0, width)
                      && ts_length_parse (paper_sizes[i].height, 0, height);
        g_assert (ok);
        if (n == 2 && g_ascii_strcasecmp (parts[1], "landscape") == 0)
          {
            int swap = *width;
            *width = *height;
            *height = swap;
          }
        else if (n == 2 && g_ascii_strcasecmp (parts[1], "portrait") != 0)
          return FALSE;
        return TRUE;
      }

  return n == 2 && ts_length_parse (parts[0], 0, width) && ts_length_parse (parts[1], 0, height)
         && *width > 0 && *height > 0;
}

/* The value as the key's parser sees it: valid UTF-8, NFC (as the text is),
 * trimmed, and without one pair of surrounding quotes, which people write
 * out of habit (font = "Noto Serif 11") and which never belong to a value.
 * NULL when @raw is not UTF-8. */
static char *
clean_value (const char *raw)
{
  if (!g_utf8_validate (raw, -1, NULL))
    return NULL;

  g_autofree char *value = g_strstrip (g_strdup (raw));
  gsize length = strlen (value);
  if (length >= 2 && (value[0] == '"' || value[0] == '\'') && value[length - 1] == value[0])
    {
      value[length - 1] = '\0';
      memmove (value, value + 1, length - 1);
    }
  return g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
}

static void
replace_string (TsStyle *style, gsize field, const char *value)
{
  char **slot = field_at (style, field);

  g_free (*slot);
  *slot = g_strdup (value);
}

/* Checks @raw against @info and stores it.  On failure, sets *@why to the
 * reason without the place ("'12 pt' is not a length; …") and changes
 * nothing. */
static gboolean
set_value (StylePrivate *priv, const KeyInfo *info, const char *raw, char **why)
{
  TsStyle *style = &priv->style;
  g_autofree char *value = clean_value (raw);
  g_autofree char *choices = NULL;
  int number;

  if (value == NULL)
    {
      *why = g_strdup ("the value is not valid UTF-8");
      return FALSE;
    }

  switch (info->type)
    {
    case KEY_LENGTH:
      return set_length (priv, info, value, why);

    case KEY_FONT:
      {
        PangoFontDescription *font, **slot = field_at (style, info->fields[0]);
        if (!parse_font (value, &font, why))
          return FALSE;
        if (*slot != NULL)
          pango_font_description_free (*slot);
        *slot = font;
        return TRUE;
      }

    case KEY_TEMPLATE:
      if (!check_template (value, why))
        return FALSE;
      replace_string (style, info->fields[0], value);
      return TRUE;

    case KEY_STRING:
      replace_string (style, info->fields[0], value);
      return TRUE;

    case KEY_INT:
    case KEY_PERCENT:
      {
        gsize length = strlen (value);
        gboolean percent = info->type == KEY_PERCENT;
        g_autofree char *digits = g_strndup (
            value, percent && length > 0 && value[length - 1] == '%' ? length - 1 : length);
        const char *what = percent ? "a percentage" : "a whole number";
        const char *sign = percent ? "%" : "";

        if (!parse_int (digits, &number))
          {
            *why = g_strdup_printf ("'%s' is not %s; write one from %d%s to %d%s", value, what,
                                    info->min, sign, info->max, sign);
            return FALSE;
          }
        if (number < info->min || number > info->max)
          {
            *why = g_strdup_printf ("'%s' is out of range; write %s from %d%s to %d%s", value, what,
                                    info->min, sign, info->max, sign);
            return FALSE;
          }
        *(int *)field_at (style, info->fields[0]) = number;
        return TRUE;
      }

    case KEY_BOOL:
      {
        gboolean on;
        if (!parse_bool (value, &on))
          {
            *why = g_strdup_printf ("'%s' is not true or false", value);
            return FALSE;
          }
        *(gboolean *)field_at (style, info->fields[0]) = on;
        return TRUE;
      }

    case KEY_ENUM:
    case KEY_ENUM_NAME:
      number = find_choice (info->choices, value);
      if (number < 0)
        {
          g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
          for (int i = 0; info->choices[i] != NULL; i++)
            g_ptr_array_add (candidates, (char *)info->choices[i]);
          const char *guess = suggest (value, candidates);
          choices = join_choices (info->choices, ", ");
          if (guess != NULL)
            *why = g_strdup_printf ("'%s' is not one of %s; did you mean '%s'?", value, choices,
                                    guess);
          else
            *why = g_strdup_printf ("'%s' is not one of %s", value, choices);
          return FALSE;
        }
      if (info->type == KEY_ENUM)
        memcpy (field_at (style, info->fields[0]), &number, sizeof number);
      else
        replace_string (style, info->fields[0], info->choices[number]);
      return TRUE;

    case KEY_COLOR:
      if (!parse_color (value, field_at (style, info->fields[0])))
        {
          *why = g_strdup_printf ("'%s' is not a colour; write #RRGGBB, e.g. #333333", value);
          return FALSE;
        }
      return TRUE;

    case KEY_PAGE_SIZE:
      {
        int width, height;
        if (!parse_page_size (value, &width, &height))
          {
            *why = g_strdup_printf ("'%s' is not a page size; write A3, A4, A5, B5, letter or "
                                    "legal (optionally with landscape), or WIDTH HEIGHT such as "
                                    "148mm 210mm",
                                    value);
            return FALSE;
          }
        forget_em (priv, info->fields[0]);
        forget_em (priv, info->fields[1]);
        *(int *)field_at (style, info->fields[0]) = width;
        *(int *)field_at (style, info->fields[1]) = height;
        return TRUE;
      }

    case KEY_BASE:
      *why = g_strdup ("a base is written in a style file ([style] base = NAME); "
                       "from the command line, use --style NAME");
      return FALSE;
    }
  g_assert_not_reached ();
}

static int
derived_leading (const PangoFontDescription *font)
{
  return round_units (pango_font_description_get_size (font) * TS_DERIVED_LEADING_PER_MILLE
                      / 1000.0);
}

/* Gives em lengths their value against the fonts as they are now, then
 * sets the fields that have no key of their own:
 *  - header, footer and masthead date: leading TS_DERIVED_LEADING_PER_MILLE
 *    of their size (single lines: only the line's own extent matters);
 *  - header and footer colour = body colour, so a style that tints its text
 *    gets matching folios; header flush left, footer centred;
 *  - masthead date line: the masthead's alignment and colour. */
static gboolean
resolve (StylePrivate *priv, char **why)
{
  TsStyle *style = &priv->style;

  for (guint i = 0; i < priv->em_lengths->len; i++)
    {
      const EmLength *em = &g_array_index (priv->em_lengths, EmLength, i);
      PangoFontDescription **font = field_at (style, em->info->em_font);
      int size = pango_font_description_get_size (*font);

      if (!length_to_units (em->factor, UNIT_EM, size, field_at (style, em->field)))
        {
          *why = g_strdup_printf ("%s.%s: %gem of a %gpt font is too large; the largest length "
                                  "is 14400pt (200in)",
                                  em->info->group, em->info->key, em->factor,
                                  (double)size / PANGO_SCALE);
          return FALSE;
        }
    }

  style->masthead_date_style.leading = derived_leading (style->masthead_date_style.font);
  style->masthead_date_style.align = style->masthead_style.align;
  style->masthead_date_style.color = style->masthead_style.color;
  style->header_style.leading = derived_leading (style->header_style.font);
  style->header_style.align = TS_ALIGN_LEFT;
  style->header_style.color = style->body.color;
  style->footer_style.leading = derived_leading (style->footer_style.font);
  style->footer_style.align = TS_ALIGN_CENTER;
  style->footer_style.color = style->body.color;
  /* Cover lines are centred single lines (or short titles) in the body colour. */
  style->cover_title_style.leading = derived_leading (style->cover_title_style.font);
  style->cover_title_style.align = TS_ALIGN_CENTER;
  style->cover_title_style.color = style->body.color;
  style->cover_style.leading = derived_leading (style->cover_style.font);
  style->cover_style.align = TS_ALIGN_CENTER;
  style->cover_style.color = style->body.color;
  style->contents_style.align = TS_ALIGN_LEFT;
  style->contents_style.color = style->body.color;
  return TRUE;
}

static char *
format_mm (int units)
{
  return g_strdup_printf ("%.4gmm", units / (double)PANGO_SCALE / 72.0 * 25.4);
}

/* Whether the page leaves room for text.  Only a loaded style is checked,
 * not each --set: "--set page.width=90mm --set page.margin=10mm" must not
 * fail on its way to a good page.  frames.c checks the final geometry. */
static gboolean
check_geometry (const TsStyle *style, char **why)
{
  int text_width = style->page_width - style->margin_left - style->margin_right;
  int text_height = style->page_height - style->margin_top - style->margin_bottom;
  g_autofree char *a = NULL, *b = NULL, *page = NULL;

  if (text_width <= 0)
    {
      a = format_mm (style->margin_left), b = format_mm (style->margin_right);
      page = format_mm (style->page_width);
      *why = g_strdup_printf ("page: the left and right margins (%s + %s) leave no room on a "
                              "page %s wide",
                              a, b, page);
      return FALSE;
    }
  if (text_height <= 0)
    {
      a = format_mm (style->margin_top), b = format_mm (style->margin_bottom);
      page = format_mm (style->page_height);
      *why = g_strdup_printf ("page: the top and bottom margins (%s + %s) leave no room on a "
                              "page %s high",
                              a, b, page);
      return FALSE;
    }
  if (text_width - (style->columns - 1) * (gint64)style->column_gap < style->columns)
    {
      a = format_mm (style->column_gap), page = format_mm (text_width);
      *why = g_strdup_printf ("page: %d columns with %s gaps do not fit in a text width of %s",
                              style->columns, a, page);
      return FALSE;
    }
  return TRUE;
}

TsStyle *
ts_style_new_default (void)
{
  StylePrivate *priv = g_new0 (StylePrivate, 1);
  g_autofree char *why = NULL;

  priv->em_lengths = g_array_new (FALSE, FALSE, sizeof (EmLength));
  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    if (KEYS[i].fallback != NULL && !set_value (priv, &KEYS[i], KEYS[i].fallback, &why))
      g_error ("built-in default of %s.%s: %s", KEYS[i].group, KEYS[i].key, why);
  if (!resolve (priv, &why))
    g_error ("built-in defaults: %s", why);
  priv->style.name = g_strdup ("built-in");
  return &priv->style;
}

void
ts_style_free (TsStyle *style)
{
  StylePrivate *priv = (StylePrivate *)style;

  if (style == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    switch (KEYS[i].type)
      {
      case KEY_FONT:
        {
          PangoFontDescription **font = field_at (style, KEYS[i].fields[0]);
          if (*font != NULL)
            pango_font_description_free (*font);
          break;
        }
      case KEY_STRING:
      case KEY_TEMPLATE:
      case KEY_ENUM_NAME:
        g_free (*(char **)field_at (style, KEYS[i].fields[0]));
        break;
      default:
        break;
      }
  g_free (style->name);
  g_array_unref (priv->em_lengths);
  g_free (priv);
}

/* ---- --set ---------------------------------------------------------------- */

gboolean
ts_style_set (TsStyle *style, const char *key, const char *value, GError **error)
{
  g_autofree char *group = NULL;
  g_autofree char *why = NULL;
  const char *dot;
  const KeyInfo *info;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  dot = strchr (key, '.');
  if (dot == NULL)
    {
      g_autoptr (GPtrArray) groups = list_groups ();
      g_autofree char *all = join (groups, ", ");
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                   "--set %s: a key is written group.key, e.g. body.font (groups: %s)", key, all);
      return FALSE;
    }
  group = g_strndup (key, dot - key);
  if (!group_is_known (group))
    why = unknown_group_message (group);
  else if ((info = find_key (group, dot + 1)) == NULL)
    why = unknown_key_message (group, dot + 1);
  else if (set_value ((StylePrivate *)style, info, value, &why))
    resolve ((StylePrivate *)style, &why);

  if (why != NULL)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "--set %s: %s", key, why);
      return FALSE;
    }
  return TRUE;
}

gboolean
ts_style_set_assignment (TsStyle *style, const char *assignment, GError **error)
{
  const char *equals;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  equals = strchr (assignment, '=');
  if (equals == NULL)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                   "--set '%s': write group.key=value, e.g. --set body.leading=15pt", assignment);
      return FALSE;
    }

  g_autofree char *key = g_strstrip (g_strndup (assignment, equals - assignment));
  return ts_style_set (style, key, equals + 1, error);
}

/* ---- style files ------------------------------------------------------- */

static void
source_line_clear (gpointer data)
{
  SourceLine *line = data;

  g_free (line->group);
  g_free (line->key);
}

/* Records the line of every [group] and key of @text (GKeyFile keeps none),
 * and rejects what GKeyFile would reject with a line number of ours. */
static gboolean
scan_source (const char *path, const char *text, gsize length, GArray **out, GError **error)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (SourceLine));
  g_autofree char *group = NULL;
  const char *end = text + length;
  const char *bad;
  int number = 0;

  g_array_set_clear_func (lines, source_line_clear);

  if (!g_utf8_validate (text, length, &bad))
    {
      int line = 1;
      for (const char *p = text; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                   "%s:%d: not valid UTF-8; save the file as UTF-8", path, line);
      return FALSE;
    }

  for (const char *start = text; start < end; number++)
    {
      const char *stop = memchr (start, '\n', end - start);
      if (stop == NULL)
        stop = end;
      g_autofree char *line = g_strstrip (g_strndup (start, stop - start));
      start = stop + 1;
      if (line[0] == '\0' || line[0] == '#')
        continue;

      SourceLine entry = { NULL, NULL, number + 1 };
      char *equals = strchr (line, '=');
      gsize size = strlen (line);
      if (line[0] == '[')
        {
          if (line[size - 1] != ']' || size < 3)
            {
              g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                           "%s:%d: '%s' is not a [group] line; write e.g. [body]", path, entry.line,
                           line);
              return FALSE;
            }
          g_free (group);
          group = g_strndup (line + 1, size - 2);
          entry.group = g_strdup (group);
        }
      else if (equals == NULL || equals == line)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                       "%s:%d: '%s' is neither a [group] nor key = value", path, entry.line, line);
          return FALSE;
        }
      else if (group == NULL)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                       "%s:%d: '%s' comes before any [group]; start with e.g. [page]", path,
                       entry.line, line);
          return FALSE;
        }
      else
        {
          entry.group = g_strdup (group);
          entry.key = g_strstrip (g_strndup (line, equals - line));
        }
      g_array_append_val (lines, entry);
    }
  *out = g_steal_pointer (&lines);
  return TRUE;
}

/* The line of @key in @group; GKeyFile keeps the last of duplicates, so this
 * does too. */
static int
line_of (GArray *lines, const char *group, const char *key)
{
  int found = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const SourceLine *line = &g_array_index (lines, SourceLine, i);
      if (line->key != NULL && strcmp (line->group, group) == 0 && strcmp (line->key, key) == 0)
        found = line->line;
    }
  return found;
}

static gboolean
is_path (const char *name)
{
  return strchr (name, '/') != NULL || g_str_has_suffix (name, ".style");
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* "booklet, bulletin, plain": the styles in @styles_dir, sorted. */
static char *
available_styles (const char *styles_dir)
{
  g_autoptr (GDir) dir = styles_dir ? g_dir_open (styles_dir, 0, NULL) : NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".style") && strlen (entry) > strlen (".style"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".style")));
  g_ptr_array_sort (names, compare_strings);
  return join (names, ", ");
}

/* The file of the style called @name, or an error that lists what there is.
 * @place prefixes the message ("styles/a.style:2: "), or is "". */
static char *
find_named_style (const char *styles_dir, const char *name, const char *place, GError **error)
{
  g_autofree char *path = NULL;

  if (styles_dir != NULL && name[0] != '\0')
    {
      g_autofree char *file = g_strconcat (name, ".style", NULL);
      path = g_build_filename (styles_dir, file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  g_autofree char *available = available_styles (styles_dir);
  if (available[0] != '\0')
    g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%sunknown style '%s'; available: %s", place,
                 name, available);
  else if (styles_dir != NULL)
    g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%sunknown style '%s'; no styles in '%s'", place,
                 name, styles_dir);
  else
    g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                 "%sunknown style '%s'; no styles folder to look in", place, name);
  return NULL;
}

static gboolean load_layer (StylePrivate *priv, const char *styles_dir, const char *path,
                            GPtrArray *chain, GError **error);

/* Loads the style that @path's "[style] base" names, if any, into @priv. */
static gboolean
load_base (StylePrivate *priv, const char *styles_dir, const char *path, GKeyFile *keys,
           GArray *lines, GPtrArray *chain, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *raw = NULL, *name = NULL, *place = NULL, *base = NULL, *canonical = NULL;

  if (!g_key_file_has_key (keys, "style", "base", NULL))
    return TRUE;

  place = g_strdup_printf ("%s:%d: ", path, line_of (lines, "style", "base"));
  raw = g_key_file_get_string (keys, "style", "base", &local);
  name = raw ? clean_value (raw) : NULL;
  if (name == NULL || name[0] == '\0')
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%sstyle.base: %s", place,
                   local ? local->message : "write a style name, e.g. base = bulletin");
      return FALSE;
    }

  if (!is_path (name))
    base = find_named_style (styles_dir, name, place, error);
  else if (g_path_is_absolute (name))
    base = g_strdup (name);
  else
    {
      /* Relative to the file that names it, as #include is. */
      g_autofree char *dir = g_path_get_dirname (path);
      base = g_build_filename (dir, name, NULL);
    }
  if (base == NULL)
    return FALSE;

  canonical = g_canonicalize_filename (base, NULL);
  for (guint i = 0; i < chain->len; i++)
    if (strcmp (g_ptr_array_index (chain, i), canonical) == 0)
      {
        GString *cycle = g_string_new (NULL);
        for (guint j = i; j < chain->len; j++)
          {
            g_autofree char *file = g_path_get_basename (g_ptr_array_index (chain, j));
            g_string_append_printf (cycle, "%s → ", file);
          }
        g_autofree char *file = g_path_get_basename (canonical);
        g_string_append (cycle, file);
        g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%sstyle.base: '%s' makes a cycle: %s", place,
                     name, cycle->str);
        g_string_free (cycle, TRUE);
        return FALSE;
      }
  if (chain->len >= TS_STYLE_MAX_DEPTH)
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE,
                   "%sstyle.base: more than %d styles deep; is there a cycle?", place,
                   TS_STYLE_MAX_DEPTH);
      return FALSE;
    }

  g_ptr_array_add (chain, g_steal_pointer (&canonical));
  gboolean ok = load_layer (priv, styles_dir, base, chain, error);
  g_ptr_array_remove_index (chain, chain->len - 1);
  return ok;
}

/* Applies the style file @path (after its base) on top of @priv.  @chain
 * holds the canonical paths being loaded, @path's last. */
static gboolean
load_layer (StylePrivate *priv, const char *styles_dir, const char *path, GPtrArray *chain,
            GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  /* Windows editors start UTF-8 files with a byte order mark; neither
   * GKeyFile nor a reader wants it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    memmove (text, text + 3, (length -= 3) + 1);
  if (!scan_source (path, text, length, &lines, error))
    return FALSE;
  if (!g_key_file_load_from_data (keys, text, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%s: %s", path, local->message);
      return FALSE;
    }

  /* Names first, in file order, so that the first mistake is the one
   * reported. */
  for (guint i = 0; i < lines->len; i++)
    {
      const SourceLine *line = &g_array_index (lines, SourceLine, i);
      g_autofree char *why = NULL;

      if (!group_is_known (line->group))
        why = line->key == NULL ? unknown_group_message (line->group) : NULL;
      else if (line->key != NULL && find_key (line->group, line->key) == NULL)
        why = unknown_key_message (line->group, line->key);
      if (why != NULL)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%s:%d: %s", path, line->line, why);
          return FALSE;
        }
    }

  if (!load_base (priv, styles_dir, path, keys, lines, chain, error))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    {
      const KeyInfo *info = &KEYS[i];
      g_autofree char *value = NULL;
      g_autofree char *why = NULL;

      if (info->type == KEY_BASE || !g_key_file_has_key (keys, info->group, info->key, NULL))
        continue;
      value = g_key_file_get_string (keys, info->group, info->key, &local);
      if (value == NULL)
        why = g_strdup (local->message);
      else
        set_value (priv, info, value, &why);
      if (why != NULL)
        {
          g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%s:%d: %s.%s: %s", path,
                       line_of (lines, info->group, info->key), info->group, info->key, why);
          return FALSE;
        }
    }
  return TRUE;
}

TsStyle *
ts_style_load (const char *styles_dir, const char *name_or_path, GError **error)
{
  g_autoptr (TsStyle) style = NULL;
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *why = NULL;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (is_path (name_or_path))
    path = g_strdup (name_or_path);
  else if ((path = find_named_style (styles_dir, name_or_path, "", error)) == NULL)
    return NULL;

  style = ts_style_new_default ();
  g_ptr_array_add (chain, g_canonicalize_filename (path, NULL));
  if (!load_layer ((StylePrivate *)style, styles_dir, path, chain, error))
    return NULL;
  if (!resolve ((StylePrivate *)style, &why) || !check_geometry (style, &why))
    {
      g_set_error (error, TS_ERROR, TS_ERROR_STYLE, "%s: %s", path, why);
      return NULL;
    }

  g_free (style->name);
  style->name = g_strdup (name_or_path);
  return g_steal_pointer (&style);
}

/* ---- documentation ----------------------------------------------------- */

static const char *
type_name (KeyType type)
{
  switch (type)
    {
    case KEY_LENGTH:
      return "LENGTH";
    case KEY_FONT:
      return "FONT";
    case KEY_STRING:
      return "STRING";
    case KEY_TEMPLATE:
      return "TEMPLATE";
    case KEY_INT:
      return "INT";
    case KEY_PERCENT:
      return "PERCENT";
    case KEY_BOOL:
      return "BOOL";
    case KEY_ENUM:
    case KEY_ENUM_NAME:
      return "ENUM";
    case KEY_COLOR:
      return "COLOR";
    case KEY_PAGE_SIZE:
      return "PAGE-SIZE";
    case KEY_BASE:
      return "STYLE";
    }
  g_assert_not_reached ();
}

static char *
describe_default (const KeyInfo *info)
{
  if (info->fallback == NULL)
    return g_strdup ("-");
  if (info->fallback[0] == '\0' || strchr (info->fallback, ' ') != NULL)
    return g_strdup_printf ("\"%s\"", info->fallback);
  return g_strdup (info->fallback);
}

static char *
describe_doc (const KeyInfo *info)
{
  g_autofree char *choices = NULL;

  switch (info->type)
    {
    case KEY_ENUM:
    case KEY_ENUM_NAME:
      choices = join_choices (info->choices, ", ");
      return g_strdup_printf ("%s (%s)", info->doc, choices);
    case KEY_INT:
      return g_strdup_printf ("%s (%d to %d)", info->doc, info->min, info->max);
    case KEY_PERCENT:
      return g_strdup_printf ("%s (%d%% to %d%%)", info->doc, info->min, info->max);
    default:
      return g_strdup (info->doc);
    }
}

/* Appends @text padded with spaces to @width characters (not bytes: the
 * defaults hold Vietnamese). */
static void
append_padded (GString *out, const char *text, long width)
{
  g_string_append (out, text);
  for (long n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (out, ' ');
}

char *
ts_style_describe_keys (void)
{
  GString *out = g_string_new (NULL);
  long name_width = 0, type_width = 0, default_width = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    {
      g_autofree char *fallback = describe_default (&KEYS[i]);
      name_width = MAX (name_width, (long)(strlen (KEYS[i].group) + 1 + strlen (KEYS[i].key)));
      type_width = MAX (type_width, (long)strlen (type_name (KEYS[i].type)));
      default_width = MAX (default_width, g_utf8_strlen (fallback, -1));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (KEYS); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", KEYS[i].group, KEYS[i].key);
      g_autofree char *fallback = describe_default (&KEYS[i]);
      g_autofree char *doc = describe_doc (&KEYS[i]);

      append_padded (out, name, name_width + 2);
      append_padded (out, type_name (KEYS[i].type), type_width + 2);
      append_padded (out, fallback, default_width + 2);
      g_string_append_printf (out, "— %s\n", doc);
    }
  return g_string_free (out, FALSE);
}
