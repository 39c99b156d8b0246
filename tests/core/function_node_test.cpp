// Function nodes (map, filter, source, sink) under the production driver, through NodeHarness.

#include "rill/core/function_node.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rill/core/testing.hpp"

namespace rill {
namespace {

using testing::NodeHarness;

constexpr IntArg kFactor{.name = "factor", .def = 2, .doc = "multiplier"};
constexpr IntArg kUpTo{.name = "up_to", .def = 3, .min = 0};

std::vector<std::int64_t>& sunk() {
  static std::vector<std::int64_t> values;
  return values;
}

std::shared_ptr<const Registry> function_registry() {
  auto r = std::make_shared<Registry>();
  r->add_node(map_node("Doubler", "multiplies by factor",
                       [](std::int64_t x, const NodeConfig& c) { return x * c.arg(kFactor); },
                       {kFactor}));
  r->add_node(map_node("Halve", "halves even numbers, drops odd ones",
                       [](std::int64_t x) -> std::optional<std::int64_t> {
                         if (x % 2 != 0) return std::nullopt;
                         return x / 2;
                       }));
  r->add_node(filter_node("Even", "keeps even numbers", [](std::int64_t x) { return x % 2 == 0; }));
  r->add_node(sink_node("Store", "stores ints", [](std::int64_t x) { sunk().push_back(x); }));
  r->add_node(source_node(
      "Count", "0 .. up_to-1",
      [i = std::int64_t{0}](const NodeConfig& c) mutable -> std::optional<std::int64_t> {
        if (i >= c.arg(kUpTo)) return std::nullopt;
        return i++;
      },
      {kUpTo}));
  return r;
}

Envelope int_msg(std::int64_t v, std::uint64_t partial_id) {
  Envelope e{Value(v)};
  e.info().set_partial_id(partial_id);
  return e;
}

std::vector<std::int64_t> ints(const std::vector<Envelope>& es) {
  std::vector<std::int64_t> out;
  for (const auto& e : es) out.push_back(e.msg().as_int());
  return out;
}

TEST(FunctionNode, MapDeclaresItsPortsPayloadAndArguments) {
  const std::shared_ptr<const Registry> registry = function_registry();
  const NodeType* t = registry->find_node("Doubler");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->inputs().size(), 1u);
  EXPECT_EQ(t->inputs()[0].name, "inp");
  EXPECT_EQ(t->inputs()[0].type, "int");
  ASSERT_EQ(t->outputs().size(), 1u);
  EXPECT_EQ(t->outputs()[0].name, "out");
  ASSERT_EQ(t->contract.args().size(), 1u);
  EXPECT_EQ(t->contract.args()[0].name, "factor");
}

TEST(FunctionNode, MapSendsTheResultWithTheInputsInfo) {
  NodeHarness h(function_registry(), "Doubler", {{"factor", 3}});
  h.start();
  h.send("inp", int_msg(5, 7));
  h.close_inputs();
  h.drain();
  auto out = h.take("out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_int(), 15);
  EXPECT_EQ(out[0].info().partial_id(), 7u) << "a shared node routes results back by Info";
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
}

TEST(FunctionNode, AnEmptyOptionalSendsNothing) {
  NodeHarness h(function_registry(), "Halve");
  h.start();
  for (std::int64_t v : {1, 2, 3, 4}) h.send("inp", int_msg(v, 0));
  h.close_inputs();
  h.drain();
  EXPECT_EQ(ints(h.take("out")), (std::vector<std::int64_t>{1, 2}));
}

TEST(FunctionNode, FilterForwardsTheKeptMessagesUnchanged) {
  NodeHarness h(function_registry(), "Even");
  h.start();
  for (std::int64_t v : {1, 2, 3, 4}) h.send("inp", int_msg(v, static_cast<std::uint64_t>(v)));
  h.close_inputs();
  h.drain();
  auto out = h.take("out");
  EXPECT_EQ(ints(out), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(out[1].info().partial_id(), 4u);
}

TEST(FunctionNode, SinkSeesEveryMessage) {
  sunk().clear();
  NodeHarness h(function_registry(), "Store");
  h.start();
  for (std::int64_t v : {4, 5}) h.send("inp", int_msg(v, 0));
  h.close_inputs();
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(sunk(), (std::vector<std::int64_t>{4, 5}));
}

TEST(FunctionNode, SourceRunsUntilEmptyWithPerInstanceState) {
  for (int run = 0; run < 2; ++run) {  // a second instance starts from 0 again
    NodeHarness h(function_registry(), "Count", {{"up_to", 4}});
    h.start();
    h.drain();
    EXPECT_TRUE(h.finished());
    EXPECT_EQ(ints(h.take("out")), (std::vector<std::int64_t>{0, 1, 2, 3}));
    EXPECT_TRUE(h.ended("out"));
  }
}

TEST(FunctionNode, APayloadOfTheWrongTypeIsANodeError) {
  NodeHarness h(function_registry(), "Doubler");
  h.start();
  h.send("inp", Envelope{Value("five")});
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_NE(h.error().find("test/node: "), std::string::npos) << h.error();
}

TEST(FunctionNode, ArgumentsAreCheckedAgainstTheDeclaredOnes) {
  EXPECT_THROW(NodeHarness(function_registry(), "Doubler", {{"factr", 3}}), std::invalid_argument);
  EXPECT_THROW(NodeHarness(function_registry(), "Count", {{"up_to", -1}}), std::invalid_argument);
}

}  // namespace
}  // namespace rill
