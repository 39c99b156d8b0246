// The factory hook XStream programs define (no prior declaration in any header).
#include "hobotxstream/method_factory.h"

#include <string>

#include "box_area.h"
#include "box_filter.h"

namespace xstream {
namespace method_factory {

MethodPtr CreateMethod(const std::string& method_name) {
  if (method_name == "BoxFilter") return MethodPtr(new BoxFilter());
  if (method_name == "BoxArea") return MethodPtr(new BoxArea());
  return MethodPtr();
}

}  // namespace method_factory
}  // namespace xstream
