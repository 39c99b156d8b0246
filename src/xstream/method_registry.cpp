#include "rill/sdk/method_registry.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <map>
#include <mutex>

#include <rill/core/plugin.hpp>

namespace xstream::method_factory {
// XStream programs define this hook themselves, without a declaration from any header. Weak, so
// the library links whether or not the program defines it.
MethodPtr CreateMethod(const std::string& method_name) __attribute__((weak));
}  // namespace xstream::method_factory

namespace rill::sdk {

namespace {

struct Registry {
  std::mutex mu;
  std::map<std::string, std::function<MethodPtr()>> types;
};

Registry& registry() {
  static Registry r;
  return r;
}

using Hook = MethodPtr (*)(const std::string&);

constexpr const char* kHookSymbol =
    "_ZN7xstream14method_factory12CreateMethodERKNSt7__cxx1112basic_stringIcSt11"
    "char_traitsIcESaIcEEE";

// Every definition of the hook, asked in this order: the program's own (the weak reference
// resolves to it), one in the global scope (a library the program links), then each plugin
// library's, found by name in the plugin itself because plugins are opened RTLD_LOCAL
// (rill/core/plugin.hpp). Several method libraries may each define one.
std::vector<Hook> find_hooks() {
  std::vector<void*> found;
  if (&xstream::method_factory::CreateMethod != nullptr) {
    found.push_back(reinterpret_cast<void*>(&xstream::method_factory::CreateMethod));
  }
  if (void* global = dlsym(RTLD_DEFAULT, kHookSymbol)) found.push_back(global);
  for (void* sym : rill::find_plugin_symbols(kHookSymbol)) found.push_back(sym);
  std::vector<Hook> hooks;
  for (void* sym : found) {
    auto hook = reinterpret_cast<Hook>(sym);
    if (std::find(hooks.begin(), hooks.end(), hook) == hooks.end()) hooks.push_back(hook);
  }
  return hooks;
}

}  // namespace

void register_method(const std::string& type, std::function<MethodPtr()> create) {
  Registry& r = registry();
  std::lock_guard g(r.mu);
  r.types[type] = std::move(create);
}

std::vector<std::string> registered_method_types() {
  Registry& r = registry();
  std::lock_guard g(r.mu);
  std::vector<std::string> names;
  for (const auto& [name, create] : r.types) names.push_back(name);
  return names;
}

bool has_xstream_factory_hook() { return !find_hooks().empty(); }

MethodFactory default_method_factory() {
  return [](const std::string& type) -> MethodPtr {
    {
      Registry& r = registry();
      std::function<MethodPtr()> create;
      {
        std::lock_guard g(r.mu);
        auto it = r.types.find(type);
        if (it != r.types.end()) create = it->second;
      }
      if (create) return create();
    }
    for (Hook hook : find_hooks()) {
      if (MethodPtr m = hook(type)) return m;
    }
    return nullptr;
  };
}

}  // namespace rill::sdk
