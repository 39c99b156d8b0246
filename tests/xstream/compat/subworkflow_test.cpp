// v1.1 workflow expansion through XStreamConfig::LoadFile (XStream test/subworkflow_test.cpp:
// WorkflowTest.ValidTemplate, .TemplateDefinitionFile, .templateEbeded, .CommonTemplate,
// .MultiOutput, .ConfigError). cfg_jv_ is compared with an expected flat workflow by jsoncpp's ==:
// deep, key order irrelevant, types strict.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/xstream.h"  // included, as XStream's test does; nothing used
#include "hobotxstream/xstream_config.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

std::string Subworkflow(const std::string& name) { return SdkData("subworkflow/" + name); }

TEST(SubworkflowTest, TemplatesExpandToTheExpectedFlatWorkflow) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(Subworkflow("template_config.json")), 0);
  const Json::Value expected = ReadJsonFile(Subworkflow("template_config_expected.json"));
  ASSERT_TRUE(expected.isObject());
  EXPECT_TRUE(config->cfg_jv_ == expected) << "got:\n"
                                           << config->cfg_jv_.toStyledString() << "expected:\n"
                                           << expected.toStyledString();
  EXPECT_EQ(config->folder_path_, Subworkflow(""));
}

TEST(SubworkflowTest, ExpansionKeepsValueTypes) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(Subworkflow("template_config.json")), 0);
  const Json::Value& nodes = config->cfg_jv_["workflow"];
  ASSERT_TRUE(nodes.isArray());
  ASSERT_GE(nodes.size(), 4u);
  EXPECT_TRUE(nodes[0]["method_config"]["threshold"].isInt());
  EXPECT_FALSE(nodes[3]["method_config"]["threshold"].isInt()) << "2.5 stays a real";
  EXPECT_TRUE(nodes[2]["thread_list"].isArray()) << "an array parameter is substituted whole";
}

TEST(SubworkflowTest, ExpandedTemplateWorkflowRuns) {
  auto sdk = MakeSdk("subworkflow/template_config.json");
  ASSERT_EQ(sdk->Init(), 0);
  auto boxes = MakeBoxes({BBox(0, 0, 10, 10), BBox(0, 0, 40, 40), BBox(0, 0, 80, 80)});
  auto out = sdk->SyncPredict(MakeInput("face_box", boxes));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 3u);
  for (const auto& d : out->datas_) {
    const std::vector<BBox>* kept = BoxesOf(d);
    ASSERT_NE(kept, nullptr) << d->name_;
    // BBoxFilter ignores method_config: every filter keeps boxes above the default 2500.
    ASSERT_EQ(kept->size(), 1u) << d->name_;
    EXPECT_EQ((*kept)[0].x2, 80) << d->name_;
  }
}

TEST(SubworkflowTest, OneConfigObjectLoadsSeveralFiles) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(Subworkflow("template_config.json")), 0);
  ASSERT_EQ(config->LoadFile(Subworkflow("errors/ok_reference.json")), 0);
  Json::Value expected = ReadJsonFile(Subworkflow("errors/ok_reference_expected.json"));
  ASSERT_TRUE(expected.isObject());
  EXPECT_TRUE(config->cfg_jv_ == expected) << config->cfg_jv_.toStyledString();
  EXPECT_EQ(config->LoadFile(Subworkflow("errors/template_unknown.json")), -1);
  ASSERT_EQ(config->LoadFile(Subworkflow("template_config.json")), 0);
  EXPECT_TRUE(config->cfg_jv_ == ReadJsonFile(Subworkflow("template_config_expected.json")));
}

TEST(SubworkflowTest, FlatConfigLoadsAsWritten) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(SdkData("basic.json")), 0);
  const Json::Value expected = ReadJsonFile(SdkData("basic.json"));
  ASSERT_TRUE(expected.isObject());
  EXPECT_TRUE(config->cfg_jv_ == expected);
  EXPECT_EQ(config->folder_path_, SdkData(""));
}

TEST(SubworkflowTest, LoadFileDoesNotValidateTheGraph) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  EXPECT_EQ(config->LoadFile(SdkData("configs/config_circle.json")), 0);
}

class SubworkflowErrorTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SubworkflowErrorTest, LoadFileAndInitFailWithMinus1) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  const std::string path = Subworkflow(std::string("errors/") + GetParam());
  EXPECT_EQ(config->LoadFile(path), -1);
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  ASSERT_EQ(sdk->SetConfig("config_file", path), 0);
  EXPECT_EQ(sdk->Init(), -1);
}

INSTANTIATE_TEST_SUITE_P(ConfigError, SubworkflowErrorTest,
                         ::testing::Values("methodconfig_conflict.json",  // both method_config keys
                                           "templates_not_array.json",    // 1104
                                           "include_missing.json",        // 1100
                                           "template_param_count.json",   // 1108
                                           "template_params_not_array.json",  // 1108
                                           "template_param_unresolved.json",  // 1102
                                           "template_unknown.json",           // 1106
                                           "template_name_repeated.json",     // 1105
                                           "template_recursive.json",         // 1101
                                           "no_such_file.json"));

}  // namespace
}  // namespace xstream_test
