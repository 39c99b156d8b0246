// JSON nesting: values nested deeper than limits::kMaxJsonNesting (jsoncpp's default, so every
// workflow XStream reads is read) are a located error, in the text as parsed and after templates
// and includes splice documents into one another. Exactly the limit is accepted.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <rill/config/workflow.hpp>
#include <rill/core/limits.hpp>

#include "config/json/workflow_test_util.hpp"
#include "support/repeat.hpp"
#include "support/scratch_dir.hpp"

namespace rill::config {
namespace {

using rill::testing::repeat;

using limits::kMaxJsonNesting;
using testing::has_diagnostic;
using testing::load_text;

/// n arrays around `inner`.
std::string arrays(int n, const std::string& inner = "") {
  return repeat("[", n) + inner + repeat("]", n);
}

/// A valid flat workflow whose node's method_config, on line 3, is `value` (at depth 3).
std::string with_method_config(const std::string& value) {
  return R"({"inputs": ["in"], "outputs": ["out"], "workflow": [
    {"unique_name": "a", "method_type": "M", "inputs": ["in"], "outputs": ["out"], "method_config":
)" + value +
         "}]}";
}

std::string too_deep(const std::string& where) {
  return where + ": error: values nested deeper than 1000 levels";
}

TEST(JsonWorkflowDepth, TheLimitIsJsoncppsDefault) { EXPECT_EQ(kMaxJsonNesting, 1000); }

TEST(JsonWorkflowDepth, HostileNestingIsRefusedAtTheFirstLevelTooMany) {
  // The top-level value is level 0: the 1002nd '[' is level 1001.
  Diagnostics diags;
  WorkflowLoad load = load_text(arrays(100000), diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_EQ(diags.format(), too_deep("cfg.json:1:1002") + "\n");

  Diagnostics objects;
  load_text(repeat("{\"a\": ", 100000) + "1" + repeat("}", 100000), objects);
  EXPECT_EQ(objects.format(), too_deep("cfg.json:1:" + std::to_string(1 + 1001 * 6)) + "\n");
}

TEST(JsonWorkflowDepth, ExactlyTheLimitIsAccepted) {
  // method_config is level 3, so 998 arrays put the innermost one at level 1000.
  Diagnostics diags;
  WorkflowLoad load = load_text(with_method_config(arrays(998)), diags);
  EXPECT_EQ(load.status, WorkflowStatus::kOk) << diags.format();
  ASSERT_TRUE(load.spec);
  EXPECT_EQ(nlohmann::json::parse(load.spec->nodes.at(0).method_config.value_or("")),
            nlohmann::json::parse(arrays(998)));

  Diagnostics deeper;
  load = load_text(with_method_config(arrays(999)), deeper);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_EQ(deeper.format(), too_deep("cfg.json:3:999") + "\n");
}

TEST(JsonWorkflowDepth, ExpansionCannotNestDeeperThanTheLimit) {
  // Each pass splices the file into itself 500 levels deeper; the second would reach 1003.
  rill::testing::ScratchDir dir;
  dir.write("self.json", arrays(500, R"("@include:self.json")"));
  const std::string root =
      dir.write("wf.json", R"({"version": "1.1", "workflows": [{"name": "main", "type": "workflow",
  "inputs": [], "outputs": [], "workflow": "@include:self.json"}]})");
  Diagnostics diags;
  WorkflowLoad load = load_workflow_file(root, diags);
  EXPECT_EQ(load.status, WorkflowStatus::kLoadError);
  EXPECT_EQ(diags.format(), dir.path("self.json") +
                                ":1:501: error: expanding '@include:self.json' here nests values "
                                "deeper than 1000 levels\n");
}

TEST(JsonWorkflowDepth, ExpansionUpToTheLimitIsAccepted) {
  // `workflow` is level 3 in wf.json: a file of n arrays around 1 puts the 1 at level 3 + n.
  rill::testing::ScratchDir dir;
  const std::string root =
      dir.write("wf.json", R"({"version": "1.1", "workflows": [{"name": "main", "type": "workflow",
  "inputs": [], "outputs": [], "method_config": "@include:deep.json"}]})");
  dir.write("deep.json", arrays(kMaxJsonNesting - 3, "1"));
  Diagnostics diags;
  load_workflow_file(root, diags);
  EXPECT_EQ(diags.format().find("nested deeper"), std::string::npos) << diags.format();

  dir.write("deep.json", arrays(kMaxJsonNesting - 2, "1"));
  Diagnostics deeper;
  load_workflow_file(root, deeper);
  EXPECT_TRUE(has_diagnostic(deeper, root +
                                         ":2:49: error: expanding '@include:deep.json' here nests "
                                         "values deeper than 1000 levels"));
}

}  // namespace
}  // namespace rill::config
