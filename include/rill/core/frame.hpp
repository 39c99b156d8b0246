#pragma once
// Frame and Tensor: reference-counted pixel and tensor buffers that travel inside a Value without
// being copied.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace rill {

/// A block of memory owned by whoever made it (a decoder's pool, a numpy array, malloc) and
/// released through `owner` when the last reference goes.
/// Thread safety: immutable after construction; the pixels themselves are shared and unguarded.
struct Buffer {
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::shared_ptr<void> owner;  ///< keeps `data` alive

  /// A zero-initialised heap buffer.
  static Buffer allocate(std::size_t size);
};

enum class PixelFormat : std::uint8_t { kBGR24, kRGB24, kGRAY8, kNV12, kYUV420P };

std::string_view to_string(PixelFormat f);
/// Bytes per row of the luma/packed plane for `width` pixels.
std::size_t min_stride(PixelFormat f, int width);
/// Total bytes of a tightly packed image (all planes).
std::size_t packed_size(PixelFormat f, int width, int height);

class Frame;

/// One plane of an image: packed formats have one, YUV420P three (Y, U, V), NV12 two (Y, UV).
struct Plane {
  std::uint8_t* data = nullptr;
  std::size_t stride = 0;  ///< bytes per row
};

/// Converts frames of a decoder's own format (YUV) to BGR24. A producer that hands out frames in
/// such a format attaches one (Frame::set_converter), so that layers which do not link the
/// decoder's library (Python, nodes, vision) can still ask for BGR with as_bgr().
/// Thread safety: to_bgr may be called from any thread at once.
class PixelConverter {
 public:
  virtual ~PixelConverter() = default;
  /// A new BGR24 frame with `f`'s pixels; the caller copies pts, stream id and frame index.
  [[nodiscard]] virtual std::shared_ptr<Frame> to_bgr(const Frame& f) const = 0;
};

/// An image: pixels in a Buffer plus geometry and stream position. Copying a Frame shares pixels
/// (and the BGR conversion cache). Conversions to cv::Mat / numpy live in the layers that use them.
class Frame {
 public:
  /// A packed frame (BGR24, RGB24, GRAY8) or a planar one laid out contiguously in `buffer`
  /// (planes follow each other at their minimal size, as packed_size() counts them).
  Frame(Buffer buffer, PixelFormat format, int width, int height, std::size_t stride);
  /// A frame whose planes lie anywhere inside memory that `buffer.owner` keeps alive (a decoder's
  /// frame: FFmpeg allocates each plane separately). Unused planes are {nullptr, 0}.
  Frame(Buffer buffer, PixelFormat format, int width, int height, std::array<Plane, 3> planes);
  /// Allocates a tightly packed frame.
  static std::shared_ptr<Frame> allocate(PixelFormat format, int width, int height);

  [[nodiscard]] PixelFormat format() const { return format_; }
  [[nodiscard]] int width() const { return width_; }
  [[nodiscard]] int height() const { return height_; }
  /// Bytes per row of plane 0.
  [[nodiscard]] std::size_t stride() const { return planes_[0].stride; }
  [[nodiscard]] const Buffer& buffer() const { return buffer_; }
  /// Plane 0's first pixel.
  [[nodiscard]] std::uint8_t* data() const { return planes_[0].data; }
  /// Plane `i` (0..2); {nullptr, 0} for a plane the format does not have.
  [[nodiscard]] const Plane& plane(std::size_t i) const { return planes_.at(i); }
  /// Number of planes of the format (1 for packed formats).
  [[nodiscard]] std::size_t plane_count() const;

  /// Attaches the converter as_bgr() uses for this frame (and for its copies).
  void set_converter(std::shared_ptr<const PixelConverter> converter);
  [[nodiscard]] bool has_converter() const { return bgr_ != nullptr; }

  std::int64_t pts = -1;  ///< presentation timestamp in `time_base` units
  /// pts unit in seconds, as a fraction (FFmpeg's stream time base); {0, 1} when unknown.
  struct TimeBase {
    int num = 0;
    int den = 1;
  } time_base;
  std::int64_t stream_id = -1;    ///< which stream (camera) it came from
  std::int64_t frame_index = -1;  ///< position within its stream, from 0

  /// pts in seconds; -1 when pts or the time base is unknown.
  [[nodiscard]] double seconds() const {
    if (pts < 0 || time_base.num <= 0 || time_base.den <= 0) return -1;
    return static_cast<double>(pts) * time_base.num / time_base.den;
  }

 private:
  friend std::shared_ptr<const Frame> as_bgr(const std::shared_ptr<const Frame>& f);
  struct BgrCache;

  Buffer buffer_;
  PixelFormat format_;
  int width_;
  int height_;
  std::array<Plane, 3> planes_{};
  std::shared_ptr<BgrCache> bgr_;  ///< converter and its one result, shared by copies
};

/// `f` as BGR24: `f` itself when it is BGR24; otherwise converted once (by the frame's attached
/// converter, or here for RGB24 and GRAY8) and cached, so every node that asks for the same
/// frame's BGR shares one conversion. Keeps pts, stream id and frame index. Throws
/// std::runtime_error for a YUV frame without a converter. Thread safety: any thread; concurrent
/// callers on one frame wait for a single conversion.
std::shared_ptr<const Frame> as_bgr(const std::shared_ptr<const Frame>& f);

enum class DType : std::uint8_t { kU8, kI8, kU16, kI16, kI32, kU32, kI64, kF16, kF32, kF64, kBool };

std::size_t dtype_size(DType t);
std::string_view to_string(DType t);

/// An n-dimensional array view over a Buffer (row-major by default; strides in bytes).
class Tensor {
 public:
  Tensor(Buffer buffer, DType dtype, std::vector<std::int64_t> shape,
         std::vector<std::int64_t> strides = {});
  static std::shared_ptr<Tensor> allocate(DType dtype, std::vector<std::int64_t> shape);

  [[nodiscard]] DType dtype() const { return dtype_; }
  [[nodiscard]] const std::vector<std::int64_t>& shape() const { return shape_; }
  [[nodiscard]] const std::vector<std::int64_t>& strides() const { return strides_; }
  [[nodiscard]] const Buffer& buffer() const { return buffer_; }
  [[nodiscard]] std::uint8_t* data() const { return buffer_.data; }
  [[nodiscard]] std::int64_t numel() const;
  [[nodiscard]] bool contiguous() const;

 private:
  Buffer buffer_;
  DType dtype_;
  std::vector<std::int64_t> shape_;
  std::vector<std::int64_t> strides_;
};

}  // namespace rill
