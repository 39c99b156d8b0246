// XStream 2.x method factory (source compatibility).
//
// Programs using XStreamSDK::Init() without a factory define, with no prior declaration:
//   namespace xstream { namespace method_factory {
//   MethodPtr CreateMethod(const std::string &method_name) { ... }
//   } }
// rill finds it at run time; Init() fails when the program defines none.
#ifndef HOBOTXSTREAM_METHOD_FACTORY_H_
#define HOBOTXSTREAM_METHOD_FACTORY_H_

#include <memory>
#include <string>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/method.h"

namespace xstream {

/// Creates a method instance for a node's `method_type`; nullptr for an unknown type.
class MethodFactory {
 public:
  virtual ~MethodFactory() {}
  virtual MethodPtr CreateMethod(const std::string& method_name) = 0;
};
typedef std::shared_ptr<MethodFactory> MethodFactoryPtr;

}  // namespace xstream

#endif  // HOBOTXSTREAM_METHOD_FACTORY_H_
