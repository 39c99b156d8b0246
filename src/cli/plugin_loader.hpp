#pragma once
// PluginLoader: the seam between the `-p DIR` plugin directories and the languages plugins are
// written in. Each loader claims the directory entries it understands (C++ shared libraries
// today; Python modules and packages when the Python layer lands) and adds what they register
// to the Registry. A new language is one more PluginLoader, not a change to the commands.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>
#include <rill/core/registry.hpp>

namespace rill::cli {

/// What every loader may need besides the entry itself.
struct PluginContext {
  /// MegFlow's module path (`-m`, default: the current directory): the root Python plugin modules
  /// are imported relative to (spec §5.8). Unused by the C++ loader.
  std::filesystem::path module_path;
};

/// Loads one kind of plugin. Lifecycle: lives for the whole process, because node types it
/// registers keep pointers into what it loaded (a dlopen'ed library is never closed).
/// Thread safety: called from the main thread only, before any graph is built.
class PluginLoader {
 public:
  virtual ~PluginLoader() = default;
  /// True when `entry` (a direct child of a plugin directory) is this loader's to load.
  [[nodiscard]] virtual bool accepts(const std::filesystem::path& entry) const = 0;
  /// Loads `entry` and adds its registrations to `registry`. A failure is reported in `diags`,
  /// located at the entry's path, and returns false.
  virtual bool load(const std::filesystem::path& entry, const PluginContext& context,
                    Registry& registry, Diagnostics& diags) = 0;
};

/// Every loader this build has, in the order they are asked.
std::vector<std::unique_ptr<PluginLoader>> make_plugin_loaders();

/// Loads every plugin found directly in each of `dirs` (entries sorted by name, so the winner of
/// two same-named registrations does not depend on directory order). A missing directory or a
/// plugin that fails to load is an error in `diags`; entries no loader accepts are skipped.
/// Returns true when there were no errors.
bool load_plugin_dirs(const std::vector<std::string>& dirs, const PluginContext& context,
                      Registry& registry, Diagnostics& diags);

}  // namespace rill::cli
