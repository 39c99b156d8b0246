#include "rill/core/executor.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

#include "rill/core/detail/spin_lock.hpp"
#include "rill/core/task.hpp"

namespace rill {

namespace {
thread_local Executor* tls_current = nullptr;

Task<> run_function(std::function<void()> fn) {
  fn();
  co_return;
}
}  // namespace

Executor* Executor::current() noexcept { return tls_current; }
void Executor::set_current(Executor* ex) noexcept { tls_current = ex; }

void Executor::post(std::function<void()> fn) { spawn(*this, run_function(std::move(fn))); }

void YieldNow::await_suspend(std::coroutine_handle<> h) const noexcept {
  Executor::current()->schedule_later(h);
}

bool parse_sched_policy(std::string_view text, SchedPolicy* out) {
  if (text == "SCHED_OTHER" || text == "SCHED_NORMAL") {
    *out = SchedPolicy::kOther;
  } else if (text == "SCHED_FIFO") {
    *out = SchedPolicy::kFifo;
  } else if (text == "SCHED_RR") {
    *out = SchedPolicy::kRr;
  } else if (text == "SCHED_BATCH") {
    *out = SchedPolicy::kBatch;
  } else if (text == "SCHED_IDLE") {
    *out = SchedPolicy::kIdle;
  } else {
    return false;
  }
  return true;
}

std::string_view to_string(SchedPolicy p) {
  switch (p) {
    case SchedPolicy::kOther:
      return "SCHED_OTHER";
    case SchedPolicy::kFifo:
      return "SCHED_FIFO";
    case SchedPolicy::kRr:
      return "SCHED_RR";
    case SchedPolicy::kBatch:
      return "SCHED_BATCH";
    case SchedPolicy::kIdle:
      return "SCHED_IDLE";
  }
  return "?";
}

SchedResult apply_thread_options(const ExecutorOptions& o) {
  SchedResult r;
  auto warn = [&](std::string w) {
    r.applied = false;
    if (!r.warning.empty()) r.warning += "; ";
    r.warning += w;
  };
  int policy = SCHED_OTHER;
  int prio = 0;
  switch (o.policy) {
    case SchedPolicy::kOther:
      policy = SCHED_OTHER;
      break;
    case SchedPolicy::kBatch:
      policy = SCHED_BATCH;
      break;
    case SchedPolicy::kIdle:
      policy = SCHED_IDLE;
      break;
    case SchedPolicy::kFifo:
      policy = SCHED_FIFO;
      prio = o.priority;
      break;
    case SchedPolicy::kRr:
      policy = SCHED_RR;
      prio = o.priority;
      break;
  }
  if (policy == SCHED_FIFO || policy == SCHED_RR) {
    int lo = sched_get_priority_min(policy), hi = sched_get_priority_max(policy);
    if (prio < lo || prio > hi) {
      warn(fmt::format("priority {} out of range {}..{} for {}; using {}", prio, lo, hi,
                       to_string(o.policy), std::clamp(prio, lo, hi)));
      prio = std::clamp(prio, lo, hi);
    }
  }
  if (o.policy != SchedPolicy::kOther || prio != 0) {
    sched_param sp{};
    sp.sched_priority = prio;
    if (int e = pthread_setschedparam(pthread_self(), policy, &sp); e != 0) {
      warn(fmt::format("cannot set {} priority {}: {}", to_string(o.policy), prio,
                       std::strerror(e)));
    }
  }
  if (!o.cpu_affinity.empty()) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c : o.cpu_affinity) {
      if (c >= 0 && c < CPU_SETSIZE) CPU_SET(c, &set);
    }
    if (int e = pthread_setaffinity_np(pthread_self(), sizeof(set), &set); e != 0) {
      warn(fmt::format("cannot set CPU affinity: {}", std::strerror(e)));
    }
  }
  return r;
}

int process_thread_count() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// ThreadPool

namespace {

constexpr int kLifoStreakLimit = 64;  // then the LIFO task yields to queued work (no starvation)
constexpr int kSpinRounds = 200;      // idle polls before sleeping (wake-ups cost a futex call)

struct Worker {
  int index = 0;
  std::thread thread;
  detail::SpinLock lock;
  std::deque<std::coroutine_handle<>> local;  // guarded by lock; thieves take from the front
  std::coroutine_handle<> lifo;               // owner thread only
  int lifo_streak = 0;
  std::atomic<std::uint64_t> tid{0};
};

thread_local Worker* tls_worker = nullptr;
thread_local const void* tls_worker_pool = nullptr;

}  // namespace

struct ThreadPool::Impl {
  ThreadPool* self = nullptr;
  ExecutorOptions options;
  std::vector<std::unique_ptr<Worker>> workers;
  std::mutex global_mu;
  std::deque<std::coroutine_handle<>> global;
  std::atomic<std::int64_t> queued{0};  // items in local + global queues (not LIFO slots)
  std::atomic<int> sleepers{0};
  std::atomic<std::uint32_t> wake_seq{0};
  std::atomic<bool> stopping{false};
  mutable std::mutex warn_mu;
  std::vector<std::string> warnings;

  void wake_one() {
    if (sleepers.load(std::memory_order_seq_cst) > 0) {
      wake_seq.fetch_add(1, std::memory_order_seq_cst);
      wake_seq.notify_one();
    }
  }

  void push_local(Worker* w, std::coroutine_handle<> h) {
    {
      std::lock_guard g(w->lock);
      w->local.push_back(h);
    }
    queued.fetch_add(1, std::memory_order_seq_cst);
    wake_one();
  }

  void push_global(std::coroutine_handle<> h) {
    {
      std::lock_guard g(global_mu);
      global.push_back(h);
    }
    queued.fetch_add(1, std::memory_order_seq_cst);
    wake_one();
  }

  std::coroutine_handle<> pop_from(Worker* w) {
    std::unique_lock g(w->lock, std::try_to_lock);
    if (!g.owns_lock()) g.lock();
    if (w->local.empty()) return {};
    auto h = w->local.front();
    w->local.pop_front();
    queued.fetch_sub(1, std::memory_order_relaxed);
    return h;
  }

  std::coroutine_handle<> next(Worker* w) {
    if (w->lifo) {
      if (w->lifo_streak < kLifoStreakLimit) {
        ++w->lifo_streak;
        return std::exchange(w->lifo, {});
      }
      push_local(w, std::exchange(w->lifo, {}));
    }
    w->lifo_streak = 0;
    if (queued.load(std::memory_order_relaxed) <= 0) return {};
    if (auto h = pop_from(w)) return h;
    {
      std::lock_guard g(global_mu);
      if (!global.empty()) {
        auto h = global.front();
        global.pop_front();
        queued.fetch_sub(1, std::memory_order_relaxed);
        return h;
      }
    }
    const std::size_t n = workers.size();
    for (std::size_t i = 1; i < n; ++i) {
      Worker* victim = workers[(static_cast<std::size_t>(w->index) + i) % n].get();
      if (auto h = pop_from(victim)) return h;
    }
    return {};
  }

  void run(Worker* w) {
    tls_worker = w;
    tls_worker_pool = this;
    Executor::set_current(self);
    w->tid.store(static_cast<std::uint64_t>(::syscall(SYS_gettid)));
    std::string tname = fmt::format("{}-{}", options.name, w->index).substr(0, 15);
    pthread_setname_np(pthread_self(), tname.c_str());
    SchedResult sr = apply_thread_options(options);
    if (!sr.applied) {
      spdlog::warn("executor '{}': {}", options.name, sr.warning);
      std::lock_guard g(warn_mu);
      warnings.push_back(sr.warning);
    }
    for (;;) {
      std::coroutine_handle<> h = next(w);
      for (int spin = 0; !h && spin < kSpinRounds; ++spin) {
        RILL_CPU_RELAX();
        h = next(w);
      }
      if (h) {
        h.resume();
        continue;
      }
      if (stopping.load(std::memory_order_acquire) && queued.load() <= 0 && !w->lifo) break;
      std::uint32_t seq = wake_seq.load(std::memory_order_seq_cst);
      sleepers.fetch_add(1, std::memory_order_seq_cst);
      if (queued.load(std::memory_order_seq_cst) > 0 || stopping.load(std::memory_order_seq_cst)) {
        sleepers.fetch_sub(1, std::memory_order_seq_cst);
        if (stopping.load() && queued.load() <= 0) break;
        continue;
      }
      wake_seq.wait(seq, std::memory_order_seq_cst);
      sleepers.fetch_sub(1, std::memory_order_seq_cst);
    }
    Executor::set_current(nullptr);
    tls_worker = nullptr;
    tls_worker_pool = nullptr;
  }
};

ThreadPool::ThreadPool(ExecutorOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->self = this;
  if (options.threads <= 0) {
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  impl_->options = std::move(options);
  for (int i = 0; i < impl_->options.threads; ++i) {
    auto w = std::make_unique<Worker>();
    w->index = i;
    impl_->workers.push_back(std::move(w));
  }
  try {
    for (auto& w : impl_->workers) {
      Worker* wp = w.get();
      w->thread = std::thread([this, wp] { impl_->run(wp); });
    }
  } catch (...) {
    // Out of threads or memory: the threads already started must be joined before the error
    // leaves, or their std::thread destructors terminate the process.
    stop_and_join();
    throw;
  }
}

ThreadPool::~ThreadPool() { stop_and_join(); }

void ThreadPool::stop_and_join() noexcept {
  impl_->stopping.store(true, std::memory_order_seq_cst);
  impl_->wake_seq.fetch_add(1);
  impl_->wake_seq.notify_all();
  for (auto& w : impl_->workers) {
    if (w->thread.joinable()) w->thread.join();
  }
}

void ThreadPool::schedule(std::coroutine_handle<> h) noexcept {
  Worker* w = tls_worker;
  if (w && tls_worker_pool == impl_.get()) {
    // Continuation style: what a running coroutine wakes runs next on this thread; the task it
    // displaces goes to the local queue where idle workers may steal it.
    if (w->lifo) impl_->push_local(w, w->lifo);
    w->lifo = h;
    return;
  }
  impl_->push_global(h);
}

void ThreadPool::schedule_later(std::coroutine_handle<> h) noexcept {
  Worker* w = tls_worker;
  if (w && tls_worker_pool == impl_.get()) {
    impl_->push_local(w, h);
    return;
  }
  impl_->push_global(h);
}

const std::string& ThreadPool::name() const { return impl_->options.name; }
int ThreadPool::thread_count() const { return static_cast<int>(impl_->workers.size()); }

std::vector<std::string> ThreadPool::sched_warnings() const {
  std::lock_guard g(impl_->warn_mu);
  return impl_->warnings;
}

std::vector<std::uint64_t> ThreadPool::native_thread_ids() const {
  std::vector<std::uint64_t> out;
  for (const auto& w : impl_->workers) {
    while (w->tid.load() == 0) std::this_thread::yield();
    out.push_back(w->tid.load());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ManualExecutor

struct ManualExecutor::Impl {
  mutable std::mutex mu;
  std::deque<std::coroutine_handle<>> q;
  std::string name = "manual";
};

ManualExecutor::ManualExecutor() : impl_(std::make_unique<Impl>()) {}
ManualExecutor::~ManualExecutor() = default;

void ManualExecutor::schedule(std::coroutine_handle<> h) noexcept {
  std::lock_guard g(impl_->mu);
  impl_->q.push_back(h);
}

const std::string& ManualExecutor::name() const { return impl_->name; }

bool ManualExecutor::run_one() {
  std::coroutine_handle<> h;
  {
    std::lock_guard g(impl_->mu);
    if (impl_->q.empty()) return false;
    h = impl_->q.front();
    impl_->q.pop_front();
  }
  Executor* prev = Executor::current();
  set_current(this);
  h.resume();
  set_current(prev);
  return true;
}

std::size_t ManualExecutor::drain() {
  std::size_t n = 0;
  while (run_one()) ++n;
  return n;
}

std::size_t ManualExecutor::pending() const {
  std::lock_guard g(impl_->mu);
  return impl_->q.size();
}

// ---------------------------------------------------------------------------------------------
// BlockingPool

struct BlockingPool::Impl {
  std::mutex mu;
  std::vector<std::unique_ptr<ThreadPool>> idle;
  std::atomic<int> live{0};
  std::size_t max_idle = 4;
};

BlockingPool::BlockingPool(std::size_t max_idle) : impl_(std::make_shared<Impl>()) {
  impl_->max_idle = max_idle;
}

BlockingPool::~BlockingPool() = default;

std::shared_ptr<Executor> BlockingPool::acquire(const std::string& name) {
  std::unique_ptr<ThreadPool> pool;
  {
    std::lock_guard g(impl_->mu);
    if (!impl_->idle.empty()) {
      pool = std::move(impl_->idle.back());
      impl_->idle.pop_back();
    }
  }
  if (!pool) {
    ExecutorOptions o;
    o.name = name.empty() ? std::string("blocking") : name;
    o.threads = 1;
    pool = std::make_unique<ThreadPool>(std::move(o));
    impl_->live.fetch_add(1);
  }
  // The last reference usually drops on the pool's own thread (the node finishing there), where
  // joining it would deadlock: idle pools are parked for reuse instead of destroyed. They are
  // destroyed with the BlockingPool (from a foreign thread).
  std::weak_ptr<Impl> weak = impl_;
  ThreadPool* raw = pool.release();
  return std::shared_ptr<Executor>(raw, [weak](Executor* e) {
    auto* tp = static_cast<ThreadPool*>(e);
    if (auto impl = weak.lock()) {
      std::lock_guard g(impl->mu);
      impl->idle.emplace_back(tp);
      return;
    }
    // BlockingPool already gone: destroy from a detached helper thread to avoid self-join.
    std::thread([tp] { delete tp; }).detach();
  });
}

int BlockingPool::live_threads() const { return impl_->live.load(); }

}  // namespace rill
