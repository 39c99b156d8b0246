// XStream's data model: the out-of-line members (hobotxsdk/xstream_data.h).
#include "hobotxsdk/xstream_data.h"

#include <memory>

#include "compat/capi/capi_convert.hpp"
#include "hobotxsdk/xstream_capi_type_helper.h"

namespace xstream {

// c_data_ is always allocated: data types' constructors store their C converter in it
// (XSTREAM_BASE_CPP_CONTEXT_INIT). A plain BaseData converts to a plain C header.
BaseData::BaseData() : type_("BaseData"), c_data_(std::make_shared<CContext>()) {
  c_data_->cpp2c_method_ = BaseDataCpp2CBaseData;
}

BaseData::~BaseData() = default;

// A BaseDataVector converts to a HobotXStreamCapiBaseDataVector (its elements converted in turn).
BaseDataVector::BaseDataVector() {
  type_ = "BaseDataVector";
  c_data_->cpp2c_method_ = capi::VectorOrBaseToC;
}

}  // namespace xstream
