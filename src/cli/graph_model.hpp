#pragma once
// GraphModel: what `rill graph` draws, computed from a GraphSpec alone (no runtime): the main
// graph's nodes, its subgraphs as nested clusters, the shared (global) nodes, and one edge per
// producer→consumer pair of every connection; or the same from an XStream WorkflowSpec. The
// renderers (DOT, Mermaid) only lay it out, so both dialects are drawn alike.

#include <string>
#include <vector>

#include <rill/config/workflow.hpp>
#include <rill/core/graph_spec.hpp>
#include <rill/core/registry.hpp>

namespace rill::cli {

enum class DrawKind {
  kNode,      ///< an ordinary node (label: name and type)
  kShared,    ///< a shared (global) node, one instance for the whole application
  kPort,      ///< an input or output of a subgraph instance
  kGraphIo,   ///< an input or output of the main graph (fed by / read by the host)
  kJunction,  ///< a connection joining more than one producer or consumer
};

struct DrawNode {
  std::string id;     ///< unique, readable path: "sub/det", "sub:inp", "shared/det", "#2"
  std::string label;  ///< lines separated by '\n'
  DrawKind kind = DrawKind::kNode;
};

/// A subgraph instance (or the alternatives of a dynamic one), drawn as a box around its nodes.
struct DrawCluster {
  std::string id;
  std::string label;
  bool shared = false;
  bool dynamic = false;
  std::vector<DrawNode> nodes;
  std::vector<DrawCluster> clusters;
};

struct DrawEdge {
  std::string from;
  std::string to;
  std::string label;
  /// False when a port's direction is unknown (its node type is not registered).
  bool directed = true;
};

struct GraphModel {
  std::string name;  ///< the main graph's name
  DrawCluster root;  ///< the main graph's nodes and clusters, plus the shared nodes
  std::vector<DrawEdge> edges;
};

/// Builds the drawing of `spec`'s main graph. `registry` tells inputs from outputs for node
/// types (null: directions of non-graph nodes are unknown and their edges undirected).
/// A graph that contains itself is drawn once, with the recursive node as a plain box.
GraphModel build_graph_model(const GraphSpec& spec, const Registry* registry);

/// Builds the drawing of an XStream workflow (after expansion): one box per node (name and
/// method type), the workflow's inputs and output slots as graph inputs/outputs, and one edge
/// per producer→consumer pair of every data slot, labelled with the slot.
GraphModel build_workflow_model(const config::WorkflowSpec& spec);

/// Graphviz DOT text of `model`.
std::string render_dot(const GraphModel& model);
/// Mermaid `flowchart LR` text of `model`.
std::string render_mermaid(const GraphModel& model);

}  // namespace rill::cli
