// Graph validation of flat workflows: XStream's Init codes in XStream's order, every problem
// located at the slot or name at fault.

#include <gtest/gtest.h>

#include <rill/config/workflow.hpp>

#include "config/json/workflow_test_util.hpp"

namespace rill::config {
namespace {

using testing::has_diagnostic;
using testing::load_text;

TEST(JsonWorkflowGraph, DiamondLoadsWithStatusOk) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "n1", "method_type": "M", "inputs": ["global_in"], "outputs": ["t1", "t2"]},
    {"unique_name": "n2", "method_type": "M", "inputs": ["t1"], "outputs": ["t3"]},
    {"unique_name": "n3", "method_type": "M", "inputs": ["t2", "t3"], "outputs": ["global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(load.spec->nodes.size(), 3u);
  EXPECT_EQ(load.spec->nodes[2].inputs, (std::vector<std::string>{"t2", "t3"}));
}

TEST(JsonWorkflowGraph, InputNobodyProducesIsInputUnfeed) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "first_method", "method_type": "M", "inputs": ["global_in"],
     "outputs": ["tmp_data1"]},
    {"unique_name": "second_method", "method_type": "M", "inputs": ["tmp_data3"],
     "outputs": ["global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_FALSE(load.spec);
  EXPECT_TRUE(load.expanded_json);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:7:69: error: node 'second_method' reads 'tmp_data3', which "
                             "no earlier node produces and is not a workflow input "
                             "(INPUT_UNFEED_ERROR 1)"));
}

TEST(JsonWorkflowGraph, NodeReadingAnInputNameTheFlowDoesNotHaveIsInputUnfeed) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in1"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["global_in"], "outputs": ["global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(testing::has_error_containing(diags, "reads 'global_in', which no earlier node"));
  // The flow input nothing reads is worth a warning, not an error.
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:14: warning: workflow input 'global_in1' is read "
                             "by no node"));
}

TEST(JsonWorkflowGraph, NodeConsumingItsOwnOutputIsInputUnfeed) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "first", "method_type": "M", "inputs": ["global_in"], "outputs": ["t1"]},
    {"unique_name": "second", "method_type": "M", "inputs": ["t1", "tmp_data3"],
     "outputs": ["tmp_data3", "global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:6:68: error: node 'second' reads 'tmp_data3', which it "
                             "produces itself; a node cannot consume its own output "
                             "(INPUT_UNFEED_ERROR 1)"));
}

TEST(JsonWorkflowGraph, NodesOutOfTopologicalOrderAreInputUnfeed) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["in"],
  "outputs": ["out"],
  "workflow": [
    {"unique_name": "late", "method_type": "M", "inputs": ["mid"], "outputs": ["out"]},
    {"unique_name": "early", "method_type": "M", "inputs": ["in"], "outputs": ["mid"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(testing::has_error_containing(
      diags, "reads 'mid', which only the later node 'early' produces"));
}

TEST(JsonWorkflowGraph, DuplicateNodeNamesAreNodeNameErrorBeforeEverythingElse) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "first_method", "method_type": "M", "inputs": ["global_in"],
     "outputs": ["t1"]},
    {"unique_name": "first_method", "method_type": "M", "inputs": ["t9"],
     "outputs": ["global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kNodeName);
  EXPECT_TRUE(has_diagnostic(
      diags, "cfg.json:7:21: error: two nodes are named 'first_method' (NODE_NAME_ERROR 5)"));
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:5:21: note: the first node named 'first_method'"));
  // The unfed input is reported as well, though the status is the first check's.
  EXPECT_TRUE(testing::has_error_containing(diags, "reads 't9'"));
}

TEST(JsonWorkflowGraph, OutputConsumedByAnEarlierNodeThroughAFlowInputIsCircle) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "first", "method_type": "M", "inputs": ["global_in"], "outputs": ["t1"]},
    {"unique_name": "second", "method_type": "M", "inputs": ["t1"],
     "outputs": ["global_in", "global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kCircle);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:7:18: error: node 'second' produces 'global_in', which the "
                             "earlier node 'first' reads: a cycle (WORKFLOW_CIRCLE_ERROR 3)"));
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:5:61: note: node 'first' reads 'global_in' here"));
}

TEST(JsonWorkflowGraph, SlotProducedTwiceIsOutputRepeated) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["global_in"],
  "outputs": ["global_out"],
  "workflow": [
    {"unique_name": "first", "method_type": "M", "inputs": ["global_in"],
     "outputs": ["tmp_data1", "tmp_data2"]},
    {"unique_name": "second", "method_type": "M", "inputs": ["tmp_data1"],
     "outputs": ["tmp_data2", "global_out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOutputRepeated);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:8:18: error: slot 'tmp_data2' is produced a second time, "
                             "by node 'second' (OUTPUT_REPEATED_ERROR 4)"));
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:6:31: note: 'tmp_data2' is first produced here"));
}

TEST(JsonWorkflowGraph, InputUnfeedWinsOverCircleAndRepeatedOutput) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["in"],
  "outputs": ["out"],
  "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["x"]},
    {"unique_name": "b", "method_type": "M", "inputs": ["nope"], "outputs": ["x", "in", "out"]}
  ]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(testing::has_error_containing(diags, "(WORKFLOW_CIRCLE_ERROR 3)"));
  EXPECT_TRUE(testing::has_error_containing(diags, "(OUTPUT_REPEATED_ERROR 4)"));
}

TEST(JsonWorkflowGraph, WorkflowOutputNothingProducesIsInputUnfeed) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["in"],
  "outputs": ["out", "ghost"],
  "workflow": [{"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:22: error: workflow output 'ghost' is produced by no "
                             "node and is not a workflow input (INPUT_UNFEED_ERROR 1)"));
}

TEST(JsonWorkflowGraph, WorkflowInputPassedStraightThroughIsFine) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["in", "meta"],
  "outputs": ["out", "meta"],
  "workflow": [{"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]
})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_TRUE(diags.items().empty()) << diags.format();
}

TEST(JsonWorkflowGraph, MaxRunningCountZeroIsAccepted) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({
  "inputs": ["in"],
  "outputs": ["out"],
  "max_running_count": 0,
  "workflow": [{"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]
})",
                                diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(load.spec->max_running_count, 0);
}

}  // namespace
}  // namespace rill::config
