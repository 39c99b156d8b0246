#include "greenlet.hpp"

#include <greenlet.h>

namespace rill::python::greenlet {

bool import_api() {
  if (_PyGreenlet_API != nullptr) return true;
  PyGreenlet_Import();
  return _PyGreenlet_API != nullptr;
}

PyObject* current() { return reinterpret_cast<PyObject*>(PyGreenlet_GetCurrent()); }

PyObject* create(PyObject* run, PyObject* parent) {
  return reinterpret_cast<PyObject*>(PyGreenlet_New(run, reinterpret_cast<PyGreenlet*>(parent)));
}

PyObject* switch_to(PyObject* g, PyObject* args) {
  return PyGreenlet_Switch(reinterpret_cast<PyGreenlet*>(g), args, nullptr);
}

bool active(PyObject* g) { return PyGreenlet_ACTIVE(reinterpret_cast<PyGreenlet*>(g)) != 0; }

}  // namespace rill::python::greenlet
