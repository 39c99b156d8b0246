// graph_command: the drawing of a config, from the GraphSpec alone (nothing is instantiated).

#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "graph_model.hpp"

namespace rill::cli {

int graph_command(const DrawOptions& options) {
  Diagnostics diags;
  std::optional<LoadedConfig> loaded = load_config(options.source, diags);
  print_diagnostics(diags, std::cerr);
  if (!loaded) return kExitConfigError;
  // The registry only tells inputs from outputs; types it does not know are drawn anyway.
  GraphModel model = build_graph_model(loaded->spec, loaded->registry.get());
  std::cout << (options.format == "mermaid" ? render_mermaid(model) : render_dot(model))
            << std::flush;
  return kExitOk;
}

}  // namespace rill::cli
