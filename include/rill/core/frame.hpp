#pragma once
// Frame and Tensor: reference-counted pixel and tensor buffers that travel inside a Value without
// being copied.

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

/// An image: pixels in a Buffer plus geometry and stream position. Copying a Frame shares pixels.
/// Conversions to other pixel formats and to cv::Mat / numpy live in the media and python layers.
class Frame {
 public:
  Frame(Buffer buffer, PixelFormat format, int width, int height, std::size_t stride);
  /// Allocates a tightly packed frame.
  static std::shared_ptr<Frame> allocate(PixelFormat format, int width, int height);

  [[nodiscard]] PixelFormat format() const { return format_; }
  [[nodiscard]] int width() const { return width_; }
  [[nodiscard]] int height() const { return height_; }
  [[nodiscard]] std::size_t stride() const { return stride_; }
  [[nodiscard]] const Buffer& buffer() const { return buffer_; }
  [[nodiscard]] std::uint8_t* data() const { return buffer_.data; }

  std::int64_t pts = -1;          ///< presentation timestamp in stream time base units
  std::int64_t stream_id = -1;    ///< which stream (camera) it came from
  std::int64_t frame_index = -1;  ///< position within its stream, from 0

 private:
  Buffer buffer_;
  PixelFormat format_;
  int width_;
  int height_;
  std::size_t stride_;
};

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
