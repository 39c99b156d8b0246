#pragma once
// XStream method plugins for `rill run|validate --plugin LIB` with a `.json` workflow: shared
// libraries providing method types, and the questions the CLI asks about what they provide.

#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>

namespace rill::cli {

/// dlopens each library with RTLD_NOW | RTLD_GLOBAL and keeps it loaded for the process's
/// lifetime (its methods' code must outlive every workflow). A library provides method types
/// by RILL_SDK_REGISTER_METHOD (static registration at load time) or by defining XStream's hook
/// `xstream::method_factory::CreateMethod`, which rill::sdk looks up by name at run time —
/// hence RTLD_GLOBAL. Each failure is an error located at the library:
/// `LIB: error: cannot load plugin: <dlerror>`. Returns true when all loaded.
bool load_method_plugins(const std::vector<std::string>& libraries, Diagnostics& diags);

/// True when a loaded plugin (or the program) provides `type`: it is registered, or the
/// CreateMethod hook creates an instance of it (destroyed at once, never initialised).
/// A factory that throws counts as not knowing the type.
bool method_type_known(const std::string& type);

/// What the loaded plugins provide, for messages: "A, B", "A, B (and an XStream CreateMethod
/// factory)", "no registered types (and an XStream CreateMethod factory)" or "no method types".
std::string describe_method_providers();

}  // namespace rill::cli
