#pragma once
// The runtime's implementations of dyn ports: DynOutput creates one dynamic subgraph instance
// per key; DynInput yields the output ends of those instances.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rill/core/event.hpp"
#include "rill/core/node.hpp"
#include "runtime/plan.hpp"

namespace rill::detail {

class GraphInstance;

struct DynInstanceImpl final : DynInstance {
  DynInstanceImpl(std::uint64_t key, std::shared_ptr<std::atomic<std::uint64_t>> retired_sent)
      : key_(key), retired_sent_(std::move(retired_sent)) {}
  /// Hands what was sent into this instance to its dyn port's total, which outlives it.
  ~DynInstanceImpl() override {
    retired_sent_->fetch_add(input_.sent(), std::memory_order_relaxed);
  }
  DynInstanceImpl(const DynInstanceImpl&) = delete;
  DynInstanceImpl& operator=(const DynInstanceImpl&) = delete;
  [[nodiscard]] std::uint64_t key() const override { return key_; }
  OutputPort& input() override { return input_; }
  void close() override { input_.close(); }
  Task<> wait() override;
  [[nodiscard]] bool done() const override { return done_.is_set(); }

  std::uint64_t key_;
  std::shared_ptr<std::atomic<std::uint64_t>> retired_sent_;
  OutputPort input_;
  Event done_;
};

/// Publishing side. Holds sender ends into the subscriber queues of the dyn inputs attached to
/// the same dynamic node: when every publisher is gone, those inputs see the end.
struct DynOutputImpl final : DynOutput {
  DynOutputImpl(GraphInstance* owner, const PlanDynLink* link,
                std::vector<std::pair<std::string, Sender<DynInput::Item>>> subscribers);
  std::shared_ptr<DynInstance> create(std::uint64_t key,
                                      const std::optional<std::string>& tag) override;
  [[nodiscard]] const std::string& name() const override { return link_->port; }
  void send_marker() override;
  /// Messages sent so far into the instances of this port that are still alive. Those of
  /// finished instances are in `retired_sent_`, which the node's slot shares, so they are still
  /// counted once this port is released. Together they are the node's sent messages on this
  /// port (an instance ending during the call may be missed once; a count after the run is exact).
  [[nodiscard]] std::uint64_t live_sent() const;

  GraphInstance* owner_;
  const PlanDynLink* link_;
  std::vector<std::pair<std::string, Sender<DynInput::Item>>> subscribers_;
  mutable std::mutex mu_;
  std::vector<std::weak_ptr<DynInstanceImpl>> live_;
  std::shared_ptr<std::atomic<std::uint64_t>> retired_sent_ =
      std::make_shared<std::atomic<std::uint64_t>>(0);
};

struct DynInputImpl final : DynInput {
  DynInputImpl(std::string name, Receiver<Item> rx) : name_(std::move(name)), rx_(std::move(rx)) {}
  Task<std::optional<Item>> next() override;
  std::optional<Item> try_next() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

  std::string name_;
  Receiver<Item> rx_;
};

}  // namespace rill::detail
