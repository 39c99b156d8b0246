#pragma once
// Conversions between the C data model (hobotxsdk/xstream_capi_type.h) and xstream::BaseData,
// and the guard that keeps C++ exceptions from crossing into C. Internal to the C API.

#include <exception>
#include <string>

#include <spdlog/spdlog.h>

#include "hobotxsdk/xstream_capi_type.h"
#include "hobotxsdk/xstream_data.h"

namespace xstream::capi {

/// The C++ object a C data object stands for (through its context's converter); nullptr for
/// NULL. Throws std::invalid_argument when `c` has no context (not made by an Alloc function).
BaseDataPtr ToCpp(HobotXStreamCapiData* c);

/// A new C object for `cpp` (its type's converter, else a plain C header); NULL for nullptr.
HobotXStreamCapiData* ToC(const BaseDataPtr& cpp);

/// The C++ converter of every BaseDataVector (BaseData::c_data_): the vector's C form, or a plain
/// header when the object is not really a vector (a BaseData copy-assigned from one shares its
/// c_data_).
HobotXStreamCapiData* VectorOrBaseToC(std::shared_ptr<BaseData> cpp);

/// `inputs` as an InputData whose context_ is `inputs`; nullptr with `*error` set when the list
/// is empty or holds a NULL or context-less element.
InputDataPtr InputListToCpp(const HobotXStreamCapiInputList* inputs, std::string* error);

/// The datas_ of `output` as a new C list (free with HobotXStreamCapiDataListFree).
HobotXStreamCapiDataList* OutputToC(const OutputData& output);

/// Runs `body` and returns its result, or `on_error` (logged) when it throws: no exception
/// leaves a C API function.
template <typename R, typename F>
R Guarded(const char* function, R on_error, F&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    try {
      spdlog::error("{}: {}", function, e.what());
    } catch (...) {
    }
  } catch (...) {
    try {
      spdlog::error("{}: unknown exception", function);
    } catch (...) {
    }
  }
  return on_error;
}

}  // namespace xstream::capi
