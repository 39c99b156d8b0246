#pragma once
// format_table: the aligned text tables of `--dump` reports.

#include <cstddef>
#include <string>
#include <vector>

namespace rill::cli {

/// One line per row (the first is the header); column widths from the widest cell; the first
/// `left_columns` columns are left-aligned (names), the rest right-aligned (numbers).
std::string format_table(const std::vector<std::vector<std::string>>& rows,
                         std::size_t left_columns);

}  // namespace rill::cli
