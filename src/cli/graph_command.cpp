// graph_command: the drawing of a config, from the config alone (nothing is instantiated): a
// TOML graph's GraphSpec or an XStream workflow's expanded WorkflowSpec, through one model.

#include <iostream>

#include <rill/config/workflow.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "graph_model.hpp"

namespace rill::cli {

namespace {

std::optional<GraphModel> load_model(const DrawOptions& options, Diagnostics& diags) {
  if (is_workflow_path(options.source.config_path)) {
    config::WorkflowLoad load = config::load_workflow_file(options.source.config_path, diags);
    if (!load.spec) return std::nullopt;
    return build_workflow_model(*load.spec);
  }
  std::optional<LoadedConfig> loaded = load_config(options.source, diags);
  if (!loaded) return std::nullopt;
  // The registry only tells inputs from outputs; types it does not know are drawn anyway.
  return build_graph_model(loaded->spec, loaded->registry.get());
}

}  // namespace

int graph_command(const DrawOptions& options) {
  Diagnostics diags;
  std::optional<GraphModel> model = load_model(options, diags);
  print_diagnostics(diags, std::cerr);
  if (!model) return kExitConfigError;
  std::cout << (options.format == "mermaid" ? render_mermaid(*model) : render_dot(*model))
            << std::flush;
  return kExitOk;
}

}  // namespace rill::cli
