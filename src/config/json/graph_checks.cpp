// Graph validation of the flat workflow.

#include "json/graph_checks.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "json/error_codes.hpp"

namespace rill::config::json_fe {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

struct Checker {
  const WorkflowSpec& spec;
  const SpecLocs& locs;
  Diagnostics& diags;
  std::set<std::string> flow_inputs{spec.inputs.begin(), spec.inputs.end()};

  [[nodiscard]] const std::string& name(std::size_t i) const { return spec.nodes[i].unique_name; }

  /// The index of the first node in [from, to) producing `slot`, or `to`.
  [[nodiscard]] std::size_t producer(const std::string& slot, std::size_t from,
                                     std::size_t to) const {
    for (std::size_t j = from; j < to; ++j) {
      if (contains(spec.nodes[j].outputs, slot)) return j;
    }
    return to;
  }

  /// Why node i cannot read `slot`, which neither the flow nor an earlier node provides.
  [[nodiscard]] std::string unfed_reason(std::size_t i, const std::string& slot) const {
    if (contains(spec.nodes[i].outputs, slot)) {
      return "which it produces itself; a node cannot consume its own output";
    }
    const std::size_t n = spec.nodes.size();
    if (std::size_t later = producer(slot, i + 1, n); later < n) {
      return "which only the later node '" + name(later) +
             "' produces; nodes must be listed producers first";
    }
    return "which no earlier node produces and is not a workflow input";
  }

  bool node_names() {
    std::map<std::string, std::size_t> first;
    bool failed = false;
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
      auto [it, inserted] = first.emplace(name(i), i);
      if (inserted) continue;
      diags.error(locs.nodes[i].name,
                  "two nodes are named '" + name(i) + "'" + code_suffix(WorkflowStatus::kNodeName));
      diags.note(locs.nodes[it->second].name, "the first node named '" + name(i) + "'");
      failed = true;
    }
    return failed;
  }

  bool unfed_inputs() {
    const std::size_t n = spec.nodes.size();
    const std::string code = code_suffix(WorkflowStatus::kInputUnfed);
    bool failed = false;
    for (std::size_t i = 0; i < n; ++i) {
      const WorkflowNode& node = spec.nodes[i];
      for (std::size_t k = 0; k < node.inputs.size(); ++k) {
        const std::string& slot = node.inputs[k];
        if (flow_inputs.count(slot) || producer(slot, 0, i) < i) continue;
        diags.error(locs.nodes[i].inputs[k],
                    fmt::format("node '{}' reads '{}', {}{}", node.unique_name, slot,
                                unfed_reason(i, slot), code));
        failed = true;
      }
    }
    // Not in XStream, which accepts an output nothing produces, then never completes a frame.
    for (const auto& [slot, loc] : locs.outputs) {
      if (flow_inputs.count(slot) || producer(slot, 0, n) < n) continue;
      diags.error(loc, fmt::format("workflow output '{}' is produced by no node and is not a "
                                   "workflow input{}",
                                   slot, code));
      failed = true;
    }
    return failed;
  }

  bool circles() {
    bool failed = false;
    for (std::size_t j = 0; j < spec.nodes.size(); ++j) {
      const WorkflowNode& node = spec.nodes[j];
      for (std::size_t k = 0; k < node.outputs.size(); ++k) {
        const std::string& slot = node.outputs[k];
        for (std::size_t i = 0; i < j; ++i) {
          auto it = std::find(spec.nodes[i].inputs.begin(), spec.nodes[i].inputs.end(), slot);
          if (it == spec.nodes[i].inputs.end()) continue;
          diags.error(locs.nodes[j].outputs[k], "node '" + node.unique_name + "' produces '" +
                                                    slot + "', which the earlier node '" + name(i) +
                                                    "' reads: a cycle" +
                                                    code_suffix(WorkflowStatus::kCircle));
          diags.note(locs.nodes[i].inputs[it - spec.nodes[i].inputs.begin()],
                     "node '" + name(i) + "' reads '" + slot + "' here");
          failed = true;
          break;
        }
      }
    }
    return failed;
  }

  bool repeated_outputs() {
    std::map<std::string, SourceLoc> first;
    bool failed = false;
    for (std::size_t j = 0; j < spec.nodes.size(); ++j) {
      const WorkflowNode& node = spec.nodes[j];
      for (std::size_t k = 0; k < node.outputs.size(); ++k) {
        const SourceLoc& loc = locs.nodes[j].outputs[k];
        auto [it, inserted] = first.emplace(node.outputs[k], loc);
        if (inserted) continue;
        diags.error(loc, "slot '" + node.outputs[k] + "' is produced a second time, by node '" +
                             node.unique_name + "'" + code_suffix(WorkflowStatus::kOutputRepeated));
        diags.note(it->second, "'" + node.outputs[k] + "' is first produced here");
        failed = true;
      }
    }
    return failed;
  }

  void unread_inputs() {
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
      const std::string& slot = spec.inputs[i];
      bool read = std::any_of(spec.nodes.begin(), spec.nodes.end(),
                              [&](const WorkflowNode& n) { return contains(n.inputs, slot); });
      bool output = std::any_of(locs.outputs.begin(), locs.outputs.end(),
                                [&](const auto& p) { return p.first == slot; });
      if (!read && !output) {
        diags.warning(locs.inputs[i], "workflow input '" + slot + "' is read by no node");
      }
    }
  }
};

}  // namespace

WorkflowStatus check_graph(const WorkflowSpec& spec, const SpecLocs& locs, Diagnostics& diags) {
  Checker c{spec, locs, diags};
  // Every check runs so that every problem is reported; the status is the first in XStream's
  // order.
  bool names = c.node_names();
  bool unfed = c.unfed_inputs();
  bool circle = c.circles();
  bool repeated = c.repeated_outputs();
  c.unread_inputs();
  if (names) return WorkflowStatus::kNodeName;
  if (unfed) return WorkflowStatus::kInputUnfed;
  if (circle) return WorkflowStatus::kCircle;
  if (repeated) return WorkflowStatus::kOutputRepeated;
  return WorkflowStatus::kOk;
}

}  // namespace rill::config::json_fe
