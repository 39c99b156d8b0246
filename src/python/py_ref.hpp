#pragma once
// PyRef: a strong reference to a Python object that C++ code may copy, move and drop on any
// thread without the GIL (copies share one reference; the last drop releases it through
// release_reference). PyObjectValue: a Python object carried by a rill::Value.

#include <Python.h>

#include <memory>
#include <string>
#include <typeinfo>

#include <rill/core/value.hpp>

#include "gil.hpp"

namespace rill::python {

class PyRef {
 public:
  PyRef() = default;
  /// Takes a new reference to `obj` (the caller holds the GIL).
  static PyRef borrow(PyObject* obj) {
    Py_XINCREF(obj);
    return steal(obj);
  }
  /// Adopts a reference the caller owns (the caller holds the GIL or the object is new).
  static PyRef steal(PyObject* obj) {
    PyRef r;
    if (obj != nullptr) r.holder_ = std::shared_ptr<PyObject>(obj, &release_reference);
    return r;
  }

  [[nodiscard]] PyObject* get() const noexcept { return holder_.get(); }
  explicit operator bool() const noexcept { return holder_ != nullptr; }
  /// Keeps the object alive as an opaque owner (e.g. of a Buffer's memory).
  [[nodiscard]] std::shared_ptr<void> owner() const { return holder_; }

 private:
  std::shared_ptr<PyObject> holder_;
};

/// A Python object inside a Value: C++ nodes pass it on untouched, Python nodes get the very same
/// object back. Released under the GIL whichever thread drops the last copy.
class PyObjectValue final : public Object {
 public:
  explicit PyObjectValue(PyRef ref) : ref_(std::move(ref)) {}
  [[nodiscard]] std::string type_name() const override {
    // tp_name is immutable while the object (which holds its type) lives: no GIL needed.
    return std::string("python:") + Py_TYPE(ref_.get())->tp_name;
  }
  [[nodiscard]] const std::type_info& held_type() const override { return typeid(PyObject); }
  [[nodiscard]] void* get() noexcept override { return ref_.get(); }
  [[nodiscard]] const PyRef& ref() const { return ref_; }

 private:
  PyRef ref_;
};

}  // namespace rill::python
