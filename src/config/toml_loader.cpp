// The MegFlow TOML front-end entry points.

#include <filesystem>
#include <set>
#include <string>

#include <rill/config/toml_loader.hpp>

#include "text_file.hpp"
#include "toml/fragment_loader.hpp"
#include "toml/include_resolver.hpp"
#include "toml/spec_checks.hpp"

namespace rill::config {
namespace fs = std::filesystem;
using toml_fe::ConfigFragment;

namespace {

/// The template context: the dynamic TOML's root table, or an empty map.
std::optional<Value> load_context(const TomlLoadOptions& options, Diagnostics& diags) {
  if (!options.dynamic_path.empty()) {
    std::string text;
    std::string why;
    if (!read_text_file(options.dynamic_path, &text, &why)) {
      diags.error(SourceLoc{options.dynamic_path, 0, 0}, "cannot read dynamic file: " + why);
      return std::nullopt;
    }
    return toml_fe::parse_toml_value(text, options.dynamic_path, diags);
  }
  if (!options.dynamic_text.empty()) {
    return toml_fe::parse_toml_value(options.dynamic_text, "<dynamic>", diags);
  }
  return Value(Map{});
}

/// Adds the diagnostics of `from` to `into`, each distinct one once. A template loop that
/// renders the same mistake N times yields N identical located messages; one is enough.
void append_unique(const Diagnostics& from, Diagnostics& into) {
  std::set<std::string> seen;  // the formatted line is what the user would see twice
  for (const Diagnostic& d : from.items()) {
    if (seen.insert(d.format()).second) into.add(d);
  }
}

std::optional<GraphSpec> load_into(const std::string& text, const std::string& file,
                                   const fs::path& base_dir, const std::string& identity,
                                   const TomlLoadOptions& options, Diagnostics& diags) {
  std::optional<Value> context = load_context(options, diags);
  if (!context) return std::nullopt;
  toml_fe::IncludeResolver resolver(*context, diags);
  std::optional<ConfigFragment> merged = resolver.load(text, file, base_dir, identity);
  if (!merged) return std::nullopt;

  GraphSpec spec;
  spec.file = file;
  if (merged->main) {
    spec.main = *merged->main;
    spec.main_loc = merged->main_loc;
  } else if (!merged->has_main) {  // present but invalid was reported by the reader
    diags.error(merged->loc, "missing required key 'main' in config", "main");
  }
  // MegFlow also required `graphs` in every file. A root without graphs cannot name a main graph,
  // which check_main_graph reports, so a separate "missing graphs" error would only repeat it.
  spec.graphs = std::move(merged->graphs);
  spec.nodes = std::move(merged->nodes);
  spec.resources = std::move(merged->resources);
  spec.executors = std::move(merged->executors);
  toml_fe::check_main_graph(spec, diags);
  toml_fe::check_unique_names(spec, diags);
  toml_fe::check_executor_count(spec, diags);
  if (diags.has_errors()) return std::nullopt;
  return spec;
}

std::optional<GraphSpec> load(const std::string& text, const std::string& file,
                              const fs::path& base_dir, const std::string& identity,
                              const TomlLoadOptions& options, Diagnostics& diags) {
  Diagnostics found;
  std::optional<GraphSpec> spec = load_into(text, file, base_dir, identity, options, found);
  append_unique(found, diags);
  return spec;
}

}  // namespace

std::optional<GraphSpec> load_toml_file(const std::string& path, const TomlLoadOptions& options,
                                        Diagnostics& diags) {
  std::string text;
  std::string why;
  if (!read_text_file(path, &text, &why)) {
    diags.error(SourceLoc{path, 0, 0}, "cannot read config file: " + why);
    return std::nullopt;
  }
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return load(text, path, fs::path(path).parent_path(), ec ? path : canonical.string(), options,
              diags);
}

std::optional<GraphSpec> load_toml_string(const std::string& text, const std::string& virtual_name,
                                          const std::string& base_dir,
                                          const TomlLoadOptions& options, Diagnostics& diags) {
  return load(text, virtual_name.empty() ? "<string>" : virtual_name, fs::path(base_dir), "",
              options, diags);
}

}  // namespace rill::config
