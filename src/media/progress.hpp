#pragma once
// Progress: "name  120/200 files  60%  48.2/s  ETA 2s" for a source that knows its total. On a
// terminal it redraws one line in place; otherwise (CI logs, files) it writes a plain line every
// few seconds, so a log shows progress without thousands of redraws.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace rill::media {

/// Thread safety: advance() and finish() from any thread.
class Progress {
 public:
  /// `total` = 0 when unknown (then no percentage or ETA). Writes to `out` (stderr by default).
  Progress(std::string name, std::uint64_t total, std::string unit, std::FILE* out = stderr);

  void advance(std::uint64_t n = 1);
  /// Raises the total (a source that learns its size piecemeal: each video when it opens).
  void add_total(std::uint64_t n);
  /// Prints the final line (once).
  void finish();

  /// The line as it would be printed now (for tests).
  [[nodiscard]] std::string line() const;

 private:
  [[nodiscard]] std::string line_locked(std::chrono::steady_clock::time_point now) const;

  const std::string name_;
  std::uint64_t total_;  // guarded by mu_
  const std::string unit_;
  std::FILE* const out_;
  const bool tty_;
  const std::chrono::steady_clock::time_point start_;
  mutable std::mutex mu_;
  std::uint64_t done_ = 0;                         // guarded by mu_
  std::chrono::steady_clock::time_point printed_;  // guarded by mu_
  bool finished_ = false;                          // guarded by mu_
};

}  // namespace rill::media
