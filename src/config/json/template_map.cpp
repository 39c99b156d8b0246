// Template definitions: include resolution, shape checks, unique names.

#include "json/template_map.hpp"

#include <vector>

#include "json/error_codes.hpp"
#include "json/include_files.hpp"

namespace rill::config::json_fe {
namespace {

/// Step 2a: every string element must be an include and is replaced by the file's content.
bool resolve_includes(std::vector<JsonNode>& defs, const std::string& folder, Diagnostics& diags) {
  bool ok = true;
  for (JsonNode& def : defs) {
    if (!def.is_string()) continue;
    if (!is_include(def.text)) {
      diags.error(def.loc,
                  "a string in `templates` must be \"@include:<file>\", got '" + def.text + "'" +
                      code_suffix(ParseCode::kTemplatesFormat),
                  "templates");
      ok = false;
      continue;
    }
    std::optional<JsonNode> content = load_include(def, folder, diags);
    if (content) {
      def = std::move(*content);
    } else {
      ok = false;
    }
  }
  return ok;
}

/// Step 2b: the shape of one definition (1104).
bool check_shape(const JsonNode& def, Diagnostics& diags) {
  if (!def.is_object()) {
    diags.error(def.loc,
                std::string("a template definition must be an object, got ") +
                    std::string(kind_name(def)) + code_suffix(ParseCode::kTemplatesFormat),
                "templates");
    return false;
  }
  std::string missing;
  for (const char* key : {"type", "template_name", "parameters", "template"}) {
    if (!def.has(key)) missing += std::string(missing.empty() ? "" : ", ") + "'" + key + "'";
  }
  if (!missing.empty()) {
    diags.error(def.loc,
                "template definition lacks " + missing +
                    " (needs type, template_name, parameters and template)" +
                    code_suffix(ParseCode::kTemplatesFormat),
                "templates");
    return false;
  }
  if (!def.has_string("type", "template")) {
    diags.error(def.find("type")->loc,
                "a template definition must have \"type\": \"template\"" +
                    code_suffix(ParseCode::kTemplatesFormat),
                "templates");
    return false;
  }
  return true;
}

}  // namespace

bool build_template_map(const JsonNode* templates, const std::string& folder, Diagnostics& diags,
                        TemplateMap* out) {
  if (templates == nullptr || templates->is_null()) return true;
  if (!templates->is_array()) {
    diags.error(templates->loc,
                std::string("`templates` must be an array, got ") +
                    std::string(kind_name(*templates)) + code_suffix(ParseCode::kTemplatesFormat),
                "templates");
    return false;
  }
  std::vector<JsonNode> defs = templates->items;
  if (!resolve_includes(defs, folder, diags)) return false;
  bool ok = true;
  for (JsonNode& def : defs) {
    if (!check_shape(def, diags)) {
      ok = false;
      continue;
    }
    const JsonNode& name = *def.find("template_name");
    if (!name.is_string()) {
      diags.error(name.loc,
                  std::string("template_name must be a string, got ") +
                      std::string(kind_name(name)) + code_suffix(ParseCode::kTemplatesNameRepeated),
                  "templates");
      ok = false;
      continue;
    }
    auto it = out->find(name.text);
    if (it != out->end()) {
      diags.error(name.loc,
                  "template '" + name.text + "' is defined twice" +
                      code_suffix(ParseCode::kTemplatesNameRepeated),
                  "templates");
      diags.note(it->second.find("template_name")->loc, "first definition of '" + name.text + "'");
      ok = false;
      continue;
    }
    std::string key = name.text;
    out->emplace(std::move(key), std::move(def));
  }
  return ok;
}

}  // namespace rill::config::json_fe
