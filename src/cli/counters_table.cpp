// format_counters_table: either dialect's per-node statistics through format_table.

#include "counters_table.hpp"

#include <fmt/format.h>

#include "text_table.hpp"

namespace rill::cli {

std::vector<CounterRow> counter_rows(const std::vector<NodeSnapshot>& nodes) {
  std::vector<CounterRow> rows;
  for (const auto& n : nodes) {
    rows.push_back({n.path, n.type, n.received, n.sent, n.execs, n.errors, n.busy_ns});
  }
  return rows;
}

std::vector<CounterRow> counter_rows(const config::WorkflowSpec& spec,
                                     const std::vector<sdk::NodeStats>& nodes) {
  std::vector<CounterRow> rows;
  for (const auto& n : nodes) {
    std::string type;
    for (const auto& wn : spec.nodes) {
      if (wn.unique_name == n.name) type = wn.method_type;
    }
    rows.push_back({n.name, type, n.calls + n.skipped, n.calls - n.failed, n.calls, n.failed,
                    static_cast<std::int64_t>(n.busy_ns)});
  }
  return rows;
}

std::string format_counters_table(const std::vector<CounterRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"path", "type", "received", "sent", "execs", "errors", "busy_ms"});
  for (const auto& r : rows) {
    cells.push_back({r.path, r.type, std::to_string(r.received), std::to_string(r.sent),
                     std::to_string(r.execs), std::to_string(r.errors),
                     fmt::format("{:.3f}", static_cast<double>(r.busy_ns) / 1e6)});
  }
  return format_table(cells, 2);
}

}  // namespace rill::cli
