// XStreamConfig::LoadFile on rill's XStream front-end (hobotxstream/xstream_config.h):
// rill_config parses and expands the file; cfg_jv_ receives the flat JSON.
#include "hobotxstream/xstream_config.h"

#include <memory>
#include <sstream>
#include <string>

#include <rill/config/workflow.hpp>
#include <rill/core/diagnostic.hpp>

#include "common/com_func.h"

namespace xstream {
namespace {

void print_diagnostics(const rill::Diagnostics& diags) {
  for (const rill::Diagnostic& d : diags.items()) {
    switch (d.severity) {
      case rill::Severity::kError:
        LOGE << d.format();
        break;
      case rill::Severity::kWarning:
        LOGW << d.format();
        break;
      case rill::Severity::kNote:
        LOGI << d.format();
        break;
    }
  }
}

// jsoncpp keeps integers as integers (cfg_jv_ is compared with files parsed by jsoncpp).
bool parse_json(const std::string& text, Json::Value* out, std::string* error) {
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  return reader->parse(text.data(), text.data() + text.size(), out, error);
}

}  // namespace

// Graph validation (Init's codes 1/3/4/5) is not LoadFile's business: a file that expanded
// loads even when its graph is invalid. Every other failure is -1, as in XStream.
int XStreamConfig::LoadFile(const std::string& file_path) {
  folder_path_ = hobotcommon::get_parent_path(file_path);
  cfg_jv_ = Json::Value();

  rill::Diagnostics diags;
  rill::config::WorkflowLoad load = rill::config::load_workflow_file(file_path, diags);
  print_diagnostics(diags);
  // XStream's LoadFile fails only when parsing or expansion fails, or when a node has both
  // method_config and method_config_file; other schema problems (e.g. a method_config_file that
  // an @include turned into an object) surface at Init, so LoadFile still succeeds for them.
  if (!load.expanded_json) {
    LOGE << "failed to load workflow config " << file_path;
    return -1;
  }
  Json::Value root;
  std::string error;
  if (!parse_json(*load.expanded_json, &root, &error)) {
    LOGE << "expanded workflow of " << file_path << " is not valid JSON: " << error;
    return -1;
  }
  const Json::Value& const_root = root;  // const operator[] does not insert
  for (const Json::Value& node : const_root["workflow"]) {
    if (node.isObject() && node.isMember("method_config") && node.isMember("method_config_file")) {
      LOGE << "node " << node["unique_name"].asString()
           << " has both method_config and method_config_file";
      return -1;
    }
  }
  cfg_jv_ = root;
  return 0;
}

}  // namespace xstream
