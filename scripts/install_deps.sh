#!/usr/bin/env bash
# Install every Debian package listed in scripts/deps.txt that is not installed yet.
#
# - Idempotent and quiet: prints nothing and exits 0 when nothing is missing.
# - Runs `apt-get update` only when something has to be installed.
# - Non-interactive (CI has no stdin); waits for a held dpkg lock instead of failing.
# - A package counts as present when it is installed or when an installed package
#   Provides it (NodeSource's nodejs provides npm and conflicts with Debian's).
# - Fails loudly: any apt error, or a package still missing afterwards, is an error.
#
# Usage: scripts/install_deps.sh [--check]   (--check: list what is missing, install nothing)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deps_file="${RILL_DEPS_FILE:-$here/deps.txt}"
check_only=0
[[ "${1:-}" == "--check" ]] && check_only=1

die() { echo "install_deps: error: $*" >&2; exit 1; }

[[ -r "$deps_file" ]] || die "cannot read $deps_file"
command -v dpkg-query >/dev/null || die "dpkg-query not found: this script supports Debian/Ubuntu only"

# Wanted packages: first word of each line, comments and blank lines dropped.
mapfile -t wanted < <(sed -e 's/#.*//' "$deps_file" | awk 'NF { print $1 }')

# Present packages: installed ones plus whatever installed packages Provide.
present_set() {
  dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Provides}\n' 2>/dev/null |
    awk -F'\t' 'substr($1, 2, 1) == "i" {
      print $2
      n = split($3, p, ",")
      for (i = 1; i <= n; i++) { sub(/^ +/, "", p[i]); sub(/[ (].*/, "", p[i]); if (p[i] != "") print p[i] }
    }' | sort -u
}

missing_packages() {
  comm -23 <(printf '%s\n' "${wanted[@]}" | sort -u) <(present_set)
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install_deps: missing Debian packages: ${missing[*]}"
if ((check_only)); then
  exit 1
fi

command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || die "not root and no sudo; run as root: apt-get install ${missing[*]}"
  sudo_cmd=(sudo -n)
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef
          -o Dpkg::Options::=--force-confold)

echo "install_deps: apt-get update"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -qq ||
  die "apt-get update failed"

echo "install_deps: apt-get install ${missing[*]}"
# No recommends: they add ~100 packages (GUI toolkits, VA drivers, pandas, ...) nobody here uses.
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
  --no-install-recommends "${missing[@]}" </dev/null ||
  die "apt-get install failed for: ${missing[*]}"

mapfile -t still_missing < <(missing_packages)
if ((${#still_missing[@]} != 0)); then
  die "still missing after apt-get install: ${still_missing[*]}"
fi
echo "install_deps: done"
