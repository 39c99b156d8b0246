// Contract: typed port and argument constants, check_args and normalize_args.

#include "rill/core/contract.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rill/core/registry.hpp"

namespace rill {
namespace {

constexpr Input<std::int64_t> kIn{"inp", "numbers"};
constexpr OutputList kOut{"out"};
constexpr OutputDyn kDyn{"streams"};
constexpr IntArg kCount{.name = "count", .def = 3, .min = 1, .max = 10, .doc = "how many"};
constexpr FloatArg kScale{.name = "scale", .def = 1.5, .min = 0};
constexpr BoolArg kVerbose{.name = "verbose"};
constexpr StringArg kLabel{.name = "label", .def = "x"};
constexpr EnumArg kMode{.name = "mode", .def = "fast", .choices = {"fast", "exact"}};
constexpr ListArg kItems{.name = "items"};
constexpr MapArg kOptions{.name = "options"};
constexpr StringArg kModel{.name = "model", .doc = "model file", .required = true};

Contract full() {
  return {kIn, kOut, kDyn, kCount, kScale, kVerbose, kLabel, kMode, kItems, kOptions};
}

std::vector<std::string> messages(const Contract& c, const Map& args, bool strict = true) {
  std::vector<std::string> out;
  for (const ArgProblem& p : check_args(c, args, strict)) {
    out.push_back((p.warning ? "warning: " : "") + p.key + ": " + p.message);
  }
  return out;
}

TEST(Contract, PortsAndArgumentsAreDeclaredInOrderWithTheirShapes) {
  Contract c = full();
  ASSERT_EQ(c.inputs().size(), 1u);
  EXPECT_EQ(c.inputs()[0].name, "inp");
  EXPECT_EQ(c.inputs()[0].type, "int");
  EXPECT_EQ(c.inputs()[0].doc, "numbers");
  ASSERT_EQ(c.outputs().size(), 2u);
  EXPECT_EQ(format_port_decl(c.outputs()[0]), "out:[]");
  EXPECT_EQ(format_port_decl(c.outputs()[1]), "streams:dyn");
  ASSERT_EQ(c.args().size(), 7u);
  const ArgSpec* count = c.find_arg("count");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->kind, ArgKind::kInt);
  EXPECT_EQ(count->def, Value(3));
  EXPECT_EQ(count->min, 1.0);
  EXPECT_EQ(count->max, 10.0);
  EXPECT_FALSE(c.find_arg("scale")->max.has_value()) << "an unbounded side has no limit";
  EXPECT_EQ(c.find_arg("mode")->choices, (std::vector<std::string>{"fast", "exact"}));
}

TEST(Contract, GoodArgumentsHaveNoProblems) {
  EXPECT_TRUE(messages(full(), Map{{"count", 10},
                                   {"scale", 2},
                                   {"verbose", true},
                                   {"label", "y"},
                                   {"mode", "exact"},
                                   {"items", List{}},
                                   {"options", Map{}}})
                  .empty());
}

TEST(Contract, EachKindRejectsTheWrongType) {
  EXPECT_EQ(messages(full(), Map{{"count", "3"},
                                 {"scale", "big"},
                                 {"verbose", 1},
                                 {"label", 2},
                                 {"mode", 1},
                                 {"items", Map{}},
                                 {"options", List{}}}),
            (std::vector<std::string>{
                "count: argument 'count' must be an integer, got string \"3\"",
                "scale: argument 'scale' must be a number, got string \"big\"",
                "verbose: argument 'verbose' must be true or false, got int 1",
                "label: argument 'label' must be a string, got int 2",
                "mode: argument 'mode' must be one of 'fast', 'exact', got int 1",
                "items: argument 'items' must be a list, got map {}",
                "options: argument 'options' must be a table, got list []",
            }));
}

TEST(Contract, RangesAreInclusiveAndNamed) {
  EXPECT_TRUE(messages(full(), Map{{"count", 1}}).empty());
  EXPECT_TRUE(messages(full(), Map{{"count", 10}}).empty());
  EXPECT_EQ(
      messages(full(), Map{{"count", 11}}),
      (std::vector<std::string>{"count: argument 'count' must be between 1 and 10, got int 11"}));
  EXPECT_EQ(messages(full(), Map{{"scale", -0.5}}),
            (std::vector<std::string>{"scale: argument 'scale' must be >= 0, got double -0.5"}));
}

TEST(Contract, AChoiceOutsideTheSetSuggestsTheClosest) {
  EXPECT_EQ(messages(full(), Map{{"mode", "exakt"}}),
            (std::vector<std::string>{"mode: argument 'mode' must be one of 'fast', 'exact', got "
                                      "'exakt' (did you mean 'exact'?)"}));
}

TEST(Contract, AMissingRequiredArgumentIsNamedWithItsDoc) {
  EXPECT_EQ(messages(Contract{kModel}, Map{}),
            (std::vector<std::string>{"model: missing required argument 'model' (model file)"}));
}

TEST(Contract, UnknownArgumentsAreErrorsUnlessOpenOrNotStrict) {
  EXPECT_EQ(messages(full(), Map{{"cuont", 1}}),
            (std::vector<std::string>{"cuont: unknown argument 'cuont' (did you mean 'count'?)"}));
  EXPECT_TRUE(messages(full(), Map{{"cuont", 1}}, /*strict=*/false).empty());
  EXPECT_TRUE(messages(Contract{kIn}.open_args(), Map{{"anything", 1}}).empty());
}

TEST(Contract, AnIgnoredKeyIsAWarningSayingWhy) {
  Contract c = Contract{kIn}.ignore("device", "rill picks the device itself");
  EXPECT_EQ(messages(c, Map{{"device", "gpu0"}}),
            (std::vector<std::string>{
                "warning: device: argument 'device' is ignored: rill picks the device itself"}));
}

TEST(Contract, LongValuesAreCutInMessages) {
  std::vector<std::string> m = messages(full(), Map{{"count", std::string(10'000, 'x')}});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_LT(m[0].size(), 120u) << m[0];
}

TEST(Contract, NormalizeFillsDefaultsAndConvertsIntegersForFloats) {
  Map out = normalize_args(full(), Map{{"scale", 2}, {"extra", "kept"}});
  EXPECT_EQ(*out.find("count"), Value(3));
  ASSERT_TRUE(out.find("scale")->is_double());
  EXPECT_EQ(out.find("scale")->as_double(), 2.0);
  EXPECT_EQ(*out.find("mode"), Value("fast"));
  EXPECT_EQ(*out.find("extra"), Value("kept")) << "keys for other nodes pass through";
  EXPECT_TRUE(out.find("items")->is_list());
}

TEST(Contract, NormalizeThrowsTheFirstProblem) {
  EXPECT_THROW(normalize_args(full(), Map{{"count", 0}}), std::invalid_argument);
  EXPECT_THROW(normalize_args(Contract{kModel}, Map{}), std::invalid_argument);
}

TEST(Contract, NodeConfigGivesTypedArgumentsAndDefaults) {
  NodeConfig c{"n", "main/n", normalize_args(full(), Map{{"count", 7}, {"mode", "exact"}})};
  EXPECT_EQ(c.arg(kCount), 7);
  EXPECT_EQ(c.arg(kScale), 1.5);
  EXPECT_FALSE(c.arg(kVerbose));
  EXPECT_EQ(c.arg(kLabel), "x");
  EXPECT_EQ(c.arg(kMode), "exact");
  EXPECT_TRUE(c.arg(kItems).empty());
  EXPECT_TRUE(c.arg(kOptions).empty());
}

TEST(Contract, PortsFromMegFlowStringsAreOpen) {
  Contract c = contract_from_ports({"inp:[]"}, {"out:{}", "x:dyn"});
  EXPECT_EQ(format_port_decl(c.inputs()[0]), "inp:[]");
  EXPECT_EQ(format_port_decl(c.outputs()[1]), "x:dyn");
  EXPECT_TRUE(c.has_open_args());
  EXPECT_THROW(contract_from_ports({"in put"}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace rill
