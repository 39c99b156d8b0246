// The XStream test method plugins (test_methods.hpp). Compiled through test_methods_test.cpp.
#include "xstream/compat/test_methods.hpp"

#include <sched.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

#include <json/json.h>

namespace xstream_test {

using xstream::BaseData;
using xstream::BaseDataPtr;
using xstream::InputParamPtr;
using xstream::MethodInfo;

namespace {

using Batch = std::vector<std::vector<BaseDataPtr>>;

std::atomic<int> g_instance_ids{0};

int NextInstanceId() { return g_instance_ids.fetch_add(1); }

/// Sleeps a random time in [lo_ms, hi_ms].
void RandomSleep(int lo_ms, int hi_ms) {
  thread_local std::mt19937 rng(
      static_cast<unsigned>(std::hash<std::thread::id>()(std::this_thread::get_id())));
  std::uniform_int_distribution<int> dist(lo_ms, hi_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(dist(rng)));
}

/// `text` as a JSON object with an integer "threshold", or false.
bool ParseThreshold(const std::string& text, double* threshold) {
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value root;
  std::string error;
  if (!reader->parse(text.data(), text.data() + text.size(), &root, &error)) return false;
  if (!root.isObject() || !root["threshold"].isNumeric()) return false;
  *threshold = root["threshold"].asDouble();
  return true;
}

}  // namespace

std::shared_ptr<BBoxList> MakeBoxes(const std::vector<BBox>& boxes) {
  auto list = std::make_shared<BBoxList>(boxes);
  list->type_ = "BBoxList";
  return list;
}

const std::vector<BBox>* BoxesOf(const BaseDataPtr& data) {
  auto* list = dynamic_cast<const BBoxList*>(data.get());
  return list != nullptr ? &list->value : nullptr;
}

void CallLog::Add(const CallRecord& record) {
  std::lock_guard<std::mutex> lock(mu_);
  records_.push_back(record);
}

std::vector<CallRecord> CallLog::Records() const {
  std::lock_guard<std::mutex> lock(mu_);
  return records_;
}

void CallLog::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  records_.clear();
}

std::string FilterParam::Format() {
  std::ostringstream os;
  os << "{\"threshold\": " << threshold << "}";
  return os.str();
}

// ---- TestMethod ---------------------------------------------------------------------------

Batch TestMethod::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  Batch output;
  for (const std::vector<BaseDataPtr>& frame : input) {
    if (frame.size() != 1) throw std::invalid_argument("TestMethod takes exactly one input");
    std::vector<BaseDataPtr> out(4);
    if (frame[0]) {
      out[0] = std::make_shared<BaseData>();
      *out[0] = *frame[0];
      out[3] = std::make_shared<BaseData>();
      *out[3] = *frame[0];
    }
    output.push_back(std::move(out));
  }
  return output;
}

// ---- BBoxFilter ---------------------------------------------------------------------------

Batch BBoxFilter::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  const float threshold = threshold_.load();
  Batch output;
  for (const std::vector<BaseDataPtr>& frame : input) {
    std::vector<BaseDataPtr> out(frame.size());
    for (std::size_t s = 0; s < frame.size(); ++s) {
      const std::vector<BBox>* boxes = BoxesOf(frame[s]);
      if (boxes == nullptr || frame[s]->state_ == xstream::DataState::INVALID) continue;
      std::vector<BBox> kept;
      for (const BBox& b : *boxes) {
        if (b.Width() * b.Height() > threshold) kept.push_back(b);
      }
      out[s] = MakeBoxes(kept);
    }
    output.push_back(std::move(out));
  }
  RandomSleep(0, 2);
  return output;
}

int BBoxFilter::UpdateParameter(InputParamPtr ptr) {
  if (auto* filter = dynamic_cast<FilterParam*>(ptr.get())) {
    threshold_.store(filter->threshold);
    return 0;
  }
  double threshold = 0;
  if (ptr && ptr->is_json_format_ && ParseThreshold(ptr->Format(), &threshold)) {
    threshold_.store(static_cast<float>(threshold));
    return 0;
  }
  return -1;
}

InputParamPtr BBoxFilter::GetParameter() const {
  return std::make_shared<FilterParam>("BBoxFilter", threshold_.load());
}

// ---- OrderTestMethod, PassthroughMethod, Scrambler ----------------------------------------

Batch OrderTestMethod::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  for (const std::vector<BaseDataPtr>& frame : input) {
    if (frame.size() != 1) throw std::invalid_argument("OrderTestMethod takes one input");
  }
  RandomSleep(1, 20);
  return input;
}

MethodInfo OrderTestMethod::GetMethodInfo() {
  MethodInfo info;
  info.is_need_reorder = true;
  return info;
}

MethodInfo PassthroughMethod::GetMethodInfo() {
  MethodInfo info;
  info.is_need_reorder = true;
  return info;
}

Batch Scrambler::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  RandomSleep(0, 5);
  return input;
}

// ---- ThreadSafeMethod ---------------------------------------------------------------------

CallLog& ThreadSafeLog() {
  static CallLog log;
  return log;
}

ThreadSafeMethod::ThreadSafeMethod() : id_(NextInstanceId()) {}

Batch ThreadSafeMethod::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  Batch output;
  for (std::size_t b = 0; b < input.size(); ++b) {
    const int stamp = calls_.fetch_add(1);
    ThreadSafeLog().Add(CallRecord{std::this_thread::get_id(), id_, 0, stamp});
    output.push_back({std::make_shared<xstream::XStreamData<int>>(stamp)});
  }
  RandomSleep(0, 3);
  return output;
}

MethodInfo ThreadSafeMethod::GetMethodInfo() {
  MethodInfo info;
  info.is_thread_safe_ = true;
  info.is_need_reorder = true;
  return info;
}

// ---- MultiSourceTest ----------------------------------------------------------------------

CallLog& MultiSourceLog() {
  static CallLog log;
  return log;
}

MethodInfo& MultiSourceInfo() {
  static MethodInfo info;
  return info;
}

std::atomic<int>& MultiSourceInstances() {
  static std::atomic<int> count{0};
  return count;
}

MultiSourceTest::MultiSourceTest() : id_(NextInstanceId()) { MultiSourceInstances()++; }

Batch MultiSourceTest::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  for (const std::vector<BaseDataPtr>& frame : input) {
    CallRecord record{std::this_thread::get_id(), id_, 0, -1};
    if (auto* tag = frame.empty() ? nullptr : dynamic_cast<FrameTagData*>(frame[0].get())) {
      record.source = tag->value.source;
      record.frame = tag->value.frame;
    }
    MultiSourceLog().Add(record);
  }
  return input;
}

MethodInfo MultiSourceTest::GetMethodInfo() { return MultiSourceInfo(); }

// ---- TestInitMethod -----------------------------------------------------------------------

TestInitMethod::TestInitMethod() : id_(NextInstanceId()) {}

int TestInitMethod::Init(const std::string& config_file_path) {
  std::ifstream in(config_file_path);
  if (!in) return -1;
  std::stringstream text;
  text << in.rdbuf();
  double threshold = 0;
  if (!ParseThreshold(text.str(), &threshold)) return -1;
  threshold_ = static_cast<int>(threshold);
  init_from_ = "file";
  init_thread_ = std::this_thread::get_id();
  return 0;
}

int TestInitMethod::InitFromJsonString(const std::string& config) {
  double threshold = 0;
  if (!ParseThreshold(config, &threshold)) return -1;
  threshold_ = static_cast<int>(threshold);
  init_from_ = "json";
  init_thread_ = std::this_thread::get_id();
  return 0;
}

Batch TestInitMethod::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  Batch output;
  for (std::size_t b = 0; b < input.size(); ++b) {
    InitReport report{threshold_, id_, init_from_, init_thread_, std::this_thread::get_id()};
    output.push_back({std::make_shared<InitReportData>(report)});
  }
  return output;
}

// ---- SchedProbe ---------------------------------------------------------------------------

Batch SchedProbe::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  SchedObservation seen;
  sched_param sp{};
  if (pthread_getschedparam(pthread_self(), &seen.policy, &sp) == 0) {
    seen.priority = sp.sched_priority;
  }
  Batch output;
  for (std::size_t b = 0; b < input.size(); ++b) {
    output.push_back({std::make_shared<SchedObservationData>(seen)});
  }
  return output;
}

// ---- Gate ---------------------------------------------------------------------------------

void Gate::Open() {
  std::lock_guard<std::mutex> lock(mu_);
  open_ = true;
  cv_.notify_all();
}

void Gate::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  open_ = false;
}

bool Gate::WaitOpen(int limit_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(limit_ms), [this] { return open_; });
}

Gate& TestGate() {
  static Gate gate;
  return gate;
}

Batch GateMethod::DoProcess(const Batch& input, const std::vector<InputParamPtr>& param) {
  TestGate().WaitOpen(10000);
  return input;
}

// ---- factory ------------------------------------------------------------------------------

xstream::MethodPtr CreateTestMethod(const std::string& method_type) {
  if (method_type == "TestMethod") return std::make_shared<TestMethod>();
  if (method_type == "BBoxFilter") return std::make_shared<BBoxFilter>();
  if (method_type == "OrderTestMethod") return std::make_shared<OrderTestMethod>();
  if (method_type == "threadsafeMethod") return std::make_shared<ThreadSafeMethod>();
  if (method_type == "passthroughMethod") return std::make_shared<PassthroughMethod>();
  if (method_type == "Scrambler") return std::make_shared<Scrambler>();
  if (method_type == "MultiSourceTest") return std::make_shared<MultiSourceTest>();
  if (method_type == "TestInitMethod") return std::make_shared<TestInitMethod>();
  if (method_type == "SchedProbe") return std::make_shared<SchedProbe>();
  if (method_type == "GateMethod") return std::make_shared<GateMethod>();
  return nullptr;
}

}  // namespace xstream_test
