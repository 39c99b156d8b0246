// C <-> C++ conversion of AreaArray (XStream's c_struct_transfer pattern).
#ifndef RILL_COMPAT_PROGRAM_AREA_ARRAY_TRANSFER_H_
#define RILL_COMPAT_PROGRAM_AREA_ARRAY_TRANSFER_H_

#include <memory>

#include "area_array.h"
#include "c_area_array.h"
#include "hobotxsdk/xstream_capi_type_helper.h"

namespace xstream {

XSTREAM_DECLEAR_TRANSFER(AreaArray);

}  // namespace xstream

#endif  // RILL_COMPAT_PROGRAM_AREA_ARRAY_TRANSFER_H_
