#!/usr/bin/env python3
"""The benchmark's inputs, made from the articles in samples/ so that every run measures the
same text (deterministic: no clock, no unseeded randomness).

usage: gen.py SOURCE_ROOT OUTDIR

Writes into OUTDIR:
  seed.txt          samples/bac-tu-liem.txt, byte for byte (1 page in the bulletin style)
  seed-x20.txt      the seed followed by 19 more copies of its body (the leading
                    'date 2021-05' only once): about 18 A4 pages
  seed-x200.txt     the same with 199 copies: about 170 pages
  article-30k.txt   one article of 30,000 words: title, date, the paragraphs of every sample
                    in turn, a '## Phần N' heading every 12 paragraphs
  batch/NNN.txt     200 articles of 400 to 900 words each, every one a different selection
                    and order of the samples' paragraphs, with its own title and date
"""
import os
import random
import re
import sys
import unicodedata

DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}\s*")
META = re.compile(r"^(title|author|source|date|captions|tiêu đề|tác giả|nguồn|ngày)\s*:", re.I)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def paragraphs(text):
    """The plain body paragraphs of an article: no metadata, no markup blocks."""
    text = DATE_PREFIX.sub("", nfc(text.lstrip("\ufeff")))
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l for l in block.strip().splitlines() if not META.match(l)]
        block = " ".join(l.strip() for l in lines).strip()
        if not block or block[0] in "#>![-":
            continue
        block = block.replace("***", "").replace("**", "").replace("*", "")
        out.append(block)
    return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    root, outdir = sys.argv[1], sys.argv[2]
    samples = os.path.join(root, "samples")
    with open(os.path.join(samples, "bac-tu-liem.txt"), encoding="utf-8") as f:
        seed = f.read()
    body = DATE_PREFIX.sub("", seed).strip()

    write(os.path.join(outdir, "seed.txt"), seed)
    for n in (20, 200):
        write(os.path.join(outdir, f"seed-x{n}.txt"),
              seed.rstrip("\n") + "\n\n" + "\n\n".join([body] * (n - 1)) + "\n")

    pool = []
    for name in sorted(os.listdir(samples)):
        if name.endswith(".txt"):
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                pool += paragraphs(f.read())

    out = ["title: Đồng bằng, đô thị và những mùa hoa: tập hợp bài viết",
           "author: Ban biên tập", "date: 2024-05", ""]
    words, i = 0, 0
    while words < 30000:
        if i % 12 == 0:
            out += [f"## Phần {i // 12 + 1}", ""]
        p = pool[i % len(pool)]
        out += [p, ""]
        words += len(p.split())
        i += 1
    write(os.path.join(outdir, "article-30k.txt"), "\n".join(out))

    rng = random.Random(20240501)
    for k in range(200):
        target = rng.randint(400, 900)
        start = rng.randrange(len(pool))
        step = rng.choice([1, 3, 5, 7])
        paras, words, j = [], 0, start
        while words < target:
            p = pool[j % len(pool)]
            paras.append(p)
            words += len(p.split())
            j += step
        title = " ".join(paras[0].split()[:9]).rstrip(",.;:")
        day = 1 + k % 28
        text = f"title: {title}\ndate: 2024-{1 + k % 12:02d}-{day:02d}\n\n" + "\n\n".join(paras) + "\n"
        write(os.path.join(outdir, "batch", f"{k:03d}.txt"), text)


if __name__ == "__main__":
    main()
