#pragma once
// The key-depth pre-scan: finds a TOML key nested deeper than limits::kMaxNesting before toml++
// parses the text. toml++ limits how deeply arrays and inline tables nest, but not how many
// segments a dotted key or a table header has; it builds the tables those create without
// recursing, then walks and destroys them recursively, one level per segment, so
// `a.a.a...a = 1` with 100000 segments overflows the stack inside toml++. Nothing can be done
// about that once toml++ has the text, so the text is refused before.

#include <cstddef>
#include <optional>
#include <string_view>

namespace rill::config::toml_fe {

/// The byte offset in `text` of the first key segment nested deeper than limits::kMaxNesting
/// levels, or nullopt when there is none.
///
/// A key's levels are the segments of the table header it is under (`[a.b]`), of the keys whose
/// inline-table values enclose it (`x.y = { ... }`) and of its own dotted key; arrays do not count
/// (toml++ bounds those). A header's levels are its own segments.
///
/// The scan reads a superset of TOML the way toml++ reads it: strings (basic, literal, both
/// multi-line kinds, escapes) and comments are skipped, keys are read at the start of a line and
/// after `{` or `,` in an inline table. At the first text that is not TOML under any reading it
/// stops and reports nothing: toml++ rejects the text at that point or before it, so it never
/// builds the tables that follow.
///
/// Thread safety: pure function.
std::optional<std::size_t> find_key_too_deep(std::string_view text);

}  // namespace rill::config::toml_fe
