// XStream 2.x concrete SDK class (source compatibility). Self-contained: the implementation
// (src/xstream/compat/xstream_flow.cpp) sits behind a pointer. It includes what XStream's header
// includes, directly and through its internal scheduler.h (the public xstream_config.h and
// xstream_error.h, <atomic>, <map>, <set>), so code relying on either compiles.
#ifndef HOBOTXSTREAM_XSTREAM_H_
#define HOBOTXSTREAM_XSTREAM_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/method_factory.h"
#include "hobotxstream/profiler.h"
#include "hobotxstream/xstream_config.h"

namespace xstream {

/// What XStreamSDK::CreateSDK returns. Init(method_factory) uses the given factory instead of
/// the program's `xstream::method_factory::CreateMethod`.
class XStreamFlow : public XStreamSDK {
 public:
  XStreamFlow();
  virtual ~XStreamFlow();

  int SetConfig(const std::string& key, const std::string& value) override;
  int Init() override;
  int Init(MethodFactoryPtr method_factory);
  int UpdateConfig(const std::string& unique_name, InputParamPtr ptr) override;
  InputParamPtr GetConfig(const std::string& unique_name) const override;
  std::string GetVersion(const std::string& unique_name) const override;
  OutputDataPtr SyncPredict(InputDataPtr input) override;
  std::vector<OutputDataPtr> SyncPredict2(InputDataPtr input) override;
  // No default argument here (as in XStream): one-argument SetCallback needs an XStreamSDK.
  int SetCallback(XStreamCallback callback, const std::string& name) override;
  int64_t AsyncPredict(InputDataPtr input) override;
  int64_t GetTaskNum() override;

 private:
  XStreamFlow(const XStreamFlow&) = delete;
  XStreamFlow& operator=(const XStreamFlow&) = delete;

  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xstream

#endif  // HOBOTXSTREAM_XSTREAM_H_
