#include "bgr_converter.hpp"

#include <stdexcept>

#include "buffer_pool.hpp"

namespace rill::media {
namespace {

/// A swscale context per thread, rebuilt only when the geometry or format changes: streams of
/// one size on one thread (the common case) never rebuild it.
SwsContext* thread_context(AVPixelFormat source, int width, int height) {
  struct Holder {
    SwsContext* ctx = nullptr;
    ~Holder() { sws_freeContext(ctx); }
  };
  thread_local Holder holder;
  holder.ctx = sws_getCachedContext(holder.ctx, width, height, source, width, height,
                                    AV_PIX_FMT_BGR24, SWS_BILINEAR, nullptr, nullptr, nullptr);
  return holder.ctx;
}

}  // namespace

bool frame_format_of(AVPixelFormat f, PixelFormat* out) {
  switch (f) {
    case AV_PIX_FMT_YUV420P:
    case AV_PIX_FMT_YUVJ420P:
      *out = PixelFormat::kYUV420P;
      return true;
    case AV_PIX_FMT_NV12:
      *out = PixelFormat::kNV12;
      return true;
    case AV_PIX_FMT_BGR24:
      *out = PixelFormat::kBGR24;
      return true;
    case AV_PIX_FMT_RGB24:
      *out = PixelFormat::kRGB24;
      return true;
    case AV_PIX_FMT_GRAY8:
      *out = PixelFormat::kGRAY8;
      return true;
    default:
      return false;
  }
}

std::shared_ptr<Frame> SwsBgrConverter::convert(const std::uint8_t* const planes[4],
                                                const int strides[4], int width, int height) const {
  SwsContext* ctx = thread_context(source_, width, height);
  if (ctx == nullptr) {
    throw std::runtime_error(std::string("swscale cannot convert ") +
                             (av_get_pix_fmt_name(source_) ? av_get_pix_fmt_name(source_) : "?") +
                             " to bgr24");
  }
  // The stream's colour matrix and range (BT.601 vs 709, limited vs full), as the decoder
  // reported them; without this, HD video converts with SD colours.
  const int* coeffs = sws_getCoefficients(
      space_ == AVCOL_SPC_UNSPECIFIED ? SWS_CS_DEFAULT : static_cast<int>(space_));
  const int full_src = (range_ == AVCOL_RANGE_JPEG || source_ == AV_PIX_FMT_YUVJ420P) ? 1 : 0;
  sws_setColorspaceDetails(ctx, coeffs, full_src, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                           1 << 16, 1 << 16);
  auto out = pooled_bgr_frame(width, height);
  std::uint8_t* dst[4] = {out->data(), nullptr, nullptr, nullptr};
  const int dst_stride[4] = {static_cast<int>(out->stride()), 0, 0, 0};
  sws_scale(ctx, planes, strides, 0, height, dst, dst_stride);
  return out;
}

std::shared_ptr<Frame> SwsBgrConverter::to_bgr(const Frame& f) const {
  const std::uint8_t* planes[4] = {f.plane(0).data, f.plane(1).data, f.plane(2).data, nullptr};
  const int strides[4] = {static_cast<int>(f.plane(0).stride), static_cast<int>(f.plane(1).stride),
                          static_cast<int>(f.plane(2).stride), 0};
  return convert(planes, strides, f.width(), f.height());
}

}  // namespace rill::media
