#pragma once
// Synthetic BGR frames for the media sinks' tests, and how far apart two frames' pixels are.

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "rill/core/frame.hpp"

namespace rill::testing {

/// Frame `i` of a test pattern: four coloured quadrants (blue, green, red, grey; distinct in every
/// channel, so swapped channels show) and a white bar that moves a 40th of the width a frame
/// (so frame i at twice the size, halved, is frame i again).
inline std::shared_ptr<Frame> pattern_frame(int width, int height, int i) {
  auto f = Frame::allocate(PixelFormat::kBGR24, width, height);
  const int bar = (i * 4) % 160 * width / 160;
  const int bar_width = 6 * width / 160;
  for (int y = 0; y < height; ++y) {
    std::uint8_t* row = f->data() + static_cast<std::size_t>(y) * f->stride();
    for (int x = 0; x < width; ++x) {
      std::uint8_t b = 40, g = 40, r = 40;
      const bool right = x >= width / 2;
      const bool bottom = y >= height / 2;
      if (!right && !bottom) b = 200;
      if (right && !bottom) g = 200;
      if (!right && bottom) r = 200;
      if (right && bottom) b = g = r = 128;
      if (x >= bar && x < bar + bar_width) b = g = r = 255;
      row[3 * x] = b;
      row[3 * x + 1] = g;
      row[3 * x + 2] = r;
    }
  }
  f->frame_index = i;
  return f;
}

/// Mean absolute difference per channel value between two BGR frames of one size.
inline double mean_abs_diff(const Frame& a, const Frame& b) {
  double sum = 0;
  for (int y = 0; y < a.height(); ++y) {
    const std::uint8_t* ra = a.data() + static_cast<std::size_t>(y) * a.stride();
    const std::uint8_t* rb = b.data() + static_cast<std::size_t>(y) * b.stride();
    for (int x = 0; x < 3 * a.width(); ++x) sum += std::abs(int{ra[x]} - int{rb[x]});
  }
  return sum / (3.0 * a.width() * a.height());
}

}  // namespace rill::testing
