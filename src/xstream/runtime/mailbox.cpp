#include "runtime/mailbox.hpp"

#include <future>
#include <utility>

#include <spdlog/spdlog.h>

#include "hobotxstream/profiler.h"

namespace rill::sdk::detail {

namespace {
constexpr auto kBlockingNs = static_cast<std::uint64_t>(
    std::chrono::duration_cast<std::chrono::nanoseconds>(Mailbox::kBlockingCall).count());
}  // namespace

// The drain loop is one long-lived coroutine per mailbox: scheduling it costs no allocation, and
// since it is scheduled only on the idle -> busy transition it never runs twice at once, even on
// a many-thread executor.
struct Mailbox::Loop {
  struct promise_type {
    Loop get_return_object() {
      return Loop{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // jobs do not throw
  };
  std::coroutine_handle<promise_type> handle;
};

// Marks the mailbox idle only once the loop is really suspended, so that whoever sees it idle
// (a poster scheduling it, the destructor destroying it) never races the loop's own frame.
struct Mailbox::Park {
  Mailbox* self;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) const noexcept {
    std::lock_guard g(self->lock_);
    if (!self->queue_.empty() && !self->stopping_.load(std::memory_order_relaxed)) return false;
    self->idle_ = true;
    return true;
  }
  void await_resume() const noexcept {}
};

// Moves the running drain loop onto the mailbox's new own thread.
struct Mailbox::MoveToOwnThread {
  Mailbox* self;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const noexcept { self->own_thread_->schedule(h); }
  void await_resume() const noexcept { self->name_this_thread(); }
};

Mailbox::Loop Mailbox::drain(Mailbox* self) {
  for (;;) {
    if (self->run_queued()) {
      co_await MoveToOwnThread{self};
      continue;
    }
    co_await Park{self};
  }
}

std::unique_ptr<ThreadPool> Mailbox::make_own_thread() {
  ExecutorOptions options;
  options.name = name_;
  options.threads = 1;
  return std::make_unique<ThreadPool>(std::move(options));
}

bool Mailbox::dedicated() const {
  std::lock_guard g(lock_);
  return own_thread_ != nullptr;
}

Mailbox::Mailbox(std::string name, JobRunner* runner) : name_(std::move(name)), runner_(runner) {
  own_thread_ = make_own_thread();
  start(own_thread_.get());
  call([this] { name_this_thread(); });
}

void Mailbox::name_this_thread() {
  // Time scopes of methods running here report the thread by XStream's name for it.
  thread_id_ = std::this_thread::get_id();
  ::Profiler::SetThreadName(thread_id_, name_);
}

Mailbox::Mailbox(std::string name, JobRunner* runner, Executor* shared)
    : name_(std::move(name)), runner_(runner) {
  start(shared);
}

void Mailbox::start(Executor* executor) {
  executor_ = executor;
  loop_ = drain(this).handle;
}

Mailbox::~Mailbox() {
  stop();
  wait_idle();  // a strand may be running or about to run on a shared worker
  if (own_thread_) {
    own_thread_.reset();
    ::Profiler::ClearThreadName(thread_id_);
  }
  loop_.destroy();
}

void Mailbox::wait_idle() {
  for (;;) {
    {
      std::lock_guard g(lock_);
      if (idle_) return;
    }
    std::this_thread::yield();
  }
}

void Mailbox::stop() {
  std::vector<Job> dropped;  // releases its frames after the lock
  std::lock_guard g(lock_);
  stopping_.store(true, std::memory_order_relaxed);
  dropped.swap(queue_);
}

bool Mailbox::post(Job job) {
  bool schedule = false;
  Executor* executor = nullptr;
  {
    std::lock_guard g(lock_);
    if (stopping_.load(std::memory_order_relaxed)) return false;
    queue_.push_back(std::move(job));
    schedule = std::exchange(idle_, false);
    executor = executor_;
  }
  if (schedule) executor->schedule(loop_);
  return true;
}

void Mailbox::call(std::function<void()> fn) {
  std::promise<void> finished;
  std::future<void> f = finished.get_future();
  Job job;
  job.control = [&fn, &finished] {
    fn();
    finished.set_value();
  };
  if (post(std::move(job))) f.wait();
}

bool Mailbox::run_queued() {
  if (!own_thread_) {
    // A shared worker has no XStream name; give it one the first time it runs a strand, so that
    // method time scopes show a readable tid. Workers live as long as the process.
    thread_local bool named = false;
    if (!named) {
      static std::atomic<int> next{0};
      named = true;
      ::Profiler::SetThreadName(std::this_thread::get_id(),
                                "sdk_worker_" + std::to_string(next.fetch_add(1)));
    }
  }
  std::vector<Job>& batch = batch_;
  for (;;) {
    {
      std::lock_guard g(lock_);
      if (queue_.empty() || stopping_.load(std::memory_order_relaxed)) return false;
      batch.swap(queue_);
    }
    bool promote = false;
    std::size_t i = 0;
    for (; i < batch.size() && !promote; ++i) {
      Job& job = batch[i];
      if (stopping_.load(std::memory_order_relaxed)) break;
      if (job.control) {
        job.control();
      } else if (runner_->run(job, scratch_) > kBlockingNs && !own_thread_) {
        promote = true;
      }
    }
    if (promote) {
      auto thread = make_own_thread();
      std::lock_guard g(lock_);
      if (stopping_.load(std::memory_order_relaxed)) {
        batch.clear();
        return false;
      }
      // Jobs not yet run go back to the front of the queue, ahead of later posts.
      queue_.insert(queue_.begin(),
                    std::make_move_iterator(batch.begin() + static_cast<std::ptrdiff_t>(i)),
                    std::make_move_iterator(batch.end()));
      own_thread_ = std::move(thread);
      executor_ = own_thread_.get();
      batch.clear();
      spdlog::info(
          "xstream: {}: a method call took over {} ms; the node now has a thread of its own", name_,
          kBlockingCall.count());
      return true;
    }
    batch.clear();  // keeps its capacity: the next swap hands it back to posters
  }
}

std::shared_ptr<Executor> strand_executor() {
  if (std::shared_ptr<Executor> provided = provided_executor("xstream")) return provided;
  return default_executor();
}

}  // namespace rill::sdk::detail
