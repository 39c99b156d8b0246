#pragma once
// SwsBgrConverter: the PixelConverter FFmpeg-decoded frames carry (libswscale, YUV -> BGR24 into
// pooled buffers).

#include <memory>

#include "ffmpeg.hpp"
#include "rill/core/frame.hpp"

namespace rill::media {

/// Converts frames whose pixels are in FFmpeg's `source` format. One instance per stream and
/// source format; its swscale contexts are per thread, since a context is not thread-safe.
class SwsBgrConverter final : public PixelConverter {
 public:
  SwsBgrConverter(AVPixelFormat source, AVColorSpace space, AVColorRange range)
      : source_(source), space_(space), range_(range) {}
  [[nodiscard]] std::shared_ptr<Frame> to_bgr(const Frame& f) const override;

  /// Converts raw planes of `source` to a pooled BGR frame (also for formats rill's Frame does
  /// not name, which decoders convert right away).
  [[nodiscard]] std::shared_ptr<Frame> convert(const std::uint8_t* const planes[4],
                                               const int strides[4], int width, int height) const;

 private:
  AVPixelFormat source_;
  AVColorSpace space_;
  AVColorRange range_;
};

/// The Frame format a decoder's pixel format maps onto without conversion, if any.
bool frame_format_of(AVPixelFormat f, PixelFormat* out);

}  // namespace rill::media
