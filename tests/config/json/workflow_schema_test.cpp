// Malformed JSON and schema errors of the flat workflow: every case where XStream aborts is a
// located load error (-1) here.

#include <gtest/gtest.h>

#include <rill/config/workflow.hpp>

#include "config/json/workflow_test_util.hpp"

namespace rill::config {
namespace {

using testing::has_diagnostic;
using testing::has_error_containing;
using testing::load_text;

/// A one-node workflow whose node has `node_extra` (`"key": value, ...`) added.
std::string one_node(const std::string& node_extra, const std::string& root_extra = "") {
  return R"({"inputs": ["in"], "outputs": ["out"],)" + root_extra + R"(
"workflow": [{"unique_name": "n", "method_type": "M", "inputs": ["in"], "outputs": ["out"])" +
         (node_extra.empty() ? "" : ",\n" + node_extra) + "}]}";
}

WorkflowStatus status_of(const std::string& text, Diagnostics& diags) {
  WorkflowLoad load = load_text(text, diags);
  EXPECT_EQ(load.spec.has_value(), load.status == WorkflowStatus::kOk);
  return load.status;
}

TEST(JsonWorkflowSyntax, MissingCommaIsLocated) {
  Diagnostics diags;
  EXPECT_EQ(status_of("{\n  \"inputs\": [\"a\"]\n  \"outputs\": [\"b\"]\n}", diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(
      diags, "cfg.json:3:3: error: expected ',' or '}' after object member, found '\"'"));
}

TEST(JsonWorkflowSyntax, UnterminatedStringIsLocatedAtItsStart) {
  Diagnostics diags;
  status_of("{\"inputs\": [\"a]}", diags);
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:1:13: error: unterminated string"));
  Diagnostics diags2;
  status_of("{\"inputs\": [\"a\"], \"x\": \"oops\n}", diags2);
  EXPECT_TRUE(has_diagnostic(diags2, "cfg.json:1:24: error: unterminated string"));
}

TEST(JsonWorkflowSyntax, TrailingCommaAndBadLiteralsAreErrors) {
  Diagnostics diags;
  status_of("{\"a\": [1, 2,]}", diags);
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:1:13: error: expected a JSON value, found ']'"));
  Diagnostics diags2;
  status_of("{\"a\": True}", diags2);
  EXPECT_TRUE(has_diagnostic(diags2, "cfg.json:1:7: error: expected a JSON value, found 'T'"));
  Diagnostics diags3;
  status_of("{\"a\": nul}", diags3);
  EXPECT_TRUE(has_diagnostic(diags3, "cfg.json:1:7: error: expected a JSON value, found 'nul'"));
}

TEST(JsonWorkflowSyntax, ColumnsCountCharactersNotBytes) {
  Diagnostics diags;
  status_of("{\"é\": 1 \"x\": 2}", diags);
  EXPECT_TRUE(has_error_containing(diags, "cfg.json:1:9: error: expected ','"));
}

TEST(JsonWorkflowSyntax, EmptyTextAndNonObjectRootAreErrors) {
  Diagnostics diags;
  EXPECT_EQ(status_of("  \n", diags), WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:1: error: expected a JSON value, found end of "
                             "file"));
  Diagnostics diags2;
  EXPECT_EQ(status_of("[1]", diags2), WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags2,
                             "cfg.json:1:1: error: a workflow config must be a JSON "
                             "object, got an array"));
}

TEST(JsonWorkflowSyntax, CommentsEscapesAndDuplicateKeysAreAcceptedAsJsoncppDoes) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"(// a workflow
{"inputs": ["in"], /* flow inputs */ "outputs": ["out"],
 "workflow": [{"unique_name": "n\u00e9\ud83d\ude00", "method_type": "M", "inputs": ["in"],
               "outputs": ["x"], "outputs": ["out"]}]} trailing)",
                                diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(load.spec->nodes[0].unique_name, "n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(load.spec->nodes[0].outputs, (std::vector<std::string>{"out"}));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:4:34: warning: duplicate key 'outputs': the last "
                             "value is used"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:4:56: warning: text after the JSON value is "
                             "ignored"));
}

TEST(JsonWorkflowSyntax, UnreadableFileIsALoadError) {
  Diagnostics diags;
  WorkflowLoad load = load_workflow_file("/nonexistent/dir/cfg.json", diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "/nonexistent/dir/cfg.json: error: cannot read workflow "
                             "file: No such file or directory"));
}

TEST(JsonWorkflowSchema, MissingOrEmptyRootListsAreErrors) {
  Diagnostics diags;
  EXPECT_EQ(status_of(R"({"inputs": [], "workflow": []})", diags), WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:1:12: error: workflow: inputs must not be empty"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:1: error: workflow: missing required key "
                             "'outputs'"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:28: error: workflow: workflow must list at "
                             "least one node"));
}

TEST(JsonWorkflowSchema, SlotNamesMustBeNonEmptyStrings) {
  Diagnostics diags;
  EXPECT_EQ(status_of(R"({"inputs": ["in", 3], "outputs": [""],
  "workflow": [{"unique_name": "n", "method_type": "M", "inputs": ["in"], "outputs": "out"}]})",
                      diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:19: error: workflow: inputs[1] must be a slot "
                             "name (a string), got an integer"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:35: error: workflow: outputs[0] must not be an "
                             "empty slot name"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:86: error: node 'n': outputs must be an array of "
                             "slot names, got a string"));
}

TEST(JsonWorkflowSchema, OutputGroupsNeedATypeAndSlots) {
  Diagnostics diags;
  EXPECT_EQ(status_of(R"({"inputs": ["in"],
  "outputs": [{"output_type": "a", "outputs": ["out"]}, {"outputs": ["out"]},
              {"output_type": "c", "outputs": []}, "out"],
  "workflow": [{"unique_name": "n", "method_type": "M", "inputs": ["in"], "outputs": ["out"]}]})",
                      diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:57: error: output group 1: missing required key "
                             "'output_type'"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:47: error: output group 2: outputs must not be "
                             "empty"));
  EXPECT_TRUE(has_error_containing(diags,
                                   "cfg.json:3:52: error: outputs[3] must be an output "
                                   "group"));
}

TEST(JsonWorkflowSchema, NodeNeedsNameTypeAndSlots) {
  Diagnostics diags;
  EXPECT_EQ(status_of(R"({"inputs": ["in"], "outputs": ["out"],
  "workflow": [{"unique_name": "", "inputs": [], "outputs": ["out"]}, 7]})",
                      diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:32: error: node 0: unique_name must not be "
                             "empty"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:16: error: node 0: missing required key "
                             "'method_type'"));
  EXPECT_TRUE(has_diagnostic(diags, "cfg.json:2:46: error: node 0: inputs must not be empty"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:71: error: workflow[1] must be a node object, "
                             "got an integer"));
}

TEST(JsonWorkflowSchema, BothMethodConfigKeysOnOneNodeIsALoadError) {
  Diagnostics diags;
  EXPECT_EQ(
      status_of(one_node(R"("method_config": {"a": 1}, "method_config_file": "m.json")"), diags),
      WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:50: error: node 'n': has both method_config and "
                             "method_config_file; XStream refuses such a node"));
}

TEST(JsonWorkflowSchema, ThreadCountAndThreadListAreExclusive) {
  Diagnostics diags;
  EXPECT_EQ(status_of(one_node(R"("thread_count": 2, "thread_list": [0])"), diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:35: error: node 'n': thread_count and "
                             "thread_list are mutually exclusive"));
}

TEST(JsonWorkflowSchema, ThreadCountMustBeAPositiveInteger) {
  for (const char* bad : {"0", "-2", "2.5", "\"2\""}) {
    Diagnostics diags;
    EXPECT_EQ(status_of(one_node(std::string(R"("thread_count": )") + bad), diags),
              WorkflowStatus::kLoadError)
        << bad;
    EXPECT_TRUE(has_error_containing(diags, "cfg.json:3:17: error: node 'n': thread_count must "))
        << bad;
  }
  Diagnostics diags;
  status_of(one_node(R"("thread_count": 0)"), diags);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:17: error: node 'n': thread_count must be "
                             "between 1 and 256, got 0"));
}

TEST(JsonWorkflowSchema, ThreadListMustHoldUserIndices) {
  Diagnostics diags;
  EXPECT_EQ(status_of(one_node(R"("thread_list": [])"), diags), WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:16: error: node 'n': thread_list must not be "
                             "empty"));
  Diagnostics diags2;
  EXPECT_EQ(status_of(one_node(R"("thread_list": [0, 1000, -1, "3"])"), diags2),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags2,
                             "cfg.json:3:20: error: node 'n': thread_list index 1000 is "
                             "outside the user range 0..999 (1000-1099 are reserved, 1100 "
                             "and up are the SDK's own threads)"));
  EXPECT_TRUE(has_error_containing(diags2, "cfg.json:3:26: error: node 'n': thread_list index -1"));
  EXPECT_TRUE(has_diagnostic(diags2,
                             "cfg.json:3:30: error: node 'n': thread_list element must "
                             "be an integer thread index, got a string"));
}

TEST(JsonWorkflowSchema, ThreadPriorityNeedsAKnownPolicyAndAValidPriority) {
  Diagnostics diags;
  EXPECT_EQ(status_of(one_node(R"("thread_priority": "SCHED_FIFO")"), diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:20: error: node 'n' thread_priority must be an "
                             "object {\"policy\": ..., \"priority\": ...}, got a string"));
  Diagnostics diags2;
  status_of(one_node(R"("thread_priority": {"policy": "SCHED_FAST", "priority": 1})"), diags2);
  EXPECT_TRUE(has_diagnostic(diags2,
                             "cfg.json:3:31: error: node 'n' thread_priority: unknown "
                             "policy 'SCHED_FAST' (expected SCHED_OTHER, SCHED_NORMAL, "
                             "SCHED_FIFO, SCHED_RR, SCHED_BATCH or SCHED_IDLE)"));
  Diagnostics diags3;
  status_of(one_node(R"("thread_priority": {"policy": "SCHED_RR", "priority": 100})"), diags3);
  EXPECT_TRUE(has_diagnostic(diags3,
                             "cfg.json:3:55: error: node 'n' thread_priority: priority "
                             "must be between 1 and 99, got 100"));
  Diagnostics diags4;
  status_of(one_node(R"("thread_priority": {"policy": "SCHED_OTHER"})"), diags4);
  EXPECT_TRUE(has_diagnostic(diags4,
                             "cfg.json:3:20: error: node 'n' thread_priority: missing "
                             "required key 'priority'"));
  Diagnostics diags5;
  status_of(one_node(R"("thread_priority": {"policy": 3, "priority": 0.5})"), diags5);
  EXPECT_TRUE(has_error_containing(diags5, "policy must be a string, got an integer"));
  EXPECT_TRUE(has_error_containing(diags5, "priority must be an integer, got a floating-point"));
}

TEST(JsonWorkflowSchema, OptionalSchedSettingsAreCheckedLikeThreadPriority) {
  Diagnostics diags;
  EXPECT_EQ(status_of(one_node("", R"( "optional": {"sched_upper": {"policy": "SCHED_FIFO",
  "priority": 0}, "sched_down": []},)"),
                      diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:15: error: optional.sched_upper: priority must be "
                             "between 1 and 99, got 0"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:2:33: error: optional.sched_down must be an object "
                             "{\"policy\": ..., \"priority\": ...}, got an array"));
  Diagnostics diags2;
  EXPECT_EQ(status_of(one_node("", R"( "optional": 1,)"), diags2), WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(diags2, "workflow: optional must be an object, got an integer"));
}

TEST(JsonWorkflowSchema, MethodConfigFileObjectOrArrayIsAnError) {
  Diagnostics diags;
  EXPECT_EQ(status_of(one_node(R"("method_config_file": ["a"])"), diags),
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(diags,
                                   "cfg.json:3:23: error: node 'n': method_config_file "
                                   "must be a file name, got an array"));
}

TEST(JsonWorkflowSchema, NumericFieldsMustBeIntegers) {
  Diagnostics diags;
  EXPECT_EQ(
      status_of(one_node(R"("timeout_duration": "10")", R"( "max_running_count": 1.5,)"), diags),
      WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:61: error: workflow: max_running_count must be "
                             "an integer, got a floating-point number"));
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:3:21: error: node 'n': timeout_duration must be an "
                             "integer, got a string"));
}

TEST(JsonWorkflowSchema, GraphIsStillCheckedAfterASchemaError) {
  Diagnostics diags;
  WorkflowLoad load = load_text(R"({"inputs": ["in"], "outputs": ["out"], "workflow": [
  {"unique_name": "n", "method_type": "M", "inputs": ["nope"], "outputs": ["out"],
   "thread_count": 0}]})",
                                diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(diags, "thread_count must be between"));
  EXPECT_TRUE(has_error_containing(diags, "reads 'nope'"));
}

}  // namespace
}  // namespace rill::config
