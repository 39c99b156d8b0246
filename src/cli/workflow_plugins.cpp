// What the loaded method libraries provide: ask rill::sdk's registry and the XStream hooks.

#include "workflow_plugins.hpp"

#include <algorithm>
#include <exception>
#include <vector>

#include <rill/sdk/method_registry.hpp>
#include <rill/vision_sdk/methods.hpp>

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
  const std::vector<std::string> builtin = vision::vision_method_types();
  std::string builtin_list;
  for (const std::string& t : builtin) builtin_list += (builtin_list.empty() ? "" : ", ") + t;
  std::string types;
  for (const std::string& t : sdk::registered_method_types()) {
    if (std::find(builtin.begin(), builtin.end(), t) != builtin.end()) continue;
    types += (types.empty() ? "" : ", ") + t;
  }
  const bool hook = sdk::has_xstream_factory_hook();
  if (types.empty()) {
    if (!hook) return "no method types; built in: " + builtin_list;
    types = "no registered types";
  }
  return (hook ? types + " (and an XStream CreateMethod factory)" : types) +
         "; built in: " + builtin_list;
}

}  // namespace rill::cli
