/* hobotxsdk/xstream_capi.h alone (as C): the type header's <stddef.h>/<stdint.h> come along. */
#include "hobotxsdk/xstream_capi.h"

int64_t CompatIncludesCapi(HobotXStreamCapiHandle handle) {
  HobotXStreamCapiCallback callback = NULL;
  size_t none = 0;
  return handle == NULL && callback == NULL ? (int64_t)none : INT64_C(-1);
}
