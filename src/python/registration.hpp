#pragma once
// @register / @res_register: Python node classes and resource factories, recorded process-wide
// with the plugin module whose import made them, so that each Graph (and `rill run`) adds exactly
// the types of the plugins it loads, plus those registered outside any plugin (a host script's),
// from a clean registry (MegFlow collected only for the first Graph and never cleared).

#include <memory>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include <rill/core/registry.hpp>

#include "arg_decl.hpp"
#include "py_ref.hpp"

namespace rill::python {

namespace py = pybind11;

/// One `@register`ed class.
struct PyNodeClass {
  std::string name;
  PyRef cls;
  std::vector<PortDecl> inputs;
  std::vector<PortDecl> outputs;
  std::vector<PyArgDecl> args;  ///< declared in register(args=...); others stay allowed
  bool exclusive = false;
  std::string origin;  ///< plugin module whose import registered it; "" = outside any plugin
  std::string where;   ///< "module.Qualname" for listings and messages
};

/// One `@res_register`ed factory.
struct PyResourceClass {
  std::string name;
  PyRef factory;
  std::string origin;
};

/// Thread safety: every member needs the GIL.
class Registrations {
 public:
  static Registrations& instance();

  void add(std::shared_ptr<const PyNodeClass> node);
  void add(std::shared_ptr<const PyResourceClass> res);
  /// Adds to `registry` what `origin` registered, in registration order (later ones win).
  void add_to(Registry& registry, const std::string& origin) const;
  /// MegFlow's collect(): every registration so far (cumulative, as the original's).
  [[nodiscard]] py::dict collect() const;

  /// The plugin module being imported now ("" when none): registrations are attributed to it.
  std::string importing;

 private:
  std::vector<std::shared_ptr<const PyNodeClass>> nodes_;
  std::vector<std::shared_ptr<const PyResourceClass>> resources_;
};

/// Registers register, res_register and collect in `m`.
void bind_registration(py::module_& m);

}  // namespace rill::python
