// load_config: plugins first (so the registry is complete), then the TOML front-end;
// load_method_libraries: the built-in vision method types, then the same C++ plugin loader, for
// XStream workflows.

#include "config_session.hpp"

#include <filesystem>
#include <ostream>

#include <rill/config/toml_loader.hpp>
#include <rill/core/plugin.hpp>
#include <rill/media/nodes.hpp>
#include <rill/python/python.hpp>
#include <rill/vision/nodes.hpp>
#include <rill/vision_sdk/methods.hpp>

namespace rill::cli {

namespace {

/// `--plugin LIB`: each file is a C++ shared library, whatever its name, opened by the same
/// loader as the `*.so` entries of a plugin directory.
void load_plugin_files(const std::vector<std::string>& files, const PluginContext& context,
                       Registry& registry, Diagnostics& diags) {
  if (files.empty()) return;
  std::unique_ptr<PluginLoader> native = make_native_plugin_loader();
  for (const std::string& file : files) native->load(file, context, registry, diags);
}

}  // namespace

std::shared_ptr<Registry> load_registry(const ConfigSource& source, Diagnostics& diags) {
  auto registry = std::make_shared<Registry>();
  register_builtin_nodes(*registry);
  media::register_media_nodes(*registry);
  vision::register_vision_nodes(*registry);
  PluginContext context;
  std::error_code ec;
  context.module_path = source.module_path.empty() ? std::filesystem::current_path(ec)
                                                   : std::filesystem::path(source.module_path);
  load_plugin_dirs(source.plugin_dirs, context, python::plugin_loaders(), *registry, diags);
  load_plugin_files(source.plugin_files, context, *registry, diags);
  return registry;
}

bool load_method_libraries(const ConfigSource& source, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  // The built-in method types first, so that a plugin registering the same name replaces them.
  vision::register_vision_methods();
  // Method types register with rill::sdk, not with a node registry; node types such a library
  // might also register are collected into one nobody uses.
  Registry unused;
  std::vector<std::unique_ptr<PluginLoader>> native;
  native.push_back(make_native_plugin_loader());
  load_plugin_dirs(source.plugin_dirs, PluginContext{}, native, unused, diags);
  load_plugin_files(source.plugin_files, PluginContext{}, unused, diags);
  return diags.error_count() == errors_before;
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
