// The video demuxer and decoder entry (VideoInput's door): any file ends in frames, a clean end
// or a MediaError. The input is written to a file, as VideoInput reads files; at most a few
// dozen frames are decoded per input, converted to BGR as a node would.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include <rill/media/video_reader.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = rill::fuzz::empty_dir() + "/input.video";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    rill::media::ReaderOptions options;
    options.open_timeout = std::chrono::milliseconds(2000);
    options.read_timeout = std::chrono::milliseconds(2000);
    rill::media::VideoReader reader(path, options);
    for (int i = 0; i < 32; ++i) {
      std::shared_ptr<const rill::Frame> f = reader.next();
      if (!f) break;
      if (rill::as_bgr(f)->width() != f->width()) __builtin_trap();
    }
  } catch (const rill::media::MediaError&) {
  } catch (const std::runtime_error&) {  // a pixel format swscale cannot convert
  }
  return 0;
}
