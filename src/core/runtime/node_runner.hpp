#pragma once
// The driver loop of one node instance (docs/architecture.md, "Node driver loop"): init, exec until
// the inputs end, flush-marker propagation after every exec, the on_error policy, finalize, release
// ports. The graph runtime and rill::testing both drive nodes through it, so a node tested with the
// harness runs exactly as it will in a graph.

#include <functional>
#include <memory>
#include <string>

#include "rill/core/graph_spec.hpp"
#include "rill/core/node.hpp"
#include "rill/core/task.hpp"

namespace rill {
class TraceRecorder;
}

namespace rill::detail {

/// One node instance as the driver sees it.
struct DrivenNode {
  explicit DrivenNode(std::string name) : ctx(std::move(name)) {}
  virtual ~DrivenNode() = default;

  Context ctx;
  std::unique_ptr<Node> node;
  NodeConfig config;  ///< kept to rebuild the node (on_error = "restart")
  const NodeType* type = nullptr;
  OnError on_error = OnError::kStop;
};

/// Called with (node path, message) when the node fails for good (init, exec under
/// on_error = "stop", or a restart that could not rebuild it).
using NodeFailure = std::function<void(const std::string& path, const std::string& message)>;

/// Runs `n` to its end. `n` must stay alive until the returned task completes. `trace`, when
/// not null (`--trace`), records each exec call as one event.
Task<> drive_node(DrivenNode* n, NodeFailure fail, TraceRecorder* trace = nullptr);

}  // namespace rill::detail
