#include "slot_image.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <stdexcept>
#include <typeinfo>

#include <opencv2/imgproc.hpp>

#include "rill/vision/frame_mat.hpp"
#include "rill/vision_sdk/methods.hpp"

namespace rill::vision::detail {
namespace {

using hobot::vision::ImageFrame;

const char* format_name(HorizonVisionPixelFormat f) {
  switch (f) {
    case kHorizonVisionPixelFormatNone:
      return "None";
    case kHorizonVisionPixelFormatRawRGB:
      return "RawRGB";
    case kHorizonVisionPixelFormatRawRGB565:
      return "RawRGB565";
    case kHorizonVisionPixelFormatRawBGR:
      return "RawBGR";
    case kHorizonVisionPixelFormatRawGRAY:
      return "RawGRAY";
    case kHorizonVisionPixelFormatRawNV21:
      return "RawNV21";
    case kHorizonVisionPixelFormatRawNV12:
      return "RawNV12";
    case kHorizonVisionPixelFormatRawI420:
      return "RawI420";
    case kHorizonVisionPixelFormatX2SRC:
      return "X2SRC";
    case kHorizonVisionPixelFormatX2PYM:
      return "X2PYM";
    case kHorizonVisionPixelFormatImageContainer:
      return "ImageContainer";
    case kHorizonVisionPixelFormatRawRGBA:
      return "RawRGBA";
    case kHorizonVisionPixelFormatRawBGRA:
      return "RawBGRA";
  }
  return "unknown";
}

SlotImage from_rill_frame(const std::shared_ptr<const Frame>& frame, const std::string& what) {
  if (!frame) throw std::invalid_argument(what + ": the FrameData holds no frame");
  std::shared_ptr<const Frame> bgr = as_bgr(frame);  // converted once, cached in the frame
  return {bgr_mat(*bgr), bgr};
}

// 4:2:0 with the chroma right after the Y rows (DataUV() null, or pointing there): one Mat.
bool chroma_follows(ImageFrame& f, int height, std::size_t stride) {
  return f.DataUV() == nullptr ||
         f.DataUV() == f.Data() + stride * static_cast<std::size_t>(height);
}

SlotImage from_image_frame(const std::shared_ptr<ImageFrame>& frame, const std::string& what) {
  if (!frame) throw std::invalid_argument(what + ": the ImageFrameData holds no ImageFrame");
  ImageFrame& f = *frame;
  const HorizonVisionPixelFormat format = f.pixel_format;
  const int w = static_cast<int>(f.Width());
  const int h = static_cast<int>(f.Height());
  const std::size_t stride = f.Stride();
  if (f.Data() == nullptr || w <= 0 || h <= 0) {
    throw std::invalid_argument(what + ": the ImageFrame (" + f.type + ", pixel_format " +
                                format_name(format) + ") has no pixels (" + std::to_string(w) +
                                "x" + std::to_string(h) +
                                "); is its pixel_format set to the raw format of its data?");
  }
  auto wrap = [&](int rows, int type) {
    const std::size_t row_bytes = static_cast<std::size_t>(w) * CV_ELEM_SIZE(type);
    if (stride < row_bytes) {
      throw std::invalid_argument(what + ": the ImageFrame's stride " + std::to_string(stride) +
                                  " is less than a " + format_name(format) + " row of " +
                                  std::to_string(w) + " pixels");
    }
    return cv::Mat(rows, w, type, f.Data(), stride);
  };
  auto converted = [&](const cv::Mat& src, int code) {
    SlotImage out;
    cv::cvtColor(src, out.bgr, code);
    return out;
  };
  const bool yuv420 = format == kHorizonVisionPixelFormatRawNV12 ||
                      format == kHorizonVisionPixelFormatRawNV21 ||
                      format == kHorizonVisionPixelFormatRawI420;
  if (yuv420 && (w % 2 != 0 || h % 2 != 0)) {
    throw std::invalid_argument(what + ": a " + std::string(format_name(format)) +
                                " ImageFrame needs an even width and height, not " +
                                std::to_string(w) + "x" + std::to_string(h));
  }
  switch (format) {
    case kHorizonVisionPixelFormatRawBGR:
      return {wrap(h, CV_8UC3), frame};  // in place: the datum keeps the pixels
    case kHorizonVisionPixelFormatRawRGB:
      return converted(wrap(h, CV_8UC3), cv::COLOR_RGB2BGR);
    case kHorizonVisionPixelFormatRawGRAY:
      return converted(wrap(h, CV_8UC1), cv::COLOR_GRAY2BGR);
    case kHorizonVisionPixelFormatRawBGRA:
      return converted(wrap(h, CV_8UC4), cv::COLOR_BGRA2BGR);
    case kHorizonVisionPixelFormatRawRGBA:
      return converted(wrap(h, CV_8UC4), cv::COLOR_RGBA2BGR);
    case kHorizonVisionPixelFormatRawNV12:
    case kHorizonVisionPixelFormatRawNV21: {
      const bool nv12 = format == kHorizonVisionPixelFormatRawNV12;
      if (chroma_follows(f, h, stride)) {
        return converted(wrap(h * 3 / 2, CV_8UC1),
                         nv12 ? cv::COLOR_YUV2BGR_NV12 : cv::COLOR_YUV2BGR_NV21);
      }
      const std::size_t uv_stride = f.StrideUV() != 0 ? f.StrideUV() : stride;
      const cv::Mat uv(h / 2, w / 2, CV_8UC2, f.DataUV(), uv_stride);
      SlotImage out;
      cv::cvtColorTwoPlane(wrap(h, CV_8UC1), uv, out.bgr,
                           nv12 ? cv::COLOR_YUV2BGR_NV12 : cv::COLOR_YUV2BGR_NV21);
      return out;
    }
    case kHorizonVisionPixelFormatRawI420:
      // OpenCV reads I420 as one (h * 3 / 2) x w plane: the chroma planes must follow the Y plane
      // without row padding.
      if (stride != static_cast<std::size_t>(w) || !chroma_follows(f, h, stride)) {
        throw std::invalid_argument(what +
                                    ": a RawI420 ImageFrame must be one packed buffer (stride = "
                                    "width, U and V right after Y)");
      }
      return converted(wrap(h * 3 / 2, CV_8UC1), cv::COLOR_YUV2BGR_I420);
    default:
      throw std::invalid_argument(
          what + ": ImageFrame pixel_format " + format_name(format) +
          " is not read; FaceDetect takes RawBGR, RawRGB, RawGRAY, RawRGBA, RawBGRA, RawNV12, "
          "RawNV21 and RawI420");
  }
}

std::string type_name(const std::type_info& t) {
  int status = 0;
  char* name = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && name != nullptr ? name : t.name();
  std::free(name);  // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle's buffer
  return out;
}

}  // namespace

SlotImage slot_image(const xstream::BaseData& datum, const std::string& what) {
  if (const auto* d = dynamic_cast<const FrameData*>(&datum))
    return from_rill_frame(d->value, what);
  if (const auto* d = dynamic_cast<const xstream::XStreamData<std::shared_ptr<Frame>>*>(&datum)) {
    return from_rill_frame(d->value, what);
  }
  if (const auto* d = dynamic_cast<const ImageFrameData*>(&datum)) {
    return from_image_frame(d->value, what);
  }
  throw std::invalid_argument(
      what + ": the input is no image (a '" + datum.type_ + "' datum of C++ type " +
      type_name(typeid(datum)) +
      "); FaceDetect takes xstream::XStreamData<std::shared_ptr<hobot::vision::ImageFrame>> or "
      "rill::vision::FrameData");
}

}  // namespace rill::vision::detail
