// TaskTracker: wait_idle returns only once a task and everything its completion callback captured
// are destroyed, which is what lets a graph run on a pool it does not own.

#include "runtime/task_tracker.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "rill/core/event.hpp"

namespace rill::detail {
namespace {

using namespace std::chrono_literals;

Task<> nothing() { co_return; }

/// Blocks in its destructor until released, like a graph instance torn down by the worker.
struct SlowToDie {
  SlowToDie(Event* r, std::atomic<bool>* d) : release(r), destroyed(d) {}
  SlowToDie(const SlowToDie&) = delete;
  SlowToDie& operator=(const SlowToDie&) = delete;
  Event* release;
  std::atomic<bool>* destroyed;
  ~SlowToDie() {
    release->wait_blocking();
    destroyed->store(true);
  }
};

TEST(TaskTracker, WaitIdleOutlastsWhatTheCompletionCallbackCaptured) {
  ThreadPool pool([] {
    ExecutorOptions o;
    o.name = "tracker";
    o.threads = 1;
    return o;
  }());
  TaskTracker tracker;
  Event called;
  Event release;
  std::atomic<bool> destroyed{false};
  auto victim = std::make_shared<SlowToDie>(&release, &destroyed);
  // Moved in: the callback holds the only reference, so the worker is the one to destroy it.
  tracker.spawn(pool, nothing(),
                [victim = std::move(victim), &called](std::exception_ptr) { called.set(); });
  ASSERT_TRUE(called.wait_blocking_for(10s));

  auto idle = std::async(std::launch::async, [&] {
    tracker.wait_idle();
    return destroyed.load();
  });
  // The task has reported its end, but its callback is still being destroyed: waiting must not
  // end until it is. (A tracker that counted down in the callback would return here already.)
  EXPECT_EQ(idle.wait_for(50ms), std::future_status::timeout);
  release.set();
  ASSERT_EQ(idle.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(idle.get()) << "wait_idle returned before the captured object was destroyed";
}

}  // namespace
}  // namespace rill::detail
