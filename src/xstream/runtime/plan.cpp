#include "runtime/plan.hpp"

#include <algorithm>
#include <map>

namespace rill::sdk::detail {

namespace {

int intern(Plan& plan, const std::string& name) {
  auto [it, added] = plan.slot_index.try_emplace(name, static_cast<int>(plan.slots.size()));
  if (added) {
    SlotPlan slot;
    slot.name = name;
    plan.slots.push_back(std::move(slot));
  }
  return it->second;
}

}  // namespace

Plan Plan::build(const config::WorkflowSpec& spec) {
  Plan plan;
  for (const std::string& name : spec.inputs) {
    int s = intern(plan, name);
    if (!plan.slots[s].flow_input) plan.input_slots.push_back(s);
    plan.slots[s].flow_input = true;
  }
  for (std::size_t n = 0; n < spec.nodes.size(); ++n) {
    const config::WorkflowNode& node = spec.nodes[n];
    NodePlan np;
    np.spec = &node;
    for (const std::string& in : node.inputs) {
      int s = intern(plan, in);
      np.inputs.push_back(s);
      plan.slots[s].consumers.push_back(static_cast<int>(n));
    }
    for (const std::string& out : node.outputs) {
      int s = intern(plan, out);
      np.outputs.push_back(s);
      plan.slots[s].producer = static_cast<int>(n);
    }
    plan.node_index.emplace(node.unique_name, static_cast<int>(n));
    plan.nodes.push_back(std::move(np));
  }
  // Groups by name (a repeated output_type: the last one wins, as in XStream's std::map).
  std::map<std::string, const config::OutputGroup*> by_name;
  for (const config::OutputGroup& g : spec.outputs) by_name[g.name] = &g;
  for (const auto& [name, group] : by_name) {
    GroupPlan gp;
    gp.name = name;
    const int gi = static_cast<int>(plan.groups.size());
    for (const std::string& slot : group->slots) {
      int s = intern(plan, slot);
      gp.slots.push_back(s);
      auto& owners = plan.slots[s].groups;
      if (std::find(owners.begin(), owners.end(), gi) == owners.end()) {
        owners.push_back(gi);
        ++gp.distinct_slots;
      }
    }
    plan.groups.push_back(std::move(gp));
  }
  for (SlotPlan& s : plan.slots) {
    s.flow_output = !s.groups.empty();
    if (s.flow_output) ++plan.output_slot_count;
  }
  return plan;
}

int Plan::find_node(const std::string& name) const {
  auto it = node_index.find(name);
  return it == node_index.end() ? -1 : it->second;
}

int Plan::find_input_slot(const std::string& name) const {
  auto it = slot_index.find(name);
  if (it == slot_index.end() || !slots[it->second].flow_input) return -1;
  return it->second;
}

}  // namespace rill::sdk::detail
