// NativePluginLoader: dlopen each `*.so` and collect what its static registrars queued.

#include "native_plugin_loader.hpp"

#include <dlfcn.h>

#include <system_error>

namespace rill::cli {

bool NativePluginLoader::accepts(const std::filesystem::path& entry) const {
  std::error_code ec;
  return entry.extension() == ".so" && std::filesystem::is_regular_file(entry, ec);
}

bool NativePluginLoader::load(const std::filesystem::path& entry, const PluginContext& context,
                              Registry& registry, Diagnostics& diags) {
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

}  // namespace rill::cli
