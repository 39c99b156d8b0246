#pragma once
// FrameState: one submitted frame in flight: the data of every slot and the countdowns that say
// when a node may run, when an output group is complete and when the frame is done. Counters
// are atomics because the threads finishing a frame's nodes update them concurrently; a slot is
// written once, before the counter decrement that publishes it (release), and read only after
// observing that counter reach zero (acquire).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "rill/core/timer.hpp"
#include "rill/sdk/data.hpp"
#include "runtime/plan.hpp"

namespace rill::sdk::detail {

struct Report;

struct FrameState {
  FrameState(const Plan& plan, bool sync);

  const Plan* plan;
  std::atomic<int> outputs_missing;

  /// Slot data; null = ready without data (or not ready yet).
  DataPtr& slot(int s) { return cells_[s].data; }
  const DataPtr& slot(int s) const { return cells_[s].data; }
  /// Inputs of node `n` not yet ready.
  std::atomic<int>& node_missing(int n) { return cells_[n].node_missing; }
  /// Slots of group `g` not yet ready.
  std::atomic<int>& group_missing(int g) { return cells_[g].group_missing; }
  /// free_framedata: dispatches still to read slot `s` (counted only when frees_data).
  std::atomic<int>& readers_left(int s) { return cells_[s].readers_left; }
  bool frees_data = false;       ///< free_framedata was on when the frame was admitted
  std::vector<ParamPtr> params;  ///< per node; empty when the frame carries none

  std::int64_t sequence_id = 0;
  std::uint32_t source_id = 0;
  std::uint64_t global_sequence_id = 0;
  const void* context = nullptr;
  const bool sync;
  std::chrono::steady_clock::time_point submitted;
  TimerId monitor_timer = 0;  ///< time_monitor warning, cancelled when the frame completes

  /// Sync frames: set when outputs are ready (futex-waitable).
  std::atomic<std::uint32_t> done{0};
  std::vector<Report> sync_outputs;  ///< every group, by name; renamed by the waiter

  [[nodiscard]] const ParamPtr& param_for(int node) const;
  /// Blocks the calling thread until done (spins briefly first: round trips are microseconds).
  void wait_done();

 private:
  // One allocation holds every per-slot, per-node and per-group item of the frame (index i is
  // slot i, node i and group i at once).
  struct Cell {
    DataPtr data;
    std::atomic<int> node_missing{0};
    std::atomic<int> group_missing{0};
    std::atomic<int> readers_left{0};
  };
  std::unique_ptr<Cell[]> cells_;
};

using FrameRef = std::shared_ptr<FrameState>;

/// An output about to be reported, and the slot each of its data is reported under.
struct Report {
  /// Slot names parallel to output->datas_; inline up to a few (most outputs have one or two).
  class SlotNames {
   public:
    void push_back(const std::string* name) {
      if (size_ < kInline) {
        inline_[size_] = name;
      } else {
        more_.push_back(name);
      }
      ++size_;
    }
    const std::string& operator[](std::size_t i) const {
      return i < kInline ? *inline_[i] : *more_[i - kInline];
    }

   private:
    static constexpr std::size_t kInline = 4;
    const std::string* inline_[kInline] = {};
    std::vector<const std::string*> more_;
    std::size_t size_ = 0;
  };

  FrameOutputPtr output;
  SlotNames slot_names;
  /// Sets every datum's name_ to its slot. Mutates objects that other frames or slots may share
  /// (pass-through), so it runs where reports are serialised: the callback queue, or the thread
  /// that asked for a sync frame.
  void rename() const;
};

/// A group's output: its slots in config order, null ones omitted and counted as -2002 each,
/// data error codes summed, as XStream assembles an OutputData.
Report report_group(const FrameState& frame, int group);
/// A node's output for its per-node callback. Unlike XStream, source_id_ is filled too.
Report report_node(const FrameState& frame, int node);

}  // namespace rill::sdk::detail
