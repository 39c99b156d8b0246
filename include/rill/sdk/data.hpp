#pragma once
// The data a workflow moves between slots. rill's SDK uses XStream's own types (BaseData,
// InputData, OutputData, InputParam, Method) so that XStream Methods and applications run on it
// without an adapter; this header gives them rill names.

#include "hobotxsdk/xstream_data.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxstream/method.h"

namespace rill::sdk {

using Data = xstream::BaseData;
using DataPtr = xstream::BaseDataPtr;
using DataState = xstream::DataState;
using Param = xstream::InputParam;
using ParamPtr = xstream::InputParamPtr;
using DisableParam = xstream::DisableParam;
using FrameInput = xstream::InputData;
using FrameOutput = xstream::OutputData;
using FrameOutputPtr = xstream::OutputDataPtr;
using Method = xstream::Method;
using MethodPtr = xstream::MethodPtr;
using MethodInfo = xstream::MethodInfo;

/// Error codes carried by FrameOutput::error_code_ and returned by Workflow::submit.
inline constexpr int kInvalidInput = HOBOTXSTREAM_ERROR_INPUT_INVALID;                // -1000
inline constexpr int kTooManyInFlight = HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT;  // -1001
inline constexpr int kSlotNotReady = HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY;  // -2002, per slot

/// XStream's name of the single output group of a workflow whose outputs are plain slot names.
inline constexpr const char* kWholeOutput = "__NODE_WHOLE_OUTPUT__";

}  // namespace rill::sdk
