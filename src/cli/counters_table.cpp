// format_counters_table: column widths from the widest cell, numbers right-aligned.

#include "counters_table.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace rill::cli {

std::string format_counters_table(const std::vector<NodeSnapshot>& nodes) {
  constexpr std::size_t kColumns = 7;
  using Row = std::array<std::string, kColumns>;
  std::vector<Row> rows;
  rows.push_back({"path", "type", "received", "sent", "execs", "errors", "busy_ms"});
  for (const auto& n : nodes) {
    rows.push_back({n.path, n.type, std::to_string(n.received), std::to_string(n.sent),
                    std::to_string(n.execs), std::to_string(n.errors),
                    fmt::format("{:.3f}", static_cast<double>(n.busy_ns) / 1e6)});
  }
  std::array<std::size_t, kColumns> width{};
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line = fmt::format("{:<{}}  {:<{}}", r[0], width[0], r[1], width[1]);
    for (std::size_t c = 2; c < kColumns; ++c) line += fmt::format("  {:>{}}", r[c], width[c]);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace rill::cli
