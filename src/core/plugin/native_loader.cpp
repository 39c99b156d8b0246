// NativePluginLoader: open each `*.so` and collect what its static registrars queued.

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
    // open_plugin_library: rill's one dlopen policy (RTLD_NOW | RTLD_LOCAL, never closed, so
    // registered factories can point into the library).
    std::string why;
    if (open_plugin_library(entry, &why) == nullptr) {
      diags.error(SourceLoc{entry.string(), 0, 0}, "cannot load plugin: " + why, "plugin");
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
