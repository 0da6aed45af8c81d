#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# noop.sh [FROM [TO]]: prove that the commits FROM..TO change no generated
# code. Both trees are built with the same config and reproducible
# settings (each in a scratch worktree and its own O= folder), then
# vmlinux and every built .o must be byte-identical. A difference fails
# and names the object and the first differing function.
#
# Without FROM and TO, every no-op run of the series is proven. A commit
# claims to change no code when it is mechanical (its message carries
# "  $ spatch" or "  $ git grep" regeneration commands), when its message
# says "No functional change", or when it touches only Documentation/ and
# scripts/coccinelle/. A run is a maximal sequence of such commits; each
# run that changes code at all (not only Documentation/ and
# scripts/coccinelle/) is proven by building the parent of its first
# commit and its last commit, so a "No functional change" claim between
# two behaviour changes is checked too. Commits outside every run change
# behaviour on purpose and are listed, not compared.
# NOOP_CONFIG names the fragments (default configs/qemu.config), NOOP_BASECONFIG
# the base config (default tinyconfig; check-all also uses defconfig).
#
# NOOP_CLAIM=option-off proves the other kind of claim, made by logic
# commits: a line "No change unless CONFIG_X is enabled." in the message.
# Such a commit adds code that is compiled out with X off, but its lines
# move the __LINE__ of later WARN()/BUG() sites, so its runs (made as
# above, of these commits and documentation-only ones) are built with
# configs/noop-lines.config on top, which records no line numbers, and
# X must be off in both builds; the names of initcall symbols, which
# carry __LINE__, may differ (objcmp.py OBJCMP_LINE_SYMBOLS).
#
# workbench/noop-known.tsv lists, per build (NOOP_TAG), the objects that a
# no-op commit is known to compile differently, with the functions that
# may differ, the patches and the reason (their messages say it too); an
# object differing in any other function, or a listed object that no
# longer differs, fails (objcmp.py OBJCMP_KNOWN); an entry applies to the
# runs that contain one of its patches.
. "$(dirname "$0")/lib.sh"

branch=refs/heads/$SERIES_BRANCH

touches_code() { # COMMIT: anything outside Documentation/ and scripts/coccinelle/
	local n
	n=$(kgit diff-tree --no-commit-id --name-only -r "$1" |
		grep -cvE '^(Documentation|scripts/coccinelle)/' || true)
	[ "$n" -gt 0 ]
}
OPTOFF_RE='^No change unless CONFIG_[A-Z0-9_]+ is enabled\.$'
claims_noop() { # COMMIT
	local msg
	msg=$(kgit log -1 --format=%B "$1")
	if [ "${NOOP_CLAIM:-}" = option-off ]; then
		grep -qE "$OPTOFF_RE" <<<"$msg" && return 0
		! touches_code "$1"
		return
	fi
	grep -qE '^  \$ (spatch|git grep) ' <<<"$msg" && return 0
	grep -q '^No functional change' <<<"$msg" && return 0
	! touches_code "$1"
}

runs=()
if [ -n "${1:-}" ]; then
	runs=("$(kgit rev-parse --verify "$1^{commit}") $(kgit rev-parse --verify "${2:-$branch}^{commit}")")
else
	start="" last="" code=0 behaviour=()
	for c in $(kgit rev-list --reverse "$BASE_REF..$branch") END; do
		if [ "$c" != END ] && claims_noop "$c"; then
			[ -n "$start" ] || start=$(kgit rev-parse "$c^")
			last=$c
			touches_code "$c" && code=1
			continue
		fi
		[ -n "$start" ] && [ "$code" -eq 1 ] && runs+=("$start $last")
		start="" last="" code=0
		[ "$c" = END ] || behaviour+=("$(kgit log -1 --format='%h %s' "$c")")
	done
	[ "${#runs[@]}" -gt 0 ] || die "the series has no commit that claims to change no code${NOOP_CLAIM:+ ($NOOP_CLAIM)}"
	note "no-op runs in the series: ${#runs[@]}; commits that change behaviour on purpose: ${#behaviour[@]}"
	for b in "${behaviour[@]}"; do note "    not compared: $b"; done
	# NOOP_RUNS=N, N- or last (1-based): prove only run N, runs N to the
	# last, or the last run. make check proves the first run, check-all
	# the rest (and the last one again with configs/noop-wide.config).
	if [ -n "${NOOP_RUNS:-}" ]; then
		case "$NOOP_RUNS" in
		[1-9]) first=$NOOP_RUNS last=$NOOP_RUNS ;;
		[1-9]-) first=${NOOP_RUNS%-} last=${#runs[@]} ;;
		last) first=${#runs[@]} last=${#runs[@]} ;;
		*) die "NOOP_RUNS takes N, N- or last (got '$NOOP_RUNS')" ;;
		esac
		[ "$first" -le "${#runs[@]}" ] || die "NOOP_RUNS=$NOOP_RUNS: the series has ${#runs[@]} no-op runs"
		for i in "${!runs[@]}"; do
			n=$((i + 1))
			if [ "$n" -lt "$first" ] || [ "$n" -gt "$last" ]; then
				note "    run $n not proven here (NOOP_RUNS=$NOOP_RUNS): $(kgit log -1 --format=%h "${runs[$i]% *}").. $(kgit log -1 --format=%h "${runs[$i]#* }")"
				unset "runs[$i]"
			fi
		done
		runs=("${runs[@]}")
	fi
fi
tag=${NOOP_TAG:-${NOOP_BASECONFIG:-tinyconfig}}
# NOOP_CONFIG may name several fragments, separated by spaces.
read -r -a frags <<<"${NOOP_CONFIG:-$WB_TOP/configs/qemu.config}"
[ "${NOOP_CLAIM:-}" = option-off ] && frags+=("$WB_TOP/configs/noop-lines.config") && tag=$tag-option-off
# configs/noop.config keeps the commit id out of the release string
# (configs/qemu.config already says the same, and then it is not added:
# the fragments stay those of the base build, which side a reuses).
grep -qxF '# CONFIG_LOCALVERSION_AUTO is not set' "${frags[@]}" ||
	frags+=("$WB_TOP/configs/noop.config")
export WB_BASECONFIG=${NOOP_BASECONFIG:-tinyconfig}
# bzImage, not only vmlinux: side a of the first run is the base kernel
# that the selftest baseline boots, and both sides must build the same
# objects (arch/x86/boot/ too) to be compared.
export WB_TARGET=${WB_TARGET:-bzImage}

# The numbers (1-based, as in patches/) of the series' commits FROM..TO.
run_patches() {
	local n=0 c out=()
	local -A in_run=()
	for c in $(kgit rev-list "$1..$2"); do in_run[$c]=1; done
	for c in $(kgit rev-list --reverse "$BASE_REF..$branch"); do
		n=$((n + 1))
		[ -z "${in_run[$c]:-}" ] || out+=("$n")
	done
	local IFS=,
	echo "${out[*]}"
}

status=0
for run in "${runs[@]}"; do
	from=${run% *} to=${run#* } outs=()
	note "no-op proof ($tag): $(kgit log -1 --format='%h %s' "$from")"
	note "                 .. $(kgit log -1 --format='%h %s' "$to") ($(kgit rev-list --count "$from..$to") commits)"
	for side in a b; do
		wt=$BUILD/noop-$side
		rev=$from
		[ "$side" = b ] && rev=$to
		out=noop-$tag-$side
		if [ "$side" = a ] && [ "$rev" = "$(kgit rev-parse "$BASE_REF^{commit}")" ] &&
			[ "${frags[*]}" = "$WB_TOP/configs/qemu.config" ] && [ "$WB_BASECONFIG" = tinyconfig ]; then
			# The base with the QEMU config is the kernel of the selftest
			# baseline (workbench/runs.sh base-build): one build for both.
			wt=$(base_worktree) out=base-qemu
		elif [ ! -d "$wt" ]; then
			add_worktree "$wt" "$rev"
		else
			require_clean_tree "$wt"
			git -C "$wt" checkout -q --detach "$rev"
		fi
		t0=$(now)
		bash "$WB_TOP/workbench/build.sh" "$out" "$wt" "${frags[@]}"
		note "built side $side ($out) in $(elapsed "$t0")s"
		outs+=("$BUILD/out/$out")
	done
	if [ "${NOOP_CLAIM:-}" = option-off ]; then
		# The options the run's commits name must be off on both sides,
		# or the comparison proves nothing.
		for opt in $(kgit log --format=%B "$from..$to" | sed -nE "/$OPTOFF_RE/s/.*(CONFIG_[A-Z0-9_]+).*/\1/p" | sort -u); do
			for o in "${outs[@]}"; do
				! grep -q "^$opt=" "$o/.config" ||
					{ echo "FAILED: $opt is enabled in $o/.config: the option-off claim is not tested"; status=1; }
			done
			note "    $opt is off on both sides"
		done
	fi
	OBJCMP_LINE_SYMBOLS=$([ "${NOOP_CLAIM:-}" = option-off ] && echo 1) \
		OBJCMP_KNOWN=$WB_TOP/workbench/noop-known.tsv OBJCMP_TAG=$tag OBJCMP_PATCHES=$(run_patches "$from" "$to") python3 "$WB_TOP/workbench/objcmp.py" "${outs[@]}" || status=1
done
exit "$status"
