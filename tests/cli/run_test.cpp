// `rill run`: exit codes, diagnostics, node errors, plugins, --dump and graceful signals, all
// through the real binary.

#include <signal.h>

#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <json/json.h>

#include "child_process.hpp"
#include "support/scratch_dir.hpp"

namespace rill::testing {
namespace {

using std::chrono::seconds;

/// The number after `prefix` on its line of `text`, or -1.
long long number_after(const std::string& text, const std::string& prefix) {
  auto at = text.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stoll(text.substr(at + prefix.size()));
}

TEST(RillRun, ExitsZeroWhenTheGraphEnds) {
  ProcessResult r = rill({"run", "-c", "ok.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillRun, RunsPluginNodesFromPluginPath) {
  ProcessResult r = rill({"run", "-c", "ticks.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSource sent 100\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
}

TEST(RillRun, RunsTheHelloExampleAndPrintsWhatFlowed) {
  ProcessResult r =
      rill({"run", "-c", std::string(RILL_TEST_DATA_DIR) + "/../../examples/hello/hello.toml", "-p",
            hello_plugin_dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Three camera subgraphs run concurrently: their lines interleave, but each camera's own lines
  // come in order and end with its count.
  for (int cam = 0; cam < 3; ++cam) {
    const std::string prefix = "[hello/cameras[" + std::to_string(cam) + "]/printer] ";
    std::string mine;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(prefix, 0) == 0) mine += line.substr(prefix.size()) + "\n";
    }
    std::string want;
    for (int i = cam; i < 9; i += 3) want += "hello, rill #" + std::to_string(i) + "\n";
    want += "3 message(s) received\n";
    EXPECT_EQ(mine, want) << r.out;
  }
}

TEST(RillRun, DynamicFileIsTheTemplateContext) {
  ProcessResult r = rill({"run", "-c", "templated.toml", "--dynamic", "templated_dynamic.toml",
                          "-p", test_plugin_dir()},
                         cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 7\n"), std::string::npos) << r.out;
}

TEST(RillRun, NodeErrorExitsOneNamingTheNodePath) {
  ProcessResult r = rill({"run", "-c", "explode.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("rill: error: node main/boom: exploded at 3\n"), std::string::npos) << r.err;
}

TEST(RillRun, InvalidConfigExitsTwoWithEveryDiagnosticAndRunsNothing) {
  ProcessResult r = rill({"run", "-c", "bad_schema.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "bad_schema.toml:11:11: error: cap must be at least 1\n"
            "bad_schema.toml:12:47: error: unknown key 'colour' in connection (expected one of: "
            "cap ports)\n");
  EXPECT_EQ(r.out, "");
}

TEST(RillRun, RegistryErrorsAreFoundBeforeAnythingRuns) {
  // Only the registry knows TickSource; without -p nothing may start.
  ProcessResult r = rill({"run", "-c", "ticks.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("ticks.toml:7:26: error: unexpected node type [TickSource]", 0), 0u)
      << r.err;
  EXPECT_NE(r.err.find("\nticks.toml:9:26: error: unexpected node type [TickSink]"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillRun, MissingConfigFileIsALocatedError) {
  ProcessResult r = rill({"run", "-c", "no_such.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "no_such.toml: error: cannot read config file: No such file or directory\n");
}

TEST(RillRun, DumpPrintsPerNodeCounters) {
  ProcessResult r =
      rill({"run", "-c", "ticks.toml", "-p", test_plugin_dir(), "--dump"}, cli_data(""));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(\npath +type +received +sent +calls +errors +busy_ms\n)")))
      << r.out;
  // path, type, received, sent, calls, errors, busy ms
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nmain/ticks +TickSource +0 +100 +1 +0 +)")))
      << r.out;
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex(R"(\nmain/relay +Transform +100 +100 +\d+ +0 +)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nmain/count +TickSink +100 +0 +\d+ +0 +)")))
      << r.out;
}

TEST(RillRun, DumpListsStaticSubgraphNodesAndDynDemuxSends) {
  ProcessResult r =
      rill({"run", "-c", "nested_dump.toml", "-p", hello_plugin_dir(), "--dump"}, cli_data(""));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 9 greetings plus one empty envelope per stream (3) that closes its camera instance.
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex(R"(\nhello/greeter +HelloSource +0 +12 +1 +0 +)")))
      << r.out;
  // Inside the static subgraph `stage`, listed with its full path after the run.
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex(R"(\nhello/stage/relay +Transform +12 +12 +\d+ +0 +)")))
      << r.out;
  // DynDemux forwards the 9 greetings into the instances (the closing envelopes are not sent).
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nhello/demux +DynDemux +12 +9 +\d+ +0 +)")))
      << r.out;
}

/// The X events of a trace-event JSON file, counted by name; empty (and a failure) when it is
/// not an object with a `traceEvents` array of complete events.
std::map<std::string, long long> trace_events_by_name(const std::string& path) {
  Json::Value root;
  Json::CharReaderBuilder builder;
  std::string errors;
  const std::string text = read_file(path);
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  EXPECT_TRUE(reader->parse(text.data(), text.data() + text.size(), &root, &errors)) << errors;
  std::map<std::string, long long> count;
  EXPECT_TRUE(root["traceEvents"].isArray()) << text;
  for (const Json::Value& e : root["traceEvents"]) {
    EXPECT_EQ(e["ph"].asString(), "X") << text;
    EXPECT_TRUE(e["ts"].isNumeric() && e["dur"].isNumeric() && e["tid"].isIntegral()) << text;
    ++count[e["name"].asString()];
  }
  return count;
}

TEST(RillRun, TraceRecordsEveryNodeExecCall) {
  ScratchDir tmp;
  const std::string trace = tmp.path("trace.json");
  for (const char* flag : {"--trace", "--profile"}) {
    ProcessResult r = rill(
        {"run", "-c", "ticks.toml", "-p", test_plugin_dir(), "--dump", flag, trace}, cli_data(""));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "rill: trace written to " + trace + " (Chrome/Perfetto trace-event JSON)\n");
    // One event per exec call: the counts are the --dump table's `calls`.
    std::map<std::string, long long> events = trace_events_by_name(trace);
    EXPECT_EQ(events.size(), 3u) << read_file(trace);
    for (const std::string node : {"main/ticks", "main/relay", "main/count"}) {
      EXPECT_TRUE(std::regex_search(r.out, std::regex("\n" + node + " +\\w+ +\\d+ +\\d+ +" +
                                                      std::to_string(events[node]) + " ")))
          << flag << " " << node << "\n"
          << r.out;
    }
  }
}

TEST(RillRun, TraceFileThatCannotBeWrittenRunsNothing) {
  ProcessResult r =
      rill({"run", "-c", "ticks.toml", "-p", test_plugin_dir(), "--trace", "/no/such/dir/t.json"},
           cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "/no/such/dir/t.json: error: cannot open the trace output\n");
  EXPECT_EQ(r.out, "");
}

TEST(RillRun, PluginFlagLoadsOneLibrary) {
  ProcessResult r =
      rill({"run", "-c", "ticks.toml", "--plugin", test_plugin_dir() + "/cli_test_nodes.so"},
           cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TickSink received 100\n"), std::string::npos) << r.out;
}

void expect_graceful_drain(int signo) {
  ChildProcess p(
      {bin_path("rill"), "run", "-c", cli_data("forever.toml"), "-p", test_plugin_dir()});
  ASSERT_TRUE(p.wait_for_stdout("TickSource started\n", seconds(60)));
  p.send_signal(signo);
  ProcessResult r = p.finish();
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  long long sent = number_after(r.out, "TickSource sent ");
  long long received = number_after(r.out, "TickSink received ");
  EXPECT_GE(sent, 1000) << r.out;  // it announced itself after 1000 sends
  EXPECT_EQ(received, sent) << "messages lost in the drain\n" << r.out;
}

TEST(RillRun, SigintStopsGracefullyAndLosesNothing) { expect_graceful_drain(SIGINT); }

TEST(RillRun, SigtermStopsGracefullyAndLosesNothing) { expect_graceful_drain(SIGTERM); }

TEST(RillRun, SecondSigintQuitsAtOnceWith130) {
  ChildProcess p({bin_path("rill"), "run", "-c", cli_data("stall.toml"), "-p", test_plugin_dir()});
  ASSERT_TRUE(p.wait_for_stdout("Stall holding\n", seconds(60)));
  p.send_signal(SIGINT);
  // Standard signals do not queue: wait until the first one was consumed before the second.
  ASSERT_TRUE(p.wait_for_stderr("draining", seconds(60)));
  p.send_signal(SIGINT);
  ProcessResult r = p.finish();
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 130) << r.err;
}

TEST(RillRun, PluginThatFailsToLoadIsALocatedError) {
  ScratchDir dir;
  std::string so = dir.write("broken.so", "not an ELF file\n");
  ProcessResult r = rill({"run", "-c", "ok.toml", "-p", dir.path()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind(so + ": error: cannot load plugin: ", 0), 0u) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillRun, MissingPluginDirectoryIsAnError) {
  ProcessResult r = rill({"run", "-c", "ok.toml", "-p", "no_such_dir"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "no_such_dir: error: plugin path is not a directory\n");
}

/// A graph of Python plugin nodes: a func_op source, a class node and a sink that prints.
constexpr const char* kPythonGraph = R"(main = "g"
[[graphs]]
name = "g"
nodes = [{name="src", ty="Numbers"}, {name="sq", ty="Square"}, {name="out", ty="Printer"}]
connections = [{cap=4, ports=["src:out", "sq:inp"]}, {cap=4, ports=["sq:out", "out:inp"]}]
)";

TEST(RillRun, RunsPythonPluginNodesFromPluginPath) {
  ScratchDir dir;
  dir.write("nodes.py", R"(from megflow import register
from megflow.func_op import source_def, sink_def

@source_def()
def numbers():
    yield from range(5)

@register(inputs=["inp"], outputs=["out"])
class Square:
    def __init__(self, name, args):
        pass
    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = env.msg * env.msg
        self.out.send(env)

@sink_def()
def printer(msg):
    print("got", msg, flush=True)
)");
  std::string cfg = dir.write("g.toml", kPythonGraph);
  ProcessResult r = rill({"run", "-c", cfg, "-p", dir.path(), "-m", dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "got 0\ngot 1\ngot 4\ngot 9\ngot 16\n");
}

TEST(RillRun, PythonPluginImportErrorNamesTheFileAndLine) {
  ScratchDir dir;
  std::string py = dir.write("nodes.py", "import megflow\n\nraise ValueError('boom')\n");
  std::string cfg = dir.write("g.toml", kPythonGraph);
  ProcessResult r = rill({"run", "-c", cfg, "-p", dir.path(), "-m", dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(py + ":3:1: error: cannot import Python plugin 'nodes': ValueError: boom"),
            std::string::npos)
      << r.err;
}

TEST(RillRun, PythonPluginOutsideTheModulePathIsNotFound) {
  ScratchDir dir;
  std::string py = dir.write("nodes.py", "import megflow\n");
  std::string cfg = dir.write("g.toml", kPythonGraph);
  ProcessResult r = rill({"run", "-c", cfg, "-p", dir.path()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(py + ": error: module not found"), std::string::npos) << r.err;
}

TEST(RillRun, PythonExceptionInExecNamesTheNodeAndShowsTheTraceback) {
  ScratchDir dir;
  std::string py =
      dir.write("nodes.py", R"(from megflow.func_op import source_def, sink_def, map_def

@source_def()
def numbers():
    yield from range(5)

@map_def()
def square(x):
    if x == 3:
        raise KeyError('three')
    return x * x

@sink_def()
def printer(msg):
    pass
)");
  std::string cfg = dir.write("g.toml", kPythonGraph);
  ProcessResult r = rill({"run", "-c", cfg, "-p", dir.path(), "-m", dir.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("node g/sq: Traceback (most recent call last):"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("File \"" + py + "\", line 10, in square"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("KeyError: 'three'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rill::testing
