#pragma once
// Reading the flat workflow (v1.0, or v1.1 after expansion) into a WorkflowSpec: root keys, node
// keys, thread settings. Every case where XStream aborts is a located error here.

#include <string>
#include <utility>
#include <vector>

#include <rill/config/workflow.hpp>
#include <rill/core/diagnostic.hpp>

#include "json/field_reader.hpp"
#include "json/json_node.hpp"

namespace rill::config::json_fe {

/// Where a node's name and slots were written, for the graph checks.
struct NodeLocs {
  SourceLoc name;
  std::vector<SourceLoc> inputs;
  std::vector<SourceLoc> outputs;
};

/// Where the slots of a spec were written.
struct SpecLocs {
  std::vector<SourceLoc> inputs;
  /// The union of the output groups' slots, first-seen order, each with its first location.
  std::vector<std::pair<std::string, SourceLoc>> outputs;
  std::vector<NodeLocs> nodes;
};

struct SpecRead {
  WorkflowSpec spec;
  SpecLocs locs;
  /// Inputs, outputs and every node's name and slots were read: the graph can be checked.
  bool graph_readable = true;
};

/// Reads `flat` (an object). `config_dir` prefixes string `method_config_file` values.
SpecRead read_workflow_spec(const JsonNode& flat, const std::string& file,
                            const std::string& config_dir, Diagnostics& diags);

/// Reads node `index` of `workflow` into `node`; false when its name or slots are unusable.
bool read_node(const JsonNode& v, std::size_t index, const std::string& config_dir,
               WorkflowNode* node, NodeLocs* locs, Diagnostics& diags);

/// `thread_count` / `thread_list` of a node (at most one of them; neither: one thread).
void read_threads(FieldReader& r, WorkflowNode* node);

/// A `{"policy": "SCHED_*", "priority": N}` object (thread_priority, optional.sched_upper/down);
/// nullopt, reported, when malformed. `key` is the member's key path, `what` names it in messages
/// ("node 'pre' thread_priority").
std::optional<ThreadPriority> read_thread_priority(const JsonNode& v, const std::string& key,
                                                   const std::string& what, Diagnostics& diags);

}  // namespace rill::config::json_fe
