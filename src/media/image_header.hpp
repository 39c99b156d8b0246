#pragma once
// Reads an encoded image's declared size from its header, without decoding. The image decoder
// accepts only formats whose size it can check this way (JPEG, PNG, BMP, WebP, PNM), so that a
// hostile header cannot make a codec allocate gigabytes before anything looks at the pixels.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace rill::media {

struct ImageHeader {
  std::string_view format;  ///< "jpeg", "png", "bmp", "webp", "pnm"
  std::int64_t width = 0;
  std::int64_t height = 0;
};

/// The format and declared size, or std::nullopt for bytes that are none of the accepted formats
/// (or whose header is cut short).
std::optional<ImageHeader> read_image_header(std::span<const std::uint8_t> bytes);

}  // namespace rill::media
