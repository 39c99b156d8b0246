// Malformed configs: each must be rejected before anything runs, with every problem reported as
// `FILE:LINE:COL: error: MESSAGE` (plus notes) in one pass. The expected text is the complete
// diagnostic output, so a changed location or wording fails the case.
//
// A config that the front-end accepts goes on to rill::Graph::create with the built-in registry,
// which reports what only the registry can know (node types, ports, dynamic alternatives).

#include <algorithm>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/graph.hpp>

namespace rill::config {
namespace {

struct MalformedCase {
  const char* name;      ///< test name suffix
  const char* toml;      ///< the config, loaded as "bad.toml"
  const char* expected;  ///< every diagnostic; "$DIR" = the includes' directory, "$TYPES" = below
};

/// Where the include cases' files live.
std::string include_dir() { return std::string(RILL_TEST_DATA_DIR) + "/config/malformed"; }

/// The planner lists every known type after an unknown one: the built-ins plus the graph "main".
/// Computed, so adding a built-in node does not break the case.
std::string known_types() {
  std::vector<std::string> names = builtin_registry()->node_names();
  names.emplace_back("main");
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string expand(std::string text) {
  for (auto [key, value] : {std::pair{std::string("$DIR"), include_dir()},
                            std::pair{std::string("$TYPES"), known_types()}}) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

/// Names the case in gtest's failure output (the default prints the struct's bytes).
void PrintTo(const MalformedCase& c, std::ostream* os) { *os << c.name; }

class Malformed : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(Malformed, IsRejectedWithExactlyTheseDiagnostics) {
  const MalformedCase& c = GetParam();
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(c.toml, "bad.toml", include_dir(), {}, diags);
  if (spec) {
    std::unique_ptr<Graph> graph = Graph::create(*spec, builtin_registry(), diags);
    EXPECT_EQ(graph, nullptr) << "a config with errors must not be instantiated";
  }
  EXPECT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.format(), expand(c.expected));
}

// A valid graph to append to cases that break something elsewhere.
#define RILL_MAIN_GRAPH "[[graphs]]\nname = \"main\"\n"

const MalformedCase kCases[] = {
    // --- TOML and top-level schema ------------------------------------------------------------
    {"TomlSyntaxError",
     "main = \"main\"\n"
     "[[graphs]\n"
     "name = \"main\"\n",
     "bad.toml:2:10: error: TOML syntax error in table header: expected ']', saw '\\n'\n"},
    {"UnterminatedTomlString", "main = \"main\n" RILL_MAIN_GRAPH,
     "bad.toml:1:13: error: TOML syntax error in string: unescaped control characters other than "
     "TAB (U+0009) are explicitly prohibited\n"},
    {"TomlKeyDefinedTwice",
     "main = \"main\"\n"
     "main = \"other\"\n" RILL_MAIN_GRAPH,
     "bad.toml:2:8: error: TOML syntax error in key-value pair: cannot redefine existing string "
     "'main'\n"},
    {"UnknownTopLevelKeyWithDidYouMean",
     "main = \"main\"\n"
     "grahps = []\n" RILL_MAIN_GRAPH,
     "bad.toml:2:1: error: unknown key 'grahps' in config (did you mean 'graphs'?)\n"},
    {"UnknownTopLevelKeyListsTheKnownKeys",
     "main = \"main\"\n"
     "version = 2\n" RILL_MAIN_GRAPH,
     "bad.toml:2:1: error: unknown key 'version' in config (expected one of: main graphs nodes "
     "resources include executors)\n"},
    {"UnknownGraphKey",
     "main = \"main\"\n"
     "[[graphs]]\n"
     "name = \"main\"\n"
     "connection = []\n",
     "bad.toml:4:1: error: unknown key 'connection' in graph (did you mean 'connections'?)\n"},
    {"UnknownConnectionKey",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\", ty = \"Transform\" }]\n"
     "connections = [{ cap = 1, ports = [\"a:out\", \"a:inp\"], port = [] }]\n",
     "bad.toml:5:55: error: unknown key 'port' in connection (did you mean 'ports'?)\n"},
    {"MissingMain", RILL_MAIN_GRAPH,
     "bad.toml:1:1: error: missing required key 'main' in config\n"},
    {"MainNotAString", "main = [\"main\"]\n" RILL_MAIN_GRAPH,
     "bad.toml:1:8: error: main must be a string, got array\n"},
    {"MainNamesMisspelledGraph", "main = \"mian\"\n" RILL_MAIN_GRAPH,
     "bad.toml:1:8: error: main graph 'mian' is not defined (did you mean 'main'?)\n"},
    {"MainNamesUnknownGraph", "main = \"app\"\n" RILL_MAIN_GRAPH "[[graphs]]\nname = \"sub\"\n",
     "bad.toml:1:8: error: main graph 'app' is not defined (graphs: main sub)\n"},
    {"NoGraphsAtAll", "main = \"main\"\n",
     "bad.toml:1:8: error: main graph 'main' is not defined: the config has no [[graphs]]\n"},
    {"GraphsNotAnArray",
     "main = \"main\"\n"
     "graphs = \"main\"\n",
     "bad.toml:2:10: error: graphs must be an array of tables, got string\n"
     "bad.toml:1:8: error: main graph 'main' is not defined: the config has no [[graphs]]\n"},
    {"NodesWrittenAsTableInsteadOfArray",
     "main = \"main\"\n" RILL_MAIN_GRAPH "[graphs.nodes]\n"
     "name = \"a\"\n",
     "bad.toml:4:1: error: nodes must be an array of tables, got table (write each entry as "
     "[[graphs.nodes]])\n"},
    {"NodeEntryNotATable", "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [\"a\"]\n",
     "bad.toml:4:10: error: each entry of nodes must be a table, got string\n"},
    {"GraphWithoutName",
     "main = \"main\"\n" RILL_MAIN_GRAPH "[[graphs]]\n"
     "nodes = []\n",
     "bad.toml:4:1: error: missing required key 'name' in graph\n"},

    // --- nodes ----------------------------------------------------------------------------------
    {"NodeTypeNotAString",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\", ty = 3 }]\n",
     "bad.toml:4:29: error: ty must be a string, got integer\n"},
    {"NodeWithoutType", "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\" }]\n",
     "bad.toml:4:10: error: missing required key 'ty' in node\n"},
    {"NodeWithEmptyName",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"\", ty = \"Transform\" }]\n",
     "bad.toml:4:19: error: name must not be empty\n"},
    {"NodeNameWithColon",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a:b\", ty = \"Transform\" }]\n",
     "bad.toml:4:19: error: node name 'a:b' must not contain ':'\n"},
    {"EmptyAlternativeInType",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\", ty = \"G1||G2\" }]\n",
     "bad.toml:4:29: error: ty 'G1||G2' has an empty alternative\n"},
    {"ClonedBelowOne",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\", cloned = 0 }]\n",
     "bad.toml:4:51: error: cloned must be at least 1\n"},
    {"ResNotAListOfStrings",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\", res = [\"m\", 2] }]\n",
     "bad.toml:4:54: error: res[1] must be a string, got integer\n"},
    {"BadOnErrorValue",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\", on_error = \"retry\" }]\n",
     "bad.toml:4:53: error: on_error must be one of stop, skip, restart, got 'retry'\n"},
    {"DuplicateNodeName",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [\n"
     "  { name = \"a\", ty = \"Transform\" },\n"
     "  { name = \"a\", ty = \"Noop\" },\n"
     "]\n",
     "bad.toml:6:3: error: duplicate node name 'a' in graph 'main'\n"
     "bad.toml:5:3: note: 'a' is first declared here\n"},
    {"DuplicateGlobalNodeName",
     "main = \"main\"\n"
     "nodes = [{ name = \"g\", ty = \"Transform\" }, { name = \"g\", ty = \"Noop\" "
     "}]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:44: error: duplicate global node name 'g'\n"
     "bad.toml:2:10: note: 'g' is first declared here\n"},

    // --- graphs and resources -------------------------------------------------------------------
    {"DuplicateGraphName", "main = \"main\"\n" RILL_MAIN_GRAPH RILL_MAIN_GRAPH,
     "bad.toml:4:1: error: duplicate graph name 'main'\n"
     "bad.toml:2:1: note: 'main' is first declared here\n"},
    {"DuplicateResourceName",
     "main = \"main\"\n"
     "resources = [{ name = \"r\", ty = \"Buffer\" }, { name = \"r\", ty = \"Buffer\" "
     "}]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:45: error: duplicate global resource name 'r'\n"
     "bad.toml:2:14: note: 'r' is first declared here\n"},
    {"DuplicateGraphInputName",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "inputs = [{ name = \"i\", cap = 1, ports = [] }, { name = \"i\", cap = 1, ports = [] }]\n",
     "bad.toml:4:48: error: duplicate input name 'i' in graph 'main'\n"
     "bad.toml:4:11: note: 'i' is first declared here\n"},
    {"ResourceWithoutType",
     "main = \"main\"\n"
     "resources = [{ name = \"r\" }]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:14: error: missing required key 'ty' in resource\n"},

    // --- connections ----------------------------------------------------------------------------
    {"CapZero",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 0, ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:4:24: error: cap must be at least 1\n"},
    {"CapNegative",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = -4, ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:4:24: error: cap must be at least 1\n"},
    {"CapNotAnInteger",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = \"16\", ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:4:24: error: cap must be an integer, got string\n"},
    {"CapFloat",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1.5, ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:4:24: error: cap must be an integer, got float\n"},
    {"ConnectionWithoutCap",
     "main = \"main\"\n" RILL_MAIN_GRAPH "connections = [{ ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:4:16: error: missing required key 'cap' in connection\n"},
    {"GraphInputWithoutCap",
     "main = \"main\"\n" RILL_MAIN_GRAPH "inputs = [{ name = \"inp\", ports = [] }]\n",
     "bad.toml:4:11: error: missing required key 'cap' in graph input\n"},
    {"ConnectionWithoutPorts", "main = \"main\"\n" RILL_MAIN_GRAPH "connections = [{ cap = 1 }]\n",
     "bad.toml:4:16: error: missing required key 'ports' in connection\n"},
    {"ConnectionWithEmptyPorts",
     "main = \"main\"\n" RILL_MAIN_GRAPH "connections = [{ cap = 1, ports = [] }]\n",
     "bad.toml:4:35: error: connection has an empty ports list\n"},
    {"PortsNotAnArray",
     "main = \"main\"\n" RILL_MAIN_GRAPH "connections = [{ cap = 1, ports = \"a:out b:inp\" }]\n",
     "bad.toml:4:35: error: ports must be an array of strings, got string\n"},
    {"PortWithoutColon",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\"a.out\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: unexpected port format a.out (expected node:port or node:port:tag)\n"},
    {"PortWithEmptyNode",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\":out\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: empty node name in port :out\n"},
    {"PortWithEmptyPort",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\"a:\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: empty port name in port a:\n"},
    {"PortWithNonNumericTag",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\"a:out:x\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: invalid tag 'x' in port a:out:x (a tag must be an unsigned 64-bit "
     "integer)\n"},
    {"PortWithNegativeTag",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\"a:out:-1\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: invalid tag '-1' in port a:out:-1 (a tag must be an unsigned 64-bit "
     "integer)\n"},
    {"PortWithFourParts",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "connections = [{ cap = 1, ports = [\"a:out:1:2\", \"b:inp\"] }]\n",
     "bad.toml:4:36: error: invalid tag '1:2' in port a:out:1:2 (a tag must be an unsigned 64-bit "
     "integer)\n"},

    // --- executors ------------------------------------------------------------------------------
    {"UnknownExecutor",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\", executor = \"rt\" }]\n",
     "bad.toml:4:10: error: unknown executor 'rt' for node a\n"},
    {"ExecutorBadPolicy",
     "main = \"main\"\n"
     "executors = [{ name = \"rt\", policy = \"FIFO\" }]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:38: error: policy must be one of SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, "
     "SCHED_IDLE, got 'FIFO'\n"},

    // --- template -------------------------------------------------------------------------------
    {"TemplateSyntaxError",
     "main = \"main\"\n"
     "{% for i in range(2) %}\n"
     "{% end fro %}\n" RILL_MAIN_GRAPH,
     "bad.toml:2:1: error: unterminated 'for' block: missing '{% end for %}'\n"
     "bad.toml:3:8: error: unknown block 'end fro'\n"},
    {"UnknownTemplateVariable", "main = \"{{ Main }}\"\n" RILL_MAIN_GRAPH,
     "bad.toml:1:12: error: unknown variable 'Main'\n"},

    // --- includes -------------------------------------------------------------------------------
    {"CyclicInclude",
     "main = \"main\"\n"
     "include = [\"cycle/a.toml\"]\n" RILL_MAIN_GRAPH,
     "$DIR/cycle/b.toml:1:12: error: cyclic include: bad.toml -> $DIR/cycle/a.toml -> "
     "$DIR/cycle/b.toml -> $DIR/cycle/a.toml\n"},
    {"DiamondInclude",
     "main = \"main\"\n"
     "include = [\"diamond/left.toml\", \"diamond/right.toml\"]\n" RILL_MAIN_GRAPH,
     "$DIR/diamond/right.toml:1:12: error: $DIR/diamond/shared.toml is included more than once "
     "(first by $DIR/diamond/left.toml)\n"},
    {"MissingIncludeFile",
     "main = \"main\"\n"
     "include = [\"no_such.toml\"]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:12: error: cannot read included file $DIR/no_such.toml: No such file or "
     "directory\n"},
    {"IncludeNotAList",
     "main = \"main\"\n"
     "include = \"lib.toml\"\n" RILL_MAIN_GRAPH,
     "bad.toml:2:11: error: include must be an array of strings, got string\n"},
    {"ErrorsInsideIncludedFilesNameThoseFiles",
     "main = \"main\"\n"
     "include = [\"broken/bad_cap.toml\", \"broken/bad_syntax.toml\"]\n" RILL_MAIN_GRAPH,
     "$DIR/broken/bad_cap.toml:4:24: error: cap must be at least 1\n"
     "$DIR/broken/bad_cap.toml:5:1: error: unknown key 'colour' in graph (expected one of: name "
     "nodes resources connections inputs outputs)\n"
     "$DIR/broken/bad_syntax.toml:1:10: error: TOML syntax error in table header: expected ']', "
     "saw '\\n'\n"},

    // --- registry-dependent (rill::Graph::create) -----------------------------------------------
    {"UnknownNodeType",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\", ty = \"Tranform\" }]\n",
     "bad.toml:4:29: error: unexpected node type [Tranform]; known types: $TYPES\n"},
    {"UnknownNodeNameInPort",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"a\", ty = \"Transform\" }]\n"
     "connections = [{ cap = 1, ports = [\"a:out\", \"b:inp\"] }]\n",
     "bad.toml:5:45: error: unexpected node name [b]\n"},
    {"UnknownPort",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\" }, { name = \"b\", ty = \"Transform\" }]\n"
     "connections = [{ cap = 1, ports = [\"a:output\", \"b:inp\"] }]\n",
     "bad.toml:5:36: error: unexpected port a:output\n"},
    {"DictPortWithoutTag",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"d\", ty = \"Demux\" }, { name = \"b\", ty = \"Transform\" }]\n"
     "connections = [{ cap = 1, ports = [\"d:out\", \"b:inp\"] }]\n",
     "bad.toml:5:36: error: dict port need a tag: d:out\n"},
    {"StaticNodeWithAlternatives",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"s\", ty = \"g1|g2\" }]\n"
     "[[graphs]]\nname = \"g1\"\n"
     "[[graphs]]\nname = \"g2\"\n",
     "bad.toml:4:29: error: static subgraph/node dont support dyn type [g1|g2]\n"},
    {"SharedNodeWithAlternatives",
     "main = \"main\"\n"
     "[[nodes]]\n"
     "name = \"s\"\n"
     "ty = \"g1|g2\"\n" RILL_MAIN_GRAPH "[[graphs]]\nname = \"g1\"\n"
     "[[graphs]]\nname = \"g2\"\n",
     "bad.toml:4:6: error: static subgraph/node dont support dyn type [g1|g2]\n"},
    // A graph containing itself is reported at the `ty` that names it again, not at the node.
    {"RecursiveGraph",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"s\", ty = \"loop\" }]\n"
     "[[graphs]]\n"
     "name = \"loop\"\n"
     "nodes = [{ name = \"again\", ty = \"loop\" }]\n",
     "bad.toml:7:33: error: graph loop contains itself (loop -> loop)\n"},
    {"MutuallyRecursiveGraphs",
     "main = \"main\"\n" RILL_MAIN_GRAPH "nodes = [{ name = \"s\", ty = \"ping\" }]\n"
     "[[graphs]]\n"
     "name = \"ping\"\n"
     "nodes = [{ name = \"to_pong\", ty = \"pong\" }]\n"
     "[[graphs]]\n"
     "name = \"pong\"\n"
     "[[graphs.nodes]]\n"
     "name = \"to_ping\"\n"
     "ty = \"ping\"\n",
     "bad.toml:12:6: error: graph ping contains itself (ping -> pong -> ping)\n"},
    {"UnknownResourceType",
     "main = \"main\"\n"
     "resources = [{ name = \"r\", ty = \"Buffer\" }]\n" RILL_MAIN_GRAPH,
     "bad.toml:2:14: error: unexpected resource type [Buffer]; known resource types: \n"},

    // --- every error of a file in one pass ------------------------------------------------------
    {"ThreeErrorsInOneFile",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\", cloned = \"2\" }]\n"
     "connections = [\n"
     "  { cap = 0, ports = [\"a:out\", \"a:inp\"] },\n"
     "  { cap = 1, ports = [\"a-out\"] },\n"
     "]\n",
     "bad.toml:4:51: error: cloned must be an integer, got string\n"
     "bad.toml:6:11: error: cap must be at least 1\n"
     "bad.toml:7:23: error: unexpected port format a-out (expected node:port or node:port:tag)\n"},
    {"ThreeRegistryErrorsInOneFile",
     "main = \"main\"\n" RILL_MAIN_GRAPH
     "nodes = [{ name = \"a\", ty = \"Transform\" }, { name = \"d\", ty = \"Demux\" }]\n"
     "connections = [\n"
     "  { cap = 1, ports = [\"a:out\", \"x:inp\"] },\n"
     "  { cap = 1, ports = [\"d:out\", \"a:in\"] },\n"
     "]\n",
     "bad.toml:6:32: error: unexpected node name [x]\n"
     "bad.toml:7:23: error: dict port need a tag: d:out\n"
     "bad.toml:7:32: error: unexpected port a:in\n"},
};

std::string case_name(const ::testing::TestParamInfo<MalformedCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Configs, Malformed, ::testing::ValuesIn(kCases), case_name);

}  // namespace
}  // namespace rill::config
