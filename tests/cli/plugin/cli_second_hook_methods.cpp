// Test-only XStream method library that defines XStream's CreateMethod hook too, like
// cli_test_methods.so: with both loaded, each library's hook must be asked (plugins are opened
// RTLD_LOCAL, so neither hook hides the other). Provides Twice (outputs = inputs).

#include <memory>
#include <string>
#include <vector>

#include "hobotxstream/method.h"

namespace {

class Twice final : public xstream::Method {
 public:
  int Init(const std::string&) override { return 0; }
  void Finalize() override {}
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>&) override {
    return input;
  }
};

}  // namespace

namespace xstream::method_factory {

MethodPtr CreateMethod(const std::string& method_name) {
  if (method_name == "Twice") return std::make_shared<Twice>();
  return nullptr;
}

}  // namespace xstream::method_factory
