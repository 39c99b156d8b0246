#pragma once
// The JSON reader of the XStream front-end: nlohmann's parser cannot say where a value was
// written, and every diagnostic of this front-end points at one.

#include <optional>
#include <string>
#include <string_view>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"

namespace rill::config::json_fe {

/// Parses `text` as jsoncpp's default reader (the one XStream uses) accepts it: `//` and `/* */`
/// comments, a leading UTF-8 BOM, text after the root value (ignored, with a warning). Duplicate
/// keys keep the last value, with a warning. Malformed text is reported as
/// `FILE:LINE:COL: error: ...` (columns count code points) and gives nullopt.
/// Thread safety: reentrant.
std::optional<JsonNode> parse_json(std::string_view text, const std::string& file,
                                   Diagnostics& diags);

}  // namespace rill::config::json_fe
