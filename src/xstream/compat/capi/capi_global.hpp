#pragma once
// The process-wide settings of HobotXStreamCapiSetGlobalConfig, read by HobotXStreamCapiInit.

#include <string>
#include <utility>
#include <vector>

namespace xstream::capi {

/// The global settings, "config_file" first, then the others by name.
std::vector<std::pair<std::string, std::string>> GlobalSettings();

}  // namespace xstream::capi
