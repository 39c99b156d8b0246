#include "python_executor.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "gil.hpp"

namespace rill::python {

namespace {
// Idle polls (GIL dropped) before sleeping on the condvar. Short: on a small machine a long spin
// takes the core from the worker that is about to hand this thread its next message.
constexpr int kSpinRounds = 200;
}  // namespace

struct PythonExecutor::Impl {
  PythonExecutor* self = nullptr;
  std::string name = "python";
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::coroutine_handle<>> inbox;  // from other threads, guarded by mu
  std::atomic<bool> inbox_ready{false};        // inbox non-empty or references to release
  std::deque<std::coroutine_handle<>> local;   // this thread only
  bool sleeping = false;                       // guarded by mu
  bool stop = false;                           // guarded by mu
  std::thread thread;
  std::thread::id thread_id;

  /// Queues `h` (or, with none, just wakes the thread to release references).
  void push(std::coroutine_handle<> h) {
    std::lock_guard g(mu);
    if (stop) return;
    if (h) inbox.push_back(h);
    inbox_ready.store(true, std::memory_order_release);
    // Under the lock: once it is released the executor may be shut down.
    if (sleeping) cv.notify_one();
  }

  /// Moves the inbox into `local`; false once stopping. Shutdown happens at interpreter exit,
  /// after live graphs were given their chance to end: whatever is still queued (a graph that
  /// would not end) is left suspended rather than keeping the process from exiting.
  bool take_inbox() {
    std::lock_guard g(mu);
    inbox_ready.store(false, std::memory_order_relaxed);
    for (auto h : inbox) local.push_back(h);
    inbox.clear();
    return !stop;
  }

  void idle() {
    // Nothing to run: drop the GIL (host threads and exclusive nodes may want it), spin a little
    // in case work comes right back, then sleep.
    PyThreadState* ts = PyEval_SaveThread();
    for (int i = 0; i < kSpinRounds && !inbox_ready.load(std::memory_order_acquire); ++i) {
      __builtin_ia32_pause();
    }
    {
      std::unique_lock g(mu);
      sleeping = true;
      cv.wait(g, [&] { return stop || inbox_ready.load(std::memory_order_acquire); });
      sleeping = false;
    }
    PyEval_RestoreThread(ts);
  }

  void run() {
    Executor::set_current(self);
    GilHold gil;  // held for the thread's life except in idle()
    for (;;) {
      if (!take_inbox()) break;
      drain_released_references();
      if (local.empty()) {
        idle();
        continue;
      }
      // Run what is queued now; coroutines woken meanwhile on this thread are appended.
      for (int budget = 256; budget > 0 && !local.empty(); --budget) {
        auto h = local.front();
        local.pop_front();
        h.resume();
      }
    }
    drain_released_references();
    Executor::set_current(nullptr);
  }
};

namespace {

std::mutex instance_mu;
std::shared_ptr<PythonExecutor>* instance_ptr = new std::shared_ptr<PythonExecutor>;  // leaked
PythonExecutor::Impl* live_impl = nullptr;  // for the release waker; guarded by instance_mu
auto* retired = new std::vector<std::shared_ptr<PythonExecutor>>;  // guarded by instance_mu

void wake_for_releases() noexcept {
  std::lock_guard g(instance_mu);
  if (live_impl != nullptr) live_impl->push({});
}

}  // namespace

PythonExecutor::PythonExecutor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->self = this;
}

PythonExecutor::~PythonExecutor() { stop_thread(); }

void PythonExecutor::stop_thread() {
  {
    std::lock_guard g(impl_->mu);
    impl_->stop = true;
    impl_->cv.notify_one();
  }
  if (!impl_->thread.joinable()) return;
  if (std::this_thread::get_id() == impl_->thread_id) {
    impl_->thread.detach();  // called on the thread itself: run() ends once this returns
    return;
  }
  GilRelease unlocked;  // the thread needs the GIL to finish
  impl_->thread.join();
}

std::shared_ptr<PythonExecutor> PythonExecutor::instance() {
  std::lock_guard g(instance_mu);
  if (!*instance_ptr) {
    auto ex = std::make_shared<PythonExecutor>(std::make_unique<Impl>());
    Impl* impl = ex->impl_.get();
    impl->thread = std::thread([impl] { impl->run(); });
    impl->thread_id = impl->thread.get_id();
    live_impl = impl;
    set_release_waker(&wake_for_releases);
    provide_executor("python", ex);
    *instance_ptr = ex;
  }
  return *instance_ptr;
}

void PythonExecutor::shutdown() {
  std::shared_ptr<PythonExecutor> ex;
  {
    std::lock_guard g(instance_mu);
    ex = std::move(*instance_ptr);
    live_impl = nullptr;
    // Kept for good: a timer or a C++ thread may still hold its address (a sleep that outlived
    // its graph) and schedule onto it; it then finds it stopped.
    if (ex) retired->push_back(ex);
  }
  set_release_waker(nullptr);
  provide_executor("python", nullptr);
  if (ex) ex->stop_thread();
}

void PythonExecutor::schedule(std::coroutine_handle<> h) noexcept {
  if (Executor::current() == this) {
    impl_->local.push_back(h);
    return;
  }
  impl_->push(h);
}

const std::string& PythonExecutor::name() const { return impl_->name; }

}  // namespace rill::python
