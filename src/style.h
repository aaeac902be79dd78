/* style.h — style sheets: page geometry, text roles, templates.
 *
 * A style is a GLib key file in styles/ (e.g. styles/bulletin.style).  Keys
 * are "group.key" on the command line (--set body.font="Noto Serif 11").
 * Lengths are stored as int Pango units (1/1024 pt); style files write them
 * with a unit: pt, mm, cm, in, or em (relative to the role's font size).
 * Every key is in one table in style.c, which gives its type, default and
 * documentation, and from which styles/README.md is checked.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum
{
  TS_ALIGN_JUSTIFY,
  TS_ALIGN_LEFT,
  TS_ALIGN_CENTER,
  TS_ALIGN_RIGHT,
} TsAlign;

/* A text role: body, caption, title, heading, quote, masthead name, ... */
typedef struct
{
  PangoFontDescription *font; /* family, style, weight and size (size in Pango units) */
  int leading;                /* baseline to baseline */
  int space_before;           /* above the block */
  int space_after;            /* below the block */
  int indent;                 /* first-line indent */
  TsAlign align;
  guint32 color;              /* 0xRRGGBB */
} TsTextStyle;

typedef struct
{
  /* [page] */
  int page_width, page_height;
  int margin_top, margin_bottom, margin_left, margin_right;
  int columns;     /* >= 1 */
  int column_gap;
  int column_rule; /* page.column-rule: thickness, 0 = none */
  gboolean balance;      /* page.balance: level columns on the last page */
  char *article_start;   /* page.article-start: "page" or "right" (several inputs) */

  /* text roles */
  TsTextStyle body;     /* [body] */
  TsTextStyle caption;  /* [caption] */
  TsTextStyle title;    /* [title] */
  TsTextStyle heading;  /* [heading] */
  TsTextStyle quote;    /* [quote] */
  TsTextStyle byline;   /* [byline]: author and source */

  /* [masthead] on page 1 */
  gboolean masthead;        /* masthead.show */
  char *masthead_name;      /* masthead.name, e.g. "BẢN TIN" */
  char *masthead_subtitle;  /* masthead.subtitle, e.g. the organisation; may be "" */
  TsTextStyle masthead_style;      /* masthead.font, .leading, .space-after, .align, .color */
  TsTextStyle masthead_date_style; /* masthead.date-font */
  int masthead_rule;        /* masthead.rule: rule thickness under the masthead, 0 = none */

  /* [header] from page 2, [footer] on every page */
  gboolean header;            /* header.show */
  char *header_left;          /* template: "{name}" */
  char *header_right;         /* template: "{date}" */
  TsTextStyle header_style;
  int header_rule;            /* thickness, 0 = none */
  gboolean footer;            /* footer.show */
  char *footer_center;        /* template: "{page}" */
  char *footer_left;          /* template, flush left; "" = none */
  char *footer_right;         /* template, flush right: "Trang {page}/{pages}" */
  TsTextStyle footer_style;

  /* [caption] extras */
  int caption_rule;           /* caption.rule: thickness of a short rule above, 0 = none */

  /* [breaking] (the line breaker's parameters) */
  char *break_algorithm;      /* "total-fit" or "first-fit" */
  int tolerance;              /* TeX's \tolerance, badness 0..10000 */
  int space_stretch_pct;      /* inter-word stretch, percent of the space */
  int space_shrink_pct;       /* inter-word shrink, percent of the space */
  gboolean hanging_punctuation; /* marks at line ends hang into the margin */
  char *expansion;            /* font expansion: "auto" (narrow columns), "on", "off" */
  int expansion_limit;        /* per mille of the glyph widths (20 = ±2%) */
  int expansion_below;        /* auto: on for measures narrower than this */
  /* Vietnamese break rules (vnrules.h): the penalty of a break at each. */
  int keep_number_unit, keep_date, keep_abbreviation, keep_name, keep_punctuation;
  int keep_last_word, keep_short_last;
  int widows, orphans;        /* min lines of a paragraph at the head / foot of a column */

  /* [text] typographic clean-up of .txt input */
  gboolean smart_quotes;      /* "…" → “…”, '…' → ‘…’ */
  gboolean smart_ellipsis;    /* ... → … */
  gboolean smart_dashes;      /* " - " between words → " – " */

  /* [figure] photos */
  char *figure_width;         /* "column" or "full" */
  int figure_max_height_pct;  /* tallest photo, % of the text height */
  int figure_gap;             /* photo to caption */
  int figure_resolution;      /* dpi: a photo is never set larger than its pixels at
                               * this resolution (no blown-up small photos); 0 = no limit */

  /* [cover] and [contents]: a booklet of several inputs (booklet.c) */
  gboolean cover;
  char *cover_title, *cover_subtitle, *cover_organisation, *cover_year;
  TsTextStyle cover_title_style; /* cover.title-font */
  TsTextStyle cover_style;       /* cover.font */
  gboolean contents;
  char *contents_title;
  TsTextStyle contents_style;    /* contents.font, .leading, .space-after */

  /* [document]: the PDF's metadata; "" = from the article */
  char *document_title, *document_author, *document_subject, *document_keywords;

  /* bookkeeping */
  char *name;                 /* the style's name ("bulletin") or path */
} TsStyle;

/* Loads a shipped style by name (looked up in @styles_dir) or a style file
 * by path (when @name_or_path contains '/' or ends in ".style").  Keys not
 * in the file keep their built-in defaults.  Returns NULL and sets @error
 * (TS_ERROR_STYLE: "FILE:LINE: unknown key 'x' in [body]; known keys: ...";
 * TS_ERROR_IO) on failure.  Caller frees with ts_style_free(). */
TsStyle *ts_style_load (const char *styles_dir, const char *name_or_path, GError **error);

/* The built-in defaults (the same as styles/plain.style would give). */
TsStyle *ts_style_new_default (void);

/* Sets one key from "group.key=value" (the --set syntax) or from @key and
 * @value.  Returns FALSE with TS_ERROR_STYLE naming the key and the allowed
 * values. */
gboolean ts_style_set (TsStyle *style, const char *key, const char *value, GError **error);
gboolean ts_style_set_assignment (TsStyle *style, const char *assignment, GError **error);

/* Parses a length ("12pt", "15mm", "1.5em") into Pango units; @em is the
 * size of one em in Pango units (0 when em is not allowed).  Returns FALSE
 * for anything else. */
gboolean ts_length_parse (const char *text, int em, int *out);

/* Writes every key with its type, default and meaning (for --help-style
 * and the man page); caller frees. */
char *ts_style_describe_keys (void);

void ts_style_free (TsStyle *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStyle, ts_style_free)

G_END_DECLS
