// RTSP end to end against a real RTSP server on 127.0.0.1 (gst-rtsp-server, started by the test,
// serving an H.264 file made by the test in an endless loop): VideoReader over TCP and UDP; a
// refusing URL; LiveSource and VideoInput when the server is killed mid-stream and comes back on
// the same port.

#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "live_source.hpp"
#include "media/test_videos.hpp"
#include "rill/config/toml_loader.hpp"
#include "rill/core/event.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"
#include "rill/media/nodes.hpp"
#include "rill/media/video_reader.hpp"
#include "support/loopback.hpp"
#include "support/rtsp_server.hpp"

namespace rill::media {
namespace {

using Clock = std::chrono::steady_clock;
using rill::testing::free_port;
using rill::testing::make_test_video;
using rill::testing::RtspServer;
using rill::testing::ScratchDir;
using namespace std::chrono_literals;

// The issue's bound: a stream whose server came back delivers again within this long.
constexpr auto kResumeBound = 5s;

#define RILL_SKIP_WITHOUT_RTSP_SERVER()                                       \
  do {                                                                        \
    if (!RtspServer::unavailable().empty()) {                                 \
      GTEST_SKIP() << "no RTSP server for the test (make deps installs it): " \
                   << RtspServer::unavailable();                              \
    }                                                                         \
  } while (false)

/// A 1 s, 160x120, 25 fps H.264 clip (a key frame every 10 frames) for the server to loop.
std::string make_clip(const ScratchDir& dir) {
  return make_test_video(dir, "cam.mp4", "160x120", 25, 1.0);
}

/// Options for the tests' live reads: a dropped UDP stream is noticed after 1 s of silence.
ReaderOptions live_options(const std::string& transport) {
  ReaderOptions o;
  o.rtsp_transport = transport;
  o.open_timeout = 10s;
  o.read_timeout = 1s;
  return o;
}

class RtspTransport : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Rtsp, RtspTransport, ::testing::Values("tcp", "udp"),
                         [](const auto& info) { return info.param; });

// More frames than one pass of the looped clip: pts go on increasing across the loop, as from a
// camera.
TEST_P(RtspTransport, VideoReaderReadsFramesOfTheRightSizeWithIncreasingPts) {
  RILL_SKIP_WITHOUT_RTSP_SERVER();
  ScratchDir dir;
  RtspServer server({{"/cam", make_clip(dir)}});
  ASSERT_GT(server.port(), 0) << server.error();

  VideoReader reader(server.url("/cam"), live_options(GetParam()));
  EXPECT_TRUE(reader.info().live);
  EXPECT_EQ(reader.info().codec, "h264");
  EXPECT_EQ(reader.info().width, 160);
  EXPECT_EQ(reader.info().height, 120);
  std::int64_t last_pts = -1;
  for (std::int64_t i = 0; i < 40; ++i) {
    std::shared_ptr<Frame> f = reader.next();
    ASSERT_TRUE(f) << "frame " << i << ": a live stream does not end";
    EXPECT_EQ(f->width(), 160);
    EXPECT_EQ(f->height(), 120);
    EXPECT_EQ(f->frame_index, i);
    EXPECT_GT(f->pts, last_pts) << "frame " << i;
    last_pts = f->pts;
  }
}

// Nobody listens on the port: the open fails on the refusal itself, long before its timeout.
TEST_P(RtspTransport, ARefusingUrlIsAClearErrorNotATimeout) {
  std::string url = fmt::format("rtsp://127.0.0.1:{}/cam", free_port());
  ReaderOptions options = live_options(GetParam());
  options.open_timeout = 60s;  // longer than ctest lets the test run: only a refusal ends it
  try {
    VideoReader reader(url, options);
    FAIL() << "opened " << url;
  } catch (const MediaError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(url), std::string::npos) << what;
    EXPECT_NE(what.find("cannot open"), std::string::npos) << what;
    EXPECT_NE(what.find("refused"), std::string::npos) << what;
  }
}

// The server answers but has no such stream: an error naming it, not a retry loop.
TEST(Rtsp, AnUnknownMountIsAClearError) {
  RILL_SKIP_WITHOUT_RTSP_SERVER();
  ScratchDir dir;
  RtspServer server({{"/cam", make_clip(dir)}});
  ASSERT_GT(server.port(), 0) << server.error();
  std::string url = server.url("/nothing-here");
  try {
    VideoReader reader(url, live_options("tcp"));
    FAIL() << "opened " << url;
  } catch (const MediaError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(url), std::string::npos) << what;
    EXPECT_NE(what.find("404"), std::string::npos) << what;
  }
}

/// The next frame of `source`, or null if none came before `deadline`.
std::shared_ptr<Frame> next_before(LiveSource& source, Clock::time_point deadline) {
  while (Clock::now() < deadline) {
    LiveSource::Next next = sync_wait(source.next_for(100ms));
    if (!next.timed_out) return next.frame;
  }
  return nullptr;
}

// A camera that loses power (SIGKILL: no teardown) and comes back on the same port: the source
// reconnects by itself, and the pipeline sees one stream whose indices and pts go on.
TEST_P(RtspTransport, LiveSourceResumesWhenTheKilledServerComesBack) {
  RILL_SKIP_WITHOUT_RTSP_SERVER();
  ScratchDir dir;
  std::string clip = make_clip(dir);
  auto server = std::make_unique<RtspServer>(std::vector<RtspServer::Mount>{{"/cam", clip}});
  ASSERT_GT(server->port(), 0) << server->error();
  const int port = server->port();
  LiveSource source(server->url("/cam"), live_options(GetParam()), ReconnectPolicy{});

  std::int64_t last_index = -1;
  std::int64_t last_pts = -1;
  auto take = [&](const std::shared_ptr<Frame>& f) {
    EXPECT_EQ(f->frame_index, last_index + 1) << "indices go on across reconnections";
    EXPECT_GT(f->pts, last_pts) << "pts go on across reconnections";
    last_index = f->frame_index;
    last_pts = f->pts;
  };
  for (int i = 0; i < 20; ++i) {
    std::shared_ptr<Frame> f = next_before(source, Clock::now() + 15s);
    ASSERT_TRUE(f) << "frame " << i << " before the kill";
    take(f);
  }

  server->kill();
  // Frames already decoded may still come; the source is quiet once it has noticed the drop.
  for (auto quiet_since = Clock::now(); Clock::now() - quiet_since < 2s;) {
    if (std::shared_ptr<Frame> f = next_before(source, Clock::now() + 200ms)) {
      take(f);
      quiet_since = Clock::now();
    }
  }
  const std::int64_t before_restart = last_index;

  server = std::make_unique<RtspServer>(std::vector<RtspServer::Mount>{{"/cam", clip}}, port);
  ASSERT_EQ(server->port(), port) << server->error();
  const Clock::time_point restarted = Clock::now();
  std::shared_ptr<Frame> resumed = next_before(source, restarted + kResumeBound);
  ASSERT_TRUE(resumed) << "no frame within 5 s of the server's restart";
  take(resumed);
  for (int i = 0; i < 10; ++i) {
    std::shared_ptr<Frame> f = next_before(source, Clock::now() + 15s);
    ASSERT_TRUE(f) << "frame " << i << " after the restart";
    take(f);
  }
  EXPECT_GT(last_index, before_restart + 10);
  EXPECT_GE(source.reconnects(), 1u);
}

/// What one stream's subgraph saw, by stream id.
struct Seen {
  int frames = 0;
  std::int64_t last_index = -1;
  bool in_order = true;
};

/// Counts the frames of every stream (from_addr) as they arrive, for a test thread to watch
/// while the graph runs; echoes each message back. The frames of the stream `held()` names wait
/// until the test opens `gate()`, so the test decides when that stream may run, not the clock.
class StreamTally final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp"};
  static constexpr Output<Map> kOut{"out"};
  static Contract contract() { return {kIn, kOut}; }
  explicit StreamTally(const NodeConfig&) {}
  void init(Context& ctx) override {
    in_ = &ctx[kIn];
    out_ = &ctx[kOut];
  }
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters)
  Task<> exec(Context&) override {
    std::optional<Envelope> e = co_await in_->recv();
    if (!e) co_return;
    // Without a stream id or frame index the counts below come out wrong: VideoInput sets both.
    const std::uint64_t id = e->info().from_addr().value_or(0);
    if (id == held()) co_await gate().wait();
    {
      std::lock_guard g(mu());
      Seen& s = seen()[id];
      ++s.frames;
      auto index = static_cast<std::int64_t>(e->info().partial_id().value_or(~0ULL));
      s.in_order = s.in_order && index == s.last_index + 1;
      s.last_index = index;
    }
    co_await out_->send(std::move(*e));
  }

  static std::uint64_t& held() {
    static std::uint64_t id = 0;
    return id;
  }
  static Event& gate() {
    static Event e;  // one test in this process uses it
    return e;
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::map<std::uint64_t, Seen>& seen() {
    static std::map<std::uint64_t, Seen> s;
    return s;
  }
  /// A copy of stream `id`'s tally (zeros before its first frame).
  static Seen of(std::uint64_t id) {
    std::lock_guard g(mu());
    auto it = seen().find(id);
    return it == seen().end() ? Seen{} : it->second;
  }

 private:
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

/// Waits until `done()` holds or `deadline` passes; returns done().
template <class Pred>
bool wait_until(Pred done, Clock::time_point deadline) {
  while (!done() && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  return done();
}

// One graph, three streams: an RTSP camera that dies mid-stream and comes back, a file, and an
// RTSP URL that refuses. The file runs to its last frame while the camera is down (the test holds
// it back until then), the refusing URL is one error for its own stream, and the camera resumes.
TEST(Rtsp, VideoInputKeepsTheOtherStreamsGoingWhileACameraIsDownAndResumesIt) {
  RILL_SKIP_WITHOUT_RTSP_SERVER();
  ScratchDir dir;
  std::string clip = make_clip(dir);
  constexpr int kFileFrames = 50;
  std::string file = make_test_video(dir, "file.mp4", "160x120", 25, 2.0);
  auto server = std::make_unique<RtspServer>(std::vector<RtspServer::Mount>{{"/cam", clip}});
  ASSERT_GT(server->port(), 0) << server->error();
  const int port = server->port();
  const std::string refusing = fmt::format("rtsp://127.0.0.1:{}/cam", free_port());

  constexpr std::uint64_t kCamera = 1, kFile = 2, kRefusing = 3;  // ids follow the url order
  std::string toml = fmt::format(R"(
main = "main"
[[graphs]]
name = "stream"
inputs = [{{ name = "inp", cap = 4, ports = ["tally:inp"] }}]
outputs = [{{ name = "out", cap = 4, ports = ["tally:out"] }}]
nodes = [{{ name = "tally", ty = "StreamTally" }}]

[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "VideoInput", urls = ['{}', '{}', '{}'], read_timeout_ms = 1000, progress = false }},
  {{ name = "per_stream", ty = "stream" }},
]
connections = [
  {{ cap = 4, ports = ["src:out", "per_stream:inp"] }},
  {{ cap = 4, ports = ["src:inp", "per_stream:out"] }},
]
)",
                                 server->url("/cam"), file, refusing);
  StreamTally::held() = kFile;
  auto registry = std::make_shared<Registry>();
  register_builtin_nodes(*registry);
  register_media_nodes(*registry);
  registry->add<StreamTally>("StreamTally", "test: counts frames per stream");
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "rtsp.toml", ".", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  auto graph = Graph::create(*spec, registry, diags);
  ASSERT_TRUE(graph) << diags.format();
  graph->start();
  // Whatever fails below, the file is let go and the graph stopped before the locals go.
  struct StopOnExit {
    Graph* g;
    ~StopOnExit() {
      StreamTally::gate().set();
      g->stop();
      g->wait_for(20s);
    }
  } stop_on_exit{graph.get()};

  ASSERT_TRUE(wait_until([&] { return StreamTally::of(kCamera).frames >= 10; }, Clock::now() + 15s))
      << "the camera never delivered";
  server->kill();
  // The camera is down (and stays down until the file is done): now the file may run.
  StreamTally::gate().set();
  EXPECT_TRUE(
      wait_until([&] { return StreamTally::of(kFile).frames == kFileFrames; }, Clock::now() + 20s))
      << "the file stalled at " << StreamTally::of(kFile).frames << " frames";

  // Back on the same port: the camera resumes.
  const int camera_frames_down = StreamTally::of(kCamera).frames;
  server = std::make_unique<RtspServer>(std::vector<RtspServer::Mount>{{"/cam", clip}}, port);
  ASSERT_EQ(server->port(), port) << server->error();
  const Clock::time_point restarted = Clock::now();
  EXPECT_TRUE(wait_until([&] { return StreamTally::of(kCamera).frames > camera_frames_down; },
                         restarted + kResumeBound))
      << "no camera frame within 5 s of the server's restart";
  EXPECT_TRUE(wait_until([&] { return StreamTally::of(kCamera).frames > camera_frames_down + 10; },
                         Clock::now() + 15s));

  graph->stop();
  std::optional<RunResult> result = graph->wait_for(20s);
  ASSERT_TRUE(result) << "the graph did not stop";
  EXPECT_TRUE(result->ok) << result->format();
  Seen camera = StreamTally::of(kCamera);
  Seen video = StreamTally::of(kFile);
  EXPECT_TRUE(camera.in_order) << "camera indices go on across the restart";
  EXPECT_EQ(video.frames, kFileFrames);
  EXPECT_TRUE(video.in_order);
  EXPECT_EQ(StreamTally::of(kRefusing).frames, 0);
  std::uint64_t errors = 0;
  for (const NodeStats& n : graph->snapshot()) {
    if (n.path == "main/src") errors = n.errors;
  }
  EXPECT_EQ(errors, 1u) << "the refusing url, and nothing else, is an error";
}

}  // namespace
}  // namespace rill::media
