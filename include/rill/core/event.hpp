#pragma once
// Event: a one-shot signal that coroutines can co_await and threads can block on.

#include <coroutine>
#include <mutex>

#include "rill/core/detail/spin_lock.hpp"
#include "rill/core/detail/waiter.hpp"
#include "rill/core/executor.hpp"

namespace rill {

/// Starts unset; set() wakes every waiter and later waits return at once.
/// Thread safety: all members may be called from any thread. Waiting is not cancellable.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  void set();
  [[nodiscard]] bool is_set() const;

  auto wait() {
    struct Awaiter : detail::Waiter {
      Event* ev;
      std::coroutine_handle<> handle;
      Executor* executor = nullptr;
      explicit Awaiter(Event* e) : ev(e) {
        resume = [](detail::Waiter* w) noexcept {
          auto* a = static_cast<Awaiter*>(w);
          a->executor->schedule(a->handle);
        };
      }
      bool await_ready() const { return ev->is_set(); }
      bool await_suspend(std::coroutine_handle<> h) {
        handle = h;
        executor = Executor::current();
        return ev->park(this);
      }
      void await_resume() const noexcept {}
    };
    return Awaiter(this);
  }
  /// Blocks the calling (non-worker) thread until set.
  void wait_blocking();
  /// As wait_blocking, with a limit; true when set.
  bool wait_blocking_for(std::chrono::milliseconds timeout);

 private:
  bool park(detail::Waiter* w);  // false when already set
  mutable detail::SpinLock lock_;
  bool set_ = false;
  detail::WaitList waiters_;
};

}  // namespace rill
