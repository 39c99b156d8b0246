#pragma once
// rill.Envelope / megflow.Envelope: a message plus its routing info, as Python nodes see it.
// The message is converted lazily: an envelope a Python node only forwards is never converted at
// all, and one whose `msg` it read or replaced is converted back when it is sent.

#include <pybind11/pybind11.h>

#include <rill/core/envelope.hpp>

namespace rill::python {

namespace py = pybind11;

class PyEnvelope {
 public:
  PyEnvelope() : moved_(true) {}  // MegFlow's Envelope(): unusable until packed
  explicit PyEnvelope(Envelope env) : env_(std::move(env)) {}

  /// Envelope.pack(msg, info=None).
  static PyEnvelope pack(py::object msg, const py::object& info);
  /// env.repack(msg): a new envelope with this one's info.
  [[nodiscard]] PyEnvelope repack(py::object msg) const;

  [[nodiscard]] py::object msg();
  void set_msg(py::object msg);
  /// Read access to the info; raises when the envelope was already sent.
  [[nodiscard]] const Info& info() const;
  Info& mutable_info();
  [[nodiscard]] std::string repr() const;

  /// Hands the envelope over for sending (the Python object becomes unusable). Raises when it was
  /// sent already.
  Envelope take();

 private:
  void check() const;

  Envelope env_;
  py::object msg_;  ///< the Python message, once materialised or assigned
  bool moved_ = false;
};

/// Registers Envelope in `m`.
void bind_envelope(py::module_& m);

/// A new Python Envelope holding `env`.
py::object wrap_envelope(PyEnvelope env);
/// The PyEnvelope inside a Python Envelope, or nullptr when `obj` is not one.
PyEnvelope* envelope_of(PyObject* obj);

}  // namespace rill::python
