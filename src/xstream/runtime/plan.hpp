#pragma once
// Plan: a WorkflowSpec compiled to indices, so that running a frame touches arrays, not names.

#include <string>
#include <unordered_map>
#include <vector>

#include "rill/config/workflow.hpp"

namespace rill::sdk::detail {

struct SlotPlan {
  std::string name;
  std::vector<int>
      consumers;  ///< nodes reading the slot, once per reading input (a node may read it twice)
  std::vector<int> groups;  ///< output groups containing the slot (each once)
  int producer = -1;        ///< node writing it; -1 for workflow inputs
  bool flow_input = false;
  bool flow_output = false;  ///< member of some output group
};

struct GroupPlan {
  std::string name;
  std::vector<int> slots;  ///< config order, as written (duplicates kept)
  int distinct_slots = 0;  ///< what must become ready for the group to be complete
};

struct NodePlan {
  const config::WorkflowNode* spec = nullptr;
  std::vector<int> inputs;
  std::vector<int> outputs;
};

struct Plan {
  std::vector<SlotPlan> slots;
  std::vector<NodePlan> nodes;
  /// Ascending by name: the order XStream emits groups in (a std::map in the original).
  std::vector<GroupPlan> groups;
  std::vector<int> input_slots;
  int output_slot_count = 0;  ///< distinct slots over all groups: the frame is complete when ready
  std::unordered_map<std::string, int> slot_index;
  std::unordered_map<std::string, int> node_index;

  /// Compiles a validated spec (every node input is a workflow input or an earlier output).
  static Plan build(const config::WorkflowSpec& spec);
  [[nodiscard]] int find_node(const std::string& name) const;
  [[nodiscard]] int find_input_slot(const std::string& name) const;
};

}  // namespace rill::sdk::detail
