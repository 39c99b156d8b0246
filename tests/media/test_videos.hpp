#pragma once
// Test videos made by the ffmpeg command-line tool from its lavfi sources, in a ScratchDir.

#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/scratch_dir.hpp"

namespace rill::testing {

/// Runs ffmpeg quietly with `args`; returns its exit status.
inline int run_ffmpeg(const std::string& args) {
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y " + args;
  return std::system(cmd.c_str());
}

/// `seconds` of ffmpeg's testsrc2 at `size` and `rate`, encoded with `codec` into `name`.
inline std::string make_test_video(const ScratchDir& dir, const std::string& name,
                                   const std::string& size = "320x240", int rate = 25,
                                   double seconds = 1.0, const std::string& codec = "libx264") {
  std::string out = dir.path(name);
  int rc =
      run_ffmpeg(fmt::format("-f lavfi -i testsrc2=size={}:rate={} -t {} -c:v {} "
                             "-pix_fmt yuv420p -g 10 '{}'",
                             size, rate, seconds, codec, out));
  EXPECT_EQ(rc, 0) << "ffmpeg could not make " << out;
  return out;
}

/// A solid-colour video (`color` as ffmpeg names it, e.g. "red" or "0x0000FF").
inline std::string make_color_video(const ScratchDir& dir, const std::string& name,
                                    const std::string& color, int frames = 5) {
  std::string out = dir.path(name);
  int rc =
      run_ffmpeg(fmt::format("-f lavfi -i color=c={}:size=64x48:rate=25 -frames:v {} "
                             "-c:v libx264 -qp 0 -pix_fmt yuv420p '{}'",
                             color, frames, out));
  EXPECT_EQ(rc, 0) << "ffmpeg could not make " << out;
  return out;
}

}  // namespace rill::testing
