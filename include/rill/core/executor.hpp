#pragma once
// Executors run coroutines. rill has one default pool (a thread per core), named executors a
// config may declare (threads, SCHED_* policy, priority, CPU affinity), single-thread executors
// for blocking (`exclusive`) nodes, and a manual executor that tests step by hand.

#include <coroutine>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rill {

/// Runs coroutine handles. The handle a channel wakes is handed to the executor the coroutine
/// belongs to; when the waker already runs on a worker of that executor the handle runs next on
/// the same thread (continuation style), so a message is usually consumed where it was produced.
///
/// Thread safety: schedule() may be called from any thread.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Queues `h` to be resumed by this executor.
  virtual void schedule(std::coroutine_handle<> h) noexcept = 0;
  /// Queues `h` behind the work already queued (yield): never the LIFO slot.
  virtual void schedule_later(std::coroutine_handle<> h) noexcept { schedule(h); }
  /// Queues a plain function (wrapped in a coroutine).
  void post(std::function<void()> fn);
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// Number of OS threads this executor owns (0 for the manual executor).
  [[nodiscard]] virtual int thread_count() const = 0;

  /// The executor whose worker runs the calling thread, or nullptr on a foreign thread.
  static Executor* current() noexcept;

 protected:
  /// Sets Executor::current() for the calling thread; used by run loops.
  static void set_current(Executor* ex) noexcept;
};

/// Scheduling policy of an executor's threads (Linux SCHED_*).
enum class SchedPolicy : std::uint8_t { kOther, kFifo, kRr, kBatch, kIdle };

/// Parses "SCHED_OTHER"/"SCHED_NORMAL", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_IDLE".
bool parse_sched_policy(std::string_view text, SchedPolicy* out);
std::string_view to_string(SchedPolicy p);

struct ExecutorOptions {
  std::string name = "pool";
  int threads = 0;  ///< 0 = one per core
  SchedPolicy policy = SchedPolicy::kOther;
  int priority = 0;               ///< 1..99 for FIFO/RR, ignored otherwise
  std::vector<int> cpu_affinity;  ///< CPUs the threads may run on; empty = any
};

/// Outcome of applying ExecutorOptions to a thread: applied, or a warning saying why not.
struct SchedResult {
  bool applied = true;
  std::string warning;  ///< empty when applied
};

/// Applies policy, priority and affinity to the calling thread. Failure (e.g. no permission for
/// SCHED_FIFO) is reported, not thrown: a policy the process may not set is a warning.
SchedResult apply_thread_options(const ExecutorOptions& options);

/// Work-stealing pool of coroutines. Each worker has a LIFO slot (the coroutine a local send just
/// woke runs next on this thread), a local queue, and steals from the others when idle; idle
/// workers spin briefly before sleeping.
///
/// Lifecycle: threads start in the constructor and are joined by the destructor, which first
/// runs everything already queued. A constructor that cannot start every thread joins those it
/// started and throws (std::system_error). Thread safety: schedule() from any thread.
class ThreadPool final : public Executor {
 public:
  explicit ThreadPool(ExecutorOptions options);
  ~ThreadPool() override;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void schedule(std::coroutine_handle<> h) noexcept override;
  void schedule_later(std::coroutine_handle<> h) noexcept override;
  [[nodiscard]] const std::string& name() const override;
  [[nodiscard]] int thread_count() const override;
  /// Warnings from applying scheduling options to the worker threads (empty when all applied).
  [[nodiscard]] std::vector<std::string> sched_warnings() const;
  /// The native thread ids of the workers (for tests and the profiler).
  [[nodiscard]] std::vector<std::uint64_t> native_thread_ids() const;

 private:
  void stop_and_join() noexcept;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// An executor that runs only when a test tells it to: deterministic interleavings without sleeps.
/// Thread safety: schedule() from any thread; run_one()/drain() from one thread at a time.
class ManualExecutor final : public Executor {
 public:
  ManualExecutor();
  ~ManualExecutor() override;
  void schedule(std::coroutine_handle<> h) noexcept override;
  [[nodiscard]] const std::string& name() const override;
  [[nodiscard]] int thread_count() const override { return 0; }
  /// Resumes one queued coroutine; false when nothing was queued.
  bool run_one();
  /// Runs until the queue is empty; returns how many coroutines were resumed.
  std::size_t drain();
  [[nodiscard]] std::size_t pending() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Single-thread executors handed out to blocking (`exclusive`) nodes, one per node instance,
/// so a node that blocks its thread stalls nobody else. Idle threads are kept for reuse.
/// Thread safety: all members may be called from any thread.
class BlockingPool {
 public:
  explicit BlockingPool(std::size_t max_idle = 4);
  ~BlockingPool();
  /// An executor with one dedicated thread; released when the last reference goes.
  std::shared_ptr<Executor> acquire(const std::string& name);
  /// Threads currently alive (busy + idle).
  [[nodiscard]] int live_threads() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// The process's default worker pool: a ThreadPool named "rill" with one worker per core,
/// created on first use and joined once the process exits and nobody holds it. XStream workflows
/// run their strands (nodes without thread keys) on it unless a layer provides an executor named
/// "xstream". Thread safety: any thread.
std::shared_ptr<Executor> default_executor();

/// Process-wide executors a layer provides by name, e.g. the Python layer's "python" executor
/// (the one thread that runs every Python node). A graph resolves an executor name among its own
/// (GraphOptions, [[executors]]) first, then here. Providing a name again replaces it; null
/// removes it. Thread safety: any thread.
void provide_executor(const std::string& name, std::shared_ptr<Executor> executor);
std::shared_ptr<Executor> provided_executor(std::string_view name);
std::vector<std::string> provided_executor_names();

/// Awaitable that moves the awaiting coroutine onto `ex` (no-op when already there).
struct ScheduleOn {
  Executor* ex;
  bool await_ready() const noexcept { return Executor::current() == ex; }
  void await_suspend(std::coroutine_handle<> h) const noexcept { ex->schedule(h); }
  void await_resume() const noexcept {}
};
inline ScheduleOn schedule_on(Executor& ex) { return ScheduleOn{&ex}; }

/// Awaitable that lets other ready coroutines of the current executor run first.
struct YieldNow {
  bool await_ready() const noexcept { return Executor::current() == nullptr; }
  void await_suspend(std::coroutine_handle<> h) const noexcept;
  void await_resume() const noexcept {}
};
inline YieldNow yield_now() { return {}; }

/// Current number of OS threads in this process (from /proc/self/status).
int process_thread_count();

}  // namespace rill
