#pragma once
// Fiber: Python code running in its own greenlet, driven by a C++ coroutine. Python code calls
// rill's blocking primitives (recv, send, sleep, join, Future.wait, ...) as plain functions; when
// one must wait, the greenlet hands a Request to its driver and switches back to it; the driver
// awaits the request in C++ (its thread runs other coroutines meanwhile, and other greenlets)
// and switches back in with the outcome. So Python node code reads as blocking, yet hundreds of
// Python nodes share one thread.
//
// Thread affinity: a greenlet belongs to the thread that created it, so a fiber's driver must run
// on one thread for the fiber's whole life (the Python executor, or an exclusive node's thread).

#include <memory>
#include <string>

#include <rill/core/task.hpp>

#include "py_ref.hpp"

namespace rill::python {

/// Something a greenlet waits for; performed by the fiber's driver, outside the greenlet.
/// Lives on the heap (never on the greenlet's stack: a suspended greenlet's stack is saved away).
class Request {
 public:
  virtual ~Request() = default;
  /// Awaits the operation and stores its outcome in the request. Runs on the driver's thread;
  /// holds the GIL only if that thread always does (the Python executor).
  virtual Task<> perform() = 0;
};

/// A Python exception captured where it was raised, re-raisable elsewhere.
struct PyError {
  PyRef type, value, traceback;
  explicit operator bool() const { return static_cast<bool>(type); }
  /// Takes the current Python error (the GIL held).
  static PyError fetch();
  /// Sets it as the current Python error again (the GIL held).
  void restore() const;
  /// "Traceback (most recent call last): ... ValueError: boom" (the GIL held).
  [[nodiscard]] std::string format() const;
};

class Fiber {
 public:
  /// `fn` is called with no arguments in the fiber's greenlet (the GIL held when constructing).
  explicit Fiber(PyRef fn);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  /// Runs the fiber until its function returns or it parks. Await it on the fiber's thread.
  Task<> run();
  [[nodiscard]] bool finished() const { return finished_; }
  [[nodiscard]] bool parked() const { return parked_; }
  /// After finishing: the function's result, or the exception it raised.
  [[nodiscard]] const PyRef& result() const { return result_; }
  [[nodiscard]] const PyError& error() const { return error_; }
  /// Switches into a parked fiber once more without a driver (e.g. to let it return for good);
  /// the GIL held, on the fiber's thread.
  void resume_parked();

  // ---- called from inside the fiber's greenlet (the GIL held) ----
  /// The fiber whose greenlet runs on this thread now, or nullptr (a host thread).
  static Fiber* current() noexcept;
  /// Hands `req` to the driver and returns once it was performed. False, with a Python error
  /// set, when the greenlet was killed meanwhile (GreenletExit): propagate it.
  bool wait_for(Request* req);
  /// Ends the current run() without finishing; the next run() resumes here. Same return value.
  bool park();
  /// The greenlet's body: calls the callable, keeps its result or exception.
  void run_body();
  [[nodiscard]] void* sanitizer_driver() const { return sanitizer_driver_; }

 private:
  PyObject* switch_in();
  bool note_end(PyObject* r);
  bool switch_out();

  PyRef fn_;
  PyRef greenlet_;
  PyRef parent_;
  Request* pending_ = nullptr;
  bool parked_ = false;
  bool finished_ = false;
  PyRef result_;
  PyError error_;
  void* sanitizer_self_ = nullptr;    ///< ThreadSanitizer's fiber for the greenlet (TSan builds)
  void* sanitizer_driver_ = nullptr;  ///< ...and the one to return to
};

}  // namespace rill::python
