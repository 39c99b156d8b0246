// Named executors declared in a config ([[executors]]): nodes run on them, with the scheduling
// options applied or a warning; the default pool keeps one thread per core however many nodes,
// and is the process's shared pool unless a graph asks for threads of its own.

#include <sched.h>

#include <mutex>
#include <set>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"
#include "rill/core/executor.hpp"

namespace rill::testing {
namespace {

/// Records the executor and scheduling policy each message was handled on.
class WhereAmI final : public Node {
 public:
  explicit WhereAmI(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    Executor* ex = Executor::current();
    std::lock_guard g(mu());
    seen().insert({ex ? ex->name() : "<none>", sched_getscheduler(0)});
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::set<std::pair<std::string, int>>& seen() {
    static std::set<std::pair<std::string, int>> s;
    return s;
  }
};

std::shared_ptr<Registry> registry_with_where() {
  auto r = runtime_registry();
  r->add_node(loose_type<WhereAmI>("WhereAmI", {"inp"}, {}));
  return r;
}

TEST(NamedExecutor, NodeRunsOnItsExecutorWithThePolicyAppliedOrWarned) {
  auto g = load_graph(R"(
main = "main"
[[executors]]
name = "rt"
threads = 1
policy = "SCHED_RR"
priority = 5

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "RangeSource", count = 50 },
  { name = "where", ty = "WhereAmI", executor = "rt" },
]
connections = [{ cap = 4, ports = ["src:out", "where:inp"] }]
)",
                      {}, registry_with_where());
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->run().ok);
  std::lock_guard lock(WhereAmI::mu());
  ASSERT_EQ(WhereAmI::seen().size(), 1u) << "every message handled on the one executor";
  const auto& [name, policy] = *WhereAmI::seen().begin();
  EXPECT_EQ(name, "rt");
  // Either applied, or the process may not use SCHED_RR and the executor runs at SCHED_OTHER
  // (the warning is logged at start; ThreadPool tests check its text).
  EXPECT_TRUE(policy == SCHED_RR || policy == SCHED_OTHER) << policy;
  WhereAmI::seen().clear();
}

TEST(NamedExecutor, UnknownExecutorIsALocatedErrorAndNothingRuns) {
  Diagnostics diags;
  auto spec = config::load_toml_string(R"(main = "main"
[[graphs]]
name = "main"
nodes = [{ name = "src", ty = "RangeSource", executor = "gpu" }]
)",
                                       "exec.toml", "", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_FALSE(Graph::create(*spec, runtime_registry(), diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_NE(diags.format().find("exec.toml:4:"), std::string::npos) << diags.format();
  EXPECT_NE(diags.format().find("gpu"), std::string::npos) << diags.format();
}

TEST(DefaultPool, ThreadCountIsFixedWithThousandsOfNodes) {
  // 2,000 pass-through nodes in one chain: every node is a coroutine, none gets a thread.
  std::string toml =
      "main = \"main\"\n[[graphs]]\nname = \"main\"\n"
      "[[graphs.nodes]]\nname = \"src\"\nty = \"RangeSource\"\ncount = 100\n"
      "[[graphs.nodes]]\nname = \"sink\"\nty = \"Sink\"\nkey = \"many\"\n"
      "{% for i in range(2000) %}[[graphs.nodes]]\nname = \"t{{ i }}\"\n"
      "ty = \"Transform\"\n{% end for %}"
      "[[graphs.connections]]\ncap = 1\nports = [\"src:out\", \"t0:inp\"]\n"
      "{% for i in range(1999) %}[[graphs.connections]]\ncap = 1\n"
      "ports = [\"t{{ i }}:out\", \"t{{ i + 1 }}:inp\"]\n{% end for %}"
      "[[graphs.connections]]\ncap = 1\nports = [\"t1999:out\", \"sink:inp\"]\n";
  GraphOptions opts;
  opts.threads = 2;
  auto g = load_graph(toml, opts);
  ASSERT_TRUE(g);
  const int before = process_thread_count();
  g->start();
  const int during = process_thread_count();
  ASSERT_TRUE(g->wait().ok);
  EXPECT_LE(during - before, 2 + 1) << "the pool's workers (and at most the timer thread)";
  EXPECT_EQ(Store::take("many").size(), 100u);
}

/// Records which executor ran it.
class RecordsExecutor final : public Node {
 public:
  explicit RecordsExecutor(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    while (co_await ctx.input("inp").recv()) {
    }
    std::lock_guard g(WhereAmI::mu());
    ran_on().insert(Executor::current());
  }
  static std::set<Executor*>& ran_on() {
    static std::set<Executor*> s;
    return s;
  }
};

std::unique_ptr<Graph> recording_graph(GraphOptions options) {
  auto r = runtime_registry();
  r->add_node(loose_type<RecordsExecutor>("RecordsExecutor", {"inp"}, {}));
  return load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "RangeSource", count = 20 },
  { name = "c", ty = "RecordsExecutor" },
]
connections = [{ cap = 2, ports = ["src:out", "c:inp"] }]
)",
                    std::move(options), r);
}

TEST(DefaultPool, GraphsShareTheProcessPoolUnlessGivenThreadsOfTheirOwn) {
  for (int i = 0; i < 2; ++i) {
    auto g = recording_graph({});
    ASSERT_TRUE(g);
    ASSERT_TRUE(g->run().ok);
  }
  GraphOptions own;
  own.threads = 1;
  auto g = recording_graph(own);
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->run().ok);
  std::lock_guard lock(WhereAmI::mu());
  ASSERT_EQ(RecordsExecutor::ran_on().size(), 2u) << "two graphs on one pool, a third on its own";
  EXPECT_EQ(RecordsExecutor::ran_on().count(default_executor().get()), 1u);
  RecordsExecutor::ran_on().clear();
}

}  // namespace
}  // namespace rill::testing
