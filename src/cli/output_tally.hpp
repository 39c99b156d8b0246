#pragma once
// OutputTally: what `rill run FILE.json` learns from the workflow's output callback — per output
// group, the frames delivered and those carrying an error — and the rendezvous the feeding thread
// uses to wait for them and to hear about a stop request.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <rill/sdk/data.hpp>

namespace rill::cli {

/// Thread safety: record() runs on the workflow's callback thread, request_stop() on the signal
/// watcher's, everything else on the feeding thread; all members lock.
class OutputTally {
 public:
  struct Group {
    std::string name;
    std::uint64_t delivered = 0;
    std::uint64_t with_errors = 0;  ///< deliveries whose error_code_ != 0
    std::string first_error;        ///< "CODE: DETAIL" of the first of those
  };

  /// The groups in workflow order (a name listed twice is counted once).
  explicit OutputTally(const std::vector<std::string>& group_names);

  /// The output callback's body: counts `out` under its output_type_.
  void record(const sdk::FrameOutput& out);

  /// Asks the feeding thread to stop submitting (SIGINT/SIGTERM); wakes wait_delivered().
  void request_stop();
  [[nodiscard]] bool stop_requested() const;

  /// Blocks until fewer than `limit` of the `submitted` frames are undelivered (in some group),
  /// or a stop was requested. Keeps an endless run's memory bounded.
  void wait_for_room(std::uint64_t submitted, std::uint64_t limit);

  /// Blocks until every group has delivered `frames` frames. There is no timeout: a frame that
  /// never completes is what the second SIGINT (exit 130) is for.
  void wait_delivered(std::uint64_t frames);

  [[nodiscard]] std::vector<Group> groups() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Group> groups_;
  bool stop_ = false;
};

}  // namespace rill::cli
