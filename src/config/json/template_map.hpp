#pragma once
// The templates of a v1.1 config by name (step 2 of the v1.1 expansion, json/expansion.hpp).

#include <map>
#include <string>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"

namespace rill::config::json_fe {

/// Template definitions (the whole `{"type": "template", ...}` objects) by template_name.
using TemplateMap = std::map<std::string, JsonNode>;

/// Reads the root's `templates` (null when absent): an array whose elements are template objects
/// or "@include:<file>" strings naming a file holding one. Reports every problem with XStream's
/// code (1104 format, 1100 missing file, 1105 repeated or non-string name); false if any.
bool build_template_map(const JsonNode* templates, const std::string& folder, Diagnostics& diags,
                        TemplateMap* out);

}  // namespace rill::config::json_fe
