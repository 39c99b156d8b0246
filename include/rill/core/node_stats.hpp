#pragma once
// NodeStats: one node's statistics, the one type both runtimes report (Graph::snapshot() for
// TOML graphs, sdk::Workflow::node_stats() for XStream workflows) and `--dump` prints.

#include <cstddef>
#include <cstdint>
#include <string>

namespace rill {

/// A snapshot of one node instance's counters. Fields a runtime does not track stay 0.
struct NodeStats {
  std::string path;               ///< "main/sub/det" (graphs) or the node's unique name (workflows)
  std::string type;               ///< node type, or XStream method type
  std::uint64_t received = 0;     ///< messages taken from input ports (graphs)
  std::uint64_t sent = 0;         ///< messages sent, dyn instances included (graphs)
  std::uint64_t calls = 0;        ///< exec / DoProcess calls
  std::uint64_t errors = 0;       ///< calls that threw (or DoProcess returning too few outputs)
  std::uint64_t skipped = 0;      ///< frames skipped without a call (workflows)
  std::uint64_t busy_ns = 0;      ///< wall time inside the calls, nanoseconds
  std::uint64_t min_call_ns = 0;  ///< shortest call (workflows)
  std::uint64_t max_call_ns = 0;  ///< longest call (workflows)
  /// Runs on threads of its own: an exclusive node, or an XStream node with thread keys (or
  /// promoted after a blocking call, docs/xstream.md).
  bool own_thread = false;
  std::size_t max_input_depth = 0;  ///< deepest input queue at the snapshot (graphs)
};

}  // namespace rill
