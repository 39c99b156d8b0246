#include "rill/sdk/method_registry.hpp"

#include <dlfcn.h>

#include <map>
#include <mutex>

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

// The weak reference resolves when the program itself defines the hook; a plugin library loaded
// later with dlopen(RTLD_GLOBAL) is found by symbol name instead.
Hook find_hook() {
  if (&xstream::method_factory::CreateMethod != nullptr)
    return &xstream::method_factory::CreateMethod;
  void* sym = dlsym(RTLD_DEFAULT,
                    "_ZN7xstream14method_factory12CreateMethodERKNSt7__cxx1112basic_stringIcSt11"
                    "char_traitsIcESaIcEEE");
  return reinterpret_cast<Hook>(sym);
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

bool has_xstream_factory_hook() { return find_hook() != nullptr; }

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
    if (Hook hook = find_hook()) return hook(type);
    return nullptr;
  };
}

}  // namespace rill::sdk
