#pragma once
// Mailbox: where a node's jobs queue and run one at a time, in FIFO order. It runs on an
// executor: its own one-thread executor (a node thread of XStream's model: `thread_count`,
// `thread_list`, `thread_priority`), or the process's shared workers, where it acts as a
// strand (a node without thread keys: never two of its calls at once, but no thread of its own,
// so a frame can run node after node on one worker without a hand-off).
//
// A strand whose method call once takes longer than kBlockingCall is given a thread of its own
// from then on (its drain loop moves there; queue, order and mutual exclusion are unchanged):
// a node that blocks (an accelerator wait, I/O) must not hold one of the few shared workers, and
// for a call that long a hand-off costs nothing. XStream gave every node a thread; rill gives one
// to the nodes that need it.
//
// A job posted while the mailbox is busy costs a lock and a push; only a post to an idle mailbox
// schedules its drain loop, so a busy stream of frames causes no wake-ups.

#include <atomic>
#include <chrono>
#include <coroutine>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rill/core/detail/spin_lock.hpp"
#include "rill/core/executor.hpp"
#include "runtime/job.hpp"

namespace rill::sdk::detail {

/// Lifecycle: a dedicated mailbox starts its thread in the constructor; the destructor stops the
/// mailbox (stop()), waits for a running job to finish, and joins its thread. Thread safety:
/// post() and call() from any thread.
class Mailbox {
 public:
  /// A mailbox with a thread of its own, named `name` (XStream's node-thread names).
  Mailbox(std::string name, JobRunner* runner);
  /// A strand on `shared` (which must outlive it).
  Mailbox(std::string name, JobRunner* runner, Executor* shared);
  ~Mailbox();
  Mailbox(const Mailbox&) = delete;
  Mailbox& operator=(const Mailbox&) = delete;

  /// Drops queued jobs and refuses new ones; a running job finishes. Call on every mailbox of a
  /// workflow before destroying any, since a running job may post to another mailbox.
  void stop();
  /// Waits until no job runs and the drain loop is parked (after stop(): for good).
  void wait_idle();
  /// Queues `job`; false (job dropped) once the mailbox is stopping.
  bool post(Job job);
  /// Runs `fn` in this mailbox (on its thread) and waits for it (initialisation, priorities).
  void call(std::function<void()> fn);
  [[nodiscard]] const std::string& name() const { return name_; }
  /// True once the mailbox runs on a thread of its own (from the start, or after promotion).
  [[nodiscard]] bool dedicated() const;

  static constexpr std::chrono::milliseconds kBlockingCall{2};

 private:
  struct Loop;
  struct Park;
  struct MoveToOwnThread;
  static Loop drain(Mailbox* self);
  /// Runs queued jobs until the queue is empty (false) or a strand's call blocked long enough
  /// that the mailbox should move to a thread of its own (true).
  bool run_queued();
  void start(Executor* executor);
  /// Registers the calling thread (the mailbox's own) under the mailbox's name for the profiler.
  void name_this_thread();
  std::unique_ptr<ThreadPool> make_own_thread();

  std::string name_;
  JobRunner* runner_;
  JobScratch scratch_;      // used only by the drain loop
  std::vector<Job> batch_;  // likewise: the jobs being run, swapped with queue_
  mutable rill::detail::SpinLock lock_;
  std::vector<Job> queue_;  // guarded by lock_
  bool idle_ = true;        // guarded by lock_: the drain loop is suspended and not scheduled
  std::atomic<bool> stopping_{false};
  std::coroutine_handle<> loop_;
  Executor* executor_ = nullptr;            // guarded by lock_ (changes on promotion)
  std::unique_ptr<ThreadPool> own_thread_;  // set at construction or by the drain loop
  std::thread::id thread_id_;
};

/// The executor strands (nodes without thread keys) run on: the provided executor named
/// "xstream" when a layer provides one, else the process's default pool (default_executor()),
/// the one graphs' nodes share; so thread count grows neither with SDK instances nor with the
/// number of engines in a process.
std::shared_ptr<Executor> strand_executor();

}  // namespace rill::sdk::detail
