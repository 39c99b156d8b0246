// The root of the flat workflow: flow inputs, output groups, nodes, frame limits, sched options.

#include <algorithm>
#include <climits>

#include "json/schema_reader.hpp"

namespace rill::config::json_fe {
namespace {

constexpr const char* kWholeOutput = "__NODE_WHOLE_OUTPUT__";

/// Adds a group's slots to the union of output slots (first-seen order).
void add_to_union(const std::vector<std::string>& slots, const std::vector<SourceLoc>& locs,
                  SpecLocs* out) {
  for (std::size_t i = 0; i < slots.size(); ++i) {
    auto same = [&](const auto& p) { return p.first == slots[i]; };
    if (std::none_of(out->outputs.begin(), out->outputs.end(), same)) {
      out->outputs.emplace_back(slots[i], locs[i]);
    }
  }
}

/// One `{"output_type": ..., "outputs": [...]}` group of a multi-output workflow.
bool read_group(const JsonNode& v, std::size_t index, Diagnostics& diags, SpecRead* read) {
  std::string prefix = "outputs[" + std::to_string(index) + "]";
  if (!v.is_object()) {
    diags.error(v.loc,
                prefix + " must be an output group {\"output_type\": ..., \"outputs\": [...]} " +
                    "like outputs[0], got " + std::string(kind_name(v)),
                prefix);
    return false;
  }
  FieldReader r(v, prefix, "output group " + std::to_string(index), diags);
  OutputGroup group;
  group.loc = v.loc;
  std::vector<SourceLoc> locs;
  bool ok = r.read_name("output_type", &group.name);
  ok = r.read_slots("outputs", &group.slots, &locs) && ok;
  if (!ok) return false;
  add_to_union(group.slots, locs, &read->locs);
  std::vector<OutputGroup>& groups = read->spec.outputs;
  auto same = [&](const OutputGroup& g) { return g.name == group.name; };
  auto it = std::find_if(groups.begin(), groups.end(), same);
  if (it == groups.end()) {
    groups.push_back(std::move(group));
  } else {
    diags.warning(v.loc,
                  "output_type '" + group.name + "' is defined twice; the last definition is used",
                  prefix);
    *it = std::move(group);
  }
  return true;
}

bool read_outputs(FieldReader& r, SpecRead* read) {
  const JsonNode* v = r.get("outputs");
  if (v == nullptr || !v->is_array() || v->items.empty() || !v->items[0].is_object()) {
    // The single-group form, or an error read_slots describes.
    OutputGroup group;
    group.name = kWholeOutput;
    group.loc = v != nullptr ? v->loc : r.loc();
    std::vector<SourceLoc> locs;
    if (!r.read_slots("outputs", &group.slots, &locs)) return false;
    add_to_union(group.slots, locs, &read->locs);
    read->spec.outputs.push_back(std::move(group));
    return true;
  }
  read->spec.multi_output = true;
  bool ok = true;
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    ok = read_group(v->items[i], i, r.diags(), read) && ok;
  }
  return ok;
}

void read_limits(FieldReader& r, WorkflowSpec* spec) {
  if (const JsonNode* v = r.get("max_running_count")) {
    std::int64_t n = 0;
    if (v->kind == JsonNode::Kind::kUint) {
      spec->max_running_count = INT64_MAX;
    } else if (r.read_int("max_running_count", INT64_MIN, INT64_MAX, &n)) {
      spec->max_running_count = n < 0 ? INT64_MAX : n;  // negative: unlimited, as in XStream
    }
  }
  if (const JsonNode* v = r.get("source_number")) {
    std::optional<std::int64_t> n = v->as_integer();
    if (n && *n >= INT_MIN && *n <= INT_MAX) {
      spec->source_number = static_cast<int>(std::max<std::int64_t>(*n, 1));
    } else {
      // XStream honours source_number only when it is an int and silently uses 1 otherwise.
      r.diags().warning(v->loc, "source_number is not an integer and is ignored (1 source)",
                        r.key_path("source_number"));
    }
  }
  const JsonNode* optional = r.get("optional");
  if (optional == nullptr) return;
  if (!optional->is_object()) {
    r.type_error(*optional, "optional", "an object");
    return;
  }
  if (const JsonNode* v = optional->find("sched_upper")) {
    spec->sched_upper =
        read_thread_priority(*v, "optional.sched_upper", "optional.sched_upper", r.diags());
  }
  if (const JsonNode* v = optional->find("sched_down")) {
    spec->sched_down =
        read_thread_priority(*v, "optional.sched_down", "optional.sched_down", r.diags());
  }
}

}  // namespace

SpecRead read_workflow_spec(const JsonNode& flat, const std::string& file,
                            const std::string& config_dir, Diagnostics& diags) {
  SpecRead read;
  read.spec.file = file;
  read.spec.config_dir = config_dir;
  if (!flat.is_object()) {
    diags.error(flat.loc, "a workflow must be a JSON object, got " + std::string(kind_name(flat)));
    read.graph_readable = false;
    return read;
  }
  FieldReader r(flat, "", "workflow", diags);
  bool ok = r.read_slots("inputs", &read.spec.inputs, &read.locs.inputs);
  ok = read_outputs(r, &read) && ok;
  const JsonNode* nodes = r.get("workflow");
  if (nodes == nullptr) {
    r.error(flat.loc, "missing required key 'workflow' (the list of nodes)", "workflow");
    ok = false;
  } else if (!nodes->is_array()) {
    r.type_error(*nodes, "workflow", "an array of nodes");
    ok = false;
  } else if (nodes->items.empty()) {
    r.error(nodes->loc, "workflow must list at least one node", "workflow");
    ok = false;
  } else {
    for (std::size_t i = 0; i < nodes->items.size(); ++i) {
      WorkflowNode node;
      NodeLocs locs;
      ok = read_node(nodes->items[i], i, config_dir, &node, &locs, diags) && ok;
      read.spec.nodes.push_back(std::move(node));
      read.locs.nodes.push_back(std::move(locs));
    }
  }
  read_limits(r, &read.spec);
  read.graph_readable = ok;
  return read;
}

}  // namespace rill::config::json_fe
