#pragma once
// XStream's graph validation with its codes and their order, plus two checks XStream lacks: a
// flow output nothing produces (XStream never completes a frame) and a flow input nothing reads.

#include <rill/config/workflow.hpp>
#include <rill/core/diagnostic.hpp>

#include "json/schema_reader.hpp"

namespace rill::config::json_fe {

/// Reports every problem of `spec` (read with `locs`) and returns the code XStream's Init would:
/// the first failing check in the order NODE_NAME_ERROR (5), INPUT_UNFEED_ERROR (1, also for a
/// workflow output nothing produces), WORKFLOW_CIRCLE_ERROR (3), OUTPUT_REPEATED_ERROR (4); kOk
/// when none fails. A workflow input that nothing reads is a warning.
WorkflowStatus check_graph(const WorkflowSpec& spec, const SpecLocs& locs, Diagnostics& diags);

}  // namespace rill::config::json_fe
