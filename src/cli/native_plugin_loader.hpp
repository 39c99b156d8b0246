#pragma once
// NativePluginLoader: C++ node plugins, i.e. shared libraries (`*.so`) whose node types register
// themselves with RILL_REGISTER_NODE when the library is loaded.

#include "plugin_loader.hpp"

namespace rill::cli {

/// Loads `*.so` files with dlopen. The library resolves rill's symbols against the `rill`
/// executable itself (built with exported symbols), so a plugin links no copy of rill_core: the
/// registrations land in the same pending list Registry::add_pending_plugins() reads.
class NativePluginLoader final : public PluginLoader {
 public:
  [[nodiscard]] bool accepts(const std::filesystem::path& entry) const override;
  bool load(const std::filesystem::path& entry, const PluginContext& context, Registry& registry,
            Diagnostics& diags) override;
};

}  // namespace rill::cli
