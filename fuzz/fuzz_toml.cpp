// The TOML front-end: template pre-pass, TOML parsing, schema reading and spec checks. Any input
// must end in a spec or in diagnostics, within the limits (include/rill/core/limits.hpp).

#include <cstddef>
#include <cstdint>
#include <string>

#include <rill/config/toml_loader.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rill::Diagnostics diags;
  // Relative includes resolve in an empty directory: the input cannot reach the tree's files.
  rill::config::load_toml_string(rill::fuzz::text(data, size), "fuzz.toml", rill::fuzz::empty_dir(),
                                 {}, diags);
  return 0;
}
