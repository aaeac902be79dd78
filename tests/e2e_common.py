"""What the end-to-end scripts share: failures and skips, the check registry, text helpers and the
runner that prints TAP-like lines (`ok - NAME`, `not ok - NAME: why`) and a summary.

Each script (e2e.py, e2e_batch.py, e2e_print.py, e2e_layout.py) keeps its own checks and its own
Tester; this module only spares them four copies of the harness."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import unicodedata


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def require(cond, why):
    if not cond:
        raise Fail(why)


def registry():
    """A list of (name, fn) and the decorator that appends to it."""
    checks = []

    def check(name):
        def deco(fn):
            checks.append((name, fn))
            return fn
        return deco
    return checks, check


def nfc(s):
    return unicodedata.normalize("NFC", s)


def words(text):
    return text.split()


def short(s, n=300):
    s = s.strip()
    return s if len(s) <= n else s[:n] + "…"


def run_checks(label, checks, make_tester, description=None, extra_args=()):
    """Parses --typeset, --source-root, --only, --list, --keep (and @extra_args: (flag, kwargs)),
    runs the checks against make_tester(exe, root, tmp, args) and returns the exit status."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--typeset", required=True)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--only")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--keep", action="store_true")
    for flag, kwargs in extra_args:
        ap.add_argument(flag, **kwargs)
    a = ap.parse_args()
    selected = [(n, f) for n, f in checks if not a.only or re.search(a.only, n)]
    if a.list:
        for n, _ in selected:
            print(n)
        return 0
    tmp = tempfile.mkdtemp(prefix=f"typeset-{label}-")
    t = make_tester(os.path.abspath(a.typeset), os.path.abspath(a.source_root), tmp, a)
    passed = failed = skipped = 0
    for name, fn in selected:
        try:
            fn(t)
        except Skip as e:
            skipped += 1
            print(f"ok - {name} # SKIP {e}", flush=True)
        except Fail as e:
            failed += 1
            print(f"not ok - {name}: {' ⏎ '.join(str(e).splitlines())}", flush=True)
        except subprocess.TimeoutExpired as e:
            failed += 1
            print(f"not ok - {name}: timed out (a hang?) after {e.timeout}s", flush=True)
        except Exception as e:  # a bug in a check is a failure too, with its trace
            failed += 1
            print(f"not ok - {name}: {type(e).__name__}: {e}", flush=True)
            for line in traceback.format_exc().rstrip().splitlines():
                print("# " + line)
        else:
            passed += 1
            print(f"ok - {name}", flush=True)
    print(f"1..{len(selected)}")
    print(f"# {label}: {passed} passed, {failed} failed, {skipped} skipped")
    if a.keep or failed:
        print(f"# outputs kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()
    return 1 if failed else 0
