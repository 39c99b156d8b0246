#pragma once
// The driver loop of one node instance (spec megflow §3.4): init, exec until the inputs end,
// flush-marker propagation after every exec, the on_error policy, finalize, release ports.

#include <memory>

#include "rill/core/task.hpp"

namespace rill::detail {

class GraphInstance;
struct NodeSlot;

Task<> run_node(std::shared_ptr<GraphInstance> graph, NodeSlot* slot);

/// Nanoseconds per CPU timestamp tick (calibrated once): exec timing must cost a few
/// nanoseconds, not two clock_gettime calls per message.
double ns_per_tick();

}  // namespace rill::detail
