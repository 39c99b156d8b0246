#pragma once
// LatencyStat: count, sum, min and max of durations, updated lock-free from any thread (one
// relaxed add per sample, plus a compare-exchange only when a new extreme is seen).

#include <atomic>
#include <cstdint>
#include <limits>

namespace rill::sdk::detail {

class LatencyStat {
 public:
  void record(std::uint64_t ns) {
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(ns, std::memory_order_relaxed);
    for (std::uint64_t m = min_.load(std::memory_order_relaxed);
         ns < m && !min_.compare_exchange_weak(m, ns, std::memory_order_relaxed);) {
    }
    for (std::uint64_t m = max_.load(std::memory_order_relaxed);
         ns > m && !max_.compare_exchange_weak(m, ns, std::memory_order_relaxed);) {
    }
  }
  [[nodiscard]] std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t sum() const { return sum_.load(std::memory_order_relaxed); }
  /// 0 when nothing was recorded.
  [[nodiscard]] std::uint64_t min() const {
    const std::uint64_t m = min_.load(std::memory_order_relaxed);
    return m == std::numeric_limits<std::uint64_t>::max() ? 0 : m;
  }
  [[nodiscard]] std::uint64_t max() const { return max_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_{0};
  std::atomic<std::uint64_t> min_{std::numeric_limits<std::uint64_t>::max()};
  std::atomic<std::uint64_t> max_{0};
};

}  // namespace rill::sdk::detail
