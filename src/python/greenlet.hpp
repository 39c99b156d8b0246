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
/// `sanitizer_fiber` is ThreadSanitizer's fiber of the context being switched to (TSan builds;
/// nullptr otherwise): told right before the switch, with no instrumented call in between.
PyObject* switch_to(PyObject* g, PyObject* args, void* sanitizer_fiber);

/// ThreadSanitizer fibers (no-ops in other builds): one per greenlet, so TSan keeps a call stack
/// per greenlet instead of seeing one thread's stack jump around.
void* sanitizer_fiber_create();
void sanitizer_fiber_destroy(void* fiber);
void* sanitizer_fiber_current();
/// For a greenlet about to finish (its last switch is greenlet's own): call it as the very last
/// thing, from a function compiled without TSan's entry/exit hooks.
void sanitizer_fiber_switch(void* fiber);
/// Started and not finished.
bool active(PyObject* g);

}  // namespace rill::python::greenlet
