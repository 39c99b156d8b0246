#pragma once
// MegFlow's async utilities: yield_now, sleep, join, create_future (Future, Waker) and block_on.
// Inside a fiber they suspend it; on a host thread they block with the GIL released, or (join,
// block_on) run their callables as fibers on the Python executor.

#include <pybind11/pybind11.h>

namespace rill::python {

namespace py = pybind11;

/// Runs `fn` in a fresh fiber on the Python executor and blocks the calling host thread until it
/// finishes (GIL released, Ctrl-C honoured); returns its result or raises its exception. Inside a
/// fiber, calls `fn` directly.
py::object block_on(const py::object& fn);

/// Registers yield_now, sleep, join, create_future, Future, Waker and block_on in `m`.
void bind_async(py::module_& m);

}  // namespace rill::python
