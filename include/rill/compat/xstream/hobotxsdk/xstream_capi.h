/* XStream 2.x C API (source compatibility; specs/xstream.md §1.5). Valid C and C++.
 * rill declares these functions but does not define them (XStream builds them only with
 * C_INTERFACE; no rill target links them). */
#ifndef HOBOTXSDK_XSTREAM_CAPI_H_
#define HOBOTXSDK_XSTREAM_CAPI_H_

#include "xstream_capi_type.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An SDK instance (an xstream::XStreamSDK). */
typedef void* HobotXStreamCapiHandle;

/* The SDK version, "0.0.18". */
HOBOT_EXPORT const char* HobotXStreamCapiGetVersion(void);

/* The folder holding license.txt. */
HOBOT_EXPORT void HobotXStreamCapiSetLicensePath(const char* path);
/* The last token of <license path>/license.txt, or "INVALID INFO". */
HOBOT_EXPORT const char* HobotXStreamCapiGetLicenseInfo(void);

/* Process-wide settings read by HobotXStreamCapiInit ("config_file"). 0 or negative. */
HOBOT_EXPORT int HobotXStreamCapiSetGlobalConfig(const char* cfg_name, const char* value);

/* Creates and initialises an SDK from the global settings. 0, or -1 for a null handle. */
HOBOT_EXPORT int HobotXStreamCapiInit(HobotXStreamCapiHandle* handle);
/* Destroys the SDK. */
HOBOT_EXPORT int HobotXStreamCapiFinalize(HobotXStreamCapiHandle handle);

/* Runs one frame; on 0, *outputs is a new list the caller frees with
 * HobotXStreamCapiDataListFree. Negative: the frame's error code. */
HOBOT_EXPORT int HobotXStreamCapiProcessSync(HobotXStreamCapiHandle handle,
                                             const HobotXStreamCapiInputList* inputs,
                                             HobotXStreamCapiDataList** outputs);

/* Receives the outputs of HobotXStreamCapiProcessAsync frames; `result` is valid during the
 * call only. */
typedef void (*HobotXStreamCapiCallback)(HobotXStreamCapiHandle handle,
                                         HobotXStreamCapiCallbackData* result, void* pUserData);

HOBOT_EXPORT int HobotXStreamCapiSetCallback(HobotXStreamCapiHandle handle,
                                             HobotXStreamCapiCallback callback, void* pUserData);

/* Submits one frame; the sequence id (>= 0) or a negative error code. */
HOBOT_EXPORT int64_t HobotXStreamCapiProcessAsync(HobotXStreamCapiHandle handle,
                                                  const HobotXStreamCapiInputList* inputs);

/* XStreamSDK::SetConfig. */
HOBOT_EXPORT int HobotXStreamCapiSetConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                           const char* value);
/* XStreamSDK::UpdateConfig with `value` (JSON text) wrapped in an SdkCommParam. */
HOBOT_EXPORT int HobotXStreamCapiUpdateConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                              const char* value);
/* Format() of XStreamSDK::GetConfig(cfg_name). With pvalue NULL, *length receives the size
 * needed (strlen + 1); otherwise the text is copied when *length exceeds its strlen. */
HOBOT_EXPORT int HobotXStreamCapiGetConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                           char* pvalue, uint32_t* length);

#ifdef __cplusplus
}
#endif

#endif /* HOBOTXSDK_XSTREAM_CAPI_H_ */
