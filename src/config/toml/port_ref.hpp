#pragma once
// Parsing of `node:port[:tag]` port references.

#include <optional>
#include <string>
#include <string_view>

#include <rill/core/diagnostic.hpp>
#include <rill/core/graph_spec.hpp>

namespace rill::config::toml_fe {

/// Parses `text` as MegFlow does: split on the first two ':'; fewer than two parts is an error
/// (`unexpected port format ...`), and a third part must be an unsigned 64-bit integer. Empty
/// node or port names are errors here too (MegFlow reported them later as unknown names).
/// Errors go to `diags` at `loc` under `key`; returns std::nullopt on error.
std::optional<PortRef> parse_port_ref(const std::string& text, const SourceLoc& loc,
                                      const std::string& key, Diagnostics& diags);

}  // namespace rill::config::toml_fe
