// v1.1 expansion: each config is checked against a flattened result worked out by hand from
// XStream's algorithm, compared type-strictly as XStream's tests do.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rill/config/workflow.hpp>

#include "config/json/workflow_test_util.hpp"

namespace rill::config {
namespace {

using testing::json_data_dir;
using testing::parse_file;
using testing::strict_json_equal;

std::string expand_dir() { return json_data_dir() + "expand/"; }

/// Loads expand/NAME.json and checks its expansion against expand/NAME_gt.json.
WorkflowLoad expect_expands_to_gt(const std::string& name, Diagnostics& diags) {
  WorkflowLoad load = load_workflow_file(expand_dir() + name + ".json", diags);
  EXPECT_TRUE(load.expanded_json) << diags.format();
  if (load.expanded_json) {
    EXPECT_TRUE(strict_json_equal(parse_file(expand_dir() + name + "_gt.json"),
                                  nlohmann::json::parse(*load.expanded_json)));
  }
  return load;
}

TEST(JsonWorkflowExpand, TemplateInstantiatedTwiceMapsArgumentSlotsAndPrefixesInnerOnes) {
  Diagnostics diags;
  WorkflowLoad load = expect_expands_to_gt("two_chains", diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  EXPECT_TRUE(diags.items().empty()) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  const WorkflowSpec& spec = *load.spec;
  ASSERT_EQ(spec.nodes.size(), 7u);
  EXPECT_EQ(spec.nodes[0].unique_name, "face_pre");
  EXPECT_EQ(spec.nodes[0].thread_list, (std::vector<int>{0, 1}));
  EXPECT_EQ(spec.nodes[0].thread_count, 2);
  EXPECT_EQ(spec.nodes[1].timeout_ms, 100);
  ASSERT_TRUE(spec.nodes[1].method_config.has_value());
  EXPECT_TRUE(strict_json_equal(parse_file(expand_dir() + "net_face.json"),
                                nlohmann::json::parse(*spec.nodes[1].method_config)));
  EXPECT_EQ(spec.nodes[6].outputs, (std::vector<std::string>{"head_result"}));
}

TEST(JsonWorkflowExpand, TemplatesFromAnIncludedFileAndChainedRefs) {
  Diagnostics diags;
  WorkflowLoad load = expect_expands_to_gt("chained", diags);
  // The expansion is XStream's; the object it leaves in method_config_file is what XStream then
  // fails to convert to a path.
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(testing::has_diagnostic(
      diags, expand_dir() +
                 "cnn_cfg.json:1:1: error: node 'det_vehicle_infer': method_config_file must be a "
                 "file name, got an object (an \"@include:\" puts the file's content here; use "
                 "method_config for that)"));
  EXPECT_EQ(diags.error_count(), 1u) << diags.format();
}

TEST(JsonWorkflowExpand, TemplateRefInsideATemplateUsesTheOuterParameters) {
  Diagnostics diags;
  WorkflowLoad load = expect_expands_to_gt("embedded", diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  // The second `workflows` element is not main: ignored, as XStream does, but worth a word.
  EXPECT_TRUE(testing::has_diagnostic(
      diags, expand_dir() +
                 "embedded.json:90:5: warning: ignored: only the workflow named \"main\" is used"));
}

TEST(JsonWorkflowExpand, NonWorkflowTemplateAsMethodConfigTakesWholeParameterValues) {
  Diagnostics diags;
  WorkflowLoad load = expect_expands_to_gt("common", diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  // Keys inside main are kept; the root-level max_running_count (5) is not.
  EXPECT_EQ(load.spec->max_running_count, 32);
  EXPECT_EQ(load.spec->source_number, 2);
}

TEST(JsonWorkflowExpand, MultiOutputGroupsInsideMainAreKept) {
  Diagnostics diags;
  WorkflowLoad load = expect_expands_to_gt("multi_output", diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  const WorkflowSpec& spec = *load.spec;
  EXPECT_TRUE(spec.multi_output);
  ASSERT_EQ(spec.outputs.size(), 2u);
  EXPECT_EQ(spec.outputs[0].name, "face");
  EXPECT_EQ(spec.outputs[1].name, "all");
  EXPECT_EQ(spec.outputs[1].slots, (std::vector<std::string>{"face_box", "body_box", "track_id"}));
}

TEST(JsonWorkflowExpand, IncludesInsideIncludedFilesResolveAgainstTheTopConfigDirectory) {
  Diagnostics diags;
  WorkflowLoad load = load_workflow_string(R"({"version": "1.1", "workflows": [
  {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"], "workflow": [
    {"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"], "outputs": ["out"],
     "method_config": "@include: ./tpl/nested_cfg.json"}]}]})",
                                           "top.json", expand_dir(), diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  // tpl/nested_cfg.json says "./m.json": the m.json next to the top config, not in tpl/.
  EXPECT_TRUE(strict_json_equal(
      nlohmann::json::parse(R"({"outer": true, "inner": {"model": "m.bin", "batch": 4,
                                                         "mean": [0.5, 0.5, 0.5]}})"),
      nlohmann::json::parse(*load.spec->nodes[0].method_config)));
}

TEST(JsonWorkflowExpand, FlatConfigExpandedJsonIsTheParsedFile) {
  const std::string text = R"({"inputs": ["in"], "outputs": ["out"], "extra": {"x": 1.0},
    "workflow": [{"unique_name": "n", "method_type": "M", "inputs": ["in"], "outputs": ["out"],
                  "type": "node"}]})";
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(text, diags);
  ASSERT_TRUE(load.expanded_json.has_value());
  EXPECT_TRUE(
      strict_json_equal(nlohmann::json::parse(text), nlohmann::json::parse(*load.expanded_json)));
}

TEST(JsonWorkflowExpand, InlineSubWorkflowHasNoArgumentsSoEverySlotIsPrefixed) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1", "workflows": [
  {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"], "workflow": [
    {"type": "workflow", "name": "sub", "inputs": ["in"], "outputs": ["out"], "workflow": [
      {"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"],
       "outputs": ["out"]}]}]}]})",
                                         diags);
  ASSERT_TRUE(load.expanded_json.has_value()) << diags.format();
  EXPECT_TRUE(strict_json_equal(nlohmann::json::parse(R"({"name": "main", "inputs": ["in"],
      "outputs": ["out"], "workflow": [{"unique_name": "sub_n", "method_type": "M",
      "inputs": ["sub_in"], "outputs": ["sub_out"]}]})"),
                                nlohmann::json::parse(*load.expanded_json)));
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
}

TEST(JsonWorkflowExpand, InnerNodeReadingAnOutputArgumentNameGetsThePrefixedSlot) {
  // Inputs are matched against the input arguments only [quirk]: `res` read by `b` is the inner
  // slot t_res, not the actual output.
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1",
  "templates": [{"type": "template", "template_name": "t", "parameters": ["src", "res"],
    "template": {"type": "workflow", "name": "t", "inputs": ["${src}"], "outputs": ["${res}"],
      "workflow": [
        {"type": "node", "unique_name": "a", "method_type": "M", "inputs": ["src"],
         "outputs": ["res"]},
        {"type": "node", "unique_name": "b", "method_type": "M", "inputs": ["res"],
         "outputs": ["side"]}]}}],
  "workflows": [{"type": "workflow", "name": "main", "inputs": ["img"], "outputs": ["box"],
    "workflow": [{"type": "template_ref", "template_name": "t",
                  "parameters": {"src": "img", "res": "box"}}]}]})",
                                         diags);
  ASSERT_TRUE(load.expanded_json.has_value()) << diags.format();
  EXPECT_TRUE(strict_json_equal(nlohmann::json::parse(R"({"name": "main", "inputs": ["img"],
      "outputs": ["box"], "workflow": [
        {"unique_name": "t_a", "method_type": "M", "inputs": ["img"], "outputs": ["box"]},
        {"unique_name": "t_b", "method_type": "M", "inputs": ["t_res"], "outputs": ["t_side"]}]})"),
                                nlohmann::json::parse(*load.expanded_json)));
  EXPECT_EQ(load.status, WorkflowStatus::kInputUnfed);
  EXPECT_TRUE(
      testing::has_error_containing(diags, "cfg.json:7:77: error: node 't_b' reads 't_res'"));
}

TEST(JsonWorkflowExpand, SeveralMainWorkflowsPoolTheirNodesIntoTheLast) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1", "workflows": [
  {"type": "workflow", "name": "main", "inputs": ["a"], "outputs": ["b"], "workflow": [
    {"type": "node", "unique_name": "n1", "method_type": "M", "inputs": ["a"], "outputs": ["b"]}]},
  {"type": "workflow", "name": "main", "inputs": ["a"], "outputs": ["c"], "workflow": [
    {"type": "node", "unique_name": "n2", "method_type": "M", "inputs": ["b"], "outputs": ["c"]}]}
  ]})",
                                         diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(load.spec->outputs[0].slots, (std::vector<std::string>{"c"}));
  ASSERT_EQ(load.spec->nodes.size(), 2u);
  EXPECT_EQ(load.spec->nodes[1].unique_name, "n2");
}

TEST(JsonWorkflowExpand, NodeWithoutSlotsInASubWorkflowGetsNullSlotsAsInXStream) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1", "workflows": [
  {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["in"], "workflow": [
    {"type": "workflow", "name": "s", "inputs": [], "outputs": [], "workflow": [
      {"type": "node", "unique_name": "n", "method_type": "M"}]}]}]})",
                                         diags);
  ASSERT_TRUE(load.expanded_json.has_value()) << diags.format();
  EXPECT_TRUE(strict_json_equal(nlohmann::json::parse(R"({"name": "main", "inputs": ["in"],
      "outputs": ["in"], "workflow": [{"unique_name": "s_n", "method_type": "M",
      "inputs": null, "outputs": null}]})"),
                                nlohmann::json::parse(*load.expanded_json)));
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(
      testing::has_error_containing(diags, "inputs must be an array of slot names, got null"));
}

TEST(JsonWorkflowExpand, OnlyTheFirstTemplateParameterMustBeBound) {
  // [quirk] `b` is never bound, `c` never declared: XStream accepts the ref because the first
  // name matches and the counts agree, and `${b}` is never used.
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1",
  "templates": [{"type": "template", "template_name": "t", "parameters": ["a", "b"],
                 "template": {"v": "${a}"}}],
  "workflows": [{"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"],
    "workflow": [{"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"],
      "outputs": ["out"], "method_config": {"type": "template_ref", "template_name": "t",
                                            "parameters": {"a": [1, "x"], "c": 2}}}]}]})",
                                         diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_TRUE(strict_json_equal(nlohmann::json::parse(R"({"v": [1, "x"]})"),
                                nlohmann::json::parse(*load.spec->nodes[0].method_config)));
  EXPECT_TRUE(testing::has_diagnostic(
      diags, "cfg.json:7:80: warning: template 't' declares no parameter 'c'"));
}

TEST(JsonWorkflowExpand, ExpandedNodesPointIntoTheTemplateFile) {
  Diagnostics diags;
  WorkflowLoad load = load_workflow_string(R"({"version": "1.1",
  "templates": ["@include: ./tpl/cnn.tpl.json"],
  "workflows": [{"type": "workflow", "name": "main", "inputs": ["img", "roi"],
    "outputs": ["box"], "workflow": [{"type": "template_ref", "template_name": "cnn.tpl",
      "parameters": {"name": "d", "image": "img", "rois": "roi", "boxes": "box",
                     "model_cfg": 5}}]}]})",
                                           "", expand_dir(), diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  const WorkflowNode& infer = load.spec->nodes[1];
  EXPECT_EQ(infer.loc.file, expand_dir() + "tpl/cnn.tpl.json");
  EXPECT_EQ(infer.loc.line, 18);
  EXPECT_EQ(infer.loc.col, 7);
  // A number is passed as its JSON text, without the directory.
  EXPECT_EQ(infer.method_config_file, "5");
  EXPECT_EQ(load.spec->file, "<string>");
}

TEST(JsonWorkflowExpand, BareIncludePrefixIsAnOrdinaryString) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1", "workflows": [
  {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"], "workflow": [
    {"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"],
     "outputs": ["out"], "method_config": "@include:"}]}]})",
                                         diags);
  ASSERT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec.has_value());
  EXPECT_EQ(*load.spec->nodes[0].method_config, "\"@include:\"");
}

}  // namespace
}  // namespace rill::config
