#pragma once
// Nodes and helpers for the runtime semantics tests: graphs are written in MegFlow TOML (the
// dialect users write) and run on the real runtime with the built-in nodes plus these.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/test_nodes.hpp"
#include "rill/config/toml_loader.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace rill::testing {

inline std::int64_t arg_int(const NodeConfig& c, const char* key, std::int64_t fallback) {
  const Value* v = c.args.find(key);
  return v ? v->as_int() : fallback;
}

inline std::string arg_str(const NodeConfig& c, const char* key, std::string fallback) {
  const Value* v = c.args.find(key);
  return v ? v->as_string() : fallback;
}

/// Emits `per_stream` messages to each of `streams` to_addr keys, interleaved (key = i % streams),
/// tagged with alternative "<alt_prefix><key % 2>", then one empty envelope per key to close it.
/// Value = key * 1000 + sequence number within the key.
class AddrSource final : public Node {
 public:
  explicit AddrSource(const NodeConfig& c)
      : streams_(arg_int(c, "streams", 1)),
        per_stream_(arg_int(c, "per_stream", 1)),
        alt_prefix_(arg_str(c, "alt_prefix", "")) {}
  Task<> exec(Context& ctx) override {
    OutputPort& out = ctx.output("out");
    for (std::int64_t j = 0; j < per_stream_; ++j) {
      for (std::int64_t k = 0; k < streams_; ++k) {
        Envelope e{Value(k * 1000 + j)};
        e.info().set_to_addr(static_cast<std::uint64_t>(k));
        e.info().set_partial_id(static_cast<std::uint64_t>(j));
        if (!alt_prefix_.empty()) e.info().set_tag(alt_prefix_ + std::to_string(k % 2));
        co_await out.send(std::move(e));
      }
    }
    for (std::int64_t k = 0; k < streams_; ++k) {
      Info info;
      info.set_to_addr(static_cast<std::uint64_t>(k));
      co_await out.send(Envelope::empty_with(info));
    }
  }

 private:
  std::int64_t streams_;
  std::int64_t per_stream_;
  std::string alt_prefix_;
};

/// Global-node style worker: re-emits every envelope `times` times, keeping its Info (so a shared
/// node routes each copy back to the client it came from).
class Repeat final : public Node {
 public:
  explicit Repeat(const NodeConfig& c) : times_(arg_int(c, "times", 1)) {}
  void init(Context& ctx) override {
    in_ = &ctx.input("inp");
    out_ = &ctx.output("out");
  }
  Task<> exec(Context&) override {
    auto e = co_await in_->recv();
    if (!e) co_return;
    for (std::int64_t i = 0; i + 1 < times_; ++i) co_await out_->send(*e);
    co_await out_->send(std::move(*e));
  }

 private:
  std::int64_t times_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

/// What one Printer instance saw.
struct PrinterRecord {
  std::string path;
  std::vector<Value> values;
  std::set<std::uint64_t> to_addrs;
  Value global_buf, parent_buf, buf;
};

/// Logical-test sink: records its messages and the resources it sees, once, at finalize.
class Printer final : public Node {
 public:
  explicit Printer(const NodeConfig&) {}
  void init(Context& ctx) override {
    rec_.path = ctx.path();
    rec_.global_buf = ctx.resource("global_buf");
    rec_.parent_buf = ctx.resource("parent_buf");
    rec_.buf = ctx.resource("buf");
  }
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    rec_.values.push_back(e->msg());
    if (e->info().to_addr()) rec_.to_addrs.insert(*e->info().to_addr());
  }
  void finalize(Context&) override {
    std::lock_guard g(mu());
    records().push_back(std::move(rec_));
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::vector<PrinterRecord>& records() {
    static std::vector<PrinterRecord> r;
    return r;
  }
  static std::vector<PrinterRecord> take() {
    std::lock_guard g(mu());
    return std::exchange(records(), {});
  }

 private:
  PrinterRecord rec_;
};

/// Emits args["count"] ints starting at args["base"], then ends; counts what it sent.
class RangeSource final : public Node {
 public:
  explicit RangeSource(const NodeConfig& c)
      : base_(arg_int(c, "base", 0)), n_(arg_int(c, "count", 10)) {}
  Task<> exec(Context& ctx) override {
    for (std::int64_t i = 0; i < n_; ++i) {
      if (co_await ctx.output("out").send(Envelope{Value(base_ + i)}) != SendStatus::kOk) break;
    }
  }

 private:
  std::int64_t base_, n_;
};

/// Emits increasing ints until a send fails (graph stopped); counts successful sends.
class EndlessSource final : public Node {
 public:
  explicit EndlessSource(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    for (std::int64_t i = 0;; ++i) {
      if (co_await ctx.output("out").send(Envelope{Value(i)}) != SendStatus::kOk) break;
      sent().fetch_add(1);
    }
  }
  static std::atomic<std::int64_t>& sent() {
    static std::atomic<std::int64_t> n{0};
    return n;
  }
};

/// Squares an int, keeping the Info.
class Square final : public Node {
 public:
  explicit Square(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    std::int64_t v = e->msg().as_int();
    co_await ctx.output("out").send(e->repack(Value(v * v)));
  }
};

/// Zips list port `inp:[]`: takes one message from each end, in port order, and emits them as
/// one list (so a test sees the order of the ends).
class Zip final : public Node {
 public:
  explicit Zip(const NodeConfig&) {}
  Task<> exec(Context& ctx) override {
    List items;
    for (InputPort& p : ctx.inputs("inp")) {
      auto e = co_await p.recv();
      if (e) items.push_back(e->msg());
    }
    if (!items.empty()) co_await ctx.output("out").send(Envelope{Value(std::move(items))});
  }
};

/// Forwards ints, throwing on the one equal to args["fail_value"].
class FailOn final : public Node {
 public:
  explicit FailOn(const NodeConfig& c) : bad_(arg_int(c, "fail_value", -1)) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (!e) co_return;
    if (e->msg().as_int() == bad_) throw std::runtime_error("bad value " + std::to_string(bad_));
    co_await ctx.output("out").send(std::move(*e));
  }

 private:
  std::int64_t bad_;
};

/// Thread-safe per-key store of what sinks received.
class Store {
 public:
  static void add(const std::string& key, Value v) {
    std::lock_guard g(mu());
    data()[key].push_back(std::move(v));
  }
  static std::vector<Value> take(const std::string& key) {
    std::lock_guard g(mu());
    auto v = std::move(data()[key]);
    data().erase(key);
    return v;
  }

 private:
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
  static std::map<std::string, std::vector<Value>>& data() {
    static std::map<std::string, std::vector<Value>> d;
    return d;
  }
};

/// Stores every message under args["key"] (default: the node's path).
class Sink final : public Node {
 public:
  explicit Sink(const NodeConfig& c) : key_(arg_str(c, "key", c.path)) {}
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx.input("inp").recv();
    if (e && !e->empty()) Store::add(key_, e->msg());  // empty = a stream's closing envelope
  }

 private:
  std::string key_;
};

/// A resource: {name, n, id} with a process-unique id, so tests can tell instances apart.
inline Value make_buf(const std::string& name, const Map& args) {
  static std::atomic<std::int64_t> next_id{1};
  Map m;
  m.set("name", Value(name));
  const Value* n = args.find("n");
  m.set("n", n ? *n : Value(0));
  m.set("id", Value(next_id.fetch_add(1)));
  return Value(std::move(m));
}

/// Built-in nodes plus the nodes above.
inline std::shared_ptr<Registry> runtime_registry() {
  auto r = std::make_shared<Registry>();
  register_builtin_nodes(*r);
  r->add_node(loose_type<AddrSource>("AddrSource", {}, {"out"}));
  r->add_node(loose_type<Repeat>("Repeat", {"inp"}, {"out"}, /*exclusive=*/true));
  r->add_node(loose_type<Printer>("Printer", {"inp"}, {}));
  r->add_node(loose_type<RangeSource>("RangeSource", {}, {"out"}));
  r->add_node(loose_type<EndlessSource>("EndlessSource", {}, {"out"}));
  r->add_node(loose_type<Square>("Square", {"inp"}, {"out"}));
  r->add_node(loose_type<Zip>("Zip", {"inp:[]"}, {"out"}));
  r->add_node(loose_type<Sink>("Sink", {"inp"}, {}));
  r->add_node(loose_type<FailOn>("FailOn", {"inp"}, {"out"}));
  r->add_resource(ResourceType{"Buf", &make_buf});
  return r;
}

/// Loads `toml` and plans it; fails the test (with every diagnostic) when either step fails.
inline std::unique_ptr<Graph> load_graph(const std::string& toml, GraphOptions options = {},
                                         std::shared_ptr<Registry> registry = runtime_registry()) {
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "test.toml", "", {}, diags);
  if (!spec) {
    ADD_FAILURE() << diags.format();
    return nullptr;
  }
  auto g = Graph::create(*spec, std::move(registry), diags, std::move(options));
  if (!g) ADD_FAILURE() << diags.format();
  return g;
}

}  // namespace rill::testing
