#pragma once
// Readers for each table of the MegFlow schema (top level, graphs, nodes, resources, connections)
// plus rill's extensions. Each reports every problem of its table and returns what it could read.

#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <rill/core/graph_spec.hpp>

#include "toml/table_reader.hpp"

namespace rill::config::toml_fe {

/// `include = ["a.toml"]` entry: the path as written and where.
struct IncludeRef {
  std::string path;
  SourceLoc loc;
};

/// What one config file declares, before includes are merged.
struct ConfigFragment {
  std::string file;
  std::optional<std::string> main;
  SourceLoc main_loc;
  bool has_main = false;  ///< `main` key present (even if invalid)
  std::vector<GraphDef> graphs;
  std::vector<NodeSpec> nodes;
  std::vector<ResourceSpec> resources;
  std::vector<ExecutorSpec> executors;
  std::vector<IncludeRef> includes;
  SourceLoc loc;  ///< the file itself (line 1)
};

/// The top-level table: main, graphs, nodes, resources, include, executors; anything else is an
/// error. Whether main is required is the loader's call (included fragments may omit it).
ConfigFragment read_config(const toml::table& root, ReadContext ctx);

/// `[[graphs]]`: name, nodes, resources, connections, inputs, outputs; unknown keys are errors.
/// Returns std::nullopt when the graph has no valid name.
std::optional<GraphDef> read_graph(const toml::table& t, ReadContext ctx);

/// A node: name and ty required; cloned, res, executor, on_error; every other key is an argument.
/// Returns std::nullopt when the node has no valid name.
std::optional<NodeSpec> read_node(const toml::table& t, const std::string& prefix, ReadContext ctx);

/// A resource: name and ty required; every other key is an argument.
std::optional<ResourceSpec> read_resource(const toml::table& t, const std::string& prefix,
                                          ReadContext ctx);

/// `[[graphs.connections]]`: cap and ports required, unknown keys are errors.
std::optional<ConnectionSpec> read_connection(const toml::table& t, const std::string& prefix,
                                              ReadContext ctx);

/// A graph input/output: name, cap, ports. Unknown keys are ignored with a warning (MegFlow
/// ignores them silently). `what` is "graph input" or "graph output".
std::optional<NamedConnSpec> read_named_conn(const toml::table& t, const std::string& prefix,
                                             const std::string& what, ReadContext ctx);

/// `[[executors]]` (rill extension): name required; threads, policy, priority, cpus.
std::optional<ExecutorSpec> read_executor(const toml::table& t, ReadContext ctx);

/// Reads `cap` and `ports` of a connection or named connection into `cap`/`ports`.
/// `ports_may_be_empty` is false for connections (MegFlow: "encountered an unused connections").
bool read_cap_and_ports(TableReader& r, std::size_t* cap, std::vector<PortRef>* ports,
                        bool ports_may_be_empty);

}  // namespace rill::config::toml_fe
