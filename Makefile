# rill — top-level entry points. Everything real lives in CMake (CMakePresets.json) and scripts/.
#
#   make deps        install missing Debian packages (scripts/deps.txt) and fetch models (third_party/)
#   make build       configure + build Release into build/ (CLI: build/bin/rill)
#   make test        deps + build + the whole ctest suite (what CI runs: .ci/run)
#   make test-asan   the suite under ASan+UBSan (build-asan/)
#   make test-tsan   the suite under TSan (build-tsan/)
#   make build-clang compile everything with clang-19 (build-clang/)
#   make fuzz        the libFuzzer targets (fuzz/, build-fuzz/, clang-19) for FUZZ_SECONDS (600)
#                    each, then every crash reproducer; `make test` runs them for 20 s each
#   make bench       build + every build/bin/bench_* and bench/python/bench_*.py; FILTER=core.chain8
#                    runs the matching ones; prints JSON lines and rewrites docs/benchmarks.md
#   make demo        deps + build + the face-tracking job over 4 streams (DEMO=graph.toml to change it)
#   make catalogue   regenerate the node catalogue in docs/nodes.md (`rill nodes --markdown`)
#   make format      clang-format -i on changed C++ files (format-all: every file)
#   make tidy        clang-tidy on changed C++ files (prefers clang-tidy-19, see .clang-tidy)
#   make tidy-core   clang-tidy on every source of src/core
#   make clean       remove the build trees (distclean: also third_party/)
#
# Nothing here reads stdin; CI runs `make test` with CI=true and no terminal.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

# Debian's python, never whatever python3 comes first on PATH.
PYTHON     ?= /usr/bin/python3
CMAKE      ?= cmake
CTEST      ?= ctest
JOBS       ?= $(shell nproc)
# Per-test timeout (seconds) for tests that do not set their own TIMEOUT property.
TEST_TIMEOUT ?= 600
# Extra ctest arguments, e.g. make test CTEST_ARGS='-R channel'
CTEST_ARGS ?=
FILTER     ?=
DEMO       ?= examples/face_tracking/face_tracking.toml

BUILD      := build
BUILD_ASAN := build-asan
BUILD_TSAN := build-tsan
BUILD_CLANG := build-clang
BUILD_FUZZ := build-fuzz
# Seconds per fuzz target for `make fuzz` (`make test` runs each for FUZZ_SMOKE_SECONDS).
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20

export PYTHON
# ccache keys on paths relative to the checkout, so a second clone (a CI check, a worktree) reuses
# what the first compiled instead of compiling everything again.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

# TSan maps its shadow memory at fixed addresses; with high mmap ASLR entropy (vm.mmap_rnd_bits
# > 28 on newer kernels) binaries die with "FATAL: ThreadSanitizer: unexpected memory mapping".
# Running without address randomisation (setarch -R) avoids it; use it whenever the kernel
# lets us change the personality (containers may not).
UNAME_M    := $(shell uname -m)
TSAN_WRAP  := $(shell setarch $(UNAME_M) -R true >/dev/null 2>&1 && echo setarch $(UNAME_M) -R)

.PHONY: tidy-core catalogue all deps build configure test test-asan test-tsan build-asan build-tsan build-clang \
        build-fuzz fuzz bench demo \
        format format-all format-check tidy clean distclean help

all: build

help:
	@sed -n '2,20s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

# ---------------------------------------------------------------------------- set-up
deps:
	@scripts/install_deps.sh
	@scripts/fetch_models.sh

# ---------------------------------------------------------------------------- build
# Configure once (ninja re-runs cmake itself when a CMakeLists.txt changes); re-configure when
# the presets change or the tree was never configured.
$(BUILD)/build.ninja: CMakePresets.json
	$(CMAKE) --preset release

$(BUILD_ASAN)/build.ninja: CMakePresets.json
	$(CMAKE) --preset asan

$(BUILD_TSAN)/build.ninja: CMakePresets.json
	$(CMAKE) --preset tsan

$(BUILD_CLANG)/build.ninja: CMakePresets.json
	$(CMAKE) --preset clang

$(BUILD_FUZZ)/build.ninja: CMakePresets.json
	$(CMAKE) --preset fuzz

configure: $(BUILD)/build.ninja

build: $(BUILD)/build.ninja
	$(CMAKE) --build $(BUILD) -j $(JOBS)

# clang-19 with libstdc++: CI compiles everything with it too (.ci/run); the suite runs under GCC.
build-clang: $(BUILD_CLANG)/build.ninja
	$(CMAKE) --build $(BUILD_CLANG) -j $(JOBS)

# The fuzz targets and every library under clang-19 (so this is also CI's clang compile).
build-fuzz: $(BUILD_FUZZ)/build.ninja
	$(CMAKE) --build $(BUILD_FUZZ) -j $(JOBS)

build-asan: $(BUILD_ASAN)/build.ninja
	$(CMAKE) --build $(BUILD_ASAN) -j $(JOBS)

# Under TSAN_WRAP too: gtest_discover_tests runs the sanitized test binaries at build time.
build-tsan: $(BUILD_TSAN)/build.ninja
	$(TSAN_WRAP) $(CMAKE) --build $(BUILD_TSAN) -j $(JOBS)

# ---------------------------------------------------------------------------- tests
# `deps` first, then the build (order matters: a missing package breaks the configure).
test: deps
	@$(MAKE) build
	$(CTEST) --test-dir $(BUILD) --output-on-failure -j2 --timeout $(TEST_TIMEOUT) \
	  --no-tests=error $(CTEST_ARGS)
	@$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

# Every fuzz target for FUZZ_SECONDS, then every reproducer in fuzz/regressions/ (scripts/fuzz.sh).
fuzz: deps
	@$(MAKE) build-fuzz
	scripts/fuzz.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

test-asan: deps
	@$(MAKE) build-asan
	ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_init_order=1} \
	LSAN_OPTIONS=$${LSAN_OPTIONS:-suppressions=$(CURDIR)/tests/sanitizers/lsan.supp} \
	UBSAN_OPTIONS=$${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	$(CTEST) --test-dir $(BUILD_ASAN) --output-on-failure -j2 --timeout $(TEST_TIMEOUT) \
	  --no-tests=error $(CTEST_ARGS)

test-tsan: deps
	@$(MAKE) build-tsan
	TSAN_OPTIONS=$${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/sanitizers/tsan.supp} \
	$(TSAN_WRAP) $(CTEST) --test-dir $(BUILD_TSAN) --output-on-failure -j2 \
	  --timeout $(TEST_TIMEOUT) --no-tests=error $(CTEST_ARGS)

# ---------------------------------------------------------------------------- bench / demo
bench: build
	$(PYTHON) scripts/bench.py --build-dir $(BUILD) $(if $(FILTER),--filter '$(FILTER)')

# The main job: four streams of the sample video (made by the build) through one shared face
# detector; results under out/face_tracking/ (removed first, so what is there is this run's).
# DEMO=other.toml [DEMO_PLUGINS=dir] runs another graph instead.
DEMO_PLUGINS ?=
DEMO_OUT   ?= out/face_tracking

demo: deps
	@$(MAKE) build
	@if [[ ! -f '$(DEMO)' ]]; then \
	  echo "make demo: $(DEMO) does not exist; run 'make demo DEMO=path/to/graph.toml'" >&2; \
	  exit 1; \
	fi
	@if [[ '$(DEMO)' == examples/face_tracking/face_tracking.toml ]]; then rm -rf '$(DEMO_OUT)'; fi
	$(BUILD)/bin/rill run -c '$(DEMO)' $(if $(DEMO_PLUGINS),-p $(DEMO_PLUGINS))
	@if [[ -d '$(DEMO_OUT)' ]]; then echo; echo "results in $(DEMO_OUT)/:"; \
	  ls -1 '$(DEMO_OUT)' | sed 's/^/  /'; fi

catalogue: build
	$(PYTHON) scripts/update_catalogue.py --rill $(BUILD)/bin/rill --doc docs/nodes.md

# ---------------------------------------------------------------------------- code style
# Changed = modified or staged against HEAD, plus untracked; every C++ file before the first commit.
CXX_GLOB := '*.cpp' '*.hpp' '*.h' '*.cc' '*.ipp'
changed_cxx = { if git rev-parse -q --verify HEAD >/dev/null; then \
                  git diff --name-only --diff-filter=d HEAD -- $(CXX_GLOB); \
                else git ls-files -- $(CXX_GLOB); fi; \
                git ls-files --others --exclude-standard -- $(CXX_GLOB); } | sort -u
all_cxx = { git ls-files -- $(CXX_GLOB); git ls-files --others --exclude-standard -- $(CXX_GLOB); } \
          | sort -u

format:
	@files=$$($(changed_cxx)); \
	if [[ -z "$$files" ]]; then echo "format: no changed C++ files"; exit 0; fi; \
	echo "$$files" | xargs clang-format -i --style=file; \
	echo "format: $$(echo "$$files" | wc -l) file(s)"

format-all:
	@$(all_cxx) | xargs -r clang-format -i --style=file

format-check:
	@$(all_cxx) | xargs -r clang-format --dry-run -Werror --style=file

CLANG_TIDY ?= $(shell command -v clang-tidy-19 || command -v clang-tidy)
tidy: $(BUILD)/build.ninja
	@files=$$($(changed_cxx) | grep -E '\.(cpp|cc)$$' || true); \
	if [[ -z "$$files" ]]; then echo "tidy: no changed C++ sources"; exit 0; fi; \
	echo "tidy: $(CLANG_TIDY) on $$(echo "$$files" | wc -l) file(s)"; \
	echo "$$files" | xargs -P $(JOBS) -n 4 $(CLANG_TIDY) -p $(BUILD) --quiet

# Every source of the core layer, changed or not: the core must stay tidy-clean as a whole.
tidy-core: $(BUILD)/build.ninja
	@files=$$(git ls-files 'src/core/*.cpp'); \
	echo "tidy-core: $(CLANG_TIDY) on $$(echo "$$files" | wc -l) file(s)"; \
	echo "$$files" | xargs -P $(JOBS) -n 4 $(CLANG_TIDY) -p $(BUILD) --quiet

# ---------------------------------------------------------------------------- clean
clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN) $(BUILD_CLANG) $(BUILD_FUZZ) build-debug

distclean: clean
	rm -rf third_party
