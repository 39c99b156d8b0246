#pragma once
// The `rill` and `megflow` Python modules: one implementation, used two ways. Extension modules
// (build/python/rill*.so, megflow*.so) call define_*_module from PYBIND11_MODULE; the embedding
// `rill` CLI registers init_*_module as built-in modules before starting the interpreter.

#include <pybind11/pybind11.h>

#include <rill/python/python.hpp>

namespace rill::python {

namespace py = pybind11;

void define_rill_module(py::module_& m);
void define_megflow_module(py::module_& m);

/// Module init functions in CPython's form (new reference or nullptr with an error set).
RILL_PYTHON_API PyObject* init_rill_module();
RILL_PYTHON_API PyObject* init_megflow_module();

}  // namespace rill::python
