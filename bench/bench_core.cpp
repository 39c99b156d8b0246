// Core runtime benchmarks: core.chain8, core.fan8, core.streams1000 (issue 2).
// Prints one JSON object per result (protocol in bench/CMakeLists.txt).

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bench_report.hpp"
#include "peers/tbb_peers.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace {

using rill::Context;
using rill::Envelope;
using rill::Map;
using rill::NodeConfig;
using rill::Task;
using rill::Value;
using rill::bench::emit;
using rill::bench::wanted;

/// Emits `count` envelopes with an int payload; with `streams` > 0 it addresses them round robin
/// to that many dynamic instances and finally sends one empty envelope per stream to close it.
class BenchSource final : public rill::Node {
 public:
  static constexpr rill::Output<std::int64_t> kOut{"out"};
  static constexpr rill::IntArg kCount{.name = "count", .min = 0, .required = true};
  static constexpr rill::IntArg kStreams{.name = "streams", .def = 0, .min = 0};
  static rill::Contract contract() { return {kOut, kCount, kStreams}; }

  explicit BenchSource(const NodeConfig& c) : count_(c.arg(kCount)), streams_(c.arg(kStreams)) {}
  Task<> exec(Context& ctx) override {
    auto& out = ctx[kOut];
    for (std::int64_t i = 0; i < count_; ++i) {
      Envelope e{Value(i)};
      e.info().set_partial_id(static_cast<std::uint64_t>(streams_ ? i / streams_ : i));
      if (streams_) e.info().set_to_addr(static_cast<std::uint64_t>(i % streams_));
      co_await out.send(std::move(e));
    }
    for (std::int64_t s = 0; s < streams_; ++s) {
      rill::Info info;
      info.set_to_addr(static_cast<std::uint64_t>(s));
      co_await out.send(Envelope::empty_with(info));
    }
  }

 private:
  std::int64_t count_;
  std::int64_t streams_;
};

std::atomic<std::int64_t> g_received{0};

class BenchSink final : public rill::Node {
 public:
  static constexpr rill::Input kIn{"inp"};
  static rill::Contract contract() { return {kIn}; }

  explicit BenchSink(const NodeConfig&) {}
  void init(Context& ctx) override { in_ = &ctx[kIn]; }
  Task<> exec(Context&) override {
    std::int64_t n = 0;
    // Drain without suspending while data is there; count once per activation.
    while (auto e = co_await in_->recv()) {
      ++n;
      std::optional<Envelope> more;
      while (in_->try_recv(more) == rill::RecvStatus::kValue) ++n;
      if (in_->ended()) break;
    }
    g_received.fetch_add(n, std::memory_order_relaxed);
  }

 private:
  rill::InputPort* in_ = nullptr;
};

std::shared_ptr<rill::Registry> bench_registry() {
  auto r = std::make_shared<rill::Registry>(*rill::builtin_registry());
  r->add<BenchSource>("BenchSource", "emits `count` ints");
  r->add<BenchSink>("BenchSink", "counts what arrives");
  return r;
}

rill::PortRef port(const std::string& text) {
  rill::PortRef p;
  p.text = text;
  auto a = text.find(':');
  auto b = text.find(':', a + 1);
  p.node = text.substr(0, a);
  p.port = text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos) p.tag = std::stoull(text.substr(b + 1));
  return p;
}

rill::NodeSpec node(std::string name, std::string type, Map args = {}) {
  rill::NodeSpec n;
  n.name = std::move(name);
  n.type = std::move(type);
  n.args = std::move(args);
  return n;
}

void connect(rill::GraphDef& g, std::size_t cap, std::vector<std::string> ports) {
  rill::ConnectionSpec c;
  c.cap = cap;
  for (auto& p : ports) c.ports.push_back(port(p));
  g.connections.push_back(std::move(c));
}

double run_graph(const rill::GraphSpec& spec, int threads, std::int64_t expect) {
  rill::Diagnostics d;
  rill::GraphOptions o;
  o.threads = threads;
  auto g = rill::Graph::create(spec, bench_registry(), d, o);
  if (!g) {
    fmt::print(stderr, "{}", d.format());
    std::exit(2);
  }
  g_received = 0;
  auto t0 = std::chrono::steady_clock::now();
  auto r = g->run();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r.ok || g_received.load() != expect) {
    fmt::print(stderr, "bench graph failed: {} (received {} of {})\n", r.format(),
               g_received.load(), expect);
    std::exit(2);
  }
  return s;
}

rill::GraphSpec chain8_spec(std::int64_t messages, std::size_t cap) {
  rill::GraphSpec s;
  s.main = "main";
  rill::GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "BenchSource", Map{{"count", messages}}));
  std::string prev = "src:out";
  for (int i = 0; i < 8; ++i) {
    std::string n = fmt::format("t{}", i);
    g.nodes.push_back(node(n, "Transform"));
    connect(g, cap, {prev, n + ":inp"});
    prev = n + ":out";
  }
  g.nodes.push_back(node("sink", "BenchSink"));
  connect(g, cap, {prev, "sink:inp"});
  s.graphs.push_back(std::move(g));
  return s;
}

rill::GraphSpec fan8_spec(std::int64_t messages, std::size_t cap) {
  rill::GraphSpec s;
  s.main = "main";
  rill::GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "BenchSource", Map{{"count", messages}}));
  std::vector<std::string> fan{"src:out"};
  std::vector<std::string> merge;
  for (int i = 0; i < 8; ++i) {
    std::string n = fmt::format("t{}", i);
    g.nodes.push_back(node(n, "Transform"));
    fan.push_back(n + ":inp");
    merge.push_back(n + ":out");
  }
  connect(g, cap, fan);  // auto-Bcast to the 8 branches
  g.nodes.push_back(node("sink", "BenchSink"));
  merge.push_back("sink:inp");
  connect(g, cap, merge);  // fan-in
  s.graphs.push_back(std::move(g));
  return s;
}

rill::GraphSpec streams_spec(std::int64_t streams, std::int64_t per_stream) {
  rill::GraphSpec s;
  s.main = "main";
  rill::GraphDef stream;
  stream.name = "stream";
  stream.nodes.push_back(node("a", "Transform"));
  stream.nodes.push_back(node("b", "Transform"));
  stream.nodes.push_back(node("c", "BenchSink"));
  connect(stream, 4, {"a:out", "b:inp"});
  connect(stream, 4, {"b:out", "c:inp"});
  rill::NamedConnSpec in;
  in.name = "inp";
  in.cap = 4;
  in.ports.push_back(port("a:inp"));
  stream.inputs.push_back(in);
  rill::GraphDef g;
  g.name = "main";
  g.nodes.push_back(
      node("src", "BenchSource", Map{{"count", streams * per_stream}, {"streams", streams}}));
  g.nodes.push_back(node("demux", "DynDemux"));
  g.nodes.push_back(node("per_stream", "stream"));
  connect(g, 16, {"src:out", "demux:inp"});
  connect(g, 4, {"demux:out", "per_stream:inp"});
  s.graphs.push_back(std::move(stream));
  s.graphs.push_back(std::move(g));
  return s;
}

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string filter;
  std::int64_t messages = 2'000'000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--filter") == 0 && i + 1 < argc) filter = argv[++i];
    if (std::strcmp(argv[i], "--messages") == 0 && i + 1 < argc) messages = std::stoll(argv[++i]);
  }
  spdlog::set_level(spdlog::level::warn);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  if (wanted(filter, "core.chain8")) {
    // rill at its default (one worker per core) and at 1 worker; the better is reported.
    double best = 0;
    int best_threads = 0;
    for (int t : {cores, 1}) {
      run_graph(chain8_spec(messages / 10, 16), t, messages / 10);  // warm-up
      double s = run_graph(chain8_spec(messages, 16), t, messages);
      double rate = static_cast<double>(messages) / s;
      if (rate > best) {
        best = rate;
        best_threads = t;
      }
    }
    auto peer = rill::bench::tbb_chain8_fastest(messages, 16);
    emit("core.chain8", best, peer.msgs_per_s, "msgs/s",
         fmt::format(", \"threads\": {}, \"peer_threads\": {}, \"peer_config\": \"{}\"",
                     best_threads, peer.threads, peer.config));
  }
  if (wanted(filter, "core.fan8")) {
    const std::int64_t n = messages / 4;
    double best = 0;
    int best_threads = 0;
    for (int t : {cores, 1}) {
      double s = run_graph(fan8_spec(n, 16), t, n * 8);
      double rate = static_cast<double>(n) / s;
      if (rate > best) {
        best = rate;
        best_threads = t;
      }
    }
    auto peer = rill::bench::tbb_fan8_fastest(n, 16);
    emit("core.fan8", best, peer.msgs_per_s, "msgs/s",
         fmt::format(", \"threads\": {}, \"peer_threads\": {}, \"peer_config\": \"{}\"",
                     best_threads, peer.threads, peer.config));
  }
  if (wanted(filter, "core.streams1000")) {
    const std::int64_t streams = 1000, per_stream = 100;
    long rss0 = rss_kb();
    std::atomic<bool> done{false};
    std::atomic<long> peak_rss{rss0};
    std::atomic<int> peak_threads{rill::process_thread_count()};
    std::thread sampler([&] {
      while (!done.load()) {
        peak_rss.store(std::max(peak_rss.load(), rss_kb()));
        peak_threads.store(std::max(peak_threads.load(), rill::process_thread_count()));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
    double s = run_graph(streams_spec(streams, per_stream), 0, streams * per_stream);
    done = true;
    sampler.join();
    const double per_node_kb = static_cast<double>(peak_rss.load() - rss0) / (streams * 3.0);
    // The sampler thread is the benchmark's own, not rill's.
    const int threads = peak_threads.load() - 1;
    emit("core.streams1000", s, 0, "s",
         fmt::format(", \"rss_per_node_kb\": {:.2f}, \"peak_threads\": {}, \"cores\": {}",
                     per_node_kb, threads, cores));
    emit("core.streams1000.rss_per_node", per_node_kb, 0, "KB");
    emit("core.streams1000.peak_threads", threads, 0, "threads");
  }
  return 0;
}
