#include "runtime/task_tracker.hpp"

#include <utility>

namespace rill::detail {

struct TaskTracker::State {
  std::mutex mu;
  std::condition_variable idle;
  long live = 0;
};

// The callback spawn() keeps in the detached frame; its destruction is the task's last act.
struct TaskTracker::Counted {
  std::shared_ptr<State> state;  // held here, so the notify below is safe after the waiter left
  std::function<void(std::exception_ptr)> fn;

  Counted(std::shared_ptr<State> s, std::function<void(std::exception_ptr)> f)
      : state(std::move(s)), fn(std::move(f)) {}
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;
  ~Counted() {
    fn = nullptr;  // the user's captures (graph instances, nodes) go before the count drops
    std::lock_guard g(state->mu);
    if (--state->live == 0) state->idle.notify_all();
  }
};

TaskTracker::TaskTracker() : state_(std::make_shared<State>()) {}

void TaskTracker::spawn(Executor& ex, Task<> task,
                        std::function<void(std::exception_ptr)> on_done) {
  {
    std::lock_guard g(state_->mu);
    ++state_->live;
  }
  // std::function needs a copyable target: the non-copyable counter is shared.
  auto counted = std::make_shared<Counted>(state_, std::move(on_done));
  rill::spawn(ex, std::move(task), [counted](std::exception_ptr e) {
    if (counted->fn) counted->fn(std::move(e));
  });
}

void TaskTracker::wait_idle() {
  std::unique_lock g(state_->mu);
  state_->idle.wait(g, [&] { return state_->live == 0; });
}

}  // namespace rill::detail
