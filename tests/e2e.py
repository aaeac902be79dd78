#!/usr/bin/env python3
"""End-to-end tests: the built typeset on real articles, checked with independent readers.

usage: e2e.py --typeset PATH --source-root DIR [--only REGEX] [--list] [--keep] [-v]

Runs the typeset executable on samples/bac-tu-liem.txt (the seed), on every other samples/*.txt
present at run time, on a few articles written here (a long one, bad inputs), and checks the
output with tools that share no code with typeset: poppler-utils (pdfinfo, pdffonts, pdftotext),
qpdf and mupdf-tools (mutool). Python's standard library only.

Prints one TAP line per check ("ok - name" / "not ok - name: why", "# ..." for details) and
exits 1 when any check fails.

Adding a check: write a function and decorate it.
  @check("name")                 def f(t): ...           runs once; t is the Tester
  @sample_check("name")          def f(t, s): ...        runs for every sample s (a Sample)
A check passes by returning; it fails with `raise Fail("why")` (or `require(cond, "why")`) and is
skipped with `raise Skip("why")`. Typeset runs and the readers' answers are cached on the Sample,
so checks can ask for them freely.

Environment: TYPESET_DATA_DIR (default: the source root), SOURCE_DATE_EPOCH (default
1620000000), LC_ALL (default C.UTF-8).
"""

import argparse
import calendar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET

from e2e_common import Fail, Skip, require, nfc

# --- facts about the seed and the defaults -------------------------------------------------------

SEED = "bac-tu-liem.txt"
SEED_CAPTIONS = [
    "Lãnh đạo Công an quận Bắc Từ Liêm trong buổi lễ công bố quyết định của Công an TP Hà Nội.",
    "Lực lượng Công an quận Bắc Từ Liêm diễn tập giải cứu con tin.",
]
SEED_DATE_HEADING = "Tháng 5/2021"
# Words that a correct line breaker never splits (DESIGN.md, issue 2).
SEED_UNBREAKABLE = ["(1/4/2014)", "29/4/2021,", "22-NQ/QU"]
DEFAULT_MASTHEAD = "BẢN TIN"
A4 = (595.276, 841.89)
PAGE_SIZE_TOLERANCE = 0.5  # pt; pdfinfo rounds to 2-3 decimals
BOX_KINDS = {"body", "caption", "title", "heading", "quote", "byline", "masthead", "image", "marker",
             "masthead-date", "header", "footer", "rule"}
DOC_BLOCK_KINDS = {"paragraph", "caption", "heading", "quote", "figure"}
# Candidates for "a character no font has": CJK Ext. B (Chữ Nôm), an emoji, plane-16 private use.
MISSING_GLYPH_CANDIDATES = [0x20000, 0x1F600, 0x10FFFD]
RUN_TIMEOUT = 300  # s for one typeset run (sanitizer builds are slow)
SANITIZER_RE = re.compile(r"ERROR: (?:AddressSanitizer|LeakSanitizer)[^\n]*|^[^\n]*runtime error:[^\n]*", re.M)
ENV_DEFAULTS = {"SOURCE_DATE_EPOCH": "1620000000", "LC_ALL": "C.UTF-8"}


# --- registry ------------------------------------------------------------------------------------

CHECKS = []         # (name, fn(tester))
SAMPLE_CHECKS = []  # (name, fn(tester, sample))


def check(name):
    def deco(fn):
        CHECKS.append((name, fn))
        return fn
    return deco


def sample_check(name):
    def deco(fn):
        SAMPLE_CHECKS.append((name, fn))
        return fn
    return deco


# --- text helpers --------------------------------------------------------------------------------

def words(text):
    return [w for w in re.split(r"\s+", text) if w]


def squash(text):
    """Whitespace runs to one space, trimmed (for substring checks across pdftotext line breaks)."""
    return " ".join(words(text))


def short(s, n=200):
    s = s.strip()
    return s if len(s) <= n else s[:n] + "…"


def in_order(src, dst, window=1000):
    """Matches the words of src, in order, against dst (which may have extra words: masthead,
    headers, footers, captions placed elsewhere). A source word that dst has cut in two or three
    pieces (a line break inside it) is matched by joining them and reported as split.
    Returns (lost, split): lists of (index in src, word) and of (word, [pieces])."""
    j, n = 0, len(dst)
    lost, split = [], []
    for i, w in enumerate(src):
        found, width = -1, 1
        for k in range(j, min(n, j + window)):
            if dst[k] == w:
                found = k
                break
            if w.startswith(dst[k]) and k + 1 < n:
                joined = dst[k]
                for m in range(1, 3):
                    if k + m >= n:
                        break
                    joined += dst[k + m]
                    if joined == w:
                        found, width = k, m + 1
                        break
                    if not w.startswith(joined):
                        break
                if found >= 0:
                    break
        if found < 0:
            lost.append((i, w))
        else:
            if width > 1:
                split.append((w, dst[found:found + width]))
            j = found + width
    return lost, split


def find_run(needle, hay):
    """Index of the first place where the word list needle occurs contiguously in hay, or -1."""
    n = len(needle)
    if n == 0:
        return -1
    for i in range(len(hay) - n + 1):
        if hay[i] == needle[0] and hay[i:i + n] == needle:
            return i
    return -1


def month_heading_re(year, month, day=0):
    """The issue date as the masthead or header may print it: "Tháng 5/2021", "tháng 5 năm 2021",
    "Ngày 3 tháng 5 năm 2021", "3/5/2021" (case-insensitive, months and days maybe zero-padded)."""
    m = rf"0?{month}"
    alts = [rf"tháng\s+{m}\s*(?:/|năm)\s*{year}"]
    if day:
        alts.append(rf"\b0?{day}\s*/\s*{m}\s*/\s*{year}\b")
    return re.compile("|".join(alts), re.I)


# --- the article, read independently of typeset's parser -----------------------------------------

META_KEYS = {"title": "title", "tiêu đề": "title", "author": "author", "tác giả": "author",
             "source": "source", "nguồn": "source", "date": "date", "ngày": "date",
             "captions": "captions"}
META_RE = re.compile(r"^\s*(title|author|source|date|captions|tiêu đề|tác giả|nguồn|ngày)\s*:\s*(.*?)\s*$",
                     re.I)
SEED_DATE_RE = re.compile(r"^\s*date\s+(\d{4}-\d{1,2}(?:-\d{1,2})?)(?:\s+|$)")
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$", re.S)
IMAGE_RE = re.compile(r"^!\[(.*?)\]\((.*?)\)$", re.S)
CAPTION_MARK_RE = re.compile(r"^\[caption\]\s*(.*)$", re.S | re.I)


def typographic(text):
    """The clean-up the text style does by default ([text] smart-quotes, ellipsis, dashes), as a
    reader of the PDF expects to find it: "..." → …, a spaced or leading hyphen → en dash,
    straight quotes → curly ones (opening after a space, a bracket or a dash, else closing)."""
    text = text.replace("...", "\u2026")
    text = re.sub(r"(^|(?<= ))-(?= )", "\u2013", text)
    out, prev = [], ""
    for i, c in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        opening = prev == "" or prev.isspace() or prev in "([{\u2013\u2014\u201c\u2018"
        if c == '"':
            c = "\u201c" if opening else "\u201d"
        elif c == "'":
            c = "\u2019" if (prev.isalnum() and nxt.isalnum()) or not opening else "\u2018"
        out.append(c)
        prev = c
    return "".join(out)


def strip_inline(text):
    # *italic*, **bold**: the asterisks go, the words stay; then the typographic clean-up.
    return squash(typographic(re.sub(r"\*+", "", text)))


class Block:
    def __init__(self, kind, text, line, explicit_caption=False):
        self.kind, self.text, self.line, self.explicit_caption = kind, text, line, explicit_caption


class Article:
    """What the source says, by a simple reading of the article format: metadata, title,
    blocks with markup stripped. Used as the expectation the PDF is checked against."""

    def __init__(self, data):
        text = data.decode("utf-8")
        text = nfc(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
        lines = text.split("\n")
        self.meta = {}
        i = 0
        while i < len(lines):
            if not lines[i].strip():
                i += 1
                continue
            m = META_RE.match(lines[i])
            if not m:
                break
            self.meta[META_KEYS[m.group(1).lower()]] = m.group(2)
            i += 1
        first = i
        if first < len(lines):
            m = SEED_DATE_RE.match(lines[first])
            if m:
                self.meta.setdefault("date", m.group(1))
                lines[first] = lines[first][m.end():]
        self.year = self.month = self.day = 0
        dm = DATE_RE.match(self.meta.get("date", "").strip())
        if dm:
            self.year, self.month = int(dm.group(1)), int(dm.group(2))
            self.day = int(dm.group(3) or 0)

        self.title = strip_inline(self.meta["title"]) if self.meta.get("title") else None
        self.blocks = []
        group, start = [], 0
        for n in range(first, len(lines) + 1):
            line = lines[n] if n < len(lines) else ""
            if line.strip():
                if not group:
                    start = n + 1
                group.append(line)
                continue
            if group:
                self._add_block(group, start)
                group = []

    def _add_block(self, group, line):
        joined = "\n".join(l.strip() for l in group)
        if all(l.lstrip().startswith(">") for l in group):
            self.blocks.append(Block("quote", strip_inline(
                " ".join(l.lstrip()[1:] for l in group)), line))
            return
        m = HEADING_RE.match(joined)
        if m:
            text = strip_inline(m.group(2))
            if len(m.group(1)) == 1 and self.title is None and not self.blocks:
                self.title = text
            else:
                self.blocks.append(Block("heading", text, line))
            return
        m = IMAGE_RE.match(joined)
        if m:
            self.blocks.append(Block("caption", strip_inline(m.group(1)), line, explicit_caption=True))
            return
        m = CAPTION_MARK_RE.match(joined)
        if m:
            self.blocks.append(Block("caption", strip_inline(m.group(1)), line, explicit_caption=True))
            return
        self.blocks.append(Block("paragraph", strip_inline(joined), line))

    def date_re(self):
        return month_heading_re(self.year, self.month, self.day) if self.year else None


# --- the independent readers ---------------------------------------------------------------------

def run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("timeout", RUN_TIMEOUT)
    return subprocess.run(cmd, **kw)


def tool(cmd):
    """Runs a reader; its failure fails the check."""
    p = run(cmd)
    if p.returncode != 0:
        raise Fail(f"{' '.join(cmd)} exited {p.returncode}: {short(p.stderr.decode(errors='replace'))}")
    return p.stdout.decode("utf-8", errors="replace")


def pdfinfo(pdf):
    out = tool(["pdfinfo", "-enc", "UTF-8", "-isodates", pdf])
    info = {}
    for line in out.splitlines():
        k, sep, v = line.partition(":")
        if sep:
            info[k.strip()] = v.strip()
    n = int(info.get("Pages", "0"))
    sizes = []
    if n:
        out = tool(["pdfinfo", "-f", "1", "-l", str(n), pdf])
        for m in re.finditer(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", out, re.M):
            sizes.append((float(m.group(2)), float(m.group(3))))
    info["page_sizes"] = sizes
    info["pages"] = n
    return info


def pdffonts(pdf):
    out = tool(["pdffonts", pdf])
    fonts = []
    for row in out.splitlines()[2:]:
        parts = row.split()
        if len(parts) < 6:
            continue
        # name, type (may contain spaces), encoding, emb, sub, uni, object, gen
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3],
                      "row": row})
    return fonts


def pdftotext(pdf, *extra):
    return tool(["pdftotext", "-enc", "UTF-8", *extra, pdf, "-"])


class StextWord:
    __slots__ = ("text", "fonts", "page")

    def __init__(self, page):
        self.text, self.fonts, self.page = "", set(), page


def stext_words(pdf):
    """Words with the fonts their characters are drawn in, from `mutool draw -F stext`. A word is
    a run of non-space characters within one stext line."""
    xml = run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf])
    if xml.returncode != 0:
        raise Fail(f"mutool draw -F stext exited {xml.returncode}: {short(xml.stderr.decode(errors='replace'))}")
    root = ET.fromstring(xml.stdout)
    result = []
    for pno, page in enumerate(root.iter("page"), 1):
        for line in page.iter("line"):
            cur = None
            for font in line.iter("font"):
                name = font.get("name", "?")
                for ch in font.iter("char"):
                    c = ch.get("c", "")
                    if not c or c.isspace():
                        cur = None
                        continue
                    if cur is None:
                        cur = StextWord(pno)
                        result.append(cur)
                    cur.text += c
                    cur.fonts.add(name)
    for w in result:
        w.text = nfc(w.text)
    return result


def pdf_epoch(isodate):
    """Seconds since the epoch of pdfinfo's -isodates form (2021-05-03T00:00:00Z, ...+07...)."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d(?::?\d\d)?)?$", isodate)
    if not m:
        return None
    t = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)))
    tz = m.group(7)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        off = int(digits[:2]) * 3600 + (int(digits[2:4]) * 60 if len(digits) >= 4 else 0)
        t -= sign * off
    return t


# --- typeset runs --------------------------------------------------------------------------------

class Result:
    def __init__(self, cmd, proc, seconds):
        self.cmd, self.rc, self.seconds = cmd, proc.returncode, seconds
        self.stdout = proc.stdout
        self.stderr = proc.stderr.decode("utf-8", errors="replace")

    def why(self):
        return f"`{' '.join(self.cmd[1:])}` exited {self.rc}; stderr: {short(self.stderr, 400) or '(empty)'}"


def listing(d):
    """Every file under d, relative, sorted (to see what a run left behind)."""
    out = []
    for base, dirs, files in os.walk(d):
        for f in files:
            out.append(os.path.relpath(os.path.join(base, f), d))
    return sorted(out)


class Sample:
    """One article and everything learnt about it, computed once on demand."""

    def __init__(self, tester, name, path):
        self.t, self.name, self.path = tester, name, path
        with open(path, "rb") as f:
            self.data = f.read()
        self.article = Article(self.data)
        self.dir = tester.mkdir("sample-" + name)
        self._cache = {}

    def _once(self, key, fn):
        if key not in self._cache:
            try:
                self._cache[key] = (True, fn())
            except Exception as e:  # remembered, so that every check that needs it says why
                self._cache[key] = (False, e)
        ok, v = self._cache[key]
        if not ok:
            raise v
        return v

    @property
    def is_seed(self):
        return self.name == os.path.splitext(SEED)[0]

    def pdf(self):
        """The PDF of a plain run (`typeset ARTICLE -o OUT.pdf`); fails when typeset fails."""
        def make():
            out = os.path.join(self.dir, self.name + ".pdf")
            r = self.t.typeset([self.path, "-o", out], cwd=self.dir)
            self._cache["run"] = (True, r)
            if r.rc != 0:
                raise Fail(r.why())
            if not os.path.isfile(out):
                raise Fail(f"exit 0 but no {out}")
            return out
        return self._once("pdf", make)

    def run_result(self):
        self.pdf()
        return self._cache["run"][1]

    def info(self):
        return self._once("info", lambda: pdfinfo(self.pdf()))

    def text(self):
        # pdftotext's default mode, as a reader copying the text would get it (the issue's
        # `pdftotext out.pdf -`): the default style is one column, which it reads in order.
        # (Two columns are checked with -raw in e2e_layout.py: the default mode may take
        # balanced columns with aligned captions for a table.)
        return self._once("text", lambda: pdftotext(self.pdf()))

    def page_texts(self):
        """pdftotext's pages (it ends each with a form feed)."""
        def make():
            raw = pdftotext(self.pdf())
            pages = raw.split("\f")
            if pages and not pages[-1].strip():
                pages.pop()
            return [nfc(p) for p in pages]
        return self._once("page_texts", make)

    def stext(self):
        return self._once("stext", lambda: stext_words(self.pdf()))

    def dump(self, what):
        def make():
            r = self.t.typeset([self.path, "--dump=" + what], cwd=self.t.mkdir(f"dump-{what}-{self.name}"))
            if r.rc != 0:
                raise Fail(r.why())
            try:
                return json.loads(r.stdout.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                raise Fail(f"--dump={what} is not JSON: {e}: {short(r.stdout.decode(errors='replace'))}")
        return self._once("dump-" + what, make)

    def doc_captions(self):
        """The caption texts typeset's parser found (--dump=doc), in order."""
        return [squash(b.get("text", "")) for b in self.dump("doc").get("blocks", [])
                if b.get("kind") == "caption" or (b.get("kind") == "figure" and b.get("text"))]

    def caption_groups(self):
        """--dump=pages caption boxes grouped by source block: [(block, [(page, box), ...])]."""
        def make():
            groups, order, prev = {}, [], None
            for page in self.dump("pages")["pages"]:
                for box in page.get("boxes", []):
                    if box.get("kind") != "caption":
                        prev = None
                        continue
                    if "block" in box:
                        key = box["block"]
                    else:  # no block index: consecutive caption boxes make one group
                        key = prev if prev is not None else ("run", len(order))
                    prev = key
                    if key not in groups:
                        groups[key] = []
                        order.append(key)
                    groups[key].append((page.get("number"), box))
            return [(k, groups[k]) for k in order]
        return self._once("caption-groups", make)

    def expected_body(self):
        """(title words + words of the non-caption blocks in order, [caption texts])."""
        try:
            parsed = set(self.doc_captions())
        except Fail:
            parsed = set()
        if self.is_seed:  # known, whatever typeset's parser says
            parsed |= set(SEED_CAPTIONS)
        body, captions = [], []
        if self.article.title:
            body += words(self.article.title)
        for b in self.article.blocks:
            if b.explicit_caption or b.text in parsed:
                captions.append(b.text)
            else:
                body += words(b.text)
        return body, captions


# --- the tester ----------------------------------------------------------------------------------

class Tester:
    def __init__(self, typeset, root, tmp, verbose=False):
        self.exe, self.root, self.tmp, self.verbose = typeset, root, tmp, verbose
        self.env = dict(os.environ)
        for k, v in ENV_DEFAULTS.items():
            self.env.setdefault(k, v)
        self.env.setdefault("TYPESET_DATA_DIR", root)
        self.epoch = int(self.env["SOURCE_DATE_EPOCH"])
        self.samples = []
        self._dirs = 0
        self.runs = 0

    def mkdir(self, name):
        self._dirs += 1
        d = os.path.join(self.tmp, f"{self._dirs:03d}-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}")
        os.makedirs(d)
        return d

    def typeset(self, args, cwd=None, stdin=None, env=None):
        cmd = [self.exe] + list(args)
        e = dict(self.env)
        e.update(env or {})
        t0 = time.monotonic()
        p = run(cmd, cwd=cwd or self.tmp, input=stdin if stdin is not None else b"", env=e)
        self.runs += 1
        r = Result(cmd, p, time.monotonic() - t0)
        if self.verbose:
            print(f"# ran {' '.join(cmd[1:])} -> {r.rc} in {r.seconds:.2f}s", flush=True)
        # In a sanitizer build a report fails the run, whatever its exit status (ASan exits 1
        # for a leak, which an error path expects anyway).
        m = SANITIZER_RE.search(r.stderr)
        if m:
            report = r.stderr[m.start():]
            frames = []
            for l in report.splitlines():  # "    #3 0x55c8b63f1989 in main ../src/main.c:144"
                fm = re.match(r"\s*#\d+ 0x[0-9a-f]+ (?:in )?(.*)", l)
                if fm and "libsanitizer" not in l and fm.group(1) not in frames:
                    frames.append(fm.group(1))
            ours = [f for f in frames if re.search(r"\.\./(?:src|tests)/", f)]
            raise Fail(f"`{' '.join(cmd[1:])}`: {m.group(0).strip()}; "
                       f"{' | '.join(ours[:4] or frames[:6]) or 'no stack'}")
        return r

    def write(self, name, data, sub="inputs"):
        d = os.path.join(self.tmp, sub)
        os.makedirs(d, exist_ok=True)
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    @property
    def seed(self):
        for s in self.samples:
            if s.is_seed:
                return s
        raise Fail(f"samples/{SEED} is missing")

    def sample(self, name):
        for s in self.samples:
            if s.name == name:
                return s
        raise Skip(f"no sample {name}")

    def version(self):
        try:
            with open(os.path.join(self.root, "meson.build"), encoding="utf-8") as f:
                m = re.search(r"version\s*:\s*'([^']+)'", f.read())
                if m:
                    return m.group(1)
        except OSError:
            pass
        return "0.1.0"


def long_article(seed_data):
    """A synthetic long article: the seed's paragraphs five times, with a title and an author."""
    seed = Article(seed_data)
    paras = [b.text for b in seed.blocks]
    out = ["title: Công an quận Bắc Từ Liêm: bảy năm xây dựng và phát triển",
           "author: Phóng viên thử nghiệm", "date: 2021-05", ""]
    for i in range(5):
        out.append(f"## Phần {i + 1}")
        out.append("")
        for p in paras:
            out.append(p)
            out.append("")
    return "\n".join(out).encode("utf-8")


# =================================================================================================
# Checks on every sample
# =================================================================================================

@sample_check("runs and writes a PDF")
def _(t, s):
    s.pdf()
    r = s.run_result()
    left = [f for f in listing(s.dir) if f != s.name + ".pdf"]
    require(not left, f"left beside the PDF: {left}")
    require(r.stdout == b"", f"printed on standard output: {short(r.stdout.decode(errors='replace'))}")


@sample_check("no warnings (overfull lines, missing glyphs)")
def _(t, s):
    r = s.run_result()
    require("warning" not in r.stderr, f"stderr: {short(r.stderr, 400)}")


@sample_check("pdfinfo: A4 pages, creator, title")
def _(t, s):
    info = s.info()
    require(info["pages"] >= 1, f"Pages: {info.get('Pages')}")
    require(len(info["page_sizes"]) == info["pages"], f"page sizes for {len(info['page_sizes'])} of {info['pages']} pages")
    for n, (w, h) in enumerate(info["page_sizes"], 1):
        require(abs(w - A4[0]) < PAGE_SIZE_TOLERANCE and abs(h - A4[1]) < PAGE_SIZE_TOLERANCE,
                f"page {n} is {w} x {h} pt, not A4 {A4[0]} x {A4[1]}")
    creator = info.get("Creator", "")
    require(creator.startswith("typeset"), f"Creator is {creator!r}")
    require(creator == "typeset " + t.version(), f"Creator is {creator!r}, not 'typeset {t.version()}'")
    if s.article.title:
        require(squash(nfc(info.get("Title", ""))) == s.article.title,
                f"Title is {info.get('Title')!r}, expected {s.article.title!r}")


@sample_check("pdfinfo: creation date from SOURCE_DATE_EPOCH")
def _(t, s):
    date = s.info().get("CreationDate", "")
    got = pdf_epoch(date)
    require(got == t.epoch, f"CreationDate {date!r} is not SOURCE_DATE_EPOCH={t.epoch} "
                            f"({time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t.epoch))})")


@sample_check("qpdf --check")
def _(t, s):
    p = run(["qpdf", "--check", s.pdf()])
    require(p.returncode == 0, f"qpdf exited {p.returncode}: {short(p.stdout.decode(errors='replace') + p.stderr.decode(errors='replace'), 400)}")


@sample_check("pdffonts: embedded, subset, unicode; Noto Serif")
def _(t, s):
    fonts = pdffonts(s.pdf())
    require(fonts, "no fonts")
    bad = [f["row"].strip() for f in fonts if (f["emb"], f["sub"], f["uni"]) != ("yes", "yes", "yes")]
    require(not bad, f"not embedded+subset+unicode: {bad}")
    require(any("NotoSerif" in f["name"] for f in fonts),
            f"no NotoSerif among {sorted({f['name'].split('+')[-1] for f in fonts})}")


@sample_check("text layer is NFC")
def _(t, s):
    text = s.text()
    if nfc(text) != text:
        bad = [w for w in words(text) if nfc(w) != w]
        raise Fail(f"{len(bad)} words not NFC, e.g. {[ascii(w) for w in bad[:3]]}")


@sample_check("word round trip: body words in order, none split")
def _(t, s):
    body, _captions = s.expected_body()
    require(body, "the article has no body words (test bug?)")
    got = words(nfc(s.text()))
    lost, split = in_order(body, got)
    msgs = []
    if lost:
        i, w = lost[0]
        msgs.append(f"{len(lost)} of {len(body)} words lost, first {w!r} (word {i}, after "
                    f"{' '.join(body[max(0, i - 5):i])!r})")
    if split:
        msgs.append(f"{len(split)} split across lines: " +
                    ", ".join(f"{w!r} as {p}" for w, p in split[:5]))
    require(not msgs, "; ".join(msgs))


@sample_check("captions: each one's words together in the text layer")
def _(t, s):
    _body, captions = s.expected_body()
    if not captions:
        raise Skip("no captions")
    got = words(nfc(s.text()))
    for c in captions:
        cw = words(c)
        if find_run(cw, got) >= 0:
            continue
        lost, split = in_order(cw, got, window=len(got))
        if lost:
            raise Fail(f"caption {short(c, 60)!r}: {len(lost)} words lost, first {lost[0][1]!r}")
        require(not split, f"caption {short(c, 60)!r}: split {split[:3]}")


@sample_check("masthead on page 1: name and date")
def _(t, s):
    page1 = squash(s.page_texts()[0])
    require(DEFAULT_MASTHEAD in page1, f"{DEFAULT_MASTHEAD!r} not on page 1: {short(page1, 120)!r}")
    rx = s.article.date_re()
    if rx:
        require(rx.search(page1), f"no date like 'Tháng {s.article.month}/{s.article.year}' on page 1: "
                                  f"{short(page1, 160)!r}")
    if s.article.title:
        require(s.article.title in page1, f"title {s.article.title!r} not on page 1")


@sample_check("footer 'Trang N/M' on every page")
def _(t, s):
    pages = s.page_texts()
    m = s.info()["pages"]
    require(len(pages) == m, f"pdftotext gave {len(pages)} pages, pdfinfo {m}")
    for n, text in enumerate(pages, 1):
        require(f"Trang {n}/{m}" in squash(text), f"page {n}: no 'Trang {n}/{m}' in …{short(squash(text)[-120:])!r}")


@sample_check("header from page 2 (name, date, rule), masthead only on page 1")
def _(t, s):
    pages = s.dump("pages")["pages"]
    texts = s.page_texts()
    rx = s.article.date_re()
    kinds1 = {b.get("kind") for b in pages[0].get("boxes", [])}
    require("masthead" in kinds1, f"page 1 has no masthead box (kinds {sorted(kinds1)})")
    require("header" not in kinds1, "page 1 has a running header")
    if len(pages) < 2:
        raise Skip("one page")
    for page in pages[1:]:
        n = page.get("number")
        boxes = page.get("boxes", [])
        kinds = {b.get("kind") for b in boxes}
        require("masthead" not in kinds, f"page {n} has a masthead")
        header = squash(" ".join(b.get("text", "") for b in boxes if b.get("kind") == "header"))
        require(header, f"page {n} has no header box")
        require(DEFAULT_MASTHEAD in header, f"page {n} header {header!r} lacks {DEFAULT_MASTHEAD!r}")
        if rx:
            require(rx.search(header), f"page {n} header {header!r} lacks the date")
        require("rule" in kinds, f"page {n} has no rule")
        require(DEFAULT_MASTHEAD in squash(texts[n - 1]), f"page {n} text layer lacks {DEFAULT_MASTHEAD!r}")


@sample_check("--dump=pages: well-formed, boxes on the page")
def _(t, s):
    d = s.dump("pages")
    pages = d.get("pages")
    require(isinstance(pages, list) and pages, "no pages")
    require(len(pages) == s.info()["pages"], f"dump has {len(pages)} pages, the PDF {s.info()['pages']}")
    for i, page in enumerate(pages, 1):
        require(page.get("number") == i, f"page {i} is numbered {page.get('number')}")
        w, h = page.get("width", 0), page.get("height", 0)
        require(abs(w - A4[0]) < PAGE_SIZE_TOLERANCE and abs(h - A4[1]) < PAGE_SIZE_TOLERANCE,
                f"page {i} is {w} x {h}")
        for b in page.get("boxes", []):
            kind = b.get("kind")
            require(kind in BOX_KINDS, f"page {i}: unknown box kind {kind!r}")
            for k in ("x", "y", "width", "height"):
                require(isinstance(b.get(k), (int, float)), f"page {i}: {kind} box without {k}: {b}")
            require(b["x"] >= -0.01 and b["y"] >= -0.01 and b["x"] + b["width"] <= w + 0.01
                    and b["y"] + b["height"] <= h + 0.01,
                    f"page {i}: {kind} box off the page: {short(json.dumps(b, ensure_ascii=False))}")
            if kind == "image":
                require("image" in b, f"page {i}: image box without its file")
            elif kind != "rule":
                require(isinstance(b.get("text"), str), f"page {i}: {kind} box without text")


@sample_check("--dump=doc: well-formed, explicit captions found")
def _(t, s):
    d = s.dump("doc")
    blocks = d.get("blocks")
    require(isinstance(blocks, list) and blocks, "no blocks")
    for b in blocks:
        require(b.get("kind") in DOC_BLOCK_KINDS, f"unknown block kind {b.get('kind')!r}")
        require(isinstance(b.get("line"), int) and b["line"] >= 1, f"block without a line: {b}")
    if s.article.title:
        require(squash(d.get("title") or "") == s.article.title, f"title {d.get('title')!r}, expected {s.article.title!r}")
    parsed = s.doc_captions()
    for b in s.article.blocks:
        if b.explicit_caption:
            require(b.text in parsed, f"explicit caption on line {b.line} not a caption: {b.text!r}")


@sample_check("captions never split across pages")
def _(t, s):
    groups = s.caption_groups()
    if not groups:
        raise Skip("no captions")
    for key, boxes in groups:
        pages = sorted({p for p, _ in boxes})
        text = squash(" ".join(b.get("text", "") for _, b in boxes))
        require(len(pages) == 1, f"caption {short(text, 60)!r} (block {key}) spans pages {pages}")


@sample_check("captions in italic, body in NotoSerif-Regular (mutool stext)")
def _(t, s):
    _body, captions = s.expected_body()
    stext = s.stext()
    hay = [w.text for w in stext]
    for c in captions:
        cw = words(c)
        at = find_run(cw, hay)
        require(at >= 0, f"caption {short(c, 60)!r} not found in mutool's text")
        fonts = set().union(*(w.fonts for w in stext[at:at + len(cw)]))
        require(all("Italic" in f for f in fonts), f"caption {short(c, 60)!r} in fonts {sorted(fonts)}")
    # Body: a plain paragraph (no emphasis markup in the source), the second if there is one,
    # since a lead paragraph may be set apart.
    plain = [b for b in s.article.blocks if b.kind == "paragraph" and b.text not in captions
             and "*" not in b.text]
    require(plain, "no plain body paragraph to look at")
    para = plain[1] if len(plain) > 1 else plain[0]
    pw = words(para.text)[:12]
    at = find_run(pw, hay)
    require(at >= 0, f"body words {' '.join(pw)!r} not found in mutool's text")
    fonts = set().union(*(w.fonts for w in stext[at:at + len(pw)]))
    require(fonts and all("NotoSerif" in f and "Regular" in f for f in fonts),
            f"body paragraph of line {para.line} in fonts {sorted(fonts)}")


# =================================================================================================
# Checks on the seed
# =================================================================================================

@check("seed: masthead 'BẢN TIN' and 'Tháng 5/2021' on page 1")
def _(t):
    page1 = squash(t.seed.page_texts()[0])
    require(DEFAULT_MASTHEAD in page1, f"not on page 1: {DEFAULT_MASTHEAD!r}")
    require(SEED_DATE_HEADING in page1, f"not on page 1: {SEED_DATE_HEADING!r}: {short(page1, 160)!r}")


@check("seed: --dump=doc has 7 paragraphs and 2 heuristic captions, date 2021-05")
def _(t):
    d = t.seed.dump("doc")
    blocks = d.get("blocks", [])
    kinds = [b.get("kind") for b in blocks]
    require(kinds.count("paragraph") == 7 and kinds.count("caption") == 2 and len(kinds) == 9,
            f"block kinds {kinds}")
    require(d.get("date") == "2021-05", f"date {d.get('date')!r}")
    require([b.get("line") for b in blocks] == list(range(1, 18, 2)),
            f"block lines {[b.get('line') for b in blocks]}")
    caps = [b for b in blocks if b.get("kind") == "caption"]
    require([squash(b.get("text", "")) for b in caps] == SEED_CAPTIONS, f"captions {[b.get('text') for b in caps]}")
    require(all(b.get("caption") == "heuristic" for b in caps), f"caption reasons {[b.get('caption') for b in caps]}")
    require(not d.get("title"), f"title {d.get('title')!r} (the seed has none)")


@check("seed: --dump=pages has exactly the 2 caption groups")
def _(t):
    groups = t.seed.caption_groups()
    texts = [squash(" ".join(b.get("text", "") for _, b in boxes)) for _, boxes in groups]
    require(texts == SEED_CAPTIONS, f"caption groups {texts}")


@check("seed: no line break inside a date or document number")
def _(t):
    got = words(nfc(t.seed.text()))
    for w in SEED_UNBREAKABLE:
        require(w in got, f"{w!r} is not one word in the text layer")


@check("--set masthead.name changes the masthead and the header")
def _(t):
    name = "BẢN TIN CÔNG AN QUẬN"
    for sample in [t.seed] + [s for s in t.samples if s.name == "long-synthetic"]:
        d = t.mkdir("set-" + sample.name)
        out = os.path.join(d, "out.pdf")
        r = t.typeset([sample.path, "--set", f"masthead.name={name}", "-o", out], cwd=d)
        require(r.rc == 0, r.why())
        pages = [squash(nfc(p)) for p in pdftotext(out).split("\f") if p.strip()]
        require(name in pages[0], f"{sample.name}: page 1 lacks {name!r}: {short(pages[0], 120)!r}")
        for n, p in enumerate(pages[1:], 2):
            require(name in p, f"{sample.name}: page {n} header lacks {name!r}")


@check("determinism: same input twice gives byte-identical PDFs (TZ, malloc fill differ)")
def _(t):
    outs = []
    # A different time zone catches local-time dates; a different MALLOC_PERTURB_ (glibc fills
    # freshly allocated memory with it) catches output that depends on uninitialised memory.
    for tz, perturb in (("UTC", "0"), ("Asia/Ho_Chi_Minh", "165")):
        d = t.mkdir("determinism-" + tz.replace("/", "-"))
        out = os.path.join(d, "out.pdf")
        r = t.typeset([t.seed.path, "-o", out], cwd=d, env={"TZ": tz, "MALLOC_PERTURB_": perturb})
        require(r.rc == 0, r.why())
        with open(out, "rb") as f:
            outs.append(f.read())
    a, b = outs
    if a != b:
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        raise Fail(f"differ at byte {i} of {len(a)}/{len(b)}: {a[max(0, i - 30):i + 30]!r} vs {b[max(0, i - 30):i + 30]!r}")


@check("stdin to stdout: typeset - -o - < seed")
def _(t):
    d = t.mkdir("stdio")
    r = t.typeset(["-", "-o", "-"], cwd=d, stdin=t.seed.data)
    require(r.rc == 0, r.why())
    require(r.stdout.startswith(b"%PDF-"), f"stdout starts {r.stdout[:20]!r}")
    require(r.stdout.rstrip().endswith(b"%%EOF"), "stdout does not end with %%EOF")
    require(listing(d) == [], f"files left in the current directory: {listing(d)}")
    out = os.path.join(t.mkdir("stdio-out"), "x.pdf")
    with open(out, "wb") as f:
        f.write(r.stdout)
    require(pdfinfo(out)["pages"] == t.seed.info()["pages"], "page count differs from the file run")
    require(words(nfc(pdftotext(out, "-raw"))) == words(nfc(t.seed.text())), "text differs from the file run")


@check("stdin without -o is refused, nothing written")
def _(t):
    d = t.mkdir("stdin-no-o")
    r = t.typeset(["-"], cwd=d, stdin=t.seed.data)
    require(r.rc in (1, 2), f"exit {r.rc}, expected 2 (or 1)")
    require(r.stderr.startswith("typeset: "), f"stderr {short(r.stderr)!r}")
    require(listing(d) == [], f"left {listing(d)}")


@check("default output: INPUT.pdf in the current directory")
def _(t):
    d = t.mkdir("default-output")
    os.makedirs(os.path.join(d, "in"))
    shutil.copy(t.seed.path, os.path.join(d, "in", "article.txt"))
    r = t.typeset(["in/article.txt"], cwd=d)
    require(r.rc == 0, r.why())
    require(listing(d) == ["article.pdf", os.path.join("in", "article.txt")], f"files now: {listing(d)}")


@check("--dump=pages without -o prints JSON only; with -o writes the PDF too")
def _(t):
    d = t.mkdir("dump-only")
    r = t.typeset([t.seed.path, "--dump=pages"], cwd=d)
    require(r.rc == 0, r.why())
    json.loads(r.stdout.decode("utf-8"))
    require(listing(d) == [], f"--dump without -o wrote {listing(d)}")
    d = t.mkdir("dump-and-pdf")
    out = os.path.join(d, "out.pdf")
    r = t.typeset([t.seed.path, "--dump=pages", "-o", out], cwd=d)
    require(r.rc == 0, r.why())
    pages = json.loads(r.stdout.decode("utf-8"))["pages"]
    require(os.path.isfile(out), "--dump=pages -o OUT wrote no PDF")
    require(pdfinfo(out)["pages"] == len(pages), "the dump's page count differs from the PDF's")


@check("--dump=lines prints JSON")
def _(t):
    r = t.typeset([t.seed.path, "--dump=lines"], cwd=t.mkdir("dump-lines"))
    require(r.rc == 0, r.why())
    json.loads(r.stdout.decode("utf-8"))


@check("every shipped style typesets the seed")
def _(t):
    styles_dir = os.path.join(t.root, "styles")
    names = sorted(f[:-6] for f in os.listdir(styles_dir) if f.endswith(".style")) if os.path.isdir(styles_dir) else []
    if not names:
        raise Skip("no styles/*.style")
    body, _ = t.seed.expected_body()
    for name in names:
        d = t.mkdir("style-" + name)
        out = os.path.join(d, "out.pdf")
        r = t.typeset([t.seed.path, "--style", name, "-o", out], cwd=d)
        require(r.rc == 0, f"--style {name}: {r.why()}")
        info = pdfinfo(out)
        if name in ("bulletin", "plain"):
            w, h = info["page_sizes"][0]
            require(abs(w - A4[0]) < PAGE_SIZE_TOLERANCE and abs(h - A4[1]) < PAGE_SIZE_TOLERANCE, f"--style {name}: {w} x {h}")
        bad = [f["name"] for f in pdffonts(out) if (f["emb"], f["sub"], f["uni"]) != ("yes", "yes", "yes")]
        require(not bad, f"--style {name}: fonts not embedded/subset/unicode: {bad}")
        lost, split = in_order(body, words(nfc(pdftotext(out))))
        require(not lost and not split, f"--style {name}: {len(lost)} words lost, {len(split)} split")


@check("--style FILE takes a path to a .style file")
def _(t):
    src = os.path.join(t.root, "styles", "plain.style")
    if not os.path.isfile(src):
        raise Skip("no styles/plain.style")
    d = t.mkdir("style-file")
    shutil.copy(src, os.path.join(d, "mine.style"))
    r = t.typeset([t.seed.path, "--style", "./mine.style", "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    require(os.path.isfile(os.path.join(d, "out.pdf")), "no out.pdf")


# --- the command line ----------------------------------------------------------------------------

@check("--help prints usage, exit 0")
def _(t):
    r = t.typeset(["--help"])
    out = r.stdout.decode("utf-8", errors="replace")
    require(r.rc == 0, r.why())
    require(re.search(r"usage", out, re.I), f"no usage in {short(out)!r}")
    for opt in ("--output", "--style", "--set", "--dump", "--strict"):
        require(opt in out, f"--help does not mention {opt}")


@check("--version prints 'typeset VERSION', exit 0")
def _(t):
    for opt in ("--version", "-V"):
        r = t.typeset([opt])
        out = r.stdout.decode("utf-8", errors="replace")
        require(r.rc == 0, r.why())
        require(out.splitlines()[:1] == [f"typeset {t.version()}"], f"{opt} printed {short(out)!r}")


@check("--help-style lists the style keys")
def _(t):
    r = t.typeset(["--help-style"])
    out = r.stdout.decode("utf-8", errors="replace")
    require(r.rc == 0, r.why())
    for key in ("masthead.name", "body.font"):
        require(key in out, f"{key} not listed")


@check("usage errors exit 2: no arguments, unknown option, bad --dump")
def _(t):
    for args, needle in (([], None), (["--no-such-option", "x.txt"], "--no-such-option"),
                         ([t.seed.path, "--dump=bogus"], "bogus")):
        d = t.mkdir("usage")
        r = t.typeset(args, cwd=d)
        require(r.rc == 2, f"typeset {' '.join(args)}: exit {r.rc}, expected 2; stderr {short(r.stderr)!r}")
        require(r.stderr.strip(), f"typeset {' '.join(args)}: nothing on stderr")
        if needle:
            require(needle in r.stderr, f"stderr does not name {needle!r}: {short(r.stderr)!r}")
        require(listing(d) == [], f"left {listing(d)}")


@check("a bad --style or --set key fails with a message naming it")
def _(t):
    for args, needle in ((["--style", "no-such-style"], "no-such-style"),
                         (["--set", "no.such-key=1"], "no.such-key"),
                         (["--set", "masthead-name-without-equals"], "masthead-name-without-equals")):
        d = t.mkdir("bad-style")
        r = t.typeset([t.seed.path, "-o", "out.pdf"] + args, cwd=d)
        require(r.rc in (1, 2), f"{' '.join(args)}: exit {r.rc}")
        require(needle in r.stderr, f"{' '.join(args)}: stderr does not name {needle!r}: {short(r.stderr)!r}")
        require(listing(d) == [], f"{' '.join(args)}: left {listing(d)}")


# --- bad input -----------------------------------------------------------------------------------

def expect_failure(t, name, args, pattern, rc=1, stdin=None, outdir=None):
    """Runs typeset expecting exit rc and stderr matching pattern, with nothing left in outdir."""
    d = outdir or t.mkdir(name)
    before = listing(d)
    r = t.typeset(args, cwd=d, stdin=stdin)
    require(r.rc == rc, f"exit {r.rc}, expected {rc}; stderr {short(r.stderr)!r}")
    require(re.search(pattern, r.stderr, re.M), f"stderr {short(r.stderr, 300)!r} does not match /{pattern}/")
    require(listing(d) == before, f"left in the output folder: {sorted(set(listing(d)) - set(before))}")
    return r


@check("invalid UTF-8: FILE:2:3: invalid UTF-8 byte 0xC3, exit 1, no file")
def _(t):
    src = t.write("bad-utf8.txt", b"ok\nab\xc3(")
    expect_failure(t, "bad-utf8", [src, "-o", "out.pdf"],
                   r"^typeset: \S*bad-utf8\.txt:2:3: invalid UTF-8 byte 0xC3\b.*iconv")


@check("invalid UTF-8 on stdin, exit 1, nothing written")
def _(t):
    expect_failure(t, "bad-utf8-stdin", ["-", "-o", "out.pdf"], r"2:3: invalid UTF-8 byte 0xC3",
                   stdin=b"ok\nab\xc3(")


@check("a failed run leaves an existing output untouched")
def _(t):
    d = t.mkdir("keep-old")
    old = os.path.join(d, "out.pdf")
    with open(old, "wb") as f:
        f.write(b"old contents")
    src = t.write("bad-utf8-2.txt", b"ok\nab\xc3(")
    expect_failure(t, "keep-old", [src, "-o", old], r"invalid UTF-8", outdir=d)
    with open(old, "rb") as f:
        require(f.read() == b"old contents", "the old out.pdf was changed")


@check("empty file: nothing to typeset, exit 1, no file")
def _(t):
    src = t.write("empty.txt", b"")
    expect_failure(t, "empty", [src, "-o", "out.pdf"], r"^typeset: \S*empty\.txt: nothing to typeset")


@check("whitespace-only file: nothing to typeset, exit 1, no file")
def _(t):
    src = t.write("blank.txt", b"  \n\n\t \n\r\n")
    expect_failure(t, "blank", [src, "-o", "out.pdf"], r"^typeset: \S*blank\.txt: nothing to typeset")


@check("metadata only: nothing to typeset, exit 1, no file")
def _(t):
    src = t.write("meta-only.txt", "title: Chỉ có tiêu đề\ndate: 2021-05\n")
    expect_failure(t, "meta-only", [src, "-o", "out.pdf"], r"nothing to typeset")


@check("missing input: cannot read: No such file or directory, exit 1")
def _(t):
    expect_failure(t, "missing", ["missing.txt", "-o", "out.pdf"],
                   r"^typeset: missing\.txt: cannot read: No such file or directory")


@check("unwritable output: /nonexistent/dir/out.pdf, exit 1")
def _(t):
    expect_failure(t, "nonexistent-dir", [t.seed.path, "-o", "/nonexistent/dir/out.pdf"],
                   r"^typeset: /nonexistent/dir/out\.pdf: cannot write: ")


@check("unwritable output: a folder that is a file, exit 1, nothing left")
def _(t):
    d = t.mkdir("under-file")
    with open(os.path.join(d, "file.txt"), "w") as f:
        f.write("a regular file\n")
    expect_failure(t, "under-file", [t.seed.path, "-o", "file.txt/x.pdf"],
                   r"^typeset: file\.txt/x\.pdf: cannot write: ", outdir=d)


@check("unwritable output: a read-only folder, exit 1, nothing left")
def _(t):
    if os.geteuid() == 0:
        raise Skip("root can write into a read-only folder")
    d = t.mkdir("read-only")
    os.makedirs(os.path.join(d, "ro"))
    os.chmod(os.path.join(d, "ro"), 0o555)
    try:
        expect_failure(t, "read-only", [t.seed.path, "-o", "ro/x.pdf"],
                       r"^typeset: ro/x\.pdf: cannot write: ", outdir=d)
    finally:
        os.chmod(os.path.join(d, "ro"), 0o755)


def missing_glyph_char(t):
    """A character that no font of the project's fonts.conf has (checked with fc-list if we can)."""
    conf = os.path.join(t.root, "fonts", "fonts.conf")
    if shutil.which("fc-list") and os.path.isfile(conf):
        env = dict(os.environ, FONTCONFIG_FILE=conf)
        for cp in MISSING_GLYPH_CANDIDATES:
            p = subprocess.run(["fc-list", f":charset={cp:x}", "file"], capture_output=True, env=env)
            if p.returncode == 0 and not p.stdout.strip():
                return cp
        raise Skip("every candidate character has a font here")
    return MISSING_GLYPH_CANDIDATES[0]


def missing_glyph_article(t):
    cp = missing_glyph_char(t)
    # The character is on line 3, column 6, in characters and in bytes alike.
    text = ("Bài viết thử về chữ Nôm và những ký tự hiếm gặp trong văn bản tiếng Việt hôm nay.\n\n"
            f"Nom: {chr(cp)} là một chữ mà không phông chữ nào có.\n")
    return cp, t.write("nom.txt", text)


@check("a character no font has: warning FILE:LINE:COL U+XXXX, exit 0; --strict exit 1; -q quiet")
def _(t):
    cp, src = missing_glyph_article(t)
    d = t.mkdir("missing-glyph")
    r = t.typeset([src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    require(os.path.isfile(os.path.join(d, "out.pdf")), "no PDF")
    pattern = rf"typeset: \S*nom\.txt:3:6: warning: no font has U\+{cp:04X}\b"
    require(re.search(pattern, r.stderr), f"stderr {short(r.stderr, 300)!r} does not match /{pattern}/")
    r = t.typeset([src, "--strict", "-o", "strict.pdf"], cwd=d)
    require(r.rc == 1, f"--strict: exit {r.rc}, expected 1")
    require(re.search(rf"U\+{cp:04X}", r.stderr), f"--strict: stderr {short(r.stderr)!r}")
    require(not os.path.exists(os.path.join(d, "strict.pdf")),
            "--strict: a warning fails the input, yet strict.pdf was written")
    require(re.search(r"--strict: no output written", r.stderr), f"--strict: stderr {short(r.stderr)!r}")
    r = t.typeset([src, "-q", "-o", "quiet.pdf"], cwd=d)
    require(r.rc == 0, f"-q: {r.why()}")
    require("warning" not in r.stderr, f"-q: stderr {short(r.stderr)!r}")


# =================================================================================================
# main
# =================================================================================================

def collect_samples(t, samples_dir):
    names = os.listdir(samples_dir) if os.path.isdir(samples_dir) else []
    paths = sorted(os.path.join(samples_dir, f) for f in names if f.endswith(".txt"))
    seed = os.path.join(samples_dir, SEED)
    if seed in paths:  # the seed first
        paths.remove(seed)
        paths.insert(0, seed)
    for p in paths:
        t.samples.append(Sample(t, os.path.splitext(os.path.basename(p))[0], p))
    if os.path.isfile(seed):
        with open(seed, "rb") as f:
            long_path = t.write("long-synthetic.txt", long_article(f.read()), sub="synthetic")
        t.samples.append(Sample(t, "long-synthetic", long_path))


def all_checks(t):
    for s in t.samples:
        for name, fn in SAMPLE_CHECKS:
            yield f"{s.name}: {name}", (lambda fn=fn, s=s: fn(t, s))
    for name, fn in CHECKS:
        yield name, (lambda fn=fn: fn(t))


def one_line(s):
    """TAP wants one line per result."""
    return " ⏎ ".join(x for x in str(s).splitlines() if x.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--typeset", required=True, help="the built typeset executable")
    ap.add_argument("--source-root", required=True, help="the repository (samples/, styles/, fonts/)")
    ap.add_argument("--only", help="run only the checks whose name matches this regex")
    ap.add_argument("--list", action="store_true", help="list the checks and exit")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every typeset run")
    a = ap.parse_args()

    root = os.path.abspath(a.source_root)
    exe = os.path.abspath(a.typeset)
    tmp = tempfile.mkdtemp(prefix="typeset-e2e-")
    t = Tester(exe, root, tmp, verbose=a.verbose)
    collect_samples(t, os.path.join(root, "samples"))
    checks = [(n, f) for n, f in all_checks(t) if not a.only or re.search(a.only, n)]
    if a.list:
        for n, _ in checks:
            print(n)
        shutil.rmtree(tmp, ignore_errors=True)
        return 0

    print(f"# typeset: {exe}", flush=True)
    print(f"# samples: {', '.join(s.name for s in t.samples) or '(none)'}", flush=True)
    missing = [x for x in ("pdfinfo", "pdffonts", "pdftotext", "qpdf", "mutool") if not shutil.which(x)]
    if missing:
        print(f"# missing readers: {' '.join(missing)} (apt-get install poppler-utils qpdf mupdf-tools)")
    passed = failed = skipped = 0
    failures = []
    t0 = time.monotonic()
    for name, fn in checks:
        try:
            fn()
        except Skip as e:
            skipped += 1
            print(f"ok - {name} # SKIP {one_line(e)}", flush=True)
        except Fail as e:
            failed += 1
            failures.append(f"{name}: {one_line(e)}")
            print(f"not ok - {name}: {one_line(e)}", flush=True)
        except subprocess.TimeoutExpired as e:
            failed += 1
            failures.append(f"{name}: timed out after {e.timeout}s")
            print(f"not ok - {name}: timed out after {e.timeout}s: {' '.join(map(str, e.cmd))}", flush=True)
        except Exception as e:  # a bug in a check, or output we did not foresee
            failed += 1
            failures.append(f"{name}: {type(e).__name__}: {one_line(e)}")
            print(f"not ok - {name}: {type(e).__name__}: {one_line(e)}", flush=True)
            for line in traceback.format_exc().rstrip().splitlines():
                print("# " + line)
        else:
            passed += 1
            print(f"ok - {name}", flush=True)
    print(f"1..{len(checks)}")
    # Again at the end, where a truncated log (meson shows the last 100 lines) still has them.
    for f in failures:
        print(f"# FAILED {short(f, 600)}")
    print(f"# e2e: {passed} passed, {failed} failed, {skipped} skipped "
          f"({t.runs} typeset runs, {time.monotonic() - t0:.1f}s)")
    if a.keep or (failed and os.environ.get("TYPESET_E2E_KEEP")):
        print(f"# kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
