// What the loaded method libraries provide: ask rill::sdk's registry and the XStream hooks.

#include "workflow_plugins.hpp"

#include <exception>

#include <rill/sdk/method_registry.hpp>

namespace rill::cli {

bool method_type_known(const std::string& type) {
  // XStream's hook has no "list your types" call: creating an instance (through the registry,
  // then the hook, as a workflow would) is the only way to ask.
  try {
    return sdk::default_method_factory()(type) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string describe_method_providers() {
  std::string types;
  for (const std::string& t : sdk::registered_method_types()) {
    types += (types.empty() ? "" : ", ") + t;
  }
  const bool hook = sdk::has_xstream_factory_hook();
  if (types.empty()) {
    if (!hook) return "no method types";
    types = "no registered types";
  }
  return hook ? types + " (and an XStream CreateMethod factory)" : types;
}

}  // namespace rill::cli
