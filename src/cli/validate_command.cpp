// validate_command / list_types_command: everything `run` checks, without running.

#include <iostream>

#include <fmt/format.h>

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

int list_types_command(const ConfigSource& source) {
  Diagnostics diags;
  std::shared_ptr<Registry> registry = load_registry(source, diags);
  print_diagnostics(diags, std::cerr);
  if (diags.has_errors()) return kExitConfigError;
  auto ports = [](const std::vector<PortDecl>& decls) {
    std::string out;
    for (const auto& d : decls) out += (out.empty() ? "" : ", ") + format_port_decl(d);
    return out.empty() ? std::string("-") : out;
  };
  for (const auto& name : registry->node_names()) {
    const NodeType* t = registry->find_node(name);
    std::cout << fmt::format("{}  [{}] -> [{}]{}{}\n", name, ports(t->inputs), ports(t->outputs),
                             t->exclusive ? "  (exclusive)" : "",
                             t->doc.empty() ? "" : "  " + t->doc);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace rill::cli
