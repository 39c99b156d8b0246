// VideoInput in a real graph: one subgraph instance per url, frames as {data: frame}, bad
// streams reported and skipped while good ones run to their end.

#include "video_input.hpp"

#include <map>
#include <mutex>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/media_registry.hpp"
#include "media/test_videos.hpp"
#include "rill/config/toml_loader.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/registry.hpp"
#include "rill/media/nodes.hpp"

namespace rill::media {
namespace {

using rill::testing::make_test_video;
using rill::testing::ScratchDir;

/// What one stream's subgraph saw.
struct Seen {
  int frames = 0;
  std::int64_t last_index = -1;
  bool in_order = true;
  bool frames_ok = true;
};

/// Records every frame it receives, by stream id (from_addr), and echoes it on `out`.
class FrameTally final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp"};
  static constexpr Output<Map> kOut{"out"};
  static Contract contract() { return {kIn, kOut}; }
  explicit FrameTally(const NodeConfig&) {}
  void init(Context& ctx) override {
    in_ = &ctx[kIn];
    out_ = &ctx[kOut];
  }
  Task<> exec(Context& ctx) override {
    std::optional<Envelope> e = co_await in_->recv();
    if (!e) co_return;
    const auto& frame = e->msg().as_map().find("data")->as_frame();
    {
      std::lock_guard g(mu());
      Seen& s = seen()[*e->info().from_addr()];
      ++s.frames;
      auto index = static_cast<std::int64_t>(*e->info().partial_id());
      s.in_order = s.in_order && index == s.last_index + 1 && frame->frame_index == index;
      s.frames_ok = s.frames_ok && frame->width() == 160 &&
                    frame->stream_id == static_cast<std::int64_t>(*e->info().from_addr());
      s.last_index = index;
    }
    co_await out_->send(std::move(*e));
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::map<std::uint64_t, Seen>& seen() {
    static std::map<std::uint64_t, Seen> s;
    return s;
  }

 private:
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

std::shared_ptr<Registry> registry() {
  auto r = rill::testing::media_registry();
  r->add<FrameTally>("FrameTally", "test: records frames per stream");
  return r;
}

std::string graph_toml(const std::vector<std::string>& urls, const std::string& extra = "",
                       bool loop_back = true) {
  std::string list;
  for (const auto& u : urls) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", u);
  return fmt::format(R"(
main = "main"
[[graphs]]
name = "stream"
inputs = [{{ name = "inp", cap = 4, ports = ["tally:inp"] }}]
outputs = [{{ name = "out", cap = 4, ports = ["tally:out"] }}]
nodes = [{{ name = "tally", ty = "FrameTally" }}]

[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "VideoInput", urls = [{}], progress = false {} }},
  {{ name = "per_stream", ty = "stream" }},
]
connections = [
  {{ cap = 4, ports = ["src:out", "per_stream:inp"] }},
  {}
]
)",
                     list, extra,
                     loop_back ? R"({ cap = 4, ports = ["src:inp", "per_stream:out"] },)" : "");
}

RunResult run_graph(const std::string& toml) {
  {
    std::lock_guard g(FrameTally::mu());
    FrameTally::seen().clear();
  }
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "video.toml", ".", {}, diags);
  EXPECT_TRUE(spec) << diags.format();
  auto graph = Graph::create(*spec, registry(), diags);
  EXPECT_TRUE(graph) << diags.format();
  if (!graph) return {};
  graph->start();
  auto result = graph->wait_for(std::chrono::seconds(60));
  EXPECT_TRUE(result) << "the graph did not finish";
  if (!result) {
    graph->stop();
    return graph->wait();
  }
  return *result;
}

TEST(VideoInput, EveryUrlBecomesOneInstanceFedInOrder) {
  ScratchDir dir;
  std::string a = make_test_video(dir, "a.mp4", "160x120", 25, 1.0);
  std::string b = make_test_video(dir, "b.mkv", "160x120", 25, 0.4);
  RunResult r = run_graph(graph_toml({a, b}, ", repeat = 2"));
  EXPECT_TRUE(r.ok) << r.format();
  std::lock_guard g(FrameTally::mu());
  const auto& seen = FrameTally::seen();
  ASSERT_EQ(seen.size(), 4u) << "2 urls x 2 rounds";
  // Ids from 1, in url order per round.
  EXPECT_EQ(seen.at(1).frames, 25);
  EXPECT_EQ(seen.at(2).frames, 10);
  EXPECT_EQ(seen.at(3).frames, 25);
  EXPECT_EQ(seen.at(4).frames, 10);
  for (const auto& [id, s] : seen) {
    EXPECT_TRUE(s.in_order) << "stream " << id;
    EXPECT_TRUE(s.frames_ok) << "stream " << id;
  }
}

// Missing, empty, truncated-to-nothing and non-video inputs each end their own stream with an
// error; the good streams beside them run to their last frame and the graph still ends well.
// MegFlow graphs often leave VideoInput's `inp` unconnected: the subgraphs end in sinks.
TEST(VideoInput, RunsWithItsDynInputUnconnected) {
  ScratchDir dir;
  std::string a = make_test_video(dir, "a.mp4", "160x120", 25, 0.4);
  RunResult r = run_graph(graph_toml({a}, "", /*loop_back=*/false));
  EXPECT_TRUE(r.ok) << r.format();
  std::lock_guard g(FrameTally::mu());
  EXPECT_EQ(FrameTally::seen().at(1).frames, 10);
}

TEST(VideoInput, BadStreamsFailAloneAndTheOthersRunToTheEnd) {
  ScratchDir dir;
  std::string good1 = make_test_video(dir, "good1.mp4", "160x120", 25, 1.0);
  std::string good2 = make_test_video(dir, "good2.ts", "160x120", 25, 1.0);
  std::string empty = dir.write("empty.mp4", "");
  std::string text = dir.write("readme.mp4", "not a video\n");
  RunResult r = run_graph(graph_toml({good1, dir.path("missing.mp4"), empty, text, good2}));
  EXPECT_TRUE(r.ok) << r.format();
  std::lock_guard g(FrameTally::mu());
  const auto& seen = FrameTally::seen();
  EXPECT_EQ(seen.at(1).frames, 25);
  EXPECT_EQ(seen.at(5).frames, 25);
  EXPECT_EQ(seen.count(2) + seen.count(3) + seen.count(4), 0u) << "bad streams sent nothing";
}

TEST(VideoInput, RealtimePacesAFileAtItsFrameRate) {
  ScratchDir dir;
  std::string a = make_test_video(dir, "a.mp4", "160x120", 25, 0.8);  // 20 frames, 0.76 s
  auto t0 = std::chrono::steady_clock::now();
  RunResult r = run_graph(graph_toml({a}, ", realtime = true"));
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_TRUE(r.ok) << r.format();
  // A lower bound only: pacing may never be faster than the video (no upper bound: shared CI).
  EXPECT_GE(took, std::chrono::milliseconds(700));
}

TEST(VideoInput, ArgumentsAreCheckedBeforeAnythingRuns) {
  Diagnostics diags;
  auto spec = config::load_toml_string(
      graph_toml({"a.mp4"}, ", repeat = 0, rtsp_transport = 'quic'"), "video.toml", ".", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_FALSE(Graph::create(*spec, registry(), diags));
  std::string text = diags.format();
  EXPECT_NE(text.find("repeat"), std::string::npos) << text;
  EXPECT_NE(text.find("rtsp_transport"), std::string::npos) << text;
}

}  // namespace
}  // namespace rill::media
