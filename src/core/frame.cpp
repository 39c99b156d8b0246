#include "rill/core/frame.hpp"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

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
    case PixelFormat::kBGR24:
      return "bgr24";
    case PixelFormat::kRGB24:
      return "rgb24";
    case PixelFormat::kGRAY8:
      return "gray8";
    case PixelFormat::kNV12:
      return "nv12";
    case PixelFormat::kYUV420P:
      return "yuv420p";
  }
  return "?";
}

std::size_t min_stride(PixelFormat f, int width) {
  switch (f) {
    case PixelFormat::kBGR24:
    case PixelFormat::kRGB24:
      return static_cast<std::size_t>(width) * 3;
    default:
      return static_cast<std::size_t>(width);
  }
}

std::size_t packed_size(PixelFormat f, int width, int height) {
  auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  switch (f) {
    case PixelFormat::kBGR24:
    case PixelFormat::kRGB24:
      return w * h * 3;
    case PixelFormat::kGRAY8:
      return w * h;
    case PixelFormat::kNV12:
    case PixelFormat::kYUV420P:
      return w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2);
  }
  return 0;
}

namespace {

std::size_t chroma_rows(int height) { return (static_cast<std::size_t>(height) + 1) / 2; }

// RGB24 and GRAY8 need no decoder library: converted here.
std::shared_ptr<Frame> packed_to_bgr(const Frame& f) {
  auto out = Frame::allocate(PixelFormat::kBGR24, f.width(), f.height());
  for (int y = 0; y < f.height(); ++y) {
    const std::uint8_t* src = f.data() + f.stride() * static_cast<std::size_t>(y);
    std::uint8_t* dst = out->data() + out->stride() * static_cast<std::size_t>(y);
    for (int x = 0; x < f.width(); ++x, dst += 3) {
      if (f.format() == PixelFormat::kGRAY8) {
        dst[0] = dst[1] = dst[2] = src[x];
      } else {
        const std::uint8_t* px = src + 3 * static_cast<std::size_t>(x);
        dst[0] = px[2];
        dst[1] = px[1];
        dst[2] = px[0];
      }
    }
  }
  return out;
}

}  // namespace

struct Frame::BgrCache {
  explicit BgrCache(std::shared_ptr<const PixelConverter> c) : converter(std::move(c)) {}
  std::shared_ptr<const PixelConverter> converter;
  std::mutex mu;
  std::shared_ptr<const Frame> bgr;  // guarded by mu; set once
};

Frame::Frame(Buffer buffer, PixelFormat format, int width, int height, std::size_t stride)
    : buffer_(std::move(buffer)), format_(format), width_(width), height_(height) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("frame size must be positive");
  if (stride < min_stride(format, width)) throw std::invalid_argument("frame stride too small");
  auto rows = static_cast<std::size_t>(height);
  std::uint8_t* p = buffer_.data;
  planes_[0] = {p, stride};
  std::size_t needed = stride * (rows - 1) + min_stride(format, width);
  if (format == PixelFormat::kYUV420P) {
    std::size_t cstride = (stride + 1) / 2;
    planes_[1] = {p + stride * rows, cstride};
    planes_[2] = {p + stride * rows + cstride * chroma_rows(height), cstride};
    needed = stride * rows + 2 * cstride * chroma_rows(height);
  } else if (format == PixelFormat::kNV12) {
    planes_[1] = {p + stride * rows, stride};
    needed = stride * rows + stride * chroma_rows(height);
  }
  if (buffer_.data != nullptr && buffer_.size < needed) {
    throw std::invalid_argument("frame buffer smaller than its geometry");
  }
}

Frame::Frame(Buffer buffer, PixelFormat format, int width, int height, std::array<Plane, 3> planes)
    : buffer_(std::move(buffer)), format_(format), width_(width), height_(height), planes_(planes) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("frame size must be positive");
  if (planes_[0].stride < min_stride(format, width)) {
    throw std::invalid_argument("frame stride too small");
  }
  for (std::size_t i = 0; i < plane_count(); ++i) {
    if (planes_.at(i).data == nullptr) throw std::invalid_argument("frame plane missing");
  }
}

std::shared_ptr<Frame> Frame::allocate(PixelFormat format, int width, int height) {
  return std::make_shared<Frame>(Buffer::allocate(packed_size(format, width, height)), format,
                                 width, height, min_stride(format, width));
}

std::size_t Frame::plane_count() const {
  switch (format_) {
    case PixelFormat::kYUV420P:
      return 3;
    case PixelFormat::kNV12:
      return 2;
    default:
      return 1;
  }
}

void Frame::set_converter(std::shared_ptr<const PixelConverter> converter) {
  bgr_ = converter ? std::make_shared<BgrCache>(std::move(converter)) : nullptr;
}

std::shared_ptr<const Frame> as_bgr(const std::shared_ptr<const Frame>& f) {
  if (!f || f->format() == PixelFormat::kBGR24) return f;
  auto stamp = [&f](std::shared_ptr<Frame> out) {
    out->pts = f->pts;
    out->time_base = f->time_base;
    out->stream_id = f->stream_id;
    out->frame_index = f->frame_index;
    return out;
  };
  if (f->bgr_) {
    // Converted under the lock: a second caller waits for the first conversion, not a second.
    std::lock_guard<std::mutex> lock(f->bgr_->mu);
    if (!f->bgr_->bgr) f->bgr_->bgr = stamp(f->bgr_->converter->to_bgr(*f));
    return f->bgr_->bgr;
  }
  if (f->format() == PixelFormat::kRGB24 || f->format() == PixelFormat::kGRAY8) {
    return stamp(packed_to_bgr(*f));
  }
  throw std::runtime_error(std::string("a ") + std::string(to_string(f->format())) +
                           " frame has no converter to BGR (only decoders' frames carry one)");
}

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::kU8:
    case DType::kI8:
    case DType::kBool:
      return 1;
    case DType::kU16:
    case DType::kI16:
    case DType::kF16:
      return 2;
    case DType::kI32:
    case DType::kU32:
    case DType::kF32:
      return 4;
    case DType::kI64:
    case DType::kF64:
      return 8;
  }
  return 1;
}

std::string_view to_string(DType t) {
  switch (t) {
    case DType::kU8:
      return "uint8";
    case DType::kI8:
      return "int8";
    case DType::kU16:
      return "uint16";
    case DType::kI16:
      return "int16";
    case DType::kI32:
      return "int32";
    case DType::kU32:
      return "uint32";
    case DType::kI64:
      return "int64";
    case DType::kF16:
      return "float16";
    case DType::kF32:
      return "float32";
    case DType::kF64:
      return "float64";
    case DType::kBool:
      return "bool";
  }
  return "?";
}

Tensor::Tensor(Buffer buffer, DType dtype, std::vector<std::int64_t> shape,
               std::vector<std::int64_t> strides)
    : buffer_(std::move(buffer)),
      dtype_(dtype),
      shape_(std::move(shape)),
      strides_(std::move(strides)) {
  if (strides_.empty()) {
    strides_.resize(shape_.size());
    std::int64_t s = static_cast<std::int64_t>(dtype_size(dtype_));
    for (std::size_t i = shape_.size(); i-- > 0;) {
      strides_[i] = s;
      s *= shape_[i];
    }
  }
  if (strides_.size() != shape_.size())
    throw std::invalid_argument("tensor strides/shape rank differ");
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
