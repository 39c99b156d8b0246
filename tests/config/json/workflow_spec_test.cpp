// The WorkflowSpec read from a valid flat workflow: thread settings, method configuration, output
// groups, frame limits, scheduling options.

#include <cstdint>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rill/config/workflow.hpp>

#include "config/json/workflow_test_util.hpp"

namespace rill::config {
namespace {

using testing::load_text;

WorkflowSpec load_ok(const std::string& text, const std::string& base_dir = "") {
  Diagnostics diags;
  WorkflowLoad load = load_workflow_string(text, "cfg.json", base_dir, diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  EXPECT_FALSE(diags.has_errors()) << diags.format();
  return load.spec.value_or(WorkflowSpec{});
}

TEST(JsonWorkflowSpec, ThreadSettingsOfNodes) {
  WorkflowSpec spec = load_ok(R"({"inputs": ["in"], "outputs": ["d"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["b"]},
    {"unique_name": "b", "method_type": "M", "inputs": ["b"], "outputs": ["c"], "thread_count": 3,
     "thread_priority": {"policy": "SCHED_FIFO", "priority": 20}},
    {"unique_name": "c", "method_type": "M", "inputs": ["c"], "outputs": ["d"],
     "thread_list": [4, 999, 4], "thread_priority": {"policy": "SCHED_NORMAL", "priority": -5}}
  ]})");
  ASSERT_EQ(spec.nodes.size(), 3u);
  EXPECT_EQ(spec.nodes[0].thread_count, 1);
  EXPECT_TRUE(spec.nodes[0].thread_list.empty());
  EXPECT_FALSE(spec.nodes[0].thread_priority);
  EXPECT_EQ(spec.nodes[1].thread_count, 3);
  ASSERT_TRUE(spec.nodes[1].thread_priority.has_value());
  EXPECT_EQ(spec.nodes[1].thread_priority->policy, SchedPolicy::kFifo);
  EXPECT_EQ(spec.nodes[1].thread_priority->priority, 20);
  EXPECT_EQ(spec.nodes[1].thread_priority->loc.line, 4);
  EXPECT_EQ(spec.nodes[2].thread_count, 3);
  EXPECT_EQ(spec.nodes[2].thread_list, (std::vector<int>{4, 999, 4}));
  EXPECT_EQ(spec.nodes[2].thread_priority->policy, SchedPolicy::kOther);
}

TEST(JsonWorkflowSpec, MethodConfigIsJsonTextAndConfigFileIsJoinedToTheConfigDirectory) {
  WorkflowSpec spec = load_ok(R"({"inputs": ["in"], "outputs": ["out"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["b"],
     "method_config": {"threshold": 0.5, "sizes": [1, 2]}},
    {"unique_name": "b", "method_type": "M", "inputs": ["b"], "outputs": ["c"],
     "method_config_file": "cfg/b.json"},
    {"unique_name": "c", "method_type": "M", "inputs": ["c"], "outputs": ["d"],
     "method_config_file": 12},
    {"unique_name": "d", "method_type": "M", "inputs": ["d"], "outputs": ["out"],
     "method_config": "text"}
  ]})",
                              "/etc/app");
  EXPECT_EQ(spec.config_dir, "/etc/app/");
  ASSERT_TRUE(spec.nodes[0].method_config.has_value());
  EXPECT_EQ(nlohmann::json::parse(*spec.nodes[0].method_config),
            nlohmann::json::parse(R"({"threshold": 0.5, "sizes": [1, 2]})"));
  EXPECT_EQ(spec.nodes[0].method_config_file, "");
  EXPECT_FALSE(spec.nodes[1].method_config);
  // Plain concatenation, as XStream does: an absolute value would not work there either.
  EXPECT_EQ(spec.nodes[1].method_config_file, "/etc/app/cfg/b.json");
  EXPECT_EQ(spec.nodes[2].method_config_file, "12");
  EXPECT_EQ(*spec.nodes[3].method_config, "\"text\"");
}

TEST(JsonWorkflowSpec, ConfigDirectoryOfAFileIsItsParentWithASlash) {
  Diagnostics diags;
  WorkflowLoad load =
      load_workflow_file(testing::json_data_dir() + "flat/method_config_file.json", diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(load.spec->config_dir, testing::json_data_dir() + "flat/");
  EXPECT_EQ(load.spec->file, testing::json_data_dir() + "flat/method_config_file.json");
  EXPECT_EQ(load.spec->nodes[0].method_config_file,
            testing::json_data_dir() + "flat/./method/filter.json");
  EXPECT_EQ(load.spec->nodes[0].timeout_ms, 40);
  EXPECT_EQ(load.spec->nodes[0].loc.line, 5);
}

TEST(JsonWorkflowSpec, StringWithoutBaseDirectoryResolvesAgainstTheCurrentDirectory) {
  WorkflowSpec spec = load_ok(R"({"inputs": ["in"], "outputs": ["out"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"],
     "method_config_file": "a.json"}]})");
  EXPECT_EQ(spec.config_dir, "./");
  EXPECT_EQ(spec.nodes[0].method_config_file, "./a.json");
  EXPECT_EQ(spec.file, "cfg.json");
}

TEST(JsonWorkflowSpec, SingleOutputIsTheWholeOutputGroup) {
  WorkflowSpec spec = load_ok(R"({"inputs": ["in"], "outputs": ["out", "in"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]})");
  EXPECT_FALSE(spec.multi_output);
  ASSERT_EQ(spec.outputs.size(), 1u);
  EXPECT_EQ(spec.outputs[0].name, "__NODE_WHOLE_OUTPUT__");
  EXPECT_EQ(spec.outputs[0].slots, (std::vector<std::string>{"out", "in"}));
}

TEST(JsonWorkflowSpec, OutputGroupsKeepConfigOrderAndTheLastDuplicateWins) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({"inputs": ["in"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["x", "y"]}],
  "outputs": [{"output_type": "zeta", "outputs": ["x"]}, {"output_type": "alpha", "outputs": ["y"]},
              {"output_type": "zeta", "outputs": ["x", "y"]}]})",
                                diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  const WorkflowSpec& spec = *load.spec;
  EXPECT_TRUE(spec.multi_output);
  ASSERT_EQ(spec.outputs.size(), 2u);
  EXPECT_EQ(spec.outputs[0].name, "zeta");
  EXPECT_EQ(spec.outputs[0].slots, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(spec.outputs[1].name, "alpha");
  EXPECT_TRUE(testing::has_diagnostic(diags,
                                      "cfg.json:4:15: warning: output_type 'zeta' is "
                                      "defined twice; the last definition is used"));
}

TEST(JsonWorkflowSpec, FrameLimitsAndSourceNumber) {
  const std::string nodes = R"("workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]})";
  auto with = [&](const std::string& root) {
    return R"({"inputs": ["in"], "outputs": ["out"], )" + root + nodes;
  };
  WorkflowSpec defaults = load_ok(with(""));
  EXPECT_EQ(defaults.max_running_count, INT64_MAX);
  EXPECT_EQ(defaults.source_number, 1);
  EXPECT_EQ(load_ok(with(R"("max_running_count": 7,)")).max_running_count, 7);
  EXPECT_EQ(load_ok(with(R"("max_running_count": -1,)")).max_running_count, INT64_MAX);
  EXPECT_EQ(load_ok(with(R"("source_number": 4,)")).source_number, 4);
  EXPECT_EQ(load_ok(with(R"("source_number": -3,)")).source_number, 1);
  Diagnostics diags;
  WorkflowLoad load = load_text(with(R"("source_number": "4",)"), diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk);
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(load.spec->source_number, 1);
  EXPECT_TRUE(testing::has_diagnostic(diags,
                                      "cfg.json:1:57: warning: source_number is not an "
                                      "integer and is ignored (1 source)"));
}

TEST(JsonWorkflowSpec, OptionalSchedSettings) {
  WorkflowSpec spec = load_ok(R"({"inputs": ["in"], "outputs": ["out"],
  "optional": {"sched_upper": {"policy": "SCHED_RR", "priority": 99},
               "sched_down": {"policy": "SCHED_IDLE", "priority": 0}},
  "workflow": [{"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(spec.sched_upper.has_value());
  EXPECT_EQ(spec.sched_upper->policy, SchedPolicy::kRr);
  EXPECT_EQ(spec.sched_upper->priority, 99);
  ASSERT_TRUE(spec.sched_down.has_value());
  EXPECT_EQ(spec.sched_down->policy, SchedPolicy::kIdle);
}

TEST(JsonWorkflowSpec, UnknownKeysAreIgnored) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({"inputs": ["in"], "outputs": ["out"], "comment": "x",
  "workflow": [{"unique_name": "a", "method_type": "M", "method": "Process", "type": "node",
                "inputs": ["in"], "outputs": ["out"]}]})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk);
  EXPECT_TRUE(diags.items().empty()) << diags.format();
}

}  // namespace
}  // namespace rill::config
