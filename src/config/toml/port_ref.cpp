// `node:port[:tag]` parsing.

#include "toml/port_ref.hpp"

#include <charconv>

namespace rill::config::toml_fe {

std::optional<PortRef> parse_port_ref(const std::string& text, const SourceLoc& loc,
                                      const std::string& key, Diagnostics& diags) {
  std::size_t first = text.find(':');
  if (first == std::string::npos) {
    diags.error(loc, "unexpected port format " + text + " (expected node:port or node:port:tag)",
                key);
    return std::nullopt;
  }
  std::size_t second = text.find(':', first + 1);
  PortRef ref;
  ref.text = text;
  ref.loc = loc;
  ref.node = text.substr(0, first);
  ref.port =
      text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  bool ok = true;
  if (ref.node.empty()) {
    diags.error(loc, "empty node name in port " + text, key);
    ok = false;
  }
  if (ref.port.empty()) {
    diags.error(loc, "empty port name in port " + text, key);
    ok = false;
  }
  if (second != std::string::npos) {
    std::string_view tag = std::string_view(text).substr(second + 1);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), value);
    if (tag.empty() || ec != std::errc() || end != tag.data() + tag.size()) {
      diags.error(loc,
                  "invalid tag '" + std::string(tag) + "' in port " + text +
                      " (a tag must be an unsigned 64-bit integer)",
                  key);
      ok = false;
    } else {
      ref.tag = value;
    }
  }
  if (!ok) return std::nullopt;
  return ref;
}

}  // namespace rill::config::toml_fe
