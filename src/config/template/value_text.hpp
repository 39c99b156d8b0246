#pragma once
// How template values turn into config text: `{{ v }}` output, `~` concatenation, and TOML
// literals for values nested in lists and maps.

#include <string>

#include <rill/core/value.hpp>

namespace rill::config::tmpl {

/// The text `{{ v }}` renders: strings raw, ints decimal, doubles as TOML floats, bools
/// true/false, null empty, lists as TOML arrays and maps as TOML inline tables.
std::string to_output_text(const Value& v);

/// `v` as a TOML literal (strings quoted and escaped; null as "").
std::string to_toml_literal(const Value& v);

/// Truthiness for `if`, `&&`, `||`: false, null, 0, "" and empty lists/maps are false.
bool truthy(const Value& v);

}  // namespace rill::config::tmpl
