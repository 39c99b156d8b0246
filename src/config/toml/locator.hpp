#pragma once
// Turns toml++ source positions (in the rendered text) into SourceLocs in the template source.

#include <cstddef>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include <rill/config/template.hpp>
#include <rill/core/diagnostic.hpp>

namespace rill::config::toml_fe {

/// Locates TOML nodes and keys of one parsed file. Holds references: the rendered text and its
/// source map must outlive the locator.
class TomlLocator {
 public:
  TomlLocator(const std::string& rendered, const SourceMap& map);

  /// Location of a toml++ position (1-based line, column in code points) of the rendered text.
  [[nodiscard]] SourceLoc at(const toml::source_position& pos) const;
  /// Location of a byte offset of the rendered text.
  [[nodiscard]] SourceLoc at_offset(std::size_t offset) const { return map_.locate(offset); }
  [[nodiscard]] SourceLoc of(const toml::node& n) const { return at(n.source().begin); }
  [[nodiscard]] SourceLoc of(const toml::key& k) const { return at(k.source().begin); }
  [[nodiscard]] const std::string& file() const { return map_.file(); }

 private:
  const std::string& text_;
  const SourceMap& map_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace rill::config::toml_fe
