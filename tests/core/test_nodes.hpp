#pragma once
// Small nodes for core runtime tests (the real built-ins live in rill_nodes).

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "rill/core/graph_spec.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace rill::testing {

/// Emits args["count"] ints 0..n-1 with partial_id set.
class CountSource final : public Node {
 public:
  explicit CountSource(const NodeConfig& c)
      : n_(c.args.find("count") ? c.args.find("count")->as_int() : 10) {}
  Task<> exec(Context& ctx) override {
    auto& out = ctx.output("out");
    for (std::int64_t i = 0; i < n_; ++i) {
      Envelope e{Value(i)};
      e.info().set_partial_id(static_cast<std::uint64_t>(i));
      if (co_await out.send(std::move(e)) == SendStatus::kClosed) break;
    }
  }

 private:
  std::int64_t n_;
};

class Pass final : public Node {
 public:
  explicit Pass(const NodeConfig&) {}
  void init(Context& ctx) override {
    in_ = &ctx.input("inp");
    out_ = &ctx.output("out");
  }
  Task<> exec(Context&) override {
    auto e = co_await in_->recv();
    if (e) co_await out_->send(std::move(*e));
  }

 private:
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

/// Collects every message value into a process-wide list keyed by args["key"].
class Collect final : public Node {
 public:
  explicit Collect(const NodeConfig& c)
      : key_(c.args.find("key") ? c.args.find("key")->as_string() : "default") {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (e) {
      std::lock_guard g(mu());
      store()[key_].push_back(e->msg());
    }
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::map<std::string, std::vector<Value>>& store() {
    static std::map<std::string, std::vector<Value>> s;
    return s;
  }
  static std::vector<Value> take(const std::string& key) {
    std::lock_guard g(mu());
    auto v = std::move(store()[key]);
    store().erase(key);
    return v;
  }

 private:
  std::string key_;
};

/// Throws on the message whose value equals args["fail_at"].
class FailAt final : public Node {
 public:
  explicit FailAt(const NodeConfig& c) : at_(c.args.find("fail_at")->as_int()) {
    constructed().fetch_add(1);
  }
  /// Instances built so far (on_error = "restart" rebuilds the node).
  static std::atomic<int>& constructed() {
    static std::atomic<int> n{0};
    return n;
  }
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    if (e->msg().as_int() == at_) throw std::runtime_error("boom at " + std::to_string(at_));
    co_await ctx.output("out").send(std::move(*e));
  }

 private:
  std::int64_t at_;
};

class TestBcast final : public Node {
 public:
  explicit TestBcast(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    for (auto& o : ctx.outputs("out")) co_await o.send(*e);
  }
};

/// A test node type whose ports are MegFlow port strings and whose arguments are unchecked:
/// these nodes exercise the runtime, not the node contract.
template <typename T>
NodeType loose_type(std::string name, std::vector<std::string> inputs,
                    std::vector<std::string> outputs, bool exclusive = false) {
  NodeType t;
  t.name = std::move(name);
  t.contract = contract_from_ports(inputs, outputs);
  t.contract.exclusive(exclusive);
  t.factory = [](const NodeConfig& c) -> std::unique_ptr<Node> { return std::make_unique<T>(c); };
  return t;
}

inline std::shared_ptr<Registry> test_registry() {
  auto r = std::make_shared<Registry>();
  r->add_node(loose_type<CountSource>("CountSource", {}, {"out"}));
  r->add_node(loose_type<Pass>("Pass", {"inp"}, {"out"}));
  r->add_node(loose_type<Collect>("Collect", {"inp"}, {}));
  r->add_node(loose_type<FailAt>("FailAt", {"inp"}, {"out"}));
  r->add_node(loose_type<TestBcast>("Bcast", {"inp"}, {"out:[]"}));
  return r;
}

inline PortRef port(const std::string& text) {
  PortRef p;
  p.text = text;
  auto a = text.find(':');
  auto b = text.find(':', a + 1);
  p.node = text.substr(0, a);
  p.port = text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos) p.tag = std::stoull(text.substr(b + 1));
  return p;
}

inline NodeSpec node(const std::string& name, const std::string& type, Map args = {}) {
  NodeSpec n;
  n.name = name;
  n.type = type;
  n.args = std::move(args);
  return n;
}

inline ConnectionSpec conn(std::size_t cap, std::vector<std::string> ports) {
  ConnectionSpec c;
  c.cap = cap;
  for (auto& p : ports) c.ports.push_back(port(p));
  return c;
}

}  // namespace rill::testing
