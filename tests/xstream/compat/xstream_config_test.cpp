// XStreamConfig::LoadFile (hobotxstream/xstream_config.h): the flat workflow lands in cfg_jv_ as
// jsoncpp would parse it, folder_path_ is the file's directory, load and expansion failures are -1,
// graph-validation failures are not LoadFile's.
#include "hobotxstream/xstream_config.h"

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "support/scratch_dir.hpp"

namespace {

Json::Value Parse(const std::string& text) {
  Json::Value root;
  std::string error;
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  EXPECT_TRUE(reader->parse(text.data(), text.data() + text.size(), &root, &error)) << error;
  return root;
}

constexpr const char* kFlat = R"({
  "inputs": ["image"],
  "outputs": ["result"],
  "max_running_count": 8,
  "workflow": [
    {"method_type": "Pass", "unique_name": "pass", "thread_count": 2,
     "inputs": ["image"], "outputs": ["result"], "method_config": {"threshold": 0.5}}
  ]
})";

class XStreamConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { SetLogLevel(HOBOT_LOG_NULL); }
  void TearDown() override { SetLogLevel(HOBOT_LOG_WARN); }

  rill::testing::ScratchDir dir_;
  std::shared_ptr<xstream::XStreamConfig> config_ = std::make_shared<xstream::XStreamConfig>();
};

TEST_F(XStreamConfigTest, FlatFileLoadsAsParsed) {
  std::string path = dir_.write("cfg/flow.json", kFlat);
  ASSERT_EQ(config_->LoadFile(path), 0);
  EXPECT_EQ(config_->folder_path_, dir_.path("cfg") + "/");
  EXPECT_EQ(config_->cfg_jv_, Parse(kFlat));
  EXPECT_TRUE(config_->cfg_jv_["max_running_count"].isInt());
  EXPECT_TRUE(config_->cfg_jv_["workflow"][0]["thread_count"].isInt());
  EXPECT_EQ(config_->cfg_jv_["workflow"][0]["method_config"]["threshold"].asDouble(), 0.5);
}

TEST_F(XStreamConfigTest, PathWithoutDirectoryGivesDotSlash) {
  dir_.write("flow.json", kFlat);
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  int rc = config_->LoadFile("flow.json");
  std::filesystem::current_path(cwd);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(config_->folder_path_, "./");
}

TEST_F(XStreamConfigTest, V11FileLoadsExpanded) {
  std::string path = dir_.write("v11.json", R"({
    "version": "1.1",
    "templates": [
      {"type": "template", "template_name": "one.tpl", "parameters": ["name", "in", "out"],
       "template": {"type": "node", "method_type": "Pass", "unique_name": "${name}",
                    "inputs": ["${in}"], "outputs": ["${out}"]}}
    ],
    "workflows": [
      {"type": "workflow", "name": "main", "inputs": ["image"], "outputs": ["result"],
       "max_running_count": 4,
       "workflow": [
         {"type": "template_ref", "template_name": "one.tpl",
          "parameters": {"name": "pass", "in": "image", "out": "result"}}
       ]}
    ]
  })");
  ASSERT_EQ(config_->LoadFile(path), 0);
  EXPECT_EQ(config_->cfg_jv_, Parse(R"({
    "name": "main", "inputs": ["image"], "outputs": ["result"], "max_running_count": 4,
    "workflow": [{"method_type": "Pass", "unique_name": "pass",
                  "inputs": ["image"], "outputs": ["result"]}]
  })"));
}

TEST_F(XStreamConfigTest, InvalidGraphStillLoads) {
  std::string path = dir_.write("dup.json", R"({
    "inputs": ["a"], "outputs": ["c"],
    "workflow": [
      {"method_type": "T", "unique_name": "same", "inputs": ["a"], "outputs": ["b"]},
      {"method_type": "T", "unique_name": "same", "inputs": ["b"], "outputs": ["c"]}
    ]
  })");
  EXPECT_EQ(config_->LoadFile(path), 0);
  EXPECT_EQ(config_->cfg_jv_["workflow"].size(), 2u);
}

TEST_F(XStreamConfigTest, MethodConfigConflictIsMinusOne) {
  std::string path = dir_.write("conflict.json", R"({
    "inputs": ["a"], "outputs": ["b"],
    "workflow": [
      {"method_type": "T", "unique_name": "n", "inputs": ["a"], "outputs": ["b"],
       "method_config_file": "x.json", "method_config": {"k": 1}}
    ]
  })");
  EXPECT_EQ(config_->LoadFile(path), -1);
}

TEST_F(XStreamConfigTest, LoadFailuresAreMinusOne) {
  EXPECT_EQ(config_->LoadFile(dir_.path("missing.json")), -1);
  EXPECT_EQ(config_->LoadFile(dir_.write("bad.json", "{ not json")), -1);
  std::string bad_include = dir_.write("inc.json", R"({
    "version": "1.1",
    "workflows": [{"type": "workflow", "name": "main", "inputs": ["a"], "outputs": ["b"],
                   "workflow": ["@include: null"]}]
  })");
  EXPECT_EQ(config_->LoadFile(bad_include), -1);
}

TEST_F(XStreamConfigTest, LoadFileCanBeRepeated) {
  std::string good = dir_.write("flow.json", kFlat);
  ASSERT_EQ(config_->LoadFile(good), 0);
  EXPECT_EQ(config_->LoadFile(dir_.path("missing.json")), -1);
  ASSERT_EQ(config_->LoadFile(good), 0);
  EXPECT_EQ(config_->cfg_jv_, Parse(kFlat));
}

}  // namespace
