#pragma once
// The `--dump` report: per-node counters of a finished (or running) graph as an aligned table,
// so the slow or idle node of a pipeline can be spotted at a glance.

#include <string>
#include <vector>

#include <rill/core/graph.hpp>

namespace rill::cli {

/// One header line, then one line per node in snapshot order:
/// `path  type  received  sent  execs  errors  busy_ms` (numbers right-aligned).
std::string format_counters_table(const std::vector<NodeSnapshot>& nodes);

}  // namespace rill::cli
