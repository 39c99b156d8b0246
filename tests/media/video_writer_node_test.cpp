// The VideoWriter node: one file per stream from one node (also as a shared node behind
// VideoInput's per-stream subgraphs), every message passed on, bad messages and paths named.

#include "video_writer_node.hpp"

#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/media_registry.hpp"
#include "media/test_frames.hpp"
#include "media/test_videos.hpp"
#include "rill/config/toml_loader.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/testing.hpp"
#include "rill/media/nodes.hpp"
#include "rill/media/video_reader.hpp"

namespace rill::media {
namespace {

using rill::testing::make_test_video;
using rill::testing::mean_abs_diff;
using rill::testing::NodeHarness;
using rill::testing::pattern_frame;
using rill::testing::ScratchDir;

std::shared_ptr<Registry> registry() { return rill::testing::media_registry(); }

Envelope frame_message(std::shared_ptr<Frame> f, std::optional<std::uint64_t> from = {}) {
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(std::move(f))));
  Envelope e{Value(std::move(msg))};
  e.info().set_from_addr(from);
  return e;
}

struct ReadBack {
  int frames = 0;
  int width = 0;
  std::string codec;
  std::shared_ptr<const Frame> last;
};

ReadBack read_back(const std::string& path) {
  VideoReader r(path);
  ReadBack out;
  out.width = r.info().width;
  out.codec = r.info().codec;
  while (std::shared_ptr<const Frame> f = r.next()) {
    ++out.frames;
    out.last = as_bgr(f);
  }
  return out;
}

TEST(VideoWriterNode, OneNodeWritesOneFilePerStreamAndPassesEveryMessageOn) {
  ScratchDir dir;
  NodeHarness h(registry(), "VideoWriter", Map{{"path", dir.path("out/cam_{stream}.mp4")}});
  h.start();
  for (int i = 0; i < 10; ++i) {  // two streams, interleaved, of different sizes
    auto a = pattern_frame(160, 120, i);
    a->stream_id = 1;
    auto b = pattern_frame(64, 48, i);
    b->stream_id = 2;
    ASSERT_EQ(h.send("inp", frame_message(a)), SendStatus::kOk);
    ASSERT_EQ(h.send("inp", frame_message(b)), SendStatus::kOk);
    h.drain();
  }
  EXPECT_EQ(h.take("out").size(), 20u) << "every message goes on";
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");

  ReadBack one = read_back(dir.path("out/cam_1.mp4"));
  EXPECT_EQ(one.frames, 10);
  EXPECT_EQ(one.width, 160);
  EXPECT_EQ(one.codec, "h264");
  ASSERT_TRUE(one.last);
  EXPECT_LT(mean_abs_diff(*one.last, *pattern_frame(160, 120, 9)), 6.0);
  ReadBack two = read_back(dir.path("out/cam_2.mp4"));
  EXPECT_EQ(two.frames, 10);
  EXPECT_EQ(two.width, 64);
}

// Frames that do not say their stream (an image, a generated frame) go by the message's sender.
TEST(VideoWriterNode, WithoutAStreamIdTheSenderNamesTheFile) {
  ScratchDir dir;
  NodeHarness h(registry(), "VideoWriter",
                Map{{"path", dir.path("{stream}.mkv")}, {"fps", 10}, {"crf", 18}});
  h.start();
  for (int i = 0; i < 4; ++i) h.send("inp", frame_message(pattern_frame(64, 48, i), 7));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_EQ(read_back(dir.path("7.mkv")).frames, 4);
}

TEST(VideoWriterNode, AMessageWithoutAFrameFailsNamingTheNode) {
  ScratchDir dir;
  NodeHarness h(registry(), "VideoWriter", Map{{"path", dir.path("a.mp4")}});
  h.start();
  h.send("inp", Envelope(Value(Map{{"data", Value("not a frame")}})));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_NE(h.error().find("VideoWriter"), std::string::npos) << h.error();
  EXPECT_NE(h.error().find("`data` is not a frame"), std::string::npos) << h.error();
}

TEST(VideoWriterNode, APathItCannotWriteFailsNamingIt) {
  ScratchDir dir;
  std::string blocker = dir.write("blocker", "a file where a directory should be");
  NodeHarness h(registry(), "VideoWriter", Map{{"path", blocker + "/{stream}.mp4"}});
  h.start();
  h.send("inp", frame_message(pattern_frame(64, 48, 0), 1));
  h.close("inp");
  ASSERT_TRUE(h.run_until_finished());
  EXPECT_NE(h.error().find(blocker), std::string::npos) << h.error();
}

TEST(VideoWriterNode, ArgumentsAreChecked) {
  EXPECT_THROW(NodeHarness(registry(), "VideoWriter", Map{}), std::invalid_argument)
      << "path is required";
  EXPECT_THROW(NodeHarness(registry(), "VideoWriter", Map{{"path", "a.mp4"}, {"crf", 52}}),
               std::invalid_argument);
  EXPECT_THROW(NodeHarness(registry(), "VideoWriter", Map{{"path", "a.mp4"}, {"preset", "quick"}}),
               std::invalid_argument);
}

// The real use: VideoInput's per-stream subgraphs all feed one shared VideoWriter, which writes
// one file per camera.
TEST(VideoWriterNode, ASharedWriterBehindVideoInputWritesEveryStreamsFile) {
  ScratchDir dir;
  std::string a = make_test_video(dir, "a.mp4", "160x120", 25, 1.0);
  std::string b = make_test_video(dir, "b.mp4", "128x96", 25, 0.4);
  std::string toml = fmt::format(R"(
main = "main"

[[nodes]]
name = "writer"
ty = "VideoWriter"
path = '{}'

[[graphs]]
name = "stream"
inputs = [{{ name = "inp", cap = 4, ports = ["t:inp"] }}]
outputs = [{{ name = "out", cap = 4, ports = ["writer:out"] }}]
nodes = [{{ name = "t", ty = "Transform" }}]
connections = [{{ cap = 4, ports = ["t:out", "writer:inp"] }}]

[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "VideoInput", urls = ['{}', '{}'], progress = false }},
  {{ name = "per_stream", ty = "stream" }},
]
connections = [
  {{ cap = 4, ports = ["src:out", "per_stream:inp"] }},
  {{ cap = 4, ports = ["src:inp", "per_stream:out"] }},
]
)",
                                 dir.path("written/{stream}.mp4"), a, b);
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "writer.toml", ".", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  auto graph = Graph::create(*spec, registry(), diags);
  ASSERT_TRUE(graph) << diags.format();
  graph->start();
  auto result = graph->wait_for(std::chrono::seconds(60));
  ASSERT_TRUE(result) << "the graph did not finish";
  EXPECT_TRUE(result->ok) << result->format();

  ReadBack one = read_back(dir.path("written/1.mp4"));
  EXPECT_EQ(one.frames, 25);
  EXPECT_EQ(one.width, 160);
  ReadBack two = read_back(dir.path("written/2.mp4"));
  EXPECT_EQ(two.frames, 10);
  EXPECT_EQ(two.width, 128);
}

}  // namespace
}  // namespace rill::media
