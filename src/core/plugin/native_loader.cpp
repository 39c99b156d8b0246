// NativePluginLoader: dlopen each `*.so` and collect what its static registrars queued.

#include <dlfcn.h>

#include <system_error>

#include "rill/core/plugin.hpp"

namespace rill {
namespace {

class NativePluginLoader final : public PluginLoader {
 public:
  [[nodiscard]] bool accepts(const std::filesystem::path& entry) const override {
    std::error_code ec;
    return entry.extension() == ".so" && std::filesystem::is_regular_file(entry, ec);
  }

  bool load(const std::filesystem::path& entry, const PluginContext& /*context*/,
            Registry& registry, Diagnostics& diags) override {
    // RTLD_NOW: an unresolved symbol (a plugin built against another rill) fails here, with a
    // located message, instead of aborting the run the first time the symbol is used.
    // RTLD_LOCAL: two plugins may define the same internal helper names without clashing.
    // The handle is deliberately never closed: registered factories point into the library.
    void* handle = dlopen(entry.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      diags.error(SourceLoc{entry.string(), 0, 0},
                  std::string("cannot load plugin: ") + (why != nullptr ? why : "unknown error"),
                  "plugin");
      return false;
    }
    registry.add_pending_plugins();
    return true;
  }
};

}  // namespace

std::unique_ptr<PluginLoader> make_native_plugin_loader() {
  return std::make_unique<NativePluginLoader>();
}

}  // namespace rill
