// hobotxstream/method_factory.h alone brings <memory>, <string>, method.h and xstream_data.h
// (XStream's test methods rely on it).
#include "hobotxstream/method_factory.h"

int CompatIncludesMethodFactory() {
  std::string name = "TestMethod";
  xstream::MethodFactoryPtr factory;
  xstream::MethodInfo info;
  return static_cast<int>(name.size()) + (factory ? 1 : 0) + (info.is_need_reorder ? 1 : 0) +
         static_cast<int>(xstream::DataState::VALID);
}
