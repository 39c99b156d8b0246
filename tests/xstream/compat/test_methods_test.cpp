// The test method plugins themselves, checked without an SDK, so that a failing workflow test
// points at the engine rather than at its plugins.

#include "xstream/compat/test_methods.hpp"

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_data.h"

// XStream declares its factory hook in no public header; method_factory.cpp defines it.
namespace xstream::method_factory {
MethodPtr CreateMethod(const std::string& method_name);
}  // namespace xstream::method_factory

namespace xstream_test {
namespace {

using xstream::BaseData;
using xstream::BaseDataPtr;
using Batch = std::vector<std::vector<BaseDataPtr>>;

Batch OneFrame(std::vector<BaseDataPtr> slots) { return Batch{std::move(slots)}; }

TEST(TestMethodPlugin, CopiesItsInputToOutputs0And3AndLeaves1And2Null) {
  TestMethod m;
  auto in = std::make_shared<BaseData>();
  in->state_ = xstream::DataState::INVALID;
  in->type_ = "marker";
  Batch out = m.DoProcess(OneFrame({in}), {nullptr});
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].size(), 4u);
  for (int k : {0, 3}) {
    ASSERT_NE(out[0][k], nullptr);
    EXPECT_NE(out[0][k], in) << "a fresh copy, not the input itself";
    EXPECT_EQ(out[0][k]->type_, "marker");
    EXPECT_EQ(out[0][k]->state_, xstream::DataState::INVALID);
  }
  EXPECT_EQ(out[0][1], nullptr);
  EXPECT_EQ(out[0][2], nullptr);
  EXPECT_EQ(m.GetVersion(), "0.0.0");
  EXPECT_EQ(m.UpdateParameter(nullptr), 0);
  EXPECT_EQ(m.GetParameter(), nullptr);
}

TEST(BBoxFilterPlugin, KeepsBoxesLargerThanTheThreshold) {
  BBoxFilter m;
  auto boxes = MakeBoxes({BBox(0, 0, 10, 10), BBox(0, 0, 60, 60), BBox(0, 0, 50, 50)});
  Batch out = m.DoProcess(OneFrame({boxes}), {nullptr});
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].size(), 1u);
  const std::vector<BBox>* kept = BoxesOf(out[0][0]);
  ASSERT_NE(kept, nullptr);
  ASSERT_EQ(kept->size(), 1u) << "area 2500 is not above the default threshold 2500";
  EXPECT_EQ((*kept)[0].x2, 60);
  EXPECT_EQ(m.GetVersion(), "test_only");
}

TEST(BBoxFilterPlugin, GivesNullForInvalidOrForeignInputs) {
  BBoxFilter m;
  auto invalid = MakeBoxes({BBox(0, 0, 100, 100)});
  invalid->state_ = xstream::DataState::INVALID;
  Batch out = m.DoProcess(OneFrame({invalid, std::make_shared<BaseData>()}), {nullptr});
  ASSERT_EQ(out[0].size(), 2u);
  EXPECT_EQ(out[0][0], nullptr);
  EXPECT_EQ(out[0][1], nullptr);
}

TEST(BBoxFilterPlugin, UpdateParameterTakesFilterParamOrJsonText) {
  BBoxFilter m;
  auto current = [&] {
    auto p = std::dynamic_pointer_cast<FilterParam>(m.GetParameter());
    return p ? p->threshold : -1.0f;
  };
  EXPECT_EQ(current(), 2500.0f);
  EXPECT_EQ(m.UpdateParameter(std::make_shared<FilterParam>("BBoxFilter_1", 90)), 0);
  EXPECT_EQ(current(), 90.0f);
  EXPECT_EQ(m.UpdateParameter(
                std::make_shared<xstream::SdkCommParam>("BBoxFilter_1", R"({"threshold": 400})")),
            0);
  EXPECT_EQ(current(), 400.0f);
  EXPECT_EQ(m.UpdateParameter(std::make_shared<xstream::SdkCommParam>("BBoxFilter_1", "{}")), -1);
  EXPECT_EQ(m.UpdateParameter(std::make_shared<xstream::DisableParam>("BBoxFilter_1")), -1);
  EXPECT_EQ(current(), 400.0f);
  EXPECT_NE(m.GetParameter(), m.GetParameter()) << "a fresh FilterParam every time";
}

TEST(TestInitMethodPlugin, InitReadsTheThresholdFileAndFailsWithoutIt) {
  TestInitMethod m;
  EXPECT_NE(m.Init(std::string(RILL_TEST_DATA_DIR) + "/xstream/method_init/nothing_here.json"), 0);
  EXPECT_NE(m.Init(""), 0);
  ASSERT_EQ(m.Init(std::string(RILL_TEST_DATA_DIR) + "/xstream/method_init/threshold_file.json"),
            0);
  Batch out = m.DoProcess(OneFrame({std::make_shared<BaseData>()}), {nullptr});
  auto* report = dynamic_cast<InitReportData*>(out[0][0].get());
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->value.threshold, 7);
  EXPECT_EQ(report->value.init_from, "file");
}

TEST(TestInitMethodPlugin, InitFromJsonStringParsesTheText) {
  TestInitMethod m;
  EXPECT_NE(m.InitFromJsonString("not json"), 0);
  ASSERT_EQ(m.InitFromJsonString(R"({"threshold": 12})"), 0);
  Batch out = m.DoProcess(OneFrame({std::make_shared<BaseData>()}), {nullptr});
  auto* report = dynamic_cast<InitReportData*>(out[0][0].get());
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->value.threshold, 12);
  EXPECT_EQ(report->value.init_from, "json");
}

TEST(TestMethodFactoryTest, KnowsEveryPluginAndNothingElse) {
  TestMethodFactory factory;
  for (const char* name :
       {"TestMethod", "BBoxFilter", "OrderTestMethod", "threadsafeMethod", "passthroughMethod",
        "Scrambler", "MultiSourceTest", "TestInitMethod", "SchedProbe", "GateMethod"}) {
    EXPECT_NE(factory.CreateMethod(name), nullptr) << name;
    EXPECT_NE(xstream::method_factory::CreateMethod(name), nullptr) << name;
  }
  EXPECT_EQ(factory.CreateMethod("NoSuchMethod"), nullptr);
  EXPECT_EQ(xstream::method_factory::CreateMethod("NoSuchMethod"), nullptr);
}

TEST(TestMethodFactoryTest, MethodInfosMatchTheOriginalPlugins) {
  EXPECT_TRUE(OrderTestMethod().GetMethodInfo().is_need_reorder);
  EXPECT_FALSE(OrderTestMethod().GetMethodInfo().is_thread_safe_);
  EXPECT_TRUE(ThreadSafeMethod().GetMethodInfo().is_thread_safe_);
  EXPECT_TRUE(ThreadSafeMethod().GetMethodInfo().is_need_reorder);
  EXPECT_TRUE(PassthroughMethod().GetMethodInfo().is_need_reorder);
  EXPECT_FALSE(PassthroughMethod().GetMethodInfo().is_thread_safe_);
  const xstream::MethodInfo scrambler = Scrambler().GetMethodInfo();
  EXPECT_FALSE(scrambler.is_thread_safe_ || scrambler.is_need_reorder || scrambler.is_src_ctx_dept);
}

}  // namespace
}  // namespace xstream_test
