// The C data model's functions (hobotxsdk/xstream_capi_type.h): lists, BaseDataVector, freeing
// through a context, and BaseDataVector's conversions in both directions.
#include <cstdlib>
#include <new>

#include "compat/capi/capi_convert.hpp"
#include "hobotxsdk/xstream_capi_type.h"
#include "hobotxsdk/xstream_capi_type_helper.h"

extern "C" {

void HobotXStreamCapiDataFree(HobotXStreamCapiData** data) {
  if (data == nullptr || *data == nullptr) return;
  auto* context = static_cast<xstream::CppContext*>((*data)->context_);
  if (context != nullptr && context->cfree_method_) {
    // The type's own free function (it deletes the context); it may throw nothing into C.
    xstream::capi::Guarded("HobotXStreamCapiDataFree", 0, [&] {
      context->cfree_method_(data);
      return 0;
    });
  } else {
    delete context;
    std::free(*data);
  }
  *data = nullptr;
}

HobotXStreamCapiDataList* HobotXStreamCapiDataListAlloc(size_t length) {
  // calloc: every slot starts NULL, so a partly filled list frees cleanly.
  auto* list = static_cast<HobotXStreamCapiDataList*>(
      std::calloc(1, sizeof(HobotXStreamCapiDataList) + length * sizeof(HobotXStreamCapiData*)));
  if (list != nullptr) list->datas_size_ = length;
  return list;
}

void HobotXStreamCapiDataListFree(HobotXStreamCapiDataList** list) {
  if (list == nullptr || *list == nullptr) return;
  for (size_t i = 0; i < (*list)->datas_size_; ++i) HobotXStreamCapiDataFree(&(*list)->datas_[i]);
  std::free(*list);
  *list = nullptr;
}

HobotXStreamCapiBaseDataVector* HobotXStreamCapiBaseDataVectorAlloc(size_t length) {
  return xstream::capi::Guarded("HobotXStreamCapiBaseDataVectorAlloc",
                                static_cast<HobotXStreamCapiBaseDataVector*>(nullptr),
                                [&]() -> HobotXStreamCapiBaseDataVector* {
                                  auto* vector = static_cast<HobotXStreamCapiBaseDataVector*>(
                                      std::calloc(1, sizeof(HobotXStreamCapiBaseDataVector)));
                                  if (vector == nullptr) return nullptr;
                                  vector->datas_ = HobotXStreamCapiDataListAlloc(length);
                                  if (vector->datas_ == nullptr) {
                                    std::free(vector);
                                    return nullptr;
                                  }
                                  auto* context = new xstream::CppContext();
                                  context->c2cpp_method_ = xstream::BaseDataVectorC2CppBaseData;
                                  context->cfree_method_ = HobotXStreamCapiBaseDataVectorFreeParent;
                                  vector->parent_.type_ = "BaseDataVector";
                                  vector->parent_.context_ = context;
                                  return vector;
                                });
}

void HobotXStreamCapiBaseDataVectorFree(HobotXStreamCapiBaseDataVector** vector) {
  if (vector == nullptr || *vector == nullptr) return;
  XSTREAM_CAPI_BASE_FREE(BaseDataVector, vector)
  HobotXStreamCapiDataListFree(&(*vector)->datas_);
  std::free(*vector);
  *vector = nullptr;
}

}  // extern "C"

namespace xstream {

XSTREAM_DEFINE_2C_TRANSFER_FUNC(BaseDataVector, in) {
  HobotXStreamCapiBaseDataVector* out = HobotXStreamCapiBaseDataVectorAlloc(in->datas_.size());
  if (out == nullptr) throw std::bad_alloc();
  // The C strings point into `in`, which the context keeps alive.
  static_cast<CppContext*>(out->parent_.context_)->cpp_data_ = in;
  BaseData2C(in.get(), &out->parent_);
  try {
    for (std::size_t i = 0; i < in->datas_.size(); ++i)
      out->datas_->datas_[i] = capi::ToC(in->datas_[i]);
  } catch (...) {
    HobotXStreamCapiBaseDataVectorFree(&out);
    throw;
  }
  return out;
}

XSTREAM_DEFINE_2CPP_TRANSFER_FUNC(BaseDataVector, in) {
  XSTREAM_BASE_2CPP_TRANSFER_PROCESS(BaseDataVector, in, out)
  if (in->datas_ != nullptr) {
    out->datas_.reserve(in->datas_->datas_size_);
    for (std::size_t i = 0; i < in->datas_->datas_size_; ++i) {
      out->datas_.push_back(capi::ToCpp(in->datas_->datas_[i]));
    }
  }
  return out;
}

}  // namespace xstream
