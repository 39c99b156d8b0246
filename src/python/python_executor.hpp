#pragma once
// PythonExecutor: the one thread that runs every non-exclusive Python node of the process (as
// greenlets driven by coroutines, see fiber.hpp). It holds the GIL while it runs coroutines and
// drops it only when it has nothing to do, so switching between Python nodes never touches the
// GIL, and hundreds of Python node instances cost no OS thread each.

#include <memory>

#include <rill/core/executor.hpp>

namespace rill::python {

/// Lifecycle: created (and provided to graphs as executor "python") by the first call of
/// instance(), once the interpreter runs; shutdown() stops and joins the thread (at interpreter
/// exit). Thread safety: schedule() from any thread.
class PythonExecutor final : public Executor {
 public:
  /// The process's Python executor, started on first use.
  static std::shared_ptr<PythonExecutor> instance();
  /// Stops the thread once it has run what is queued now; later schedules are dropped. Called
  /// with or without the GIL.
  static void shutdown();

  ~PythonExecutor() override;
  void schedule(std::coroutine_handle<> h) noexcept override;
  [[nodiscard]] const std::string& name() const override;
  [[nodiscard]] int thread_count() const override { return 1; }

  struct Impl;
  explicit PythonExecutor(std::unique_ptr<Impl> impl);

 private:
  /// Stops the thread once it has run what is queued; later schedules are dropped.
  void stop_thread();

  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::python
