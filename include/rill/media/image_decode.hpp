#pragma once
// Still images: bytes (JPEG, PNG, BMP, WebP, TIFF, ...) to a BGR24 Frame, with OpenCV's codecs.

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "rill/core/frame.hpp"
#include "rill/media/video_reader.hpp"  // MediaError

namespace rill::media {

/// Decodes an encoded image into a BGR24 frame (alpha dropped, grey expanded, 16-bit scaled).
/// Pixels land in a pooled buffer (recycled memory does not page-fault). Throws MediaError for
/// bytes that are not an image OpenCV can decode, or one larger than `max_pixels`.
std::shared_ptr<Frame> decode_image(std::span<const std::uint8_t> bytes,
                                    std::int64_t max_pixels = std::int64_t{1} << 28);

/// Reads and decodes the file at `path`. Throws MediaError naming the path.
std::shared_ptr<Frame> read_image(const std::string& path);

}  // namespace rill::media
