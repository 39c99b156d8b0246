#pragma once
// TemplateRef → template body (steps 3-4 of the v1.1 expansion, json/expansion.hpp): the
// correspondence check with its quirks, then `${param}` substitution in a copy of the template.

#include <optional>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"
#include "json/template_map.hpp"

namespace rill::config::json_fe {

/// Whether `v` is a TemplateRef: an object with "type": "template_ref", a string template_name and
/// an object `parameters`. Anything else, even with that type, is walked as plain data.
bool is_template_ref(const JsonNode& v);

/// Whether `v` is a Workflow object: "type": "workflow", a string name and arrays inputs, outputs
/// and workflow.
bool is_workflow_object(const JsonNode& v);

/// The value `ref` stands for: its template, checked against the ref (1106, 1108), copied with
/// every `${name}` string replaced by the bound value (1102), and its `template` member returned.
/// Copied values keep the locations of the template text; substituted ones those of the bound
/// values. nullopt when something was reported.
std::optional<JsonNode> instantiate(const JsonNode& ref, const TemplateMap& templates,
                                    Diagnostics& diags);

}  // namespace rill::config::json_fe
