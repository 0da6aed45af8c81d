#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The repo's kernel-path folders hold exactly the files the series adds,
# byte-identical to what patches/ adds (checked against the applied tree).
. "$(dirname "$0")/../lib.sh"

base=$(kgit rev-parse "$BASE_REF")
head=refs/heads/$SERIES_BRANCH
bad=0
mapfile -t added < <(kgit diff --name-only --diff-filter=A "$base" "$head")
for f in "${added[@]}"; do
	if [ ! -f "$KPATH_ROOT/$f" ]; then
		echo "missing in the repo: $f (run 'make export')"; bad=1
	elif ! kgit show "$head:$f" | cmp -s - "$KPATH_ROOT/$f"; then
		echo "differs from what the series adds: $f"; bad=1
	else
		echo "identical: $f"
	fi
done
declare -A is_added=()
for f in "${added[@]}"; do is_added[$f]=1; done
cd "$KPATH_ROOT"
for d in $KPATH_DIRS; do
	[ -d "$d" ] || continue
	while IFS= read -r f; do
		[ -n "${is_added[$f]:-}" ] ||
			{ echo "in the repo but not added by the series: $f"; bad=1; }
	done < <(git ls-files -co --exclude-standard -- "$d")
done
echo "${#added[@]} files added by the series"
exit $bad
