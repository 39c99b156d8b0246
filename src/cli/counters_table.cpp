// format_counters_table: either dialect's per-node statistics through format_table.

#include "counters_table.hpp"

#include <fmt/format.h>

#include "text_table.hpp"

namespace rill::cli {

std::string format_counters_table(const std::vector<NodeStats>& nodes) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"path", "type", "received", "sent", "calls", "errors", "busy_ms"});
  for (const auto& r : nodes) {
    cells.push_back({r.path, r.type, std::to_string(r.received), std::to_string(r.sent),
                     std::to_string(r.calls), std::to_string(r.errors),
                     fmt::format("{:.3f}", static_cast<double>(r.busy_ns) / 1e6)});
  }
  return format_table(cells, 2);
}

}  // namespace rill::cli
