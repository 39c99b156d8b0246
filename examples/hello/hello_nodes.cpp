// HelloSource and HelloSink: the C++ nodes of the `make demo` example. Built as a plugin library
// (hello.so) that `rill run -p DIR` loads; RILL_REGISTER_NODE makes the types known by name.

#include <cstdint>
#include <cstdio>
#include <string>

#include <rill/core/node.hpp>
#include <rill/core/registry.hpp>

namespace hello {

/// HelloSource (→ out): sends `count` greetings "hello, <who> #i" with partial_id i, then ends.
/// With `streams` = N > 1 the greetings go round robin to N streams (to_addr 0..N-1), as frames
/// of N cameras would, and each stream is closed at the end with an empty envelope (the MegFlow
/// protocol DynDemux understands).
class HelloSource final : public rill::Node {
 public:
  static constexpr rill::Output<std::string> kOut{"out", "the greetings"};
  static constexpr rill::IntArg kCount{
      .name = "count", .def = 5, .min = 0, .doc = "greetings to send"};
  static constexpr rill::IntArg kStreams{
      .name = "streams", .def = 1, .min = 1, .max = 1 << 16, .doc = "streams (to_addr keys)"};
  static constexpr rill::StringArg kWho{.name = "who", .def = "world", .doc = "whom to greet"};
  static rill::Contract contract() { return {kOut, kCount, kStreams, kWho}; }

  explicit HelloSource(const rill::NodeConfig& config)
      : count_(config.arg(kCount)), streams_(config.arg(kStreams)), who_(config.arg(kWho)) {}

  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  rill::Task<> exec(rill::Context& ctx) override {
    rill::OutputPort& out = ctx[kOut];
    for (std::int64_t i = 0; i < count_; ++i) {
      rill::Envelope e{rill::Value("hello, " + who_ + " #" + std::to_string(i))};
      e.info().set_partial_id(static_cast<std::uint64_t>(i));
      if (streams_ > 1) e.info().set_to_addr(static_cast<std::uint64_t>(i % streams_));
      // kClosed: the graph is stopping (Ctrl-C); a source just ends.
      if (co_await out.send(std::move(e)) == rill::SendStatus::kClosed) co_return;
    }
    for (std::int64_t s = 0; streams_ > 1 && s < streams_; ++s) {
      rill::Info info;
      info.set_to_addr(static_cast<std::uint64_t>(s));
      if (co_await out.send(rill::Envelope::empty_with(info)) == rill::SendStatus::kClosed) break;
    }
  }

 private:
  std::int64_t count_;
  std::int64_t streams_;
  std::string who_;
};

/// HelloSink (inp →): prints every message it receives, then how many there were.
class HelloSink final : public rill::Node {
 public:
  static constexpr rill::Input kIn{"inp", "messages to print"};
  static rill::Contract contract() { return {kIn}; }

  explicit HelloSink(const rill::NodeConfig& config) {}

  void init(rill::Context& ctx) override { inp_ = &ctx[kIn]; }

  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  rill::Task<> exec(rill::Context& ctx) override {
    // Bound to a variable: GCC 12 miscompiles `while (co_await ...)` on a discarded temporary.
    while (auto e = co_await inp_->recv()) {
      ++received_;
      const rill::Value& msg = e->msg();
      print_line(ctx, msg.is_string() ? msg.as_string() : msg.debug_string());
    }
  }

  void finalize(rill::Context& ctx) override {
    print_line(ctx, std::to_string(received_) + " message(s) received");
    std::fflush(stdout);
  }

 private:
  /// One fwrite per line: several sinks print from different worker threads, and stdio locks
  /// the stream per call, so lines never interleave (chained `std::cout <<` would).
  static void print_line(const rill::Context& ctx, const std::string& text) {
    const std::string line = "[" + ctx.path() + "] " + text + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }

  rill::InputPort* inp_ = nullptr;
  std::uint64_t received_ = 0;
};

RILL_REGISTER_NODE(HelloSource, "HelloSource",
                   "sends `count` greetings \"hello, <who> #i\" (example plugin)");
RILL_REGISTER_NODE(HelloSink, "HelloSink",
                   "prints every message and a final count (example plugin)");

}  // namespace hello
