// Names of XStream's error codes.

#include "json/error_codes.hpp"

namespace rill::config::json_fe {
namespace {

const char* name_of(ParseCode code) {
  switch (code) {
    case ParseCode::kFilePath:
      return "FILE_PATH_ERROR";
    case ParseCode::kMaxNestedLayer:
      return "EXCEED_MAX_NESTED_LAYER_ERROR";
    case ParseCode::kParameterNameNotExist:
      return "PARAMETER_NAME_NOT_EXIST_ERROR";
    case ParseCode::kTemplatesFormat:
      return "TEMPLATES_FORMAT_ERROR";
    case ParseCode::kTemplatesNameRepeated:
      return "TEMPLATES_NAME_REPEATED_ERROR";
    case ParseCode::kTemplatesNameInvalid:
      return "TEMPLATES_NAME_INVALID_ERROR";
    case ParseCode::kTemplateRefNotCorrespond:
      return "TEMPLATEREF_NOT_CORRESPOND_ERROR";
  }
  return "PARSE_CONFIG_ERROR";
}

const char* name_of(WorkflowStatus status) {
  switch (status) {
    case WorkflowStatus::kInputUnfed:
      return "INPUT_UNFEED_ERROR";
    case WorkflowStatus::kCircle:
      return "WORKFLOW_CIRCLE_ERROR";
    case WorkflowStatus::kOutputRepeated:
      return "OUTPUT_REPEATED_ERROR";
    case WorkflowStatus::kNodeName:
      return "NODE_NAME_ERROR";
    default:
      return nullptr;
  }
}

}  // namespace

std::string code_suffix(ParseCode code) {
  return std::string(" (") + name_of(code) + " " + std::to_string(static_cast<int>(code)) + ")";
}

std::string code_suffix(WorkflowStatus status) {
  const char* name = name_of(status);
  if (name == nullptr) return {};
  return std::string(" (") + name + " " + std::to_string(static_cast<int>(status)) + ")";
}

}  // namespace rill::config::json_fe
