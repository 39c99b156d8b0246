#pragma once
// SignalWatcher: turns SIGINT/SIGTERM into a graceful stop without running any code in a signal
// handler. The signals are blocked in every thread and read synchronously from a signalfd by
// one watcher thread, so the reaction (Graph::stop(), logging) may do anything a normal thread
// may — nothing has to be async-signal-safe.

#include <functional>
#include <thread>

namespace rill::cli {

/// Lifecycle: call block_termination_signals() before any thread is created (threads inherit
/// the mask, so none of them can receive the signals); construct the watcher once there is
/// something to stop; destroy it (joins its thread) when the run is over.
/// The first signal calls `on_first(signo)` on the watcher thread; a second one quits the
/// process at once with exit code 130. Thread safety: construct and destroy from one thread.
class SignalWatcher {
 public:
  /// Blocks SIGINT and SIGTERM for the calling thread and every thread it creates afterwards.
  static void block_termination_signals();

  explicit SignalWatcher(std::function<void(int signo)> on_first);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void loop();

  std::function<void(int)> on_first_;
  int signal_fd_ = -1;
  int wake_fd_ = -1;  ///< eventfd the destructor writes to end the loop
  std::thread thread_;
};

}  // namespace rill::cli
