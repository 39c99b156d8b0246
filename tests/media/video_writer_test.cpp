// VideoWriter: frames in, a video file out that rill's own VideoReader reads back with every
// frame, its size, H.264, the frames' timing and (approximately) their colours.

#include "rill/media/video_writer.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/test_frames.hpp"
#include "media/test_videos.hpp"
#include "rill/media/video_reader.hpp"

namespace rill::media {
namespace {

using rill::testing::make_test_video;
using rill::testing::mean_abs_diff;
using rill::testing::pattern_frame;
using rill::testing::ScratchDir;

/// Every frame of `path`, as BGR.
std::vector<std::shared_ptr<const Frame>> read_back(const std::string& path,
                                                    StreamInfo* info = nullptr) {
  VideoReader r(path);
  if (info != nullptr) *info = r.info();
  std::vector<std::shared_ptr<const Frame>> out;
  while (std::shared_ptr<const Frame> f = r.next()) out.push_back(as_bgr(f));
  return out;
}

/// Writes `n` pattern frames at 25 fps in FFmpeg's usual MP4 time base (1/12800).
void write_pattern(VideoWriter& w, int n, int width = 160, int height = 120) {
  for (int i = 0; i < n; ++i) {
    auto f = pattern_frame(width, height, i);
    f->pts = i * 512;
    f->time_base = {1, 12800};
    w.write(*f);
  }
}

TEST(VideoWriter, WritesEveryFrameAsH264WithItsSizeRateAndColours) {
  ScratchDir dir;
  std::string path = dir.path("a.mp4");
  VideoWriter w(path);
  EXPECT_EQ(w.encoder(), "libx264");
  write_pattern(w, 30);
  EXPECT_EQ(w.frames(), 30);
  w.close();

  StreamInfo info;
  auto frames = read_back(path, &info);
  EXPECT_EQ(info.codec, "h264");
  EXPECT_EQ(info.width, 160);
  EXPECT_EQ(info.height, 120);
  EXPECT_NEAR(info.fps, 25.0, 0.01) << "the rate measured from the frames' pts";
  ASSERT_EQ(frames.size(), 30u);
  for (int i = 0; i < 30; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(frames[i]->width(), 160);
    EXPECT_NEAR(frames[i]->seconds(), i / 25.0, 0.001);
    // Lossy, but the colours and the moving bar are where they were (swapped channels: ~100).
    EXPECT_LT(mean_abs_diff(*frames[i], *pattern_frame(160, 120, i)), 6.0);
  }
}

TEST(VideoWriter, TheExtensionChoosesTheContainer) {
  ScratchDir dir;
  for (const char* name : {"b.mkv", "c.avi", "d.mov"}) {
    SCOPED_TRACE(name);
    std::string path = dir.path(name);
    {
      VideoWriter w(path);
      write_pattern(w, 12);
    }  // the destructor closes
    StreamInfo info;
    auto frames = read_back(path, &info);
    EXPECT_EQ(info.codec, "h264");
    ASSERT_EQ(frames.size(), 12u);
    EXPECT_LT(mean_abs_diff(*frames.back(), *pattern_frame(160, 120, 11)), 6.0);
  }
}

// An FFmpeg without libx264 still writes video: MPEG-4 Part 2, whose encoder is always built in.
TEST(VideoWriter, AMissingEncoderFallsBackToMpeg4) {
  ScratchDir dir;
  std::string path = dir.path("fallback.mp4");
  WriterOptions o;
  o.encoder = "no_such_encoder";
  {
    VideoWriter w(path, o);
    EXPECT_EQ(w.encoder(), "mpeg4");
    write_pattern(w, 10);
  }
  StreamInfo info;
  auto frames = read_back(path, &info);
  EXPECT_EQ(info.codec, "mpeg4");
  ASSERT_EQ(frames.size(), 10u);
  EXPECT_LT(mean_abs_diff(*frames[9], *pattern_frame(160, 120, 9)), 8.0);
}

// MJPEG does not take limited-range 4:2:0: opening it fails, and the writer stays failed rather
// than writing into a muxer whose header was never written.
TEST(VideoWriter, AnEncoderThatCannotStartFailsEveryWriteAndLeavesNoFile) {
  ScratchDir dir;
  std::string path = dir.path("mjpeg.mkv");
  WriterOptions o;
  o.encoder = "mjpeg";
  o.fps = 25;
  VideoWriter w(path, o);
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      w.write(*pattern_frame(64, 48, attempt));
      ADD_FAILURE() << "mjpeg opened with yuv420p";
    } catch (const MediaError& e) {
      EXPECT_NE(std::string(e.what()).find(path + ": cannot open the mjpeg encoder"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_NO_THROW(w.close());
  EXPECT_FALSE(std::filesystem::exists(path));
}

// faststart: the index (moov) comes before the media data (mdat), so a player can start before
// it has the whole file.
TEST(VideoWriter, Mp4FilesHaveTheirIndexFirst) {
  ScratchDir dir;
  std::string path = dir.path("a.mp4");
  {
    VideoWriter w(path);
    write_pattern(w, 10);
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto moov = bytes.find("moov");
  auto mdat = bytes.find("mdat");
  ASSERT_NE(moov, std::string::npos);
  ASSERT_NE(mdat, std::string::npos);
  EXPECT_LT(moov, mdat);
}

// Dropped frames stay gaps: frames are shown at their own pts, not one after the other.
TEST(VideoWriter, FramesKeepTheirOwnTimestamps) {
  ScratchDir dir;
  std::string path = dir.path("gaps.mp4");
  const std::vector<std::int64_t> pts = {0, 1, 2, 5, 6, 7};  // 3 and 4 were dropped
  {
    VideoWriter w(path);
    for (std::size_t i = 0; i < pts.size(); ++i) {
      auto f = pattern_frame(64, 48, static_cast<int>(i));
      f->pts = 100 + pts[i];  // a stream that does not start at 0
      f->time_base = {1, 25};
      w.write(*f);
    }
  }
  auto frames = read_back(path);
  ASSERT_EQ(frames.size(), pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NEAR(frames[i]->seconds(), static_cast<double>(pts[i]) / 25, 0.001) << i;
  }
}

TEST(VideoWriter, FramesWithoutTimestampsOrAGivenRateAreEvenlySpaced) {
  ScratchDir dir;
  // No pts: 25 fps.
  std::string plain = dir.path("plain.mp4");
  {
    VideoWriter w(plain);
    for (int i = 0; i < 5; ++i) w.write(*pattern_frame(64, 48, i));
  }
  StreamInfo info;
  auto frames = read_back(plain, &info);
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_NEAR(frames[4]->seconds(), 4 / 25.0, 0.001);

  // A given rate wins over the frames' pts, and a pts going backwards costs no frame.
  std::string fixed = dir.path("fixed.mp4");
  {
    WriterOptions o;
    o.fps = 10;
    VideoWriter w(fixed, o);
    for (int i = 0; i < 5; ++i) {
      auto f = pattern_frame(64, 48, i);
      f->pts = i % 3;
      f->time_base = {1, 1000};
      w.write(*f);
    }
  }
  frames = read_back(fixed, &info);
  EXPECT_NEAR(info.fps, 10.0, 0.01);
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_NEAR(frames[4]->seconds(), 0.4, 0.001);
}

TEST(VideoWriter, TheFirstFrameFixesTheSizeAndLaterSizesAreScaled) {
  ScratchDir dir;
  std::string path = dir.path("sizes.mp4");
  {
    VideoWriter w(path);
    for (int i = 0; i < 6; ++i) w.write(*pattern_frame(160, 120, i));
    for (int i = 6; i < 12; ++i) w.write(*pattern_frame(320, 240, i));
    EXPECT_EQ(w.width(), 160);
    EXPECT_EQ(w.height(), 120);
  }
  auto frames = read_back(path);
  ASSERT_EQ(frames.size(), 12u);
  for (const auto& f : frames) {
    EXPECT_EQ(f->width(), 160);
    EXPECT_EQ(f->height(), 120);
  }
  // The scaled frames show the pattern at the first size (its bar scales with the width).
  EXPECT_LT(mean_abs_diff(*frames[11], *pattern_frame(160, 120, 11)), 6.0);
}

// 4:2:0 needs even sizes: an odd frame loses its last row and column, it is not rejected.
TEST(VideoWriter, OddSizesAreRoundedDownToEven) {
  ScratchDir dir;
  std::string path = dir.path("odd.mkv");
  {
    VideoWriter w(path);
    for (int i = 0; i < 3; ++i) w.write(*pattern_frame(161, 121, i));
  }
  auto frames = read_back(path);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0]->width(), 160);
  EXPECT_EQ(frames[0]->height(), 120);
}

TEST(VideoWriter, TakesDecodedFramesInTheirOwnFormat) {
  ScratchDir dir;
  std::string source = make_test_video(dir, "src.mp4", "160x120", 25, 1.0);
  std::string copy = dir.path("copy.mkv");
  std::vector<std::shared_ptr<const Frame>> originals;
  {
    VideoReader r(source);
    VideoWriter w(copy);
    while (std::shared_ptr<const Frame> f = r.next()) {
      ASSERT_EQ(f->format(), PixelFormat::kYUV420P);
      w.write(*f);
      originals.push_back(as_bgr(f));
    }
  }
  auto frames = read_back(copy);
  ASSERT_EQ(frames.size(), originals.size());
  ASSERT_EQ(frames.size(), 25u);
  EXPECT_LT(mean_abs_diff(*frames[20], *originals[20]), 6.0);
}

TEST(VideoWriter, PathsItCannotWriteAreErrorsNamingThem) {
  ScratchDir dir;
  auto message_of = [](const std::string& path) -> std::string {
    try {
      VideoWriter w(path);
    } catch (const MediaError& e) {
      return e.what();
    }
    return "no error";
  };
  for (const std::string& path :
       {dir.path("missing/dir/a.mp4"), dir.path("a.unknownext"), dir.path("frame.jpg")}) {
    std::string what = message_of(path);
    EXPECT_NE(what.find(path), std::string::npos) << what;
  }
  EXPECT_NE(message_of(dir.path("missing/dir/a.mp4")).find("No such file"), std::string::npos);
  EXPECT_NE(message_of(dir.path("a.unknownext")).find("extension"), std::string::npos);
}

TEST(VideoWriter, AWriterWithoutFramesLeavesNoFileAndCloseIsFinal) {
  ScratchDir dir;
  std::string path = dir.path("empty.mp4");
  {
    VideoWriter w(path);
    EXPECT_TRUE(std::filesystem::exists(path)) << "opened at once, so errors show at once";
    w.close();
    w.close();
    EXPECT_THROW(w.write(*pattern_frame(64, 48, 0)), std::logic_error);
  }
  EXPECT_FALSE(std::filesystem::exists(path));

  // One frame (no second frame to measure a rate from) is still a video.
  std::string one = dir.path("one.mp4");
  {
    VideoWriter w(one);
    auto f = pattern_frame(64, 48, 0);
    f->pts = 7;
    f->time_base = {1, 25};
    w.write(*f);
  }
  EXPECT_EQ(read_back(one).size(), 1u);
}

}  // namespace
}  // namespace rill::media
