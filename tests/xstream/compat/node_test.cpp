// Per-frame node disabling on BBoxFilter chains (XStream test/node_test.cpp: Interface.PassThrough,
// .UsePreDefine, .Disable). Every node has 3 threads; profiler on.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

using xstream::DataState;
using xstream::DisableParam;

constexpr int kFrames = 10;

class NodeTest : public ::testing::Test {
 protected:
  void Open(const std::string& config) {
    sdk_ = MakeSdk(config);
    ASSERT_EQ(sdk_->SetConfig("profiler", "on"), 0);
    ASSERT_EQ(sdk_->SetConfig("profiler_file", sandbox_.Path("profiler.txt")), 0);
    ASSERT_EQ(sdk_->SetCallback(collector_.Callback()), 0);
    ASSERT_EQ(sdk_->Init(), 0);
  }

  /// A frame of `boxes` disabling `node` with `mode` (and `pre_datas`).
  static xstream::InputDataPtr Frame(const std::vector<BBox>& boxes, const std::string& node,
                                     DisableParam::Mode mode,
                                     std::vector<xstream::BaseDataPtr> pre_datas = {}) {
    auto input = MakeInput("face_head_box", MakeBoxes(boxes));
    auto param = std::make_shared<DisableParam>(node, mode);
    param->pre_datas_ = std::move(pre_datas);
    input->params_.push_back(param);
    return input;
  }

  void TearDown() override {
    if (!sdk_) return;
    sdk_->SetConfig("profiler", "off");
    sdk_.reset();
    // The framework profiler rewrote its file as a chrome trace when the SDK went away.
    EXPECT_TRUE(ReadJsonFile(sandbox_.Path("profiler.txt")).isArray());
  }

  ProfilerSandbox sandbox_;
  OutputCollector collector_;
  std::unique_ptr<xstream::XStreamSDK> sdk_;
};

// Interface.PassThrough
TEST_F(NodeTest, PassThroughSkipsTheFilterWhatEverItsThreshold) {
  Open("node/filter.json");
  ASSERT_EQ(sdk_->SetCallback(collector_.Callback(), "BBoxFilter_1"), 0);
  ASSERT_EQ(sdk_->SetCallback(collector_.Callback(), "BBoxFilter_2"), 0);
  ASSERT_EQ(sdk_->UpdateConfig("BBoxFilter_1", std::make_shared<FilterParam>("BBoxFilter_1", 4900)),
            0);
  const std::vector<BBox> boxes = {BBox(0, 0, 60, 60), BBox(0, 0, 10, 10)};

  // Control: BBoxFilter_1 (4900) drops the 60x60 box when it runs.
  auto control = sdk_->SyncPredict(MakeInput("face_head_box", MakeBoxes(boxes)));
  ASSERT_EQ(control->datas_.size(), 1u);
  ASSERT_NE(BoxesOf(control->datas_[0]), nullptr);
  EXPECT_TRUE(BoxesOf(control->datas_[0])->empty());

  for (int i = 0; i < kFrames; ++i) {
    ASSERT_EQ(sdk_->AsyncPredict(Frame(boxes, "BBoxFilter_1", DisableParam::Mode::PassThrough)),
              i + 1);
  }
  ASSERT_TRUE(collector_.WaitFor(3 * kFrames));
  auto outputs = collector_.From("");
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kFrames));
  for (const auto& out : outputs) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    const std::vector<BBox>* kept = BoxesOf(out->datas_[0]);
    ASSERT_NE(kept, nullptr);
    ASSERT_EQ(kept->size(), 1u);
    EXPECT_EQ((*kept)[0].x2, 60);
  }
  for (const auto& node : collector_.From("BBoxFilter_1")) {
    ASSERT_EQ(node->datas_.size(), 1u);
    ASSERT_NE(BoxesOf(node->datas_[0]), nullptr);
    EXPECT_EQ(BoxesOf(node->datas_[0])->size(), 2u) << "the input, passed through";
  }
  EXPECT_EQ(collector_.From("BBoxFilter_1").size(), static_cast<std::size_t>(kFrames));
  EXPECT_EQ(collector_.From("BBoxFilter_2").size(), static_cast<std::size_t>(kFrames));
}

// Interface.UsePreDefine
TEST_F(NodeTest, UsePreDefineFeedsThePredefinedBoxDownstream) {
  Open("node/filter.json");
  for (int i = 0; i < kFrames; ++i) {
    auto predefined = MakeBoxes({BBox(0, 0, 70, 70)});
    ASSERT_EQ(sdk_->AsyncPredict(Frame({BBox(0, 0, 10, 10)}, "BBoxFilter_1",
                                       DisableParam::Mode::UsePreDefine, {predefined})),
              i);
  }
  ASSERT_TRUE(collector_.WaitFor(kFrames));
  for (const auto& out : collector_.Outputs()) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    const std::vector<BBox>* kept = BoxesOf(out->datas_[0]);
    ASSERT_NE(kept, nullptr);
    ASSERT_EQ(kept->size(), 1u);
    EXPECT_EQ((*kept)[0].x2, 70);
    EXPECT_EQ((*kept)[0].y2, 70);
  }
}

// Interface.Disable: BBoxFilter_2 disabled (Invalid). BBoxFilter_3 gets the INVALID placeholder
// and returns null, so BBoxFilter_4 skips; the BBoxFilter_5/6 branch is unaffected.
TEST_F(NodeTest, DisabledNodeInvalidatesOnlyItsBranch) {
  Open("node/filter_six.json");
  const std::vector<BBox> boxes = {BBox(0, 0, 60, 60), BBox(0, 0, 10, 10)};
  for (int i = 0; i < kFrames; ++i) {
    ASSERT_EQ(sdk_->AsyncPredict(Frame(boxes, "BBoxFilter_2", DisableParam::Mode::Invalid)), i);
  }
  ASSERT_TRUE(collector_.WaitFor(kFrames));
  for (const auto& out : collector_.Outputs()) {
    EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY) << out->error_detail_;
    EXPECT_NE(out->error_detail_.find("face_head_box_filter_4"), std::string::npos);
    ASSERT_EQ(out->datas_.size(), 2u);
    auto filter_2 = FindSlot(out, "face_head_box_filter_2");
    ASSERT_NE(filter_2, nullptr);
    EXPECT_EQ(filter_2->state_, DataState::INVALID);
    EXPECT_EQ(FindSlot(out, "face_head_box_filter_4"), nullptr);
    auto filter_6 = FindSlot(out, "face_head_box_filter_6");
    ASSERT_NE(filter_6, nullptr);
    EXPECT_EQ(filter_6->state_, DataState::VALID);
    ASSERT_NE(BoxesOf(filter_6), nullptr);
    EXPECT_EQ(BoxesOf(filter_6)->size(), 1u);
  }
}

}  // namespace
}  // namespace xstream_test
