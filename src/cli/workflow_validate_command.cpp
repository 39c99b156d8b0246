// workflow_validate_command: `rill validate FILE.json` — structure, v1.1 expansion, graph checks
// (rill::config), then method types against the plugin libraries (`-p DIR`, `--plugin LIB`).

#include <iostream>
#include <map>

#include <rill/config/workflow.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "workflow_plugins.hpp"

namespace rill::cli {

namespace {

/// Without plugins nothing can tell a typo from a type some plugin would provide, so unknown
/// types are notes (one per type, at its first node); with plugins they are errors.
void check_method_types(const config::WorkflowSpec& spec, bool have_plugins, Diagnostics& diags) {
  // Per type: asking the CreateMethod hook constructs an instance, once is enough.
  std::map<std::string, bool> known;
  for (const config::WorkflowNode& node : spec.nodes) {
    auto [it, first_use] = known.try_emplace(node.method_type, false);
    if (first_use) it->second = method_type_known(node.method_type);
    if (it->second) continue;
    if (have_plugins) {
      diags.error(node.loc, "node '" + node.unique_name + "': unknown method type '" +
                                node.method_type +
                                "'; the loaded plugins provide: " + describe_method_providers());
    } else if (first_use) {
      diags.note(node.loc, "method type '" + node.method_type +
                               "' is not registered by any loaded plugin (pass -p DIR or --plugin "
                               "LIB to check method types)");
    }
  }
}

}  // namespace

int workflow_validate_command(const ValidateOptions& options) {
  const std::string& path = options.source.config_path;
  Diagnostics diags;
  load_method_libraries(options.source, diags);
  config::WorkflowLoad load = config::load_workflow_file(path, diags);
  // A workflow that failed to load has no nodes to check; its errors already decide the exit.
  if (load.spec) check_method_types(*load.spec, has_plugins(options.source), diags);
  std::cerr << diags.format() << std::flush;
  if (options.print_expanded) {
    // Printed even when validation failed after expansion: seeing the flat workflow is how one
    // understands an error reported against the expanded graph.
    if (load.expanded_json) {
      std::cout << *load.expanded_json;
      if (!load.expanded_json->ends_with('\n')) std::cout << '\n';
      std::cout << std::flush;
    }
  } else if (!diags.has_errors()) {
    std::cout << path << ": ok" << std::endl;
  }
  return diags.has_errors() ? kExitConfigError : kExitOk;
}

}  // namespace rill::cli
