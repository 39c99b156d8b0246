// load_plugin_dirs: walk the `-p` directories and hand each entry to the first loader that
// accepts it.

#include <algorithm>
#include <system_error>

#include "rill/core/plugin.hpp"

namespace rill {
namespace fs = std::filesystem;

namespace {

/// What MegFlow would import from a plugin directory: a `*.py` file or a package.
bool looks_like_python_plugin(const fs::path& entry) {
  std::error_code ec;
  if (entry.extension() == ".py") return fs::is_regular_file(entry, ec);
  return fs::is_directory(entry, ec) && fs::exists(entry / "__init__.py", ec);
}

}  // namespace

bool load_plugin_dirs(const std::vector<std::string>& dirs, const PluginContext& context,
                      const std::vector<std::unique_ptr<PluginLoader>>& loaders, Registry& registry,
                      Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      diags.error(SourceLoc{dir, 0, 0}, "plugin path is not a directory", "plugin");
      continue;
    }
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
    if (ec) {
      diags.error(SourceLoc{dir, 0, 0}, "cannot list plugin directory: " + ec.message(), "plugin");
      continue;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
      auto it = std::find_if(loaders.begin(), loaders.end(),
                             [&](const auto& l) { return l->accepts(entry); });
      if (it != loaders.end()) {
        (*it)->load(entry, context, registry, diags);
      } else if (looks_like_python_plugin(entry)) {
        // Said out loud: otherwise the config fails later with a bare "unknown node type".
        diags.warning(SourceLoc{entry.string(), 0, 0},
                      "no Python plugin loader in this program; skipped", "plugin");
      }
    }
  }
  return diags.error_count() == errors_before;
}

}  // namespace rill
