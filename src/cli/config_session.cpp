// load_config: plugins first (so the registry is complete), then the TOML front-end.

#include "config_session.hpp"

#include <filesystem>
#include <ostream>

#include <rill/config/toml_loader.hpp>
#include <rill/core/plugin.hpp>
#include <rill/python/python.hpp>

namespace rill::cli {

std::shared_ptr<Registry> load_registry(const ConfigSource& source, Diagnostics& diags) {
  auto registry = std::make_shared<Registry>();
  register_builtin_nodes(*registry);
  PluginContext context;
  std::error_code ec;
  context.module_path = source.module_path.empty() ? std::filesystem::current_path(ec)
                                                   : std::filesystem::path(source.module_path);
  load_plugin_dirs(source.plugin_dirs, context, python::plugin_loaders(), *registry, diags);
  return registry;
}

std::optional<LoadedConfig> load_config(const ConfigSource& source, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  std::shared_ptr<Registry> registry = load_registry(source, diags);
  const bool plugins_ok = diags.error_count() == errors_before;

  config::TomlLoadOptions options;
  options.dynamic_path = source.dynamic_path;
  std::optional<GraphSpec> spec = config::load_toml_file(source.config_path, options, diags);
  if (!spec || !plugins_ok) return std::nullopt;
  return LoadedConfig{std::move(*spec), std::move(registry)};
}

void print_diagnostics(const Diagnostics& diags, std::ostream& out) {
  out << diags.format();
  out.flush();
}

}  // namespace rill::cli
