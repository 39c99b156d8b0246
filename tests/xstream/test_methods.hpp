#pragma once
// Small methods for the native Workflow tests, registered under their class names through the
// factory each test passes to Workflow::open (no process-global registration).

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "rill/sdk/method_registry.hpp"

namespace rill::sdk::testing {

/// Returns its inputs as outputs (as many outputs as inputs).
class Echo : public Method {
 public:
  int Init(const std::string&) override { return 0; }
  std::vector<std::vector<DataPtr>> DoProcess(const std::vector<std::vector<DataPtr>>& input,
                                              const std::vector<ParamPtr>&) override {
    return input;
  }
  void Finalize() override {}
};

/// Throws from DoProcess.
class Thrower : public Echo {
 public:
  std::vector<std::vector<DataPtr>> DoProcess(const std::vector<std::vector<DataPtr>>&,
                                              const std::vector<ParamPtr>&) override {
    throw std::runtime_error("model exploded");
  }
};

/// Returns fewer outputs than the node declares.
class Short : public Echo {
 public:
  std::vector<std::vector<DataPtr>> DoProcess(const std::vector<std::vector<DataPtr>>&,
                                              const std::vector<ParamPtr>&) override {
    return {{}};
  }
};

/// Init fails.
class BadInit : public Echo {
 public:
  int Init(const std::string&) override { return 7; }
};

/// Blocks inside DoProcess until released; counts parameter updates.
class Gate : public Echo {
 public:
  static inline std::mutex mu;
  static inline std::condition_variable cv;
  static inline bool inside = false;
  static inline bool open = false;
  static inline std::atomic<int> updates{0};
  static void reset() {
    std::lock_guard g(mu);
    inside = false;
    open = false;
    updates = 0;
  }
  std::vector<std::vector<DataPtr>> DoProcess(const std::vector<std::vector<DataPtr>>& input,
                                              const std::vector<ParamPtr>&) override {
    std::unique_lock lock(mu);
    inside = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(20), [] { return open; });
    return input;
  }
  int UpdateParameter(ParamPtr) override {
    ++updates;
    return 0;
  }
};

/// Takes 5 ms per call (a method waiting on an accelerator); records the threads it ran on.
class Sleepy : public Echo {
 public:
  static inline std::mutex mu;
  static inline std::vector<std::thread::id> threads;
  std::vector<std::vector<DataPtr>> DoProcess(const std::vector<std::vector<DataPtr>>& input,
                                              const std::vector<ParamPtr>&) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::lock_guard g(mu);
    threads.push_back(std::this_thread::get_id());
    return input;
  }
};

inline MethodFactory test_factory() {
  return [](const std::string& type) -> MethodPtr {
    if (type == "Echo") return std::make_shared<Echo>();
    if (type == "Thrower") return std::make_shared<Thrower>();
    if (type == "Short") return std::make_shared<Short>();
    if (type == "BadInit") return std::make_shared<BadInit>();
    if (type == "Gate") return std::make_shared<Gate>();
    if (type == "Sleepy") return std::make_shared<Sleepy>();
    if (type == "ThrowOnCreate") throw std::runtime_error("no licence");
    return nullptr;
  };
}

}  // namespace rill::sdk::testing
