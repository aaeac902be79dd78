#!/usr/bin/env python3
"""End-to-end tests of print production (issue 5): PDF navigation, imposition, bleed and marks,
previews, the font check.

usage: e2e_print.py --typeset PATH --source-root DIR [--only REGEX] [--list] [--keep]

Every expectation is worked out here, from the spec and from millimetres, and read back from the
output with tools that share no code with typeset: qpdf (--check, --json), mutool (show), poppler
(pdfinfo, pdftotext with -bbox and crop boxes, pdftoppm), Python's xml.etree and the PNG header.

- Metadata (Title, Author, Subject, Keywords, Creator, dates from SOURCE_DATE_EPOCH), the outline
  (titles with their headings under them, each pointing at the page where it is printed), page
  labels equal to the folios printed at the foot of each page ("Bìa" for a cover), and a link
  annotation over every URL in the text whose rectangle holds the URL's words as pdftotext sees
  them. Byte-identical output on a second run.
- Saddle-stitch imposition: the text of each half sheet (a pdftotext crop) is the text of the
  page that the folding order puts there, blank where the booklet is padded; signatures; 2-up.
- Bleed and marks: TrimBox, BleedBox and MediaBox equal the numbers computed from A5 (or A4) and
  the bleed; qpdf --check passes; crop marks are ink in the slug.
- Previews: PNG size in pixels = page size in points × dpi / 72, rounded; SVG parses and holds
  the text; --page past the end fails with no file.
- --check-fonts: Noto passes; a font without ơ and ư (Comic Neue, Debian's fonts-comic-neue,
  reached through a temporary fonts.conf) is reported, exit 1.
Prints TAP and a closing "N passed, N failed" line.
"""

import glob
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

from e2e_common import Fail, Skip, require, registry, nfc, words, short, run_checks  # noqa: F401

RUN_TIMEOUT = 300
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)
# Crop marks begin max(bleed, 3mm) off the trim, are 5mm long, with 2mm of paper beyond
# (README: --marks).
MARK_GAP, MARK_LENGTH, MARK_SPACE = 3 * MM, 5 * MM, 2 * MM
TOLERANCE = 0.01  # pt: qpdf and cairo write 3 to 6 decimals
URLS = ["https://baochinhphu.vn/benh-vien-khong-giay.htm", "www.moh.gov.vn",
        "https://example.com/duong-dan/trang.html?a=1&b=2"]
URL_PARAGRAPH = (f"Xem thêm tại {URLS[0]} hoặc ({URLS[1]}), và trang {URLS[2]}.")
COMIC_NEUE = "/usr/share/fonts/opentype/comic-neue"


CHECKS, check = registry()


class Tester:
    def __init__(self, typeset, root, tmp):
        self.typeset, self.root, self.tmp = typeset, root, tmp
        self.env = dict(os.environ)
        self.env.setdefault("TYPESET_DATA_DIR", root)
        self.env.setdefault("SOURCE_DATE_EPOCH", "1620000000")
        self.env.setdefault("LC_ALL", "C.UTF-8")
        self.cache = {}

    def path(self, name):
        return os.path.join(self.tmp, name)

    def sample(self, name):
        return os.path.join(self.root, "samples", name)

    def run(self, *args, env=None, ok=True):
        p = subprocess.run([self.typeset, *args], capture_output=True, env=env or self.env,
                           timeout=RUN_TIMEOUT)
        if ok and p.returncode != 0:
            raise Fail(f"typeset {' '.join(args)}: exit {p.returncode}: "
                       f"{p.stderr.decode(errors='replace').strip()}")
        return p

    def tool(self, *args, ok=True):
        p = subprocess.run(list(args), capture_output=True, timeout=RUN_TIMEOUT)
        if ok and p.returncode != 0:
            raise Fail(f"{' '.join(args)}: exit {p.returncode}: "
                       f"{p.stderr.decode(errors='replace').strip()}")
        return p.stdout.decode("utf-8", errors="replace")

    def make(self, name, *args):
        """Typesets once per distinct command (cached); returns the output path."""
        key = (name, args)
        if key not in self.cache:
            out = self.path(name)
            self.run(*args, "-o", out)
            self.cache[key] = out
        return self.cache[key]

    def nav_article(self):
        """An article with a title, headings and URLs: a sample plus a paragraph of links."""
        path = self.path("nav.txt")
        if not os.path.exists(path):
            with open(self.sample("benh-vien-khong-giay.txt"), encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.rstrip("\n") + "\n\n" + URL_PARAGRAPH + "\n")
        return path


# --- readers -------------------------------------------------------------------------------------

def qpdf_json(t, pdf):
    return json.loads(t.tool("qpdf", "--json", pdf))


def qpdf_objects(j):
    return j["qpdf"][1]


def page_dicts(t, pdf):
    """The page dictionaries, in page order, from qpdf --json."""
    j = qpdf_json(t, pdf)
    objects = qpdf_objects(j)
    return [objects["obj:" + p["object"]]["value"] for p in j["pages"]]


def mutool_box(t, pdf, page, name):
    """/Name [a b c d] of page (1-based) as mutool prints it: a second, independent reader."""
    text = t.tool("mutool", "show", pdf, f"pages/{page}")
    m = re.search(r"/" + name + r"\s*\[\s*([-\d.\s]+)\]", text)
    require(m, f"mutool: page {page} has no /{name}:\n{text[:400]}")
    return [float(x) for x in m.group(1).split()]


def assert_box(got, expected, what):
    require(len(got) == 4 and all(abs(float(a) - b) <= TOLERANCE for a, b in zip(got, expected)),
            f"{what} is {got}, expected {[round(x, 3) for x in expected]}")


def pdfinfo(t, pdf):
    info = {}
    for line in t.tool("pdfinfo", pdf).splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info


def page_count(t, pdf):
    return int(pdfinfo(t, pdf)["Pages"])


def page_text(t, pdf, page, crop=None):
    args = ["pdftotext", "-q", "-f", str(page), "-l", str(page)]
    if crop:
        x, y, w, h = crop
        args += ["-x", str(int(round(x))), "-y", str(int(round(y))), "-W", str(int(round(w))),
                 "-H", str(int(round(h)))]
    return t.tool(*args, pdf, "-")


def qpdf_check_clean(t, pdf):
    p = subprocess.run(["qpdf", "--check", pdf], capture_output=True, timeout=RUN_TIMEOUT)
    out = (p.stdout + p.stderr).decode(errors="replace")
    require(p.returncode == 0 and "WARNING" not in out and "No syntax or stream encoding errors"
            in out, f"qpdf --check {os.path.basename(pdf)}: exit {p.returncode}:\n{out[-600:]}")


def saddle_order(n, signature=0):
    """1-based pages per sheet side, (left, right), None for a blank; from folding: the outer
    sheet of a signature of S pages carries S|1 on its front and 2|S-1 on its back."""
    total = (n + 3) // 4 * 4
    sides, first = [], 0
    while first < total:
        size = min(signature, total - first) if signature else total
        for s in range(size // 4):
            for left, right in ((size - 2 * s, 2 * s + 1), (2 * s + 2, size - 2 * s - 1)):
                sides.append(tuple(first + p if first + p <= n else None for p in (left, right)))
        first += size
    return sides


# --- the PDF: metadata, outline, labels, links ---------------------------------------------------

@check("metadata: Title, Author, Subject from the article, Keywords from document.keywords")
def _(t):
    pdf = t.make("meta.pdf", t.nav_article(), "--set", "document.keywords=y tế, bệnh viện, số hoá")
    info = pdfinfo(t, pdf)
    require(info.get("Title") == "Bệnh viện tuyến huyện bước vào thời kỳ không giấy tờ",
            f"Title {info.get('Title')!r}")
    require(info.get("Author") == "Phạm Thu Trang", f"Author {info.get('Author')!r}")
    require(info.get("Subject") == "Báo Sức khỏe Cộng đồng", f"Subject {info.get('Subject')!r}")
    require(info.get("Keywords") == "y tế, bệnh viện, số hoá", f"Keywords {info.get('Keywords')!r}")
    require(info.get("Creator", "").startswith("typeset "), f"Creator {info.get('Creator')!r}")
    # 1620000000 = 2021-05-03 00:00:00 UTC
    require("2021" in info.get("CreationDate", "") and "May" in info["CreationDate"]
            and "2021" in info.get("ModDate", ""), f"dates {info.get('CreationDate')!r}")


@check("metadata: document.title/author/subject override the article's")
def _(t):
    pdf = t.make("meta2.pdf", t.nav_article(), "--set", "document.title=Kỷ yếu 2024",
                 "--set", "document.author=Ban biên tập", "--set", "document.subject=Y tế")
    info = pdfinfo(t, pdf)
    require((info.get("Title"), info.get("Author"), info.get("Subject"))
            == ("Kỷ yếu 2024", "Ban biên tập", "Y tế"), f"got {info}")


@check("outline: the title at the root, its headings under it, each at its page and place")
def _(t):
    pdf = t.make("nav.pdf", t.nav_article(), "--style", "plain")
    out = t.tool("mutool", "show", pdf, "outline")
    entries = []
    for line in out.splitlines():
        m = re.match(r'^([|\t +-]*)"(.*)"\t#page=(\d+)&zoom=[\d.]+,([\d.]+),([\d.]+)', line)
        require(m, f"unexpected outline line {line!r}")
        depth = m.group(1).count("\t") - 1
        entries.append((depth, m.group(2), int(m.group(3)), float(m.group(5))))
    expected = [(0, "Bệnh viện tuyến huyện bước vào thời kỳ không giấy tờ"),
                (1, "Từ sổ khám bệnh giấy đến hồ sơ điện tử"),
                (1, "Những vướng mắc còn lại"),
                (1, "Hạ tầng và con người")]
    require([(d, s) for d, s, _, _ in entries] == expected, f"outline {entries}")
    # Each destination is where pdftotext finds that heading's first word (mutool gives the
    # point from the top of the page).
    for depth, title, page, y in entries:
        bbox = t.tool("pdftotext", "-q", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
        first = title.split()[0]
        tops = [float(m.group(1)) for m in
                re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">'
                            + re.escape(first) + "</word>", bbox)]
        require(any(abs(y - top) < 15 for top in tops),
                f"“{title}”: destination y={y} is not near a “{first}” on page {page} "
                f"(tops {tops})")


@check("links: one URI annotation per URL (per line it spans), over the URL's words")
def _(t):
    pdf = t.make("nav.pdf", t.nav_article(), "--style", "plain")
    qpdf_check_clean(t, pdf)
    j = qpdf_json(t, pdf)
    objects = qpdf_objects(j)
    annots = []
    for n, p in enumerate(j["pages"], 1):
        page = objects["obj:" + p["object"]]["value"]
        for ref in page.get("/Annots", []):
            a = objects["obj:" + ref]["value"]
            if a.get("/Subtype") == "/Link":
                uri = a["/A"]["/URI"]
                annots.append((n, uri[2:] if uri.startswith("u:") else uri, a["/Rect"]))
    uris = sorted(set(u for _, u, _ in annots))
    expected = sorted([URLS[0], "http://" + URLS[1], URLS[2]])
    require(uris == expected, f"link targets {uris}, expected {expected}")
    # Every URL word pdftotext finds lies inside an annotation with that target.
    last = page_count(t, pdf)
    bbox = t.tool("pdftotext", "-q", "-bbox", "-f", str(last), "-l", str(last), pdf, "-")
    found = 0
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r'([^<]*)</word>', bbox):
        word = m.group(5).replace("&amp;", "&")
        target = next((u for u in expected if any(x in word for x in
                                                  ("baochinhphu", "moh.gov", "example.com"))
                       and (u.split("//")[-1][:12] in word or word.strip("(),.") in u)), None)
        if target is None:
            continue
        found += 1
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        cx, cy = (x0 + x1) / 2, A4[1] - (y0 + y1) / 2
        require(any(u == target and r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1
                    for n, u, r in annots if n == last),
                f"word {word!r} at ({cx:.1f}, {cy:.1f}) is under no link to {target}: {annots}")
    require(found >= 3, f"found only {found} URL words on page {last}")


MD_LINK_URI = "https://moh.gov.vn/tin-tuc/benh-vien"
MD_LINK_TEXT = ("thông báo của Bộ Y tế về việc chuyển đổi số trong các bệnh viện tuyến huyện "
                "và tuyến tỉnh trên toàn quốc từ năm hai nghìn hai mươi tư")


def link_annots(t, pdf):
    """(page, uri, rect) of every /Link annotation, from qpdf --json."""
    j = qpdf_json(t, pdf)
    objects = qpdf_objects(j)
    annots = []
    for n, p in enumerate(j["pages"], 1):
        page = objects["obj:" + p["object"]]["value"]
        for ref in page.get("/Annots", []):
            a = objects["obj:" + ref]["value"]
            if a.get("/Subtype") == "/Link":
                uri = a["/A"]["/URI"]
                annots.append((n, uri[2:] if uri.startswith("u:") else uri,
                               [float(x) for x in a["/Rect"]]))
    return annots


def bbox_words(t, pdf, page):
    """(word, centre x, centre y from the page's foot) as pdftotext -bbox reads them."""
    bbox = t.tool("pdftotext", "-q", "-bbox", "-f", str(page), "-l", str(page), pdf, "-")
    out = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>', bbox):
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        out.append((m.group(5).replace("&amp;", "&"), (x0 + x1) / 2, A4[1] - (y0 + y1) / 2))
    return out


@check("links: a Markdown link over two lines is clickable over its words only, to its target")
def _(t):
    src = t.path("mdlink.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write("# Liên kết\n\nMở đầu đoạn văn bằng vài chữ, rồi đến [" + MD_LINK_TEXT + "]("
                + MD_LINK_URI + "), sau đó là phần còn lại của đoạn văn với địa chỉ "
                + URLS[0] + " viết thẳng và một <https://vi.wikipedia.org/wiki/Ha_Noi> nữa.\n")
    pdf = t.make("mdlink.pdf", src, "--style", "plain")
    qpdf_check_clean(t, pdf)
    annots = link_annots(t, pdf)
    uris = sorted(u for _, u, _ in annots)
    md = [r for _, u, r in annots if u == MD_LINK_URI]
    # Spread over two lines at least: one rectangle per line; the autolink once, not twice.
    require(len(md) >= 2, f"the Markdown link has {len(md)} rectangles; its text spans 2+ lines")
    require(set(uris) == {MD_LINK_URI, URLS[0], "https://vi.wikipedia.org/wiki/Ha_Noi"},
            f"link targets {uris}")
    require(uris.count("https://vi.wikipedia.org/wiki/Ha_Noi") == 1, f"autolink twice: {uris}")

    def inside(x, y, r):
        return r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1

    link_words = MD_LINK_TEXT.split()
    seen = []
    for word, x, y in bbox_words(t, pdf, 1):
        covered = any(inside(x, y, r) for r in md)
        if len(seen) < len(link_words) and word.strip("(),.") == link_words[len(seen)]:
            seen.append(word.strip("(),."))
            require(covered, f"link word {word!r} at ({x:.1f}, {y:.1f}) is outside {md}")
        elif word.strip("(),.") in ("Mở", "đầu", "sau", "đó", "phần", "còn", "lại"):
            require(not covered, f"{word!r} at ({x:.1f}, {y:.1f}) lies under the link {md}")
        if URLS[0][8:20] in word:
            require(any(u == URLS[0] and inside(x, y, r) for _, u, r in annots),
                    f"plain URL word {word!r} is under no link to it")
    require(seen == link_words, f"read the link words {seen}")


@check("links: a quote and a backslash in a URL reach the annotation; no page is lost")
def _(t):
    src = t.path("quote.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("Xem https://a.vn/it's\\x?y=1 và tiếp.\n\n" + "Đoạn sau. " * 1500 + "\n")
    pdf = t.make("quote.pdf", src, "--style", "plain", "--set", "text.smart-quotes=false")
    qpdf_check_clean(t, pdf)
    require(page_count(t, pdf) >= 2, "pages were dropped")
    j = qpdf_json(t, pdf)
    uris = [o["value"]["/A"]["/URI"] for o in qpdf_objects(j).values()
            if isinstance(o.get("value"), dict) and o["value"].get("/Subtype") == "/Link"]
    require(uris == ["u:https://a.vn/it's%5Cx?y=1"], f"URIs {uris}")


@check("page labels: 'Bìa' for the cover, then the folios printed at the foot of each page")
def _(t):
    s = t.sample
    pdf = t.make("kyyeu.pdf", "--style", "booklet", "--set", "cover.show=true",
                 "--set", "contents.show=true", s("nghi-quyet-22.txt"),
                 s("benh-vien-khong-giay.txt"))
    j = json.loads(t.tool("qpdf", "--json", "--json-key=pagelabels", pdf))
    ranges = [(r["index"], r["label"]) for r in j["pagelabels"]]
    n = page_count(t, pdf)

    def label(i):
        start, lab = max((r for r in ranges if r[0] <= i), key=lambda r: r[0])
        prefix = lab.get("/P", "")
        prefix = prefix[2:] if prefix.startswith("u:") else prefix
        number = str(lab.get("/St", 1) + i - start) if lab.get("/S") == "/D" else ""
        return prefix + number

    labels = [label(i) for i in range(n)]
    require(labels[0] == "Bìa", f"page 1 label {labels[0]!r}, expected Bìa ({ranges})")
    # The folio: the last line of text in the bottom margin (18mm) of the page.
    checked = 0
    for i in range(1, n):
        foot = page_text(t, pdf, i + 1, (0, A5[1] - 18 * MM, A5[0], 18 * MM)).split()
        if not foot:
            continue  # a page without a folio (a blank verso)
        require(foot[-1] == labels[i], f"page {i + 1}: label {labels[i]!r}, folio {foot!r}")
        checked += 1
    require(checked >= 3, f"only {checked} pages carry a folio")


# --- the own PDF writer (src/pdfout.c) against Cairo's ------------------------------------------

def word_boxes(t, pdf):
    """(page, word, xMin, yMin, xMax, yMax) of every word pdftotext -bbox finds."""
    out, page = [], 0
    for line in t.tool("pdftotext", "-q", "-bbox", pdf, "-").splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                      r"(.*)</word>", line)
        if m:
            out.append((page, html.unescape(m.group(5)), *map(float, m.group(1, 2, 3, 4))))
    return out


def cairo_env(t):
    env = dict(t.env)
    env["TYPESET_PDF_WRITER"] = "cairo"
    return env


@check("own PDF writer: each sample (and a kỷ yếu imposed with bleed and marks) reads as through "
       "Cairo's, word for word within 0.05 pt; one font per face, embedded, subset, Unicode; "
       "qpdf and mutool clean")
def _(t):
    runs = [(os.path.basename(s), [s]) for s in sorted(glob.glob(t.sample("*.txt")))
            + [t.sample("hanh-trinh-muoi-nam.md")]]
    runs.append(("kyyeu-print", ["--style", "booklet", "--impose", "saddle", "--bleed", "3mm",
                                 "--marks", t.sample("nghi-quyet-22.txt"),
                                 t.sample("benh-vien-khong-giay.txt")]))
    for name, args in runs:
        own = t.make(name + ".own.pdf", *args)
        other = t.path(name + ".cairo.pdf")
        t.run(*args, "-o", other, env=cairo_env(t))
        require(pdfinfo(t, own).get("Producer", "").startswith("typeset "),
                f"{name}: not written by the own writer: {pdfinfo(t, own).get('Producer')!r}")
        require(pdfinfo(t, other).get("Producer", "").startswith("cairo"),
                f"{name}: TYPESET_PDF_WRITER=cairo did not take Cairo")
        a, b = word_boxes(t, own), word_boxes(t, other)
        require([w[:2] for w in a] == [w[:2] for w in b],
                f"{name}: words differ: {short(str([w[:2] for w in a if w not in b][:5]))}")
        worst = max((max(abs(x - y) for x, y in zip(wa[2:], wb[2:])) for wa, wb in zip(a, b)),
                    default=0)
        require(worst < 0.05, f"{name}: a word box is {worst:.3f} pt off Cairo's")
        fonts = t.tool("pdffonts", own).splitlines()[2:]
        names = [f.split()[0].split("+", 1)[-1] for f in fonts]
        require(len(names) == len(set(names)), f"{name}: a face embedded twice: {names}")
        require(all(" yes yes yes " in f for f in fonts), f"{name}: pdffonts:\n" + "\n".join(fonts))
        qpdf_check_clean(t, own)
        p = subprocess.run(["mutool", "draw", "-o", os.devnull, own], capture_output=True,
                           timeout=RUN_TIMEOUT)
        err = p.stderr.decode(errors="replace")
        require(p.returncode == 0 and "error" not in err.lower(), f"{name}: mutool draw: {err}")


@check("a character no font has: a box, a warning, and its text kept in the text layer, "
       "by the own writer and by Cairo's")
def _(t):
    src = t.path("missing.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("Xin chào \ue000 hôm nay.\n")
    for writer, env in (("typeset ", t.env), ("cairo", cairo_env(t))):
        pdf = t.path("missing-" + writer.strip() + ".pdf")
        r = t.run(src, "--style", "plain", "-o", pdf, env=env)
        require(re.search(r"warning: no font has U\+E000", r.stderr.decode()), r.stderr.decode())
        require(pdfinfo(t, pdf).get("Producer", "").startswith(writer),
                f"{writer}: {pdfinfo(t, pdf).get('Producer')!r}")
        text = t.tool("pdftotext", "-q", pdf, "-")
        require("Xin chào \ue000 hôm nay." in text, f"{writer}: text layer {text!r}")
        qpdf_check_clean(t, pdf)


@check("a right-to-left phrase in a line (Hebrew): Cairo draws it, its words stay in the text "
       "layer (before: an abort in Pango, and under AddressSanitizer a read past the "
       "paragraph's break attributes, both from taking an RTL run's glyphs for the text's order)")
def _(t):
    src = t.path("rtl.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("Xin chào שלום עולם hôm nay.\n")
    pdf = t.make("rtl.pdf", src, "--style", "plain")
    require(pdfinfo(t, pdf).get("Producer", "").startswith("cairo"), "the own writer drew RTL text")
    text = t.tool("pdftotext", "-q", pdf, "-")
    for word in ("Xin", "chào", "שלום", "עולם", "hôm", "nay."):
        require(word in text, f"{word!r} missing from {text!r}")
    qpdf_check_clean(t, pdf)


@check("page labels: none when every label would be its page number (seed)")
def _(t):
    pdf = t.make("seed.pdf", t.sample("bac-tu-liem.txt"))
    j = json.loads(t.tool("qpdf", "--json", "--json-key=pagelabels", pdf))
    require(j["pagelabels"] == [], f"unexpected labels {j['pagelabels']}")


@check("determinism: outline, links and labels give byte-identical PDFs twice")
def _(t):
    a, b = t.path("det-a.pdf"), t.path("det-b.pdf")
    for out in (a, b):
        t.run(t.nav_article(), "--set", "document.keywords=a, b", "-o", out)
    require(open(a, "rb").read() == open(b, "rb").read(), "two runs differ")
    for out in (a, b):
        t.run("--style", "booklet", "--impose", "saddle", "--bleed", "3mm", "--marks",
              t.sample("dong-bang-han-man.txt"), "-o", out)
    require(open(a, "rb").read() == open(b, "rb").read(), "two imposed runs differ")


# --- imposition ------------------------------------------------------------------------------------

def check_order(t, name, pdf_pages, pdf_sheets, sides, sheet_size, trim):
    """The text of each half sheet equals the text of the page the order puts there."""
    n_sides = page_count(t, pdf_sheets)
    require(n_sides == len(sides), f"{name}: {n_sides} sheet sides, expected {len(sides)}")
    x0, y0, w, h = trim
    for k, (left, right) in enumerate(sides, 1):
        for half, page in ((0, left), (1, right)):
            got = words(page_text(t, pdf_sheets, k, (x0 + half * w / 2, y0, w / 2, h)))
            want = words(page_text(t, pdf_pages, page)) if page else []
            require(got == want, f"{name}: side {k} {'left' if half == 0 else 'right'} should be "
                                 f"{'page ' + str(page) if page else 'blank'}: got "
                                 f"{' '.join(got)[:80]!r}, expected {' '.join(want)[:80]!r}")


@check("--impose saddle: each half sheet holds the page of the folding order (A5 on A4)")
def _(t):
    src = t.sample("dong-bang-han-man.txt")
    pages = t.make("bk.pdf", "--style", "booklet", src)
    sheets = t.make("bk-saddle.pdf", "--style", "booklet", "--impose", "saddle", src)
    n = page_count(t, pages)
    require(n >= 5, f"the sample gives {n} A5 pages; the check needs at least 5")
    w, h = (float(x) for x in re.findall(r"[\d.]+", pdfinfo(t, sheets)["Page size"])[:2])
    require(abs(w - A4[1]) < 0.5 and abs(h - A4[0]) < 0.5, f"sheet {w} x {h}, not A4 landscape")
    check_order(t, "saddle", pages, sheets, saddle_order(n), (w, h),
                ((A4[1] - 2 * A5[0]) / 2, 0, 2 * A5[0], A5[1]))
    qpdf_check_clean(t, sheets)


@check("--impose saddle --signature 4: signatures folded one after the other")
def _(t):
    src = t.sample("dong-bang-han-man.txt")
    pages = t.make("bk.pdf", "--style", "booklet", src)
    sheets = t.make("bk-sig.pdf", "--style", "booklet", "--impose", "saddle", "--signature", "4",
                    src)
    n = page_count(t, pages)
    check_order(t, "signature 4", pages, sheets, saddle_order(n, 4), None,
                ((A4[1] - 2 * A5[0]) / 2, 0, 2 * A5[0], A5[1]))


@check("--impose 2up: pages in reading order, two a sheet")
def _(t):
    src = t.sample("dong-bang-han-man.txt")
    pages = t.make("bk.pdf", "--style", "booklet", src)
    sheets = t.make("bk-2up.pdf", "--style", "booklet", "--impose", "2up", src)
    n = page_count(t, pages)
    sides = [(p, p + 1 if p + 1 <= n else None) for p in range(1, n + 1, 2)]
    check_order(t, "2up", pages, sheets, sides, None,
                ((A4[1] - 2 * A5[0]) / 2, 0, 2 * A5[0], A5[1]))


@check("usage: --signature without saddle or not a multiple of 4, --impose bad: exit 2")
def _(t):
    src = t.sample("bac-tu-liem.txt")
    for args in (["--signature", "8"], ["--impose", "saddle", "--signature", "6"],
                 ["--impose", "3up"], ["--bleed", "3"], ["--page", "2"],
                 ["--dpi", "100"], ["--format", "tiff"]):
        out = t.path("usage.pdf")
        p = t.run(src, *args, "-o", out, ok=False)
        require(p.returncode == 2, f"{args}: exit {p.returncode}, expected 2")
        require(not os.path.exists(out), f"{args}: left {out}")


# --- bleed and marks -------------------------------------------------------------------------------

@check("--bleed 3mm --marks: TrimBox, BleedBox, MediaBox on every page (qpdf and mutool)")
def _(t):
    pdf = t.make("bleed.pdf", "--style", "booklet", "--bleed", "3mm", "--marks",
                 t.sample("dong-bang-han-man.txt"))
    qpdf_check_clean(t, pdf)
    b = 3 * MM
    m = max(b, MARK_GAP) + MARK_LENGTH + MARK_SPACE
    w, h = A5
    trim = [m, m, m + w, m + h]
    bleed = [m - b, m - b, m + w + b, m + h + b]
    media = [0, 0, w + 2 * m, h + 2 * m]
    pages = page_dicts(t, pdf)
    require(len(pages) >= 5, f"{len(pages)} pages")
    for i, page in enumerate(pages, 1):
        assert_box(page.get("/TrimBox", []), trim, f"page {i} TrimBox")
        assert_box(page.get("/BleedBox", []), bleed, f"page {i} BleedBox")
        assert_box(page.get("/MediaBox", []), media, f"page {i} MediaBox")
    assert_box(mutool_box(t, pdf, 2, "TrimBox"), trim, "mutool: page 2 TrimBox")
    assert_box(mutool_box(t, pdf, 2, "BleedBox"), bleed, "mutool: page 2 BleedBox")
    # The page's text is where it was, moved by the slug: the same words inside the trim.
    plain = t.make("bk.pdf", "--style", "booklet", t.sample("dong-bang-han-man.txt"))
    require(words(page_text(t, pdf, 2, (m, m, w, h))) == words(page_text(t, plain, 2)),
            "the text inside the trim differs from the page without bleed")


@check("--bleed 5mm, no marks: MediaBox = BleedBox, TrimBox 5mm in (A4)")
def _(t):
    pdf = t.make("bleed5.pdf", "--bleed", "5mm", t.sample("bac-tu-liem.txt"))
    qpdf_check_clean(t, pdf)
    b = 5 * MM
    w, h = A4
    for i, page in enumerate(page_dicts(t, pdf), 1):
        assert_box(page.get("/TrimBox", []), [b, b, b + w, b + h], f"page {i} TrimBox")
        assert_box(page.get("/BleedBox", []), [0, 0, w + 2 * b, h + 2 * b], f"page {i} BleedBox")
        assert_box(page.get("/MediaBox", []), [0, 0, w + 2 * b, h + 2 * b], f"page {i} MediaBox")


@check("--impose saddle --bleed 3mm --marks: the spread's boxes, and crop marks in the slug")
def _(t):
    pdf = t.make("bk-saddle-marks.pdf", "--style", "booklet", "--impose", "saddle", "--bleed",
                 "3mm", "--marks", t.sample("dong-bang-han-man.txt"))
    qpdf_check_clean(t, pdf)
    b = 3 * MM
    m = max(b, MARK_GAP) + MARK_LENGTH + MARK_SPACE
    w, h = 2 * A5[0], A5[1]
    for i, page in enumerate(page_dicts(t, pdf), 1):
        assert_box(page.get("/TrimBox", []), [m, m, m + w, m + h], f"sheet {i} TrimBox")
        assert_box(page.get("/BleedBox", []), [m - b, m - b, m + w + b, m + h + b],
                   f"sheet {i} BleedBox")
    # Crop marks: rasterise sheet 1 at 72 dpi (1px = 1pt) in grey and look along the trim's
    # top edge, 12pt left of its corner (inside the mark: 8.5 to 22.7pt out), and at the same
    # distance diagonally (no mark there).
    base = t.path("marks")
    t.tool("pdftoppm", "-f", "1", "-l", "1", "-r", "72", "-gray", "-aa", "no", "-aaVector", "no",
           pdf, base)
    pgm = next(f for f in os.listdir(t.tmp) if f.startswith("marks") and f.endswith(".pgm"))
    grey = read_pgm(os.path.join(t.tmp, pgm))
    x, y = int(m - 12), int(round(m))
    near = [grey[yy][x] for yy in range(y - 1, y + 2)]
    require(min(near) < 128, f"no crop mark at ({x}, {y}): {near}")
    require(grey[y - 12][x] > 250, f"ink where no mark should be at ({x}, {y - 12})")
    # A fold mark above the spine (dashed, so look along it).
    fx = int(round(m + A5[0]))
    column = [min(grey[yy][fx - 1:fx + 2]) for yy in range(int(m - MARK_GAP - MARK_LENGTH),
                                                           int(m - MARK_GAP))]
    require(min(column) < 128, "no fold mark above the spine")


def read_pgm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    pixels = data[m.end():]
    return [pixels[r * w:(r + 1) * w] for r in range(h)]


# --- previews --------------------------------------------------------------------------------------

def png_size(path):
    data = open(path, "rb").read(24)
    require(data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


@check("-o page.png: pixels = page size × dpi / 72 (A4 at 100 dpi; A5 page 3 at 72 dpi)")
def _(t):
    png = t.make("seed.png", t.sample("bac-tu-liem.txt"), "--dpi", "100")
    expected = tuple(int(round(x * 100 / 72)) for x in A4)
    require(png_size(png) == expected, f"{png_size(png)}, expected {expected}")
    png = t.make("bk3.png", "--style", "booklet", t.sample("dong-bang-han-man.txt"), "--page", "3",
                 "--dpi", "72")
    expected = tuple(int(round(x)) for x in A5)
    require(png_size(png) == expected, f"{png_size(png)}, expected {expected}")
    # --format wins over the name.
    out = t.path("named.pdf")
    t.run(t.sample("bac-tu-liem.txt"), "--format", "png", "--dpi", "36", "-o", out)
    require(png_size(out) == tuple(int(round(x / 2)) for x in A4), "--format png not honoured")


@check("-o out.svg: parses, is A4 in pt, and holds the article's words")
def _(t):
    svg = t.make("seed.svg", t.sample("bac-tu-liem.txt"))
    root = ET.parse(svg).getroot()
    require(root.tag == "{http://www.w3.org/2000/svg}svg", f"root {root.tag}")
    w, h = (float(root.get(k).rstrip("pt")) for k in ("width", "height"))
    require(abs(w - A4[0]) < 0.1 and abs(h - A4[1]) < 0.1, f"size {w} x {h}")
    text = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
    pdf_words = words(page_text(t, t.make("seed.pdf", t.sample("bac-tu-liem.txt")), 1))
    missing = [x for x in pdf_words if x not in text]
    require(not missing and len(pdf_words) > 100, f"SVG lacks {missing[:10]}")


@check("--page past the last page: exit 1, message, no file")
def _(t):
    out = t.path("p99.png")
    p = t.run(t.sample("bac-tu-liem.txt"), "--page", "99", "-o", out, ok=False)
    require(p.returncode == 1 and b"--page 99" in p.stderr, f"exit {p.returncode}: {p.stderr}")
    require(not os.path.exists(out), "a file was left")


# --- the font check --------------------------------------------------------------------------------

@check("--check-fonts: every Noto face of bulletin and booklet has all 134 letters, exit 0")
def _(t):
    for style in ("bulletin", "booklet"):
        out = t.path(f"fonts-{style}.pdf")
        p = t.run("--check-fonts", "--style", style, "-o", out)
        lines = p.stdout.decode().splitlines()
        require(len(lines) >= 3 and all("all 134 Vietnamese letters" in x for x in lines),
                f"{style}: {lines}")
        require(any(x.startswith("Noto Serif ") for x in lines), f"{style}: no Noto Serif")
        require(page_count(t, out) == 1, "the sheet is not one page")
        sheet = page_text(t, out, 1)
        require("ỵ" in sheet and "Ỹ" in sheet and "ơ" in sheet, "letters missing from the sheet")


@check("--check-fonts: Comic Neue (no ơ, ư) is reported with the letters it lacks, exit 1")
def _(t):
    if not os.path.isdir(COMIC_NEUE):
        raise Skip("fonts-comic-neue is not installed (scripts/setup installs it)")
    data = t.path("data")
    if not os.path.isdir(data):
        os.makedirs(os.path.join(data, "fonts"))
        shutil.copytree(os.path.join(t.root, "styles"), os.path.join(data, "styles"))
        with open(os.path.join(t.root, "fonts", "fonts.conf"), encoding="utf-8") as f:
            conf = f.read()
        conf = conf.replace("</fontconfig>", f"  <dir>{COMIC_NEUE}</dir>\n</fontconfig>")
        with open(os.path.join(data, "fonts", "fonts.conf"), "w", encoding="utf-8") as f:
            f.write(conf)
    env = dict(t.env, TYPESET_DATA_DIR=data)
    out = t.path("fonts-comic.png")
    p = t.run("--check-fonts", "--set", "body.font=Comic Neue 11", "-o", out, env=env, ok=False)
    text = p.stdout.decode()
    require(p.returncode == 1, f"exit {p.returncode}, expected 1: {text}")
    comic = [x for x in text.splitlines() if x.startswith("Comic Neue")]
    require(len(comic) == 1 and "ComicNeue-Regular" in comic[0], f"no Comic Neue line: {text}")
    lacking = comic[0].split(":")[-1].split()
    for letter in ("ơ", "ư", "Ơ", "Ư", "ợ", "Ự"):
        require(letter in lacking, f"{letter} not reported: {comic[0]}")
    for letter in ("ă", "â", "đ", "Đ"):  # Comic Neue has these
        require(letter not in lacking, f"{letter} reported but present: {comic[0]}")
    require(png_size(out)[0] > 0, "no sheet")
    # The other faces still pass.
    require(all("all 134" in x for x in text.splitlines() if not x.startswith("Comic Neue")),
            text)


def main():
    return run_checks("e2e-print", CHECKS, lambda exe, root, tmp, a: Tester(exe, root, tmp),
                      __doc__.split("\n")[0])


if __name__ == "__main__":
    sys.exit(main())
