// The expansion passes and the v1.1 entry point.

#include "json/expansion.hpp"

#include <algorithm>

#include <rill/core/limits.hpp>

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

/// Levels of arrays and objects below `v`: 0 for a scalar or an empty one.
int levels_below(const JsonNode& v) {
  int deepest = -1;
  for (const JsonNode& item : v.items) deepest = std::max(deepest, levels_below(item));
  for (const auto& [key, member] : v.members) deepest = std::max(deepest, levels_below(member));
  return deepest + 1;
}

/// Replaces `v`, at `depth`, by what expanding `what` gave. Each replacement nests one document
/// in another, so ten passes could build a tree ten times as deep as the parser accepts, and
/// everything after expansion walks it recursively: the result is held to the parser's bound.
void replace(JsonNode& v, int depth, JsonNode with, std::string what, Pass& pass) {
  if (depth + levels_below(with) > limits::kMaxJsonNesting) {
    pass.diags.error(v.loc, "expanding " + what + " here nests values deeper than " +
                                std::to_string(limits::kMaxJsonNesting) + " levels");
    pass.failed = true;
    return;
  }
  pass.last_change = v.loc;
  pass.last_what = std::move(what);
  v = std::move(with);
  pass.changed = true;
}

/// `depth`: how many arrays and objects hold `v` (the root document's top level being 0).
void walk(JsonNode& v, int depth, Pass& pass) {
  switch (v.kind) {
    case JsonNode::Kind::kObject: {
      if (is_template_ref(v)) {
        std::optional<JsonNode> body = instantiate(v, pass.templates, pass.diags);
        if (!body) {
          pass.failed = true;
          return;
        }
        std::string what = "template_ref to '" + v.find("template_name")->text + "'";
        replace(v, depth, std::move(*body), std::move(what), pass);
        return;
      }
      for (auto& [key, member] : v.members) walk(member, depth + 1, pass);
      return;
    }
    case JsonNode::Kind::kArray:
      for (JsonNode& item : v.items) walk(item, depth + 1, pass);
      return;
    case JsonNode::Kind::kString: {
      if (!is_include(v.text)) return;
      std::optional<JsonNode> content = load_include(v, pass.folder, pass.diags);
      if (!content) {
        pass.failed = true;
        return;
      }
      replace(v, depth, std::move(*content), "'" + v.text + "'", pass);
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
    walk(workflows, 1, pass);  // `workflows` is a member of the root object
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
