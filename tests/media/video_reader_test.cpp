#include "rill/media/video_reader.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "media/test_videos.hpp"

namespace rill::media {
namespace {

using rill::testing::make_color_video;
using rill::testing::make_test_video;
using rill::testing::ScratchDir;

int read_all(VideoReader& r, std::vector<std::shared_ptr<Frame>>* keep = nullptr) {
  int n = 0;
  while (auto f = r.next()) {
    ++n;
    if (keep) keep->push_back(f);
  }
  return n;
}

TEST(VideoReader, DecodesEveryFrameWithSizeIndexAndMonotonicPts) {
  ScratchDir dir;
  std::string path = make_test_video(dir, "a.mp4", "320x240", 25, 2.0);
  VideoReader r(path);
  EXPECT_EQ(r.info().width, 320);
  EXPECT_EQ(r.info().height, 240);
  EXPECT_EQ(r.info().codec, "h264");
  EXPECT_NEAR(r.info().fps, 25.0, 0.01);
  EXPECT_FALSE(r.info().live);
  std::int64_t last_pts = -1;
  int n = 0;
  while (auto f = r.next()) {
    EXPECT_EQ(f->width(), 320);
    EXPECT_EQ(f->height(), 240);
    EXPECT_EQ(f->frame_index, n);
    EXPECT_GT(f->pts, last_pts);
    EXPECT_DOUBLE_EQ(f->seconds(), r.seconds(f->pts)) << "frames carry their time base";
    last_pts = f->pts;
    ++n;
  }
  EXPECT_EQ(n, 50);
  EXPECT_NEAR(r.seconds(last_pts), 49.0 / 25.0, 0.05);
  EXPECT_EQ(r.corrupt(), 0u);
  EXPECT_EQ(r.next(), nullptr) << "the end stays the end";
}

TEST(VideoReader, FramesStayInTheDecodersFormatUntilAskedForBgr) {
  ScratchDir dir;
  VideoReader r(make_test_video(dir, "a.mp4"));
  std::shared_ptr<const Frame> f = r.next();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->format(), PixelFormat::kYUV420P);
  EXPECT_EQ(f->plane_count(), 3u);
  ASSERT_TRUE(f->has_converter());
  std::shared_ptr<const Frame> bgr = as_bgr(f);
  EXPECT_EQ(bgr->format(), PixelFormat::kBGR24);
  EXPECT_EQ(bgr->pts, f->pts);
  EXPECT_EQ(bgr->frame_index, f->frame_index);
  EXPECT_EQ(as_bgr(f), bgr) << "converted once: the second request gets the same frame";
}

// Pure red, green and blue decode to BGR with the channel in the right place.
TEST(VideoReader, BgrChannelOrderIsBlueGreenRed) {
  ScratchDir dir;
  struct Case {
    const char* color;
    int b, g, r;
  };
  for (Case c : {Case{"red", 0, 0, 255}, Case{"lime", 0, 255, 0}, Case{"blue", 255, 0, 0}}) {
    VideoReader reader(make_color_video(dir, std::string(c.color) + ".mkv", c.color));
    auto f = as_bgr(reader.next());
    ASSERT_TRUE(f);
    const std::uint8_t* px = f->data() + f->stride() * 20 + 3 * 30;
    EXPECT_NEAR(px[0], c.b, 6) << c.color;
    EXPECT_NEAR(px[1], c.g, 6) << c.color;
    EXPECT_NEAR(px[2], c.r, 6) << c.color;
  }
}

TEST(VideoReader, ReadsTheCommonContainersAndRawStreams) {
  ScratchDir dir;
  for (const char* name : {"v.mkv", "v.ts", "v.avi", "v.h264"}) {
    VideoReader r(make_test_video(dir, name, "160x120", 25, 0.4));
    EXPECT_EQ(read_all(r), 10) << name;
  }
  VideoReader hevc(make_test_video(dir, "v.hevc", "160x120", 25, 0.4, "libx265"));
  EXPECT_EQ(hevc.info().codec, "hevc");
  EXPECT_EQ(read_all(hevc), 10);
}

TEST(VideoReader, FramesOutliveTheReader) {
  ScratchDir dir;
  std::vector<std::shared_ptr<Frame>> frames;
  {
    VideoReader r(make_test_video(dir, "a.mp4", "160x120", 25, 0.4));
    read_all(r, &frames);
  }
  ASSERT_EQ(frames.size(), 10u);
  auto bgr = as_bgr(frames.back());
  EXPECT_EQ(bgr->width(), 160);
}

TEST(VideoReader, MissingFileIsAClearError) {
  try {
    VideoReader r("/nonexistent/clip.mp4");
    FAIL() << "opened a missing file";
  } catch (const MediaError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/clip.mp4: cannot open: No such file"),
              std::string::npos)
        << e.what();
  }
}

TEST(VideoReader, ZeroLengthAndNonVideoFilesAreClearErrors) {
  ScratchDir dir;
  std::string empty = dir.write("empty.mp4", "");
  std::string text = dir.write("notes.mp4", "these are not the frames you are looking for\n");
  std::string audio = dir.path("tone.wav");
  ASSERT_EQ(rill::testing::run_ffmpeg("-f lavfi -i sine=frequency=440 -t 0.2 '" + audio + "'"), 0);
  for (const std::string& p : {empty, text}) {
    EXPECT_THROW(VideoReader{p}, MediaError) << p;
  }
  try {
    VideoReader r(audio);
    FAIL() << "opened audio as video";
  } catch (const MediaError& e) {
    EXPECT_NE(std::string(e.what()).find("no video stream"), std::string::npos) << e.what();
  }
}

// A file cut in half (as a crashed recorder leaves it) gives the frames that are there, then ends.
TEST(VideoReader, TruncatedTransportStreamGivesWhatIsThereThenEnds) {
  ScratchDir dir;
  std::string path = make_test_video(dir, "cut.ts", "160x120", 25, 2.0);
  auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  VideoReader r(path);
  int n = 0;
  try {
    n = read_all(r);
  } catch (const MediaError&) {
    // Also acceptable: a clear error once the data runs out. Never a crash.
  }
  EXPECT_GT(n, 5);
  EXPECT_LT(n, 50);
}

// Damaged bytes in the middle are skipped and counted; decoding goes on past them.
TEST(VideoReader, CorruptBytesAreSkippedAndCounted) {
  ScratchDir dir;
  std::string path = make_test_video(dir, "bad.ts", "160x120", 25, 2.0);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    auto size = static_cast<std::streamoff>(std::filesystem::file_size(path));
    std::string junk(4096, '\x5a');
    for (std::streamoff at = size / 4; at < size * 3 / 4; at += size / 8) {
      f.seekp(at);
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
  }
  VideoReader r(path);
  int n = read_all(r);
  EXPECT_GT(n, 25);
  EXPECT_GT(r.corrupt(), 0u);
}

TEST(VideoReader, RecognisesLiveUrls) {
  EXPECT_TRUE(is_live_url("rtsp://127.0.0.1:8554/cam"));
  EXPECT_TRUE(is_live_url("RTSP://host/x"));
  EXPECT_TRUE(is_live_url("http://host/x.m3u8"));
  EXPECT_FALSE(is_live_url("/data/clip.mp4"));
  EXPECT_FALSE(is_live_url("file:///data/clip.mp4"));
}

}  // namespace
}  // namespace rill::media
