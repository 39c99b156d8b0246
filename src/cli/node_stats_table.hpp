#pragma once
// The `rill run FILE.json --dump` report: rill::sdk's per-node statistics as an aligned table
// (the XStream counterpart of counters_table.hpp).

#include <string>
#include <vector>

#include <rill/sdk/workflow.hpp>

namespace rill::cli {

/// One header line, then one line per node in workflow order:
/// `node  calls  skipped  failed  busy_ms  avg_us  max_us` (DoProcess time; numbers
/// right-aligned).
std::string format_node_stats_table(const std::vector<sdk::NodeStats>& nodes);

}  // namespace rill::cli
