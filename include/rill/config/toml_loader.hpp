#pragma once
// The MegFlow TOML front-end: template rendering, TOML parsing, `include` resolution and the
// schema/syntax validation passes, producing a GraphSpec. Semantic checks that need the node
// registry (unknown node types, unknown ports, dynamic `A|B` types) belong to the core planner.

#include <optional>
#include <string>

#include <rill/core/diagnostic.hpp>
#include <rill/core/graph_spec.hpp>

namespace rill::config {

/// Where the template context of a config comes from (MegFlow's `--dynamic FILE`/`dynamic_str`).
/// When both are empty the context is an empty map.
struct TomlLoadOptions {
  /// A TOML file whose root table is the template context; wins over dynamic_text.
  std::string dynamic_path;
  /// The same as text (diagnostics name it "<dynamic>").
  std::string dynamic_text;
};

/// Loads a MegFlow config file (relative includes resolve against its directory).
///
/// Returns the spec, or std::nullopt when any error was found; every problem found (template,
/// TOML syntax, schema, includes, duplicate names, ...) is in `diags` as
/// `FILE:LINE:COL: error: MESSAGE`, with FILE as given (included files: their path joined to the
/// including file's directory) and LINE:COL in the template source the user wrote. Identical
/// diagnostics (a template loop repeating one mistake) are reported once. Warnings (e.g.
/// ignored unknown keys in graph inputs) may be added even on success.
///
/// Rules beyond MegFlow's: relative includes resolve against the including file's directory
/// (MegFlow: against the parent of cwd when the root came as text); included files may be fragments
/// without `main`/`graphs` (MegFlow required both), and so may the root, provided `main` names a
/// graph defined in it or an included file; duplicate node, graph, resource, input, output and
/// executor names are errors (MegFlow silently kept the last); the rill extension `[[executors]]`
/// and the node keys `executor` and `on_error` are understood.
///
/// Thread safety: reentrant; reads files, touches no global state.
/// Example:
///   rill::Diagnostics diags;
///   auto spec = rill::config::load_toml_file("app.toml", {}, diags);
///   if (!spec) std::cerr << diags.format();
std::optional<GraphSpec> load_toml_file(const std::string& path, const TomlLoadOptions& options,
                                        Diagnostics& diags);

/// Loads a config given as text. `virtual_name` names it in diagnostics (empty = "<string>");
/// relative includes resolve against `base_dir` (empty = the current directory).
/// Otherwise as load_toml_file().
std::optional<GraphSpec> load_toml_string(const std::string& text, const std::string& virtual_name,
                                          const std::string& base_dir,
                                          const TomlLoadOptions& options, Diagnostics& diags);

}  // namespace rill::config
