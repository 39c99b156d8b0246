/* hobotxsdk/xstream_capi_type.h alone (as C) brings <stddef.h> and <stdint.h>. */
#include "hobotxsdk/xstream_capi_type.h"

size_t CompatIncludesCapiType(void) {
  int64_t sequence = 0;
  uint32_t length = 1;
  return (size_t)sequence + length + offsetof(HobotXStreamCapiBaseDataVector, datas_);
}
