#!/usr/bin/env python3
"""End-to-end tests of the layouts: the two-column bulletin, the A5 booklet, photos, Markdown.

usage: e2e_layout.py --typeset PATH --source-root DIR [--only REGEX] [--list] [--keep]
                     [--update-references]

Runs the built typeset and checks what it made with readers that share no code with it:
pdfinfo (page sizes), pdftotext -bbox-layout (word positions: columns, balance), pdftotext per
page (contents page numbers), pdfimages (the JPEG embedded as DCT, byte for byte), pdftoppm
(reference renders, compared with a tolerance in pure Python). Expected values come from the
samples and the style files (A4 = 210 x 297 mm, A5 = 148 x 210 mm, 2 columns), never from
typeset's own output; --dump=pages is used only where a box's role must be known (which box is
the photo and which its caption).

Prints TAP; exits 1 when a check fails. --update-references rewrites tests/reference/*.png
from the current build (look at them before committing).
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
import json

from e2e_common import Fail, Skip, require, registry, nfc, words, short, run_checks  # noqa: F401

A4 = (595.276, 841.89)
A5 = (419.528, 595.276)
SIZE_TOLERANCE = 0.5  # pt
GUTTER_MIN = 8.0      # pt: no body word covers this much x between two columns (gap is 8mm = 22.7pt)
BODY_LEADING = 15.0   # pt, bulletin body (styles/plain.style, 11/15)
FIGURE_GAP = 4.0      # pt, figure.gap default
REFERENCE_DPI = 30
REFERENCE_TOLERANCE = 3.0  # mean absolute difference per grey pixel, of 255

CHECKS, check = registry()


def words(text):
    return nfc(text).split()


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600, **kw)


def tool(cmd):
    p = run(cmd)
    if p.returncode != 0:
        raise Fail(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode(errors='replace')[:300]}")
    return p.stdout.decode("utf-8")


def pdfinfo_sizes(pdf):
    out = tool(["pdfinfo", "-f", "1", "-l", "9999", pdf])
    return [(float(m.group(1)), float(m.group(2)))
            for m in re.finditer(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", out, re.M)]


def page_text(pdf, n, raw=False):
    return nfc(tool(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n)]
                    + (["-raw"] if raw else []) + [pdf, "-"]))


def bbox_words(pdf, n):
    """[(xMin, yMin, xMax, yMax, text)] of the words on page n."""
    out = tool(["pdftotext", "-enc", "UTF-8", "-bbox-layout", "-f", str(n), "-l", str(n), pdf, "-"])
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    res = []
    for w in root.iter("{http://www.w3.org/1999/xhtml}word"):
        res.append((float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                    float(w.get("yMax")), nfc(w.text or "")))
    return res


def body_words(ws):
    """The words in the page's most common word height: the body text (headings, captions,
    the masthead and the furniture are set in other sizes)."""
    heights = {}
    for w in ws:
        h = round(w[3] - w[1], 1)
        heights[h] = heights.get(h, 0) + 1
    if not heights:
        return []
    body = max(heights, key=heights.get)
    return [w for w in ws if abs((w[3] - w[1]) - body) < 0.3]


def gutters(ws):
    """x ranges no body word covers, between the leftmost and the rightmost body word."""
    if not ws:
        return []
    lo, hi = int(min(w[0] for w in ws)), int(max(w[2] for w in ws)) + 1
    covered = bytearray(hi - lo + 1)
    for w in ws:
        for x in range(int(w[0]) - lo, int(w[2]) - lo + 1):
            covered[x] = 1
    out, start = [], None
    for i, c in enumerate(covered):
        if not c and start is None:
            start = i
        elif c and start is not None:
            if i - start >= GUTTER_MIN:
                out.append((lo + start, lo + i))
            start = None
    return out


def columns_of(pdf, n):
    ws = body_words(bbox_words(pdf, n))
    return len(gutters(ws)) + 1, ws


def column_bottoms(pdf, n):
    """Bottom of the lowest body word in each column of page n."""
    ncols, ws = columns_of(pdf, n)
    gs = gutters(ws)
    edges = [g[0] for g in gs] + [1e9]
    bottoms = [0.0] * ncols
    for w in ws:
        c = next(i for i, e in enumerate(edges) if w[2] <= e + 0.5)
        bottoms[c] = max(bottoms[c], w[3])
    return bottoms


def in_order(expected, got, window=4000):
    """Words of `expected` not found in order in `got` (each within `window` words)."""
    lost, j = [], 0
    for i, w in enumerate(expected):
        k = j
        while k < len(got) and k < j + window and got[k] != w:
            k += 1
        if k < len(got) and got[k] == w:
            j = k + 1
        else:
            lost.append((i, w))
    return lost


# --- PNG reading, for the reference renders (pdftoppm -gray writes 8-bit grey) -------------

def read_png_grey(path):
    """(width, height, rows of grey bytes) of an 8-bit grey or RGB PNG (pdftoppm -gray -png
    writes RGB with equal channels in poppler 22)."""
    data = open(path, "rb").read()
    require(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG")
    i, idat, w, bpp = 8, b"", 0, 1
    while i < len(data):
        n, t = struct.unpack(">I4s", data[i:i + 8])
        c = data[i + 8:i + 8 + n]
        i += 12 + n
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", c[:10])
            require(depth == 8 and ctype in (0, 2), f"{path}: not 8-bit grey or RGB (depth {depth}, type {ctype})")
            bpp = 1 if ctype == 0 else 3
        elif t == b"IDAT":
            idat += c
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, k = [], bytearray(stride), 0
    for _ in range(h):
        f, row = raw[k], bytearray(raw[k + 1:k + 1 + stride])
        k += 1 + stride
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                row[x] = (row[x] + a) & 255
            elif f == 2:
                row[x] = (row[x] + b) & 255
            elif f == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(row if bpp == 1 else bytearray(sum(row[x:x + 3]) // 3 for x in range(0, stride, 3)))
        prev = row
    return w, h, rows


def render_grey(pdf, page, out_base):
    tool(["pdftoppm", "-gray", "-r", str(REFERENCE_DPI), "-f", str(page), "-l", str(page),
          "-singlefile", "-png", pdf, out_base])
    return out_base + ".png"


# --- the tester --------------------------------------------------------------------------

class Tester:
    def __init__(self, exe, root, tmp, update):
        self.exe, self.root, self.tmp, self.update = exe, root, tmp, update
        self.env = dict(os.environ)
        self.env.setdefault("TYPESET_DATA_DIR", root)
        self.env.setdefault("SOURCE_DATE_EPOCH", "1620000000")
        self.env.setdefault("LC_ALL", "C.UTF-8")
        self.cache = {}
        self.n = 0

    def sample(self, name):
        return os.path.join(self.root, "samples", name)

    def mkdir(self, name):
        self.n += 1
        d = os.path.join(self.tmp, f"{self.n:02d}-{name}")
        os.makedirs(d)
        return d

    def typeset(self, args, cwd=None):
        p = run([self.exe] + args, cwd=cwd or self.tmp, env=self.env, stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def pdf(self, key, args):
        """typeset ARGS -o KEY.pdf, once; fails the check when typeset fails."""
        if key not in self.cache:
            out = os.path.join(self.tmp, key + ".pdf")
            rc, _, err = self.typeset(args + ["-o", out])
            self.cache[key] = (rc, err, out)
        rc, err, out = self.cache[key]
        require(rc == 0 and os.path.isfile(out), f"typeset {' '.join(args)}: exit {rc}: {err[:400]}")
        return out

    def dump(self, key, args):
        k = "dump-" + key
        if k not in self.cache:
            rc, out, err = self.typeset(args + ["--dump=pages"])
            require(rc == 0, f"--dump=pages {' '.join(args)}: exit {rc}: {err[:300]}")
            self.cache[k] = json.loads(out)
        return self.cache[k]

    def doc_words(self, path, extra=()):
        """The words of an input as typeset's parser read them (title and blocks), photo
        captions left out: a photo may float to the top of a later column or page, so its
        caption's place in the reading order is the layout's choice (see figure_captions)."""
        rc, out, err = self.typeset(list(extra) + [path, "--dump=doc"])
        require(rc == 0, f"--dump=doc {path}: {err[:300]}")
        d = json.loads(out)
        ws = words(d.get("title") or "")
        for b in d["blocks"]:
            if b["kind"] == "figure":
                continue
            if b.get("marker"):
                ws += words(b["marker"])
            ws += words(b.get("text", ""))
        return ws, d

    # The documents the checks share.
    def seed(self):
        return self.pdf("seed", [self.sample("bac-tu-liem.txt")])

    def long(self):
        return self.pdf("long", [self.sample("dong-bang-han-man.txt")])

    def figure(self):
        return self.pdf("figure", [self.sample("nghi-quyet-22.txt")])

    def markdown(self):
        return self.pdf("markdown", [self.sample("hanh-trinh-muoi-nam.md")])

    BOOKLET_INPUTS = ["bac-tu-liem.txt", "hanh-trinh-muoi-nam.md", "benh-vien-khong-giay.txt",
                      "dong-bang-han-man.txt"]
    COVER = ["--set", "cover.title=KỶ YẾU", "--set", "cover.subtitle=Kỷ niệm 10 năm thành lập",
             "--set", "cover.organisation=Công an quận Bắc Từ Liêm", "--set", "cover.year=2024"]

    def booklet_args(self):
        return ["--style", "booklet"] + self.COVER + [self.sample(n) for n in self.BOOKLET_INPUTS]

    def booklet(self):
        return self.pdf("booklet", self.booklet_args())


# --- styles: page sizes and columns -------------------------------------------------------

def is_size(size, want):
    return abs(size[0] - want[0]) < SIZE_TOLERANCE and abs(size[1] - want[1]) < SIZE_TOLERANCE


@check("page sizes: bulletin and plain A4, booklet A5")
def _(t):
    for n, size in enumerate(pdfinfo_sizes(t.seed()), 1):
        require(is_size(size, A4), f"bulletin page {n}: {size}, not A4")
    plain = t.pdf("plain", ["--style", "plain", t.sample("bac-tu-liem.txt")])
    require(all(is_size(s, A4) for s in pdfinfo_sizes(plain)), "plain: not A4")
    sizes = pdfinfo_sizes(t.booklet())
    require(sizes and all(is_size(s, A5) for s in sizes), f"booklet: {set(sizes)}, not A5 {A5}")


@check("columns: bulletin 2 (every page), plain 1, booklet 1 (pdftotext -bbox-layout)")
def _(t):
    pdf = t.long()
    for n in range(1, len(pdfinfo_sizes(pdf)) + 1):
        ncols, ws = columns_of(pdf, n)
        require(len(ws) > 20, f"bulletin page {n}: only {len(ws)} body words")
        require(ncols == 2, f"bulletin page {n}: {ncols} columns (gutters {gutters(ws)})")
        # The gutter is the 8mm gap in the middle of the A4 text area (22mm margins).
        g = gutters(ws)[0]
        mid = A4[0] / 2
        require(g[0] < mid < g[1], f"bulletin page {n}: gutter {g} not around the middle {mid:.0f}")
    plain = t.pdf("plain-long", ["--style", "plain", t.sample("dong-bang-han-man.txt")])
    ncols, ws = columns_of(plain, 1)
    require(ncols == 1, f"plain: {ncols} columns {gutters(ws)}")
    booklet = t.booklet()
    for n in (5, 6):  # the first article's pages (cover, blank, contents, blank)
        ncols, ws = columns_of(booklet, n)
        require(ncols == 1 and len(ws) > 20, f"booklet page {n}: {ncols} columns, {len(ws)} words")


@check("masthead and title span both columns")
def _(t):
    ws = bbox_words(t.figure(), 1)
    title = [w for w in ws if w[4] in ("Bắc", "Từ", "Liêm", "sơ", "kết", "Nghị", "quyết")
             and w[3] - w[1] > 20]  # the title's size (21pt), not the body's
    require(title, "no title words on page 1")
    gutter = gutters(body_words(ws))
    require(gutter, "no gutter on page 1")
    g = gutter[0]
    require(any(w[0] > g[1] for w in title) and any(w[2] < g[0] for w in title)
            or any(w[0] < g[0] < w[2] for w in title) or max(w[2] for w in title) > g[1],
            f"the title stays in one column: {[(round(w[0]), w[4]) for w in title]}, gutter {g}")
    masthead = [w for w in ws if w[4] == "TIN" and w[3] - w[1] > 30]
    require(masthead and masthead[0][1] < min(w[1] for w in body_words(ws)),
            "the masthead is not above the columns")


@check("balance: the columns of the last page end within two lines of each other")
def _(t):
    for key, pdf in (("seed", t.seed()), ("long", t.long())):
        last = len(pdfinfo_sizes(pdf))
        b = column_bottoms(pdf, last)
        require(len(b) == 2, f"{key}: last page has {len(b)} columns")
        require(abs(b[0] - b[1]) <= 2 * BODY_LEADING,
                f"{key}: last page columns end at {b[0]:.1f} and {b[1]:.1f} pt")
    # Control: without balancing the seed's second column is much shorter, so this check can
    # tell the difference.
    off = t.pdf("seed-unbalanced", ["--set", "page.balance=false", t.sample("bac-tu-liem.txt")])
    b = column_bottoms(off, len(pdfinfo_sizes(off)))
    require(len(b) == 2 and abs(b[0] - b[1]) > 2 * BODY_LEADING,
            f"page.balance=false: columns end at {b} (expected unbalanced)")


@check("--set page.columns=3 gives three columns; a bad value names the allowed range")
def _(t):
    pdf = t.pdf("three", ["--set", "page.columns=3", t.sample("dong-bang-han-man.txt")])
    ncols, ws = columns_of(pdf, 2)
    require(ncols == 3, f"{ncols} columns, gutters {gutters(ws)}")
    rc, _, err = t.typeset(["--set", "page.column-rule=thick", t.sample("bac-tu-liem.txt"), "-o",
                            os.path.join(t.tmp, "bad.pdf")])
    require(rc == 2 and "page.column-rule" in err and "length" in err, f"exit {rc}: {err}")
    require(not os.path.exists(os.path.join(t.tmp, "bad.pdf")), "output written")
    bad = os.path.join(t.mkdir("bad-style"), "x.style")
    with open(bad, "w") as f:
        f.write("[style]\nbase = booklet\n\n[page]\narticle-start = left\n")
    rc, _, err = t.typeset(["--style", bad, t.sample("bac-tu-liem.txt"), "-o",
                            os.path.join(t.tmp, "bad2.pdf")])
    require(rc == 1 and f"{bad}:5" in err and "page.article-start" in err and "page, right" in err,
            f"exit {rc}: {err}")


# --- photos --------------------------------------------------------------------------------

@check("JPEG embedded as DCT with the file's bytes (pdfimages -list, -j)")
def _(t):
    for key, pdf, photo in (("txt", t.figure(), "anh/hoi-nghi.jpg"),
                            ("md", t.markdown(), "photos/dong-lua.jpg")):
        listing = tool(["pdfimages", "-list", pdf]).splitlines()[2:]
        encs = [l.split()[8] for l in listing if l.strip()]
        require("jpeg" in encs, f"{key}: no jpeg image in {listing}")
        d = t.mkdir("images-" + key)
        tool(["pdfimages", "-j", pdf, os.path.join(d, "img")])
        want = open(t.sample(photo), "rb").read()
        got = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d)) if f.endswith(".jpg")]
        require(want in got, f"{key}: no extracted JPEG equals {photo} ({len(got)} extracted, "
                             f"sizes {[len(g) for g in got]}, want {len(want)})")


def read_pnm_grey(data):
    """(width, height, grey bytes: the mean of R, G and B) of a binary PPM (djpeg's output)."""
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    require(m, "djpeg: not a binary PPM")
    w, h, px = int(m.group(1)), int(m.group(2)), data[m.end():]
    return w, h, bytes(sum(px[i:i + 3]) // 3 for i in range(0, 3 * w * h, 3))


@check("PNG preview: a JPEG photo shows its pixels (as djpeg decodes them), not a grey box")
def _(t):
    d = t.mkdir("jpeg-png")
    png = os.path.join(d, "p.png")
    src = t.sample("nghi-quyet-22.txt")
    rc, _, err = t.typeset(["--style", "plain", src, "--page", "1", "--dpi", "72", "-o", png])
    require(rc == 0, f"exit {rc}: {err}")
    dump = t.dump("jpeg-png", ["--style", "plain", src])
    box = next(b for b in dump["pages"][0]["boxes"] if b["kind"] == "image")
    require(box["image"].endswith("hoi-nghi.jpg"), f"image box {box}")
    w, h, rows = read_png_grey(png)
    # At 72 dpi one pixel is one point; 3 pixels in from each edge (antialiasing).
    x0, y0 = int(box["x"]) + 3, int(box["y"]) + 3
    x1, y1 = int(box["x"] + box["width"]) - 3, int(box["y"] + box["height"]) - 3
    seen = [rows[y][x] for y in range(y0, y1) for x in range(x0, x1)]
    mean = sum(seen) / len(seen)
    spread = (sum((v - mean) ** 2 for v in seen) / len(seen)) ** 0.5
    p = subprocess.run(["djpeg", "-pnm", os.path.join(t.root, "samples", "anh", "hoi-nghi.jpg")],
                       capture_output=True)
    require(p.returncode == 0, f"djpeg: {p.stderr!r}")
    jw, jh, grey = read_pnm_grey(p.stdout)
    jmean = sum(grey) / len(grey)
    jspread = (sum((v - jmean) ** 2 for v in grey) / len(grey)) ** 0.5
    # The flat grey stand-in had a spread of 0; the photo's own is djpeg's, give or take the
    # smoothing of scaling it down.
    require(spread > jspread / 2, f"photo area spread {spread:.1f}, the photo's {jspread:.1f}")
    require(abs(mean - jmean) < 8, f"photo area mean {mean:.1f}, the photo's {jmean:.1f}")
    # The PDF still carries the file's bytes (pdfimages: jpeg), decoded by no one.
    pdf = t.pdf("jpeg-png-pdf", ["--style", "plain", src])
    listing = tool(["pdfimages", "-list", pdf])
    require(" jpeg " in listing, f"pdfimages -list:\n{listing}")


def image_ppi(pdf):
    """[(x-ppi, y-ppi)] of the images, as pdfimages -list computes them from the placed size."""
    rows = tool(["pdfimages", "-list", pdf]).splitlines()[2:]
    return [(int(r.split()[12]), int(r.split()[13])) for r in rows if r.strip()]


@check("figure.resolution: a small photo is never enlarged past its pixels at 150 dpi")
def _(t):
    src = t.sample("nghi-quyet-22.txt")  # hoi-nghi.jpg, 480 × 320 pixels
    # In plain's 166mm column the photo would be 480 px / 6.54 in = 73 ppi at full width;
    # at most 150 dpi it is 480 / 150 = 3.2 in wide, centred.
    got = image_ppi(t.pdf("res-default", ["--style", "plain", src]))
    require(got == [(150, 150)], f"default: {got}, expected 150 ppi")
    got = image_ppi(t.pdf("res-300", ["--style", "plain", "--set", "figure.resolution=300", src]))
    require(got == [(300, 300)], f"figure.resolution=300: {got}")
    got = image_ppi(t.pdf("res-0", ["--style", "plain", "--set", "figure.resolution=0", src]))
    width_in = (210 - 2 * 22) / 25.4  # plain: A4, 22mm margins
    require(got == [(round(480 / width_in), round(320 / (width_in * 320 / 480)))],
            f"figure.resolution=0: {got}, expected {round(480 / width_in)} ppi (the column)")


@check("a wide photo at the end never has a page to itself when the text's page has room")
def _(t):
    d = t.mkdir("wide-end")
    path = os.path.join(d, "bai.md")
    photo = os.path.join(t.root, "samples", "anh", "hoi-nghi.jpg")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Tin ngắn\n\n" + "Đoạn văn ngắn của bản tin có vài câu. " * 12 + "\n\n"
                + "Đoạn thứ hai cũng ngắn. " * 8 + "\n\n![Ảnh hội nghị.](" + photo + "){wide}\n")
    dump = t.dump("wide-end", [path])
    pages = dump["pages"]
    require(len(pages) == 1, f"{len(pages)} pages: the photo went to a page of its own")
    boxes = pages[0]["boxes"]
    image = next(b for b in boxes if b["kind"] == "image")
    body = [b for b in boxes if b["kind"] == "line" and b.get("role") == "body"]
    # Across the text width, above the columns that hold the text.
    require(image["frame"] == -1 and all(b["y"] >= image["y"] + image["height"] for b in body),
            f"photo {image} not above the body lines")


@check("PNG with transparency: embedded with a soft mask")
def _(t):
    listing = tool(["pdfimages", "-list", t.markdown()]).splitlines()[2:]
    types = [l.split()[2] for l in listing if l.strip()]
    require("smask" in types, f"no smask image: {listing}")


def figures(dump):
    """[(page, image box, [caption boxes of its block])] from --dump=pages."""
    out = []
    for page in dump["pages"]:
        boxes = page["boxes"]
        for b in boxes:
            if b["kind"] == "image":
                caps = [c for c in boxes if c["kind"] == "caption" and c["block"] == b["block"]]
                out.append((page, b, caps))
    return out


@check("each caption directly under its photo, on the same page, inside the frame")
def _(t):
    cases = [("figure", [t.sample("nghi-quyet-22.txt")]), ("markdown", [t.sample("hanh-trinh-muoi-nam.md")]),
             ("images", ["--images", t.sample("photos/bac-tu-liem"), t.sample("bac-tu-liem.txt")]),
             ("booklet", t.booklet_args())]
    seen = 0
    for key, args in cases:
        for page, img, caps in figures(t.dump(key, args)):
            seen += 1
            n = page["number"]
            require(caps, f"{key} p{n}: photo of block {img['block']} without its caption on the page")
            first = min(caps, key=lambda c: c["y"])
            gap = first["y"] - (img["y"] + img["height"])
            require(-0.01 <= gap <= FIGURE_GAP + 0.01,
                    f"{key} p{n}: caption {gap:.2f}pt below its photo (want 0..{FIGURE_GAP})")
            cx = first["x"] + first["width"] / 2
            require(img["x"] - 1 <= cx <= img["x"] + img["width"] + 1 or first["width"] >= img["width"],
                    f"{key} p{n}: caption not under the photo")
            frames = page["frames"]
            bottom = max(f["y"] + f["height"] for f in frames) if frames else page["height"]
            require(img["y"] + img["height"] <= bottom + 0.01 and max(c["y"] + c["height"] for c in caps) <= bottom + 0.01,
                    f"{key} p{n}: photo or caption past the frame's foot {bottom}")
    require(seen >= 6, f"only {seen} photos found")


@check("--images DIR: photos by caption order; without it no image and no empty box")
def _(t):
    with_dir = t.pdf("images", ["--images", t.sample("photos/bac-tu-liem"), t.sample("bac-tu-liem.txt")])
    listing = [l for l in tool(["pdfimages", "-list", with_dir]).splitlines()[2:] if l.strip()]
    require(len(listing) == 2, f"{len(listing)} images, want 2 (1.jpg and 2.jpg)")
    d = t.mkdir("numbered")
    tool(["pdfimages", "-j", with_dir, os.path.join(d, "img")])
    got = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d))]
    want = [open(t.sample(f"photos/bac-tu-liem/{i}.jpg"), "rb").read() for i in (1, 2)]
    require(got == want, "the photos are not 1.jpg then 2.jpg, byte for byte")
    require(not [l for l in tool(["pdfimages", "-list", t.seed()]).splitlines()[2:] if l.strip()],
            "the seed without --images has an image")
    kinds = {b["kind"] for p in t.dump("seed", [t.sample("bac-tu-liem.txt")])["pages"] for b in p["boxes"]}
    require("image" not in kinds, "an image box (empty frame) without photos")
    # Relative paths, as a user types them from the repository root: DIR is taken from the
    # current folder, not from the article's (that one is for the article's own photo paths).
    rel = os.path.join(t.tmp, "images-relative.pdf")
    rc, _, err = t.typeset(["--images", os.path.join("samples", "photos", "bac-tu-liem"),
                            os.path.join("samples", "bac-tu-liem.txt"), "-o", rel], cwd=t.root)
    require(rc == 0, f"--images with relative paths from the root: exit {rc}: {err[:300]}")
    n = len([l for l in tool(["pdfimages", "-list", rel]).splitlines()[2:] if l.strip()])
    require(n == 2, f"--images with relative paths: {n} images, want 2")


@check("missing photo: FILE:LINE error, exit 1, no output; --keep-going: warning and a marked frame")
def _(t):
    d = t.mkdir("missing")
    art = os.path.join(d, "bai.txt")
    with open(art, "w", encoding="utf-8") as f:
        f.write("title: Thử ảnh\n\nĐoạn đầu của bài viết có một tấm ảnh.\n\n"
                "![Ảnh không có thật.](khong-co.jpg)\n\nĐoạn cuối của bài viết.\n")
    out = os.path.join(d, "bai.pdf")
    rc, _, err = t.typeset([art, "-o", out])
    require(rc == 1, f"exit {rc}")
    require(re.search(r"bai\.txt:5:\d+: .*khong-co\.jpg.*No such file", err), f"message: {err!r}")
    require(not os.path.exists(out), "a PDF was written")
    require(os.listdir(d) == ["bai.txt"], f"left behind: {os.listdir(d)}")
    rc, _, err = t.typeset(["--keep-going", art, "-o", out])
    require(rc == 0 and os.path.isfile(out), f"--keep-going: exit {rc}: {err}")
    require("warning" in err and "khong-co.jpg" in err, f"no warning: {err!r}")
    rc, js, _ = t.typeset(["--keep-going", art, "--dump=pages"])
    boxes = [b for p in json.loads(js)["pages"] for b in p["boxes"] if b["kind"] == "image"]
    require(len(boxes) == 1 and boxes[0]["image"] is None and boxes[0]["width"] > 50,
            f"placeholder boxes: {boxes}")
    rc, _, err = t.typeset(["--keep-going", "--strict", art, "-o", out])
    require(rc == 1, f"--keep-going --strict: exit {rc}")


@check("CMYK JPEG refused with a clear message")
def _(t):
    d = t.mkdir("cmyk")
    # SOI, then a baseline SOF0 with four components (ITU T.81 B.2.2), 64 x 48 pixels.
    sof = bytes([0xFF, 0xC0, 0, 8 + 3 * 4, 8, 0, 48, 0, 64, 4]) + b"".join(bytes([c, 0x11, 0]) for c in (1, 2, 3, 4))
    with open(os.path.join(d, "cmyk.jpg"), "wb") as f:
        f.write(b"\xFF\xD8" + sof + b"\xFF\xD9")
    art = os.path.join(d, "bai.txt")
    with open(art, "w", encoding="utf-8") as f:
        f.write("Đoạn văn đầu tiên của bài.\n\n![Ảnh CMYK.](cmyk.jpg)\n\nĐoạn văn cuối của bài.\n")
    rc, _, err = t.typeset([art, "-o", os.path.join(d, "x.pdf")])
    require(rc == 1 and "bai.txt:3:" in err and "CMYK" in err and "convert" in err, f"exit {rc}: {err!r}")


# --- Markdown --------------------------------------------------------------------------------

@check("markdown: word round trip, list markers, link target kept, no warnings")
def _(t):
    path = t.sample("hanh-trinh-muoi-nam.md")
    rc, _, err = t.typeset([path, "-o", os.path.join(t.mkdir("md"), "x.pdf")])
    require(rc == 0 and "warning" not in err, f"exit {rc}: {err}")
    expected, doc = t.doc_words(path)
    # Independent of typeset: words straight from the Markdown source must be in the doc.
    src = open(path, encoding="utf-8").read()
    for w in ("Thượng", "2.400", "Khuyến", "tháng", "10."):
        require(w in expected, f"{w!r} from the source not in the parsed text")
    got = words(tool(["pdftotext", "-enc", "UTF-8", "-raw", t.markdown(), "-"]))
    lost = in_order(expected, got)
    require(not lost, f"{len(lost)} of {len(expected)} words lost, first {lost[:3]}")
    joined = " ".join(got)
    for b in doc["blocks"]:
        if b["kind"] == "figure":
            require(" ".join(words(b["text"])) in joined, f"caption {b['text']!r} not whole in the PDF")
    markers = [b["marker"] for b in doc["blocks"] if b.get("marker")]
    require(markers == ["•", "•", "•", "1.", "2.", "3."], f"markers {markers}")
    links = [s.get("link") for b in doc["blocks"] for s in b["spans"] if s.get("link")]
    require(links == ["https://khuyenhoc.example.vn/thuong-cat"], f"links {links}")
    require("https://khuyenhoc.example.vn/thuong-cat" in src, "test bug")


HARD_BREAK_MD = ("# Thư mời\n\nBan tổ chức trân trọng kính mời quý vị đến dự buổi gặp mặt kỷ niệm "
                 "mười năm thành lập câu lạc bộ, được tổ chức vào sáng chủ nhật tuần này tại "
                 "hội trường lớn của ủy ban nhân dân phường.\n\n"
                 "Kính gửi: ông Nguyễn Văn An  \nGiám đốc Sở Y tế\\\n"
                 "Buổi gặp mặt sẽ bắt đầu lúc tám giờ sáng với phần phát biểu của ban chủ nhiệm, "
                 "sau đó là phần giao lưu giữa các thế hệ hội viên và trao quà lưu niệm cho những "
                 "người đã gắn bó với câu lạc bộ từ ngày đầu thành lập.\n")


@check("markdown: a hard break ends the line inside the paragraph, set short, no indent after")
def _(t):
    d = t.mkdir("md-break")
    path = os.path.join(d, "thu.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HARD_BREAK_MD)
    _, doc = t.doc_words(path)
    texts = [b["text"] for b in doc["blocks"]]
    require(len(texts) == 2 and texts[1].count("\n") == 2
            and texts[1].startswith("Kính gửi: ông Nguyễn Văn An\nGiám đốc Sở Y tế\nBuổi"),
            f"blocks {texts}")
    pdf = t.pdf("md-break", ["--style", "plain", path])
    ws = body_words(bbox_words(pdf, 1))
    left = min(w[0] for w in ws)
    right = max(w[2] for w in ws)
    lines = {}
    for w in ws:
        lines.setdefault(round(w[3], 1), []).append(w)
    rows = [sorted(lines[k]) for k in sorted(lines)]
    starts = [" ".join(w[4] for w in r[:2]) for r in rows]
    i = next((n for n, s in enumerate(starts) if s == "Kính gửi:"), None)
    require(i is not None and i + 3 < len(rows), f"line starts {starts}")
    a, b, c, e = rows[i], rows[i + 1], rows[i + 2], rows[i + 3]
    require([w[4] for w in a] == "Kính gửi: ông Nguyễn Văn An".split(), f"line {a}")
    require([w[4] for w in b] == "Giám đốc Sở Y tế".split(), f"line {b}")
    require(c[0][4] == "Buổi", f"line {c}")
    # Set short (natural width, not justified) and the next lines flush left, no indent.
    for r in (a, b):
        require(r[-1][2] < left + (right - left) / 2, f"{r[-1][4]!r} ends at {r[-1][2]}: justified?")
        require(r[1][0] - r[0][2] < 6, f"a stretched space after {r[0][4]!r} in {r}")
    for r in (b, c):
        require(abs(r[0][0] - left) < 0.5, f"{r[0][4]!r} at x={r[0][0]}, the margin is {left}")
    # The line after the breaks is justified to the right margin as usual.
    require(abs(c[-1][2] - right) < 1.0, f"line {c[0][4]!r}… ends at {c[-1][2]}, not {right}")
    # One paragraph: the lines follow at the body leading, no paragraph space between them.
    for r0, r1 in ((a, b), (b, c), (c, e)):
        gap = r1[0][3] - r0[0][3]
        require(abs(gap - BODY_LEADING) < 0.5, f"{gap:.2f}pt between {r0[0][4]!r} and {r1[0][4]!r}")


@check("markdown: a table and raw HTML are warned about and their text kept")
def _(t):
    d = t.mkdir("md-table")
    path = os.path.join(d, "bang.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Kết quả\n\nSố liệu năm nay như sau.\n\n| Năm | Số vụ |\n| --- | --- |\n"
                "| 2023 | 120 |\n| 2024 | 95 |\n\n<div>Ghi chú: <b>số liệu tạm tính</b></div>\n")
    rc, _, err = t.typeset([path, "-o", os.path.join(d, "x.pdf")])
    require(rc == 0, f"exit {rc}: {err}")
    require(re.search(r"bang\.md:5:\d+: warning: a table", err), f"no table warning: {err!r}")
    require("warning: raw HTML" in err, f"no HTML warning: {err!r}")
    text = " ".join(words(tool(["pdftotext", "-enc", "UTF-8", "-raw", os.path.join(d, "x.pdf"), "-"])))
    for piece in ("Năm | Số vụ", "2023 | 120", "2024 | 95", "Ghi chú: số liệu tạm tính"):
        require(piece in text, f"{piece!r} not in the PDF: {text[:300]!r}")
    rc, _, err = t.typeset(["--from", "markdown", t.sample("ha-noi-ret-dam.txt"), "-o", os.path.join(d, "y.pdf")])
    require(rc == 0, f"--from markdown on a .txt: {err}")


# --- many articles, one booklet -------------------------------------------------------------

def contents_entries(text):
    """[(title words, page)] of a contents page: an entry ends with a number on its own."""
    entries, cur = [], []
    for w in words(text):
        if re.fullmatch(r"\.+", w):
            continue  # dot leaders
        if re.fullmatch(r"\d+", w) and cur:
            entries.append((" ".join(cur), int(w)))
            cur = []
        elif w != "MỤC" and w != "LỤC":
            cur.append(w)
    return entries


@check("booklet: cover, contents page numbers = the pages where the articles start, right-hand")
def _(t):
    pdf = t.booklet()
    npages = len(pdfinfo_sizes(pdf))
    cover = " ".join(words(page_text(pdf, 1)))
    for piece in ("KỶ YẾU", "Kỷ niệm 10 năm thành lập", "Công an quận Bắc Từ Liêm", "2024"):
        require(piece in cover, f"cover lacks {piece!r}: {cover!r}")
    require(not page_text(pdf, 2).strip(), "the back of the cover is not blank")
    contents = page_text(pdf, 3)
    require("MỤC LỤC" in contents, f"page 3 is not the contents: {contents[:100]!r}")
    entries = contents_entries(contents)
    entries = [e for e in entries if e[1] != 3]  # the folio of the contents page itself
    require(len(entries) == len(t.BOOKLET_INPUTS), f"contents entries {entries}")
    for (title, page), name in zip(entries, t.BOOKLET_INPUTS):
        _, doc = t.doc_words(t.sample(name))
        first_words = words(doc.get("title") or doc["blocks"][0]["text"])[:4]
        require(title.split()[:4] == first_words, f"entry {title!r} is not {name} ({first_words})")
        require(page % 2 == 1, f"{name} starts on page {page}, a left-hand page")
        require(1 <= page <= npages, f"{name}: page {page} of {npages}")
        top = words(page_text(pdf, page))[:12]
        require(top[:4] == first_words, f"page {page} starts {top[:6]}, not {name} {first_words}")
        prev = words(page_text(pdf, page - 1))
        require(prev[:4] != first_words, f"{name} also on page {page - 1}")


CONTENTS_EM = 10.5  # pt: contents.font, Noto Serif 10.5 (styles/booklet.style)


@check("booklet: contents with dot leaders to flush-right numbers; untitled by its first words…")
def _(t):
    pdf = t.booklet()
    rows = {}
    for w in bbox_words(pdf, 3):
        rows.setdefault(round(w[3]), []).append(w)
    entries = []
    for y in sorted(rows):
        r = sorted(rows[y])
        if len(r) >= 2 and re.fullmatch(r"\d+", r[-1][4]) and r[-1][4] != "3":
            entries.append(r)
    require(len(entries) == len(t.BOOKLET_INPUTS), f"{len(entries)} entry rows with a number")
    cell = CONTENTS_EM / 2
    phases, rights = [], []
    for r in entries:
        number, body = r[-1], r[:-1]
        dots = [w for w in body if re.fullmatch(r"\.+", w[4])]
        text = [w for w in body if not re.fullmatch(r"\.+", w[4])]
        require(len(dots) >= 2 and text, f"no leaders in {[w[4] for w in r]}")
        require(all(d[0] > text[-1][2] for d in dots), f"dots inside the title: {[w[4] for w in r]}")
        # The row of dots reaches from the title to the number, with a little air each side.
        require(dots[0][0] - text[-1][2] < CONTENTS_EM + cell,
                f"leaders start {dots[0][0] - text[-1][2]:.1f}pt after the title")
        require(0 < number[0] - dots[-1][2] < CONTENTS_EM,
                f"leaders stop {number[0] - dots[-1][2]:.1f}pt before the number")
        steps = [b[0] - a[0] for a, b in zip(dots, dots[1:])]
        require(all(abs(s - cell) < 0.2 for s in steps), f"dot steps {steps}, expected {cell}")
        phases.append((dots[0][0] - 0) % cell)
        rights.append(number[2])
    # Flush right: every number ends at the same x, whatever its digits; the dots of all
    # entries stand in the same columns.
    require(max(rights) - min(rights) < 0.5, f"numbers end at {rights}")
    require(max(phases) - min(phases) < 0.2 or max(phases) - min(phases) > cell - 0.2,
            f"dot columns differ between entries: {phases}")
    # The untitled article (bac-tu-liem.txt) is listed by its first words and an ellipsis.
    _, doc = t.doc_words(t.sample("bac-tu-liem.txt"))
    require(not doc.get("title"), "test bug: bac-tu-liem.txt has a title")
    first = words(doc["blocks"][0]["text"])
    entry = [w[4] for w in entries[0] if not re.fullmatch(r"\.+|\d+", w[4])]
    require(entry[-1].endswith("…"), f"untitled entry {entry} has no ellipsis")
    shown = entry[:-1] + [entry[-1][:-1]]
    require(shown == first[:len(shown)] and 3 <= len(shown) < len(first),
            f"untitled entry {entry} is not the start of {first[:12]}")


@check("booklet: running header with the article title from its second page; folios")
def _(t):
    pdf = t.booklet()
    npages = len(pdfinfo_sizes(pdf))
    entries = [e for e in contents_entries(page_text(pdf, 3)) if e[1] != 3]
    title = "Bệnh viện tuyến huyện bước vào thời kỳ không giấy tờ"
    start = next(p for name, p in entries if name.startswith("Bệnh viện"))
    first = " ".join(words(page_text(pdf, start, raw=True)))
    require(first.count(title) == 1, f"page {start}: the title should be there once (no header)")
    second = " ".join(words(page_text(pdf, start + 1, raw=True)))
    require(title in second, f"page {start + 1}: no running header {title!r}: {second[-200:]!r}")
    # Folios: the page's own number on every article page (the footer template is {page}).
    for n in range(start, start + 2):
        require(str(n) in words(page_text(pdf, n)), f"page {n} has no folio {n}")
    require(npages >= start + 1, f"{npages} pages")


@check("booklet: the word round trip of every article")
def _(t):
    got = words(tool(["pdftotext", "-enc", "UTF-8", "-raw", t.booklet(), "-"]))
    joined = " ".join(got)
    for name in t.BOOKLET_INPUTS:
        expected, doc = t.doc_words(t.sample(name))
        lost = in_order(expected, got)
        require(not lost, f"{name}: {len(lost)} of {len(expected)} words lost, first {lost[:3]}")
        for b in doc["blocks"]:
            if b["kind"] == "figure":
                require(" ".join(words(b["text"])) in joined, f"{name}: caption {b['text']!r} not whole")


@check("booklet: several inputs need -o; one bad input fails the whole booklet, nothing written")
def _(t):
    d = t.mkdir("booklet-errors")
    rc, _, err = t.typeset(["--style", "booklet", t.sample("bac-tu-liem.txt"), t.sample("ha-noi-ret-dam.txt")], cwd=d)
    require(rc == 2 and "-o" in err, f"exit {rc}: {err}")
    out = os.path.join(d, "k.pdf")
    rc, _, err = t.typeset(["--style", "booklet", t.sample("bac-tu-liem.txt"), os.path.join(d, "none.txt"), "-o", out])
    require(rc == 1 and "none.txt" in err and not os.path.exists(out), f"exit {rc}: {err}")


# --- reference renders -------------------------------------------------------------------------

REFERENCES = [
    ("bulletin-figure-1", lambda t: t.figure(), 1),
    ("bulletin-images-1", lambda t: t.pdf("images", ["--images", t.sample("photos/bac-tu-liem"), t.sample("bac-tu-liem.txt")]), 1),
    ("markdown-1", lambda t: t.markdown(), 1),
    ("booklet-cover", lambda t: t.booklet(), 1),
    ("booklet-contents", lambda t: t.booklet(), 3),
    ("booklet-article", lambda t: t.booklet(), 7),
]


@check("reference renders: pdftoppm -gray at 30 dpi within a mean difference of 3/255")
def _(t):
    refdir = os.path.join(t.root, "tests", "reference")
    d = t.mkdir("renders")
    bad = []
    for name, make, page in REFERENCES:
        png = render_grey(make(t), page, os.path.join(d, name))
        ref = os.path.join(refdir, name + ".png")
        if t.update:
            os.makedirs(refdir, exist_ok=True)
            shutil.copyfile(png, ref)
            continue
        require(os.path.isfile(ref), f"no reference {ref}; make it with --update-references")
        w1, h1, a = read_png_grey(png)
        w2, h2, b = read_png_grey(ref)
        if (w1, h1) != (w2, h2):
            bad.append(f"{name}: {w1}x{h1}, reference {w2}x{h2}")
            continue
        diff = sum(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb)) / (w1 * h1)
        if diff > REFERENCE_TOLERANCE:
            bad.append(f"{name}: mean difference {diff:.2f} (render kept as {png})")
    require(not bad, "; ".join(bad))


def main():
    return run_checks("e2e-layout", CHECKS,
                      lambda exe, root, tmp, a: Tester(exe, root, tmp, a.update_references),
                      extra_args=[("--update-references", {"action": "store_true"})])


if __name__ == "__main__":
    sys.exit(main())
