// Rendered-text positions → template-source locations.

#include "toml/locator.hpp"

namespace rill::config::toml_fe {

TomlLocator::TomlLocator(const std::string& rendered, const SourceMap& map)
    : text_(rendered), map_(map) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceLoc TomlLocator::at(const toml::source_position& pos) const {
  if (pos.line == 0) return map_.locate(0);
  std::size_t line = std::min<std::size_t>(pos.line, line_starts_.size());
  std::size_t off = line_starts_[line - 1];
  // Walk (column - 1) code points; toml++ counts columns in code points, not bytes.
  for (std::size_t cps = 1; cps < pos.column && off < text_.size() && text_[off] != '\n';) {
    ++off;
    if (off >= text_.size() || (static_cast<unsigned char>(text_[off]) & 0xC0) != 0x80) ++cps;
  }
  return map_.locate(off);
}

}  // namespace rill::config::toml_fe
