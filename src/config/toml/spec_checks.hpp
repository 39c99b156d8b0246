#pragma once
// Validation passes over a merged GraphSpec that need more than one table at a time.

#include <rill/core/diagnostic.hpp>
#include <rill/core/graph_spec.hpp>

namespace rill::config::toml_fe {

/// `main` names a defined graph; the error suggests the closest graph name or lists them all.
void check_main_graph(const GraphSpec& spec, Diagnostics& diags);

/// At most limits::kMaxExecutors `[[executors]]`, over the config and its includes.
void check_executor_count(const GraphSpec& spec, Diagnostics& diags);

/// Unique names per scope: graphs; global nodes; global resources; executors; and within each
/// graph its nodes, resources, inputs and outputs. MegFlow let a later node silently replace an
/// earlier one of the same name; here every repeat is an error with a note at the first.
void check_unique_names(const GraphSpec& spec, Diagnostics& diags);

}  // namespace rill::config::toml_fe
