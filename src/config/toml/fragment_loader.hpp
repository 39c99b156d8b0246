#pragma once
// One config file: template → TOML → schema.

#include <optional>
#include <string>

#include <rill/core/diagnostic.hpp>
#include <rill/core/value.hpp>

#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

/// Renders `text` with `context`, parses it as TOML and reads the schema. Returns std::nullopt
/// when the template or the TOML syntax is broken (nothing after that point is trustworthy);
/// schema errors are reported and still yield the fragment.
std::optional<ConfigFragment> load_fragment(const std::string& text, const std::string& file,
                                            const Value& context, Diagnostics& diags);

/// Parses a plain (untemplated) TOML text into a Value map; std::nullopt on a syntax error.
std::optional<Value> parse_toml_value(const std::string& text, const std::string& file,
                                      Diagnostics& diags);

}  // namespace rill::config::toml_fe
