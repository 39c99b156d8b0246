#pragma once
// TimerService: one process-wide thread that fires callbacks at deadlines (timed receives,
// batch timeouts, sleeps). Callbacks must be short: they normally just schedule a coroutine.

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <memory>

namespace rill {

using TimerId = std::uint64_t;

/// Lifecycle: created on first use, its thread stopped at process exit.
/// Thread safety: all members may be called from any thread.
class TimerService {
 public:
  static TimerService& instance();

  /// Calls `fn` on the timer thread at (or soon after) `deadline`. Returns a non-zero id.
  TimerId schedule_at(std::chrono::steady_clock::time_point deadline, std::function<void()> fn);
  /// Cancels a pending timer; true when it had not fired. A callback already running is not
  /// waited for (callbacks own what they touch through shared state).
  bool cancel(TimerId id);
  /// Timers not yet fired or cancelled.
  [[nodiscard]] std::size_t pending() const;

  TimerService();
  ~TimerService();
  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Awaitable that suspends the calling coroutine for `d` and resumes it on its executor.
/// Safe to use from any coroutine running on an executor; not cancellable.
struct SleepFor {
  std::chrono::nanoseconds duration;
  bool await_ready() const noexcept { return duration.count() <= 0; }
  void await_suspend(std::coroutine_handle<> h) const;
  void await_resume() const noexcept {}
};
inline SleepFor sleep_for(std::chrono::nanoseconds d) { return SleepFor{d}; }

}  // namespace rill
