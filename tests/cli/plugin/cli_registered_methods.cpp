// Test-only XStream method plugin that provides its type the rill way: RILL_SDK_REGISTER_METHOD
// registers it when `rill --plugin` loads the library. Tag: each output is a fresh datum whose
// type_ is "tagged" (one output per input).

#include <memory>
#include <string>
#include <vector>

#include <rill/sdk/method_registry.hpp>

namespace {

using xstream::BaseDataPtr;
using Batch = std::vector<std::vector<BaseDataPtr>>;

class Tag final : public xstream::Method {
 public:
  int Init(const std::string&) override { return 0; }
  void Finalize() override {}
  Batch DoProcess(const Batch& input, const std::vector<xstream::InputParamPtr>&) override {
    Batch out(input.size());
    for (std::size_t b = 0; b < input.size(); ++b) {
      for (std::size_t s = 0; s < input[b].size(); ++s) {
        auto datum = std::make_shared<xstream::BaseData>();
        datum->type_ = "tagged";
        out[b].push_back(std::move(datum));
      }
    }
    return out;
  }
};

}  // namespace

RILL_SDK_REGISTER_METHOD("Tag", Tag);
