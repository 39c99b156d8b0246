#include "call_args.hpp"

namespace rill::python {
namespace {

[[noreturn]] void type_error(const std::string& message) { throw py::type_error(message); }

std::string type_name_of(const py::handle& value) { return Py_TYPE(value.ptr())->tp_name; }

/// " (did you mean 'x'?)" for the closest parameter name, or "" (difflib's notion of close).
std::string suggestion(const std::string& word, std::span<const std::string_view> params) {
  py::list known;
  for (auto p : params) known.append(py::str(p.data(), p.size()));
  py::list close = py::module_::import("difflib").attr("get_close_matches")(word, known, 1);
  if (close.empty()) return {};
  return " (did you mean '" + close[0].cast<std::string>() + "'?)";
}

}  // namespace

std::vector<py::object> bind_arguments(std::string_view function,
                                       std::span<const std::string_view> params,
                                       const py::args& args, const py::kwargs& kwargs) {
  const std::string fn(function);
  if (args.size() > params.size()) {
    type_error(fn + "() takes at most " + std::to_string(params.size()) + " arguments (" +
               std::to_string(args.size()) + " given)");
  }
  std::vector<py::object> bound(params.size(), py::none());
  std::vector<bool> given(params.size(), false);
  for (std::size_t i = 0; i < args.size(); ++i) {
    bound[i] = py::reinterpret_borrow<py::object>(args[i]);
    given[i] = true;
  }
  for (auto [key, value] : kwargs) {
    const std::string name = py::str(key);
    std::size_t i = 0;
    while (i < params.size() && params[i] != name) ++i;
    if (i == params.size()) {
      type_error(fn + "() got an unexpected keyword argument '" + name + "'" +
                 suggestion(name, params));
    }
    if (given[i]) type_error(fn + "() got multiple values for argument '" + name + "'");
    bound[i] = py::reinterpret_borrow<py::object>(value);
    given[i] = true;
  }
  return bound;
}

std::optional<std::string> optional_path(const py::object& value, std::string_view function,
                                         std::string_view param) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::hasattr(value, "__fspath__")) {
    py::object path = py::module_::import("os").attr("fspath")(value);
    if (py::isinstance<py::str>(path)) return path.cast<std::string>();
  }
  type_error(std::string(function) + "(): " + std::string(param) +
             " must be a str or an os.PathLike naming a path, not " + type_name_of(value));
}

std::optional<std::string> optional_str(const py::object& value, std::string_view function,
                                        std::string_view param) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  type_error(std::string(function) + "(): " + std::string(param) + " must be a str, not " +
             type_name_of(value));
}

bool optional_bool(const py::object& value, bool fallback, std::string_view function,
                   std::string_view param) {
  if (value.is_none()) return fallback;
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();
  type_error(std::string(function) + "(): " + std::string(param) + " must be a bool, not " +
             type_name_of(value));
}

}  // namespace rill::python
