#include "text_table.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rill::cli {

std::string format_table(const std::vector<std::vector<std::string>>& rows,
                         std::size_t left_columns) {
  std::vector<std::size_t> width;
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()));
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (c > 0) out += "  ";
      out += c < left_columns ? fmt::format("{:<{}}", r[c], width[c])
                              : fmt::format("{:>{}}", r[c], width[c]);
    }
    // A left-aligned last column is padded to its width: trim that padding.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

}  // namespace rill::cli
