// `rill validate|run FILE.json`: XStream workflows through the real binary, with method types
// from the test plugins (cli_test_methods.so: XStream's CreateMethod hook; cli_registered_methods
// .so: RILL_SDK_REGISTER_METHOD).

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
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
            "(pass -p DIR or --plugin LIB to check method types)\n");
}

TEST(RillWorkflowValidate, UnknownMethodTypeIsAnErrorOnceAPluginIsGiven) {
  ProcessResult without = rill_in_data({"validate", "unknown_type.json"});
  EXPECT_EQ(without.exit_code, 0) << without.err;
  EXPECT_TRUE(contains(without.err, "note: method type 'FaceDetector' is not registered"))
      << without.err;

  ProcessResult with = rill_in_data(
      {"validate", "unknown_type.json", "--plugin", hook_plugin(), "--plugin", registry_plugin()});
  EXPECT_EQ(with.exit_code, 2);
  EXPECT_EQ(with.err,
            "unknown_type.json:6:5: error: node 'detect': unknown method type 'FaceDetector'; the "
            "loaded plugins provide: Tag (and an XStream CreateMethod factory); built in: "
            "FaceDetect, Track\n");
  EXPECT_EQ(with.out, "");
}

TEST(RillWorkflowValidate, MalformedJsonIsOneLocatedError) {
  ProcessResult r = rill_in_data({"validate", "malformed.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "malformed.json:4:3: error: expected ',' or '}' after object member, found '\"'\n");
  EXPECT_EQ(r.out, "");
}

// A failed validation exits 2 (kExitConfigError) for a workflow exactly as for a TOML graph.
TEST(RillWorkflowValidate, GraphErrorsExitTwo) {
  ProcessResult r = rill_in_data({"validate", "unfed.json", "--plugin", hook_plugin()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("unfed.json:", 0), 0u) << r.err;
  EXPECT_TRUE(contains(r.err, ": error: ")) << r.err;
  EXPECT_TRUE(contains(r.err, "nowhere")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, ErrorInAnIncludedTemplateNamesThatFile) {
  ProcessResult r = rill_in_data({"validate", "bad_template.json"});
  EXPECT_EQ(r.exit_code, 2);
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
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(parse_json(r.out), parse_json(read_file(workflow_dir() + "/unfed.json")));
  EXPECT_TRUE(contains(r.err, "unfed.json:")) << r.err;
}

TEST(RillWorkflowValidate, PluginThatFailsToLoadIsAnError) {
  ProcessResult r = rill_in_data({"validate", "pipeline.json", "--plugin", "no/such/lib.so"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("no/such/lib.so: error: cannot load plugin: ", 0), 0u) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillWorkflowValidate, TomlOnlyFlagsAreRefused) {
  for (const char* flag : {"--dynamic", "--module-path"}) {
    ProcessResult r = rill_in_data({"validate", "pipeline.json", flag, "x"});
    EXPECT_EQ(r.exit_code, 2) << flag;
    EXPECT_EQ(r.err, std::string("validate: ") + flag + " applies to TOML graphs only\n");
  }
}

TEST(RillWorkflowValidate, PluginDirectoryLoadsMethodLibraries) {
  // The directory holds both kinds of method library (and a C++ node plugin, loaded harmlessly).
  ProcessResult r = rill_in_data({"validate", "unknown_type.json", "-p", test_plugin_dir()});
  EXPECT_EQ(r.exit_code, 2);
  // Loaded: the unknown type is an error listing what the directory's libraries provide.
  EXPECT_EQ(r.err,
            "unknown_type.json:6:5: error: node 'detect': unknown method type 'FaceDetector'; the "
            "loaded plugins provide: Tag (and an XStream CreateMethod factory); built in: "
            "FaceDetect, Track\n");
  ProcessResult ok = rill_in_data({"validate", "pipeline.json", "-p", test_plugin_dir()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "pipeline.json: ok\n");
  EXPECT_EQ(ok.err, "");
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
  // The same table as a TOML graph's: path, type, received, sent, calls, errors, busy_ms.
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(\npath +type +received +sent +calls +errors +busy_ms\n)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\ntag +Tag +7 +7 +7 +0 +\d+\.\d{3}\n)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\ncopy +Echo +7 +7 +7 +0 +\d+\.\d{3}\n)")))
      << r.out;
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

TEST(RillWorkflowRun, DumpCountsFailedCallsAsErrorsNotSent) {
  ProcessResult r = rill_in_data(
      {"run", "-c", "boom.json", "--plugin", hook_plugin(), "--frames", "3", "--dump"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nexplode +Boom +3 +0 +3 +3 +)"))) << r.out;
}

TEST(RillWorkflowRun, PluginDirectoryLoadsMethodLibraries) {
  ProcessResult r =
      rill_in_data({"run", "-c", "two_plugins.json", "-p", test_plugin_dir(), "--frames", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\n  group tags: 2 delivered, 0 with errors\n")) << r.out;
}

// Two libraries each define XStream's CreateMethod hook; plugins are opened RTLD_LOCAL and every
// library's hook is asked, so a type of the second is found although the first defines the hook
// too.
TEST(RillWorkflowRun, EveryLibrarysCreateMethodHookIsAsked) {
  const std::string second = test_plugin_dir() + "/cli_second_hook_methods.so";
  for (const auto& order : {std::vector<std::string>{hook_plugin(), second},
                            std::vector<std::string>{second, hook_plugin()}}) {
    ProcessResult r = rill_in_data({"run", "-c", "two_hooks.json", "--plugin", order[0], "--plugin",
                                    order[1], "--frames", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "  group __NODE_WHOLE_OUTPUT__: 2 delivered, 0 with errors\n"))
        << r.out;
  }
}

/// Every X event of the trace at `path`, by name.
std::map<std::string, int> trace_events(const std::string& path) {
  Json::Value events = parse_json(read_file(path));
  EXPECT_TRUE(events.isArray()) << read_file(path);
  std::map<std::string, int> count;
  for (const Json::Value& e : events) {
    if (e["ph"].asString() == "X") ++count[e["name"].asString()];
  }
  return count;
}

TEST(RillWorkflowRun, TraceRecordsEveryDoProcessCall) {
  const std::string trace = (std::filesystem::temp_directory_path() /
                             ("rill_cli_wf_trace_" + std::to_string(getpid()) + ".json"))
                                .string();
  ProcessResult r = rill_in_data(
      {"run", "-c", "pipeline.json", "--plugin", hook_plugin(), "--frames", "3", "--trace", trace});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      contains(r.err, "rill: trace written to " + trace + " (Chrome/Perfetto trace-event JSON)\n"))
      << r.err;
  // Echo takes microseconds, far below the profiler's own 3 ms threshold: all calls are kept.
  std::map<std::string, int> events = trace_events(trace);
  EXPECT_EQ(events["pre"], 3) << read_file(trace);
  EXPECT_EQ(events["post"], 3) << read_file(trace);
  std::filesystem::remove(trace);
}

TEST(RillWorkflowRun, ProfileIsAnAliasOfTrace) {
  const std::string trace = (std::filesystem::temp_directory_path() /
                             ("rill_cli_profile_" + std::to_string(getpid()) + ".json"))
                                .string();
  std::filesystem::remove(trace);
  ProcessResult r = rill_in_data(
      {"run", "-c", "slow.json", "--plugin", hook_plugin(), "--frames", "4", "--profile", trace});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "rill: trace written to " + trace)) << r.err;
  EXPECT_EQ(trace_events(trace)["nap"], 4) << read_file(trace);
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
  EXPECT_EQ(r.err, "run: --frames applies to XStream workflows (.json) only\n");
}

TEST(RillWorkflowRun, TomlFlagsOnAWorkflowAreRefused) {
  ProcessResult r = rill_in_data({"run", "-c", "pipeline.json", "--dynamic", "ctx.toml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "run: --dynamic applies to TOML graphs only\n");
}

// --- graph ----------------------------------------------------------------------------------

TEST(RillWorkflowGraph, DotDrawsNodesSlotsAndGroups) {
  ProcessResult r = rill_in_data({"graph", "two_plugins.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(cli_data("draw_workflow.dot")));
}

TEST(RillWorkflowGraph, MermaidDrawsNodesSlotsAndGroups) {
  ProcessResult r = rill_in_data({"graph", "two_plugins.json", "--format", "mermaid"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(cli_data("draw_workflow.mmd")));
}

TEST(RillWorkflowGraph, TemplatedWorkflowIsDrawnExpanded) {
  ProcessResult r = rill_in_data({"graph", "templated.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Expanded node names, and no `method_type` left unnamed.
  Json::Value flat = parse_json(read_file(workflow_dir() + "/templated_expanded.json"));
  for (const Json::Value& node : flat["workflow"]) {
    const std::string name = node["unique_name"].asString();
    EXPECT_TRUE(contains(r.out, "\"" + name + "\" [label=\"" + name + "\\n" +
                                    node["method_type"].asString() + "\"];"))
        << name << "\n"
        << r.out;
  }
}

TEST(RillWorkflowGraph, InvalidWorkflowPrintsDiagnosticsAndExitsTwo) {
  ProcessResult r = rill_in_data({"graph", "malformed.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "malformed.json:4:3: error: expected ',' or '}' after object member, found '\"'\n");
  EXPECT_EQ(r.out, "");
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

// The built-in vision method types: known to `validate` without any plugin (no note), and the
// xstream_faces example program, as its README runs it, tracking the astronaut through a video.
TEST(RillWorkflowValidate, KnowsTheBuiltInVisionMethodTypesWithoutPlugins) {
  const std::string root = std::string(RILL_TEST_DATA_DIR) + "/../..";
  ProcessResult r = rill({"validate", "examples/xstream_faces/workflow.json"}, root);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "examples/xstream_faces/workflow.json: ok\n");
  EXPECT_EQ(r.err, "");
}

TEST(RillWorkflowRun, TheXStreamFacesExampleTracksOneFacePerVideo) {
  const std::string root = std::string(RILL_TEST_DATA_DIR) + "/../..";
  if (!std::filesystem::exists(
          root + "/third_party/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx")) {
    GTEST_SKIP() << "the BlazeFace model is fetched by `make deps`";
  }
  const std::string video = (std::filesystem::temp_directory_path() /
                             ("rill_xstream_faces_" + std::to_string(getpid()) + ".mp4"))
                                .string();
  ProcessResult made = run_process({"/usr/bin/ffmpeg",
                                    "-nostdin",
                                    "-loglevel",
                                    "error",
                                    "-y",
                                    "-loop",
                                    "1",
                                    "-i",
                                    "/usr/lib/python3/dist-packages/skimage/data/astronaut.png",
                                    "-vf",
                                    "crop=400:400:n:n/2",
                                    "-frames:v",
                                    "12",
                                    "-r",
                                    "25",
                                    "-c:v",
                                    "libx264",
                                    "-pix_fmt",
                                    "yuv420p",
                                    video});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ProcessResult r =
      run_process({std::string(RILL_BINARY_DIR) + "/examples/xstream_faces/xstream_faces",
                   "examples/xstream_faces/workflow.json", video, video},
                  root);
  std::filesystem::remove(video);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // One line per frame of each video (taken in turn), each with the one face as track 1 of its
  // own video's tracker.
  const std::regex line(
      R"(\{"source": ([01]), "url": "[^"]+", "frame": (\d+), "time": [0-9.]+, "tracks": )"
      R"(\[\{"id": 1, "bbox": \[[0-9., ]+\], "score": [0-9.]+, "visible": true\}\], "gone": \[\]\})");
  std::istringstream out(r.out);
  std::string text;
  int lines = 0;
  while (std::getline(out, text)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(text, m, line)) << text;
    EXPECT_EQ(m[1].str(), std::to_string(lines % 2)) << text;
    EXPECT_EQ(m[2].str(), std::to_string(lines / 2)) << text;
    ++lines;
  }
  EXPECT_EQ(lines, 24) << r.out;
  EXPECT_NE(r.err.find(": 12 frames, 12 faces, 1 tracks"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rill::testing
