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

/// The greenlet's run function: calls the fiber's callable and keeps its outcome in the fiber.
/// Compiled without TSan's hooks: the greenlet's last switch (greenlet's own, on return) leaves
/// from here, so nothing may be entered before it that is left after it.
__attribute__((no_sanitize_thread, noinline)) PyObject* trampoline(PyObject* capsule,
                                                                   PyObject* /*unused*/) {
  auto* fiber = static_cast<Fiber*>(PyCapsule_GetPointer(capsule, "rill.Fiber"));
  fiber->run_body();
  greenlet::sanitizer_fiber_switch(fiber->sanitizer_driver());
  Py_INCREF(Py_None);
  return Py_None;
}
PyMethodDef trampoline_def = {"rill_fiber", &trampoline, METH_NOARGS, nullptr};

/// A greenlet switch that keeps pybind11's per-context call frames apart.
PyObject* switch_keeping_frames(PyObject* g, PyObject* args, void* sanitizer_fiber) {
  CallFrameScope frames;
  return greenlet::switch_to(g, args, sanitizer_fiber);
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

Fiber::~Fiber() { greenlet::sanitizer_fiber_destroy(sanitizer_self_); }

void Fiber::run_body() {
  PyObject* r = PyObject_CallNoArgs(fn_.get());
  if (r == nullptr) {
    error_ = PyError::fetch();
  } else {
    result_ = PyRef::steal(r);
  }
}

PyObject* Fiber::switch_in() {
  Fiber* outer = tls_fiber;
  tls_fiber = this;
  parked_ = false;
  pending_ = nullptr;
  sanitizer_driver_ = greenlet::sanitizer_fiber_current();
  PyObject* r = switch_keeping_frames(greenlet_.get(), empty_args(), sanitizer_self_);
  tls_fiber = outer;
  return r;
}

/// After a switch back from the greenlet: records its end (and returns true) when it finished.
bool Fiber::note_end(PyObject* r) {
  if (greenlet::active(greenlet_.get())) {
    if (r != nullptr) {
      Py_DECREF(r);
      return false;
    }
    error_ = PyError::fetch();  // cannot happen through rill's switches; fail the fiber
  } else {
    Py_XDECREF(r);
    if (r == nullptr && !error_) error_ = PyError::fetch();
  }
  finished_ = true;
  greenlet_ = {};
  return true;
}

Fiber* Fiber::current() noexcept { return tls_fiber; }

Task<> Fiber::run() {
  for (;;) {
    Request* req = nullptr;
    {
      GilHold gil;
      if (!greenlet_) {
        PyRef trampoline_fn;
        if (greenlet::import_api()) {
          PyObject* self = PyCapsule_New(this, "rill.Fiber", nullptr);
          if (self != nullptr) {
            trampoline_fn = PyRef::steal(PyCFunction_New(&trampoline_def, self));
            Py_DECREF(self);
          }
        }
        if (trampoline_fn) {
          parent_ = PyRef::steal(greenlet::current());
          greenlet_ = PyRef::steal(greenlet::create(trampoline_fn.get(), parent_.get()));
        }
        if (!greenlet_) {
          finished_ = true;
          error_ = PyError::fetch();
          co_return;
        }
        sanitizer_self_ = greenlet::sanitizer_fiber_create();
      }
      if (note_end(switch_in())) co_return;
      if (parked_) co_return;
      req = pending_;
    }
    co_await req->perform();
  }
}

void Fiber::resume_parked() {
  if (!greenlet_ || !parked_) return;
  note_end(switch_in());
}

bool Fiber::switch_out() {
  PyObject* r = switch_keeping_frames(parent_.get(), empty_args(), sanitizer_driver_);
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
