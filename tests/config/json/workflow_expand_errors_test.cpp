// v1.1 expansion errors: every one makes the load fail with -1 and is reported where its text was
// written (a template or included file when the fault is there), naming XStream's internal code.

#include <gtest/gtest.h>

#include <rill/config/workflow.hpp>

#include "config/json/workflow_test_util.hpp"
#include "support/scratch_dir.hpp"

namespace rill::config {
namespace {

using testing::has_diagnostic;
using testing::has_error_containing;

std::string errors_dir() { return testing::json_data_dir() + "errors/"; }

/// Loads errors/NAME and checks that it fails as a load error without an expansion result.
WorkflowLoad load_failing(const std::string& name, Diagnostics& diags) {
  WorkflowLoad load = load_workflow_file(errors_dir() + name, diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError) << diags.format();
  EXPECT_FALSE(load.spec);
  EXPECT_FALSE(load.expanded_json);
  EXPECT_TRUE(diags.has_errors());
  return load;
}

TEST(JsonWorkflowExpandErrors, TemplatesObjectIsTemplatesFormatError) {
  Diagnostics diags;
  load_failing("templates_object.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "templates_object.json:3:16: error: `templates` must be an "
                                        "array, got an object (TEMPLATES_FORMAT_ERROR 1104)"));
}

TEST(JsonWorkflowExpandErrors, IncludeOfMissingFileIsFilePathError) {
  Diagnostics diags;
  load_failing("include_null.json", diags);
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "include_null.json:7:46: error: cannot read included file '" +
                 errors_dir() + "null': No such file or directory (FILE_PATH_ERROR 1100)"));
}

TEST(JsonWorkflowExpandErrors, MissingIncludeInsideAnIncludedFileIsReportedThere) {
  Diagnostics diags;
  load_failing("include_in_include.json", diags);
  // "./inc/missing.json" is resolved against the top config's directory, not inc/.
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "inc/outer.json:3:12: error: cannot read included file '" +
                 errors_dir() +
                 "inc/missing.json': No such file or directory (FILE_PATH_ERROR 1100)"));
}

TEST(JsonWorkflowExpandErrors, TemplateParametersStringIsNotCorrespondErrorInTheTemplateFile) {
  Diagnostics diags;
  load_failing("param_string.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "tpl/num.tpl.json:4:17: error: parameters of template "
                                        "'num.tpl' must be an array of names, got a string "
                                        "(TEMPLATEREF_NOT_CORRESPOND_ERROR 1108)"));
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "param_string.json:9:26: note: template_ref to 'num.tpl' is here"));
}

TEST(JsonWorkflowExpandErrors, RefWithAnExtraParameterIsNotCorrespondError) {
  Diagnostics diags;
  load_failing("param_extra.json", diags);
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "param_extra.json:16:23: error: template_ref binds 6 "
                            "parameters but template 'one.tpl' declares 5; not "
                            "declared 'extra' (TEMPLATEREF_NOT_CORRESPOND_ERROR 1108)"));
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "param_extra.json:5:20: note: parameters of template "
                                        "'one.tpl' are declared here"));
}

TEST(JsonWorkflowExpandErrors, RenamedParameterLeavesAPlaceholderUnresolved) {
  // Same count and the first name matches, so the ref passes the check [quirk]; `${inputs}`
  // then has no value.
  Diagnostics diags;
  load_failing("param_renamed.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "tpl/one.tpl.json:7:16: error: '${inputs}' in template "
                                        "'one.tpl' names parameter 'inputs', which the "
                                        "template_ref does not bind "
                                        "(PARAMETER_NAME_NOT_EXIST_ERROR 1102)"));
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "param_renamed.json:7:8: note: template_ref to 'one.tpl' is here"));
  EXPECT_EQ(diags.error_count(), 1u) << diags.format();
}

TEST(JsonWorkflowExpandErrors, TemplateParametersEmptyStringIsNotCorrespondError) {
  Diagnostics diags;
  load_failing("param_empty.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "param_empty.json:4:66: error: parameters of template "
                                        "'e.tpl' must be an array of names, got a string "
                                        "(TEMPLATEREF_NOT_CORRESPOND_ERROR 1108)"));
}

TEST(JsonWorkflowExpandErrors, UnknownTemplateIsTemplatesNameInvalid) {
  Diagnostics diags;
  load_failing("unknown_template.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "unknown_template.json:7:50: error: template 'cnnnnn.tpl' "
                                        "is not defined (TEMPLATES_NAME_INVALID_ERROR 1106)"));
}

TEST(JsonWorkflowExpandErrors, TemplateDefinedTwiceIsTemplatesNameRepeated) {
  Diagnostics diags;
  load_failing("duplicate_template.json", diags);
  EXPECT_TRUE(has_diagnostic(diags, errors_dir() +
                                        "duplicate_template.json:5:43: error: template 'one.tpl' "
                                        "is defined twice (TEMPLATES_NAME_REPEATED_ERROR 1105)"));
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() + "tpl/one.tpl.json:3:20: note: first definition of 'one.tpl'"));
}

TEST(JsonWorkflowExpandErrors, FileIncludingItselfExceedsTenPasses) {
  Diagnostics diags;
  load_failing("self_include.json", diags);
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() +
                 "inc/loop.json:2:12: error: templates and includes still expanding after 10 "
                 "passes (the last one replaced '@include: ./inc/loop.json'); is a file including "
                 "itself or a template referring to itself? (EXCEED_MAX_NESTED_LAYER_ERROR 1101)"));
}

TEST(JsonWorkflowExpandErrors, TemplateReferringToItselfExceedsTenPasses) {
  Diagnostics diags;
  load_failing("self_template.json", diags);
  EXPECT_TRUE(has_diagnostic(
      diags, errors_dir() +
                 "self_template.json:5:18: error: templates and includes still expanding after 10 "
                 "passes (the last one replaced template_ref to 'loop.tpl'); is a file including "
                 "itself or a template referring to itself? (EXCEED_MAX_NESTED_LAYER_ERROR 1101)"));
}

/// Loads a workflow whose method_config includes f1.json, which includes f2.json, ... fN.json.
WorkflowLoad load_include_chain(int n, const rill::testing::ScratchDir& dir, Diagnostics& diags) {
  for (int k = 1; k <= n; ++k) {
    std::string next = k < n ? "\"@include: f" + std::to_string(k + 1) + ".json\"" : "1";
    dir.write("f" + std::to_string(k) + ".json", "{\"next\": " + next + "}");
  }
  return load_workflow_string(R"({"version": "1", "workflows": [
    {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"], "workflow": [
      {"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"],
       "outputs": ["out"], "method_config": "@include: f1.json"}]}]})",
                              "top.json", dir.path(), diags);
}

TEST(JsonWorkflowExpandErrors, NinePassesOfIncludesAreFineTenAreTooMany) {
  // Each pass resolves one level; XStream gives up when its 10th pass still changed something.
  rill::testing::ScratchDir nine_dir;
  Diagnostics nine_diags;
  EXPECT_EQ(load_include_chain(9, nine_dir, nine_diags).status, WorkflowStatus::kOk)
      << nine_diags.format();
  rill::testing::ScratchDir ten_dir;
  Diagnostics ten_diags;
  EXPECT_EQ(load_include_chain(10, ten_dir, ten_diags).status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(ten_diags, ten_dir.path() +
                                                  "/f9.json:1:10: error: templates "
                                                  "and includes still expanding after 10 passes"));
}

/// A v1.1 config with `templates` as given and a trivial main workflow.
WorkflowLoad load_with_templates(const std::string& templates, Diagnostics& diags) {
  return testing::load_text(R"({"version": "1.1", "templates": )" + templates + R"(,
  "workflows": [{"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"],
    "workflow": [{"type": "template_ref", "template_name": "t", "parameters": {}}]}]})",
                            diags);
}

TEST(JsonWorkflowExpandErrors, TemplatesStringThatIsNoIncludeIsTemplatesFormatError) {
  Diagnostics diags;
  EXPECT_EQ(load_with_templates(R"(["./t.json"])", diags).status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:34: error: a string in `templates` must be "
                             "\"@include:<file>\", got './t.json' "
                             "(TEMPLATES_FORMAT_ERROR 1104)"));
}

TEST(JsonWorkflowExpandErrors, TemplateDefinitionLackingKeysIsTemplatesFormatError) {
  Diagnostics diags;
  EXPECT_EQ(load_with_templates(R"([{"type": "template", "template_name": "t"}])", diags).status,
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(diags,
                                   "cfg.json:1:34: error: template definition lacks "
                                   "'parameters', 'template' (needs type, template_name, "
                                   "parameters and template) (TEMPLATES_FORMAT_ERROR 1104)"));
}

TEST(JsonWorkflowExpandErrors, TemplateDefinitionWithAnotherTypeIsTemplatesFormatError) {
  Diagnostics diags;
  load_with_templates(
      R"([{"type": "tpl", "template_name": "t", "parameters": ["x"], "template": 1}])", diags);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:43: error: a template definition must have "
                             "\"type\": \"template\" (TEMPLATES_FORMAT_ERROR 1104)"));
}

TEST(JsonWorkflowExpandErrors, NonStringTemplateNameIsTemplatesNameRepeated) {
  Diagnostics diags;
  load_with_templates(
      R"([{"type": "template", "template_name": 7, "parameters": ["x"], "template": 1}])", diags);
  EXPECT_TRUE(has_error_containing(
      diags,
      "template_name must be a string, got an integer (TEMPLATES_NAME_REPEATED_ERROR 1105)"));
}

TEST(JsonWorkflowExpandErrors, TemplateWithoutParametersCanNeverBeReferenced) {
  // [quirk] XStream's check looks at the first declared name, so an empty list always fails.
  Diagnostics diags;
  EXPECT_EQ(load_with_templates(
                R"([{"type": "template", "template_name": "t", "parameters": [], "template": {}}])",
                diags)
                .status,
            WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_error_containing(
      diags,
      "cfg.json:1:91: error: template 't' declares no parameters; XStream rejects every "
      "reference to such a template (TEMPLATEREF_NOT_CORRESPOND_ERROR 1108)"));
}

TEST(JsonWorkflowExpandErrors, MalformedIncludedFileIsLocatedInThatFile) {
  rill::testing::ScratchDir dir;
  dir.write("bad.json", "{\n  \"a\": [1, 2,]\n}\n");
  Diagnostics diags;
  WorkflowLoad load = load_workflow_string(R"({"version": "1", "workflows": [
    {"type": "workflow", "name": "main", "inputs": ["in"], "outputs": ["out"], "workflow": [
      {"type": "node", "unique_name": "n", "method_type": "M", "inputs": ["in"],
       "outputs": ["out"], "method_config": "@include: bad.json"}]}]})",
                                           "top.json", dir.path(), diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(
      diags, dir.path() + "/bad.json:2:14: error: expected a JSON value, found ']'"));
}

TEST(JsonWorkflowExpandErrors, WorkflowsWithoutMainIsALoadError) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(R"({"version": "1",
  "workflows": [{"type": "workflow", "name": "other", "inputs": ["in"], "outputs": ["out"],
                 "workflow": []}]})",
                                         diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_FALSE(load.expanded_json);
  EXPECT_TRUE(
      has_diagnostic(diags, "cfg.json:2:16: error: `workflows` has no workflow named \"main\""));
}

TEST(JsonWorkflowExpandErrors, MainThatIsNoWorkflowIsALoadError) {
  Diagnostics diags;
  WorkflowLoad load = testing::load_text(
      R"({"version": "1", "workflows": [{"type": "node", "name": "main"}]})", diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_TRUE(has_diagnostic(diags,
                             "cfg.json:1:32: error: the workflow named \"main\" must have "
                             "\"type\": \"workflow\""));
}

}  // namespace
}  // namespace rill::config
