#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rstcheck.py FILE...: parse reStructuredText with docutils and fail on
any warning or error (a malformed table, a bad heading, an unknown role
other than the kernel's Sphinx roles), printing it with its line."""
import io
import sys

import docutils.core
from docutils.parsers.rst import roles

# Sphinx roles the kernel's documentation may use; docutils alone does
# not know them.
for r in ("c:func", "c:type", "c:macro", "ref", "doc", "kbd", "file"):
    roles.register_generic_role(r, roles.nodes.literal)

bad = 0
for f in sys.argv[1:]:
    err = io.StringIO()
    docutils.core.publish_doctree(open(f).read(), source_path=f,
                                  settings_overrides={"warning_stream": err,
                                                      "report_level": 2,
                                                      "halt_level": 5})
    if err.getvalue():
        print(f"{f}: docutils reports:")
        print(err.getvalue().rstrip())
        bad = 1
    else:
        print(f"ok: {f}")
sys.exit(bad)
