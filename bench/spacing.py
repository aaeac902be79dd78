#!/usr/bin/env python3
"""Justification quality of any PDF, measured from its text layer with poppler's
pdftotext -bbox-layout, so that typeset and XeLaTeX are graded by the same rule and neither
grades itself.

usage: spacing.py OUT.pdf [--right PT] [--json]

The definitions are those of the project's shared measuring tool (shared/tools/spacing.py),
with which the reference figures of issue 3 were measured; they are copied here unchanged so
that the benchmark runs from the repository alone:

  For each text line, the gaps between consecutive words.  A line is 'justified' when its
  right edge is within 3 pt of the right edge of its column (the most common line end in that
  column of that page; hanging punctuation may pass it); other lines are 'ragged' (last lines
  of paragraphs, captions, headers).  Lines of fewer than 3 words, and lines whose height is
  not the body's (the median), are left out.  The natural word space s0 is the median gap over
  ragged lines of body size.  For each justified line r = (mean gap - s0) / s0.  Reports:
  lines, mean |r|, p95 |r|, share of loose lines (r > 0.5), very loose (r > 1.0), tight
  (r < -0.25), and the share of justified lines whose gaps differ from each other by more than
  1 pt (letter-spacing or uneven spacing).

One addition, for the overfull count: with --right PT (the right edge of the measure, in points
from the left of the page), a line of body size whose last word ends more than 1 pt past it is
overfull.  A line that ends in punctuation may hang into the margin by half an em more
(hanging punctuation is a feature, not an overflow).
"""
import html
import json
import re
import statistics
import subprocess
import sys
from collections import defaultdict

HANGING = tuple(".,;:!?…\"'”’“‘)»-–—")


def lines_of(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    page = 0
    width = 595.0
    res = []
    for m in re.finditer(r'<page width="([\d.]+)"|<line[^>]*>(.*?)</line>', out, re.S):
        if m.group(0).startswith("<page"):
            page += 1
            width = float(m.group(1))
            continue
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                           r'yMax="([\d.]+)">(.*?)</word>', m.group(2))
        ws = [(float(a), float(b), float(c), float(d), html.unescape(t))
              for a, b, c, d, t in words]
        if ws:
            res.append(((page, int(4 * ws[0][0] / width)), ws))
    return res


def measure(pdf, right_pt=None):
    lines = lines_of(pdf)
    ends = defaultdict(list)
    for key, ws in lines:
        ends[key].append(round(ws[-1][2] * 2) / 2)
    right = {k: max(set(v), key=v.count) for k, v in ends.items()}
    heights = [ws[0][3] - ws[0][1] for _, ws in lines]
    body_h = statistics.median(heights) if heights else 0
    just, ragged = [], []
    overfull = 0
    for key, ws in lines:
        h = ws[0][3] - ws[0][1]
        body = abs(h - body_h) <= 0.04 * body_h
        if body and right_pt is not None:
            slack = 1.0 + (0.5 * body_h / 1.36 if ws[-1][4].endswith(HANGING) else 0.0)
            if ws[-1][2] > right_pt + slack:
                overfull += 1
        if len(ws) < 3 or not body:
            continue
        gaps = [ws[i + 1][0] - ws[i][2] for i in range(len(ws) - 1)]
        (just if abs(right[key] - ws[-1][2]) < 3.0 else ragged).append(gaps)
    if not ragged or not just:
        return None
    s0 = statistics.median(g for gaps in ragged for g in gaps)
    rs = [(statistics.mean(g) - s0) / s0 for g in just]
    absr = sorted(abs(r) for r in rs)
    uneven = sum(1 for g in just if max(g) - min(g) > 1.0)
    res = {
        "justified_lines": len(just), "s0_pt": round(s0, 3),
        "mean_abs_r": round(statistics.mean(absr), 3),
        "p95_abs_r": round(absr[int(0.95 * (len(absr) - 1))], 3),
        "loose_pct": round(100 * sum(r > 0.5 for r in rs) / len(rs), 1),
        "very_loose_pct": round(100 * sum(r > 1.0 for r in rs) / len(rs), 1),
        "tight_pct": round(100 * sum(r < -0.25 for r in rs) / len(rs), 1),
        "uneven_pct": round(100 * uneven / len(just), 1),
    }
    if right_pt is not None:
        res["overfull_pdf"] = overfull
    return res


def main():
    args = sys.argv[1:]
    as_json = "--json" in args
    right_pt = None
    if "--right" in args:
        i = args.index("--right")
        right_pt = float(args[i + 1])
        del args[i:i + 2]
    args = [a for a in args if a != "--json"]
    res = measure(args[0], right_pt)
    if res is None:
        print("too few lines to measure")
        sys.exit(2)
    print(json.dumps(res) if as_json else " ".join(f"{k}={v}" for k, v in res.items()))


if __name__ == "__main__":
    main()
