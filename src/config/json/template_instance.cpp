// Template instantiation.

#include "json/template_instance.hpp"

#include <string>

#include "json/error_codes.hpp"

namespace rill::config::json_fe {
namespace {

/// Everything one instantiation needs to report a problem.
struct Instantiation {
  const std::string& template_name;
  const JsonNode& ref;
  const JsonNode& bindings;  ///< ref.parameters (an object)
  Diagnostics& diags;
  bool ok = true;
};

/// Whether the parameter list `declared` names `key`.
bool declares(const JsonNode& declared, const std::string& key) {
  for (const JsonNode& p : declared.items) {
    if (p.is_string() && p.text == key) return true;
  }
  return false;
}

std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

/// The correspondence check of XStream's CheckTemplateParameters (1108), reported where the fault
/// is: the template's parameter list when that is malformed, the ref's bindings otherwise.
bool check_correspondence(const std::string& name, const JsonNode& tpl, const JsonNode& ref,
                          Diagnostics& diags) {
  const JsonNode& declared = *tpl.find("parameters");
  const JsonNode& bound = *ref.find("parameters");
  const std::string code = code_suffix(ParseCode::kTemplateRefNotCorrespond);
  auto note_ref = [&] { diags.note(ref.loc, "template_ref to '" + name + "' is here"); };
  if (!declared.is_array()) {
    diags.error(declared.loc,
                "parameters of template '" + name + "' must be an array of names, got " +
                    std::string(kind_name(declared)) + code,
                "templates");
    note_ref();
    return false;
  }
  if (declared.size() != bound.size()) {
    std::vector<std::string> unbound;
    std::vector<std::string> undeclared;
    for (const JsonNode& p : declared.items) {
      if (p.is_string() && !bound.has(p.text)) unbound.push_back(p.text);
    }
    for (const auto& [k, v] : bound.members) {
      if (!declares(declared, k)) undeclared.push_back(k);
    }
    std::string detail;
    if (!unbound.empty()) detail += "; missing " + quoted_names(unbound);
    if (!undeclared.empty()) detail += "; not declared " + quoted_names(undeclared);
    diags.error(bound.loc, "template_ref binds " + std::to_string(bound.size()) +
                               " parameters but template '" + name + "' declares " +
                               std::to_string(declared.size()) + detail + code);
    diags.note(declared.loc, "parameters of template '" + name + "' are declared here");
    return false;
  }
  if (declared.items.empty()) {
    diags.error(declared.loc,
                "template '" + name +
                    "' declares no parameters; XStream rejects every reference to such a "
                    "template" +
                    code,
                "templates");
    note_ref();
    return false;
  }
  // XStream checks only the first declared name [quirk]; the others fail later, as 1102, where
  // a `${name}` uses them.
  const JsonNode& first = declared.items.front();
  if (!first.is_string()) {
    diags.error(first.loc, "template parameter names must be strings" + code, "templates");
    note_ref();
    return false;
  }
  if (!bound.has(first.text)) {
    diags.error(bound.loc, "template_ref does not bind parameter '" + first.text +
                               "' of template '" + name + "'" + code);
    diags.note(declared.loc, "parameters of template '" + name + "' are declared here");
    return false;
  }
  return true;
}

/// The name a template workflow's `${name}` slot declares: its text without the first two and
/// the last character, whatever they are [quirk].
JsonNode arg_name(const JsonNode& slot, Diagnostics& diags) {
  std::string text = slot.as_text().value_or("");
  std::string name = text.size() >= 3 ? text.substr(2, text.size() - 3) : std::string();
  if (text.size() < 3 || text.compare(0, 2, "${") != 0 || text.back() != '}') {
    diags.warning(slot.loc,
                  "a workflow inside a template should list its slots as \"${param}\"; '" + text +
                      "' is taken as the argument '" + name + "'");
  }
  return JsonNode::string(std::move(name), slot.loc);
}

/// Records `__arg_inputs__`/`__arg_outputs__` on a Workflow object met in a template copy.
void record_arg_lists(JsonNode& workflow, Diagnostics& diags) {
  for (const char* key : {"inputs", "outputs"}) {
    const JsonNode& slots = *workflow.find(key);
    JsonNode args = JsonNode::array(slots.loc);
    for (const JsonNode& slot : slots.items) args.items.push_back(arg_name(slot, diags));
    workflow.member(std::string("__arg_") + key + "__") = std::move(args);
  }
}

void substitute(JsonNode& v, Instantiation& inst) {
  switch (v.kind) {
    case JsonNode::Kind::kObject:
      if (is_workflow_object(v)) record_arg_lists(v, inst.diags);
      for (auto& [key, member] : v.members) substitute(member, inst);
      return;
    case JsonNode::Kind::kArray:
      for (JsonNode& item : v.items) substitute(item, inst);
      return;
    case JsonNode::Kind::kString: {
      if (v.text.size() <= 3 || v.text[0] != '$') return;
      // The whole string names one parameter: "${name}" → name, again by position only.
      std::string name = v.text.substr(2, v.text.size() - 3);
      const JsonNode* value = inst.bindings.find(name);
      if (value == nullptr) {
        inst.diags.error(v.loc, "'" + v.text + "' in template '" + inst.template_name +
                                    "' names parameter '" + name +
                                    "', which the template_ref does not bind" +
                                    code_suffix(ParseCode::kParameterNameNotExist));
        inst.diags.note(inst.ref.loc, "template_ref to '" + inst.template_name + "' is here");
        inst.ok = false;
        return;
      }
      v = *value;  // the bound value with its own location; not searched for `${...}` again
      return;
    }
    default:
      return;
  }
}

}  // namespace

bool is_template_ref(const JsonNode& v) {
  if (!v.has_string("type", "template_ref")) return false;
  const JsonNode* name = v.find("template_name");
  const JsonNode* params = v.find("parameters");
  return name != nullptr && name->is_string() && params != nullptr && params->is_object();
}

bool is_workflow_object(const JsonNode& v) {
  if (!v.has_string("type", "workflow")) return false;
  const JsonNode* name = v.find("name");
  if (name == nullptr || !name->is_string()) return false;
  for (const char* key : {"inputs", "outputs", "workflow"}) {
    const JsonNode* list = v.find(key);
    if (list == nullptr || !list->is_array()) return false;
  }
  return true;
}

std::optional<JsonNode> instantiate(const JsonNode& ref, const TemplateMap& templates,
                                    Diagnostics& diags) {
  const JsonNode& name = *ref.find("template_name");
  auto it = templates.find(name.text);
  if (it == templates.end()) {
    diags.error(name.loc, "template '" + name.text + "' is not defined" +
                              code_suffix(ParseCode::kTemplatesNameInvalid));
    return std::nullopt;
  }
  if (!check_correspondence(name.text, it->second, ref, diags)) return std::nullopt;
  const JsonNode& bindings = *ref.find("parameters");
  // XStream compares counts and the first name only, so a misspelt binding passes; say so
  // before the `${...}` it was meant for fails with 1102.
  for (const auto& [key, value] : bindings.members) {
    if (!declares(*it->second.find("parameters"), key)) {
      diags.warning(value.loc, "template '" + name.text + "' declares no parameter '" + key + "'");
    }
  }
  // The whole definition is walked, as XStream does, not only its `template` member.
  JsonNode copy = it->second;
  Instantiation inst{name.text, ref, bindings, diags};
  substitute(copy, inst);
  if (!inst.ok) return std::nullopt;
  return std::move(*copy.find("template"));
}

}  // namespace rill::config::json_fe
