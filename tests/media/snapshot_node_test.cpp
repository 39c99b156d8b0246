// The Snapshot node: JPEG files named from the message (stream, frame, tid, stem), every Nth
// message per stream, decodable with the frame's pixels; every message passed on.

#include "snapshot_node.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "media/media_registry.hpp"
#include "media/test_frames.hpp"
#include "rill/core/testing.hpp"
#include "rill/media/nodes.hpp"
#include "support/scratch_dir.hpp"

namespace rill::media {
namespace {

using rill::testing::mean_abs_diff;
using rill::testing::NodeHarness;
using rill::testing::pattern_frame;
using rill::testing::ScratchDir;

std::shared_ptr<Registry> registry() { return rill::testing::media_registry(); }

Envelope message(std::shared_ptr<Frame> f, Map extra = {}) {
  Map msg = std::move(extra);
  msg.set("data", Value(std::shared_ptr<const Frame>(std::move(f))));
  return Envelope(Value(std::move(msg)));
}

/// The files under `dir`, relative, sorted.
std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A decoded JPEG as a Frame over the Mat's pixels (the Mat is kept alive by the frame).
std::shared_ptr<Frame> read_jpeg(const std::string& path) {
  auto mat = std::make_shared<cv::Mat>(cv::imread(path, cv::IMREAD_COLOR));
  if (mat->empty()) return nullptr;
  Buffer b{mat->data, mat->total() * mat->elemSize(), mat};
  return std::make_shared<Frame>(b, PixelFormat::kBGR24, mat->cols, mat->rows, mat->step[0]);
}

TEST(SnapshotNode, WritesEveryNthFrameOfEachStreamAsADecodableJpeg) {
  ScratchDir dir;
  NodeHarness h(registry(), "Snapshot", Map{{"dir", dir.path("shots")}, {"every", 2}});
  h.start();
  for (int i = 0; i < 5; ++i) {
    for (std::int64_t stream : {3, 4}) {
      auto f = pattern_frame(160, 120, i);
      f->stream_id = stream;
      h.send("inp", message(f));
    }
  }
  h.drain();
  EXPECT_EQ(h.take("out").size(), 10u) << "every message goes on, written or not";
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_EQ(
      files_in(dir.path("shots")),
      (std::vector<std::string>{"3_0.jpg", "3_2.jpg", "3_4.jpg", "4_0.jpg", "4_2.jpg", "4_4.jpg"}));
  std::shared_ptr<Frame> jpeg = read_jpeg(dir.path("shots/4_2.jpg"));
  ASSERT_TRUE(jpeg) << "not a JPEG OpenCV reads";
  ASSERT_EQ(jpeg->width(), 160);
  ASSERT_EQ(jpeg->height(), 120);
  EXPECT_LT(mean_abs_diff(*jpeg, *pattern_frame(160, 120, 2)), 4.0);
}

TEST(SnapshotNode, ThePatternNamesFilesFromTheMessage) {
  ScratchDir dir;
  NodeHarness h(registry(), "Snapshot",
                Map{{"dir", dir.path()}, {"pattern", "{stem}/{tid}_{frame}.jpg"}});
  h.start();
  auto f = pattern_frame(64, 48, 0);
  f->frame_index = 17;
  h.send("inp", message(f, Map{{"extra_data", "cam"}, {"tid", 12}}));
  // A stem cannot climb out of `dir`: its separators become '_'.
  h.send("inp", message(pattern_frame(64, 48, 1), Map{{"extra_data", "../up"}, {"tid", "x"}}));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_EQ(files_in(dir.path()), (std::vector<std::string>{".._up/x_1.jpg", "cam/12_17.jpg"}));
}

// Frames of an image folder have no stream id or frame index: the sender and the message's
// sequence number (partial_id) stand in.
TEST(SnapshotNode, ImageFramesAreNamedBySenderAndSequence) {
  ScratchDir dir;
  NodeHarness h(registry(), "Snapshot", Map{{"dir", dir.path()}, {"quality", 50}});
  h.start();
  auto f = pattern_frame(64, 48, 0);
  f->frame_index = -1;
  Envelope e = message(f);
  e.info().set_partial_id(5);
  h.send("inp", std::move(e));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_EQ(files_in(dir.path()), (std::vector<std::string>{"0_5.jpg"}));
}

TEST(SnapshotNode, QualityTradesSizeForFidelity) {
  ScratchDir dir;
  auto size_at = [&dir](int quality) {
    std::string sub = dir.path(fmt::format("q{}", quality));
    NodeHarness h(registry(), "Snapshot", Map{{"dir", sub}, {"quality", quality}});
    h.start();
    h.send("inp", message(pattern_frame(160, 120, 3)));
    h.close("inp");
    EXPECT_TRUE(h.run_until_finished());
    EXPECT_EQ(h.error(), "");
    return std::filesystem::file_size(std::filesystem::path(sub) / "0_3.jpg");
  };
  EXPECT_LT(size_at(10), size_at(95));
}

TEST(SnapshotNode, AMessageWithoutAFrameFailsNamingTheNode) {
  ScratchDir dir;
  NodeHarness h(registry(), "Snapshot", Map{{"dir", dir.path()}});
  h.start();
  h.send("inp", Envelope(Value(Map{{"items", List{}}})));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_NE(h.error().find("Snapshot: the message has no `data`"), std::string::npos) << h.error();
}

TEST(SnapshotNode, ADirectoryItCannotMakeFailsNamingIt) {
  ScratchDir dir;
  std::string blocker = dir.write("blocker", "a file where a directory should be");
  NodeHarness h(registry(), "Snapshot", Map{{"dir", blocker + "/shots"}});
  h.start();
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_NE(h.error().find(blocker), std::string::npos) << h.error();
}

}  // namespace
}  // namespace rill::media
