// OutputTally: a mutex, a condition variable and a few counters.

#include "output_tally.hpp"

#include <algorithm>

namespace rill::cli {

OutputTally::OutputTally(const std::vector<std::string>& group_names) {
  for (const std::string& name : group_names) {
    auto same = [&](const Group& g) { return g.name == name; };
    if (std::any_of(groups_.begin(), groups_.end(), same)) continue;
    groups_.emplace_back().name = name;
  }
}

void OutputTally::record(const sdk::FrameOutput& out) {
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(groups_.begin(), groups_.end(),
                           [&](const Group& g) { return g.name == out.output_type_; });
    if (it == groups_.end()) return;  // not a declared group: nothing waits for it
    ++it->delivered;
    if (out.error_code_ != 0) {
      if (it->with_errors++ == 0) {
        it->first_error = std::to_string(out.error_code_) + ": " + out.error_detail_;
      }
    }
  }
  cv_.notify_all();
}

void OutputTally::request_stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool OutputTally::stop_requested() const {
  std::lock_guard lock(mu_);
  return stop_;
}

void OutputTally::wait_for_room(std::uint64_t submitted, std::uint64_t limit) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] {
    return stop_ || std::all_of(groups_.begin(), groups_.end(),
                                [&](const Group& g) { return submitted - g.delivered < limit; });
  });
}

void OutputTally::wait_delivered(std::uint64_t frames) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] {
    return std::all_of(groups_.begin(), groups_.end(),
                       [&](const Group& g) { return g.delivered >= frames; });
  });
}

std::vector<OutputTally::Group> OutputTally::groups() const {
  std::lock_guard lock(mu_);
  return groups_;
}

}  // namespace rill::cli
