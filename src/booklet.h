/* booklet.h — many articles, one booklet (kỷ yếu).
 *
 * Each input is set on its own pages by the usual pipeline (a TsArticle);
 * booklet.c then puts them in one page list behind a cover and a table of
 * contents, each article from a new page or a new right-hand page, and has
 * every page's header and footer made with the page's final number.
 */
#pragma once

#include <glib.h>

#include "doc.h"
#include "page.h"
#include "paginate.h"
#include "style.h"
#include "typeset.h"

G_BEGIN_DECLS

/* One article, paginated on its own (pages numbered from 1, no header or
 * footer yet).  Implemented in typeset.c, which owns the pipeline. */
typedef struct _TsArticle TsArticle;

/* Reads, parses, sets and paginates @input.  Returns NULL and sets @error
 * when the input fails.  Caller frees with ts_article_free(). */
TsArticle *ts_article_new (TsEngine *engine, const char *input, TsDiag *diag, GError **error);
void ts_article_free (TsArticle *article);
const TsDoc *ts_article_get_doc (const TsArticle *article);
const TsStyle *ts_article_get_style (const TsArticle *article);
const TsPageTemplate *ts_article_get_template (const TsArticle *article);
/* (transfer none): booklet.c moves the pages out of it. */
TsPageList *ts_article_get_pages (TsArticle *article);
/* Adds the header (when @header) and footer to @page, one of @pages, with
 * this article's title and date in the templates. */
void ts_article_finalize_page (TsArticle *article, TsPage *page, int pages, gboolean header);
/* Sets @text in @role at @width (cover and contents lines).  Returns the
 * lines (owned GPtrArray of TsLine*). */
GPtrArray *ts_article_set_text (TsArticle *article, const char *text, const TsTextStyle *role,
                                int width);

/* Puts @articles (TsArticle*, at least one) into one page list: a cover
 * (cover.show), a table of contents (contents.show) whose page numbers
 * are those where the articles start, and the articles.  Fills
 * @starts (int, may be NULL) with each article's first page.  Caller frees. */
TsPageList *ts_booklet_assemble (GPtrArray *articles, GArray *starts);

G_END_DECLS
