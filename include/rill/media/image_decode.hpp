#pragma once
// Still images: bytes (JPEG, PNG, BMP, WebP, PNM) to a BGR24 Frame, with OpenCV's codecs.

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "rill/core/frame.hpp"
#include "rill/core/limits.hpp"
#include "rill/media/video_reader.hpp"  // MediaError

namespace rill::media {

/// Decodes an encoded image into a BGR24 frame (alpha dropped, grey expanded, 16-bit scaled).
/// Pixels land in a pooled buffer (recycled memory does not page-fault). The declared size is
/// checked against `max_pixels` from the header before any codec runs, so only formats whose
/// header rill reads are accepted. Throws MediaError for anything else, a corrupt image, or one
/// outside the limit.
std::shared_ptr<Frame> decode_image(std::span<const std::uint8_t> bytes,
                                    std::int64_t max_pixels = limits::kMaxImagePixels);

/// Reads and decodes the file at `path`. Throws MediaError naming the path.
std::shared_ptr<Frame> read_image(const std::string& path);

}  // namespace rill::media
