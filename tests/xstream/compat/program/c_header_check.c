/* Compiled as C99: the C-API headers must be valid C. */
#include <stddef.h>

#include "c_area_array.h"
#include "hobotxsdk/xstream_capi.h"

DECLEAR_DEFINE_CAPI_FREE_PARENT(AreaArray)

int compat_c_header_check(void) {
  HobotXStreamCapiAreaArray* array = HobotXStreamCapiAreaArrayAlloc();
  HobotXStreamCapiData* as_base = &array->parent_;
  HobotXStreamCapiCallbackData callback_data;
  int ok = array != NULL && array->values_size_ == 0 && array->parent_.context_ != NULL;
  callback_data.sequence_id_ = 0;
  callback_data.outputs_ = NULL;
  (void)callback_data;
  HobotXStreamCapiAreaArrayFreeParent(&as_base); /* frees through the C free function */
  return ok && sizeof(HobotXStreamCapiDataList) == sizeof(size_t) ? 0 : 1;
}
