/* horizon/vision_type/vision_type_common.h alone (as C) brings <stddef.h> and <stdint.h>. */
#include "horizon/vision_type/vision_type_common.h"

size_t CompatIncludesVisionTypeCommon(void) {
  uint8_t pixel = 3;
  HorizonVisionPixelFormat format = kHorizonVisionPixelFormatRawBGRA;
  return (size_t)pixel + (size_t)format;
}
