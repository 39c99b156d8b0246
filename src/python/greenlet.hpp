#pragma once
// The few greenlet C-API calls rill needs, behind functions: greenlet.h defines its API table as
// a static per translation unit, so exactly one file (greenlet.cpp) includes it.

#include <Python.h>

namespace rill::python::greenlet {

/// Imports greenlet's C API; false with a Python error set when greenlet is missing.
bool import_api();
/// greenlet.getcurrent() (new reference).
PyObject* current();
/// greenlet.greenlet(run, parent) (new reference), not started.
PyObject* create(PyObject* run, PyObject* parent);
/// g.switch(*args): the value switched back (new reference) or nullptr with an error set.
PyObject* switch_to(PyObject* g, PyObject* args);
/// Started and not finished.
bool active(PyObject* g);

}  // namespace rill::python::greenlet
