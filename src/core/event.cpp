#include "rill/core/event.hpp"

#include <thread>

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

bool Event::wait_blocking_for(std::chrono::milliseconds timeout) {
  // Rare (host-side polling); a bounded poll keeps the waiter bookkeeping simple.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!is_set()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace rill
