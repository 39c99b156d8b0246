// `megflow_run` (bin/megflow_run → rill): MegFlow's launcher flags and defaults (docs/cli.md)
// on top of `rill run`.

#include <filesystem>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "support/scratch_dir.hpp"

namespace rill::testing {
namespace {

namespace fs = std::filesystem;

ProcessResult megflow_run(const std::vector<std::string>& args, const std::string& cwd = {}) {
  std::vector<std::string> argv{bin_path("megflow_run")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, cwd);
}

/// A MegFlow-style app directory `<tmp>/app`: its plugin and `app.toml`, the config megflow_run
/// picks when none is given.
class MegflowApp : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = tmp_.path("app");
    tmp_.write("app/app.toml", read_file(cli_data("ticks.toml")));
    fs::create_symlink(test_plugin_dir() + "/cli_test_nodes.so", app_ + "/cli_test_nodes.so");
  }
  ScratchDir tmp_;
  std::string app_;
};

TEST_F(MegflowApp, DefaultConfigIsNamedAfterThePluginDirectory) {
  ProcessResult r = megflow_run({"-p", app_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
}

TEST_F(MegflowApp, PluginPathDefaultsToTheCurrentDirectory) {
  ProcessResult r = megflow_run({}, app_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
}

TEST_F(MegflowApp, DumpDrawsTheGraphNextToTheConfigAndRuns) {
  ProcessResult r = megflow_run({"-p", app_, "--dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(app_ + "/app.dot").rfind("digraph \"main\" {\n", 0), 0u);
}

TEST_F(MegflowApp, DumpWritesNoDrawingForAConfigThatFailsValidation) {
  // Valid TOML whose node type does not exist: only the planner finds it.
  tmp_.write("app/app.toml",
             "main = \"main\"\n[[graphs]]\nname = \"main\"\n"
             "nodes = [{ name = \"n\", ty = \"NoSuchType\" }]\n");
  ProcessResult r = megflow_run({"-p", app_, "--dump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("app.toml:4:29: error: unexpected node type [NoSuchType]"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(app_ + "/app.dot"));
  EXPECT_FALSE(fs::exists(app_ + "/app.png"));
}

TEST_F(MegflowApp, ModulePathIsAccepted) {
  ProcessResult r = megflow_run({"-p", app_, "-m", tmp_.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(MegflowRun, LongFlagsWithAnExplicitConfig) {
  ProcessResult r =
      megflow_run({"--plugin", test_plugin_dir(), "--config", "ticks.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
}

TEST(MegflowRun, MissingDefaultConfigNamesThePathItLookedFor) {
  ScratchDir tmp;
  tmp.write("empty_app/readme.txt", "no config here\n");
  ProcessResult r = megflow_run({"-p", tmp.path() + "/empty_app"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, tmp.path() +
                       "/empty_app/empty_app.toml: error: cannot read config file: No such "
                       "file or directory\n");
}

TEST(MegflowRun, InvalidConfigExitsTwo) {
  ProcessResult r = megflow_run({"-c", "bad_schema.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("bad_schema.toml:11:11: error: cap must be at least 1\n", 0), 0u) << r.err;
}

TEST(MegflowRun, NodeErrorExitsOne) {
  ProcessResult r = megflow_run({"-c", "explode.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("node main/boom: exploded at 3"), std::string::npos) << r.err;
}

TEST(MegflowRun, RunsAnXStreamWorkflowWithMethodLibrariesFromThePluginDirectory) {
  ProcessResult r =
      megflow_run({"-p", test_plugin_dir(), "-c", "xstream/pipeline.json"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("xstream/pipeline.json: 1 frames, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("  group __NODE_WHOLE_OUTPUT__: 1 delivered, 0 with errors\n"),
            std::string::npos)
      << r.out;
}

TEST(MegflowRun, DumpDrawsAWorkflowNextToItsConfig) {
  ScratchDir tmp;
  tmp.write("wf/pipeline.json", read_file(cli_data("xstream/pipeline.json")));
  ProcessResult r =
      megflow_run({"-p", test_plugin_dir(), "-c", tmp.path() + "/wf/pipeline.json", "--dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string dot = read_file(tmp.path() + "/wf/pipeline.dot");
  EXPECT_EQ(dot.rfind("digraph \"pipeline\" {\n", 0), 0u) << dot;
  EXPECT_NE(dot.find("\"pre\" -> \"post\" [label=\"mid\"];"), std::string::npos) << dot;
}

TEST(MegflowRun, DumpWritesNoDrawingForAWorkflowThatFailsValidation) {
  ScratchDir tmp;
  tmp.write("wf/unknown_type.json", read_file(cli_data("xstream/unknown_type.json")));
  ProcessResult r =
      megflow_run({"-p", test_plugin_dir(), "-c", tmp.path() + "/wf/unknown_type.json", "--dump"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown method type 'FaceDetector'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() + "/wf/unknown_type.dot"));
}

TEST(MegflowRun, TomlOnlyFlagsOnAWorkflowAreRefused) {
  ProcessResult r =
      megflow_run({"-p", test_plugin_dir(), "-c", "xstream/pipeline.json", "--dynamic", "x.toml"},
                  cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "megflow_run: --dynamic applies to TOML graphs only\n");
}

TEST(MegflowRun, VersionNamesBothTools) {
  ProcessResult r = megflow_run({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(megflow_run \(rill \d+\.\d+\.\d+\)\n)")))
      << r.out;
}

// MegFlow's CI smoke test, `cd examples && megflow_run -p logical_test`, on rill's own Python
// version of that app (tests/python/plugins/logical_test: 300 dynamic instances chosen by tag, a
// global exclusive node echoing through a forked subprocess, resources at three scopes). Its
// printers assert they got exactly their 10 messages, which fails the run otherwise.
TEST(MegflowRun, RunsThePythonLogicalTestAppFromItsParentDirectory) {
  const std::string examples = std::string(RILL_TEST_DATA_DIR) + "/../python/plugins";
  ProcessResult r = megflow_run({"-p", "logical_test"}, examples);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
}

// examples/python_cameras, as its README runs it: MegFlow's launcher from the repository root,
// a Python plugin package, one dynamic subgraph per camera, numpy frames.
TEST(MegflowRun, RunsThePythonCamerasExample) {
  const std::string root = std::string(RILL_TEST_DATA_DIR) + "/../..";
  ProcessResult r = megflow_run({"-p", "examples/python_cameras"}, root);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (int cam = 0; cam < 3; ++cam) {
    for (int frame = 0; frame < 10; ++frame) {
      const std::string line = "camera " + std::to_string(cam) + " frame " +
                               (frame < 10 ? " " : "") + std::to_string(frame) + " motion ";
      EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
    }
  }
  // The square moves 2, 4, 6 pixels a frame: 2 x 8 x speed changed pixels of 64 x 64, x 255.
  EXPECT_NE(r.out.find("camera 2 frame  1 motion  5.98\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace rill::testing
