#pragma once
// v1.1 `@include:<path>` strings and the reading of the files they name.

#include <optional>
#include <string>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"

namespace rill::config::json_fe {

/// Whether `s` is an include: longer than 9 characters and starting with "@include:" (so
/// "@include:" alone is an ordinary string).
bool is_include(const std::string& s);

/// The file an include names: the text after the colon with leading and trailing spaces removed,
/// appended to `folder` (the top config's directory with its trailing '/', also for includes
/// written inside included files).
std::string include_target(const std::string& s, const std::string& folder);

/// Reads and parses the file the include `directive` names. A file that cannot be read is
/// reported at the directive (FILE_PATH_ERROR 1100); malformed JSON is reported in the file.
std::optional<JsonNode> load_include(const JsonNode& directive, const std::string& folder,
                                     Diagnostics& diags);

}  // namespace rill::config::json_fe
