#include "rill/core/task.hpp"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <new>

namespace rill {

namespace detail {

namespace {

// Size classes of cached coroutine frames; larger frames go straight to the allocator.
constexpr std::size_t kClassBytes[] = {128, 256, 512, 1024};
constexpr int kClasses = 4;
constexpr int kMaxCachedPerClass = 128;

int size_class(std::size_t n) {
  for (int i = 0; i < kClasses; ++i) {
    if (n <= kClassBytes[i]) return i;
  }
  return -1;
}

struct FreeBlock {
  FreeBlock* next;
};

/// Per-thread cache of freed frames. A frame freed on another thread than it was allocated on
/// just lands in that thread's cache: every cached block has its class's full size.
struct FrameCache {
  FreeBlock* heads[kClasses] = {};
  int counts[kClasses] = {};
  ~FrameCache() {
    for (auto& h : heads) {
      while (h) {
        FreeBlock* n = h->next;
        ::operator delete(h);
        h = n;
      }
    }
  }
};

thread_local FrameCache tls_frames;

}  // namespace

void* allocate_frame(std::size_t size) {
  int c = size_class(size);
  if (c < 0) return ::operator new(size);
  FrameCache& fc = tls_frames;
  if (FreeBlock* b = fc.heads[c]) {
    fc.heads[c] = b->next;
    --fc.counts[c];
    return b;
  }
  return ::operator new(kClassBytes[c]);
}

void free_frame(void* p, std::size_t size) noexcept {
  int c = size_class(size);
  if (c < 0) {
    ::operator delete(p);
    return;
  }
  FrameCache& fc = tls_frames;
  if (fc.counts[c] >= kMaxCachedPerClass) {
    ::operator delete(p);
    return;
  }
  auto* b = static_cast<FreeBlock*>(p);
  b->next = fc.heads[c];
  fc.heads[c] = b;
  ++fc.counts[c];
}

}  // namespace detail

namespace {

/// A self-destroying coroutine that drives a Task and reports how it ended.
struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept {
      return Detached{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
    static void* operator new(std::size_t n) { return detail::allocate_frame(n); }
    static void operator delete(void* p, std::size_t n) noexcept { detail::free_frame(p, n); }
  };
  std::coroutine_handle<promise_type> handle;
};

Detached run_detached(Task<> task, std::function<void(std::exception_ptr)> on_done) {
  std::exception_ptr error;
  try {
    co_await std::move(task);
  } catch (...) {
    error = std::current_exception();
  }
  // The task's frame (and all it holds) goes before on_done runs, so whoever on_done tells that
  // the task ended can rely on nothing of it being alive.
  task = Task<>{};
  if (on_done) on_done(error);
}

/// Runs coroutines on the thread that calls sync_wait.
class LoopExecutor final : public Executor {
 public:
  void schedule(std::coroutine_handle<> h) noexcept override {
    // Notify under the lock: once it is released the loop may finish and sync_wait return,
    // destroying this executor (it lives on sync_wait's stack) before a late notify.
    std::lock_guard g(mu_);
    q_.push_back(h);
    cv_.notify_one();
  }
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] int thread_count() const override { return 0; }

  void run_until(const bool& done) {
    Executor* prev = Executor::current();
    set_current(this);
    for (;;) {
      std::coroutine_handle<> h;
      {
        std::unique_lock g(mu_);
        cv_.wait(g, [&] { return !q_.empty() || done; });
        if (q_.empty()) break;
        h = q_.front();
        q_.pop_front();
      }
      h.resume();
    }
    set_current(prev);
  }
  std::mutex mu_;

 private:
  std::condition_variable cv_;
  std::deque<std::coroutine_handle<>> q_;
  std::string name_ = "sync_wait";
};

}  // namespace

void spawn(Executor& ex, Task<> task, std::function<void(std::exception_ptr)> on_done) {
  Detached d = run_detached(std::move(task), std::move(on_done));
  ex.schedule(d.handle);
}

void sync_wait(Task<> task) {
  LoopExecutor loop;
  bool done = false;
  std::exception_ptr error;
  spawn(loop, std::move(task), [&](std::exception_ptr e) {
    error = e;
    std::lock_guard g(loop.mu_);
    done = true;
  });
  loop.run_until(done);
  if (error) std::rethrow_exception(error);
}

}  // namespace rill
