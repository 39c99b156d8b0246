#include "compat/capi/capi_convert.hpp"

#include <new>
#include <stdexcept>
#include <utility>

#include "hobotxsdk/xstream_capi_type_helper.h"

namespace xstream::capi {

namespace {

// Frees a partly built list if a conversion throws.
struct ListGuard {
  HobotXStreamCapiDataList* list;
  ~ListGuard() { HobotXStreamCapiDataListFree(&list); }
  HobotXStreamCapiDataList* release() { return std::exchange(list, nullptr); }
};

}  // namespace

BaseDataPtr ToCpp(HobotXStreamCapiData* c) {
  if (c == nullptr) return nullptr;
  auto* context = static_cast<CppContext*>(c->context_);
  if (context == nullptr || !context->c2cpp_method_) {
    throw std::invalid_argument("a C data object without context (make it with an Alloc function)");
  }
  return context->c2cpp_method_(c);
}

HobotXStreamCapiData* ToC(const BaseDataPtr& cpp) {
  if (!cpp) return nullptr;
  if (cpp->c_data_ && cpp->c_data_->cpp2c_method_) return cpp->c_data_->cpp2c_method_(cpp);
  return BaseDataCpp2CBaseData(cpp);
}

HobotXStreamCapiData* VectorOrBaseToC(std::shared_ptr<BaseData> cpp) {
  if (auto vector = std::dynamic_pointer_cast<BaseDataVector>(cpp)) {
    return &BaseDataVectorCpp2C(std::move(vector))->parent_;
  }
  return BaseDataCpp2CBaseData(std::move(cpp));
}

InputDataPtr InputListToCpp(const HobotXStreamCapiInputList* inputs, std::string* error) {
  if (inputs->datas_size_ == 0) {
    *error = "the input list is empty";
    return nullptr;
  }
  auto cpp = std::make_shared<InputData>();
  cpp->datas_.reserve(inputs->datas_size_);
  for (size_t i = 0; i < inputs->datas_size_; ++i) {
    HobotXStreamCapiData* c = inputs->datas_[i];
    if (c == nullptr || c->context_ == nullptr) {
      *error = "input " + std::to_string(i) +
               (c == nullptr ? " is NULL" : " has no context (make it with an Alloc function)");
      return nullptr;
    }
    cpp->datas_.push_back(ToCpp(c));
  }
  cpp->context_ = inputs;
  return cpp;
}

HobotXStreamCapiDataList* OutputToC(const OutputData& output) {
  ListGuard guard{HobotXStreamCapiDataListAlloc(output.datas_.size())};
  if (guard.list == nullptr) throw std::bad_alloc();
  for (size_t i = 0; i < output.datas_.size(); ++i) guard.list->datas_[i] = ToC(output.datas_[i]);
  return guard.release();
}

}  // namespace xstream::capi
