/* The C part of Horizon's vision types that XStream image data uses: the pixel formats an
 * ImageFrame declares (hobot::vision::ImageFrame::pixel_format). Same names and values as
 * Horizon's header. Compiles as C99 and as C++14. */
#ifndef HORIZON_VISION_TYPE_VISION_TYPE_COMMON_H_
#define HORIZON_VISION_TYPE_VISION_TYPE_COMMON_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How an image's bytes are laid out. */
typedef enum HorizonVisionPixelFormat_ {
  kHorizonVisionPixelFormatNone = 0,       /**< unset (Horizon: an encoded image file) */
  kHorizonVisionPixelFormatRawRGB,         /**< packed 8-bit R, G, B */
  kHorizonVisionPixelFormatRawRGB565,      /**< packed 16-bit 5-6-5 */
  kHorizonVisionPixelFormatRawBGR,         /**< packed 8-bit B, G, R */
  kHorizonVisionPixelFormatRawGRAY,        /**< one 8-bit channel */
  kHorizonVisionPixelFormatRawNV21,        /**< 4:2:0, Y plane then interleaved V, U */
  kHorizonVisionPixelFormatRawNV12,        /**< 4:2:0, Y plane then interleaved U, V */
  kHorizonVisionPixelFormatRawI420,        /**< 4:2:0, Y, U and V planes */
  kHorizonVisionPixelFormatX2SRC,          /**< X2 camera source (hardware buffer) */
  kHorizonVisionPixelFormatX2PYM,          /**< X2 image pyramid (hardware buffer) */
  kHorizonVisionPixelFormatImageContainer, /**< an encoded image (JPEG, PNG, ...) */
  kHorizonVisionPixelFormatRawRGBA,        /**< packed 8-bit R, G, B, A */
  kHorizonVisionPixelFormatRawBGRA         /**< packed 8-bit B, G, R, A */
} HorizonVisionPixelFormat;

#ifdef __cplusplus
}
#endif

#endif /* HORIZON_VISION_TYPE_VISION_TYPE_COMMON_H_ */
