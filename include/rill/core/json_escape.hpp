#pragma once
// json_escape: the one writer of JSON string literals (RFC 8259 §7) in rill. Everything that
// emits JSON text (value dumps, trace files, the XStream profiler, config templates rendering
// strings) goes through it, so every output escapes the same characters the same way.

#include <string>
#include <string_view>

namespace rill {

/// Appends `text` to `out` as a JSON string literal, quotes included: `"` and `\` are escaped,
/// as are the control characters U+0000..U+001F (as `\b \f \n \r \t`, the others as `\u00XX`)
/// and U+007F (`\u007f`; JSON allows it raw, but TOML basic strings do not, and escaping it
/// keeps one literal valid in both). Other bytes, UTF-8 sequences included, are copied as they
/// are. Thread safety: pure function.
void append_json_string(std::string& out, std::string_view text);

/// `text` as a JSON string literal (see append_json_string).
[[nodiscard]] std::string json_string(std::string_view text);

}  // namespace rill
