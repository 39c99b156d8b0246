// XStream 2.x SDK interface (source compatibility). Compiles as C++14. rill implements it in
// src/xstream/compat on rill::sdk::Workflow.
#ifndef HOBOTXSDK_XSTREAM_SDK_H_
#define HOBOTXSDK_XSTREAM_SDK_H_

#include <string>
#include <vector>

#include "xstream_data.h"

namespace xstream {

/// One workflow instance: SetConfig, Init, then SyncPredict/AsyncPredict from any thread.
/// CreateSDK returns an object the caller deletes; deleting a never-initialised one is safe.
class XStreamSDK {
 public:
  virtual ~XStreamSDK() {}
  static XStreamSDK* CreateSDK();

  virtual int SetConfig(const std::string& key, const std::string& value) = 0;
  virtual int Init() = 0;
  virtual int UpdateConfig(const std::string& unique_name, InputParamPtr ptr) = 0;
  virtual InputParamPtr GetConfig(const std::string& unique_name) const = 0;
  virtual std::string GetVersion(const std::string& unique_name) const = 0;
  virtual OutputDataPtr SyncPredict(InputDataPtr input) = 0;
  virtual std::vector<OutputDataPtr> SyncPredict2(InputDataPtr input) = 0;
  virtual int SetCallback(XStreamCallback callback, const std::string& name = "") = 0;
  virtual int64_t AsyncPredict(InputDataPtr input) = 0;
  virtual int64_t GetTaskNum() = 0;
};

}  // namespace xstream

#endif  // HOBOTXSDK_XSTREAM_SDK_H_
