#pragma once
// The steps every command shares before it can act on a config: load the plugins into a
// registry of built-in nodes (or, for an XStream workflow, load its method libraries), then load
// and check the config. One place, so `run`, `validate` and `graph` agree on what a config means.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>
#include <rill/core/graph_spec.hpp>
#include <rill/core/registry.hpp>

namespace rill::cli {

/// Where a config and its node types come from (the flags `-c`, `--dynamic`, `-p`, `-m`).
struct ConfigSource {
  std::string config_path;
  /// MegFlow's `--dynamic FILE`: the template context (empty = none).
  std::string dynamic_path;
  /// `-p DIR`, each loaded in turn.
  std::vector<std::string> plugin_dirs;
  /// `--plugin LIB`: single C++ shared libraries, loaded in order after the directories.
  std::vector<std::string> plugin_files;
  /// `-m DIR`, MegFlow's module path (empty = the current directory).
  std::string module_path;
};

/// A config that loaded without errors, with the registry its node types resolve against.
struct LoadedConfig {
  GraphSpec spec;
  std::shared_ptr<const Registry> registry;
};

/// The built-in node types plus every plugin of `source.plugin_dirs` and `plugin_files`. Load
/// failures go to `diags`; the registry holds whatever did load.
std::shared_ptr<Registry> load_registry(const ConfigSource& source, Diagnostics& diags);

/// For XStream workflows: loads the shared libraries of `source.plugin_dirs` (every `*.so`, by
/// the same loader as C++ node plugins) and `plugin_files`, which register method types or
/// define XStream's CreateMethod hook. Returns false when one failed (errors in `diags`).
bool load_method_libraries(const ConfigSource& source, Diagnostics& diags);

/// True when `source` names any plugin (`-p` or `--plugin`).
inline bool has_plugins(const ConfigSource& source) {
  return !source.plugin_dirs.empty() || !source.plugin_files.empty();
}

/// Loads plugins and the config; every problem of both goes to `diags` (plugin failures do not
/// hide config errors). Returns std::nullopt when any error was found.
std::optional<LoadedConfig> load_config(const ConfigSource& source, Diagnostics& diags);

/// Prints every diagnostic, one `FILE:LINE:COL: error: MESSAGE` line each.
void print_diagnostics(const Diagnostics& diags, std::ostream& out);

}  // namespace rill::cli
