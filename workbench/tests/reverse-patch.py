#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""reverse-patch.py PATCH: print the diff part of PATCH reversed (old lines
become added lines), so checkpatch can say what the original code had."""
import re
import sys

text = open(sys.argv[1]).read()
start = text.find("\ndiff --git ")
out = []
for line in text[start + 1:].splitlines():
    m = re.match(r"^@@ -(\S+) \+(\S+) @@(.*)$", line)
    if m:
        out.append(f"@@ -{m.group(2)} +{m.group(1)} @@{m.group(3)}")
    elif line.startswith(("---", "+++")):
        out.append(line)
    elif line.startswith("+"):
        out.append("-" + line[1:])
    elif line.startswith("-"):
        out.append("+" + line[1:])
    else:
        out.append(line)
print("\n".join(out))
