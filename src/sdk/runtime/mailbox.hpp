#pragma once
// Mailbox: where a node's jobs queue and run one at a time, in FIFO order. It runs on an
// executor: its own one-thread executor (a node thread of XStream's model: `thread_count`,
// `thread_list`, `thread_priority`), or the process's shared SDK workers, where it acts as a
// strand (a node without thread keys: never two of its calls at once, but no thread of its own,
// so a frame can run node after node on one worker without a hand-off).
//
// A job posted while the mailbox is busy costs a lock and a push; only a post to an idle mailbox
// schedules its drain loop, so a busy stream of frames causes no wake-ups.

#include <atomic>
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
  [[nodiscard]] bool dedicated() const { return own_thread_ != nullptr; }

 private:
  struct Loop;
  struct Park;
  static Loop drain(Mailbox* self);
  void run_queued();
  void start(Executor* executor);

  std::string name_;
  JobRunner* runner_;
  JobScratch scratch_;      // used only by the drain loop
  std::vector<Job> batch_;  // likewise: the jobs being run, swapped with queue_
  rill::detail::SpinLock lock_;
  std::vector<Job> queue_;  // guarded by lock_
  bool idle_ = true;        // guarded by lock_: the drain loop is suspended and not scheduled
  std::atomic<bool> stopping_{false};
  std::coroutine_handle<> loop_;
  Executor* executor_ = nullptr;
  std::unique_ptr<ThreadPool> own_thread_;
  std::thread::id thread_id_;
};

/// The process-wide workers that run strands (nodes without thread keys): one per core, created
/// on first use, shared by every workflow so thread count does not grow with SDK instances.
Executor& shared_sdk_workers();

}  // namespace rill::sdk::detail
