// build_workflow_model: an XStream workflow as a GraphModel. A workflow is flat (v1.1 templates
// are already expanded into prefixed nodes) and every data slot has exactly one producer, a
// node output or a workflow input, so each slot becomes direct edges to its consumers.

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "graph_model.hpp"

namespace rill::cli {

GraphModel build_workflow_model(const config::WorkflowSpec& spec) {
  GraphModel model;
  model.name = std::filesystem::path(spec.file).stem().string();
  model.root.id = model.name;
  model.root.label = model.name;

  std::map<std::string, std::string> producer;  // slot → drawn node id
  for (const std::string& in : spec.inputs) {
    model.root.nodes.push_back({"input:" + in, in, DrawKind::kGraphIo});
    producer[in] = "input:" + in;
  }
  for (const config::WorkflowNode& n : spec.nodes) {
    model.root.nodes.push_back(
        {n.unique_name, fmt::format("{}\n{}", n.unique_name, n.method_type), DrawKind::kNode});
    for (const std::string& out : n.outputs) producer.emplace(out, n.unique_name);
  }
  auto edge = [&](const std::string& slot, const std::string& consumer) {
    // An unfed slot fails validation; it is left undrawn rather than invented.
    if (auto it = producer.find(slot); it != producer.end()) {
      model.edges.push_back({it->second, consumer, slot});
    }
  };
  for (const config::WorkflowNode& n : spec.nodes) {
    for (const std::string& in : n.inputs) edge(in, n.unique_name);
  }
  // An output slot is drawn once, whatever the number of groups that deliver it; with several
  // groups its label names them.
  std::map<std::string, std::vector<std::string>> groups_of;
  std::vector<std::string> slots;
  for (const config::OutputGroup& g : spec.outputs) {
    for (const std::string& slot : g.slots) {
      auto [it, first] = groups_of.try_emplace(slot);
      if (first) slots.push_back(slot);
      it->second.push_back(g.name);
    }
  }
  for (const std::string& slot : slots) {
    std::string label = slot;
    if (spec.multi_output) {
      std::string names;
      for (const std::string& g : groups_of[slot]) names += (names.empty() ? "" : ", ") + g;
      label += "\n[" + names + "]";
    }
    model.root.nodes.push_back({"output:" + slot, label, DrawKind::kGraphIo});
    edge(slot, "output:" + slot);
  }
  return model;
}

}  // namespace rill::cli
