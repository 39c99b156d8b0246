#include "fiber.hpp"

#include <pybind11/pybind11.h>

#include "greenlet.hpp"

namespace rill::python {
namespace py = pybind11;

namespace {
thread_local Fiber* tls_fiber = nullptr;

/// pybind11 keeps a per-thread stack of argument-lifetime frames, one per bound call in progress
/// (loader_life_support), and checks it is unwound in order. With greenlets a thread interleaves
/// several call stacks, so each switch saves the top the current context sees and restores it
/// when the context runs again: every greenlet (and the driver) keeps its own chain.
class CallFrameScope {
 public:
  CallFrameScope() : saved_(top()) {}
  ~CallFrameScope() { PYBIND11_TLS_REPLACE_VALUE(key(), saved_); }
  CallFrameScope(const CallFrameScope&) = delete;
  CallFrameScope& operator=(const CallFrameScope&) = delete;

 private:
  static PYBIND11_TLS_KEY_REF key() {
#if PYBIND11_INTERNALS_VERSION == 4
    return py::detail::get_local_internals().loader_life_support_tls_key;
#else
    return py::detail::get_internals().loader_life_support_tls_key;
#endif
  }
  static void* top() { return PYBIND11_TLS_GET_VALUE(key()); }
  void* saved_;
};

/// A greenlet switch that keeps pybind11's per-context call frames apart.
PyObject* switch_keeping_frames(PyObject* g, PyObject* args) {
  CallFrameScope frames;
  return greenlet::switch_to(g, args);
}

PyObject* empty_args() {
  static PyObject* args = PyTuple_New(0);  // immortal enough: never released
  return args;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// PyError

PyError PyError::fetch() {
  PyObject* t = nullptr;
  PyObject* v = nullptr;
  PyObject* tb = nullptr;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (tb != nullptr && v != nullptr) PyException_SetTraceback(v, tb);
  PyError e;
  e.type = PyRef::steal(t);
  e.value = PyRef::steal(v);
  e.traceback = PyRef::steal(tb);
  return e;
}

void PyError::restore() const {
  Py_XINCREF(type.get());
  Py_XINCREF(value.get());
  Py_XINCREF(traceback.get());
  PyErr_Restore(type.get(), value.get(), traceback.get());
}

std::string PyError::format() const {
  if (!type) return {};
  try {
    py::object fmt = py::module_::import("traceback").attr("format_exception");
    py::object lines = fmt(py::handle(type.get()), py::handle(value.get() ? value.get() : Py_None),
                           py::handle(traceback.get() ? traceback.get() : Py_None));
    std::string text = py::str("").attr("join")(lines).cast<std::string>();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  } catch (const py::error_already_set& e) {
    return std::string("(cannot format the Python exception: ") + e.what() + ")";
  }
}

// ---------------------------------------------------------------------------------------------
// Fiber

Fiber::Fiber(PyRef fn) : fn_(std::move(fn)) {}

Fiber::~Fiber() = default;

Fiber* Fiber::current() noexcept { return tls_fiber; }

Task<> Fiber::run() {
  for (;;) {
    Request* req = nullptr;
    {
      GilHold gil;
      if (!greenlet_) {
        if (!greenlet::import_api()) {
          finished_ = true;
          error_ = PyError::fetch();
          co_return;
        }
        parent_ = PyRef::steal(greenlet::current());
        greenlet_ = PyRef::steal(greenlet::create(fn_.get(), parent_.get()));
        if (!greenlet_) {
          finished_ = true;
          error_ = PyError::fetch();
          co_return;
        }
      }
      Fiber* outer = tls_fiber;
      tls_fiber = this;
      parked_ = false;
      pending_ = nullptr;
      PyObject* r = switch_keeping_frames(greenlet_.get(), empty_args());
      tls_fiber = outer;
      const bool alive = greenlet::active(greenlet_.get());
      if (!alive || r == nullptr) {
        // Returned or raised (a still-active greenlet switching back with an error is treated
        // as raised too: it cannot be driven further).
        finished_ = true;
        if (r != nullptr) {
          result_ = PyRef::steal(r);
        } else {
          error_ = PyError::fetch();
        }
        greenlet_ = {};
        co_return;
      }
      Py_DECREF(r);
      if (parked_) co_return;
      req = pending_;
    }
    co_await req->perform();
  }
}

void Fiber::resume_parked() {
  if (!greenlet_ || !parked_) return;
  Fiber* outer = tls_fiber;
  tls_fiber = this;
  parked_ = false;
  PyObject* r = switch_keeping_frames(greenlet_.get(), empty_args());
  tls_fiber = outer;
  if (r == nullptr) {
    error_ = PyError::fetch();
  } else {
    Py_DECREF(r);
  }
  finished_ = !greenlet::active(greenlet_.get());
  if (finished_) greenlet_ = {};
}

bool Fiber::switch_out() {
  PyObject* r = switch_keeping_frames(parent_.get(), empty_args());
  if (r == nullptr) return false;
  Py_DECREF(r);
  return true;
}

bool Fiber::wait_for(Request* req) {
  pending_ = req;
  return switch_out();
}

bool Fiber::park() {
  parked_ = true;
  return switch_out();
}

}  // namespace rill::python
