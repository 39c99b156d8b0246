// NodeHarness itself: the production driver's rules as a node author sees them.

#include "rill/core/testing.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "rill/core/node.hpp"

namespace rill {
namespace {

using testing::NodeHarness;

/// Looks up a port its contract does not declare: a bug the harness must show at init.
class Sloppy final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr Output kUndeclared{"out"};
  static Contract contract() { return {kIn}; }
  explicit Sloppy(const NodeConfig&) {}
  void init(Context& ctx) override { (void)ctx[kUndeclared]; }
  Task<> exec(Context&) override { co_return; }
};

/// Forwards, counting exec calls (the driver calls exec until every input ended).
class OnePerCall final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr Output kOut{"out"};
  static Contract contract() { return {kIn, kOut}; }
  explicit OnePerCall(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx[kIn].recv();
    if (e) co_await ctx[kOut].send(std::move(*e));
  }
};

std::shared_ptr<const Registry> registry() {
  auto r = std::make_shared<Registry>();
  r->add<Sloppy>("Sloppy", "uses an undeclared port");
  r->add<OnePerCall>("OnePerCall", "one message per exec");
  return r;
}

TEST(NodeHarness, AnUndeclaredPortFailsAtInitNamingIt) {
  NodeHarness h(registry(), "Sloppy");
  h.start();
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(),
            "test/node: init failed: node test/node uses output port 'out', which its node type "
            "does not declare");
}

TEST(NodeHarness, TheDriverForwardsMarkersAfterThePrecedingMessages) {
  NodeHarness h(registry(), "OnePerCall");
  h.start();
  h.send("inp", Envelope{Value(1)});
  h.send_marker("inp");
  h.drain();
  EXPECT_EQ(h.take("out").size(), 1u);
  EXPECT_EQ(h.markers("out"), 1u);
  EXPECT_FALSE(h.finished());
  h.close_inputs();
  h.drain();
  h.take("out");
  EXPECT_TRUE(h.ended("out")) << "the driver closes the outputs when the node ends";
  EXPECT_EQ(h.context().counters().execs.load(), 3u);
}

TEST(NodeHarness, AnUnknownTypeIsRefused) {
  EXPECT_THROW(NodeHarness(registry(), "Nope"), std::invalid_argument);
}

TEST(NodeHarness, DestroyingARunningHarnessEndsTheNode) {
  auto h = std::make_unique<NodeHarness>(registry(), "OnePerCall");
  h->start();
  h->send("inp", Envelope{Value(1)});
  h.reset();  // must neither hang nor leak (the ASan build checks the latter)
  SUCCEED();
}

}  // namespace
}  // namespace rill
