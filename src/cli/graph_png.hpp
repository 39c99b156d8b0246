#pragma once
// MegFlow's `--dump`: the graph drawing written next to the config and turned into a PNG by
// Graphviz. Optional tooling, so every failure is a warning and the run goes on.

#include <string>

#include <rill/core/diagnostic.hpp>

#include "graph_model.hpp"

namespace rill::cli {

/// Writes the DOT drawing of `model` to `png_path` with its extension replaced by `.dot`, then
/// runs `dot -Tpng` to produce `png_path`. Returns false (with a warning in `diags`) when either
/// step fails; the `.dot` file is kept in any case so the drawing is never lost.
bool write_graph_png(const GraphModel& model, const std::string& png_path, Diagnostics& diags);

/// Where MegFlow puts the dump of `config_path`: `<config dir>/<config stem>.png`.
std::string default_png_path(const std::string& config_path);

}  // namespace rill::cli
