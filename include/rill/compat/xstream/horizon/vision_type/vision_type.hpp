// The part of Horizon's vision_type that XStream's data types use: hobot::vision::BBox, and the
// image frame interface ImageFrame with its pixel formats (vision_type_common.h). CVImageFrame,
// an ImageFrame over a cv::Mat, is defined when OpenCV's headers are on the include path (as they
// must be for Horizon's header, which always includes them); the rest needs no OpenCV.
// Compiles as C++14.
#ifndef HORIZON_VISION_TYPE_VISION_TYPE_HPP_
#define HORIZON_VISION_TYPE_VISION_TYPE_HPP_

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "horizon/vision_type/vision_type_common.h"

#if defined(__has_include)
#if __has_include(<opencv2/core/core.hpp>)
#include <opencv2/core/core.hpp>
#define RILL_XSTREAM_HAS_CV_IMAGE_FRAME 1
#endif
#endif

namespace hobot {
namespace vision {

/// An axis-aligned box, corners (x1, y1) and (x2, y2).
template <typename Dtype>
struct BBox_ {
  BBox_() {}
  BBox_(Dtype x1_, Dtype y1_, Dtype x2_, Dtype y2_, float score_ = 0.0f, int32_t id_ = -1,
        const std::string& category_name_ = "")
      : x1(x1_), y1(y1_), x2(x2_), y2(y2_), score(score_), id(id_), category_name(category_name_) {}

  Dtype Width() const { return x2 - x1; }
  Dtype Height() const { return y2 - y1; }
  Dtype CenterX() const { return x1 + (x2 - x1) / 2; }
  Dtype CenterY() const { return y1 + (y2 - y1) / 2; }

  Dtype x1 = 0;
  Dtype y1 = 0;
  Dtype x2 = 0;
  Dtype y2 = 0;
  float score = 0.0f;
  int32_t id = -1;
  std::string category_name;
};

template <typename Dtype>
std::ostream& operator<<(std::ostream& out, const BBox_<Dtype>& b) {
  return out << "( x1: " << b.x1 << " y1: " << b.y1 << " x2: " << b.x2 << " y2: " << b.y2
             << " score: " << b.score << " )";
}

typedef BBox_<float> BBox;

/// An image an XStream application passes into a workflow, usually as
/// xstream::XStreamData<std::shared_ptr<ImageFrame>>. Data() is the first (or only) plane,
/// Stride() its bytes per row; DataUV() the chroma of 4:2:0 formats when it lies elsewhere
/// (null when it follows the Y plane).
struct ImageFrame {
  virtual ~ImageFrame() {}
  HorizonVisionPixelFormat pixel_format = kHorizonVisionPixelFormatNone;
  uint32_t channel_id = 0;
  uint64_t time_stamp = 0;
  uint64_t frame_id = 0;
  std::string type = "";

  virtual uint8_t* Data() = 0;
  virtual uint8_t* DataUV() = 0;
  virtual uint32_t DataSize() = 0;
  virtual uint32_t DataUVSize() = 0;
  virtual uint32_t Width() = 0;
  virtual uint32_t Height() = 0;
  virtual uint32_t Stride() = 0;
  virtual uint32_t StrideUV() = 0;
};

#ifdef RILL_XSTREAM_HAS_CV_IMAGE_FRAME
/// An ImageFrame over a cv::Mat `img`: packed formats are img's pixels; 4:2:0 formats are a
/// one-channel img of height * 3 / 2 rows (Y, then chroma). Width() and friends are 0 until
/// pixel_format names a raw format. Stride() is img's row step, so an ROI of a larger image
/// (rows not contiguous) reads right; for a contiguous img it is cols * channels, as in
/// Horizon's header.
struct CVImageFrame : public ImageFrame {
  CVImageFrame() { type = "CVImageFrame"; }
  cv::Mat img;

  uint8_t* Data() override { return img.data; }
  uint8_t* DataUV() override { return nullptr; }
  uint32_t DataSize() override { return static_cast<uint32_t>(img.total() * img.channels()); }
  uint32_t DataUVSize() override { return 0; }
  uint32_t Width() override { return IsRaw() ? static_cast<uint32_t>(img.cols) : 0; }
  uint32_t Height() override {
    if (!IsRaw()) return 0;
    return static_cast<uint32_t>(IsYuv420() ? img.rows * 2 / 3 : img.rows);
  }
  uint32_t Stride() override { return IsRaw() ? static_cast<uint32_t>(img.step[0]) : 0; }
  uint32_t StrideUV() override {
    if (pixel_format == kHorizonVisionPixelFormatRawNV12 ||
        pixel_format == kHorizonVisionPixelFormatRawNV21) {
      return static_cast<uint32_t>(img.cols);
    }
    return pixel_format == kHorizonVisionPixelFormatRawI420 ? static_cast<uint32_t>(img.cols / 2)
                                                            : 0;
  }

 private:
  bool IsYuv420() const {
    return pixel_format == kHorizonVisionPixelFormatRawNV12 ||
           pixel_format == kHorizonVisionPixelFormatRawNV21 ||
           pixel_format == kHorizonVisionPixelFormatRawI420;
  }
  bool IsRaw() const {
    switch (pixel_format) {
      case kHorizonVisionPixelFormatRawRGB:
      case kHorizonVisionPixelFormatRawRGB565:
      case kHorizonVisionPixelFormatRawBGR:
      case kHorizonVisionPixelFormatRawGRAY:
      case kHorizonVisionPixelFormatRawNV21:
      case kHorizonVisionPixelFormatRawNV12:
      case kHorizonVisionPixelFormatRawI420:
      case kHorizonVisionPixelFormatRawRGBA:
      case kHorizonVisionPixelFormatRawBGRA:
        return true;
      default:
        return false;
    }
  }
};
#endif

}  // namespace vision
}  // namespace hobot

#endif  // HORIZON_VISION_TYPE_VISION_TYPE_HPP_
