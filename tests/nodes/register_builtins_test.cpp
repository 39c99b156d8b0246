// register_builtin_nodes / builtin_registry: MegFlow's type and port names, and the contracts.

#include <gtest/gtest.h>

#include "rill/core/limits.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace rill {
namespace {

struct Expected {
  const char* type;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};

std::vector<std::string> formatted(const std::vector<PortDecl>& ports) {
  std::vector<std::string> v;
  for (const PortDecl& p : ports) v.push_back(format_port_decl(p));
  return v;
}

TEST(RegisterBuiltins, RegistersMegFlowTypeAndPortNames) {
  const std::vector<Expected> expected = {
      {"Transform", {"inp"}, {"out"}},
      {"Noop", {"inp"}, {"out"}},
      {"NoopProducer", {}, {"out"}},
      {"NoopConsumer", {"inp"}, {}},
      {"Bcast", {"inp"}, {"out:[]"}},
      {"Demux", {"inp"}, {"out:{}"}},
      {"DynDemux", {"inp"}, {"out:dyn"}},
      {"Reorder", {"inp"}, {"out"}},
      {"Batch", {"inp"}, {"out"}},
      {"DynOutTransform", {"inp"}, {"out:dyn"}},
      {"DynInTransform", {"inp:dyn"}, {"out"}},
      {"JsonLines", {"inp"}, {"out"}},
  };
  Registry registry;
  register_builtin_nodes(registry);
  EXPECT_EQ(registry.node_names().size(), expected.size());
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.type);
    const NodeType* t = registry.find_node(e.type);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(formatted(t->inputs()), e.inputs);
    EXPECT_EQ(formatted(t->outputs()), e.outputs);
    // inputs()/outputs() are the contract's declarations.
    EXPECT_EQ(formatted(t->contract.inputs()), e.inputs);
    EXPECT_EQ(formatted(t->contract.outputs()), e.outputs);
    EXPECT_FALSE(t->doc.empty());
    EXPECT_FALSE(t->contract.is_exclusive());
    EXPECT_FALSE(t->contract.has_open_args());  // a misspelt argument is an error
    if (std::string_view(e.type) != "Batch" && std::string_view(e.type) != "JsonLines") {
      EXPECT_TRUE(t->contract.args().empty());
    }
    EXPECT_NE(t->factory(NodeConfig{"n", "main/n", {}}), nullptr);
  }
}

TEST(RegisterBuiltins, BatchDeclaresItsArguments) {
  const NodeType* t = builtin_registry()->find_node("Batch");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->contract.args().size(), 2u);

  const ArgSpec* size = t->contract.find_arg("batch_size");
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->kind, ArgKind::kInt);
  EXPECT_EQ(size->def.as_int(), 8);
  EXPECT_FALSE(size->required);
  EXPECT_EQ(size->min, 1.0);
  EXPECT_EQ(size->max, static_cast<double>(limits::kMaxBatchSize));
  EXPECT_FALSE(size->doc.empty());

  const ArgSpec* timeout = t->contract.find_arg("timeout");
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(timeout->kind, ArgKind::kFloat);
  EXPECT_EQ(timeout->def.as_double(), 100.0);
  EXPECT_FALSE(timeout->required);
  EXPECT_EQ(timeout->min, 0.0);
  EXPECT_EQ(timeout->max, 86'400'000.0);
  EXPECT_FALSE(timeout->doc.empty());
}

TEST(RegisterBuiltins, BuiltinRegistryIsOneSharedInstance) {
  auto a = builtin_registry();
  auto b = builtin_registry();
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(a->find_node("DynDemux"), nullptr);
  EXPECT_EQ(a->find_node("transform"), nullptr);  // type names are case-sensitive
}

}  // namespace
}  // namespace rill
