#pragma once
// Fake dyn ports for node tests: a DynOutput whose "subgraph instances" are coroutines that
// record what they receive, and a DynInput fed by the test. They record every create/close so
// tests can check DynDemux's key/tag/empty-envelope protocol without a graph runtime. What the
// test reads or drives lives outside the ports (DynOutputLog, DynInputFeed), because the node's
// Context owns the ports and drops them when the node finishes.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/event.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/node.hpp"
#include "rill/core/task.hpp"

namespace rill::testing {

/// One fake instance: its input channel is drained by a coroutine into `received`. With `held`
/// set, the coroutine waits for release() before reading, so the instance cannot finish early.
class FakeInstance final : public DynInstance {
 public:
  FakeInstance(std::uint64_t key, std::optional<std::string> tag, Sender<Envelope> tx, bool held)
      : key_(key), tag_(std::move(tag)), input_("inp", std::move(tx)), held_(held) {}

  [[nodiscard]] std::uint64_t key() const override { return key_; }
  OutputPort& input() override { return input_; }
  void close() override {
    ++close_calls;
    input_.close();
  }
  Task<> wait() override { co_await finished_.wait(); }
  [[nodiscard]] bool done() const override { return finished_.is_set(); }

  /// Lets a held instance start reading.
  void release() { gate_.set(); }

  [[nodiscard]] const std::optional<std::string>& tag() const { return tag_; }

  std::vector<Envelope> received;
  int markers = 0;
  int close_calls = 0;

  /// The instance body: drain the input until end-of-stream, then finish.
  static Task<> run(std::shared_ptr<FakeInstance> self, Receiver<Envelope> rx) {
    if (self->held_) co_await self->gate_.wait();
    for (;;) {
      std::optional<Envelope> e = co_await rx.recv();
      if (e) {
        self->received.push_back(std::move(*e));
      } else if (rx.last_status() == RecvStatus::kMarker) {
        ++self->markers;
      } else {
        break;
      }
    }
    self->finished_.set();
  }

 private:
  std::uint64_t key_;
  std::optional<std::string> tag_;
  OutputPort input_;
  bool held_;
  Event gate_;
  Event finished_;
};

/// What a FakeDynOutput did, shared with the test: the port itself belongs to the node's
/// Context, which drops it when the node finishes.
struct DynOutputLog {
  /// Instances created for `key`, oldest first.
  [[nodiscard]] std::vector<std::shared_ptr<FakeInstance>> for_key(std::uint64_t key) const {
    std::vector<std::shared_ptr<FakeInstance>> out;
    for (const auto& inst : created) {
      if (inst->key() == key) out.push_back(inst);
    }
    return out;
  }

  std::vector<std::shared_ptr<FakeInstance>> created;
  bool hold_new = false;  ///< new instances wait for release() before reading
  int markers_sent = 0;
};

/// A DynOutput that records creates in a DynOutputLog and hands out FakeInstances with real
/// channels.
class FakeDynOutput final : public DynOutput {
 public:
  explicit FakeDynOutput(std::shared_ptr<DynOutputLog> log, std::size_t cap = 16)
      : log_(std::move(log)), cap_(cap) {}

  std::shared_ptr<DynInstance> create(std::uint64_t key,
                                      const std::optional<std::string>& tag) override {
    auto [tx, rx] = make_channel<Envelope>(cap_);
    auto inst = std::make_shared<FakeInstance>(key, tag, std::move(tx), log_->hold_new);
    // Instances run on the creator's executor, as a runtime would start the subgraph.
    spawn(*Executor::current(), FakeInstance::run(inst, std::move(rx)));
    log_->created.push_back(inst);
    return inst;
  }
  [[nodiscard]] const std::string& name() const override { return name_; }
  void send_marker() override {
    ++log_->markers_sent;
    for (auto& inst : log_->created) {
      if (!inst->done()) inst->input().send_marker();
    }
  }

 private:
  std::shared_ptr<DynOutputLog> log_;
  std::size_t cap_;
  std::string name_ = "out";
};

/// The test's side of a fake `inp:dyn`: add() announces an instance's output end, finish() says
/// no more instances will appear. port() is the DynInput to bind (NodeHarness::dyn_input).
class DynInputFeed {
 public:
  DynInputFeed() {
    auto [tx, rx] = make_channel<Announcement>(1024);
    tx_ = std::move(tx);
    rx_ = std::move(rx);
  }
  void add(std::uint64_t key, Receiver<Envelope> rx) {
    tx_.try_send(Announcement(key, std::move(rx)));
  }
  void finish() { tx_.release(); }

  /// The port end; call once.
  std::unique_ptr<DynInput> port() { return std::make_unique<Port>(std::move(rx_)); }

 private:
  using Announcement = std::pair<std::uint64_t, Receiver<Envelope>>;

  class Port final : public DynInput {
   public:
    explicit Port(Receiver<Announcement> rx) : rx_(std::move(rx)) {}
    Task<std::optional<Item>> next() override {
      std::optional<Announcement> v = co_await rx_.recv();
      if (!v) co_return std::nullopt;
      co_return Item{v->first, InputPort("inp", std::move(v->second))};
    }
    [[nodiscard]] const std::string& name() const override { return name_; }

   private:
    Receiver<Announcement> rx_;
    std::string name_ = "inp";
  };

  Sender<Announcement> tx_;
  Receiver<Announcement> rx_;
};

}  // namespace rill::testing
