// template → TOML → schema for one file.

#include "toml/fragment_loader.hpp"

#include <toml++/toml.h>

#include <rill/config/template.hpp>
#include <rill/core/limits.hpp>

#include "toml/key_depth.hpp"
#include "toml/locator.hpp"
#include "toml/toml_value.hpp"

namespace rill::config::toml_fe {
namespace {

/// toml++ says "Error while parsing table header: expected ']'"; after "FILE:L:C: error: " that
/// reads as a stutter and does not say the problem is TOML syntax (rather than the schema or the
/// template), so it becomes "TOML syntax error in table header: expected ']'".
std::string syntax_message(std::string_view description) {
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (description.substr(0, kPrefix.size()) == kPrefix) {
    return "TOML syntax error in " + std::string(description.substr(kPrefix.size()));
  }
  return "TOML syntax error: " + std::string(description);
}

/// toml::parse, reporting a syntax error at its source location instead of throwing. Keys nested
/// too deep are refused before toml++ sees them (it would overflow the stack on them).
std::optional<toml::table> parse_located(const std::string& text, const TomlLocator& locator,
                                         Diagnostics& diags) {
  if (std::optional<std::size_t> at = find_key_too_deep(text)) {
    diags.error(locator.at_offset(*at),
                "keys nested deeper than " + std::to_string(limits::kMaxNesting) + " levels");
    return std::nullopt;
  }
  try {
    return toml::parse(std::string_view(text), std::string_view(locator.file()));
  } catch (const toml::parse_error& e) {
    diags.error(locator.at(e.source().begin), syntax_message(e.description()));
    return std::nullopt;
  }
}

}  // namespace

std::optional<ConfigFragment> load_fragment(const std::string& text, const std::string& file,
                                            const Value& context, Diagnostics& diags) {
  RenderedTemplate rendered = render_template_mapped(text, context, file, diags);
  if (!rendered.ok) return std::nullopt;
  TomlLocator locator(rendered.text, rendered.map);
  std::optional<toml::table> root = parse_located(rendered.text, locator, diags);
  if (!root) return std::nullopt;
  return read_config(*root, ReadContext{locator, diags});
}

std::optional<Value> parse_toml_value(const std::string& text, const std::string& file,
                                      Diagnostics& diags) {
  SourceMap map = SourceMap::identity(file, text);
  TomlLocator locator(text, map);
  std::optional<toml::table> root = parse_located(text, locator, diags);
  if (!root) return std::nullopt;
  return toml_to_value(*root);
}

}  // namespace rill::config::toml_fe
