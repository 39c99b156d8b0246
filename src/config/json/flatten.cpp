// Flattening the expanded main workflow (steps 5-6 of the v1.1 expansion, json/expansion.hpp).

#include <string>

#include "json/expansion.hpp"

namespace rill::config::json_fe {
namespace {

/// The slots a workflow was instantiated with, and the argument names its body refers to them by.
struct Scope {
  std::string path;            ///< prefix of inner node names and slots
  const JsonNode* actual_in;   ///< the workflow's own (renamed) inputs
  const JsonNode* actual_out;  ///< and outputs
  const JsonNode* arg_in;      ///< `__arg_inputs__`, null for a workflow not made from a template
  const JsonNode* arg_out;
};

const JsonNode& or_null(const JsonNode* v) {
  static const JsonNode kNull;
  return v != nullptr ? *v : kNull;
}

bool is_type(const JsonNode& v, const char* type) { return v.has_string("type", type); }

/// XStream's UpdateSlotsName: the k-th argument name becomes the k-th actual slot, anything else
/// is an inner slot and gets the path prefix.
void rename_slots(JsonNode& slots, const JsonNode* actual, const JsonNode* args,
                  const std::string& path) {
  if (!slots.is_array()) return;
  const std::string prefix = path + "_";
  for (JsonNode& slot : slots.items) {
    std::string name = slot.as_text().value_or("");
    std::size_t k = 0;
    const std::size_t n_args = args != nullptr && args->is_array() ? args->items.size() : 0;
    while (k < n_args && args->items[k].as_text().value_or("") != name) ++k;
    if (k == n_args) {
      slot = JsonNode::string(prefix + name, slot.loc);
    } else if (actual != nullptr && actual->is_array() && k < actual->items.size()) {
      slot = actual->items[k];  // keeps the location where the actual slot was written
    } else {
      slot = JsonNode::null(slot.loc);  // jsoncpp's out-of-range read gives null
    }
  }
}

/// XStream's GetSubNodes: appends the nodes of workflow `w` (and of its sub-workflows, in place)
/// to `out`.
void collect(JsonNode& w, const Scope& scope, JsonNode& out) {
  JsonNode* items = w.find("workflow");
  if (items == nullptr || !items->is_array()) return;
  for (JsonNode& item : items->items) {
    if (is_type(item, "workflow")) {
      std::string name = or_null(item.find("name")).as_text().value_or("");
      JsonNode& inputs = item.member("inputs");
      JsonNode& outputs = item.member("outputs");
      rename_slots(inputs, scope.actual_in, scope.arg_in, scope.path);
      rename_slots(outputs, scope.actual_out, scope.arg_out, scope.path);
      collect(item,
              Scope{scope.path + "_" + name, &inputs, &outputs, item.find("__arg_inputs__"),
                    item.find("__arg_outputs__")},
              out);
    } else if (is_type(item, "node")) {
      JsonNode& unique_name = item.member("unique_name");
      unique_name =
          JsonNode::string(scope.path + "_" + unique_name.as_text().value_or(""), unique_name.loc);
      item.members.erase("type");
      // member() adds a missing slot list as null, which XStream's output shows too.
      rename_slots(item.member("inputs"), scope.actual_in, scope.arg_in, scope.path);
      rename_slots(item.member("outputs"), scope.actual_out, scope.arg_out, scope.path);
      if (!out.is_array()) out = JsonNode::array(out.loc);
      out.items.push_back(std::move(item));
    }
  }
}

}  // namespace

std::optional<JsonNode> flatten_main(const JsonNode& root, Diagnostics& diags) {
  const JsonNode* workflows = root.find("workflows");
  if (workflows == nullptr || !workflows->is_array()) {
    diags.error(workflows != nullptr ? workflows->loc : root.loc,
                "a v1.1 config (one with a `version` key) needs a `workflows` array", "workflows");
    return std::nullopt;
  }
  // XStream keeps one node list across every element named "main"; the last one is the result.
  JsonNode nodes = JsonNode::null(workflows->loc);
  std::optional<JsonNode> result;
  for (const JsonNode& element : workflows->items) {
    if (!element.has_string("name", "main")) {
      diags.warning(element.loc, "ignored: only the workflow named \"main\" is used", "workflows");
      continue;
    }
    if (!is_type(element, "workflow")) {
      diags.error(element.loc, "the workflow named \"main\" must have \"type\": \"workflow\"",
                  "workflows");
      return std::nullopt;
    }
    JsonNode main = element;
    nodes.loc = main.member("workflow").loc;
    JsonNode& items = main.member("workflow");
    for (JsonNode& item : items.items) {
      if (is_type(item, "workflow")) {
        std::string name = or_null(item.find("name")).as_text().value_or("");
        collect(item,
                Scope{name, item.find("inputs"), item.find("outputs"), item.find("__arg_inputs__"),
                      item.find("__arg_outputs__")},
                nodes);
      } else if (is_type(item, "node")) {
        item.members.erase("type");
        if (!nodes.is_array()) nodes = JsonNode::array(nodes.loc);
        nodes.items.push_back(std::move(item));
      } else {
        diags.warning(item.loc,
                      "dropped from the main workflow: neither a node nor a workflow "
                      "(\"type\" must be \"node\" or \"workflow\")",
                      "workflows.main.workflow");
      }
    }
    main.members.erase("type");
    main.member("workflow") = nodes;
    result = std::move(main);
  }
  if (!result) {
    diags.error(workflows->loc, "`workflows` has no workflow named \"main\"", "workflows");
  }
  return result;
}

}  // namespace rill::config::json_fe
