#pragma once
// TOML values → rill::Value (node arguments, template context).

#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include <rill/core/value.hpp>

namespace rill::config::toml_fe {

/// int → int64, float → double, bool, string, array → List, table → Map (keys in source order),
/// date/time/date-time → their TOML text (MegFlow passes them to Python as str).
Value toml_to_value(const toml::node& node);

/// The schema's name for a TOML node type: "string", "integer", "float", "boolean", "array",
/// "table", "date", "time", "date-time".
std::string_view toml_type_name(const toml::node& node);

/// Entries of a table in source order (toml++ iterates in key order, but argument maps keep the
/// order the user wrote).
std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_source_order(
    const toml::table& table);

}  // namespace rill::config::toml_fe
