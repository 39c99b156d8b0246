// XStream 2.x workflow configuration (source compatibility).
// Pulls in jsoncpp (Json::Value) and hobotlog, as XStream's header does.
#ifndef HOBOTXSTREAM_XSTREAM_CONFIG_H_
#define HOBOTXSTREAM_XSTREAM_CONFIG_H_

#include <limits.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "hobotlog/hobotlog.hpp"
#include "hobotxsdk/xstream_error.h"
#include "hobotxstream/method_factory.h"
#include "json/json.h"

namespace xstream {

/// Graph-validation codes XStreamSDK::Init returns. Unscoped, as in XStream.
enum CONFIG_ERROR {
  CONFIG_OK = 0,
  INPUT_UNFEED_ERROR,
  OUTPUT_USELESS_ERROR,
  WORKFLOW_CIRCLE_ERROR,
  OUTPUT_REPEATED_ERROR,
  NODE_NAME_ERROR
};

/// XStream's internal v1.1 expansion codes; LoadFile reports every one of them as -1.
enum PARSE_CONFIG_ERROR {
  FILE_PATH_ERROR = 1100,
  EXCEED_MAX_NESTED_LAYER_ERROR = 1101,
  PARAMETER_NAME_NOT_EXIST_ERROR = 1102,
  INCLUDE_EMPTY_FILEPATH_ERROR = 1103,
  TEMPLATES_FORMAT_ERROR = 1104,
  TEMPLATES_NAME_REPEATED_ERROR = 1105,
  TEMPLATES_NAME_INVALID_ERROR = 1106,
  UNDEFINITION_TYPE_ERROR = 1107,
  TEMPLATEREF_NOT_CORRESPOND_ERROR = 1108,
  UNKOWN_TYPE_ERROR = 1109
};

typedef Json::Value Config;

/// XStream's v1.1 parser state. Internal in XStream; rill expands workflows in rill_config, so
/// this is an empty placeholder kept for the `parse_config_` member.
class ParseConfig {};

/// XStream's settings shared by the nodes of a workflow. Internal; a placeholder in rill.
class XStreamSharedConfig {};

/// XStream's scheduler view of a workflow. Internal; a placeholder in rill.
class SchedulerConfig {};

/// A workflow file loaded and expanded. After LoadFile(path) returns 0, `cfg_jv_` holds the flat
/// (v1.1-expanded) workflow and `folder_path_` the file's directory with a trailing '/' ("./"
/// when the path has none). LoadFile returns -1 when the file cannot be read or parsed, a v1.1
/// expansion fails, or a node has both method_config and method_config_file; it does not run
/// graph validation (that is Init's, codes 1/3/4/5). It may be called again on the same object.
/// Thread safety: none (one thread per object).
class XStreamConfig {
 public:
  XStreamConfig() {}
  virtual ~XStreamConfig() {}

  ParseConfig parse_config_;
  int LoadFile(const std::string& file_path);
  std::string folder_path_;
  MethodFactoryPtr method_factory_;
  Config cfg_jv_;
};
typedef std::shared_ptr<XStreamConfig> XStreamConfigPtr;

}  // namespace xstream

#endif  // HOBOTXSTREAM_XSTREAM_CONFIG_H_
