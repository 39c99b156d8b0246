#pragma once
// Helpers for the few Python types rill defines with the CPython API instead of pybind11: the
// ones on every message's path (Envelope, Receiver, Sender). pybind11 looks a C++ type up by name
// in a hash map on each call, argument and result, and registers every instance it creates; for
// a passthrough Python node that was a quarter of the time per message.

#include <new>
#include <utility>

#include <pybind11/pybind11.h>

namespace rill::python {

namespace py = pybind11;

/// Runs `f`, turning a C++ exception into the matching Python error (nullptr / -1 returned).
template <typename R, typename F>
R guarded(R failed, F&& f) noexcept {
  try {
    return f();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const py::builtin_exception& e) {
    e.set_error();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  } catch (...) {
    PyErr_SetString(PyExc_RuntimeError, "unknown C++ exception");
  }
  return failed;
}

/// A Python object holding one T by value.
template <typename T>
struct Boxed {
  PyObject_HEAD T value;

  static PyObject* make(PyTypeObject* type, T v) {
    auto* o = PyObject_New(Boxed, type);  // a heap type: takes a reference to `type`
    if (o == nullptr) throw py::error_already_set();
    new (&o->value) T(std::move(v));
    return reinterpret_cast<PyObject*>(o);
  }
  static void dealloc(PyObject* self) {
    PyTypeObject* type = Py_TYPE(self);
    reinterpret_cast<Boxed*>(self)->value.~T();
    PyObject_Free(self);
    Py_DECREF(type);
  }
  /// The held T when `o` is of `type`, else nullptr.
  static T* of(PyObject* o, PyTypeObject* type) {
    return o != nullptr && Py_TYPE(o) == type ? &reinterpret_cast<Boxed*>(o)->value : nullptr;
  }
};

/// Creates a heap type from `spec` and adds it to `m` under its short name.
inline PyTypeObject* add_type(py::module_& m, PyType_Spec* spec, const char* name) {
  PyObject* t = PyType_FromSpec(spec);
  if (t == nullptr) throw py::error_already_set();
  Py_INCREF(t);  // one for the module, one kept by the caller for the process's life
  if (PyModule_AddObject(m.ptr(), name, t) != 0) throw py::error_already_set();
  return reinterpret_cast<PyTypeObject*>(t);
}

}  // namespace rill::python
