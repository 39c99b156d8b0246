#pragma once
// Value <-> Python. Plain data converts both ways: None, bool, int, float, str, bytes, list and
// dict (str keys) <-> null, bool, int, double, string, bytes, List and Map. numpy arrays become
// Frames (uint8 HxWx3 = BGR24, uint8 HxW = GRAY8) or Tensors over the array's own memory, and
// Frames/Tensors become numpy views of theirs: pixels never move. Every other Python object
// (tuples, class instances, wakers, ints beyond 64 bits, dicts with non-str keys) travels as
// itself, untouched by C++ nodes; opaque C++ objects reach Python as rill.Opaque and come back
// as the same Value.

#include <pybind11/pybind11.h>

#include <rill/core/value.hpp>

namespace rill::python {

namespace py = pybind11;

/// The caller holds the GIL.
py::object to_python(const Value& v);
/// The caller holds the GIL. Throws py::value_error for a structure nested too deep (cycles).
Value from_python(py::handle obj);

/// Registers rill.Opaque (the Python face of an opaque C++ object) in `m`.
void bind_opaque(py::module_& m);

}  // namespace rill::python
