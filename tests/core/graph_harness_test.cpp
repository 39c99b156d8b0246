// GraphHarness: a small graph stepped deterministically under the graph runtime itself.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "rill/config/toml_loader.hpp"
#include "rill/core/function_node.hpp"
#include "rill/core/testing.hpp"

namespace rill {
namespace {

using testing::GraphHarness;

std::shared_ptr<const Registry> registry() {
  auto r = std::make_shared<Registry>();
  r->add_node(map_node("AddOne", "adds one", [](std::int64_t x) { return x + 1; }));
  r->add_node(map_node("Twice", "doubles", [](std::int64_t x) { return x * 2; }));
  r->add_node(map_node("Picky", "fails on 13", [](std::int64_t x) -> std::int64_t {
    if (x == 13) throw std::runtime_error("unlucky");
    return x;
  }));
  return r;
}

GraphSpec load(const std::string& toml) {
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "t.toml", "", {}, diags);
  if (!spec) throw std::invalid_argument(diags.format());
  return *spec;
}

const char* kChain = R"(
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["a:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["b:out"]}]
nodes = [{name = "a", ty = "AddOne"}, {name = "b", ty = "Twice"}]
connections = [{cap = 4, ports = ["a:out", "b:inp"]}]
)";

std::vector<std::int64_t> ints(const std::vector<Envelope>& es) {
  std::vector<std::int64_t> out;
  for (const auto& e : es) out.push_back(e.msg().as_int());
  return out;
}

TEST(GraphHarness, NothingRunsUntilTheTestStepsThenMessagesFlowInOrder) {
  GraphHarness h(load(kChain), registry());
  h.start();
  for (std::int64_t i = 0; i < 3; ++i)
    ASSERT_EQ(h.send("inp", Envelope(Value(i))), SendStatus::kOk);
  EXPECT_TRUE(h.take("out").empty()) << "a node ran before the test stepped";
  h.drain();
  EXPECT_EQ(ints(h.take("out")), (std::vector<std::int64_t>{2, 4, 6}));
  EXPECT_FALSE(h.finished());
}

TEST(GraphHarness, ClosingTheInputsEndsTheGraphAndItsOutputs) {
  GraphHarness h(load(kChain), registry());
  h.start();
  ASSERT_EQ(h.send("inp", Envelope(Value(std::int64_t{5}))), SendStatus::kOk);
  h.close_inputs();
  h.drain();
  EXPECT_EQ(ints(h.take("out")), (std::vector<std::int64_t>{12}));
  EXPECT_TRUE(h.ended("out"));
  EXPECT_TRUE(h.finished());
  EXPECT_TRUE(h.result().ok) << h.result().format();
}

TEST(GraphHarness, FlushMarkersPassThroughTheGraphAfterTheMessagesBeforeThem) {
  GraphHarness h(load(kChain), registry());
  h.start();
  ASSERT_EQ(h.send("inp", Envelope(Value(std::int64_t{1}))), SendStatus::kOk);
  h.send_marker("inp");
  h.drain();
  EXPECT_EQ(ints(h.take("out")), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(h.markers("out"), 1u);
}

TEST(GraphHarness, ANodeFailureIsTheRunsResultNamingTheNode) {
  GraphHarness h(load(R"(
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["p:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["p:out"]}]
nodes = [{name = "p", ty = "Picky"}]
)"),
                 registry());
  h.start();
  ASSERT_EQ(h.send("inp", Envelope(Value(std::int64_t{13}))), SendStatus::kOk);
  ASSERT_TRUE(h.run_until_finished());
  const RunResult r = h.result();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.node, "g/p");
  EXPECT_NE(r.message.find("unlucky"), std::string::npos) << r.message;
}

TEST(GraphHarness, AConfigErrorIsThrownWithItsLocation) {
  try {
    GraphHarness h(load(R"(
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "a", ty = "Nope"}]
)"),
                   registry());
    FAIL() << "an unknown node type was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("t.toml:5:28:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Nope"), std::string::npos) << e.what();
  }
}

TEST(GraphHarness, DestroyingARunningHarnessStepsTheGraphToItsEnd) {
  // Each node instance holds a copy of its function, and with it a reference to `token`.
  auto token = std::make_shared<int>(0);
  auto r = std::make_shared<Registry>();
  r->add_node(map_node("AddOne", "adds one", [token](std::int64_t x) { return x + 1; }));
  r->add_node(map_node("Twice", "doubles", [token](std::int64_t x) { return x * 2; }));
  const long registered = token.use_count();
  auto h = std::make_unique<GraphHarness>(load(kChain), r);
  h->start();
  ASSERT_EQ(h->send("inp", Envelope(Value(std::int64_t{1}))), SendStatus::kOk);
  h->drain();
  ASSERT_GT(token.use_count(), registered) << "the graph's nodes hold no copy of their function";
  h.reset();  // its inputs still open: the destructor must close, stop and step it to the end
  EXPECT_EQ(token.use_count(), registered) << "a node instance outlived the harness";
}

}  // namespace
}  // namespace rill
