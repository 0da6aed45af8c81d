#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prepare the base kernel tree: extract Debian's linux-source-6.12 into
# build/linux and make it a git repository with exactly one base commit.
# With LINUX_SRC=<git tree>, use that tree's HEAD (or LINUX_BASE) instead.
# Idempotent: an existing base is verified and reused, never reset.
. "$(dirname "$0")/lib.sh"

# Fixed identity and dates, so the base commit hash is reproducible too.
base_commit_env() {
	export GIT_AUTHOR_NAME='Debian linux-source' GIT_AUTHOR_EMAIL='debian-kernel@lists.debian.org'
	export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
	export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'
}

pkg_version() {
	dpkg-query -W -f '${Version}' "$WB_BASE_PKG" 2>/dev/null || true
}

extract_debian_base() {
	local tmp=$KTREE.tmp
	if [ ! -r "$WB_SOURCE_TARBALL" ]; then
		note "error: the base kernel source $WB_SOURCE_TARBALL is missing."
		note "It comes from Debian's $WB_BASE_PKG package. Install it with"
		note "    apt-get update && apt-get install $WB_BASE_PKG"
		note "(or run 'make deps'), or point LINUX_SRC at a v6.12.y git tree."
		exit 1
	fi
	rm -rf "$tmp"
	mkdir -p "$tmp"
	note "extracting $WB_SOURCE_TARBALL ..."
	tar -xJf "$WB_SOURCE_TARBALL" -C "$tmp" --strip-components=1
	# Debian appends "ignore everything at the top level" to .gitignore,
	# which makes git add and git am silently skip every file. Drop that
	# block, restoring upstream's .gitignore.
	python3 - "$tmp/.gitignore" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
marker = "\n#\n# Debian packaging: ignore everything at the top level"
i = s.find(marker)
if i < 0:
    sys.exit("error: expected the Debian block at the end of .gitignore; not found")
open(p, "w").write(s[:i + 1])
PY
	base_commit_env
	git -C "$tmp" init -q -b "$SERIES_BRANCH"
	git -C "$tmp" config core.autocrlf false
	git -C "$tmp" config gc.auto 0
	# -f: record every file of the tarball, even ones .gitignore names.
	git -C "$tmp" add -A -f .
	local ver
	ver=$(make -s -C "$tmp" kernelversion)
	git -C "$tmp" commit -q -m "Linux $ver ($WB_BASE_PKG $(pkg_version))" \
		-m "Extracted from $WB_SOURCE_TARBALL; Debian's top-level .gitignore block removed."
	git -C "$tmp" update-ref "$BASE_REF" HEAD
	mv "$tmp" "$KTREE"
}

if [ -n "${LINUX_SRC:-}" ]; then
	git -C "$KTREE" rev-parse --git-dir >/dev/null 2>&1 ||
		die "LINUX_SRC=$LINUX_SRC is not a git tree"
	if ! kgit rev-parse -q --verify "$BASE_REF" >/dev/null; then
		base=$(kgit rev-parse --verify "$LINUX_BASE^{commit}") ||
			die "LINUX_BASE=$LINUX_BASE is not a commit in $KTREE"
		kgit update-ref "$BASE_REF" "$base"
		note "base: $KTREE at $LINUX_BASE ($base)"
	fi
elif [ -d "$KTREE/.git" ]; then
	kgit rev-parse -q --verify "$BASE_REF" >/dev/null ||
		die "$KTREE exists but has no $BASE_REF: it was not made by the workbench. Move it away or remove it, then re-run."
else
	[ -e "$KTREE" ] && die "$KTREE exists but is not a git tree. Move it away or remove it, then re-run."
	extract_debian_base
fi

tree=$(kgit rev-parse "$BASE_REF^{tree}")
ver=$(make -s -C "$KTREE" kernelversion)
pkg=$(pkg_version)
printf '%s\n' "$tree" >"$BUILD/base-tree"
printf '%s\n' "$ver" >"$BUILD/base-kernelversion"
printf '%s\n' "${LINUX_SRC:+LINUX_SRC=$LINUX_SRC}${LINUX_SRC:-$WB_BASE_PKG $pkg}" >"$BUILD/base-package"

want_tree=$(recorded tree)
want_pkg=$(recorded package)
note "base: Linux $ver, tree $tree"
if [ -n "$want_tree" ] && [ "$want_tree" != "$tree" ]; then
	note "NOTE: the base differs from the one recorded in patches/0000-cover-letter.patch:"
	note "    recorded: $want_pkg, tree $want_tree"
	note "    this one: $(cat "$BUILD/base-package"), tree $tree"
	if [ -z "${LINUX_SRC:-}" ]; then
		note "To use the recorded base: 'make deps' installs that package version;"
		note "then 'make distclean' (it refuses if $KTREE has unsaved work) and re-run."
	fi
	note "Continuing; the series may or may not apply."
fi
