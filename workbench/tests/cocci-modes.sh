#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cocci-modes: every semantic patch of the series also works in the
# read-only modes that make coccicheck offers. For each mechanical patch,
# its own spatch command (from the commit message) is rerun on the base
# version of the C files that the patch changes, once with -D report and
# once with -D context instead of -D patch:
#   report  prints at least one "file:line:col: message" and no diff;
#   context prints a diff (the "*" lines) and no report lines.
# The scripts are the ones this repository carries at their kernel paths
# (byte-identical to what patches/ adds: see kpath-files).
. "$(dirname "$0")/../lib.sh"
command -v spatch >/dev/null || die "spatch is missing (apt-get install coccinelle)"
kgit rev-parse -q --verify "$BASE_REF" >/dev/null || die "no base in $KTREE (run 'make prepare')"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
bad=0 n=0
while IFS= read -r p; do
	cmd=$(regen_cmds "$p" | { grep "^spatch " || true; } | head -n 1)
	[ -n "$cmd" ] || continue
	n=$((n + 1))
	name=$(basename "$p" .patch)
	files=$(sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "$p" | grep '\.[ch]$')
	rm -rf "$t/tree" && mkdir -p "$t/tree"
	for f in $files; do
		mkdir -p "$t/tree/$(dirname "$f")"
		kgit show "$BASE_REF:$f" >"$t/tree/$f"
	done
	# The command with its mode, its files and our copy of the script.
	read -r -a argv <<<"$cmd"
	args=()
	i=1
	while [ $i -lt ${#argv[@]} ]; do
		a=${argv[$i]}
		case "$a" in
		--sp-file) i=$((i + 1)); args+=(--sp-file "$WB_TOP/${argv[$i]}") ;;
		--dir) i=$((i + 1)) ;;
		--in-place) ;;
		-D) i=$((i + 1)); [ "${argv[$i]}" = patch ] || args+=(-D "${argv[$i]}") ;;
		*) args+=("$a") ;;
		esac
		i=$((i + 1))
	done
	for mode in report context; do
		out=$(cd "$t/tree" && spatch -D "$mode" "${args[@]}" $files 2>&1)
		reports=$(printf '%s\n' "$out" | grep -c '^[^ ]*\.[ch]:[0-9]*:[0-9]*-[0-9]*: ' || true)
		diffs=$(printf '%s\n' "$out" | grep -c '^+++ ' || true)
		case $mode in
		report) [ "$reports" -gt 0 ] && [ "$diffs" -eq 0 ] && ok=ok || ok= ;;
		context) [ "$diffs" -gt 0 ] && [ "$reports" -eq 0 ] && ok=ok || ok= ;;
		esac
		printf '%-4s %-7s %3s reports %3s diffs  %s\n' "${ok:-FAIL}" "$mode" "$reports" "$diffs" "$name"
		if [ -z "$ok" ]; then
			bad=1
			printf '%s\n' "$out" | head -n 20 | sed 's/^/    > /'
		fi
	done
done < <(series_patches)
[ $n -gt 0 ] || die "no mechanical patch found in $PATCHES"
exit $bad
