#!/usr/bin/env bash
# Runs every fuzz target of a fuzz build for SECONDS each, then every committed crash reproducer.
#
#   scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]      (make fuzz; make test runs it with 20)
#
# Each target's corpus lives in BUILD_DIR/fuzz-corpus/<target>, seeded on every run from the
# configs in examples/ and tests/ (by extension) and from fuzz/regressions/<target>; what the
# fuzzer finds there stays for the next run. A crash, leak, timeout or OOM leaves its input in
# BUILD_DIR/fuzz-artifacts/ and fails the script: copy it to fuzz/regressions/<target>/ once
# fixed, so it stays fixed. The last line per target (execs, coverage) goes to
# BUILD_DIR/fuzz-summary.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(toml graph workflow template image video)

seeds_of() {  # the committed files that seed target $1
  case $1 in
    toml | graph | template) find examples tests/data -name '*.toml' ;;
    workflow) find examples tests/data -name '*.json' ;;
    image) find tests/data/media -name '*.png' -o -name '*.jpg' -o -name '*.bmp' ;;
    video) find tests/data/media -name '*.mp4' -o -name '*.ts' -o -name '*.mkv' -o -name '*.avi' ;;
  esac
}
dict_of() {
  case $1 in
    toml | graph) echo fuzz/dict/toml.dict ;;
    workflow) echo fuzz/dict/json.dict ;;
    template) echo fuzz/dict/template.dict ;;
    image) echo fuzz/dict/image.dict ;;
    video) echo fuzz/dict/video.dict ;;
  esac
}

summary="$build/fuzz-summary.txt"
: >"$summary"
failed=0
for t in "${targets[@]}"; do
  bin="$build/bin/fuzz_$t"
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  while read -r f; do cp -f "$f" "$corpus/seed_$(echo "$f" | tr '/' '_')"; done < <(seeds_of "$t")
  regressions=()
  if [ -d "fuzz/regressions/$t" ]; then
    while read -r f; do regressions+=("$f"); done < <(find "fuzz/regressions/$t" -type f | sort)
  fi

  echo "fuzz: $t for ${seconds}s"
  log="$build/fuzz-$t.log"
  # 64 KB inputs: deep nesting only shows above 4 KB. Every input must finish in 10 s and 2 GB.
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -dict="$(dict_of "$t")" -artifact_prefix="$artifacts/" -print_final_stats=1 \
      "$corpus" >"$log" 2>&1; then
    echo "fuzz: $t FAILED; input in $artifacts, log $log" >&2
    tail -n 40 "$log" >&2
    failed=1
  fi
  stats=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 || true)
  echo "$t: $stats" | tee -a "$summary"

  if [ ${#regressions[@]} -gt 0 ]; then
    echo "fuzz: $t: ${#regressions[@]} reproducers"
    if ! "$bin" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$build/fuzz-$t-regressions.log" 2>&1; then
      echo "fuzz: $t: a committed reproducer fails again; log $build/fuzz-$t-regressions.log" >&2
      tail -n 40 "$build/fuzz-$t-regressions.log" >&2
      failed=1
    fi
  fi
done
exit $failed
