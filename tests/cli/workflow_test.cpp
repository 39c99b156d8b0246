// `rill validate|run FILE.json`: XStream workflows through the real binary, with method types
// from the test plugins (cli_test_methods.so: XStream's CreateMethod hook; cli_registered_methods
// .so: RILL_SDK_REGISTER_METHOD).

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <json/json.h>

#include "child_process.hpp"

namespace rill::testing {
namespace {

std::string workflow_dir() { return cli_data("xstream"); }
std::string hook_plugin() { return test_plugin_dir() + "/cli_test_methods.so"; }
std::string registry_plugin() { return test_plugin_dir() + "/cli_registered_methods.so"; }

/// `rill ARGS...` run in the workflow data directory, so file names print as given.
ProcessResult rill_in_data(const std::vector<std::string>& args) {
  return rill(args, workflow_dir());
}

Json::Value parse_json(const std::string& text) {
  Json::Value root;
  Json::CharReaderBuilder builder;
  std::string errors;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  EXPECT_TRUE(reader->parse(text.data(), text.data() + text.size(), &root, &errors))
      << errors << "\n"
      << text;
  return root;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// --- validate -------------------------------------------------------------------------------

TEST(RillWorkflowValidate, ValidWorkflowWithItsPluginIsOk) {
  ProcessResult r = rill_in_data({"validate", "pipeline.json", "--plugin", hook_plugin()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "pipeline.json: ok\n");
  EXPECT_EQ(r.err, "");
}

TEST(RillWorkflowValidate, WithoutPluginsMethodTypesAreNotesOnePerType) {
  ProcessResult r = rill_in_data({"validate", "pipeline.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "pipeline.json: ok\n");
  // Both nodes are Echo: one note, at the first of them.
  EXPECT_EQ(r.err,
            "pipeline.json:5:5: note: method type 'Echo' is not registered by any loaded plugin "
            "(pass --plugin LIB to check method types)\n");
}

TEST(RillWorkflowValidate, UnknownMethodTypeIsAnErrorOnceAPluginIsGiven) {
  ProcessResult without = rill_in_data({"validate", "unknown_type.json"});
  EXPECT_EQ(without.exit_code, 0) << without.err;
  EXPECT_TRUE(contains(without.err, "note: method type 'FaceDetector' is not registered"))
      << without.err;

  ProcessResult with = rill_in_data(
      {"validate", "unknown_type.json", "--plugin", hook_plugin(), "--plugin", registry_plugin()});
  EXPECT_EQ(with.exit_code, 1);
  EXPECT_EQ(with.err,
            "unknown_type.json:6:5: error: node 'detect': unknown method type 'FaceDetector'; the "
            "loaded plugins provide: Tag (and an XStream CreateMethod factory)\n");
  EXPECT_EQ(with.out, "");
}

TEST(RillWorkflowValidate, MalformedJsonIsOneLocatedError) {
  ProcessResult r = rill_in_data({"validate", "malformed.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "malformed.json:4:3: error: expected ',' or '}' after object member, found '\"'\n");
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, GraphErrorsExitOne) {
  ProcessResult r = rill_in_data({"validate", "unfed.json", "--plugin", hook_plugin()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("unfed.json:", 0), 0u) << r.err;
  EXPECT_TRUE(contains(r.err, ": error: ")) << r.err;
  EXPECT_TRUE(contains(r.err, "nowhere")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, ErrorInAnIncludedTemplateNamesThatFile) {
  ProcessResult r = rill_in_data({"validate", "bad_template.json"});
  EXPECT_EQ(r.exit_code, 1);
  // The template file, where the stray comma is, not the workflow that includes it.
  EXPECT_EQ(r.err, "tpl/broken.tpl.json:5:54: error: expected a string key, found ','\n");
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, PrintExpandedPrintsTheFlatWorkflow) {
  ProcessResult r = rill_in_data({"validate", "--print-expanded", "templated.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_json(r.out), parse_json(read_file(workflow_dir() + "/templated_expanded.json")))
      << r.out;
}

TEST(RillWorkflowValidate, PrintExpandedStillPrintsWhenValidationFails) {
  ProcessResult r = rill_in_data({"validate", "--print-expanded", "unfed.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(parse_json(r.out), parse_json(read_file(workflow_dir() + "/unfed.json")));
  EXPECT_TRUE(contains(r.err, "unfed.json:")) << r.err;
}

TEST(RillWorkflowValidate, PluginThatFailsToLoadIsAnError) {
  ProcessResult r = rill_in_data({"validate", "pipeline.json", "--plugin", "no/such/lib.so"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("no/such/lib.so: error: cannot load plugin: ", 0), 0u) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, TomlOnlyFlagsAreRefused) {
  ProcessResult r = rill_in_data({"validate", "pipeline.json", "-p", test_plugin_dir()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--plugin-path applies to TOML graphs only")) << r.err;
}

// --- run ------------------------------------------------------------------------------------

TEST(RillWorkflowRun, RunsFramesAndSummarisesEachGroup) {
  ProcessResult r =
      rill_in_data({"run", "-c", "pipeline.json", "--plugin", hook_plugin(), "--frames", "10"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("pipeline.json: 10 frames, ", 0), 0u) << r.out;
  EXPECT_TRUE(contains(r.out, "\n  group __NODE_WHOLE_OUTPUT__: 10 delivered, 0 with errors\n"))
      << r.out;
}

TEST(RillWorkflowRun, MethodsFromBothKindsOfPluginWithSeveralGroupsAndSources) {
  ProcessResult r = rill_in_data({"run", "-c", "two_plugins.json", "--plugin", hook_plugin(),
                                  "--plugin", registry_plugin(), "--frames", "7", "--dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out,
                       "\n  group tags: 7 delivered, 0 with errors\n"
                       "  group boxes: 7 delivered, 0 with errors\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "\nnode  calls  skipped  failed  busy_ms  avg_us  max_us\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "\ntag       7        0       0")) << r.out;
  EXPECT_TRUE(contains(r.out, "\ncopy      7        0       0")) << r.out;
}

TEST(RillWorkflowRun, TemplatedWorkflowRuns) {
  ProcessResult r =
      rill_in_data({"run", "-c", "templated.json", "--plugin", hook_plugin(), "--frames", "3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "  group __NODE_WHOLE_OUTPUT__: 3 delivered, 0 with errors\n"))
      << r.out;
}

TEST(RillWorkflowRun, ThrowingMethodFailsTheRunNamingTheNode) {
  ProcessResult r =
      rill_in_data({"run", "-c", "boom.json", "--plugin", hook_plugin(), "--frames", "3"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "rill: error: node 'explode' (Boom) failed 3 of 3 calls\n")) << r.err;
  EXPECT_TRUE(contains(r.out, "  group __NODE_WHOLE_OUTPUT__: 3 delivered, 3 with errors (first: "))
      << r.out;
}

TEST(RillWorkflowRun, ProfileWritesAChromeTrace) {
  const std::string trace = (std::filesystem::temp_directory_path() /
                             ("rill_cli_profile_" + std::to_string(getpid()) + ".json"))
                                .string();
  std::filesystem::remove(trace);
  ProcessResult r = rill_in_data(
      {"run", "-c", "slow.json", "--plugin", hook_plugin(), "--frames", "4", "--profile", trace});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "rill: profile written to " + trace)) << r.err;
  Json::Value events = parse_json(read_file(trace));
  ASSERT_TRUE(events.isArray());
  // Nap sleeps 5 ms per frame, above the profiler's 3 ms threshold: its DoProcess scopes show.
  int naps = 0;
  for (const Json::Value& e : events) {
    if (e["name"].asString() == "nap" && e["ph"].asString() == "X") ++naps;
  }
  EXPECT_EQ(naps, 4) << read_file(trace);
  std::filesystem::remove(trace);
}

TEST(RillWorkflowRun, FrameTheWorkflowCanNeverAcceptFailsTheRun) {
  // max_running_count 0: XStream refuses every frame (-1001); the run must end, not retry forever.
  ProcessResult r = rill_in_data({"run", "-c", "no_room.json", "--plugin", hook_plugin()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "rill: error: the workflow refused frame 0 (code -1001)\n")) << r.err;
  EXPECT_EQ(r.out.rfind("no_room.json: 0 frames, ", 0), 0u) << r.out;
}

TEST(RillWorkflowRun, UntilSigintThenDrains) {
  ChildProcess child(
      {bin_path("rill"), "run", "-c", "slow.json", "--plugin", hook_plugin(), "--frames", "0"},
      workflow_dir());
  ASSERT_TRUE(child.wait_for_stderr("feeding frames until SIGINT", std::chrono::seconds(30)));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  child.send_signal(SIGINT);
  ProcessResult r = child.finish(std::chrono::seconds(30));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Every frame submitted before the signal is delivered.
  const auto first_line_end = r.out.find('\n');
  ASSERT_NE(first_line_end, std::string::npos) << r.out;
  const std::string head = r.out.substr(0, first_line_end);
  EXPECT_TRUE(contains(head, " frames (stopped by signal), ")) << r.out;
  const std::string frames = head.substr(std::string("slow.json: ").size(),
                                         head.find(" frames") - std::string("slow.json: ").size());
  EXPECT_GT(std::stoi(frames), 0);
  EXPECT_TRUE(contains(r.out, "  group __NODE_WHOLE_OUTPUT__: " + frames +
                                  " delivered, 0 with "
                                  "errors\n"))
      << r.out;
}

TEST(RillWorkflowRun, UnknownMethodTypeIsAConfigError) {
  ProcessResult r = rill_in_data({"run", "-c", "pipeline.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "pipeline.json:5:5: error: node 'pre': unknown method type 'Echo'"))
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowRun, PluginThatFailsToLoadIsAConfigError) {
  ProcessResult r = rill_in_data({"run", "-c", "pipeline.json", "--plugin", "no/such/lib.so"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("no/such/lib.so: error: cannot load plugin: ", 0), 0u) << r.err;
}

TEST(RillWorkflowRun, WorkflowFlagsOnATomlGraphAreRefused) {
  ProcessResult r = rill({"run", "-c", "ok.toml", "--frames", "3"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "--frames applies to XStream workflows (.json) only")) << r.err;
}

}  // namespace
}  // namespace rill::testing

namespace rill::testing {
namespace {

// examples/xstream_boxes, as its README runs it from the repository root: a v1.1 workflow whose
// template is instantiated twice, and XStream Methods built as C++14 against the compat headers.
TEST(RillWorkflowRun, RunsTheXStreamBoxesExample) {
  const std::string root = std::string(RILL_TEST_DATA_DIR) + "/../..";
  const std::string plugin =
      std::string(RILL_BINARY_DIR) + "/examples/xstream_boxes/xstream_boxes.so";
  ProcessResult r = rill({"run", "-c", "examples/xstream_boxes/workflow.json", "--plugin", plugin,
                          "--frames", "20", "--dump"},
                         root);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  group small: 20 delivered, 0 with errors\n"
                       "  group large: 20 delivered, 0 with errors\n"),
            std::string::npos)
      << r.out;
  for (const char* node :
       {"\nsource ", "\nsmall_filter ", "\nsmall_count ", "\nlarge_filter ", "\nlarge_count "}) {
    EXPECT_NE(r.out.find(node), std::string::npos) << node << "\n" << r.out;
  }
}

}  // namespace
}  // namespace rill::testing
