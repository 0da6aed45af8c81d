#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# regen.sh: rebuild the series from patches/, regenerating every mechanical
# commit by running the spatch command its message gives, then export the
# result over patches/. On the recorded base, 'git diff --exit-code
# patches/' is then clean if and only if every mechanical patch is exactly
# what its semantic patch produces.
#
# A mechanical patch is one whose message has command lines of the form
#   "  $ spatch ..." (with "\" continuations); "  $ git grep -lw ... |
#   xargs sed -i ..." is also accepted, for assembly files.
# Work happens in a scratch worktree, build/regen; the kernel work tree is
# not touched.
. "$(dirname "$0")/lib.sh"

command -v spatch >/dev/null || die "spatch is missing (apt-get install coccinelle)"
kgit rev-parse -q --verify "$BASE_REF" >/dev/null || die "no base in $KTREE (run 'make prepare')"
wt=$BUILD/regen
t0=$(now)
if [ -d "$wt" ]; then
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" reset -q --hard && git -C "$wt" clean -qfdx
	git -C "$wt" checkout -q --detach "$BASE_REF"
else
	add_worktree "$wt" "$BASE_REF"
fi

export GIT_COMMITTER_NAME='ptdesc-first workbench' GIT_COMMITTER_EMAIL='workbench@ptdesc-first.invalid'
mech=0 total=0
while IFS= read -r p; do
	total=$((total + 1))
	git -C "$wt" am -q --committer-date-is-author-date "$p" >"$LOGS/regen-am.log" 2>&1 || {
		cat "$LOGS/regen-am.log" >&2
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		die "$(basename "$p") does not apply"
	}
	mapfile -t cmds < <(regen_cmds "$p")
	[ ${#cmds[@]} -gt 0 ] || continue
	mech=$((mech + 1))
	orig=$(git -C "$wt" rev-parse HEAD)
	git -C "$wt" reset -q --hard HEAD~1
	ts=$(now)
	for c in "${cmds[@]}"; do
		# Only spatch, and sed over files that git grep lists (for what
		# Coccinelle cannot parse, such as assembly), are run.
		case "$c" in
		spatch\ *) ;;
		"git grep -lw "*" | xargs sed -i "*) ;;
		*) die "$(basename "$p"): not a spatch or git-grep/sed command: $c" ;;
		esac
		(cd "$wt" && eval "$c") >>"$LOGS/regen.log" 2>&1 ||
			die "$(basename "$p"): '$c' failed (log: $LOGS/regen.log)"
	done
	git -C "$wt" add -A
	GIT_COMMITTER_DATE=$(git -C "$wt" log -1 --format=%aD "$orig") \
		git -C "$wt" commit -q --allow-empty -C "$orig"
	if [ "$(git -C "$wt" rev-parse HEAD^{tree})" = "$(git -C "$wt" rev-parse "$orig^{tree}")" ]; then
		note "regen: $(basename "$p"): identical ($(elapsed "$ts")s)"
	else
		note "regen: $(basename "$p"): DIFFERS from its semantic patch's output ($(elapsed "$ts")s):"
		git -C "$wt" diff --stat "$orig" HEAD | sed 's/^/    /' >&2
	fi
done < <(series_patches)

EXPORT_TREE=$wt EXPORT_REV=HEAD bash "$WB_TOP/workbench/export.sh" "${REGEN_OUT:-$PATCHES}"
note "regen: $mech mechanical of $total patches regenerated in $(elapsed "$t0")s on $(nproc) cores"
