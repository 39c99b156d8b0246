// register_builtin_nodes / builtin_registry: MegFlow's type and port names.

#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

struct Expected {
  const char* type;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};

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
  };
  Registry registry;
  register_builtin_nodes(registry);
  EXPECT_EQ(registry.node_names().size(), expected.size());
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.type);
    const NodeType* t = registry.find_node(e.type);
    ASSERT_NE(t, nullptr);
    std::vector<std::string> ins, outs;
    for (const PortDecl& p : t->inputs) ins.push_back(format_port_decl(p));
    for (const PortDecl& p : t->outputs) outs.push_back(format_port_decl(p));
    EXPECT_EQ(ins, e.inputs);
    EXPECT_EQ(outs, e.outputs);
    EXPECT_FALSE(t->doc.empty());
    EXPECT_FALSE(t->exclusive);
    EXPECT_NE(t->factory(NodeConfig{"n", "main/n", {}}), nullptr);
  }
}

TEST(RegisterBuiltins, BuiltinRegistryIsOneSharedInstance) {
  auto a = builtin_registry();
  auto b = builtin_registry();
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(a->find_node("DynDemux"), nullptr);
  EXPECT_EQ(a->find_node("transform"), nullptr);  // type names are case-sensitive
}

}  // namespace
}  // namespace rill::testing
