#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Apply patches/ with git am onto the base, on branch $SERIES_BRANCH.
#
# Safety rules: a dirty work tree stops the run untouched. The series
# branch is only rebuilt when it still points at the commit this script
# made last time (so a developer's own commits on it are never dropped).
# A patch that does not apply is named, and 'git am --abort' leaves the
# tree as it was, so that a fixed series can simply be applied again.
. "$(dirname "$0")/lib.sh"

kgit rev-parse -q --verify "$BASE_REF" >/dev/null || die "no base in $KTREE (run 'make prepare')"
mapfile -t list < <(series_patches)
[ ${#list[@]} -gt 0 ] || die "no patches in $PATCHES"

require_clean_tree "$KTREE"

# A fingerprint of the patch files, to make re-runs idempotent.
fp=$(cat "${list[@]}" | sha256sum | cut -c1-16)
branch_ref=refs/heads/$SERIES_BRANCH
head=$(kgit rev-parse -q --verify "$branch_ref" || true)
applied=$(kgit rev-parse -q --verify "$APPLIED_REF" || true)
applied_fp=$(kgit config --get ptdesc-first.applied-fingerprint || true)
base=$(kgit rev-parse "$BASE_REF^{commit}")

if [ -n "$head" ] && [ "$head" = "$applied" ] && [ "$applied_fp" = "$fp" ]; then
	[ "$(kgit symbolic-ref -q HEAD || true)" = "$branch_ref" ] || kgit checkout -q "$SERIES_BRANCH"
	note "series already applied: $SERIES_BRANCH at $(kgit rev-parse --short HEAD) (${#list[@]} patches)"
	exit 0
fi
if [ -n "$head" ] && [ "$head" != "$base" ] && [ "$head" != "$applied" ]; then
	note "error: branch $SERIES_BRANCH in $KTREE has commits that the workbench did not make:"
	from=$base
	[ -n "$applied" ] && kgit merge-base --is-ancestor "$applied" "$head" && from=$applied
	kgit log --oneline "$from..$head" | head -n 10 | sed 's/^/    /' >&2
	note "To keep them, run 'make export' (they become patches/), then re-run."
	note "To drop them, delete the branch yourself: git -C $KTREE branch -D $SERIES_BRANCH"
	exit 1
fi

if [ -n "$head" ]; then
	# Keep the old state reachable, just in case.
	kgit update-ref "refs/ptdesc-first/previous" "$head"
fi
kgit checkout -q -B "$SERIES_BRANCH" "$base"
kgit config gc.auto 0
note "applying ${#list[@]} patches with git am onto $(kgit rev-parse --short "$base")"
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-ptdesc-first workbench}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-workbench@ptdesc-first.invalid}
if ! kgit -c core.autocrlf=false am -q --committer-date-is-author-date "${list[@]}" \
	>"$LOGS/am.log" 2>&1; then
	failed=$(sed -n 's/^Patch failed at \([0-9]*\) \(.*\)$/\1 \2/p' "$LOGS/am.log" | head -n 1)
	n=${failed%% *}
	file=""
	[ -n "$n" ] && file=${list[$((10#$n - 1))]:-}
	sed 's/^/    /' "$LOGS/am.log" | head -n 20 >&2
	kgit am --abort >/dev/null 2>&1 || true
	kgit checkout -q -B "$SERIES_BRANCH" "$base"
	kgit update-ref "$APPLIED_REF" "$base"
	kgit config ptdesc-first.applied-fingerprint none
	die "patch ${file:+$(basename "$file") }does not apply (git am: ${failed:-see above}). The tree is back at the base, clean; fix the patch and re-run."
fi
kgit update-ref "$APPLIED_REF" HEAD
kgit config ptdesc-first.applied-fingerprint "$fp"
note "applied: $SERIES_BRANCH at $(kgit rev-parse --short HEAD)"
