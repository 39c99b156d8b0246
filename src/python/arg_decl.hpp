#pragma once
// Arguments a Python node type declares in `@register(args={...})`: parsed and checked once, at
// registration, into plain structs that registration.cpp turns into the node type's contract
// (so the planner checks them and normalize_args fills the defaults into `args`). Declared
// arguments also become instance attributes; arguments a node does not declare stay allowed, as
// in MegFlow.
//
//   @register(inputs=["inp"], outputs=["out"], args={
//       "k":    {"kind": "int", "default": 2, "range": [1, 10], "doc": "scale factor"},
//       "mode": {"choices": ["fast", "exact"], "default": "fast", "doc": "how to scale"},
//       "tag":  {"kind": str, "doc": "required: no default"},
//   })

#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include <rill/core/registry.hpp>
#include <rill/core/value.hpp>

namespace rill::python {

namespace py = pybind11;

enum class PyArgKind { kInt, kFloat, kBool, kString, kList, kMap, kEnum };

/// One declared argument.
struct PyArgDecl {
  std::string name;
  PyArgKind kind = PyArgKind::kString;
  /// Without a default the argument is required; `"default": None` makes it optional with no
  /// value (the node's attribute is then None).
  bool required = true;
  std::optional<Value> default_value;
  std::optional<double> min;  ///< inclusive bounds ("range"), int and float kinds only
  std::optional<double> max;
  std::vector<Value> choices;  ///< kEnum only: the allowed values
  std::string doc;             ///< one line
};

/// Parses `args` of the register(...) call of node type `type_name`; `ports` are its port names
/// (an argument may not share a name with one: both become attributes). Raises ValueError
/// (TypeError for a value of the wrong type) naming the type and the argument key.
std::vector<PyArgDecl> parse_arg_decls(const py::handle& args, const std::string& type_name,
                                       const std::vector<std::string>& ports);

/// The declarations as Python data, for collect(): {name: {kind, required, default?, range?,
/// choices?, doc}}.
py::dict arg_decls_to_python(const std::vector<PyArgDecl>& decls);

/// "int", "float", "bool", "str", "list", "dict" or "enum".
const char* kind_name(PyArgKind kind);

}  // namespace rill::python
