// JsonLines: one JSON object per message, read back with a real JSON parser; frames described,
// not dumped; where each message came from; one file for many streams; bad paths.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "rill/core/frame.hpp"
#include "rill/core/testing.hpp"
#include "support/scratch_dir.hpp"

namespace rill {
namespace {

using nlohmann::json;
using testing::NodeHarness;

Map args(const std::string& path, bool append = false) {
  Map a;
  a.set("path", Value(path));
  if (append) a.set("append", Value(true));
  return a;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every line of the file, parsed (a line that is not JSON fails the parse).
std::vector<json> lines_of(const std::string& path) {
  std::vector<json> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

/// A BGR frame of stream `stream`, index `index`, at `pts` milliseconds.
std::shared_ptr<Frame> frame(std::int64_t stream, std::int64_t index, std::int64_t pts = -1,
                             int width = 16, int height = 8) {
  std::shared_ptr<Frame> f = Frame::allocate(PixelFormat::kBGR24, width, height);
  f->stream_id = stream;
  f->frame_index = index;
  f->pts = pts;
  f->time_base = {1, 1000};
  return f;
}

Envelope frame_message(std::int64_t stream, std::int64_t index, std::int64_t pts = -1) {
  Map m;
  m.set("data", Value(std::shared_ptr<const Frame>(frame(stream, index, pts))));
  return Envelope(Value(std::move(m)));
}

void run(NodeHarness& h, std::vector<Envelope> in) {
  h.start();
  for (Envelope& e : in) ASSERT_EQ(h.send("inp", std::move(e)), SendStatus::kOk);
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
}

TEST(JsonLines, WritesEveryKeyAndDescribesFramesTensorsAndBytesInsteadOfDumpingThem) {
  testing::ScratchDir dir;
  const std::string path = dir.path("out/results.jsonl");  // out/ does not exist yet
  Map item;
  item.set("bbox", Value(List{Value(1.5), Value(2.0), Value(30), Value(40)}));
  item.set("score", Value(0.875));
  Map m;
  std::shared_ptr<const Frame> pixels = frame(3, 7, 1500, 640, 480);
  m.set("data", Value(pixels));
  m.set("items", Value(List{Value(std::move(item))}));
  m.set("extra_data", Value("cam \"north\"\n"));
  m.set("flag", Value(true));
  m.set("none", Value());
  m.set("ratio", Value(std::nan("")));
  m.set("blob", Value(Bytes(5000, 7)));
  m.set("embedding", Value(std::shared_ptr<const Tensor>(Tensor::allocate(DType::kF32, {1, 128}))));
  NodeHarness h("JsonLines", args(path));
  ASSERT_NO_FATAL_FAILURE(run(h, {Envelope(Value(m))}));
  EXPECT_EQ(h.error(), "");

  std::vector<json> lines = lines_of(path);
  ASSERT_EQ(lines.size(), 1u);
  const json& j = lines[0];
  EXPECT_EQ(j["stream"], 3);
  EXPECT_EQ(j["frame"], 7);
  EXPECT_DOUBLE_EQ(j["pts"].get<double>(), 1.5);
  EXPECT_EQ(j["data"], json::parse(R"({"width": 640, "height": 480, "format": "bgr24"})"));
  EXPECT_EQ(j["items"][0]["bbox"], json::parse("[1.5, 2.0, 30, 40]"));
  EXPECT_DOUBLE_EQ(j["items"][0]["score"].get<double>(), 0.875);
  EXPECT_EQ(j["extra_data"], "cam \"north\"\n");
  EXPECT_EQ(j["flag"], true);
  EXPECT_TRUE(j["none"].is_null());
  EXPECT_TRUE(j["ratio"].is_null()) << "NaN is not JSON";
  EXPECT_EQ(j["blob"], json::parse(R"({"bytes": 5000})"));
  EXPECT_EQ(j["embedding"], json::parse(R"({"dtype": "float32", "shape": [1, 128]})"));
  EXPECT_LT(read_file(path).size(), 1000u) << "no pixel or tensor data in the file";

  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_map().size(), m.size()) << "the message goes on unchanged";
  EXPECT_EQ(out[0].msg().get("data")->as_frame(), pixels);
  EXPECT_EQ(*out[0].msg().get("items"), *m.find("items"));
}

TEST(JsonLines, TakesStreamAndFrameFromTheEnvelopeWhenThereIsNoFrame) {
  testing::ScratchDir dir;
  const std::string path = dir.path("r.jsonl");
  Envelope number(Value(42));
  number.info().set_from_addr(2);
  number.info().set_partial_id(9);
  Map m;
  m.set("label", Value("cat"));
  Envelope map_msg(Value(std::move(m)));
  map_msg.info().set_from_addr(5);
  Envelope no_pts = frame_message(1, 0);  // a frame without a pts
  NodeHarness h("JsonLines", args(path));
  ASSERT_NO_FATAL_FAILURE(run(h, {number, map_msg, no_pts, Envelope::empty_with({})}));
  EXPECT_EQ(h.error(), "");
  std::vector<json> lines = lines_of(path);
  ASSERT_EQ(lines.size(), 3u) << "an empty envelope is passed on, not written";
  EXPECT_EQ(lines[0], json::parse(R"({"stream": 2, "frame": 9, "value": 42})"));
  EXPECT_EQ(lines[1], json::parse(R"({"stream": 5, "label": "cat"})"));
  EXPECT_FALSE(lines[2].contains("pts")) << "unknown pts is left out";
  EXPECT_EQ(lines[2]["frame"], 0);
  EXPECT_EQ(h.take("out").size(), 4u);
}

TEST(JsonLines, TheMessagesOwnKeysWinOverTheAddedOnes) {
  testing::ScratchDir dir;
  const std::string path = dir.path("r.jsonl");
  Envelope e = frame_message(1, 4);
  e.msg().mutable_map().set("stream", Value("north gate"));
  NodeHarness h("JsonLines", args(path));
  ASSERT_NO_FATAL_FAILURE(run(h, {e}));
  const std::string text = read_file(path);
  EXPECT_EQ(text.find("\"stream\""), text.rfind("\"stream\"")) << "one key, once: " << text;
  EXPECT_EQ(lines_of(path).at(0)["stream"], "north gate");
}

TEST(JsonLines, OneNodeServingTwoStreamsWritesOneFileWithEveryLine) {
  testing::ScratchDir dir;
  const std::string path = dir.path("r.jsonl");
  std::vector<Envelope> in;
  for (int i = 0; i < 50; ++i) {
    in.push_back(frame_message(1, i));
    in.push_back(frame_message(2, i));
  }
  NodeHarness h("JsonLines", args(path));
  ASSERT_NO_FATAL_FAILURE(run(h, std::move(in)));
  std::vector<json> lines = lines_of(path);
  ASSERT_EQ(lines.size(), 100u);
  std::map<int, std::vector<int>> frames;
  for (const json& j : lines) frames[j["stream"].get<int>()].push_back(j["frame"].get<int>());
  ASSERT_EQ(frames.size(), 2u);
  for (auto& [stream, f] : frames) {
    ASSERT_EQ(f.size(), 50u) << "stream " << stream;
    for (int i = 0; i < 50; ++i) EXPECT_EQ(f[i], i) << "stream " << stream;
  }
}

TEST(JsonLines, InstancesWritingTheSamePathAtOnceShareOneFile) {
  // The per-stream subgraph case: each stream's instance has its own JsonLines node.
  testing::ScratchDir dir;
  const std::string path = dir.path("r.jsonl");
  NodeHarness a("JsonLines", args(path));
  NodeHarness b("JsonLines", args(dir.path("./r.jsonl")));
  a.start();
  b.start();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(a.send("inp", frame_message(1, i)), SendStatus::kOk);
    ASSERT_EQ(b.send("inp", frame_message(2, i)), SendStatus::kOk);
    a.drain();
    b.drain();
  }
  a.close("inp");
  a.drain();
  ASSERT_TRUE(a.finished());
  ASSERT_EQ(b.send("inp", frame_message(2, 20)), SendStatus::kOk);
  b.close("inp");
  b.drain();
  ASSERT_TRUE(b.finished());
  std::vector<json> lines = lines_of(path);
  EXPECT_EQ(lines.size(), 41u) << "the second instance neither truncated nor overwrote the first";
}

TEST(JsonLines, TruncatesByDefaultAndAppendsWhenAsked) {
  testing::ScratchDir dir;
  const std::string path = dir.write("r.jsonl", "{\"old\": 1}\n");
  {
    NodeHarness h("JsonLines", args(path, /*append=*/true));
    ASSERT_NO_FATAL_FAILURE(run(h, {frame_message(1, 0)}));
  }
  EXPECT_EQ(lines_of(path).size(), 2u);
  {
    NodeHarness h("JsonLines", args(path));
    ASSERT_NO_FATAL_FAILURE(run(h, {frame_message(1, 0)}));
  }
  EXPECT_EQ(lines_of(path).size(), 1u);
}

TEST(JsonLines, FlushesWhileTheInputIsStillOpen) {
  // `tail -f` on the file shows results as they come, not only at the end: within a second.
  testing::ScratchDir dir;
  const std::string path = dir.path("r.jsonl");
  NodeHarness h("JsonLines", args(path));
  h.start();
  ASSERT_EQ(h.send("inp", frame_message(1, 0)), SendStatus::kOk);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (read_file(path).empty() && std::chrono::steady_clock::now() < deadline) {
    h.drain();  // the flush timer resumes the node on the harness's executor
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(lines_of(path).size(), 1u);
  EXPECT_FALSE(h.finished());
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
}

TEST(JsonLines, AnUnwritablePathIsAnErrorNamingTheNodeAndThePath) {
  testing::ScratchDir dir;
  const std::string blocker = dir.write("file", "x");  // a file where a directory should be
  const std::string path = blocker + "/sub/r.jsonl";
  testing::HarnessOptions o;
  o.name = "results";
  NodeHarness h(builtin_registry(), "JsonLines", args(path), o);
  h.start();
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error().rfind("test/results: init failed: JsonLines: ", 0), 0u) << h.error();
  EXPECT_NE(h.error().find(path), std::string::npos) << h.error();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(JsonLines, PathIsRequired) {
  EXPECT_THROW(NodeHarness("JsonLines"), std::invalid_argument);
  testing::HarnessOptions o;
  o.name = "results";
  NodeHarness h(builtin_registry(), "JsonLines", args(""), o);
  h.start();
  h.close("inp");
  h.drain();
  EXPECT_NE(h.error().find("`path` is empty"), std::string::npos) << h.error();
}

}  // namespace
}  // namespace rill
