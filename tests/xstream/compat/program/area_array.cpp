#include "area_array.h"

#include <stdlib.h>

#include <memory>

#include "area_array_transfer.h"
#include "c_area_array.h"
#include "hobotxsdk/xstream_capi_type_helper.h"

XSTREAM_DEFINE_DATA_FREE_PARENT(AreaArray)

HobotXStreamCapiAreaArray* HobotXStreamCapiAreaArrayAlloc() {
  XSTREAM_CAPI_BASE_ALLOC(AreaArray, array);
  return array;
}

void HobotXStreamCapiAreaArrayFree(HobotXStreamCapiAreaArray** array) {
  if (*array) {
    XSTREAM_CAPI_BASE_FREE(AreaArray, array);
    free(*array);
    *array = nullptr;
  }
}

namespace xstream {

AreaArray::AreaArray(size_t values_size, const float* values) : values_(values_size) {
  type_ = "AreaArray";
  XSTREAM_BASE_CPP_CONTEXT_INIT(AreaArray, c_data_);
  if (values) values_.assign(values, values + values_size);
}

AreaArray::~AreaArray() {}

XSTREAM_DEFINE_2C_TRANSFER_FUNC(AreaArray, cpp_data) {
  XSTREAM_BASE_2C_TRANSFER_PROCESS(AreaArray, cpp_data, c_data);
  c_data->values_size_ = cpp_data->values_.size();
  c_data->values_ = cpp_data->values_.empty() ? nullptr : &cpp_data->values_[0];
  c_data->score_ = cpp_data->score_;
  return c_data;
}

XSTREAM_DEFINE_2CPP_TRANSFER_FUNC(AreaArray, c) {
  XSTREAM_BASE_2CPP_TRANSFER_PROCESS(AreaArray, c, cpp, c->values_size_, c->values_);
  cpp->score_ = c->score_;
  return cpp;
}

}  // namespace xstream
