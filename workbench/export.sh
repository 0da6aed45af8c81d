#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# export.sh [OUTDIR]: turn base..$SERIES_BRANCH into numbered format-patch
# files plus the cover letter, in patches/ (or OUTDIR). The output depends
# only on the commits: zero commit ids, no signature, no user git config,
# cover letter dated like the last patch. The cover letter's text is kept
# from the existing one; its base-* lines and shortlog/diffstat are redone.
. "$(dirname "$0")/lib.sh"

outdir=${1:-$PATCHES}
tree=${EXPORT_TREE:-$KTREE}
rev=${EXPORT_REV:-$SERIES_BRANCH}
git -C "$tree" rev-parse -q --verify "$BASE_REF" >/dev/null || die "no base in $tree"
base=$(git -C "$tree" rev-parse "$BASE_REF^{commit}")
n=$(git -C "$tree" rev-list --count "$base..$rev")
[ "$n" -gt 0 ] || die "$rev has no commits on top of the base"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tip_date=$(git -C "$tree" log -1 --format=%aD "$rev")
me_name=$(git -C "$WB_TOP" config user.name || echo 'ptdesc-first')
me_mail=$(git -C "$WB_TOP" config user.email || echo 'ptdesc-first@invalid')
GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
GIT_COMMITTER_NAME=$me_name GIT_COMMITTER_EMAIL=$me_mail GIT_COMMITTER_DATE=$tip_date \
	git -C "$tree" -c core.abbrev=12 format-patch -q --zero-commit --no-signature \
	--cover-letter --no-renames --subject-prefix=PATCH -o "$tmp" "$base..$rev"

python3 "$WB_TOP/workbench/cover.py" "$PATCHES/0000-cover-letter.patch" \
	"$tmp/0000-cover-letter.patch" "$BUILD/base-package" \
	"$BUILD/base-kernelversion" "$(git -C "$tree" rev-parse "$base^{tree}")"

mkdir -p "$outdir"
# Replace the numbered patches; keep anything else in the folder.
find "$outdir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
cp "$tmp"/*.patch "$outdir/"
note "exported $n patches + cover letter to $outdir"

# Files the series adds live at their kernel paths in this repo too. Local
# edits there are never overwritten or deleted: export stops instead.
if [ "$outdir" = "$PATCHES" ]; then
	mapfile -t added < <(git -C "$tree" diff --name-only --diff-filter=A "$base" "$rev")
	root=$KPATH_ROOT
	unsaved() {
		[ -e "$root/$1" ] || return 1
		git -C "$root" ls-files --error-unmatch -- "$1" >/dev/null 2>&1 || return 0
		! git -C "$root" diff --quiet HEAD -- "$1"
	}
	declare -A is_added=()
	for f in "${added[@]}"; do is_added[$f]=1; done
	stale=()
	for d in $KPATH_DIRS; do
		[ -d "$root/$d" ] || continue
		while IFS= read -r f; do
			[ -n "${is_added[$f]:-}" ] || stale+=("$f")
		done < <(cd "$root" && find "$d" -type f)
	done
	for f in "${stale[@]}" "${added[@]}"; do
		[ -n "$f" ] || continue
		if unsaved "$f" && ! git -C "$tree" show "$rev:$f" 2>/dev/null | cmp -s - "$root/$f"; then
			die "$root/$f has uncommitted changes that the series does not have; commit or move them, then re-run export"
		fi
	done
	for f in "${stale[@]}"; do
		[ -n "$f" ] && rm -f "$root/$f" && note "removed $f (no longer added by the series)"
	done
	for f in "${added[@]}"; do
		mkdir -p "$root/$(dirname "$f")"
		git -C "$tree" show "$rev:$f" >"$root/$f"
	done
	for d in $KPATH_DIRS; do
		[ -d "$root/$d" ] && find "$root/$d" -depth -type d -empty -delete
	done
fi

# The branch now is what patches/ says: let 'make' reuse it.
if [ "$outdir" = "$PATCHES" ] && [ "$tree" = "$KTREE" ]; then
	kgit update-ref "$APPLIED_REF" "$rev"
	kgit config ptdesc-first.applied-fingerprint \
		"$(series_patches | xargs cat | sha256sum | cut -c1-16)"
fi
