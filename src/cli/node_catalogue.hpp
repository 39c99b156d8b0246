#pragma once
// What `rill nodes` prints about node types: one line per type, one type in detail (ports and
// argument schema), or the whole catalogue as Markdown (the catalogue of docs/nodes.md).

#include <string>

#include <rill/core/registry.hpp>

namespace rill::cli {

/// `Name  inputs -> outputs  doc`, one line per type, sorted by name.
std::string format_type_list(const Registry& registry);

/// One type: its doc, its ports (shape, payload, doc) and its arguments (kind, default, range
/// or choices, doc).
std::string format_type_detail(const NodeType& type);

/// Every type of `registry` as Markdown: a summary table, then one section per type.
std::string format_catalogue_markdown(const Registry& registry);

}  // namespace rill::cli
