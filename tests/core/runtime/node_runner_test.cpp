// The node driver's trace hook: with GraphOptions::trace set, every exec call of every node is
// one trace event named by the node's path.

#include <map>
#include <memory>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "rill/core/graph.hpp"
#include "rill/core/trace.hpp"

// After graph.hpp: the helpers build GraphSpec parts.
#include "core/test_nodes.hpp"

namespace rill {
namespace {

using namespace testing;

GraphSpec pass_chain() {
  GraphSpec s;
  s.main = "main";
  GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "CountSource", Map{{"count", 20}}));
  g.nodes.push_back(node("pass", "Pass"));
  g.nodes.push_back(node("sink", "Collect", Map{{"key", "traced"}}));
  g.connections.push_back(conn(2, {"src:out", "pass:inp"}));
  g.connections.push_back(conn(2, {"pass:out", "sink:inp"}));
  s.graphs.push_back(std::move(g));
  return s;
}

TEST(NodeRunnerTrace, EveryExecCallIsOneEventNamedByTheNodePath) {
  auto trace = std::make_shared<TraceRecorder>();
  GraphOptions options;
  options.trace = trace;
  Diagnostics d;
  auto graph = Graph::create(pass_chain(), test_registry(), d, options);
  ASSERT_TRUE(graph) << d.format();
  ASSERT_TRUE(graph->run().ok);
  Collect::take("traced");

  std::map<std::string, std::uint64_t> events;
  const std::string json = trace->to_json();
  const std::regex name(R"re("name":"([^"]*)")re");
  for (std::sregex_iterator it(json.begin(), json.end(), name), end; it != end; ++it) {
    ++events[(*it)[1].str()];
  }
  std::map<std::string, std::uint64_t> execs;
  for (const NodeStats& n : graph->snapshot()) execs[n.path] = n.calls;
  EXPECT_EQ(events, execs) << json;
  EXPECT_EQ(execs.size(), 3u);
}

}  // namespace
}  // namespace rill
