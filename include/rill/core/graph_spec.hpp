#pragma once
// GraphSpec: the intermediate representation both front-ends (MegFlow TOML, XStream JSON)
// produce and the runtime instantiates. Every element keeps the location it was written at, so
// semantic errors found later (unknown type, unknown port, ...) still point into the config.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rill/core/diagnostic.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/value.hpp"

namespace rill {

/// What a node does when its exec throws: stop the graph (MegFlow's behaviour, default), skip
/// the message and go on, or rebuild the node and go on.
enum class OnError : std::uint8_t { kStop, kSkip, kRestart };
bool parse_on_error(std::string_view text, OnError* out);
std::string_view to_string(OnError e);

/// `node:port[:tag]` as written in a connection.
struct PortRef {
  std::string node;
  std::string port;
  std::optional<std::uint64_t> tag;
  std::string text;  ///< the original string, for messages
  SourceLoc loc;
};

/// One `[[graphs.connections]]` entry: a bounded channel joining the listed ports.
struct ConnectionSpec {
  std::size_t cap = 16;
  std::vector<PortRef> ports;
  SourceLoc loc;
};

/// A graph input or output (`inputs = [{name, cap, ports}]`).
struct NamedConnSpec {
  std::string name;
  std::size_t cap = 16;
  std::vector<PortRef> ports;
  SourceLoc loc;
};

/// A node declaration (`[[nodes]]` / `[[graphs.nodes]]`).
struct NodeSpec {
  std::string name;
  std::string type;  ///< may be "A|B" (alternatives, dynamic subgraphs only)
  int cloned = 1;
  std::vector<std::string> res;
  Map args;  ///< every key that is not name/ty/cloned/res/executor/on_error
  /// Where each key of `args` was written (argument errors point there).
  std::vector<std::pair<std::string, SourceLoc>> arg_locs;
  std::string executor;  ///< named executor; empty = default (or the type's own)
  OnError on_error = OnError::kStop;
  SourceLoc loc;
  SourceLoc type_loc;

  /// The alternatives of `type`, split on '|' and trimmed.
  [[nodiscard]] std::vector<std::string> alternatives() const;
  /// Where argument `key` was written; the node's own location when unknown.
  [[nodiscard]] const SourceLoc& arg_loc(std::string_view key) const;
};

/// A resource declaration (`[[resources]]` / `[[graphs.resources]]`).
struct ResourceSpec {
  std::string name;
  std::string type;
  Map args;
  SourceLoc loc;
};

struct GraphDef {
  std::string name;
  std::vector<NodeSpec> nodes;
  std::vector<ResourceSpec> resources;
  std::vector<ConnectionSpec> connections;
  std::vector<NamedConnSpec> inputs;
  std::vector<NamedConnSpec> outputs;
  SourceLoc loc;

  /// The node of this graph named `name`, or null.
  [[nodiscard]] const NodeSpec* find_node(std::string_view name) const;
};

/// A named executor a config declares (`[[executors]]`, a rill extension).
struct ExecutorSpec {
  ExecutorOptions options;
  SourceLoc loc;
};

struct GraphSpec {
  std::string main;
  SourceLoc main_loc;
  std::vector<ResourceSpec> resources;  ///< global resources
  std::vector<NodeSpec> nodes;          ///< global (shared) nodes
  std::vector<GraphDef> graphs;
  std::vector<ExecutorSpec> executors;
  std::string file;  ///< the root config file ("<string>" when given as text)

  [[nodiscard]] const GraphDef* find_graph(std::string_view name) const;
  /// The global (shared) node named `name`, or null.
  [[nodiscard]] const NodeSpec* find_global_node(std::string_view name) const;
};

}  // namespace rill
