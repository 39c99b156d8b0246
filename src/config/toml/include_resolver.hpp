#pragma once
// `include = [...]`: loads included files recursively and merges them.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>
#include <rill/core/value.hpp>

#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

/// Loads a root config and every file it includes, merging them: list keys (graphs, nodes,
/// resources, executors) are concatenated with the includer's entries first, then each included
/// file's (itself merged) in `include` order; `main` comes from the root.
///
/// Relative include paths resolve against the including file's directory (MegFlow's quirk,
/// resolving a root given as text against the parent of cwd, is not kept). Included files may be
/// fragments without `main`/`graphs` (MegFlow required both in every included file). A file
/// including one of its includers is the error `cyclic include: A -> B -> A`; any other second
/// inclusion of a file (a diamond, which MegFlow reported as a cyclic include too) is
/// `X is included more than once (first by Y)`.
///
/// Thread safety: one instance per load.
class IncludeResolver {
 public:
  IncludeResolver(const Value& context, Diagnostics& diags) : context_(context), diags_(diags) {}

  /// `file` names the root in diagnostics; `base_dir` is where its relative includes point;
  /// `identity` is its canonical path (empty for a config given as text). Returns std::nullopt
  /// when the root's template or TOML syntax failed.
  std::optional<ConfigFragment> load(const std::string& text, const std::string& file,
                                     const std::filesystem::path& base_dir,
                                     const std::string& identity);

 private:
  void merge_includes(const ConfigFragment& from, const std::filesystem::path& base_dir,
                      ConfigFragment* into);
  void load_include(const IncludeRef& inc, const std::filesystem::path& base_dir,
                    ConfigFragment* into);

  const Value& context_;
  Diagnostics& diags_;
  /// Canonical path of every file loaded so far → display path of the file that included it.
  std::map<std::string, std::string> seen_;
  std::vector<std::string> chain_;  ///< display paths from the root to the current file
  std::vector<std::string> chain_ids_;
};

}  // namespace rill::config::toml_fe
