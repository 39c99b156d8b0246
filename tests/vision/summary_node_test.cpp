// Summary: per-stream counts of frames, faces, distinct tracks and fps, printed as one table when
// the input ends.

#include "nodes/summary_node.hpp"

#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rill/core/frame.hpp"
#include "rill/core/testing.hpp"
#include "rill/vision/nodes.hpp"

namespace rill::vision {
namespace {

using Clock = SummaryCounts::Clock;
using std::chrono::milliseconds;

std::shared_ptr<Registry> registry() {
  auto r = std::make_shared<Registry>();
  register_vision_nodes(*r);
  return r;
}

/// A message of stream `stream` (from_addr) with `faces` items and these track ids.
Envelope message(std::uint64_t stream, int faces, std::vector<std::int64_t> tids) {
  List items;
  for (int i = 0; i < faces; ++i) {
    Map item;
    item.set("bbox", Value(List{Value(0), Value(0), Value(4), Value(4)}));
    items.push_back(Value(std::move(item)));
  }
  List tracks;
  for (std::int64_t id : tids) {
    Map t;
    t.set("tid", Value(id));
    t.set("bbox", Value(List{Value(0), Value(0), Value(4), Value(4)}));
    tracks.push_back(Value(std::move(t)));
  }
  Map m;
  m.set("items", Value(std::move(items)));
  m.set("tracks", Value(std::move(tracks)));
  Envelope e{Value(std::move(m))};
  e.info().set_from_addr(stream);
  return e;
}

/// The words of each line of `text`.
std::vector<std::vector<std::string>> words(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    out.emplace_back(std::istream_iterator<std::string>(in), std::istream_iterator<std::string>());
  }
  return out;
}

TEST(SummaryCounts, CountsFramesFacesDistinctTracksAndRatePerStream) {
  SummaryCounts c;
  const Clock::time_point t0{};
  c.add(2, 1, {1}, t0);
  c.add(1, 2, {1, 2}, t0 + milliseconds(100));
  c.add(1, 1, {2}, t0 + milliseconds(600));
  c.add(2, 0, {}, t0 + milliseconds(500));
  c.add(1, 3, {2, 3}, t0 + milliseconds(1100));
  std::vector<SummaryRow> rows = c.rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].stream, "1") << "streams by id";
  EXPECT_EQ(rows[0].frames, 3u);
  EXPECT_EQ(rows[0].faces, 6u);
  EXPECT_EQ(rows[0].tracks, 3u) << "ids 1, 2, 3, each counted once";
  ASSERT_TRUE(rows[0].fps);
  EXPECT_DOUBLE_EQ(*rows[0].fps, 2.0) << "2 intervals in 1 s";
  EXPECT_EQ(rows[1].stream, "2");
  EXPECT_EQ(rows[1].tracks, 1u) << "stream 2's track 1 is its own";
  EXPECT_DOUBLE_EQ(*rows[1].fps, 2.0);
  EXPECT_EQ(rows[2].stream, "total");
  EXPECT_EQ(rows[2].frames, 5u);
  EXPECT_EQ(rows[2].faces, 7u);
  EXPECT_EQ(rows[2].tracks, 4u);
  EXPECT_DOUBLE_EQ(*rows[2].fps, 4 / 1.1) << "all frames over the whole run";
}

TEST(SummaryCounts, RateIsUnknownForASingleFrameAndWithNoStreams) {
  EXPECT_FALSE(SummaryCounts().rows().at(0).fps);
  SummaryCounts c;
  c.add(1, 0, {}, Clock::time_point{});
  EXPECT_FALSE(c.rows().at(0).fps);
  EXPECT_EQ(c.rows().at(1).frames, 1u);
}

TEST(FormatSummary, RightAlignsColumnsUnderAHeaderWithTheTitleAbove) {
  std::vector<SummaryRow> rows = {
      {.stream = "1", .frames = 500, .faces = 980, .tracks = 2, .fps = 41.25},
      {.stream = "12", .frames = 7, .faces = 0, .tracks = 0, .fps = std::nullopt},
      {.stream = "total", .frames = 507, .faces = 980, .tracks = 2, .fps = 123.456},
  };
  EXPECT_EQ(format_summary("face_tracking", rows),
            "face_tracking\n"
            "stream  frames  faces  tracks    fps\n"
            "     1     500    980       2   41.2\n"
            "    12       7      0       0      -\n"
            " total     507    980       2  123.5\n");
  EXPECT_EQ(format_summary("", {rows.back()}).substr(0, 6), "stream") << "no title line";
}

TEST(SummaryNode, PassesMessagesOnAndPrintsTheTableWhenTheInputEnds) {
  Map args;
  args.set("title", Value("run 7"));
  rill::testing::NodeHarness h(registry(), "Summary", args);
  h.start();
  h.send("inp", message(1, 2, {1, 2}));
  h.send("inp", message(2, 1, {1}));
  h.send("inp", message(1, 1, {2}));
  h.drain();
  EXPECT_EQ(h.take("out").size(), 3u);
  ::testing::internal::CaptureStdout();
  h.send_marker("inp");  // one client of a shared node ended: no table yet
  h.drain();
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  ::testing::internal::CaptureStdout();
  h.close("inp");
  h.drain();
  const std::string printed = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  // Columns are compared as words: fps (and so the widths) depend on how fast the test ran.
  std::vector<std::vector<std::string>> lines = words(printed);
  ASSERT_EQ(lines.size(), 5u) << printed;
  EXPECT_EQ(lines[0], (std::vector<std::string>{"run", "7"}));
  EXPECT_EQ(lines[1], (std::vector<std::string>{"stream", "frames", "faces", "tracks", "fps"}));
  EXPECT_EQ(lines[2], (std::vector<std::string>{"1", "2", "3", "2", lines[2].back()}));
  EXPECT_EQ(lines[3], (std::vector<std::string>{"2", "1", "1", "1", "-"}));
  EXPECT_EQ(lines[4], (std::vector<std::string>{"total", "3", "4", "3", lines[4].back()}));
}

}  // namespace
}  // namespace rill::vision
