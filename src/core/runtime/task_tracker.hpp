#pragma once
// TaskTracker: spawns a runtime's root tasks and tells when the last of them is fully gone.
//
// A graph runs on executors it does not own (the process's default pool, provided executors), so
// joining a pool cannot tell the Runtime's destructor that no worker still touches the graph. A
// task's completion callback is not enough either: the worker that ran it is still inside it, and
// still destroys what the callback captured, after the runtime learnt the graph was done.

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

#include "rill/core/executor.hpp"
#include "rill/core/task.hpp"

namespace rill::detail {

class TaskTracker {
 public:
  TaskTracker();
  TaskTracker(const TaskTracker&) = delete;
  TaskTracker& operator=(const TaskTracker&) = delete;

  /// spawn(), counted until the task's frame and `on_done` with everything it captured are
  /// destroyed. Thread safety: any thread.
  void spawn(Executor& ex, Task<> task, std::function<void(std::exception_ptr)> on_done = {});

  /// Blocks until every task spawned so far is gone. Must not be called from one of them.
  void wait_idle();

 private:
  struct State;
  struct Counted;
  std::shared_ptr<State> state_;
};

}  // namespace rill::detail
