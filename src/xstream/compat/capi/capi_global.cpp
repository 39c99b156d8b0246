// HobotXStreamCapiSetGlobalConfig: settings every later HobotXStreamCapiInit applies.
#include "compat/capi/capi_global.hpp"

#include <map>
#include <mutex>

#include "compat/capi/capi_convert.hpp"
#include "hobotxsdk/xstream_capi.h"
#include "hobotxsdk/xstream_error.h"

namespace xstream::capi {

namespace {

struct Settings {
  std::mutex mu;
  std::map<std::string, std::string> values;
};

Settings& settings() {
  static Settings s;
  return s;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> GlobalSettings() {
  Settings& s = settings();
  std::lock_guard g(s.mu);
  std::vector<std::pair<std::string, std::string>> out;
  // config_file first: XStreamSDK::SetConfig("profiler_file") etc. do not depend on it, but
  // Init reads it, and a reader of the log expects it first.
  if (auto it = s.values.find("config_file"); it != s.values.end()) out.emplace_back(*it);
  for (const auto& kv : s.values) {
    if (kv.first != "config_file") out.emplace_back(kv);
  }
  return out;
}

}  // namespace xstream::capi

extern "C" int HobotXStreamCapiSetGlobalConfig(const char* cfg_name, const char* value) {
  if (cfg_name == nullptr || value == nullptr) return HOBOTXSTREAM_ERROR_INPUT_INVALID;
  return xstream::capi::Guarded("HobotXStreamCapiSetGlobalConfig", HOBOTXSTREAM_ERROR_INVALID_PARAM,
                                [&] {
                                  auto& s = xstream::capi::settings();
                                  std::lock_guard g(s.mu);
                                  s.values[cfg_name] = value;
                                  return 0;
                                });
}
