#pragma once
// The GIL as rill's threads see it. Three kinds of thread run Python here:
//  - the Python executor thread, which holds the GIL whenever it runs coroutines and drops it only
//    while it has nothing to do;
//  - blocking-pool threads of `exclusive` Python nodes, which take the GIL around Python code
//    and drop it whenever their coroutine waits for C++;
//  - foreign threads (the host script's, C++ pool threads building a Python resource).
// Each keeps one persistent thread state, created on first use, so greenlets stay valid between
// acquisitions (PyGILState_Release would delete a state it created the moment its count drops).

#include <Python.h>

#include <chrono>

#include <pybind11/pybind11.h>

namespace rill::python {

/// True while the interpreter exists and is not finalizing: Python may be called at all.
bool interpreter_alive() noexcept;

/// Holds the GIL for its scope. A no-op when the calling thread holds it already (the Python
/// executor thread, a host thread inside a binding), so nesting is cheap.
class GilHold {
 public:
  GilHold();
  ~GilHold();
  GilHold(const GilHold&) = delete;
  GilHold& operator=(const GilHold&) = delete;

 private:
  PyThreadState* restored_ = nullptr;
};

/// Releases the GIL for its scope when the calling thread holds it (around blocking C++ waits).
class GilRelease {
 public:
  GilRelease() noexcept;
  ~GilRelease();
  GilRelease(const GilRelease&) = delete;
  GilRelease& operator=(const GilRelease&) = delete;

 private:
  PyThreadState* saved_ = nullptr;
};

/// Blocks a host thread until `slice(timeout)` returns true, calling it with the GIL released in
/// 100 ms slices and running Python's signal handlers between them, so Ctrl-C (KeyboardInterrupt)
/// interrupts the wait. The caller holds the GIL.
template <typename Slice>
void wait_interruptibly(Slice&& slice) {
  for (;;) {
    bool done = false;
    {
      GilRelease unlocked;
      done = slice(std::chrono::milliseconds(100));
    }
    if (done) return;
    if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
  }
}

/// Drops one reference to `obj` without needing the GIL: at once when the calling thread holds
/// it, otherwise queued for the Python executor thread (so a C++ node dropping a Python message
/// never waits for the GIL). Leaked when the interpreter is already gone.
void release_reference(PyObject* obj) noexcept;

/// Drops every queued reference; the caller holds the GIL. Called by the Python executor.
void drain_released_references();

/// Wakes whoever drains queued references (set by the Python executor).
void set_release_waker(void (*wake)() noexcept) noexcept;

}  // namespace rill::python
