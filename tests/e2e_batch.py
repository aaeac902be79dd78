#!/usr/bin/env python3
"""End-to-end tests of batch runs, legacy encodings and hard input (issue 6).

usage: e2e_batch.py --typeset PATH --source-root DIR [--only REGEX] [--list] [--keep]

Batch: `typeset -d OUTDIR FILE...` writes one PDF per input, byte-identical to a single run;
failures do not stop the others (exit 1); --report JSON matches what pdfinfo says of each PDF;
--shard K/N splits by the documented hash (FNV-1a 64 of the base name), checked here with GNU
Parallel running the shards side by side: their union is every input, with no duplicate.
Encodings: real Vietnamese text (the samples) converted with iconv(1) to Windows-1258, VISCII,
TCVN3, and with the VNI table below, comes out of pdftotext word for word. Hard input: a
30,000-word article, a 4,000-character token, a 1 MB line, NUL bytes, control characters, binary
garbage and CJK Extension B: no crash, no hang, no lost text, a clear message.

Inputs are generated at test time; only the Python standard library, poppler-utils and (for the
sharding check) GNU Parallel are used. Prints TAP and a closing "N passed, N failed" line.
"""

import collections
import glob
import json
import os
import pty
import random
import re
import select
import shutil
import subprocess
import sys
import unicodedata

from e2e_common import Fail, Skip, require, registry, nfc, words, short, run_checks  # noqa: F401

RUN_TIMEOUT = 600  # s for one run (sanitizer builds are slow); a hang fails the check
# Checks of word order use the one-column style, so that what they test is the text layer and
# not pdftotext's guess at the reading order of columns.
ONE_COLUMN = ["--style", "plain"]


CHECKS, check = registry()


class Run:
    def __init__(self, p):
        self.rc = p.returncode
        self.stdout = p.stdout
        self.stderr = p.stderr.decode("utf-8", errors="replace")

    def why(self):
        return f"exit {self.rc}; stderr {short(self.stderr)!r}"


class Tester:
    def __init__(self, exe, root, tmp):
        self.exe, self.root, self.tmp = exe, root, tmp
        self.env = dict(os.environ)
        self.env.setdefault("TYPESET_DATA_DIR", root)
        self.env.setdefault("SOURCE_DATE_EPOCH", "1620000000")
        self.env.setdefault("LC_ALL", "C.UTF-8")

    def typeset(self, args, cwd=None, stdin=None, timeout=RUN_TIMEOUT, umask=None):
        p = subprocess.run([self.exe] + list(args), cwd=cwd or self.tmp, input=stdin,
                           capture_output=True, env=self.env, timeout=timeout,
                           preexec_fn=None if umask is None else lambda: os.umask(umask))
        require(p.returncode >= 0, f"killed by signal {-p.returncode} (a crash)")
        return Run(p)

    def mkdir(self, name):
        d = os.path.join(self.tmp, name)
        os.makedirs(d, exist_ok=True)
        return d

    def write(self, path, data):
        path = os.path.join(self.tmp, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def samples(self):
        return sorted(glob.glob(os.path.join(self.root, "samples", "*.txt")))


def tool(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=RUN_TIMEOUT)
    if p.returncode != 0:
        raise Fail(f"{' '.join(cmd)} exited {p.returncode}: {short(p.stderr.decode(errors='replace'))}")
    return p.stdout.decode("utf-8", errors="replace")


def pdf_pages(pdf):
    m = re.search(r"^Pages:\s+(\d+)", tool(["pdfinfo", pdf]), re.M)
    require(m, f"pdfinfo {pdf}: no page count")
    return int(m.group(1))


def pdf_words(pdf):
    return words(nfc(tool(["pdftotext", "-enc", "UTF-8", pdf, "-"])))


def missing_in_order(src, dst, window=3000):
    """Words of src not found, in order, in dst (which may hold more: masthead, footers)."""
    j, lost = 0, []
    for w in src:
        k = j
        limit = min(len(dst), j + window)
        while k < limit and dst[k] != w:
            k += 1
        if k < limit:
            j = k + 1
        else:
            lost.append(w)
    return lost


def listing(d):
    return sorted(os.path.relpath(os.path.join(b, f), d) for b, _, fs in os.walk(d) for f in fs)


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def expected_shard(path, n):
    return fnv1a64(os.path.basename(path).encode()) % n + 1


# --- text made at test time ----------------------------------------------------------------------

# The 67 lower-case letters of Vietnamese outside ASCII; upper case is their .upper().
TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LETTERS = sorted({nfc(v + t) for v in VOWELS for t in TONES} | set("ăâêôơưđ"))

# VNI-Windows: a base letter then a mark byte (Windows-1252 range); i, ỵ, đ, ơ, ư are single bytes.
VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
VNI_HAT = {"": 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0323": 0xE4}
VNI_BREVE = {"": 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0323": 0xEB}
VNI_I = {"\u0301": 0xED, "\u0300": 0xEC, "\u0309": 0xE6, "\u0303": 0xF3, "\u0323": 0xF2}


def vni_letter(ch):
    """VNI bytes of one Vietnamese letter (either case)."""
    upper = ch != ch.lower()
    d = unicodedata.normalize("NFD", ch.lower())
    base, marks = d[0], d[1:]
    tone = next((m for m in marks if m in TONES), "")
    shift = 0x20 if upper else 0
    if ch.lower() == "đ":
        return bytes([0xF1 - shift])
    if base == "i":
        return bytes([VNI_I[tone] - shift])
    if base == "y" and tone == "\u0323":
        return bytes([0xEE - shift])
    out = bytearray()
    if "\u031B" in marks:  # horn: ơ, ư are one byte each
        out.append((0xF4 if base == "o" else 0xF6) - shift)
    else:
        out += (base.upper() if upper else base).encode()
    if "\u0302" in marks:
        out.append(VNI_HAT[tone] - shift)
    elif "\u0306" in marks:
        out.append(VNI_BREVE[tone] - shift)
    elif tone:
        out.append(VNI_TONE[tone] - shift)
    return bytes(out)


def vni_encode(text):
    out = bytearray()
    for ch in text:
        out += ch.encode() if ord(ch) < 0x80 else vni_letter(ch)
    return bytes(out)


def legacy_safe(text):
    """The text reduced to what every legacy encoding holds (VISCII has no curly quotes)."""
    keep = set(LETTERS) | {c.upper() for c in LETTERS}
    out = []
    for ch in nfc(text):
        ok = (ord(ch) < 0x80 and (ch.isalnum() or ch in " \n.,:;()/%-?!'")) or ch in keep
        out.append(ch if ok else " ")
    return "".join(out)


def encode(text, encoding):
    if encoding == "vni":
        return vni_encode(text)
    iconv = {"cp1258": "CP1258", "viscii": "VISCII", "tcvn3": "TCVN5712-1"}[encoding]
    p = subprocess.run(["iconv", "-f", "UTF-8", "-t", iconv], input=text.encode(), capture_output=True)
    require(p.returncode == 0, f"iconv -t {iconv}: {p.stderr.decode(errors='replace')}")
    return p.stdout


def article_words(t):
    """Words of the samples that are plain text (no markup character), for generated articles."""
    out = []
    for path in t.samples():
        with open(path, encoding="utf-8") as f:
            for w in f.read().split():
                # A letter or digit first: a lone "-" or "..." may be set as a dash or an
                # ellipsis, and a trailing ":" may be read as a metadata key.
                if re.fullmatch(r"\w[\w.,;:()%/-]*", w) and ".." not in w and not w.endswith(":"):
                    out.append(nfc(w))
    require(len(out) > 500, "too few sample words")
    return out


def long_article(t, n_words, seed=6):
    rnd = random.Random(seed)
    pool = article_words(t)
    ws = [rnd.choice(pool) for _ in range(n_words)]
    paras = [" ".join(ws[i:i + 120]) for i in range(0, n_words, 120)]
    return "\n\n".join(paras) + "\n", ws


# =================================================================================================
# batch
# =================================================================================================

def batch_corpus(t):
    """The seed and seven articles of 60 to 2,400 words made from the samples' words: plain
    paragraphs that any style sets, whatever else the samples come to need (photos, markup)."""
    if not hasattr(t, "_corpus"):
        t._corpus = [os.path.join(t.root, "samples", "bac-tu-liem.txt")]
        for i, n in enumerate((60, 150, 300, 600, 900, 1500, 2400)):
            text, _ = long_article(t, n, seed=100 + i)
            t._corpus.append(t.write(f"corpus-batch/bai-{i + 1}.txt", f"title: Bài thử số {i + 1}\n\n{text}"))
    return t._corpus


def sample_batch(t, name, extra_args=(), jobs="2"):
    out = os.path.join(t.tmp, name)
    report = os.path.join(t.tmp, name + ".json")
    r = t.typeset(["-j", jobs, "-d", out, "--report", report] + list(extra_args) + batch_corpus(t))
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    return r, out, rep


@check("batch: -d OUTDIR writes NAME.pdf for every sample, exit 0, a summary line")
def _(t):
    r, out, rep = sample_batch(t, "batch-all")
    require(r.rc == 0, r.why())
    want = sorted(os.path.splitext(os.path.basename(p))[0] + ".pdf" for p in batch_corpus(t))
    require(listing(out) == want, f"{listing(out)} != {want}")
    n = len(want)
    require(re.search(rf"^typeset: {n} inputs: {n} written to \S+ \(\d+ pages\), 0 failed, ",
                      r.stderr, re.M), f"no summary line in {short(r.stderr)!r}")
    require("\r" not in r.stderr and "[#" not in r.stderr, "a progress bar although stderr is not a terminal")


@check("batch: each PDF is byte-identical to a single run of the same input (-j 4: one writer "
       "thread; -j 6: two)")
def _(t):
    d = t.mkdir("single")
    for p in batch_corpus(t):
        name = os.path.splitext(os.path.basename(p))[0] + ".pdf"
        s = t.typeset([p, "-o", os.path.join(d, name)])
        require(s.rc == 0, s.why())
    for jobs in ("4", "6"):
        r, out, rep = sample_batch(t, "batch-ident-" + jobs, jobs=jobs)
        require(r.rc == 0, r.why())
        for p in batch_corpus(t):
            name = os.path.splitext(os.path.basename(p))[0] + ".pdf"
            with open(os.path.join(d, name), "rb") as a, open(os.path.join(out, name), "rb") as b:
                require(a.read() == b.read(), f"-j {jobs}: {name}: batch PDF differs from the single run")


@check("batch: --report has status, output, pages (as pdfinfo counts), warnings, time_ms")
def _(t):
    r, out, rep = sample_batch(t, "batch-report")
    require(r.rc == 0, r.why())
    items = rep["inputs"]
    require(len(items) == len(batch_corpus(t)), f"{len(items)} report entries for {len(batch_corpus(t))} inputs")
    total = 0
    for it in items:
        require(it["status"] == "ok", f"{it['input']}: {it}")
        require(os.path.isfile(it["output"]), f"{it['output']} missing")
        pages = pdf_pages(it["output"])
        require(it["pages"] == pages, f"{it['input']}: report says {it['pages']} pages, pdfinfo {pages}")
        require(isinstance(it["time_ms"], (int, float)) and it["time_ms"] > 0, f"time_ms {it['time_ms']}")
        require(isinstance(it["warnings"], list), "warnings is not a list")
        total += pages
    s = rep["summary"]
    require(s["inputs"] == len(items) and s["ok"] == len(items) and s["failed"] == 0, f"summary {s}")
    require(s["pages"] == total, f"summary pages {s['pages']} != {total}")


@check("batch: failing inputs do not stop the others; exit 1; no PDF for them; report says why")
def _(t):
    good = batch_corpus(t)[:2]
    bad_utf8 = t.write("fail/bad-utf8.txt", b"ok\nab\xc3(")
    out = os.path.join(t.tmp, "fail-out")
    report = os.path.join(t.tmp, "fail.json")
    r = t.typeset(["-d", out, "--report", report, good[0], "fail/missing.txt", bad_utf8, good[1]])
    require(r.rc == 1, f"exit {r.rc}, expected 1")
    want = sorted(os.path.splitext(os.path.basename(p))[0] + ".pdf" for p in good)
    require(listing(out) == want, f"left {listing(out)}, expected {want}")
    require(re.search(r"^typeset: fail/missing\.txt: cannot read: No such file", r.stderr, re.M), r.why())
    require(re.search(r"^typeset: \S*bad-utf8\.txt:2:3: invalid UTF-8 byte 0xC3", r.stderr, re.M), r.why())
    require(re.search(r"2 written to .*, 2 failed", r.stderr), f"summary: {short(r.stderr)!r}")
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    st = {os.path.basename(i["input"]): (i["status"], i["output"], i["error"]) for i in rep["inputs"]}
    require(st["missing.txt"][0] == "failed" and st["missing.txt"][1] is None, f"{st['missing.txt']}")
    require("invalid UTF-8" in st["bad-utf8.txt"][2], f"{st['bad-utf8.txt']}")
    require(all(st[os.path.basename(p)][0] == "ok" for p in good), f"{st}")


@check("--sync (fsync before the rename, with four writers in a batch): the same PDFs byte for "
       "byte as without, -j 2 and one file; the PDFs replace the old ones")
def _(t):
    good = batch_corpus(t)[:4]
    plain, synced = t.mkdir("nosync"), t.mkdir("sync")
    for out, extra in ((plain, []), (synced, ["--sync"]), (synced, ["--sync"])):
        r = t.typeset(["-j", "2", "-d", out] + extra + good)
        require(r.rc == 0, f"{extra}: {r.why()}")
    require(listing(plain) == listing(synced) and len(listing(plain)) == 4,
            f"{listing(plain)} / {listing(synced)}")
    for name in listing(plain):
        with open(os.path.join(plain, name), "rb") as a, open(os.path.join(synced, name), "rb") as b:
            require(a.read() == b.read(), f"{name} differs with --sync")
    one = os.path.join(t.tmp, "one-sync.pdf")
    r = t.typeset(["--sync", good[0], "-o", one])
    require(r.rc == 0 and os.path.exists(one), r.why())
    first = os.path.splitext(os.path.basename(good[0]))[0] + ".pdf"
    with open(one, "rb") as a, open(os.path.join(plain, first), "rb") as b:
        require(a.read() == b.read(), "one file with --sync differs from the batch's")


@check("batch: 300 short articles with --sync and -j 2 (writers slower than the workers, so the "
       "hand-over queue fills and the workers wait for room): every PDF written, whole, once")
def _(t):
    d = t.mkdir("many-in")
    inputs = [t.write(f"many-in/tin-{i:03d}.txt", f"Tin số {i}\n\nHà Nội có mưa rào {i} lần.\n")
              for i in range(300)]
    out = os.path.join(t.tmp, "many-out")
    r = t.typeset(["-j", "2", "--sync", "-d", out] + inputs)
    require(r.rc == 0, r.why())
    names = listing(out)
    require(names == sorted(f"tin-{i:03d}.pdf" for i in range(300)), f"{len(names)} files: {names[:5]}…")
    for i in (0, 149, 299):
        words = pdf_words(os.path.join(out, f"tin-{i:03d}.pdf"))
        require(f"{i}" in words and "mưa" in words, f"tin-{i:03d}.pdf: {words[:12]}")


@check("the PDFs' permissions follow the umask as a plain open() would (0666 & ~umask), batch and "
       "one file, new and replacing an old file; no temporary file is left")
def _(t):
    good = batch_corpus(t)[:3]
    for mask in (0o027, 0o002):
        out = t.mkdir(f"umask-{mask:03o}")
        one = os.path.join(out, "one.pdf")
        for _round in range(2):  # the second round replaces the first's files
            for args in (["-j", "2", "-d", out] + good, [good[0], "-o", one]):
                r = t.typeset(args, umask=mask)
                require(r.rc == 0, f"umask {mask:03o} {args[:3]}: {r.why()}")
        names = listing(out)
        require(len(names) == len(good) + 1 and all(n.endswith(".pdf") for n in names),
                f"umask {mask:03o}: left {names}")
        for name in names:
            mode = os.stat(os.path.join(out, name)).st_mode & 0o777
            require(mode == 0o666 & ~mask, f"umask {mask:03o}: {name} is {mode:03o}, "
                    f"expected {0o666 & ~mask:03o}")


@check("batch: a PDF that cannot be written (a folder has its name) fails that input alone, -j 1 and -j 3")
def _(t):
    # The workers typeset into memory and the main thread writes the files: a write that fails
    # must still fail its own input, with the system's reason, and leave no temporary file.
    good = batch_corpus(t)[:3]
    for jobs in ("1", "3"):
        out = t.mkdir(f"unwritable-{jobs}")
        t.write(os.path.join(out, "bai-1.pdf", "keep"), "")  # rename(2) cannot replace a folder
        report = os.path.join(t.tmp, f"unwritable-{jobs}.json")
        r = t.typeset(["-j", jobs, "-d", out, "--report", report] + good)
        require(r.rc == 1, f"-j {jobs}: {r.why()}, expected exit 1")
        require(re.search(r"^typeset: \S*bai-1\.pdf: cannot write: ", r.stderr, re.M),
                f"-j {jobs}: no message for bai-1.pdf in {short(r.stderr)!r}")
        require(re.search(r"2 written to .*, 1 failed", r.stderr), f"-j {jobs}: {short(r.stderr)!r}")
        want = sorted(["bai-1.pdf/keep"] + [os.path.splitext(os.path.basename(p))[0] + ".pdf"
                                          for p in good if "bai-1" not in p])
        require(listing(out) == want, f"-j {jobs}: left {listing(out)}, expected {want}")
        with open(report, encoding="utf-8") as f:
            rep = json.load(f)
        st = {os.path.basename(i["input"]): i for i in rep["inputs"]}
        bad = st["bai-1.txt"]
        require(bad["status"] == "failed" and bad["output"] is None and bad["pages"] == 0
                and "cannot write" in (bad["error"] or ""), f"-j {jobs}: {bad}")
        require(all(st[os.path.basename(p)]["status"] == "ok" for p in good if "bai-1" not in p),
                f"-j {jobs}: {st}")


@check("batch: two inputs with the same name: the first is written, the second fails")
def _(t):
    a = t.write("dup/a/x.txt", "Bài thứ nhất về mùa xuân ở Hà Nội.\n")
    b = t.write("dup/b/x.txt", "Bài thứ hai về mùa thu ở Huế.\n")
    out = os.path.join(t.tmp, "dup-out")
    r = t.typeset(["-j", "2", "-d", out, a, b])
    require(r.rc == 1, r.why())
    require(listing(out) == ["x.pdf"], f"{listing(out)}")
    require("mùa xuân" in " ".join(pdf_words(os.path.join(out, "x.pdf"))), "x.pdf is not the first input")
    require(re.search(r"b/x\.txt: its PDF \S*x\.pdf would overwrite that of \S*a/x\.txt", r.stderr), r.why())


@check("batch: warnings in the report with their codes (missing-glyph); --strict fails them")
def _(t):
    nom = t.write("warn/nom.txt", "Chữ Nôm: \U00020000 trong một câu tiếng Việt.\n")
    viscii = t.write("warn/viscii.txt", encode(encoding_sample(t), "viscii"))
    report = os.path.join(t.tmp, "warn.json")
    r = t.typeset(["-d", os.path.join(t.tmp, "warn-out"), "--report", report, nom, viscii])
    require(r.rc == 0, r.why())
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    codes = {os.path.basename(i["input"]): {w["code"] for w in i["warnings"]} for i in rep["inputs"]}
    fc = subprocess.run(["fc-list", ":charset=20000", "file"], capture_output=True,
                        env=dict(os.environ, FONTCONFIG_FILE=os.path.join(t.root, "fonts", "fonts.conf")))
    if fc.returncode == 0 and not fc.stdout.strip():
        require("missing-glyph" in codes["nom.txt"], f"nom.txt warnings {codes['nom.txt']}")
        w = next(w for i in rep["inputs"] for w in i["warnings"] if w["code"] == "missing-glyph")
        require("U+20000" in w["message"] and w["line"] == 1 and w["column"] == 10, f"{w}")
    require(codes["viscii.txt"] == {"encoding"}, f"viscii.txt warnings {codes['viscii.txt']}")
    require(rep["summary"]["warnings"] == sum(len(i["warnings"]) for i in rep["inputs"]), "summary count")
    r = t.typeset(["--strict", "-d", os.path.join(t.tmp, "warn-strict"), viscii])
    require(r.rc == 1, f"--strict with a warning: exit {r.rc}, expected 1")


@check("batch: a widow the page builder could not avoid is in the report (code widow, its place)")
def _(t):
    # A text area of two lines and a paragraph of three: two lines on page 1, and the third
    # alone at the head of page 2 (moving the paragraph on cannot help, the next page is no
    # taller).  The widow's line starts at column 181 of line 1 (worked out from --dump=lines:
    # the third line's first word).
    text = ("Mặc dù quân số ít, chỉ tiêu công tác luôn được cấp trên giao cao nhưng cán bộ, chiến sỹ "
            "công an quận đã khắc phục khó khăn, cố gắng phấn đấu hoàn thành tốt mọi nhiệm vụ được "
            "giao, an ninh chính trị được giữ vững: tội phạm và tệ nạn xã hội được kiềm chế.\n")
    src = t.write("widow/widow.txt", text)
    tiny = ["--style", "plain", "--set", "page.height=52mm", "--set", "page.margin-top=20mm",
            "--set", "page.margin-bottom=20mm"]
    r = t.typeset(tiny + [src, "--dump=lines"])
    require(r.rc == 0, r.why())
    lines = [l["text"] for l in json.loads(r.stdout)["lines"] if l["kind"] == "body"]
    require(len(lines) == 3, f"the paragraph is {len(lines)} lines here, the check needs 3")
    column = len(text[:text.index(lines[2])]) + 1
    report = os.path.join(t.tmp, "widow.json")
    r = t.typeset(tiny + ["-d", os.path.join(t.tmp, "widow-out"), "--report", report, src])
    require(r.rc == 0, r.why())
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    ws = [w for w in rep["inputs"][0]["warnings"] if w["code"] == "widow"]
    require(len(ws) == 1, f"widow warnings: {rep['inputs'][0]['warnings']}")
    require(ws[0]["line"] == 1 and ws[0]["column"] == column, f"{ws[0]} (expected 1:{column})")
    require("page 2" in ws[0]["message"], ws[0]["message"])


@check("batch: --quiet prints nothing; --verbose one line per input")
def _(t):
    s = batch_corpus(t)[:3]
    r = t.typeset(["-q", "-d", os.path.join(t.tmp, "quiet"), *s])
    require(r.rc == 0 and r.stderr == "", f"--quiet: {r.why()}")
    r = t.typeset(["-v", "-d", os.path.join(t.tmp, "verbose"), *s])
    require(r.rc == 0, r.why())
    for p in s:
        name = os.path.splitext(os.path.basename(p))[0]
        require(re.search(rf"^typeset: \S*{re.escape(name)}\.txt → \S*{re.escape(name)}\.pdf: \d+ pages?, ",
                          r.stderr, re.M), f"--verbose: no line for {name}: {short(r.stderr)!r}")


@check("batch: a progress bar when standard error is a terminal")
def _(t):
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([t.exe, "-d", os.path.join(t.tmp, "tty"), *batch_corpus(t)[:3]],
                             cwd=t.tmp, env=t.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        slave = None
        data = b""
        while True:
            ready, _, _ = select.select([master], [], [], RUN_TIMEOUT)
            if not ready:
                p.kill()
                raise Fail("no output from the terminal run")
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other end is closed
                break
            if not chunk:
                break
            data += chunk
        rc = p.wait(timeout=RUN_TIMEOUT)
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)
    text = data.decode("utf-8", errors="replace")
    require(rc == 0, f"exit {rc}: {short(text)!r}")
    require(re.search(r"\[#{30}\] 3/3", text), f"no full progress bar in {text!r}")
    require("\r" in text and "typeset: 3 inputs: 3 written" in text, f"{text!r}")


@check("usage: batch options without -d, -o or --dump with -d, bad -j, bad --shard, bad --encoding: exit 2")
def _(t):
    seed = batch_corpus(t)[0]
    for args in (["-j", "2", seed], ["--shard", "1/2", seed], ["--report", "r.json", seed],
                 ["-d", "o", "-o", "x.pdf", seed], ["-d", "o", "--dump=doc", seed],
                 ["-d", "o", "-j", "-1", seed], ["-d", "o", "--shard", "0/3", seed],
                 ["-d", "o", "--shard", "4/3", seed], ["-d", "o", "--shard", "x", seed],
                 ["-d", "o", "-", seed], ["--encoding", "latin1", seed], [seed, seed]):
        d = t.mkdir("usage")
        before = listing(d)
        r = t.typeset(args, cwd=d)
        require(r.rc == 2, f"{args}: exit {r.rc}, expected 2; {short(r.stderr)!r}")
        require(r.stderr.startswith("typeset: "), f"{args}: {short(r.stderr)!r}")
        require(listing(d) == before, f"{args}: left {listing(d)}")


# --- sharding ------------------------------------------------------------------------------------

def shard_corpus(t, names):
    paths = []
    for i, n in enumerate(names):
        paths.append(t.write(f"corpus/{n}.txt", f"Bài số {i + 1}: tin ngắn về Hà Nội.\n"))
    return paths


SHARD_NAMES = [f"bai-{i:02d}" for i in range(1, 13)]


@check("shard: GNU Parallel runs --shard K/3 side by side; the union is every input, no duplicate")
def _(t):
    if not shutil.which("parallel"):
        raise Skip("GNU Parallel is not installed (Debian package parallel; scripts/setup installs it)")
    paths = shard_corpus(t, SHARD_NAMES)
    base = os.path.join(t.tmp, "shards")
    cmd = ["parallel", "--will-cite", "--halt", "never", t.exe, "-q", "-d", base + "/{}",
           "--shard", "{}/3", "--report", base + "/{}.json", *paths,
           ":::", "1", "2", "3"]
    p = subprocess.run(cmd, capture_output=True, env=t.env, timeout=RUN_TIMEOUT, cwd=t.tmp)
    require(p.returncode == 0, f"parallel exited {p.returncode}: {short(p.stderr.decode(errors='replace'))}")
    seen = []
    for k in (1, 2, 3):
        with open(os.path.join(base, f"{k}.json"), encoding="utf-8") as f:
            rep = json.load(f)
        got = sorted(os.path.basename(i["input"]) for i in rep["inputs"])
        pdfs = listing(os.path.join(base, str(k))) if os.path.isdir(os.path.join(base, str(k))) else []
        require(pdfs == [os.path.splitext(g)[0] + ".pdf" for g in got], f"shard {k}: PDFs {pdfs} vs {got}")
        want = sorted(os.path.basename(p) for p in paths if expected_shard(p, 3) == k)
        require(got == want, f"shard {k}: {got}, expected by FNV-1a {want}")
        require(got, f"shard {k} is empty")
        seen += got
    require(len(seen) == len(set(seen)), f"duplicates across shards: {sorted(seen)}")
    require(sorted(seen) == sorted(os.path.basename(p) for p in paths), "the union is not every input")


@check("shard: adding a file moves no other file to another shard")
def _(t):
    paths = shard_corpus(t, SHARD_NAMES + ["bai-moi"])

    def assignment(inputs):
        out = {}
        for k in (1, 2, 3, 4):
            rep_path = os.path.join(t.tmp, f"stable-{len(inputs)}-{k}.json")
            r = t.typeset(["-q", "-d", os.path.join(t.tmp, f"stable-{len(inputs)}-{k}"), "--shard",
                           f"{k}/4", "--report", rep_path, *inputs])
            require(r.rc == 0, r.why())
            with open(rep_path, encoding="utf-8") as f:
                for i in json.load(f)["inputs"]:
                    out[os.path.basename(i["input"])] = k
        return out

    before = assignment(paths[:-1])
    after = assignment(paths)
    require(len(after) == len(paths), f"{len(after)} of {len(paths)} inputs in some shard")
    moved = [n for n in before if before[n] != after[n]]
    require(not moved, f"moved to another shard: {moved}")


# =================================================================================================
# encodings
# =================================================================================================

def encoding_sample(t):
    with open(os.path.join(t.root, "samples", "ha-noi-ret-dam.txt"), encoding="utf-8") as f:
        return legacy_safe(f.read())


for _enc, _name in (("cp1258", "Windows-1258"), ("viscii", "VISCII"), ("tcvn3", "TCVN3"), ("vni", "VNI")):
    @check(f"encoding: a sample in {_name} is detected, converted with a warning, every word in the PDF")
    def _(t, enc=_enc, name=_name):
        text = encoding_sample(t)
        src = t.write(f"enc/{enc}.txt", encode(text, enc))
        d = t.mkdir(f"enc-{enc}")
        r = t.typeset(ONE_COLUMN + [src, "-o", "out.pdf"], cwd=d)
        require(r.rc == 0, r.why())
        require(re.search(rf"^typeset: \S*{enc}\.txt: warning: converted from {re.escape(name)} "
                          r"\(detected\); use --encoding to force", r.stderr, re.M), r.why())
        lost = missing_in_order(words(text), pdf_words(os.path.join(d, "out.pdf")))
        require(not lost, f"{len(lost)} words lost, e.g. {lost[:5]}")
        # Forced: the same text, no "detected".
        r = t.typeset(ONE_COLUMN + ["--encoding", enc, src, "-o", "forced.pdf"], cwd=d)
        require(r.rc == 0 and "detected" not in r.stderr, r.why())
        lost = missing_in_order(words(text), pdf_words(os.path.join(d, "forced.pdf")))
        require(not lost, f"--encoding {enc}: {len(lost)} words lost, e.g. {lost[:5]}")


@check("encoding: VNI, all 134 letters in both cases come out of the PDF")
def _(t):
    upper = [c.upper() for c in LETTERS]
    require(len(LETTERS) == 67 and len(set(upper)) == 67, f"{len(LETTERS)} letters")
    # Each letter as a word of its own, upper and lower case.
    text = "Tiếng Việt có những chữ cái sau đây.\n\n" + " ".join(LETTERS + upper) + "\n"
    src = t.write("enc/vni-all.txt", vni_encode(text))
    d = t.mkdir("enc-vni-all")
    r = t.typeset(["--encoding", "vni", src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    # pdftotext runs one-letter words together, so compare the letters without spaces.
    got = "".join(pdf_words(os.path.join(d, "out.pdf")))
    require("".join(LETTERS + upper) in got, f"letters lost or changed: {got!r}")


@check("encoding: TCVN3 warns that capitals may be lost")
def _(t):
    src = t.write("enc/tcvn3-caps.txt", encode(encoding_sample(t), "tcvn3"))
    r = t.typeset([src, "-o", os.path.join(t.mkdir("enc-caps"), "out.pdf")])
    require(r.rc == 0, r.why())
    require(re.search(r"converted from TCVN3 \(detected\).*capitals", r.stderr), r.why())


@check("encoding: UTF-8 with BOM and CRLF, and NFD, need no conversion and give NFC")
def _(t):
    text = "Huế và những lễ hội mùa hè.\r\n\r\nNgười dân đến xem rất đông.\r\n"
    src = t.write("enc/bom.txt", b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode())
    d = t.mkdir("enc-bom")
    r = t.typeset(ONE_COLUMN + [src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0 and "converted" not in r.stderr, r.why())
    got = pdf_words(os.path.join(d, "out.pdf"))
    require(all(nfc(w) == w for w in got), "text layer not NFC")
    require(not missing_in_order(words(nfc(text)), got), "words lost")


# =================================================================================================
# hard input
# =================================================================================================

def expect_error(t, name, data, pattern):
    src = t.write(f"hard/{name}", data)
    d = t.mkdir(f"hard-{name}")
    r = t.typeset([src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 1, f"exit {r.rc}, expected 1; {short(r.stderr)!r}")
    require(re.search(pattern, r.stderr, re.M), f"stderr {short(r.stderr)!r} does not match /{pattern}/")
    require(listing(d) == [], f"left {listing(d)}")


@check("hard: a 30,000-word article: every word in order in the PDF")
def _(t):
    text, ws = long_article(t, 30000)
    require(len(ws) == 30000, "generator")
    src = t.write("hard/long30k.txt", text)
    d = t.mkdir("hard-long")
    r = t.typeset(ONE_COLUMN + [src, "-o", "plain.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    got = pdf_words(os.path.join(d, "plain.pdf"))
    lost = missing_in_order(ws, got)
    require(not lost, f"{len(lost)} of 30000 words lost, e.g. {lost[:5]}")
    require(pdf_pages(os.path.join(d, "plain.pdf")) > 20, "too few pages for 30,000 words")
    # The default style too: every word there, whatever order pdftotext reads the columns in.
    r = t.typeset([src, "-o", "default.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    have = collections.Counter(pdf_words(os.path.join(d, "default.pdf")))
    short_of = collections.Counter(ws) - have
    require(not short_of, f"default style: {sum(short_of.values())} words lost, e.g. {list(short_of)[:5]}")


@check("hard: a 4,000-character token: every character in the PDF, in order")
def _(t):
    rnd = random.Random(4)
    token = "".join(rnd.choice("abcdefghiklmnopqrstuvxy") for _ in range(4000))
    src = t.write("hard/token.txt", f"Mở đầu bài viết có một từ rất dài: {token} và phần còn lại của câu.\n")
    d = t.mkdir("hard-token")
    r = t.typeset(ONE_COLUMN + [src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    # Without the page furniture that a page break puts inside the token.
    lines = tool(["pdftotext", "-enc", "UTF-8", os.path.join(d, "out.pdf"), "-"]).splitlines()
    joined = "".join(nfc(x).strip() for x in lines
                     if not re.fullmatch(r"\s*(BẢN TIN|Trang \d+/\d+|\d+)?\s*", x))
    require(token in joined, "the token is not whole in the text layer (characters lost)")
    require(joined.index("dài:") < joined.index(token) < joined.index("phần"), "order")
    # Broken over many lines, and said once: where it was first broken (line 1).
    warned = re.findall(r"token\.txt:1:\d+: warning: a word wider than .* was broken between two characters",
                        r.stderr)
    require(len(warned) == 1, f"expected one broken-word warning, got {len(warned)}: {r.stderr[:300]!r}")


@check("hard: a line of 1 MB: every word in order")
def _(t):
    rnd = random.Random(1)
    pool = article_words(t)
    ws, size = [], 0
    while size < 1 << 20:
        w = rnd.choice(pool)
        ws.append(w)
        size += len(w.encode()) + 1
    src = t.write("hard/mbline.txt", " ".join(ws) + "\n")
    d = t.mkdir("hard-mbline")
    r = t.typeset(ONE_COLUMN + [src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    lost = missing_in_order(ws, pdf_words(os.path.join(d, "out.pdf")))
    require(not lost, f"{len(lost)} of {len(ws)} words lost, e.g. {lost[:5]}")


@check("hard: NUL bytes: FILE:LINE:COL error, exit 1, no file")
def _(t):
    expect_error(t, "nul.txt", "Xin chào\nabc\x00def\n".encode(),
                 r"^typeset: \S*nul\.txt:2:4: control character U\+0000 \(NUL\)")


@check("hard: control characters: FILE:LINE:COL error naming it, exit 1, no file")
def _(t):
    expect_error(t, "bel.txt", "Xin chào\nabc\x07def\n".encode(),
                 r"^typeset: \S*bel\.txt:2:4: control character U\+0007 \(BEL\)")
    expect_error(t, "esc.txt", "Một dòng\x1b[31m màu\n".encode(),
                 r"^typeset: \S*esc\.txt:1:9: control character U\+001B \(ESC\)")


@check("hard: binary garbage (several seeds): invalid-UTF-8 or control error, exit 1, never converted")
def _(t):
    for seed in range(8):
        rnd = random.Random(seed)
        data = bytes(rnd.randrange(256) for _ in range(50000))
        expect_error(t, f"garbage-{seed}.bin", data,
                     r"^typeset: \S*garbage-\d\.bin:\d+:\d+: (invalid UTF-8 byte|control character)")
        # High bytes only, with spaces: still not "Vietnamese in a legacy encoding".
        data = bytes(0x20 if i % 6 == 5 else rnd.randrange(0xA0, 0x100) for i in range(50000))
        expect_error(t, f"garbage-{seed}.hi", data, r"^typeset: \S*garbage-\d\.hi:1:\d+: invalid UTF-8 byte")


@check("hard: a photo that is a device (/dev/zero) fails at once, no hang")
def _(t):
    if not os.path.exists("/dev/zero"):
        raise Skip("no /dev/zero")
    src = t.write("hard/devzero.txt", "Bài thử có ảnh.\n\n![Ảnh](/dev/zero)\n\nHết bài.\n")
    d = t.mkdir("hard-devzero")
    r = t.typeset([src, "-o", "out.pdf"], cwd=d, timeout=120)
    require(r.rc == 1, r.why())
    require(re.search(r"/dev/zero: cannot read the photo: not a regular file", r.stderr), r.why())
    require(listing(d) == [], f"left {listing(d)}")


@check("hard: CJK Extension B (U+20000): a warning naming the code points, or a fallback font")
def _(t):
    src = t.write("hard/nom.txt", "Chữ Nôm: \U00020000\U0002A6D6 trong văn bản tiếng Việt.\n")
    d = t.mkdir("hard-nom")
    r = t.typeset([src, "-o", "out.pdf"], cwd=d)
    require(r.rc == 0, r.why())
    env = dict(os.environ, FONTCONFIG_FILE=os.path.join(t.root, "fonts", "fonts.conf"))
    for cp in (0x20000, 0x2A6D6):
        fc = subprocess.run(["fc-list", f":charset={cp:x}", "file"], capture_output=True, env=env)
        has_font = fc.returncode == 0 and fc.stdout.strip()
        if has_font:
            require(f"U+{cp:04X}" not in r.stderr, f"U+{cp:04X} has a font but was reported")
        else:
            require(re.search(rf"nom\.txt:1:\d+: warning: no font has U\+{cp:04X}", r.stderr),
                    f"no warning naming U+{cp:04X}: {short(r.stderr)!r}")
    got = " ".join(pdf_words(os.path.join(d, "out.pdf")))
    require("trong văn bản tiếng Việt." in got, "the Vietnamese around it was lost")


# =================================================================================================

def main():
    return run_checks("e2e-batch", CHECKS, lambda exe, root, tmp, a: Tester(exe, root, tmp),
                      __doc__.split("\n")[0])


if __name__ == "__main__":
    sys.exit(main())
