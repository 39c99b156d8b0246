#pragma once
// The `--dump` report: per-node statistics of a finished (or running) run as an aligned table,
// so the slow or idle node of a pipeline can be spotted at a glance. One table for both
// dialects: both runtimes report rill::NodeStats.

#include <string>
#include <vector>

#include <rill/core/node_stats.hpp>

namespace rill::cli {

/// One header line, then one line per row in order:
/// `path  type  received  sent  calls  errors  busy_ms` (numbers right-aligned).
std::string format_counters_table(const std::vector<NodeStats>& nodes);

}  // namespace rill::cli
