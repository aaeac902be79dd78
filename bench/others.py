"""The same article for the tools a user would pick instead of typeset.

Every converter starts from `typeset --dump=doc` (the parsed document: title, date, blocks with
their kind), so that XeLaTeX, WeasyPrint and pango-view set exactly the text typeset sets, with
the same structure: the title, headings, photo captions (italic, centred, smaller) and body
paragraphs.  Page size, margins, fonts and sizes are the bulletin style's (styles/plain.style
and styles/bulletin.style):

  A4; margins top 20 mm, bottom 22 mm, left and right 22 mm (a 166 mm measure)
  body Noto Serif 11/15 pt, justified, first-line indent 1.2 em, no hyphenation
  captions Noto Serif Italic 9.5/12.5 pt centred; headings Noto Sans Bold 12.5/17 pt;
  title Noto Sans Bold 21/28 pt; masthead "BẢN TIN" Noto Sans Bold 30/40 pt and its date line
  a folio at the foot of every page

Fonts are taken by file name from Debian's fonts-noto-core, as typeset's fonts.conf does.
"""
import html
import os

NOTO = "/usr/share/fonts/truetype/noto/"
A4_MM = (210.0, 297.0)
MM = 72.0 / 25.4


class Geometry:
    """Page geometry in millimetres; the default is the bulletin's."""

    def __init__(self, left=22.0, right=22.0, top=20.0, bottom=22.0, columns=2, gap=8.0):
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.columns, self.gap = columns, gap  # the bulletin: two columns 8 mm apart

    @classmethod
    def for_measure(cls, measure_mm):
        side = (A4_MM[0] - measure_mm) / 2
        return cls(left=side, right=side, columns=1)

    @property
    def column_mm(self):
        return (self.measure_mm - (self.columns - 1) * self.gap) / self.columns

    @property
    def measure_mm(self):
        return A4_MM[0] - self.left - self.right

    @property
    def right_edge_pt(self):
        return (A4_MM[0] - self.right) * MM


MONTHS = "Tháng {m}/{y}"


def masthead_date(doc):
    d = doc.get("date") or ""
    parts = d.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        return MONTHS.format(m=int(parts[1]), y=parts[0])
    return None


# --------------------------------------------------------------------------------------------
# XeLaTeX
# --------------------------------------------------------------------------------------------

TEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def tex_escape(s):
    return "".join(TEX_ESCAPES.get(c, c) for c in s)


def to_tex(doc, geometry=None, masthead=True, folio=True):
    g = geometry or Geometry()
    out = [
        r"\documentclass[11pt]{article}",
        rf"\usepackage[a4paper,left={g.left}mm,right={g.right}mm,top={g.top}mm,"
        rf"bottom={g.bottom}mm]{{geometry}}",
        r"\usepackage{fontspec}",
        r"\usepackage{multicol}",
        rf"\setlength{{\columnsep}}{{{g.gap}mm}}\setlength{{\columnseprule}}{{0.4pt}}",
        rf"\setmainfont{{NotoSerif}}[Path={NOTO},Extension=.ttf,UprightFont=*-Regular,"
        r"ItalicFont=*-Italic,BoldFont=*-Bold,BoldItalicFont=*-BoldItalic]",
        rf"\newfontfamily\sansbold{{NotoSans-Bold}}[Path={NOTO},Extension=.ttf]",
        # No hyphenation at all, as in typeset (Vietnamese syllables are never hyphenated).
        r"\hyphenpenalty=10000 \exhyphenpenalty=10000",
        r"\setlength{\parindent}{1.2em}\setlength{\parskip}{0pt}",
        r"\renewcommand\normalsize{\fontsize{11pt}{15pt}\selectfont}",
        r"\pagestyle{plain}" if folio else r"\pagestyle{empty}",
        r"\begin{document}",
        # TeX's third pass with the same emergency stretch typeset uses (2 em): without it
        # XeLaTeX leaves overfull lines at a newspaper measure instead of loose ones.  This is
        # the set-up of issue 3's reference figures (0.37 and 30% loose lines at 80 mm).
        r"\normalsize\emergencystretch=2em",
    ]
    if masthead:
        out.append(r"{\sansbold\fontsize{30pt}{40pt}\selectfont\noindent BẢN TIN\par}")
        date = masthead_date(doc)
        if date:
            out.append(r"{\sansbold\fontsize{10.5pt}{14pt}\selectfont\noindent "
                       + tex_escape(date) + r"\par}\vspace{14pt}")
    if doc.get("title"):
        out.append(r"{\raggedright\sansbold\fontsize{21pt}{28pt}\selectfont\noindent "
                   + tex_escape(doc["title"]) + r"\par}\vspace{10pt}")
    # multicol balances the last page's columns, as typeset does.
    if g.columns > 1:
        out.append(rf"\begin{{multicols}}{{{g.columns}}}")
    first = True
    for b in doc["blocks"]:
        text = tex_escape(b["text"])
        kind = b["kind"]
        if kind in ("caption", "figure"):
            out.append(r"\par\vspace{6pt}{\centering\itshape\fontsize{9.5pt}{12.5pt}\selectfont "
                       + text + r"\par}\vspace{10pt}")
        elif kind == "heading":
            out.append(r"\par\vspace{12pt}{\raggedright\sansbold\fontsize{12.5pt}{17pt}"
                       r"\selectfont\noindent " + text + r"\par}\nobreak\vspace{4pt}")
            first = True
            continue
        elif kind == "quote":
            out.append(r"\par{\itshape\noindent " + text + r"\par}")
        else:
            out.append((r"\noindent " if first else "") + text + "\n")
        first = False
    if g.columns > 1:
        out.append(r"\end{multicols}")
    out.append(r"\end{document}")
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# WeasyPrint
# --------------------------------------------------------------------------------------------

def to_html(doc, geometry=None):
    g = geometry or Geometry()
    css = f"""
@page {{ size: A4; margin: {g.top}mm {g.right}mm {g.bottom}mm {g.left}mm;
  @bottom-center {{ content: "Trang " counter(page) "/" counter(pages);
                    font: 8.5pt "Noto Sans"; }} }}
body {{ font: 11pt/15pt "Noto Serif"; text-align: justify; hyphens: manual; margin: 0; }}
p {{ margin: 0; text-indent: 1.2em; }}
p.first {{ text-indent: 0; }}
.mast {{ font: bold 30pt/40pt "Noto Sans"; }}
.mdate {{ font: 10.5pt/14pt "Noto Sans"; margin-bottom: 14pt; }}
h1 {{ font: bold 21pt/28pt "Noto Sans"; margin: 0 0 10pt; text-align: left; }}
h2 {{ font: bold 12.5pt/17pt "Noto Sans"; margin: 12pt 0 4pt; text-align: left; }}
.cap {{ font: italic 9.5pt/12.5pt "Noto Serif"; text-align: center; text-indent: 0;
        margin: 6pt 0 10pt; }}
blockquote {{ font-style: italic; margin: 6pt 0; }}
.cols {{ columns: {g.columns}; column-gap: {g.gap}mm; column-rule: 0.4pt solid; }}
"""
    out = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
           f"<style>{css}</style></head><body>",
           '<div class="mast">BẢN TIN</div>']
    date = masthead_date(doc)
    if date:
        out.append(f'<div class="mdate">{html.escape(date)}</div>')
    if doc.get("title"):
        out.append(f"<h1>{html.escape(doc['title'])}</h1>")
    out.append('<div class="cols">')
    first = True
    for b in doc["blocks"]:
        text = html.escape(b["text"])
        kind = b["kind"]
        if kind in ("caption", "figure"):
            out.append(f'<p class="cap">{text}</p>')
        elif kind == "heading":
            out.append(f"<h2>{text}</h2>")
            first = True
            continue
        elif kind == "quote":
            out.append(f"<blockquote>{text}</blockquote>")
        else:
            out.append(f'<p class="first">{text}</p>' if first else f"<p>{text}</p>")
        first = False
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# pango-view: one tall page, body paragraphs only (the floor: Pango layout and Cairo writing,
# nothing else)
# --------------------------------------------------------------------------------------------

def to_pango_text(doc):
    return "\n".join(b["text"] for b in doc["blocks"]) + "\n"


def pango_view_args(text_path, pdf_path, geometry=None):
    g = geometry or Geometry()
    width_pt = g.column_mm * MM
    # pango-view takes whole points only, and (1.50.12) rejects four values: top, left and
    # right, bottom as in CSS (left and right are equal in every geometry used here).
    margin = f"{round(g.top * MM)} {round(g.left * MM)} {round(g.bottom * MM)}"
    return ["pango-view", "-q", "--dpi=72", "--font=Noto Serif 11", f"--width={round(width_pt)}",
            "--wrap=word", "--justify", "--language=vi", "--indent=13", "--hinting=none",
            "--hint-metrics=off", f"--margin={margin}", f"--output={pdf_path}", text_path]


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
