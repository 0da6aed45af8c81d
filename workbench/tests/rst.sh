#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# rst: the Documentation pages the series adds (this repository's copies,
# byte-identical to patches/: see kpath-files) parse as reStructuredText
# without a warning, and the check catches a malformed table.
. "$(dirname "$0")/../lib.sh"
python3 -c 'import docutils' 2>/dev/null || die "docutils is missing (apt-get install python3-docutils)"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
printf '%s\n' 'Title' '=====' '' '======  ====' '``toolong``  x' '======  ====' >"$t/bad.rst"
if python3 "$WB_TOP/workbench/rstcheck.py" "$t/bad.rst" >/dev/null; then
	echo "FAILED: rstcheck.py accepted a malformed table"
	exit 1
fi
mapfile -t docs < <(cd "$WB_TOP" && find Documentation -name '*.rst' | sort)
[ ${#docs[@]} -gt 0 ] || die "no .rst file under $WB_TOP/Documentation"
cd "$WB_TOP" && python3 workbench/rstcheck.py "${docs[@]}"
