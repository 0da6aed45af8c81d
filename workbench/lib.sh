# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the workbench scripts. Source this file; do not run it.

set -euo pipefail

# The settings a user may give, with their defaults (make help lists them).
. "$(dirname "${BASH_SOURCE[0]}")/settings.sh"

WB_TOP=${WB_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
BUILD=${BUILD:-$WB_TOP/build}
PATCHES=${PATCHES:-$WB_TOP/patches}
LOGS=$BUILD/logs
mkdir -p "$LOGS"

# The kernel work tree. LINUX_SRC selects a developer's own git tree.
if [ -n "${LINUX_SRC:-}" ]; then
	KTREE=${KTREE:-$LINUX_SRC}
else
	KTREE=${KTREE:-$BUILD/linux}
fi

# The base is Debian's linux-source-6.12 package.
WB_BASE_PKG=${WB_BASE_PKG:-linux-source-6.12}
WB_SOURCE_TARBALL=${WB_SOURCE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}

# The repo's folders that hold exactly the files the series adds.
KPATH_DIRS="arch mm include Documentation scripts"
KPATH_ROOT=${KPATH_ROOT:-$WB_TOP}

# Refs the workbench keeps in the kernel tree.
BASE_REF=refs/tags/ptdesc-first-base
SERIES_BRANCH=${SERIES_BRANCH:-ptdesc-first}
APPLIED_REF=refs/ptdesc-first/applied

# Reproducible build settings (same source => byte-identical vmlinux).
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=ptdesc
export KBUILD_BUILD_HOST=workbench
export KBUILD_BUILD_VERSION=1
export LC_ALL=C
export TZ=UTC

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

note() {
	printf '%s\n' "$*" >&2
}

now() { date +%s.%N; }

# Print elapsed seconds since $1 with one decimal.
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# step NAME CMD...: run CMD, announce it, print and record its wall time.
step() {
	local name=$1 t0 rc
	shift
	t0=$(now)
	printf '==> %s\n' "$name" >&2
	set +e
	"$@"
	rc=$?
	set -e
	local dt
	dt=$(elapsed "$t0")
	if [ "$rc" -eq 0 ]; then
		printf '<== %s: ok (%ss)\n' "$name" "$dt" >&2
	else
		printf '<== %s: FAILED (%ss, exit %d)\n' "$name" "$dt" "$rc" >&2
	fi
	printf '%s\t%s\t%s\n' "$name" "$dt" "$rc" >>"$BUILD/timings.tsv"
	return "$rc"
}

kgit() { git -C "$KTREE" "$@"; }

# The numbered patches of the series, cover letter excluded, in order.
series_patches() {
	local dir=${1:-$PATCHES}
	find "$dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | LC_ALL=C sort
}

# Print the regeneration commands from a patch's message, one per line.
regen_cmds() {
	awk '/^---$/ { exit }
	     /^  \$ / { cmd = substr($0, 5); cont = (cmd ~ /\\$/); if (!cont) { print cmd; cmd = "" } ; next }
	     cont { line = $0; sub(/^ +/, "", line); cmd = substr(cmd, 1, length(cmd) - 1) line;
	            cont = (cmd ~ /\\$/); if (!cont) { print cmd; cmd = "" } }' "$1"
}

# Fields recorded in the cover letter: "base-xxx: value" lines.
recorded() {
	local key=$1
	[ -r "$PATCHES/0000-cover-letter.patch" ] || return 0
	sed -n "s/^base-$key: //p" "$PATCHES/0000-cover-letter.patch" | head -n 1
}

# Fail with the list of local changes if the tree is dirty.
require_clean_tree() {
	local tree=$1 dirty
	dirty=$(git -C "$tree" status --porcelain --untracked-files=normal)
	if [ -n "$dirty" ]; then
		note "error: the kernel work tree $tree has local changes:"
		printf '%s\n' "$dirty" | sed 's/^/    /' | head -n 20 >&2
		note "The workbench does not touch uncommitted work. Commit it (and run"
		note "'make export' to bring it into patches/), or stash it, then re-run."
		exit 1
	fi
	if [ -d "$(git -C "$tree" rev-parse --git-path rebase-apply)" ]; then
		die "a 'git am' is in progress in $tree: finish it or run 'git -C $tree am --abort'"
	fi
}

# add_worktree PATH REV: a scratch worktree of the kernel tree, detached
# at REV. Stale worktrees are pruned first; make check adds worktrees
# from tests that run side by side, so both steps hold a lock.
add_worktree() {
	(
		flock 9
		kgit worktree prune
		kgit worktree add -q --detach "$1" "$2"
	) 9>"$BUILD/.worktree.lock" || die "cannot add the worktree $1 at $2"
}

# The base as a worktree of the kernel tree at build/base (created when
# missing, refused when it has local changes); prints its path. The
# selftests are built from it and the base kernels of selftests-base and
# bench are built in it.
base_worktree() {
	local wt=$BUILD/base
	[ -d "$wt" ] || add_worktree "$wt" "$BASE_REF"
	require_clean_tree "$wt"
	# Tests run side by side (the no-op proof in the background): two
	# checkouts at once would trip over git's index.lock.
	(
		flock 9
		git -C "$wt" checkout -q --detach "$BASE_REF"
	) 9>"$BUILD/.worktree.lock" || die "cannot check out the base in $wt"
	echo "$wt"
}
