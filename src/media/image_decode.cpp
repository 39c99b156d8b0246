#include "rill/media/image_decode.hpp"

#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "pooled_mat.hpp"

namespace rill::media {
namespace {

/// Reads width and height without decoding pixels, so a hostile header cannot make the
/// decoder allocate gigabytes: OpenCV validates size only against its own (larger) limit.
bool peek_size(std::span<const std::uint8_t> bytes, int* w, int* h) {
  // PNG: IHDR is the first chunk.
  if (bytes.size() >= 24 && bytes[0] == 0x89 && bytes[1] == 'P' && bytes[2] == 'N') {
    auto be32 = [&](std::size_t at) {
      return (static_cast<std::uint32_t>(bytes[at]) << 24) |
             (static_cast<std::uint32_t>(bytes[at + 1]) << 16) |
             (static_cast<std::uint32_t>(bytes[at + 2]) << 8) | bytes[at + 3];
    };
    *w = static_cast<int>(std::min<std::uint32_t>(be32(16), INT32_MAX));
    *h = static_cast<int>(std::min<std::uint32_t>(be32(20), INT32_MAX));
    return true;
  }
  // JPEG: the first start-of-frame marker holds the size.
  if (bytes.size() >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8) {
    std::size_t i = 2;
    while (i + 9 < bytes.size()) {
      if (bytes[i] != 0xFF) return false;
      std::uint8_t marker = bytes[i + 1];
      std::size_t len = (static_cast<std::size_t>(bytes[i + 2]) << 8) | bytes[i + 3];
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        *h = (bytes[i + 5] << 8) | bytes[i + 6];
        *w = (bytes[i + 7] << 8) | bytes[i + 8];
        return true;
      }
      i += 2 + len;
    }
  }
  return false;
}

}  // namespace

std::shared_ptr<Frame> decode_image(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.empty()) throw MediaError("not an image: no bytes");
  int pw = 0;
  int ph = 0;
  if (peek_size(bytes, &pw, &ph) && static_cast<std::int64_t>(pw) * ph > max_pixels) {
    throw MediaError(
        fmt::format("image of {}x{} is larger than the limit of {} pixels", pw, ph, max_pixels));
  }
  // Pixels from the pool (pooled_mat.hpp): a recycled buffer does not page-fault.
  auto mat = std::make_shared<cv::Mat>();
  mat->allocator = pooled_mat_allocator();
  try {
    cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8UC1,
                const_cast<std::uint8_t*>(bytes.data()));  // NOLINT: read-only use
    cv::imdecode(buf, cv::IMREAD_COLOR, mat.get());
  } catch (const cv::Exception& e) {
    throw MediaError(fmt::format("not a decodable image: {}", e.err));
  }
  if (mat->empty() || mat->type() != CV_8UC3) throw MediaError("not a decodable image");
  if (static_cast<std::int64_t>(mat->cols) * mat->rows > max_pixels) {
    throw MediaError(fmt::format("image of {}x{} is larger than the limit of {} pixels", mat->cols,
                                 mat->rows, max_pixels));
  }
  Buffer b;
  b.data = mat->data;
  b.size = mat->step[0] * static_cast<std::size_t>(mat->rows);
  b.owner = mat;  // the Mat holds the pooled pixels until the frame's last reference goes
  return std::make_shared<Frame>(std::move(b), PixelFormat::kBGR24, mat->cols, mat->rows,
                                 mat->step[0]);
}

std::shared_ptr<Frame> read_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MediaError(path + ": cannot open");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  try {
    return decode_image(bytes);
  } catch (const MediaError& e) {
    throw MediaError(path + ": " + e.what());
  }
}

}  // namespace rill::media
