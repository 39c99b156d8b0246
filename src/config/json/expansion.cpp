// The expansion passes and the v1.1 entry point.

#include "json/expansion.hpp"

#include "json/error_codes.hpp"
#include "json/include_files.hpp"
#include "json/template_instance.hpp"

namespace rill::config::json_fe {
namespace {

constexpr int kMaxPasses = 10;  // XStream's limit on nested template/include levels

struct Pass {
  const TemplateMap& templates;
  const std::string& folder;
  Diagnostics& diags;
  bool changed = false;
  bool failed = false;
  SourceLoc last_change{};  ///< where the latest replacement happened
  std::string last_what{};  ///< what it replaced, for the 1101 message
};

void walk(JsonNode& v, Pass& pass) {
  switch (v.kind) {
    case JsonNode::Kind::kObject: {
      if (is_template_ref(v)) {
        std::optional<JsonNode> body = instantiate(v, pass.templates, pass.diags);
        if (!body) {
          pass.failed = true;
          return;
        }
        pass.last_change = v.loc;
        pass.last_what = "template_ref to '" + v.find("template_name")->text + "'";
        v = std::move(*body);
        pass.changed = true;
        return;
      }
      for (auto& [key, member] : v.members) walk(member, pass);
      return;
    }
    case JsonNode::Kind::kArray:
      for (JsonNode& item : v.items) walk(item, pass);
      return;
    case JsonNode::Kind::kString: {
      if (!is_include(v.text)) return;
      std::optional<JsonNode> content = load_include(v, pass.folder, pass.diags);
      if (!content) {
        pass.failed = true;
        return;
      }
      pass.last_change = v.loc;
      pass.last_what = "'" + v.text + "'";
      v = std::move(*content);
      pass.changed = true;
      return;
    }
    default:
      return;
  }
}

}  // namespace

bool resolve_workflows(JsonNode& workflows, const TemplateMap& templates, const std::string& folder,
                       Diagnostics& diags) {
  Pass pass{templates, folder, diags};
  for (int level = 0; level < kMaxPasses; ++level) {
    pass.changed = false;
    walk(workflows, pass);
    if (pass.failed) return false;
    if (!pass.changed) return true;
  }
  diags.error(pass.last_change,
              "templates and includes still expanding after " + std::to_string(kMaxPasses) +
                  " passes (the last one replaced " + pass.last_what +
                  "); is a file including itself or a template referring to itself?" +
                  code_suffix(ParseCode::kMaxNestedLayer));
  return false;
}

std::optional<JsonNode> expand_v11(JsonNode root, const std::string& folder, Diagnostics& diags) {
  TemplateMap templates;
  if (!build_template_map(root.find("templates"), folder, diags, &templates)) return std::nullopt;
  JsonNode* workflows = root.find("workflows");
  if (workflows != nullptr && !resolve_workflows(*workflows, templates, folder, diags)) {
    return std::nullopt;
  }
  return flatten_main(root, diags);
}

}  // namespace rill::config::json_fe
