#pragma once
// XStream's v1.1 expansion, in XStream's steps: (1) a config without a `version` key is flat
// v1.0, not expanded; (2) the templates by name (template_map.hpp); (3) passes over `workflows`
// replacing TemplateRefs and `@include:` strings, (4) each ref instantiated from its template
// (template_instance.hpp); (5-6) the main workflow flattened into the v1.0 schema (flatten.cpp).

#include <optional>
#include <string>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"
#include "json/template_map.hpp"

namespace rill::config::json_fe {

/// Step 3: replaces, in up to 10 depth-first passes over `workflows`, every TemplateRef by its
/// instance and every include string by its file's content, neither looked into again within
/// the pass that made it. Reports every problem of a pass, and 1101 when the 10th pass still
/// changed something (at the last replacement, e.g. a file that includes itself). A replacement
/// that would nest values deeper than limits::kMaxJsonNesting is an error where it was written.
bool resolve_workflows(JsonNode& workflows, const TemplateMap& templates, const std::string& folder,
                       Diagnostics& diags);

/// Steps 5-6: the main workflow without `type`, its `workflow` replaced by the flat node list
/// (sub-workflow nodes renamed with their path, slots mapped through the argument lists).
/// nullopt, reported, when `workflows` holds no workflow named "main".
std::optional<JsonNode> flatten_main(const JsonNode& root, Diagnostics& diags);

/// Steps 2-6 for a config with a `version` key: the flat workflow, or nullopt with every
/// problem reported. `folder` is the top config's directory with a trailing '/'.
std::optional<JsonNode> expand_v11(JsonNode root, const std::string& folder, Diagnostics& diags);

}  // namespace rill::config::json_fe
