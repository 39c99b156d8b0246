// The C API's SDK handle (an xstream::XStreamSDK*): init, finalize, sync and async predict,
// the callback. Every function maps failures, exceptions included, to XStream's error codes.
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "compat/capi/capi_convert.hpp"
#include "compat/capi/capi_global.hpp"
#include "hobotxsdk/xstream_capi.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"

namespace {

xstream::XStreamSDK* Sdk(HobotXStreamCapiHandle handle) {
  return static_cast<xstream::XStreamSDK*>(handle);
}

// The C++ input of a C call, or nullptr (logged) for an unusable list.
xstream::InputDataPtr Input(const char* function, const HobotXStreamCapiInputList* inputs) {
  std::string error;
  xstream::InputDataPtr input = xstream::capi::InputListToCpp(inputs, &error);
  if (!input) spdlog::error("{}: {}", function, error);
  return input;
}

}  // namespace

extern "C" {

int HobotXStreamCapiInit(HobotXStreamCapiHandle* handle) {
  if (handle == nullptr) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  *handle = nullptr;
  return xstream::capi::Guarded("HobotXStreamCapiInit", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
    auto settings = xstream::capi::GlobalSettings();
    if (settings.empty() || settings.front().first != "config_file") {
      spdlog::error(
          "HobotXStreamCapiInit: no workflow; call "
          "HobotXStreamCapiSetGlobalConfig(\"config_file\", path) first");
      return HOBOTXSTREAM_ERROR_INVALID_PARAM;
    }
    std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
    for (const auto& [key, value] : settings) {
      if (sdk->SetConfig(key, value) != 0) {
        spdlog::error("HobotXStreamCapiInit: global config '{}' = '{}' refused", key, value);
        return HOBOTXSTREAM_ERROR_INVALID_PARAM;
      }
    }
    // Init's codes are -1 (load failure) or positive (validation, xstream::CONFIG_ERROR); the
    // C API reports only negative errors.
    const int rc = sdk->Init();
    if (rc != 0) return rc < 0 ? rc : -rc;
    *handle = sdk.release();
    return 0;
  });
}

int HobotXStreamCapiFinalize(HobotXStreamCapiHandle handle) {
  if (handle == nullptr) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return xstream::capi::Guarded("HobotXStreamCapiFinalize", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
    delete Sdk(handle);
    return 0;
  });
}

int HobotXStreamCapiProcessSync(HobotXStreamCapiHandle handle,
                                const HobotXStreamCapiInputList* inputs,
                                HobotXStreamCapiDataList** outputs) {
  if (handle == nullptr || inputs == nullptr || outputs == nullptr) {
    return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  }
  *outputs = nullptr;
  return xstream::capi::Guarded(
      "HobotXStreamCapiProcessSync", HOBOTXSTREAM_ERROR_INPUT_INVALID, [&] {
        xstream::InputDataPtr input = Input("HobotXStreamCapiProcessSync", inputs);
        if (!input) return HOBOTXSTREAM_ERROR_INPUT_INVALID;
        xstream::OutputDataPtr output = Sdk(handle)->SyncPredict(input);
        if (output->error_code_ < 0) return output->error_code_;
        *outputs = xstream::capi::OutputToC(*output);
        return 0;
      });
}

int HobotXStreamCapiSetCallback(HobotXStreamCapiHandle handle, HobotXStreamCapiCallback callback,
                                void* pUserData) {
  if (handle == nullptr) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return xstream::capi::Guarded(
      "HobotXStreamCapiSetCallback", HOBOTXSTREAM_ERROR_INVALID_PARAM, [&] {
        if (callback == nullptr) return Sdk(handle)->SetCallback(nullptr);
        return Sdk(handle)->SetCallback([handle, callback, pUserData](xstream::OutputDataPtr out) {
          // Runs on an SDK thread: a conversion failure is logged there, never thrown.
          xstream::capi::Guarded("HobotXStreamCapi callback", 0, [&] {
            std::string detail = out->error_detail_;
            HobotXStreamCapiCallbackData result{};
            result.sequence_id_ = out->sequence_id_;
            result.error_code_ = out->error_code_;
            result.error_detail_ = detail.data();
            // The list the caller passed to HobotXStreamCapiProcessAsync (InputData::context_).
            result.inputs_ =
                static_cast<HobotXStreamCapiInputList*>(const_cast<void*>(out->context_));
            result.outputs_ = xstream::capi::OutputToC(*out);
            callback(handle, &result, pUserData);
            return 0;
          });
        });
      });
}

int64_t HobotXStreamCapiProcessAsync(HobotXStreamCapiHandle handle,
                                     const HobotXStreamCapiInputList* inputs) {
  if (handle == nullptr || inputs == nullptr) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return xstream::capi::Guarded(
      "HobotXStreamCapiProcessAsync", static_cast<int64_t>(HOBOTXSTREAM_ERROR_INPUT_INVALID),
      [&]() -> int64_t {
        xstream::InputDataPtr input = Input("HobotXStreamCapiProcessAsync", inputs);
        if (!input) return HOBOTXSTREAM_ERROR_INPUT_INVALID;
        return Sdk(handle)->AsyncPredict(input);
      });
}

}  // extern "C"
