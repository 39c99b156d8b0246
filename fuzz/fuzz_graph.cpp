// The TOML front-end plus graph planning: a config that loads is planned against the built-in
// registry and its nodes are built (Graph::create), as `rill validate` and `rill run` do.

#include <cstddef>
#include <cstdint>
#include <string>

#include <rill/config/toml_loader.hpp>
#include <rill/core/graph.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rill::Diagnostics diags;
  auto spec = rill::config::load_toml_string(rill::fuzz::text(data, size), "fuzz.toml",
                                             rill::fuzz::empty_dir(), {}, diags);
  if (!spec) return 0;
  // Named executors start OS threads; their option checks are the front-end's, already run.
  spec->executors.clear();
  for (auto& n : spec->nodes) n.executor.clear();
  for (auto& g : spec->graphs) {
    for (auto& n : g.nodes) n.executor.clear();
  }
  auto graph = rill::Graph::create(*spec, rill::builtin_registry(), diags);
  return 0;
}
