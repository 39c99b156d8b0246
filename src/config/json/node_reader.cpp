// One node of the flat workflow.

#include <climits>

#include "json/schema_reader.hpp"

namespace rill::config::json_fe {
namespace {

/// JSON text handed to Method::InitFromJsonString. Invalid UTF-8 is replaced rather than thrown
/// on: the config was accepted as bytes, and the method decides what it makes of them.
std::string json_text(const JsonNode& v) {
  return to_nlohmann(v).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// method_config / method_config_file; XStream refuses a node with both (-1).
void read_method_config(FieldReader& r, const std::string& config_dir, WorkflowNode* node) {
  const JsonNode* inline_config = r.get("method_config");
  const JsonNode* file = r.get("method_config_file");
  if (inline_config != nullptr && file != nullptr) {
    r.error(file->loc, "has both method_config and method_config_file; XStream refuses such a node",
            "method_config_file");
    return;
  }
  if (inline_config != nullptr) node->method_config = json_text(*inline_config);
  if (file == nullptr) return;
  if (file->is_string()) {
    node->method_config_file = config_dir + file->text;  // plain concatenation, as XStream
  } else if (std::optional<std::string> text = file->as_text()) {
    node->method_config_file = *text;  // numbers and bools pass as their JSON text, null as ""
  } else {
    r.error(file->loc,
            "method_config_file must be a file name, got " + std::string(kind_name(*file)) +
                " (an \"@include:\" puts the file's content here; use method_config for that)",
            "method_config_file");
  }
}

}  // namespace

bool read_node(const JsonNode& v, std::size_t index, const std::string& config_dir,
               WorkflowNode* node, NodeLocs* locs, Diagnostics& diags) {
  std::string prefix = "workflow[" + std::to_string(index) + "]";
  if (!v.is_object()) {
    diags.error(v.loc, prefix + " must be a node object, got " + std::string(kind_name(v)), prefix);
    return false;
  }
  FieldReader r(v, prefix, "node " + std::to_string(index), diags);
  node->loc = v.loc;
  bool named = r.read_name("unique_name", &node->unique_name, &locs->name);
  if (named) r.set_what("node '" + node->unique_name + "'");
  r.read_name("method_type", &node->method_type);
  bool inputs = r.read_slots("inputs", &node->inputs, &locs->inputs);
  bool outputs = r.read_slots("outputs", &node->outputs, &locs->outputs);
  read_threads(r, node);
  if (const JsonNode* prio = r.get("thread_priority")) {
    node->thread_priority = read_thread_priority(*prio, r.key_path("thread_priority"),
                                                 r.what() + " thread_priority", diags);
  }
  read_method_config(r, config_dir, node);
  std::int64_t timeout = 0;
  if (r.read_int("timeout_duration", INT_MIN, INT_MAX, &timeout)) {
    node->timeout_ms = timeout > 0 ? static_cast<int>(timeout) : 0;
  }
  return named && inputs && outputs;
}

}  // namespace rill::config::json_fe
