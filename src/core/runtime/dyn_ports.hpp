#pragma once
// The runtime's implementations of dyn ports: DynOutput creates one dynamic subgraph instance
// per key; DynInput yields the output ends of those instances (spec megflow §2.5, §3.8).

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
  explicit DynInstanceImpl(std::uint64_t key) : key_(key) {}
  [[nodiscard]] std::uint64_t key() const override { return key_; }
  OutputPort& input() override { return input_; }
  void close() override { input_.close(); }
  Task<> wait() override;
  [[nodiscard]] bool done() const override { return done_.is_set(); }

  std::uint64_t key_;
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

  GraphInstance* owner_;
  const PlanDynLink* link_;
  std::vector<std::pair<std::string, Sender<DynInput::Item>>> subscribers_;
  std::mutex mu_;
  std::vector<std::weak_ptr<DynInstanceImpl>> live_;
};

struct DynInputImpl final : DynInput {
  DynInputImpl(std::string name, Receiver<Item> rx) : name_(std::move(name)), rx_(std::move(rx)) {}
  Task<std::optional<Item>> next() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

  std::string name_;
  Receiver<Item> rx_;
};

}  // namespace rill::detail
