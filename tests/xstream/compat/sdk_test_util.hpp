#pragma once
// Helpers shared by the XStream compatibility tests: config paths, input builders, a callback
// collector that waits with a deadline, and a sandbox for the process-global method profiler.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <json/json.h>

#include "hobotxsdk/xstream_data.h"
#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/profiler.h"
#include "support/scratch_dir.hpp"

namespace xstream_test {

/// How long a test waits for callbacks before it fails (never hangs).
constexpr std::chrono::seconds kWaitLimit{20};

/// A file under tests/data/xstream.
inline std::string SdkData(const std::string& relative) {
  return std::string(RILL_TEST_DATA_DIR) + "/xstream/" + relative;
}

/// A new SDK with `config` (a path under tests/data/xstream) set; not initialised.
inline std::unique_ptr<xstream::XStreamSDK> MakeSdk(const std::string& config) {
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  EXPECT_EQ(sdk->SetConfig("config_file", SdkData(config)), 0);
  return sdk;
}

/// A frame carrying `data` in slot `slot`.
inline xstream::InputDataPtr MakeInput(const std::string& slot,
                                       xstream::BaseDataPtr data = nullptr) {
  if (!data) data = std::make_shared<xstream::BaseData>();
  data->name_ = slot;
  auto input = std::make_shared<xstream::InputData>();
  input->datas_.push_back(std::move(data));
  return input;
}

/// Collects callback outputs in arrival order and lets the test wait for a number of them.
/// Also checks that callbacks never overlap (rill serialises them).
class OutputCollector {
 public:
  xstream::XStreamCallback Callback() {
    return [this](xstream::OutputDataPtr out) { Add(std::move(out)); };
  }

  void Add(xstream::OutputDataPtr out) {
    std::unique_lock<std::mutex> lock(mu_);
    if (++active_ > 1) overlapped_ = true;
    outputs_.push_back(std::move(out));
    --active_;
    cv_.notify_all();
  }

  /// Waits until at least `n` outputs arrived; false on timeout.
  bool WaitFor(std::size_t n, std::chrono::milliseconds limit = kWaitLimit) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return outputs_.size() >= n; });
  }

  std::vector<xstream::OutputDataPtr> Outputs() const {
    std::lock_guard<std::mutex> lock(mu_);
    return outputs_;
  }

  /// The outputs of node `name`'s callback ("" = group outputs), in arrival order.
  std::vector<xstream::OutputDataPtr> From(const std::string& name) const {
    std::vector<xstream::OutputDataPtr> picked;
    for (const auto& o : Outputs()) {
      if (o->unique_name_ == name) picked.push_back(o);
    }
    return picked;
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return outputs_.size();
  }

  bool overlapped() const {
    std::lock_guard<std::mutex> lock(mu_);
    return overlapped_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<xstream::OutputDataPtr> outputs_;
  int active_ = 0;
  bool overlapped_ = false;
};

/// The datum reported under slot `slot`, or nullptr.
inline xstream::BaseDataPtr FindSlot(const xstream::OutputDataPtr& out, const std::string& slot) {
  for (const auto& d : out->datas_) {
    if (d && d->name_ == slot) return d;
  }
  return nullptr;
}

/// Runs a test with the current directory in a scratch dir and a fresh process-global method
/// profiler (SetConfig("profiler", "on") opens PROFILER_METHOD.txt in the current directory).
/// Declare it before the SDK so that it outlives it.
class ProfilerSandbox {
 public:
  ProfilerSandbox() : cwd_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir_.path());
    Profiler::Release();
  }
  ~ProfilerSandbox() {
    Profiler::Release();
    std::filesystem::current_path(cwd_);
  }
  /// A path in the sandbox.
  std::string Path(const std::string& name) const { return dir_.path(name); }

 private:
  rill::testing::ScratchDir dir_;
  std::filesystem::path cwd_;
};

/// Parses a JSON file; a null Value when it cannot.
inline Json::Value ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value root;
  std::string error;
  const std::string s = text.str();
  if (!reader->parse(s.data(), s.data() + s.size(), &root, &error)) return Json::Value();
  return root;
}

/// Writes `config` as a workflow file into `dir` and returns its path.
inline std::string WriteConfig(const rill::testing::ScratchDir& dir, const std::string& name,
                               const Json::Value& config) {
  Json::StreamWriterBuilder builder;
  return dir.write(name, Json::writeString(builder, config));
}

}  // namespace xstream_test
