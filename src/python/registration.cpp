#include "registration.hpp"

#include <pybind11/stl.h>

#include "convert.hpp"
#include "fiber.hpp"
#include "python_node.hpp"

namespace rill::python {
namespace {

std::vector<PortDecl> parse_ports(const std::vector<std::string>& decls, const std::string& cls,
                                  const char* which) {
  std::vector<PortDecl> out;
  for (const auto& d : decls) {
    PortDecl p;
    if (!parse_port_decl(d, &p) || p.kind == PortKind::kDyn) {
      throw py::value_error("@register of " + cls + ": bad " + which + " port '" + d +
                            "' (expected \"name\", \"name:[]\" or \"name:{}\")");
    }
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

/// A `register(args=...)` declaration as the engine-wide schema, so the planner checks a Python
/// node's declared arguments like any other node's (located errors before anything runs).
ArgSpec arg_spec(const PyArgDecl& d) {
  ArgSpec a;
  a.name = d.name;
  a.doc = d.doc;
  a.required = d.required;
  if (d.default_value) a.def = *d.default_value;
  a.min = d.min;
  a.max = d.max;
  switch (d.kind) {
    case PyArgKind::kInt:
      a.kind = ArgKind::kInt;
      break;
    case PyArgKind::kFloat:
      a.kind = ArgKind::kFloat;
      break;
    case PyArgKind::kBool:
      a.kind = ArgKind::kBool;
      break;
    case PyArgKind::kString:
      a.kind = ArgKind::kString;
      break;
    case PyArgKind::kList:
      a.kind = ArgKind::kList;
      break;
    case PyArgKind::kMap:
      a.kind = ArgKind::kMap;
      break;
    case PyArgKind::kEnum:
      // The schema's choices are strings; choices of other types are checked by Python alone.
      a.kind = ArgKind::kEnum;
      for (const Value& v : d.choices) {
        if (!v.is_string()) {
          a.kind = ArgKind::kAny;
          a.choices.clear();
          break;
        }
        a.choices.push_back(v.as_string());
      }
      break;
  }
  return a;
}

}  // namespace

NodeType node_type(const std::shared_ptr<const PyNodeClass>& c) {
  NodeType t;
  t.name = c->name;
  for (const PortDecl& p : c->inputs) t.contract.add_input(p);
  for (const PortDecl& p : c->outputs) t.contract.add_output(p);
  // MegFlow never checked a Python node's attributes: undeclared ones stay allowed.
  for (const PyArgDecl& d : c->args) t.contract.add_arg(arg_spec(d));
  t.contract.exclusive(c->exclusive).open_args();
  // Non-exclusive Python nodes all run on the one Python executor thread; exclusive ones get a
  // blocking-pool thread of their own (the runtime's rule for exclusive types).
  t.executor = c->exclusive ? "" : "python";
  t.doc = "Python class " + c->where + (c->exclusive ? " (exclusive)" : "");
  t.factory = [c](const NodeConfig& config) -> std::unique_ptr<Node> {
    return std::make_unique<PythonNode>(c, config);
  };
  return t;
}

ResourceType resource_type(const std::shared_ptr<const PyResourceClass>& r) {
  ResourceType t;
  t.name = r->name;
  t.factory = [r](const std::string& name, const Map& args) -> Value {
    GilHold gil;
    try {
      py::object obj = py::handle(r->factory.get())(name, to_python(Value(args)));
      // Kept as the Python object itself: nodes get the very same object (its methods, state).
      return Value(
          std::shared_ptr<Object>(std::make_shared<PyObjectValue>(PyRef::borrow(obj.ptr()))));
    } catch (py::error_already_set& e) {
      e.restore();
      throw std::runtime_error("Python resource " + r->name + " failed:\n" +
                               PyError::fetch().format());
    }
  };
  return t;
}

std::string where_of(const py::object& cls) {
  std::string mod =
      py::hasattr(cls, "__module__") ? py::str(cls.attr("__module__")).cast<std::string>() : "";
  std::string name = py::hasattr(cls, "__qualname__")
                         ? py::str(cls.attr("__qualname__")).cast<std::string>()
                         : py::str(cls).cast<std::string>();
  return mod.empty() ? name : mod + "." + name;
}

}  // namespace

Registrations& Registrations::instance() {
  static auto* r = new Registrations;  // never destroyed: node types may outlive static teardown
  return *r;
}

void Registrations::add(std::shared_ptr<const PyNodeClass> node) {
  nodes_.push_back(std::move(node));
}
void Registrations::add(std::shared_ptr<const PyResourceClass> res) {
  resources_.push_back(std::move(res));
}

void Registrations::add_to(Registry& registry, const std::string& origin) const {
  for (const auto& n : nodes_) {
    if (n->origin == origin) registry.add_node(node_type(n));
  }
  for (const auto& r : resources_) {
    if (r->origin == origin) registry.add_resource(resource_type(r));
  }
}

py::dict Registrations::collect() const {
  py::list nodes;
  for (const auto& n : nodes_) {
    py::list ins;
    py::list outs;
    for (const auto& p : n->inputs) ins.append(format_port_decl(p));
    for (const auto& p : n->outputs) outs.append(format_port_decl(p));
    py::dict d;
    d["name"] = n->name;
    d["code"] = py::handle(n->cls.get());
    d["inputs"] = ins;
    d["outputs"] = outs;
    d["exclusive"] = n->exclusive;
    d["args"] = arg_decls_to_python(n->args);
    nodes.append(d);
  }
  py::list res;
  for (const auto& r : resources_) {
    py::dict d;
    d["name"] = r->name;
    d["code"] = py::handle(r->factory.get());
    res.append(d);
  }
  py::dict out;
  out["nodes"] = nodes;
  out["resources"] = res;
  return out;
}

void bind_registration(py::module_& m) {
  m.def(
      "register",
      [](const py::object& name, const std::vector<std::string>& inputs,
         const std::vector<std::string>& outputs, bool exclusive, const py::object& args) {
        return py::cpp_function([=](py::object cls) {
          auto c = std::make_shared<PyNodeClass>();
          c->name = name.is_none() ? py::str(cls.attr("__name__")).cast<std::string>()
                                   : name.cast<std::string>();
          c->cls = PyRef::borrow(cls.ptr());
          c->inputs = parse_ports(inputs, c->name, "input");
          c->outputs = parse_ports(outputs, c->name, "output");
          std::vector<std::string> port_names;
          for (const auto& p : c->inputs) port_names.push_back(p.name);
          for (const auto& p : c->outputs) port_names.push_back(p.name);
          c->args = parse_arg_decls(args, c->name, port_names);
          c->exclusive = exclusive;
          c->origin = Registrations::instance().importing;
          c->where = where_of(cls);
          Registrations::instance().add(std::move(c));
          return cls;
        });
      },
      py::arg("name") = py::none(), py::arg("inputs") = std::vector<std::string>{},
      py::arg("outputs") = std::vector<std::string>{}, py::arg("exclusive") = false,
      py::arg("args") = py::none(),
      "Class decorator: registers a node type. Ports are \"p\", \"p:[]\" (list) or \"p:{}\" "
      "(dict); exclusive=True gives each instance a thread of its own (for blocking code); "
      "args={name: {kind, default, range, choices, doc}} declares arguments (kind: int, float, "
      "bool, str, list, dict or enum; no default = required), whose defaults the node gets "
      "when the config omits them, in its args and as attributes.");
  m.def(
      "res_register",
      [](const py::object& name) {
        return py::cpp_function([=](py::object factory) {
          auto r = std::make_shared<PyResourceClass>();
          r->name = name.is_none() ? py::str(factory.attr("__name__")).cast<std::string>()
                                   : name.cast<std::string>();
          r->factory = PyRef::borrow(factory.ptr());
          r->origin = Registrations::instance().importing;
          Registrations::instance().add(std::move(r));
          return factory;
        });
      },
      py::arg("name") = py::none(),
      "Decorator: registers a resource type; factory(name, args) builds the resource.");
  m.def(
      "collect", [] { return Registrations::instance().collect(); },
      "Every registration so far: {'nodes': [...], 'resources': [...]}.");
}

}  // namespace rill::python
