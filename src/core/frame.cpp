#include "rill/core/frame.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace rill {

Buffer Buffer::allocate(std::size_t size) {
  // 64-byte alignment suits SIMD converters and numpy alike.
  void* p = std::aligned_alloc(64, (size + 63) / 64 * 64 + (size == 0 ? 64 : 0));
  if (!p) throw std::bad_alloc();
  std::memset(p, 0, size);
  Buffer b;
  b.data = static_cast<std::uint8_t*>(p);
  b.size = size;
  b.owner = std::shared_ptr<void>(p, [](void* q) { std::free(q); });
  return b;
}

std::string_view to_string(PixelFormat f) {
  switch (f) {
    case PixelFormat::kBGR24: return "bgr24";
    case PixelFormat::kRGB24: return "rgb24";
    case PixelFormat::kGRAY8: return "gray8";
    case PixelFormat::kNV12: return "nv12";
    case PixelFormat::kYUV420P: return "yuv420p";
  }
  return "?";
}

std::size_t min_stride(PixelFormat f, int width) {
  switch (f) {
    case PixelFormat::kBGR24:
    case PixelFormat::kRGB24: return static_cast<std::size_t>(width) * 3;
    default: return static_cast<std::size_t>(width);
  }
}

std::size_t packed_size(PixelFormat f, int width, int height) {
  auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  switch (f) {
    case PixelFormat::kBGR24:
    case PixelFormat::kRGB24: return w * h * 3;
    case PixelFormat::kGRAY8: return w * h;
    case PixelFormat::kNV12:
    case PixelFormat::kYUV420P: return w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2);
  }
  return 0;
}

Frame::Frame(Buffer buffer, PixelFormat format, int width, int height, std::size_t stride)
    : buffer_(std::move(buffer)), format_(format), width_(width), height_(height), stride_(stride) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("frame size must be positive");
  if (stride < min_stride(format, width)) throw std::invalid_argument("frame stride too small");
}

std::shared_ptr<Frame> Frame::allocate(PixelFormat format, int width, int height) {
  return std::make_shared<Frame>(Buffer::allocate(packed_size(format, width, height)), format,
                                 width, height, min_stride(format, width));
}

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::kU8:
    case DType::kI8:
    case DType::kBool: return 1;
    case DType::kU16:
    case DType::kI16:
    case DType::kF16: return 2;
    case DType::kI32:
    case DType::kU32:
    case DType::kF32: return 4;
    case DType::kI64:
    case DType::kF64: return 8;
  }
  return 1;
}

std::string_view to_string(DType t) {
  switch (t) {
    case DType::kU8: return "uint8";
    case DType::kI8: return "int8";
    case DType::kU16: return "uint16";
    case DType::kI16: return "int16";
    case DType::kI32: return "int32";
    case DType::kU32: return "uint32";
    case DType::kI64: return "int64";
    case DType::kF16: return "float16";
    case DType::kF32: return "float32";
    case DType::kF64: return "float64";
    case DType::kBool: return "bool";
  }
  return "?";
}

Tensor::Tensor(Buffer buffer, DType dtype, std::vector<std::int64_t> shape,
               std::vector<std::int64_t> strides)
    : buffer_(std::move(buffer)), dtype_(dtype), shape_(std::move(shape)), strides_(std::move(strides)) {
  if (strides_.empty()) {
    strides_.resize(shape_.size());
    std::int64_t s = static_cast<std::int64_t>(dtype_size(dtype_));
    for (std::size_t i = shape_.size(); i-- > 0;) {
      strides_[i] = s;
      s *= shape_[i];
    }
  }
  if (strides_.size() != shape_.size()) throw std::invalid_argument("tensor strides/shape rank differ");
}

std::shared_ptr<Tensor> Tensor::allocate(DType dtype, std::vector<std::int64_t> shape) {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return std::make_shared<Tensor>(Buffer::allocate(static_cast<std::size_t>(n) * dtype_size(dtype)),
                                  dtype, std::move(shape));
}

std::int64_t Tensor::numel() const {
  std::int64_t n = 1;
  for (auto d : shape_) n *= d;
  return n;
}

bool Tensor::contiguous() const {
  std::int64_t s = static_cast<std::int64_t>(dtype_size(dtype_));
  for (std::size_t i = shape_.size(); i-- > 0;) {
    if (shape_[i] != 1 && strides_[i] != s) return false;
    s *= shape_[i];
  }
  return true;
}

}  // namespace rill
