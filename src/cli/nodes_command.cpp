// nodes_command: `rill nodes [NAME] [--markdown]`, the node types a config may name.

#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "node_catalogue.hpp"

namespace rill::cli {

int nodes_command(const NodesOptions& options) {
  Diagnostics diags;
  std::shared_ptr<Registry> registry = load_registry(options.source, diags);
  print_diagnostics(diags, std::cerr);
  if (diags.has_errors()) return kExitConfigError;
  if (options.markdown) {
    std::cout << format_catalogue_markdown(*registry) << std::flush;
    return kExitOk;
  }
  if (options.name.empty()) {
    std::cout << format_type_list(*registry) << std::flush;
    return kExitOk;
  }
  const NodeType* type = registry->find_node(options.name);
  if (type == nullptr) {
    std::string guess = closest_match(options.name, registry->node_names());
    std::cerr << "rill nodes: no node type '" << options.name << "'"
              << (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)")
              << "; `rill nodes` lists them\n";
    return kExitConfigError;
  }
  std::cout << format_type_detail(*type) << std::flush;
  return kExitOk;
}

}  // namespace rill::cli
