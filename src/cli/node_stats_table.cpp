// format_node_stats_table: a workflow's per-node statistics through format_table.

#include "node_stats_table.hpp"

#include <fmt/format.h>

#include "text_table.hpp"

namespace rill::cli {

std::string format_node_stats_table(const std::vector<sdk::NodeStats>& nodes) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"node", "calls", "skipped", "failed", "busy_ms", "avg_us", "max_us"});
  auto us = [](double ns) { return fmt::format("{:.1f}", ns / 1e3); };
  for (const auto& n : nodes) {
    const double avg = n.calls ? static_cast<double>(n.busy_ns) / static_cast<double>(n.calls) : 0;
    rows.push_back({n.name, std::to_string(n.calls), std::to_string(n.skipped),
                    std::to_string(n.failed),
                    fmt::format("{:.3f}", static_cast<double>(n.busy_ns) / 1e6), us(avg),
                    us(static_cast<double>(n.max_ns))});
  }
  return format_table(rows, 1);
}

}  // namespace rill::cli
