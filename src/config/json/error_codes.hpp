#pragma once
// XStream's internal error codes, named in diagnostics so that a message can be matched with the
// code XStream itself would have set (the enums of its xstream_config.h).

#include <string>

#include <rill/config/workflow.hpp>

namespace rill::config::json_fe {

/// PARSE_CONFIG_ERROR: why v1.1 expansion failed. XStream collapses all of them to -1.
enum class ParseCode : int {
  kFilePath = 1100,                  ///< FILE_PATH_ERROR: an include names a missing file
  kMaxNestedLayer = 1101,            ///< EXCEED_MAX_NESTED_LAYER_ERROR: still changing at pass 10
  kParameterNameNotExist = 1102,     ///< PARAMETER_NAME_NOT_EXIST_ERROR: `${x}` with no binding
  kTemplatesFormat = 1104,           ///< TEMPLATES_FORMAT_ERROR
  kTemplatesNameRepeated = 1105,     ///< TEMPLATES_NAME_REPEATED_ERROR
  kTemplatesNameInvalid = 1106,      ///< TEMPLATES_NAME_INVALID_ERROR: unknown template
  kTemplateRefNotCorrespond = 1108,  ///< TEMPLATEREF_NOT_CORRESPOND_ERROR
};

/// " (TEMPLATES_NAME_INVALID_ERROR 1106)", to append to a message.
std::string code_suffix(ParseCode code);
/// " (INPUT_UNFEED_ERROR 1)" for a graph-validation status; empty for kOk and kLoadError.
std::string code_suffix(WorkflowStatus status);

}  // namespace rill::config::json_fe
