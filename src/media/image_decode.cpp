#include "rill/media/image_decode.hpp"

#include <fstream>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>

#include "image_header.hpp"
#include "pooled_mat.hpp"

namespace rill::media {
std::shared_ptr<Frame> decode_image(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.empty()) throw MediaError("not an image: no bytes");
  std::optional<ImageHeader> header = read_image_header(bytes);
  if (!header) throw MediaError("not an image (JPEG, PNG, BMP, WebP or PNM)");
  if (header->width <= 0 || header->height <= 0 || header->width * header->height > max_pixels) {
    throw MediaError(fmt::format("{} image of {}x{} is outside the limit of {} pixels",
                                 header->format, header->width, header->height, max_pixels));
  }
  // OpenCV warns on stderr about every corrupt image; rill reports those itself, as errors of
  // the stream or counted skips, so only OpenCV's errors stay on.
  static std::once_flag quiet;
  std::call_once(quiet, [] {
    if (cv::utils::logging::getLogLevel() > cv::utils::logging::LOG_LEVEL_ERROR) {
      cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    }
  });
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
  // One read of the whole file: byte-wise istreambuf_iterator copying cost about 3 % of a 720p
  // JPEG decode (media.image_decode).
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw MediaError(path + ": cannot open");
  const std::streamoff size = in.tellg();
  if (size < 0) throw MediaError(path + ": cannot read its size");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.seekg(0);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes as the stream's chars
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw MediaError(path + ": cannot read");
  }
  try {
    return decode_image(bytes);
  } catch (const MediaError& e) {
    throw MediaError(path + ": " + e.what());
  }
}

}  // namespace rill::media
