// XStream 2.x C-API converters and the macro kit user data types expand (source compatibility).
// C++ only; compiles as C++14.
//
// A user type T (an xstream::BaseData subclass) with a C twin HobotXStreamCapiT (first member
// `HobotXStreamCapiData parent_`) is wired up as XStream's own test types do:
//
//   // T's transfer header, inside namespace xstream:
//   XSTREAM_DECLEAR_TRANSFER(T);
//   // T's source, at global scope:
//   XSTREAM_DEFINE_DATA_FREE_PARENT(T)
//   HobotXStreamCapiT *HobotXStreamCapiTAlloc() { XSTREAM_CAPI_BASE_ALLOC(T, t); return t; }
//   void HobotXStreamCapiTFree(HobotXStreamCapiT **t) {
//     if (*t) { XSTREAM_CAPI_BASE_FREE(T, t); free(*t); *t = nullptr; }
//   }
//   // T's constructor: XSTREAM_BASE_CPP_CONTEXT_INIT(T, c_data_);
//   // inside namespace xstream:
//   XSTREAM_DEFINE_2C_TRANSFER_FUNC(T, in) { XSTREAM_BASE_2C_TRANSFER_PROCESS(T, in, out); ...;
//                                            return out; }
//   XSTREAM_DEFINE_2CPP_TRANSFER_FUNC(T, in) { XSTREAM_BASE_2CPP_TRANSFER_PROCESS(T, in, out);
//                                              ...; return out; }
#ifndef HOBOTXSDK_XSTREAM_CAPI_TYPE_HELPER_H_
#define HOBOTXSDK_XSTREAM_CAPI_TYPE_HELPER_H_

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "hobotxsdk/xstream_capi_type.h"
#include "hobotxsdk/xstream_data.h"

// Global scope: defines HobotXStreamCapi<type>FreeParent, the type-erased
// HobotXStreamCapi<type>Free a CppContext stores.
#define XSTREAM_DEFINE_DATA_FREE_PARENT(type)                                       \
  inline void HobotXStreamCapi##type##FreeParent(HobotXStreamCapiData** data) {     \
    HobotXStreamCapi##type##Free(reinterpret_cast<HobotXStreamCapi##type**>(data)); \
  }

// In the constructor of `type`: declares `ccontext`, a reference to `context` (the object's
// c_data_), and makes it convert the object to C with xstream::<type>Cpp2CBaseData.
#define XSTREAM_BASE_CPP_CONTEXT_INIT(type, context) \
  auto& ccontext = context;                          \
  ccontext->cpp2c_method_ = ::xstream::type##Cpp2CBaseData;

// Global scope, in HobotXStreamCapi<type>Alloc: declares `out`, a zeroed HobotXStreamCapi<type>
// whose parent_ names its type and owns a new CppContext (C-to-C++ converter and free function).
#define XSTREAM_CAPI_BASE_ALLOC(type, out)                                                  \
  HobotXStreamCapi##type* out =                                                             \
      static_cast<HobotXStreamCapi##type*>(std::calloc(1, sizeof(HobotXStreamCapi##type))); \
  out->parent_.type_ = #type;                                                               \
  {                                                                                         \
    ::xstream::CppContext* xstream_capi_context_ = new ::xstream::CppContext();             \
    xstream_capi_context_->c2cpp_method_ = ::xstream::type##C2CppBaseData;                  \
    xstream_capi_context_->cfree_method_ = HobotXStreamCapi##type##FreeParent;              \
    out->parent_.context_ = xstream_capi_context_;                                          \
  }

// Global scope, in HobotXStreamCapi<type>Free: deletes the CppContext of *ppdata.
#define XSTREAM_CAPI_BASE_FREE(type, ppdata) \
  delete static_cast<::xstream::CppContext*>((*(ppdata))->parent_.context_);

// Inside namespace xstream: declares <type>Cpp2C and <type>C2Cpp (the user defines them with the
// two macros below) and defines their BaseData forms, <type>C2CppBaseData / <type>Cpp2CBaseData.
#define XSTREAM_DECLEAR_TRANSFER(type)                                                         \
  HOBOT_EXPORT HobotXStreamCapi##type* type##Cpp2C(std::shared_ptr<type> cpp_data);            \
  HOBOT_EXPORT std::shared_ptr<type> type##C2Cpp(HobotXStreamCapi##type* c_data);              \
  inline std::shared_ptr<::xstream::BaseData> type##C2CppBaseData(HobotXStreamCapiData* c) {   \
    return std::static_pointer_cast<::xstream::BaseData>(                                      \
        type##C2Cpp(reinterpret_cast<HobotXStreamCapi##type*>(c)));                            \
  }                                                                                            \
  inline HobotXStreamCapiData* type##Cpp2CBaseData(std::shared_ptr<::xstream::BaseData> cpp) { \
    return &(type##Cpp2C(std::static_pointer_cast<type>(cpp))->parent_);                       \
  }

// The heads of the two conversion functions.
#define XSTREAM_DEFINE_2C_TRANSFER_FUNC(type, in) \
  HobotXStreamCapi##type* type##Cpp2C(std::shared_ptr<type> in)
#define XSTREAM_DEFINE_2CPP_TRANSFER_FUNC(type, in) \
  std::shared_ptr<type> type##C2Cpp(HobotXStreamCapi##type* in)

// In <type>Cpp2C: declares `out` = HobotXStreamCapi<type>Alloc(...), keeps `in` alive in its
// context (the C fields point into it) and copies the BaseData fields.
#define XSTREAM_BASE_2C_TRANSFER_PROCESS(type, in, out, ...)                    \
  HobotXStreamCapi##type* out = HobotXStreamCapi##type##Alloc(__VA_ARGS__);     \
  static_cast<::xstream::CppContext*>(out->parent_.context_)->cpp_data_ = (in); \
  ::xstream::BaseData2C((in).get(), &out->parent_);

// In <type>C2Cpp: declares `out` = std::make_shared<type>(...) and copies the BaseData fields.
#define XSTREAM_BASE_2CPP_TRANSFER_PROCESS(type, in, out, ...) \
  auto out = std::make_shared<type>(__VA_ARGS__);              \
  ::xstream::BaseData2Cpp(&(in)->parent_, out.get());

namespace xstream {

/// Attached to every C data object (HobotXStreamCapiData::context_): the C++ object it was made
/// from (kept alive while the C object lives), the C-to-C++ converter and the C free function.
class CppContext {
 public:
  std::shared_ptr<BaseData> cpp_data_;
  std::function<std::shared_ptr<BaseData>(HobotXStreamCapiData*)> c2cpp_method_;
  std::function<void(HobotXStreamCapiData**)> cfree_method_;
};

/// Attached to every C++ data object (BaseData::c_data_): its C++-to-C converter (empty for
/// types without a C form).
class CContext {
 public:
  std::function<HobotXStreamCapiData*(std::shared_ptr<BaseData>)> cpp2c_method_;
};

/// Copies the set BaseData fields (non-empty strings, non-zero error code) to the C header; the
/// C strings point into `cpp`.
inline void BaseData2C(BaseData* cpp, HobotXStreamCapiData* c) {
  if (!cpp->type_.empty()) c->type_ = cpp->type_.c_str();
  if (!cpp->name_.empty()) c->name_ = cpp->name_.c_str();
  if (cpp->error_code_ != 0) c->error_code_ = cpp->error_code_;
  if (!cpp->error_detail_.empty()) c->error_detail_ = cpp->error_detail_.c_str();
}

/// Copies the set C header fields (non-null non-empty strings, non-zero error code) to `cpp`.
inline void BaseData2Cpp(HobotXStreamCapiData* c, BaseData* cpp) {
  if (c->type_ && c->type_[0]) cpp->type_ = c->type_;
  if (c->name_ && c->name_[0]) cpp->name_ = c->name_;
  if (c->error_code_ != 0) cpp->error_code_ = c->error_code_;
  if (c->error_detail_ && c->error_detail_[0]) cpp->error_detail_ = c->error_detail_;
}

/// A C input list as an InputData (each element converted by its context; context_ = inputs).
inline InputDataPtr InputList2Cpp(const HobotXStreamCapiInputList* inputs) {
  InputDataPtr cpp = std::make_shared<InputData>();
  cpp->datas_.reserve(inputs->datas_size_);
  for (size_t i = 0; i < inputs->datas_size_; ++i) {
    HobotXStreamCapiData* c = inputs->datas_[i];
    CppContext* context = static_cast<CppContext*>(c->context_);
    cpp->datas_.push_back(context->c2cpp_method_(c));
  }
  cpp->context_ = inputs;
  return cpp;
}

/// An OutputData's datas_ as a new C list (each element converted by its c_data_).
inline HobotXStreamCapiDataList* Output2CList(OutputDataPtr outputs) {
  HobotXStreamCapiDataList* list = HobotXStreamCapiDataListAlloc(outputs->datas_.size());
  for (size_t i = 0; i < outputs->datas_.size(); ++i) {
    const BaseDataPtr& data = outputs->datas_[i];
    list->datas_[i] = data->c_data_->cpp2c_method_(data);
  }
  return list;
}

/// Frees a C object made by BaseDataCpp2CBaseData; sets *data to NULL.
inline void HobotXStreamCapiBaseDataFree(HobotXStreamCapiData** data) {
  if (data == nullptr || *data == nullptr) return;
  delete static_cast<CppContext*>((*data)->context_);
  std::free(*data);
  *data = nullptr;
}

/// A plain C header as a new BaseData.
inline std::shared_ptr<BaseData> BaseDataC2CppBaseData(HobotXStreamCapiData* c) {
  std::shared_ptr<BaseData> cpp = std::make_shared<BaseData>();
  BaseData2Cpp(c, cpp.get());
  return cpp;
}

/// A BaseData as a new plain C header (free it with HobotXStreamCapiBaseDataFree).
inline HobotXStreamCapiData* BaseDataCpp2CBaseData(std::shared_ptr<BaseData> cpp) {
  HobotXStreamCapiData* c =
      static_cast<HobotXStreamCapiData*>(std::calloc(1, sizeof(HobotXStreamCapiData)));
  c->type_ = "BaseData";
  CppContext* context = new CppContext();
  context->cpp_data_ = cpp;
  context->c2cpp_method_ = BaseDataC2CppBaseData;
  context->cfree_method_ = HobotXStreamCapiBaseDataFree;
  c->context_ = context;
  BaseData2C(cpp.get(), c);
  return c;
}

XSTREAM_DECLEAR_TRANSFER(BaseDataVector)

}  // namespace xstream

#endif  // HOBOTXSDK_XSTREAM_CAPI_TYPE_HELPER_H_
