#pragma once
// Summary (`inp` → `out`): what a run found, per stream, printed as a table when the input ends:
// frames (messages), faces (the sum of `items` lengths), tracks (distinct `tracks` ids) and fps
// (the rate at which the stream's messages arrived here, first to last). Messages pass on
// unchanged. One table for every stream the node sees, so declared as a shared node it reports a
// whole multi-camera run.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/node.hpp"

namespace rill::vision {

/// One row of the table.
struct SummaryRow {
  std::string stream;  ///< the stream id, or "total"
  std::uint64_t frames = 0;
  std::uint64_t faces = 0;
  std::uint64_t tracks = 0;
  std::optional<double> fps;  ///< unknown for fewer than two frames
};

/// Counts per stream. Thread safety: one thread at a time.
class SummaryCounts {
 public:
  using Clock = std::chrono::steady_clock;

  /// One message of `stream` that arrived at `at`, with `faces` faces and these track ids.
  void add(std::int64_t stream, std::uint64_t faces, const std::vector<std::int64_t>& track_ids,
           Clock::time_point at);
  /// A row per stream (by id), then the total: frames and faces summed, tracks summed (ids are
  /// per stream), fps over the whole span from the first arrival to the last.
  [[nodiscard]] std::vector<SummaryRow> rows() const;

 private:
  struct Stream {
    std::uint64_t frames = 0;
    std::uint64_t faces = 0;
    std::set<std::int64_t> tracks;
    Clock::time_point first;
    Clock::time_point last;
  };
  std::map<std::int64_t, Stream> streams_;
};

/// The table as printed: `title` on its own line when not empty, a header, one right-aligned
/// line per row (fps with one decimal, "-" when unknown), each line ending in '\n'.
std::string format_summary(std::string_view title, const std::vector<SummaryRow>& rows);

class SummaryNode final : public Node {
 public:
  static constexpr Input kIn{"inp", "messages, with `items` and `tracks` when there are any"};
  static constexpr Output kOut{"out", "every envelope of inp, unchanged"};
  static constexpr StringArg kTitle{.name = "title", .doc = "printed above the table"};
  static Contract contract() { return {kIn, kOut, kTitle}; }

  explicit SummaryNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  void count(const Envelope& e);
  /// Prints the table to stdout, and logs it too unless the log goes to stdout already.
  void report(const Context& ctx) const;

  std::string title_;
  SummaryCounts counts_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::vision
