#include "runtime/reorder_buffer.hpp"

#include <gtest/gtest.h>

namespace rill::sdk::detail {
namespace {

class ReorderBufferTest : public ::testing::Test {
 protected:
  FrameRef frame(std::int64_t seq) {
    auto f = std::make_shared<FrameState>(plan_, false);
    f->sequence_id = seq;
    return f;
  }
  std::vector<std::int64_t> push(std::int64_t seq) {
    std::vector<FrameRef> released;
    buffer_.push(frame(seq), released);
    std::vector<std::int64_t> ids;
    for (const auto& f : released) ids.push_back(f->sequence_id);
    return ids;
  }
  config::WorkflowSpec spec_;
  Plan plan_ = Plan::build(spec_);
  ReorderBuffer buffer_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(ReorderBufferTest, ReleasesInOrderFramesAtOnce) {
  EXPECT_EQ(push(0), Ids{0});
  EXPECT_EQ(push(1), Ids{1});
  EXPECT_EQ(buffer_.expected(), 2);
}

TEST_F(ReorderBufferTest, HoldsEarlyFramesUntilTheAwaitedOneArrives) {
  EXPECT_EQ(push(2), Ids{});
  EXPECT_EQ(push(1), Ids{});
  EXPECT_EQ(push(4), Ids{});
  EXPECT_EQ(push(0), (Ids{0, 1, 2}));
  EXPECT_EQ(buffer_.waiting(), 1u);
  EXPECT_EQ(push(3), (Ids{3, 4}));
}

TEST_F(ReorderBufferTest, WaitsForTheAwaitedFrameHoweverManyArriveBeforeIt) {
  for (std::int64_t id = 1; id <= 1000; ++id) ASSERT_EQ(push(id), Ids{});
  Ids all = push(0);
  ASSERT_EQ(all.size(), 1001u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<std::int64_t>(i));
  EXPECT_EQ(buffer_.waiting(), 0u);
}

}  // namespace
}  // namespace rill::sdk::detail
