#include "rill/core/event.hpp"

#include <condition_variable>
#include <mutex>

namespace rill {

void Event::set() {
  detail::ResumeList rl;
  std::lock_guard g(lock_);
  if (set_) return;
  set_ = true;
  while (detail::Waiter* w = waiters_.pop_front()) rl.add(w);
}

bool Event::is_set() const {
  std::lock_guard g(lock_);
  return set_;
}

bool Event::park(detail::Waiter* w) {
  std::lock_guard g(lock_);
  if (set_) return false;
  waiters_.push_back(w);
  return true;
}

void Event::wait_blocking() {
  detail::ThreadWaiter w;
  if (park(&w)) w.wait();
}

namespace {

/// A host thread waiting with a deadline. resume() signals under the waiter's mutex, so once the
/// waiter has seen `woken` nobody touches it any more.
struct TimedThreadWaiter : detail::Waiter {
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  TimedThreadWaiter() {
    resume = [](detail::Waiter* w) noexcept {
      auto* self = static_cast<TimedThreadWaiter*>(w);
      std::lock_guard g(self->mu);
      self->woken = true;
      self->cv.notify_one();
    };
  }
};

}  // namespace

bool Event::wait_blocking_for(std::chrono::milliseconds timeout) {
  // Host threads (a Python script in Graph.wait()) wait here in slices to honour Ctrl-C: sleep
  // until set or the deadline, never poll.
  TimedThreadWaiter w;
  if (!park(&w)) return true;
  {
    std::unique_lock g(w.mu);
    if (w.cv.wait_for(g, timeout, [&] { return w.woken; })) return true;
  }
  {
    std::lock_guard g(lock_);
    if (w.linked) {
      waiters_.remove(&w);
      return false;
    }
  }
  // set() already took the waiter and is resuming it: wait for that, so `w` outlives it.
  std::unique_lock g(w.mu);
  w.cv.wait(g, [&] { return w.woken; });
  return true;
}

}  // namespace rill
