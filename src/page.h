/* page.h — the output model: pages of placed boxes.
 *
 * What the paginator produces and the renderer and the dump consume.  All
 * lengths are Pango units (1/1024 pt) from the page's top-left corner; the
 * renderer is the only stage that converts to doubles.
 */
#pragma once

#include <glib.h>

#include "image.h"
#include "lines.h"

G_BEGIN_DECLS

typedef enum
{
  TS_BOX_LINE, /* a set line of text */
  TS_BOX_RULE, /* a filled rectangle (rules under mastheads, headers) */
  TS_BOX_IMAGE, /* a photo scaled into the box (image.h); without an image, a
                 * marked placeholder frame (a photo that could not be read
                 * under --keep-going) */
} TsBoxKind;

typedef enum
{
  TS_ROLE_BODY,
  TS_ROLE_CAPTION,
  TS_ROLE_TITLE,
  TS_ROLE_HEADING,
  TS_ROLE_QUOTE,
  TS_ROLE_BYLINE,
  TS_ROLE_MASTHEAD,
  TS_ROLE_MASTHEAD_DATE,
  TS_ROLE_HEADER,
  TS_ROLE_FOOTER,
  TS_ROLE_RULE,
  TS_ROLE_IMAGE,
  TS_ROLE_CONTENTS, /* booklet: the table of contents */
  TS_ROLE_COVER,    /* booklet: the cover */
  TS_ROLE_MARKER,   /* a list item's bullet or number, in the hanging indent */
} TsRole;

typedef struct
{
  int x, y, width, height;
} TsRect;

typedef struct
{
  TsBoxKind kind;
  TsRole role;
  int frame;        /* index into the page's frames; -1 for page furniture */
  int block;        /* source block index; -1 when the box is not from a block */
  int x, y;         /* top-left */
  int width, height;
  int baseline;     /* lines: y of the baseline */
  guint32 color;    /* 0xRRGGBB */
  TsLine *line;     /* lines: (ref) */
  TsImage *image;   /* images: (ref); NULL for a placeholder */
} TsBox;

typedef struct
{
  int number;       /* 1-based */
  int width, height;
  GArray *frames;   /* TsRect: the body frames (columns) */
  GArray *boxes;    /* TsBox */
} TsPage;

typedef struct
{
  GPtrArray *pages; /* TsPage*, owned */
  /* Document metadata for the renderer. */
  char *title;
  char *author;
  char *subject;
} TsPageList;

TsPage *ts_page_new (int number, int width, int height);
void ts_page_add_box (TsPage *page, const TsBox *box); /* takes a new ref on box->line */
TsPageList *ts_page_list_new (void);
void ts_page_list_free (TsPageList *pages);
const char *ts_role_to_string (TsRole role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPageList, ts_page_list_free)

G_END_DECLS
