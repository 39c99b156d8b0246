// Test-only C++ plugin for the CLI tests: TickSource (runs until its count or a stop), TickSink
// (counts), Explode (throws on one value), Stall (never drains). Every report goes to stdout,
// flushed, so the test reading the pipe sees it at once.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include <rill/core/node.hpp>
#include <rill/core/registry.hpp>
#include <rill/core/timer.hpp>

namespace rill::testing {

namespace {

/// Sends 0, 1, 2, ... until `count` (-1 = until the graph stops). Prints "TickSource started"
/// once `announce_after` sends went through (the test signals only then, so messages are in
/// flight) and "TickSource sent N" at the end, N = the sends the channel accepted.
class TickSource final : public Node {
 public:
  static constexpr Output<std::int64_t> kOut{"out"};
  static constexpr IntArg kCount{.name = "count", .def = -1, .min = -1};
  static constexpr IntArg kAnnounceAfter{.name = "announce_after", .def = 0, .min = 0};
  static Contract contract() { return {kOut, kCount, kAnnounceAfter}; }

  explicit TickSource(const NodeConfig& c)
      : count_(c.arg(kCount)), announce_after_(c.arg(kAnnounceAfter)) {}
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  Task<> exec(Context& ctx) override {
    OutputPort& out = ctx[kOut];
    for (std::int64_t i = 0; count_ < 0 || i < count_; ++i) {
      if (i == announce_after_) {
        std::printf("TickSource started\n");
        std::fflush(stdout);
      }
      if (co_await out.send(Envelope{Value(i)}) == SendStatus::kClosed) break;
      ++sent_;
    }
  }
  void finalize(Context&) override {
    std::printf("TickSource sent %llu\n", static_cast<unsigned long long>(sent_));
    std::fflush(stdout);
  }

 private:
  std::int64_t count_;
  std::int64_t announce_after_;
  std::uint64_t sent_ = 0;
};

/// Counts what arrives; prints "TickSink received N" when its input has ended.
class TickSink final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static Contract contract() { return {kIn}; }

  explicit TickSink(const NodeConfig&) {}
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  Task<> exec(Context& ctx) override {
    while (auto e = co_await ctx[kIn].recv()) ++received_;
  }
  void finalize(Context&) override {
    std::printf("TickSink received %llu\n", static_cast<unsigned long long>(received_));
    std::fflush(stdout);
  }

 private:
  std::uint64_t received_ = 0;
};

/// Forwards everything, but throws on the value args["at"] (default 3).
class Explode final : public Node {
 public:
  static constexpr Input<std::int64_t> kIn{"inp"};
  static constexpr Output<std::int64_t> kOut{"out"};
  static constexpr IntArg kAt{.name = "at", .def = 3, .doc = "the value to throw on"};
  static Contract contract() { return {kIn, kOut, kAt}; }

  explicit Explode(const NodeConfig& c) : at_(c.arg(kAt)) {}
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  Task<> exec(Context& ctx) override {
    while (auto e = co_await ctx[kIn].recv()) {
      if (e->msg().as_int() == at_) throw std::runtime_error("exploded at " + std::to_string(at_));
      co_await ctx[kOut].send(std::move(*e));
    }
  }

 private:
  std::int64_t at_;
};

/// Takes one message and then sleeps for an hour: a graph with it cannot drain, so only a second
/// SIGINT ends the process. Prints "Stall holding" once it holds the message.
class Stall final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static Contract contract() { return {kIn}; }

  explicit Stall(const NodeConfig&) {}
  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  Task<> exec(Context& ctx) override {
    auto e = co_await ctx[kIn].recv();
    if (!e) co_return;
    std::printf("Stall holding\n");
    std::fflush(stdout);
    co_await sleep_for(std::chrono::hours(1));
  }
};

}  // namespace

RILL_REGISTER_NODE(TickSource, "TickSource", "sends 0, 1, 2, ... (test plugin)");
RILL_REGISTER_NODE(TickSink, "TickSink", "counts what arrives (test plugin)");
RILL_REGISTER_NODE(Explode, "Explode", "forwards, throwing on the value `at` (test plugin)");
RILL_REGISTER_NODE(Stall, "Stall", "takes one message and sleeps an hour (test plugin)");

}  // namespace rill::testing
