// open_plugin_library / find_plugin_symbols: the one dlopen policy, and the list of what it
// opened, which stands in for RTLD_GLOBAL's process-wide lookup.

#include <dlfcn.h>

#include <mutex>

#include "rill/core/plugin.hpp"

namespace rill {
namespace {

struct OpenedLibraries {
  std::mutex mu;
  std::vector<void*> handles;  // in load order; never closed
};

OpenedLibraries& opened() {
  static OpenedLibraries libs;
  return libs;
}

}  // namespace

void* open_plugin_library(const std::filesystem::path& path, std::string* error) {
  OpenedLibraries& libs = opened();
  // Under the lock: dlerror() is per thread, but the handle list and its order are shared.
  std::lock_guard g(libs.mu);
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    if (error != nullptr) *error = why != nullptr ? why : "unknown error";
    return nullptr;
  }
  // Opening a library twice returns the same handle: list it once.
  for (void* h : libs.handles) {
    if (h == handle) return handle;
  }
  libs.handles.push_back(handle);
  return handle;
}

std::vector<void*> find_plugin_symbols(const char* symbol) {
  OpenedLibraries& libs = opened();
  std::lock_guard g(libs.mu);
  std::vector<void*> found;
  for (void* h : libs.handles) {
    // dlsym on a handle searches that library and its dependencies: a plugin's own definition.
    if (void* sym = dlsym(h, symbol)) {
      bool seen = false;
      for (void* f : found) seen = seen || f == sym;
      if (!seen) found.push_back(sym);
    }
  }
  return found;
}

}  // namespace rill
