// The still-image decoder entry (ImageInput's and the image servers' door): any bytes end in a
// BGR frame within the pixel limit or in a MediaError.

#include <cstddef>
#include <cstdint>
#include <span>

#include <rill/media/image_decode.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    // A lower pixel limit than the default keeps every input inside the fuzzer's memory limit.
    auto f = rill::media::decode_image(std::span<const std::uint8_t>(data, size), 1 << 24);
    if (f->format() != rill::PixelFormat::kBGR24 || f->width() <= 0) __builtin_trap();
  } catch (const rill::media::MediaError&) {
  }
  return 0;
}
