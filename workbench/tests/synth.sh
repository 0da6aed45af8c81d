# SPDX-License-Identifier: GPL-2.0
# Source after lib.sh: make a small synthetic kernel git tree and a series
# of two patches for it, so the workbench's failure handling can be tested
# in seconds. Sets SYN (scratch dir), and points KTREE, PATCHES and BUILD
# at scratch copies; the real tree and patches/ are never used.
SYN=$(mktemp -d "${TMPDIR:-/tmp}/wb-test.XXXXXX")
trap 'rm -rf "$SYN"' EXIT
export BUILD=$SYN/build PATCHES=$SYN/patches KTREE=$SYN/build/linux KPATH_ROOT=$SYN/repo
mkdir -p "$KPATH_ROOT"
mkdir -p "$KTREE" "$PATCHES" "$BUILD/logs"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
(
	cd "$KTREE"
	git init -q -b "$SERIES_BRANCH"
	mkdir -p mm
	printf 'line %d\n' $(seq 1 20) >mm/memory.c
	printf 'VERSION = 6\n' >Makefile
	git add -A && git commit -q -m base
	git update-ref "$BASE_REF" HEAD
	sed -i 's/^line 5$/line five/' mm/memory.c
	git commit -q -am 'mm: first change'
	sed -i 's/^line 15$/line fifteen/' mm/memory.c
	git commit -q -am 'mm: second change'
	git format-patch -q -o "$PATCHES" "$BASE_REF..HEAD"
	git checkout -q -B "$SERIES_BRANCH" "$BASE_REF"
)
# Run a workbench script; capture its stderr+stdout in $SYN/out, status in rc.
wb() {
	set +e
	bash "$WB_TOP/workbench/$1" "${@:2}" >"$SYN/out" 2>&1
	rc=$?
	set -e
	sed 's/^/    > /' "$SYN/out"
}
expect() {
	if ! eval "$1"; then
		echo "FAILED: $2"
		exit 1
	fi
	echo "ok: $2"
}
