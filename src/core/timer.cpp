#include "rill/core/timer.hpp"

#include <pthread.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "rill/core/executor.hpp"

namespace rill {

struct TimerService::Impl {
  using Clock = std::chrono::steady_clock;
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::pair<Clock::time_point, TimerId>, std::function<void()>> due;
  std::unordered_map<TimerId, Clock::time_point> by_id;
  TimerId next_id = 1;
  bool stopping = false;
  std::thread thread;

  void run() {
    pthread_setname_np(pthread_self(), "rill-timer");
    std::unique_lock g(mu);
    while (!stopping) {
      if (due.empty()) {
        cv.wait(g);
        continue;
      }
      auto it = due.begin();
      // A copy: wait_until keeps reading its deadline while the lock is released, and a
      // cancel() may erase this entry meanwhile.
      const Clock::time_point when = it->first.first;
      if (when > Clock::now()) {
        cv.wait_until(g, when);
        continue;
      }
      auto fn = std::move(it->second);
      by_id.erase(it->first.second);
      due.erase(it);
      g.unlock();
      fn();  // outside the lock: callbacks may schedule timers
      g.lock();
    }
  }
};

TimerService& TimerService::instance() {
  static TimerService service;
  return service;
}

TimerService::TimerService() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([this] { impl_->run(); });
}

TimerService::~TimerService() {
  {
    std::lock_guard g(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  impl_->thread.join();
}

TimerId TimerService::schedule_at(std::chrono::steady_clock::time_point deadline,
                                  std::function<void()> fn) {
  TimerId id;
  bool earliest;
  {
    std::lock_guard g(impl_->mu);
    id = impl_->next_id++;
    impl_->due.emplace(std::make_pair(deadline, id), std::move(fn));
    impl_->by_id.emplace(id, deadline);
    earliest = impl_->due.begin()->first.second == id;
  }
  if (earliest) impl_->cv.notify_one();
  return id;
}

bool TimerService::cancel(TimerId id) {
  std::function<void()> victim;  // destroyed outside the lock
  std::lock_guard g(impl_->mu);
  auto it = impl_->by_id.find(id);
  if (it == impl_->by_id.end()) return false;
  auto d = impl_->due.find({it->second, id});
  if (d != impl_->due.end()) {
    victim = std::move(d->second);
    impl_->due.erase(d);
  }
  impl_->by_id.erase(it);
  return true;
}

std::size_t TimerService::pending() const {
  std::lock_guard g(impl_->mu);
  return impl_->due.size();
}

void SleepFor::await_suspend(std::coroutine_handle<> h) const {
  Executor* ex = Executor::current();
  TimerService::instance().schedule_at(std::chrono::steady_clock::now() + duration,
                                       [ex, h] { ex->schedule(h); });
}

}  // namespace rill
