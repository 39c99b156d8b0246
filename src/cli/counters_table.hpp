#pragma once
// The `--dump` report: per-node statistics of a finished (or running) run as an aligned table,
// so the slow or idle node of a pipeline can be spotted at a glance. One table for both
// dialects: a TOML graph's node snapshots and an XStream workflow's node statistics are mapped
// onto the same rows.

#include <cstdint>
#include <string>
#include <vector>

#include <rill/config/workflow.hpp>
#include <rill/core/graph.hpp>
#include <rill/sdk/workflow.hpp>

namespace rill::cli {

/// One node's line of the table.
struct CounterRow {
  std::string path;  ///< graph node path (`main/sub/det`), or workflow node name
  std::string type;  ///< node type, or method type
  std::uint64_t received = 0;
  std::uint64_t sent = 0;
  std::uint64_t execs = 0;
  std::uint64_t errors = 0;
  std::int64_t busy_ns = 0;
};

/// A graph's snapshot: messages received and sent on the node's ports, exec activations,
/// exceptions, time inside exec.
std::vector<CounterRow> counter_rows(const std::vector<NodeSnapshot>& nodes);

/// A workflow's statistics: received = frames that reached the node (run or skipped), sent =
/// frames it produced its outputs for (calls that did not fail), execs = DoProcess calls,
/// errors = failed calls, busy = time inside DoProcess. The type comes from `spec`.
std::vector<CounterRow> counter_rows(const config::WorkflowSpec& spec,
                                     const std::vector<sdk::NodeStats>& nodes);

/// One header line, then one line per row in order:
/// `path  type  received  sent  execs  errors  busy_ms` (numbers right-aligned).
std::string format_counters_table(const std::vector<CounterRow>& rows);

}  // namespace rill::cli
