// The C API's per-SDK settings: SetConfig, UpdateConfig (JSON text as an SdkCommParam) and
// GetConfig (a parameter's Format() copied into the caller's buffer).
#include <cstring>
#include <memory>
#include <string>

#include "compat/capi/capi_convert.hpp"
#include "hobotxsdk/xstream_capi.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"

extern "C" {

int HobotXStreamCapiSetConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                              const char* value) {
  if (handle == nullptr || cfg_name == nullptr || value == nullptr) {
    return HOBOTXSTREAM_ERROR_INPUT_INVALID;
  }
  return xstream::capi::Guarded("HobotXStreamCapiSetConfig", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
    return static_cast<xstream::XStreamSDK*>(handle)->SetConfig(cfg_name, value);
  });
}

int HobotXStreamCapiUpdateConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                 const char* value) {
  if (handle == nullptr || cfg_name == nullptr || value == nullptr) {
    return HOBOTXSTREAM_ERROR_INPUT_INVALID;
  }
  return xstream::capi::Guarded(
      "HobotXStreamCapiUpdateConfig", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
        return static_cast<xstream::XStreamSDK*>(handle)->UpdateConfig(
            cfg_name, std::make_shared<xstream::SdkCommParam>(cfg_name, value));
      });
}

int HobotXStreamCapiGetConfig(HobotXStreamCapiHandle handle, const char* cfg_name, char* pvalue,
                              uint32_t* length) {
  if (handle == nullptr || cfg_name == nullptr || length == nullptr) {
    return HOBOTXSTREAM_ERROR_INPUT_INVALID;
  }
  return xstream::capi::Guarded("HobotXStreamCapiGetConfig", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
    xstream::InputParamPtr param = static_cast<xstream::XStreamSDK*>(handle)->GetConfig(cfg_name);
    if (!param) return HOBOTXSTREAM_ERROR_INVALID_PARAM;  // unknown node, or no parameter
    const std::string text = param->Format();
    const auto needed = static_cast<uint32_t>(text.size() + 1);
    if (pvalue == nullptr) {
      *length = needed;
      return 0;
    }
    if (*length < needed) {
      *length = needed;
      return HOBOTXSTREAM_ERROR_INPUT_INVALID;
    }
    std::memcpy(pvalue, text.c_str(), needed);
    return 0;
  });
}

}  // extern "C"
