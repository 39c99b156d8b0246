#pragma once
// Binding a Python call's arguments by hand, for entry points whose parameter list is part of
// MegFlow's API (positional order included) and whose mistakes must read as Python's own
// TypeErrors, with a "did you mean" for a misspelt keyword. pybind11's generic "incompatible
// function arguments" lists C++ signatures instead.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>

namespace rill::python {

namespace py = pybind11;

/// The value of each of `params` (in order), taken positionally first and then by keyword, as
/// Python binds a def's parameters; None for a parameter the call leaves out. Raises TypeError
/// for too many positional arguments, an unknown keyword or a parameter given twice.
std::vector<py::object> bind_arguments(std::string_view function,
                                       std::span<const std::string_view> params,
                                       const py::args& args, const py::kwargs& kwargs);

/// `value` as a file system path: a str or an os.PathLike naming one; nullopt for None.
std::optional<std::string> optional_path(const py::object& value, std::string_view function,
                                         std::string_view param);
/// `value` as a str; nullopt for None.
std::optional<std::string> optional_str(const py::object& value, std::string_view function,
                                        std::string_view param);
/// `value` as a bool (True or False only); `fallback` for None.
bool optional_bool(const py::object& value, bool fallback, std::string_view function,
                   std::string_view param);

}  // namespace rill::python
