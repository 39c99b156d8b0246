// SourceMap: output offsets of a rendered template → source line/column.

#include <algorithm>

#include <rill/config/template.hpp>

namespace rill::config {

SourceMap::SourceMap(std::string file, std::string source)
    : file_(std::move(file)), source_(std::move(source)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < source_.size(); ++i) {
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceMap SourceMap::identity(std::string file, std::string source) {
  SourceMap m(std::move(file), std::move(source));
  m.add({0, 0, true});
  return m;
}

void SourceMap::add(Segment segment) { segments_.push_back(segment); }

std::size_t SourceMap::source_offset(std::size_t out_offset) const {
  // The last segment starting at or before out_offset (several may start at the same offset
  // when a tag rendered nothing; the last one is the text that follows).
  auto it = std::upper_bound(segments_.begin(), segments_.end(), out_offset,
                             [](std::size_t off, const Segment& s) { return off < s.out_offset; });
  if (it == segments_.begin()) return std::min(out_offset, source_.size());
  const Segment& s = *std::prev(it);
  std::size_t src = s.verbatim ? s.src_offset + (out_offset - s.out_offset) : s.src_offset;
  return std::min(src, source_.size());
}

SourceLoc SourceMap::source_loc(std::size_t src_offset) const {
  src_offset = std::min(src_offset, source_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), src_offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  // Columns count code points, as toml++ does, so both kinds of location agree.
  int col = 1;
  for (std::size_t i = start; i < src_offset; ++i) {
    if ((static_cast<unsigned char>(source_[i]) & 0xC0) != 0x80) ++col;
  }
  return SourceLoc{file_, static_cast<int>(line), col};
}

}  // namespace rill::config
