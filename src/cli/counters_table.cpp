// format_counters_table: a graph's per-node counters through format_table.

#include "counters_table.hpp"

#include <fmt/format.h>

#include "text_table.hpp"

namespace rill::cli {

std::string format_counters_table(const std::vector<NodeSnapshot>& nodes) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"path", "type", "received", "sent", "execs", "errors", "busy_ms"});
  for (const auto& n : nodes) {
    rows.push_back({n.path, n.type, std::to_string(n.received), std::to_string(n.sent),
                    std::to_string(n.execs), std::to_string(n.errors),
                    fmt::format("{:.3f}", static_cast<double>(n.busy_ns) / 1e6)});
  }
  return format_table(rows, 2);
}

}  // namespace rill::cli
