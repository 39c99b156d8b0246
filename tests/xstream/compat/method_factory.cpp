// XStream's default factory hook, defined as every XStream program defines it: a free function
// in xstream::method_factory with no prior declaration from a public header. XStreamSDK::Init()
// (no factory argument) finds it.
#include "hobotxstream/method_factory.h"

#include "xstream/compat/test_methods.hpp"

namespace xstream {
namespace method_factory {

MethodPtr CreateMethod(const std::string& method_name) {
  return xstream_test::CreateTestMethod(method_name);
}

}  // namespace method_factory
}  // namespace xstream
