#include "image_header.hpp"

#include <cctype>
#include <cstdlib>

namespace rill::media {
namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint32_t be16(Bytes b, std::size_t at) { return (std::uint32_t{b[at]} << 8) | b[at + 1]; }
std::uint32_t be32(Bytes b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(Bytes b, std::size_t at) { return (std::uint32_t{b[at + 1]} << 8) | b[at]; }
std::uint32_t le24(Bytes b, std::size_t at) {
  return le16(b, at) | (std::uint32_t{b[at + 2]} << 16);
}
std::uint32_t le32(Bytes b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

bool starts_with(Bytes b, std::string_view magic) {
  if (b.size() < magic.size()) return false;
  for (std::size_t i = 0; i < magic.size(); ++i) {
    if (b[i] != static_cast<std::uint8_t>(magic[i])) return false;
  }
  return true;
}

std::optional<ImageHeader> png(Bytes b) {
  if (b.size() < 24 || !starts_with(b.subspan(12), "IHDR")) return std::nullopt;
  return ImageHeader{"png", be32(b, 16), be32(b, 20)};
}

// The first start-of-frame segment holds the size; segments before it are skipped by length.
std::optional<ImageHeader> jpeg(Bytes b) {
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) return std::nullopt;
    std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) return ImageHeader{"jpeg", be16(b, i + 7), be16(b, i + 5)};
    i += 2 + be16(b, i + 2);
  }
  return std::nullopt;
}

std::optional<ImageHeader> bmp(Bytes b) {
  if (b.size() < 26) return std::nullopt;
  std::uint32_t dib = le32(b, 14);
  if (dib == 12) return ImageHeader{"bmp", le16(b, 18), le16(b, 20)};  // OS/2 core header
  auto w = static_cast<std::int32_t>(le32(b, 18));
  auto h = static_cast<std::int32_t>(le32(b, 22));  // negative: stored top-down
  return ImageHeader{"bmp", std::abs(static_cast<std::int64_t>(w)),
                     std::abs(static_cast<std::int64_t>(h))};
}

std::optional<ImageHeader> webp(Bytes b) {
  if (b.size() < 30 || !starts_with(b.subspan(8), "WEBP")) return std::nullopt;
  if (starts_with(b.subspan(12), "VP8X")) {
    return ImageHeader{"webp", std::int64_t{le24(b, 24)} + 1, std::int64_t{le24(b, 27)} + 1};
  }
  if (starts_with(b.subspan(12), "VP8L")) {
    std::uint32_t bits = le32(b, 21);
    return ImageHeader{"webp", std::int64_t{bits & 0x3FFF} + 1,
                       std::int64_t{(bits >> 14) & 0x3FFF} + 1};
  }
  if (starts_with(b.subspan(12), "VP8 ")) {
    return ImageHeader{"webp", le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
  }
  return std::nullopt;
}

// "P1".."P6", then width and height as decimal numbers, with whitespace and # comments between.
std::optional<ImageHeader> pnm(Bytes b) {
  std::size_t i = 2;
  std::int64_t dims[2] = {0, 0};
  for (std::int64_t& d : dims) {
    for (;;) {
      while (i < b.size() && std::isspace(b[i]) != 0) ++i;
      if (i < b.size() && b[i] == '#') {
        while (i < b.size() && b[i] != '\n') ++i;
        continue;
      }
      break;
    }
    if (i >= b.size() || std::isdigit(b[i]) == 0) return std::nullopt;
    while (i < b.size() && std::isdigit(b[i]) != 0) {
      d = d * 10 + (b[i++] - '0');
      if (d > (std::int64_t{1} << 40)) return std::nullopt;  // absurd: not worth parsing on
    }
  }
  return ImageHeader{"pnm", dims[0], dims[1]};
}

}  // namespace

std::optional<ImageHeader> read_image_header(Bytes bytes) {
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return png(bytes);
  if (starts_with(bytes, "\xFF\xD8\xFF")) return jpeg(bytes);
  if (starts_with(bytes, "BM")) return bmp(bytes);
  if (starts_with(bytes, "RIFF")) return webp(bytes);
  if (bytes.size() > 2 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '6') return pnm(bytes);
  return std::nullopt;
}

}  // namespace rill::media
