// validate_command: everything `run` checks, without running.

#include <iostream>

#include <rill/core/graph.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace rill::cli {

int validate_command(const ValidateOptions& options) {
  if (is_workflow_path(options.source.config_path)) return workflow_validate_command(options);
  Diagnostics diags;
  std::optional<LoadedConfig> loaded = load_config(options.source, diags);
  bool ok = false;
  if (loaded) {
    // Planning against the registry finds what the front-end cannot (unknown types and ports,
    // dyn-port rules, shared-node wiring); the graph is built but never started.
    ok = Graph::create(loaded->spec, loaded->registry, diags) != nullptr;
  }
  print_diagnostics(diags, std::cerr);
  if (!ok) return kExitConfigError;
  std::cout << options.source.config_path << ": ok" << std::endl;
  return kExitOk;
}

}  // namespace rill::cli
