#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""cover.py OLD NEW PKGFILE VERFILE TREE: fill NEW (a fresh format-patch
cover letter) with the subject and text of OLD (the existing cover letter,
if any), updating its base-package/base-kernelversion/base-tree lines."""
import re
import sys

old_path, new_path, pkg_file, ver_file, tree = sys.argv[1:6]
base = {
    "package": open(pkg_file).read().strip(),
    "kernelversion": open(ver_file).read().strip(),
    "tree": tree,
}

TEMPLATE_SUBJECT = "ptdesc-first: separate PTE_SIZE from PG_SIZE, reach page tables via ptdesc"
TEMPLATE_BLURB = """(describe the series here)

base-package: -
base-kernelversion: -
base-tree: -
"""

shortlog_re = re.compile(r"^\S.* \(\d+\):$", re.M)


def split(text):
    """Return (subject, blurb) from a cover letter."""
    head, _, body = text.partition("\n\n")
    m = re.search(r"^Subject: \[PATCH[^\]]*\] (.*(?:\n .*)*)$", head, re.M)
    subject = re.sub(r"\n ", " ", m.group(1)) if m else TEMPLATE_SUBJECT
    m = shortlog_re.search(body)
    blurb = body[: m.start()] if m else body
    return subject, blurb.rstrip("\n") + "\n"


try:
    subject, blurb = split(open(old_path).read())
except FileNotFoundError:
    subject, blurb = TEMPLATE_SUBJECT, TEMPLATE_BLURB

for key, val in base.items():
    blurb, n = re.subn(rf"^base-{key}: .*$", f"base-{key}: {val}", blurb, flags=re.M)
    if n == 0:
        blurb += f"base-{key}: {val}\n"

new = open(new_path).read()
if "*** SUBJECT HERE ***" not in new or "*** BLURB HERE ***" not in new:
    sys.exit("cover.py: unexpected format-patch cover letter")
new = new.replace("*** SUBJECT HERE ***", subject)
new = new.replace("*** BLURB HERE ***\n", blurb)
open(new_path, "w").write(new)
