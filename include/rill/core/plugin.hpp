#pragma once
// PluginLoader: the seam between `-p DIR` plugin directories and the languages plugins are
// written in. Each loader claims the directory entries it understands (C++ shared libraries,
// Python modules and packages) and adds what they register to a Registry. A new language is one
// more PluginLoader, not a change to the CLI or to the Python host API, which both walk plugin
// directories through load_plugin_dirs().

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "rill/core/diagnostic.hpp"
#include "rill/core/registry.hpp"

namespace rill {

/// What every loader may need besides the entry itself.
struct PluginContext {
  /// MegFlow's module path (`-m`, default: the current directory): the root Python plugin modules
  /// are imported relative to. Unused by the C++ loader.
  std::filesystem::path module_path;
};

/// Loads one kind of plugin. Lifecycle: lives as long as any registry it filled, because node
/// types it registers may point into what it loaded (a dlopen'ed library is never closed).
/// Thread safety: called from one thread at a time, before graphs using the registry are built.
class PluginLoader {
 public:
  virtual ~PluginLoader() = default;
  /// True when `entry` (a direct child of a plugin directory) is this loader's to load.
  [[nodiscard]] virtual bool accepts(const std::filesystem::path& entry) const = 0;
  /// Loads `entry` and adds its registrations to `registry`. A failure is reported in `diags`,
  /// located at the entry's path (or at the failing line inside it), and returns false.
  virtual bool load(const std::filesystem::path& entry, const PluginContext& context,
                    Registry& registry, Diagnostics& diags) = 0;
};

/// Opens the shared library `path` with rill's one dlopen policy, used for every library rill
/// loads as a plugin (C++ node plugins, XStream method libraries): RTLD_NOW | RTLD_LOCAL, never
/// closed (docs/architecture.md, "Plugin libraries"). RTLD_NOW reports a missing symbol here;
/// RTLD_LOCAL keeps each plugin's symbols out of the process's global scope, so two plugins'
/// same-named helpers cannot bind to each other; a plugin needing another links against it.
/// A symbol the host looks up by name (XStream's CreateMethod hook) is found through
/// find_plugin_symbols. Returns the handle, or null with the dlerror text in `*error`.
/// Thread safety: any thread.
void* open_plugin_library(const std::filesystem::path& path, std::string* error);

/// The address of `symbol` in each library open_plugin_library opened, in load order (libraries
/// that do not define it are skipped). Thread safety: any thread.
std::vector<void*> find_plugin_symbols(const char* symbol);

/// C++ node plugins: `*.so` files loaded with dlopen, whose RILL_REGISTER_NODE registrations are
/// collected when the library is loaded. A plugin links librill_core.so, so it shares this
/// process's one copy of the runtime (one pending list, one executor set, one type identity).
std::unique_ptr<PluginLoader> make_native_plugin_loader();

/// Loads every plugin found directly in each of `dirs` with the first of `loaders` that accepts
/// it (entries sorted by name, so the winner of two same-named registrations does not depend on
/// directory order). A missing directory or a plugin that fails to load is an error in `diags`;
/// a `*.py` file or package no loader accepts is a warning; other entries are skipped.
/// Returns true when there were no errors.
bool load_plugin_dirs(const std::vector<std::string>& dirs, const PluginContext& context,
                      const std::vector<std::unique_ptr<PluginLoader>>& loaders, Registry& registry,
                      Diagnostics& diags);

}  // namespace rill
