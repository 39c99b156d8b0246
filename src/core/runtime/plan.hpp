#pragma once
// Plan: a GraphSpec resolved against a Registry — node types found, ports resolved, Bcast nodes
// inserted for fan-out, dynamic and shared nodes marked, global resources captured. Built once
// and instantiated many times (every dynamic stream reuses its graph's plan).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rill/core/diagnostic.hpp"
#include "rill/core/graph_spec.hpp"
#include "rill/core/registry.hpp"

namespace rill::detail {

struct PlanGraph;

/// One port reference of an edge.
struct PlanEndpoint {
  int node = -1;    ///< index in PlanGraph::nodes, or -1 when `global` is set
  int global = -1;  ///< index in Plan::globals when the port belongs to a shared node
  std::string port;
  PortKind kind = PortKind::kUnit;
  std::optional<std::uint64_t> tag;
  SourceLoc loc;
};

/// One channel of a graph (a `connections` entry, a graph input/output, or a Bcast branch).
struct PlanEdge {
  std::string name;  ///< "__0__", an input/output name, "__0__xBcastxOut1__"
  std::size_t cap = 16;
  std::vector<PlanEndpoint> senders;
  std::vector<PlanEndpoint> receivers;
  int input = -1;   ///< index in PlanGraph::inputs when this edge is a graph input
  int output = -1;  ///< index in PlanGraph::outputs when this edge is a graph output
  /// Joins a dyn port to a dynamic subgraph node: no channel; the dyn port makes them per key.
  bool dyn = false;
};

enum class PlanNodeKind : std::uint8_t { kNative, kSubgraph, kDynamic };

struct PlanNode {
  std::string name;
  PlanNodeKind kind = PlanNodeKind::kNative;
  const NodeType* type = nullptr;              ///< kNative
  const PlanGraph* graph = nullptr;            ///< kSubgraph
  std::vector<const PlanGraph*> alternatives;  ///< kDynamic, in declaration order
  int cloned = 1;
  std::vector<std::string> res;  ///< declared res plus captured global resource names
  Map args;
  std::string executor;
  OnError on_error = OnError::kStop;
  bool exclusive = false;
  SourceLoc loc;
  SourceLoc type_loc;  ///< the node's `ty` value (`loc` when the spec has no location for it)
  /// Declared no ports at all: runs, is not counted for completion, awaited after the graph.
  [[nodiscard]] bool isolated() const {
    return kind == PlanNodeKind::kNative && type->inputs().empty() && type->outputs().empty();
  }
};

/// A dyn port of a native node and the dynamic node it creates instances of.
struct PlanDynLink {
  int owner = -1;            ///< native node owning the dyn port
  std::string port;          ///< the owner's dyn port name
  bool owner_output = true;  ///< dyn output (creates instances) or dyn input (collects outputs)
  int target = -1;           ///< the kDynamic node
  std::string target_port;   ///< the dynamic subgraph's input (for outputs) / output name
  std::size_t cap = 16;
};

struct PlanGraph {
  std::string name;
  std::vector<PlanNode> nodes;
  std::vector<PlanEdge> edges;
  std::vector<std::string> inputs;  ///< names, in declaration order
  std::vector<std::size_t> input_caps;
  std::vector<std::string> outputs;
  std::vector<std::size_t> output_caps;
  std::vector<PlanDynLink> dyn_links;
  std::vector<ResourceSpec> resources;
  std::vector<const ResourceType*> resource_types;
  bool references_globals = false;
  SourceLoc loc;
};

struct Plan {
  std::vector<std::unique_ptr<PlanGraph>> graphs;
  const PlanGraph* main = nullptr;
  /// Shared nodes (top-level [[nodes]]); a PlanNode of kind kNative or kSubgraph.
  std::vector<PlanNode> globals;
  /// Per shared node: capacity of each input / output port's channel (max over referencing
  /// connections; 1 when never referenced).
  std::vector<std::map<std::string, std::size_t>> global_input_caps;
  std::vector<std::map<std::string, std::size_t>> global_output_caps;
  std::vector<ResourceSpec> global_resources;
  std::vector<const ResourceType*> global_resource_types;
  std::vector<ExecutorSpec> executors;
  std::shared_ptr<const Registry> registry;
};

/// Resolves `spec`. Returns nullptr when `diags` got errors. `extra_executors` are executor
/// names provided by the host (e.g. "python") besides the config's.
std::unique_ptr<Plan> make_plan(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
                                const std::vector<std::string>& extra_executors,
                                Diagnostics& diags);

}  // namespace rill::detail
