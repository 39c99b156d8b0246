#pragma once
// Method types a workflow may name (`method_type`). Three sources, tried in order: the factory a
// program passes to Workflow::open, types registered here (by the program or by a `--plugin`
// library calling register_method from its entry point), and XStream's hook, a free function
// `xstream::method_factory::CreateMethod` the program or a loaded plugin defines.

#include <functional>
#include <string>
#include <vector>

#include <rill/sdk/data.hpp>

namespace rill::sdk {

/// Creates one instance of a method type; nullptr when it does not know the type.
using MethodFactory = std::function<MethodPtr(const std::string& method_type)>;

/// Registers `type`. Registering a type again replaces it (the last plugin loaded wins).
/// Thread safety: any thread; call before the workflows that use the type are opened.
void register_method(const std::string& type, std::function<MethodPtr()> create);

/// Registered type names, sorted.
std::vector<std::string> registered_method_types();

/// The factory Workflow uses when given none: the registry, then every definition of the XStream
/// `xstream::method_factory::CreateMethod` hook (the program's, then each plugin library's in
/// load order; found at run time), the first that returns an instance winning.
MethodFactory default_method_factory();

/// True when the program or a loaded plugin library defines XStream's
/// `xstream::method_factory::CreateMethod`.
bool has_xstream_factory_hook();

}  // namespace rill::sdk

/// Registers Class (default-constructible, derived from xstream::Method) as method type
/// `type_name`: RILL_SDK_REGISTER_METHOD("Detector", MyDetector); at namespace scope of a plugin.
#define RILL_SDK_REGISTER_METHOD(type_name, Class)                                     \
  static const bool rill_sdk_registered_##Class = [] {                                 \
    ::rill::sdk::register_method(type_name, [] { return std::make_shared<Class>(); }); \
    return true;                                                                       \
  }()
