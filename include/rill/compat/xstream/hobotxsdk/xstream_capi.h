/* XStream 2.x C API (source compatibility). Valid C and C++.
 * librill_sdk implements it (src/xstream/compat/capi) on xstream::XStreamSDK. No function lets a
 * C++ exception out: failures are XStream's negative error codes (xstream_error.h). */
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

/* Creates an SDK, applies every global setting with XStreamSDK::SetConfig ("config_file"
 * first; it is required) and initialises it. 0 with *handle set; otherwise *handle is NULL and
 * the result is -1 (null handle, no config_file, a setting refused) or XStreamSDK::Init's code,
 * negated when positive (e.g. -3 for a workflow with a cycle). */
HOBOT_EXPORT int HobotXStreamCapiInit(HobotXStreamCapiHandle* handle);
/* Destroys the SDK. */
HOBOT_EXPORT int HobotXStreamCapiFinalize(HobotXStreamCapiHandle handle);

/* Runs one frame; on 0, *outputs is a new list the caller frees with
 * HobotXStreamCapiDataListFree. -1 for a NULL argument, -1000 for an empty list or one holding a
 * NULL or context-less element, else the output's error code when negative (e.g. -2002 per
 * missing output). The caller keeps ownership of `inputs`. */
HOBOT_EXPORT int HobotXStreamCapiProcessSync(HobotXStreamCapiHandle handle,
                                             const HobotXStreamCapiInputList* inputs,
                                             HobotXStreamCapiDataList** outputs);

/* Receives the outputs of HobotXStreamCapiProcessAsync frames (one call per output group; calls
 * never overlap). `result` and its error_detail_ are valid during the call only. result->inputs_
 * is the list the frame was submitted with, as an identifier: the SDK converted it during
 * HobotXStreamCapiProcessAsync and never reads it again, so the caller owns and frees it.
 * result->outputs_ is a new list the callback owns and frees with HobotXStreamCapiDataListFree. */
typedef void (*HobotXStreamCapiCallback)(HobotXStreamCapiHandle handle,
                                         HobotXStreamCapiCallbackData* result, void* pUserData);

/* Sets (NULL: removes) the callback of asynchronous frames. */
HOBOT_EXPORT int HobotXStreamCapiSetCallback(HobotXStreamCapiHandle handle,
                                             HobotXStreamCapiCallback callback, void* pUserData);

/* Submits one frame; the sequence id (>= 0) or a negative error code (-1 without a callback or
 * for a NULL argument, -1000 for an unusable list, -1001 when max_running_count is reached).
 * The caller keeps ownership of `inputs`. */
HOBOT_EXPORT int64_t HobotXStreamCapiProcessAsync(HobotXStreamCapiHandle handle,
                                                  const HobotXStreamCapiInputList* inputs);

/* XStreamSDK::SetConfig (0, or -1 for an unknown key or bad value); -1000 for a NULL argument. */
HOBOT_EXPORT int HobotXStreamCapiSetConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                           const char* value);
/* XStreamSDK::UpdateConfig of node `cfg_name` with `value` (JSON text) wrapped in an
 * SdkCommParam: 0, 1 for an unknown node, -1 when the method refuses; -1000 for NULL. */
HOBOT_EXPORT int HobotXStreamCapiUpdateConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                              const char* value);
/* Format() of XStreamSDK::GetConfig(cfg_name). With pvalue NULL, *length receives the size
 * needed (strlen + 1); otherwise the text is copied when *length exceeds its strlen, else -1000
 * with the size needed in *length. -1 for an unknown node or a method without parameter. */
HOBOT_EXPORT int HobotXStreamCapiGetConfig(HobotXStreamCapiHandle handle, const char* cfg_name,
                                           char* pvalue, uint32_t* length);

#ifdef __cplusplus
}
#endif

#endif /* HOBOTXSDK_XSTREAM_CAPI_H_ */
