#pragma once
// Method plugins for the XStream compatibility tests (those of XStream's test/method_factory.cpp),
// written against the compat headers only. Every name below is a `method_type` the test configs
// under tests/data/xstream use; CreateTestMethod / TestMethodFactory create them, and the binary's
// xstream::method_factory::CreateMethod hook forwards to CreateTestMethod.
//
// Plugins that report what the engine did to them (threads, instances, sources, init paths)
// write into process-global logs the tests reset before each workflow is created.

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/method.h"
#include "hobotxstream/method_factory.h"
#include "horizon/vision_type/vision_type.hpp"

namespace xstream_test {

using hobot::vision::BBox;

/// The data BBoxFilter filters: the boxes of one slot.
using BBoxList = xstream::XStreamData<std::vector<BBox>>;

/// A new box list (VALID, type_ "BBoxList").
std::shared_ptr<BBoxList> MakeBoxes(const std::vector<BBox>& boxes);
/// The boxes of `data`, or nullptr when it is no BBoxList.
const std::vector<BBox>* BoxesOf(const xstream::BaseDataPtr& data);

/// Identifies a frame in multi-source runs: what MultiSourceTest reads from its input.
struct FrameTag {
  std::uint32_t source = 0;
  int frame = 0;
};
using FrameTagData = xstream::XStreamData<FrameTag>;

/// One DoProcess call as a recording method saw it.
struct CallRecord {
  std::thread::id thread;
  int instance = 0;  ///< the method instance's id (creation order within the process)
  std::uint32_t source = 0;
  int frame = 0;
};

/// A thread-safe list of CallRecords.
class CallLog {
 public:
  void Add(const CallRecord& record);
  [[nodiscard]] std::vector<CallRecord> Records() const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<CallRecord> records_;
};

/// Threshold (box area) of BBoxFilter; the parameter UpdateConfig/GetConfig exchange.
class FilterParam : public xstream::InputParam {
 public:
  static constexpr float kDefaultThreshold = 2500.0f;
  explicit FilterParam(const std::string& unique_name, float threshold = kDefaultThreshold)
      : xstream::InputParam(unique_name), threshold(threshold) {}
  std::string Format() override;
  float threshold;
};

/// 1 input → 4 outputs: fresh copies of the input at 0 and 3, nullptr at 1 and 2.
/// Version "0.0.0"; UpdateParameter accepts anything; GetParameter is nullptr.
class TestMethod : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
  int UpdateParameter(xstream::InputParamPtr ptr) override { return 0; }
  std::string GetVersion() const override { return "0.0.0"; }
};

/// Keeps, per input slot, the boxes whose area exceeds the threshold (default 2500); an INVALID
/// or non-BBoxList input gives a null output. As many outputs as inputs. Version "test_only".
class BBoxFilter : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
  /// A FilterParam, or JSON text {"threshold": n} (SdkCommParam); -1 otherwise.
  int UpdateParameter(xstream::InputParamPtr ptr) override;
  /// A fresh FilterParam holding the current threshold.
  xstream::InputParamPtr GetParameter() const override;
  std::string GetVersion() const override { return "test_only"; }

 private:
  std::atomic<float> threshold_{FilterParam::kDefaultThreshold};
};

/// Reordering, not thread-safe; returns its single input after a random 1-20 ms sleep.
class OrderTestMethod : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
  xstream::MethodInfo GetMethodInfo() override;
};

/// Thread-safe and reordering: one instance serves all threads. Outputs an XStreamData<int>
/// stamped with the instance's call counter, and logs each call in ThreadSafeLog().
class ThreadSafeMethod : public xstream::Method {
 public:
  ThreadSafeMethod();
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
  xstream::MethodInfo GetMethodInfo() override;

 private:
  const int id_;
  std::atomic<int> calls_{0};
};
CallLog& ThreadSafeLog();

/// Reordering, not thread-safe; returns its inputs unchanged.
class PassthroughMethod : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override {
    return input;
  }
  void Finalize() override {}
  xstream::MethodInfo GetMethodInfo() override;
};

/// Default MethodInfo; returns its inputs after a random 0-5 ms sleep (shuffles completion
/// order between frames).
class Scrambler : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
};

/// Logs (thread, instance, source, frame) of every call in MultiSourceLog(), reading the
/// FrameTag of its input; returns its inputs. Its MethodInfo is MultiSourceInfo(), which the
/// test sets before creating the SDK. MultiSourceInstances() counts instances created.
class MultiSourceTest : public xstream::Method {
 public:
  MultiSourceTest();
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
  xstream::MethodInfo GetMethodInfo() override;

 private:
  const int id_;
};
CallLog& MultiSourceLog();
xstream::MethodInfo& MultiSourceInfo();
std::atomic<int>& MultiSourceInstances();

/// What TestInitMethod outputs for a frame.
struct InitReport {
  int threshold = 0;
  int instance = 0;
  std::string init_from;  ///< "file" (Init) or "json" (InitFromJsonString)
  std::thread::id init_thread;
  std::thread::id process_thread;
};
using InitReportData = xstream::XStreamData<InitReport>;

/// Init(path) reads {"threshold": n} from the file and fails (-1) when it is missing or has no
/// integer threshold; InitFromJsonString parses the text the same way. Not thread-safe, so a
/// node with T threads has T instances. Outputs an InitReportData per frame.
class TestInitMethod : public xstream::Method {
 public:
  TestInitMethod();
  int Init(const std::string& config_file_path) override;
  int InitFromJsonString(const std::string& config) override;
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}

 private:
  const int id_;
  int threshold_ = 0;
  std::string init_from_;
  std::thread::id init_thread_;
};

/// A thread's scheduling as pthread_getschedparam reports it.
struct SchedObservation {
  int policy = -1;
  int priority = -1;
};
using SchedObservationData = xstream::XStreamData<SchedObservation>;

/// Outputs the SchedObservation of the thread running it (one output).
class SchedProbe : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
};

/// A gate test code opens and closes; GateMethod waits at it.
class Gate {
 public:
  void Open();
  void Close();
  /// Waits until open or `limit_ms` passed; false on timeout.
  bool WaitOpen(int limit_ms);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = true;
};
Gate& TestGate();

/// Waits in DoProcess until TestGate() is open (at most 10 s), then returns its inputs.
class GateMethod : public xstream::Method {
 public:
  int Init(const std::string& config_file_path) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override {}
};

/// The method named `method_type`, or nullptr for an unknown name.
xstream::MethodPtr CreateTestMethod(const std::string& method_type);

/// The same, as an explicit factory for XStreamFlow::Init(MethodFactoryPtr).
class TestMethodFactory : public xstream::MethodFactory {
 public:
  xstream::MethodPtr CreateMethod(const std::string& method_name) override {
    return CreateTestMethod(method_name);
  }
};

}  // namespace xstream_test
