// Test-only XStream method plugin for `rill run|validate FILE.json --plugin`: provides its types
// the XStream way, through the `xstream::method_factory::CreateMethod` hook the CLI finds at run
// time. Echo (outputs = inputs), Boom (throws), Nap (sleeps method_config's "ms" per frame, so
// the framework profiler logs its DoProcess scopes).

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <json/json.h>

#include "hobotxstream/method.h"

namespace {

using xstream::BaseDataPtr;
using xstream::InputParamPtr;
using Batch = std::vector<std::vector<BaseDataPtr>>;

/// The shared no-op parts of every test method.
class TestMethod : public xstream::Method {
 public:
  int Init(const std::string&) override { return 0; }
  void Finalize() override {}
};

/// Returns its inputs as its outputs (a node with as many outputs as inputs).
class Echo final : public TestMethod {
 public:
  Batch DoProcess(const Batch& input, const std::vector<InputParamPtr>&) override { return input; }
};

/// Fails every frame, so `rill run` reports the node and exits 1.
class Boom final : public TestMethod {
 public:
  Batch DoProcess(const Batch&, const std::vector<InputParamPtr>&) override {
    throw std::runtime_error("boom");
  }
};

/// Echo after sleeping `{"ms": N}` milliseconds (default 5, above the profiler's 3 ms threshold).
class Nap final : public TestMethod {
 public:
  int InitFromJsonString(const std::string& config) override {
    Json::Value root;
    Json::CharReaderBuilder builder;
    std::string errors;
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    if (!reader->parse(config.data(), config.data() + config.size(), &root, &errors)) return -1;
    ms_ = root.get("ms", 5).asInt();
    return 0;
  }
  Batch DoProcess(const Batch& input, const std::vector<InputParamPtr>&) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms_));
    return input;
  }

 private:
  int ms_ = 5;
};

}  // namespace

namespace xstream::method_factory {

// XStream's hook: programs (here, a plugin) define it with no prior declaration; nullptr for a
// type this plugin does not provide.
MethodPtr CreateMethod(const std::string& method_name) {
  if (method_name == "Echo") return std::make_shared<Echo>();
  if (method_name == "Boom") return std::make_shared<Boom>();
  if (method_name == "Nap") return std::make_shared<Nap>();
  return nullptr;
}

}  // namespace xstream::method_factory
