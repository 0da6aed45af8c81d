#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build.sh NAME [TREE] [FRAGMENT...]: build an x86_64 kernel from TREE
# (default: the kernel work tree) into build/out/NAME, with tinyconfig plus
# the config fragments (default: configs/qemu.config). ccache is on, the
# build environment is reproducible, and the result is build/out/NAME.
. "$(dirname "$0")/lib.sh"

name=${1:?usage: build.sh NAME [TREE] [FRAGMENT...]}
tree=${2:-$KTREE}
shift $(($# >= 2 ? 2 : 1))
frags=("$@")
[ ${#frags[@]} -gt 0 ] || frags=("$WB_TOP/configs/qemu.config")
base=${WB_BASECONFIG:-tinyconfig}
log=$LOGS/build-$name.log

[ -f "$tree/Makefile" ] || die "no kernel tree at $tree (run 'make prepare')"
command -v ccache >/dev/null || die "ccache is missing (run 'make deps')"

# The O= folder is a direct subdirectory of the tree: kbuild then uses
# srctree=.. and every path on every command line is relative. Objects do
# not depend on where the tree is (so two trees give identical objects,
# and ccache shares them), and -fmacro-prefix-map keeps __FILE__ short.
# (Do not use CCACHE_BASEDIR instead: it rewrites paths behind the
# compiler's back, __FILE__ becomes "../../linux/mm/x.c", and the code
# changes.) The name starts with a dot, so the kernel's .gitignore
# already ignores it. build/out/NAME links to it.
out=$(cd "$tree" && pwd)/.wb-$name
mkdir -p "$out" "$BUILD/out"
ln -sfn "$out" "$BUILD/out/$name"
unset CCACHE_BASEDIR
export CCACHE_COMPILERCHECK=content
cc="ccache ${CROSS_COMPILE:-}gcc"
[ -n "$WB_NO_CCACHE" ] && cc="${CROSS_COMPILE:-}gcc"
kmake() {
	make -C "$tree" O="$out" ARCH="${ARCH:-x86_64}" CC="$cc" HOSTCC="${HOSTCC:-gcc}" "$@"
}

# Configure: base config + fragments, then verify every fragment line.
cfgin=$out/.config.wb-input
cat "${frags[@]}" | { cat; echo "# base: $base ARCH=${ARCH:-x86_64}"; } >"$cfgin.new"
if ! cmp -s "$cfgin.new" "$cfgin" || [ ! -f "$out/.config" ]; then
	{
		kmake "$base" &&
		"$tree/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" &&
		kmake olddefconfig
	} >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "configuring $name failed (log: $log)"; }
	mv "$cfgin.new" "$cfgin"
else
	rm -f "$cfgin.new"
fi
# A later fragment overrides an earlier one (as in merge_config.sh), so
# the last setting of each option is the one that must stick.
last_settings() {
	cat "${frags[@]}" | awk '
		/^CONFIG_[A-Za-z0-9_]+=/ { o = $0; sub(/=.*/, "", o) }
		/^# CONFIG_[A-Za-z0-9_]+ is not set$/ { o = $2 }
		o != "" { if (!(o in seq)) seq[o] = ++n; want[o] = $0; o = "" }
		END { for (o in seq) print seq[o] "\t" want[o] }' | sort -n | cut -f2-
}
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) want=$line; opt=${line%%=*} ;;
	"# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *}; want="# $opt is not set" ;;
	*) continue ;;
	esac
	if ! grep -qxF -- "$want" "$out/.config"; then
		# An option missing from .config has unmet dependencies, so it
		# is not set either (configs/bench.config turns off
		# PAGE_TABLE_CHECK, and with it PAGE_TABLE_CHECK_ENFORCED).
		case "$want" in "# "*) grep -qE "^(# )?$opt[= ]" "$out/.config" || continue ;; esac
		got=$(grep -E "^(# )?$opt[= ]" "$out/.config" || echo "$opt undefined")
		note "config: wanted '$want', got '$got'"
		bad=1
	fi
done < <(last_settings)
[ "$bad" -eq 0 ] || die "config fragment options did not stick for $name (see above)"

target=${WB_TARGET:-bzImage}
note "building $name ($tree -> $out, -j$JOBS; log: $log)"
if ! kmake -j"$JOBS" $target >>"$log" 2>&1; then
	grep -E 'error:|Error [0-9]|warning:' "$log" | head -n 20 >&2 || true
	tail -n 15 "$log" >&2
	die "building $name failed (log: $log)"
fi
if [ -f "$out/vmlinux" ]; then
	note "built $out/vmlinux ($(stat -c %s "$out/vmlinux") bytes)"
else
	note "built $target in $out"
fi
