#include "arg_decl.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "convert.hpp"

namespace rill::python {
namespace {

constexpr std::array<std::pair<const char*, PyArgKind>, 9> kKindNames = {{
    {"int", PyArgKind::kInt},
    {"float", PyArgKind::kFloat},
    {"bool", PyArgKind::kBool},
    {"str", PyArgKind::kString},
    {"string", PyArgKind::kString},
    {"list", PyArgKind::kList},
    {"dict", PyArgKind::kMap},
    {"map", PyArgKind::kMap},
    {"enum", PyArgKind::kEnum},
}};

constexpr std::array<const char*, 5> kSpecKeys = {"kind", "default", "range", "choices", "doc"};

/// Node keys the config reads itself and never passes as arguments (src/config/toml/
/// node_reader.cpp): an argument so named could never be set.
constexpr std::array<const char*, 6> kReservedKeys = {"name", "ty",       "cloned",
                                                      "res",  "executor", "on_error"};

/// Raises the errors of one type's declaration, each naming the type and the argument.
class DeclErrors {
 public:
  explicit DeclErrors(const std::string& type_name) : prefix_("@register of " + type_name) {}
  void set_arg(const std::string& arg) { arg_ = arg; }

  [[noreturn]] void value(const std::string& what) const { throw py::value_error(message(what)); }
  [[noreturn]] void type(const std::string& what) const { throw py::type_error(message(what)); }

 private:
  [[nodiscard]] std::string message(const std::string& what) const {
    return prefix_ + (arg_.empty() ? "" : ", argument '" + arg_ + "'") + ": " + what;
  }
  std::string prefix_;
  std::string arg_;
};

std::string type_of(const py::handle& h) { return Py_TYPE(h.ptr())->tp_name; }

std::string repr_of(const py::handle& h) { return py::repr(h).cast<std::string>(); }

std::string close_match(const std::string& word, const py::list& known) {
  py::list close = py::module_::import("difflib").attr("get_close_matches")(word, known, 1);
  return close.empty() ? "" : " (did you mean '" + close[0].cast<std::string>() + "'?)";
}

/// "kind": a name from kKindNames or one of the Python types int, float, bool, str, list, dict.
PyArgKind parse_kind(const py::handle& kind, const DeclErrors& err) {
  std::string name;
  if (PyType_Check(kind.ptr()) != 0) {
    name = py::str(kind.attr("__name__")).cast<std::string>();
  } else if (py::isinstance<py::str>(kind)) {
    name = kind.cast<std::string>();
  } else {
    err.type("kind must be a str or a type, not " + type_of(kind));
  }
  for (const auto& [n, k] : kKindNames) {
    if (name == n) return k;
  }
  py::list known;
  for (const auto& [n, k] : kKindNames) known.append(n);
  err.value("unknown kind " + repr_of(kind) + close_match(name, known) +
            "; expected int, float, bool, str, list, dict or enum");
}

/// True for data a TOML config could hold (no Python objects, frames or bytes).
bool plain(const Value& v) {
  if (v.is_list()) return std::all_of(v.as_list().begin(), v.as_list().end(), plain);
  if (v.is_map()) {
    return std::all_of(v.as_map().begin(), v.as_map().end(),
                       [](const Entry& e) { return plain(e.second); });
  }
  return v.is_null() || v.is_bool() || v.is_number() || v.is_string();
}

bool is_scalar(const Value& v) { return v.is_bool() || v.is_number() || v.is_string(); }

/// "an int", "a float", ...
std::string a_kind(PyArgKind kind) {
  const std::string name = kind_name(kind);
  return (name[0] == 'i' || name[0] == 'e' ? "an " : "a ") + name;
}

/// Why `v` cannot be a value of kind `kind` ("" when it can; *out then holds it, an int made a
/// float for a float argument).
std::string convert_to_kind(const py::handle& v, PyArgKind kind, Value* out) {
  const bool is_bool = py::isinstance<py::bool_>(v);
  bool fits = true;
  switch (kind) {
    case PyArgKind::kInt:
      fits = !is_bool && py::isinstance<py::int_>(v);
      break;
    case PyArgKind::kFloat:
      fits = !is_bool && (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v));
      break;
    case PyArgKind::kBool:
      fits = is_bool;
      break;
    case PyArgKind::kString:
      fits = py::isinstance<py::str>(v);
      break;
    case PyArgKind::kList:
      fits = py::isinstance<py::list>(v);
      break;
    case PyArgKind::kMap:
      fits = py::isinstance<py::dict>(v);
      break;
    case PyArgKind::kEnum:
      break;  // checked against the choices
  }
  if (!fits) return "is not " + a_kind(kind) + " (it is a " + type_of(v) + ")";
  if (kind == PyArgKind::kFloat) {
    *out = Value(v.cast<double>());
    return {};
  }
  *out = from_python(v);
  if (kind == PyArgKind::kInt && !out->is_int()) return "does not fit in 64 bits";
  if (!plain(*out)) {
    return "holds data a config cannot (only None, bool, int, float, str, lists and dicts)";
  }
  return {};
}

/// "range": [low, high] with either bound None (open); int and float kinds only.
void parse_range(const py::handle& range, PyArgDecl& d, const DeclErrors& err) {
  if (d.kind != PyArgKind::kInt && d.kind != PyArgKind::kFloat) {
    err.value("range applies to int and float arguments, not to " + a_kind(d.kind));
  }
  if (!(py::isinstance<py::list>(range) || py::isinstance<py::tuple>(range)) ||
      py::len(range) != 2) {
    err.type("range must be [low, high] (either may be None), not " + repr_of(range));
  }
  py::sequence bounds = py::reinterpret_borrow<py::sequence>(range);
  std::optional<double>* sides[] = {&d.min, &d.max};
  for (std::size_t i = 0; i < 2; ++i) {
    py::object b = bounds[i];
    if (b.is_none()) continue;
    Value unused;
    if (!convert_to_kind(b, d.kind, &unused).empty()) {
      err.type("range bounds of " + a_kind(d.kind) + " argument must be " +
               (d.kind == PyArgKind::kInt ? "ints" : "numbers") + " or None, not " + type_of(b));
    }
    *sides[i] = b.cast<double>();
  }
  if (d.min && d.max && *d.min > *d.max) {
    err.value("range [" + repr_of(bounds[0]) + ", " + repr_of(bounds[1]) + "] is empty");
  }
}

void parse_choices(const py::handle& choices, PyArgDecl& d, const DeclErrors& err) {
  if (d.kind != PyArgKind::kEnum) {
    err.value("choices apply to enum arguments, not to " + a_kind(d.kind));
  }
  if (!(py::isinstance<py::list>(choices) || py::isinstance<py::tuple>(choices)) ||
      py::len(choices) == 0) {
    err.type("choices must be a non-empty list, not " + repr_of(choices));
  }
  for (py::handle c : choices) {
    Value v = from_python(c);
    if (!is_scalar(v)) err.type("choices must be str, int, float or bool, not " + type_of(c));
    if (std::find(d.choices.begin(), d.choices.end(), v) != d.choices.end()) {
      err.value("choice " + repr_of(c) + " is listed twice");
    }
    d.choices.push_back(std::move(v));
  }
}

void parse_default(const py::handle& value, PyArgDecl& d, const DeclErrors& err) {
  d.required = false;
  if (value.is_none()) return;  // optional, no value
  std::optional<Value> v{Value()};
  if (std::string why = convert_to_kind(value, d.kind, &*v); !why.empty()) {
    err.type("default " + repr_of(value) + " " + why);
  }
  if (d.kind == PyArgKind::kEnum &&
      std::find(d.choices.begin(), d.choices.end(), *v) == d.choices.end()) {
    err.value("default " + repr_of(value) + " is not one of the choices " +
              repr_of(to_python(Value(List(d.choices)))));
  }
  if (v->is_number()) {
    const double x = v->is_int() ? static_cast<double>(v->as_int()) : v->as_double();
    if ((d.min && x < *d.min) || (d.max && x > *d.max)) {
      err.value("default " + repr_of(value) + " is outside its range");
    }
  }
  d.default_value = std::move(v);
}

PyArgDecl parse_one(const std::string& name, const py::handle& spec, const DeclErrors& err) {
  PyArgDecl d;
  d.name = name;
  if (!py::isinstance<py::dict>(spec)) {
    err.type("the declaration must be a dict with keys kind, default, range, choices, doc; not " +
             type_of(spec));
  }
  py::dict s = py::reinterpret_borrow<py::dict>(spec);
  py::list known;
  for (const char* k : kSpecKeys) known.append(k);
  for (auto [key, value] : s) {
    if (!py::isinstance<py::str>(key))
      err.type("declaration keys must be str, not " + repr_of(key));
    const std::string k = key.cast<std::string>();
    if (std::find_if(kSpecKeys.begin(), kSpecKeys.end(), [&](const char* n) { return k == n; }) ==
        kSpecKeys.end()) {
      err.value("unknown key '" + k + "'" + close_match(k, known) +
                "; expected kind, default, range, choices or doc");
    }
  }
  if (s.contains("kind")) {
    d.kind = parse_kind(s["kind"], err);
  } else if (s.contains("choices")) {
    d.kind = PyArgKind::kEnum;
  } else {
    err.value("needs a kind (int, float, bool, str, list, dict or enum) or choices");
  }
  if (d.kind == PyArgKind::kEnum && !s.contains("choices")) err.value("an enum needs choices");
  if (s.contains("range")) parse_range(s["range"], d, err);
  if (s.contains("choices")) parse_choices(s["choices"], d, err);
  if (s.contains("default")) parse_default(s["default"], d, err);
  if (s.contains("doc")) {
    py::object doc = s["doc"];
    if (!py::isinstance<py::str>(doc)) err.type("doc must be a str, not " + type_of(doc));
    d.doc = doc.cast<std::string>();
    if (d.doc.find('\n') != std::string::npos) err.value("doc must be one line");
  }
  return d;
}

}  // namespace

const char* kind_name(PyArgKind kind) {
  switch (kind) {
    case PyArgKind::kInt:
      return "int";
    case PyArgKind::kFloat:
      return "float";
    case PyArgKind::kBool:
      return "bool";
    case PyArgKind::kString:
      return "str";
    case PyArgKind::kList:
      return "list";
    case PyArgKind::kMap:
      return "dict";
    case PyArgKind::kEnum:
      return "enum";
  }
  return "?";
}

std::vector<PyArgDecl> parse_arg_decls(const py::handle& args, const std::string& type_name,
                                       const std::vector<std::string>& ports) {
  std::vector<PyArgDecl> out;
  if (args.is_none()) return out;
  DeclErrors err(type_name);
  if (!py::isinstance<py::dict>(args)) {
    err.type("args must be a dict {name: {kind, default, range, choices, doc}}, not " +
             type_of(args));
  }
  for (auto [key, spec] : py::reinterpret_borrow<py::dict>(args)) {
    if (!py::isinstance<py::str>(key)) err.type("argument names must be str, not " + repr_of(key));
    const std::string name = key.cast<std::string>();
    err.set_arg(name);
    if (!py::str(key).attr("isidentifier")().cast<bool>()) {
      err.value("the name must be a Python identifier (the node reads it as an attribute)");
    }
    if (std::find_if(kReservedKeys.begin(), kReservedKeys.end(),
                     [&](const char* r) { return name == r; }) != kReservedKeys.end()) {
      err.value("'" + name + "' is a node key of the config itself, never passed as an argument");
    }
    if (std::find(ports.begin(), ports.end(), name) != ports.end()) {
      err.value("a port has that name (both would be attributes of the node)");
    }
    out.push_back(parse_one(name, spec, err));
  }
  return out;
}

py::dict arg_decls_to_python(const std::vector<PyArgDecl>& decls) {
  py::dict out;
  for (const auto& d : decls) {
    py::dict e;
    e["kind"] = kind_name(d.kind);
    e["required"] = d.required;
    if (!d.required) e["default"] = d.default_value ? to_python(*d.default_value) : py::none();
    if (d.min || d.max) {
      auto bound = [&](const std::optional<double>& b) -> py::object {
        if (!b) return py::none();
        if (d.kind == PyArgKind::kInt) return py::int_(static_cast<std::int64_t>(*b));
        return py::float_(*b);
      };
      e["range"] = py::make_tuple(bound(d.min), bound(d.max));
    }
    if (!d.choices.empty()) e["choices"] = to_python(Value(List(d.choices)));
    e["doc"] = d.doc;
    out[py::str(d.name)] = e;
  }
  return out;
}

}  // namespace rill::python
