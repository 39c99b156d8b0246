// The XStream 2.x header surface: defaults, enum values, error macros, JSON keys, and the
// out-of-line defaults of Method and SimpleMethod.
#include <climits>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "common/com_func.h"
#include "hobotlog/hobotlog.hpp"
#include "hobotxsdk/version.h"
#include "hobotxsdk/xstream_capi_type_helper.h"
#include "hobotxsdk/xstream_data.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/json_key.h"
#include "hobotxstream/method.h"
#include "hobotxstream/method_factory.h"
#include "hobotxstream/simple_method.h"
#include "hobotxstream/xstream.h"
#include "hobotxstream/xstream_config.h"
#include "horizon/vision_type/vision_type.hpp"

namespace {

using namespace xstream;  // NOLINT: XStream code is written this way

TEST(XStreamHeaders, BaseDataDefaults) {
  BaseData data;
  EXPECT_EQ(data.type_, "BaseData");
  EXPECT_EQ(data.name_, "");
  EXPECT_EQ(data.error_code_, 0);
  EXPECT_EQ(data.error_detail_, "");
  EXPECT_EQ(data.state_, DataState::VALID);
  EXPECT_NE(data.c_data_, nullptr);
  EXPECT_TRUE(std::has_virtual_destructor<BaseData>::value);
}

TEST(XStreamHeaders, BaseDataIsCopyAssignable) {
  auto input = std::make_shared<XStreamData<int>>(5);
  input->name_ = "slot";
  input->error_code_ = -3;
  input->state_ = DataState::FILTERED;
  auto fresh = std::make_shared<BaseData>();
  *fresh = *input;
  EXPECT_EQ(fresh->name_, "slot");
  EXPECT_EQ(fresh->error_code_, -3);
  EXPECT_EQ(fresh->state_, DataState::FILTERED);
  EXPECT_NE(fresh->c_data_, nullptr);
}

TEST(XStreamHeaders, DataStateValues) {
  EXPECT_EQ(static_cast<int>(DataState::VALID), 0);
  EXPECT_EQ(static_cast<int>(DataState::FILTERED), 1);
  EXPECT_EQ(static_cast<int>(DataState::INVISIBLE), 2);
  EXPECT_EQ(static_cast<int>(DataState::DISAPPEARED), 3);
  EXPECT_EQ(static_cast<int>(DataState::INVALID), 4);
}

// Horizon's numbering: applications store and compare these values.
TEST(XStreamHeaders, PixelFormatValues) {
  EXPECT_EQ(kHorizonVisionPixelFormatNone, 0);
  EXPECT_EQ(kHorizonVisionPixelFormatRawRGB, 1);
  EXPECT_EQ(kHorizonVisionPixelFormatRawBGR, 3);
  EXPECT_EQ(kHorizonVisionPixelFormatRawGRAY, 4);
  EXPECT_EQ(kHorizonVisionPixelFormatRawNV21, 5);
  EXPECT_EQ(kHorizonVisionPixelFormatRawNV12, 6);
  EXPECT_EQ(kHorizonVisionPixelFormatRawI420, 7);
  EXPECT_EQ(kHorizonVisionPixelFormatImageContainer, 10);
  EXPECT_EQ(kHorizonVisionPixelFormatRawBGRA, 12);
}

TEST(XStreamHeaders, BaseDataVectorAndXStreamData) {
  BaseDataVector vec;
  EXPECT_EQ(vec.type_, "BaseDataVector");
  EXPECT_TRUE(vec.datas_.empty());
  EXPECT_NE(vec.c_data_, nullptr);
  XStreamData<std::string> text("hi");
  EXPECT_EQ(text.value, "hi");
  EXPECT_EQ(text.type_, "BaseData");  // XStreamData leaves type_ alone
  XStreamData<int> empty;
  EXPECT_EQ(empty.type_, "BaseData");
}

TEST(XStreamHeaders, DisableParamDefaultsAndFormat) {
  DisableParam param("node");
  EXPECT_EQ(param.unique_name_, "node");
  EXPECT_EQ(param.mode_, DisableParam::Mode::Invalid);
  EXPECT_FALSE(param.is_enable_this_method_);
  EXPECT_FALSE(param.is_json_format_);
  EXPECT_EQ(param.Format(), "node : disabled");
  EXPECT_TRUE(param.pre_datas_.empty());
  DisableParam pass("n2", DisableParam::Mode::PassThrough);
  EXPECT_EQ(pass.mode_, DisableParam::Mode::PassThrough);
  EXPECT_EQ(static_cast<int>(DisableParam::Mode::PassThrough), 0);
  EXPECT_EQ(static_cast<int>(DisableParam::Mode::UsePreDefine), 1);
  EXPECT_EQ(static_cast<int>(DisableParam::Mode::Invalid), 2);
  EXPECT_EQ(static_cast<int>(DisableParam::Mode::BestEffortPassThrough), 3);
}

TEST(XStreamHeaders, SdkCommParam) {
  SdkCommParam param("node", R"({"threshold": 90})");
  EXPECT_EQ(param.unique_name_, "node");
  EXPECT_TRUE(param.is_json_format_);
  EXPECT_TRUE(param.is_enable_this_method_);
  EXPECT_EQ(param.param_, R"({"threshold": 90})");
  EXPECT_EQ(param.Format(), param.param_);
  InputParamPtr as_base = std::make_shared<SdkCommParam>("n", "{}");
  EXPECT_EQ(as_base->Format(), "{}");
}

TEST(XStreamHeaders, InputAndOutputDataDefaults) {
  InputData in;
  EXPECT_TRUE(in.datas_.empty());
  EXPECT_TRUE(in.params_.empty());
  EXPECT_EQ(in.source_id_, 0u);
  EXPECT_EQ(in.context_, nullptr);
  OutputData out;
  EXPECT_EQ(out.error_code_, 0);
  EXPECT_EQ(out.error_detail_, "");
  EXPECT_EQ(out.unique_name_, "");
  EXPECT_EQ(out.output_type_, "");
  EXPECT_TRUE(out.datas_.empty());
  EXPECT_EQ(out.context_, nullptr);
  EXPECT_EQ(out.sequence_id_, 0);
  EXPECT_EQ(out.source_id_, 0u);
  EXPECT_EQ(out.global_sequence_id_, 0u);
  static_assert(std::is_same<decltype(out.sequence_id_), int64_t>::value, "");
  static_assert(std::is_same<decltype(out.global_sequence_id_), uint64_t>::value, "");
}

TEST(XStreamHeaders, ErrorMacros) {
  int code = 0;
  EXPECT_EQ(HOBOTXSTREAM_ERROR_CODE_OK, code);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_INVALID_PARAM, -1);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_INPUT_INVALID, -1000);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT, -1001);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_METHOD, -2000);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_METHOD_TIMEOUT, -2001);
  EXPECT_EQ(HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY, -2002);
}

TEST(XStreamHeaders, ConfigErrorEnumsAreUnscoped) {
  int init_result = 1;
  EXPECT_EQ(xstream::INPUT_UNFEED_ERROR, init_result);
  EXPECT_EQ(CONFIG_OK, 0);
  EXPECT_EQ(OUTPUT_USELESS_ERROR, 2);
  EXPECT_EQ(WORKFLOW_CIRCLE_ERROR, 3);
  EXPECT_EQ(OUTPUT_REPEATED_ERROR, 4);
  EXPECT_EQ(NODE_NAME_ERROR, 5);
  EXPECT_EQ(FILE_PATH_ERROR, 1100);
  EXPECT_EQ(EXCEED_MAX_NESTED_LAYER_ERROR, 1101);
  EXPECT_EQ(PARAMETER_NAME_NOT_EXIST_ERROR, 1102);
  EXPECT_EQ(INCLUDE_EMPTY_FILEPATH_ERROR, 1103);
  EXPECT_EQ(TEMPLATES_FORMAT_ERROR, 1104);
  EXPECT_EQ(TEMPLATES_NAME_REPEATED_ERROR, 1105);
  EXPECT_EQ(TEMPLATES_NAME_INVALID_ERROR, 1106);
  EXPECT_EQ(UNDEFINITION_TYPE_ERROR, 1107);
  EXPECT_EQ(TEMPLATEREF_NOT_CORRESPOND_ERROR, 1108);
  EXPECT_EQ(UNKOWN_TYPE_ERROR, 1109);
  static_assert(std::is_same<Config, Json::Value>::value, "");
  auto config = std::make_shared<XStreamConfig>();
  EXPECT_EQ(config->method_factory_, nullptr);
  EXPECT_TRUE(config->cfg_jv_.isNull());
}

TEST(XStreamHeaders, JsonKeysAreCStrings) {
  static_assert(std::is_same<decltype(kWorkflow), const char* const>::value, "");
  EXPECT_STREQ(kMaxRunCount, "max_running_count");
  EXPECT_STREQ(kWorkflow, "workflow");
  EXPECT_STREQ(kMethodCfgPath, "method_config_file");
  EXPECT_STREQ(kMethodCfgString, "method_config");
  EXPECT_STREQ(kMethodType, "method_type");
  EXPECT_STREQ(kUniqueName, "unique_name");
  EXPECT_STREQ(kTimeOutDuration, "timeout_duration");
  EXPECT_STREQ(kThreadNum, "thread_count");
  EXPECT_STREQ(kTheadList, "thread_list");
  EXPECT_STREQ(kInputs, "inputs");
  EXPECT_STREQ(kOutputs, "outputs");
  EXPECT_STREQ(kOutputName, "output_type");
  EXPECT_STREQ(kSingleOutputName, "__NODE_WHOLE_OUTPUT__");
  EXPECT_STREQ(kNodeOutputName, "__NODE_SINGLE_OUTPUT__");
  EXPECT_STREQ(kOptional, "optional");
  EXPECT_STREQ(kSchedUpper, "sched_upper");
  EXPECT_STREQ(kSchedDown, "sched_down");
  EXPECT_STREQ(kPriority, "priority");
  EXPECT_STREQ(kThreadPriority, "thread_priority");
  EXPECT_STREQ(kPolicy, "policy");
  EXPECT_STREQ(kSourceNum, "source_number");
  // The multisource test edits configs with them.
  Config cfg;
  cfg[kSourceNum] = 3;
  cfg[kWorkflow][0][kMethodType] = "T";
  cfg[kWorkflow][0][kThreadNum] = 2;
  EXPECT_EQ(cfg[kSourceNum].asInt(), 3);
  cfg.removeMember(kSourceNum);
  EXPECT_FALSE(cfg.isMember(kSourceNum));
}

TEST(XStreamHeaders, VersionMacros) {
  EXPECT_STREQ(HOBOTXSDK_VERSION, "0.0.18");
  std::string with_time = HOBOTXSDK_VERSION_TIME;
  EXPECT_EQ(with_time.rfind("0.0.18 ", 0), 0u);
  EXPECT_GT(with_time.size(), std::strlen("0.0.18 "));
}

// A Method overriding only the pure members.
class BareMethod : public Method {
 public:
  int Init(const std::string&) override { return 0; }
  std::vector<std::vector<BaseDataPtr>> DoProcess(const std::vector<std::vector<BaseDataPtr>>& in,
                                                  const std::vector<InputParamPtr>&) override {
    return in;
  }
  void Finalize() override {}
};

TEST(XStreamHeaders, MethodDefaults) {
  BareMethod m;
  EXPECT_EQ(m.InitFromJsonString("{}"), -1);
  EXPECT_EQ(m.UpdateParameter(std::make_shared<SdkCommParam>("n", "{}")), -1);
  EXPECT_EQ(m.GetParameter(), nullptr);
  EXPECT_EQ(m.GetVersion(), "Method::GetVersion()");
  MethodInfo info = m.GetMethodInfo();
  EXPECT_FALSE(info.is_thread_safe_);
  EXPECT_FALSE(info.is_need_reorder);
  EXPECT_FALSE(info.is_src_ctx_dept);
}

// Doubles its one XStreamData<int> input; remembers the params it saw.
class Doubler : public SimpleMethod {
 public:
  int Init(const std::string&) override { return 0; }
  std::vector<BaseDataPtr> DoProcess(const std::vector<BaseDataPtr>& input,
                                     const InputParamPtr& param) override {
    params_seen.push_back(param);
    auto in = std::static_pointer_cast<XStreamData<int>>(input[0]);
    return {std::make_shared<XStreamData<int>>(in->value * 2)};
  }
  void Finalize() override {}
  std::vector<InputParamPtr> params_seen;
};

TEST(XStreamHeaders, SimpleMethodBatchLoopsOverFrames) {
  Doubler doubler;
  Method& method = doubler;
  std::vector<std::vector<BaseDataPtr>> batch;
  for (int v : {1, 2, 3}) batch.push_back({std::make_shared<XStreamData<int>>(v)});
  InputParamPtr p0 = std::make_shared<DisableParam>("d");
  auto out = method.DoProcess(batch, {p0, nullptr});
  ASSERT_EQ(out.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(out[i].size(), 1u);
    EXPECT_EQ(std::static_pointer_cast<XStreamData<int>>(out[i][0])->value, 2 * (i + 1));
  }
  ASSERT_EQ(doubler.params_seen.size(), 3u);
  EXPECT_EQ(doubler.params_seen[0], p0);
  EXPECT_EQ(doubler.params_seen[1], nullptr);
  EXPECT_EQ(doubler.params_seen[2], nullptr);  // param shorter than the batch
  EXPECT_EQ(doubler.GetVersion(), "SimpleMethod::GetVersion()");
  EXPECT_EQ(doubler.InitFromJsonString("{}"), -1);
  EXPECT_EQ(doubler.UpdateParameter(p0), -1);
  EXPECT_EQ(doubler.GetParameter(), nullptr);
  EXPECT_FALSE(doubler.GetMethodInfo().is_thread_safe_);
}

TEST(XStreamHeaders, SdkInterfaceShape) {
  static_assert(std::is_abstract<XStreamSDK>::value, "");
  static_assert(std::is_base_of<XStreamSDK, XStreamFlow>::value, "");
  static_assert(std::has_virtual_destructor<XStreamSDK>::value, "");
  static_assert(std::is_abstract<MethodFactory>::value, "");
  static_assert(std::is_base_of<Method, SimpleMethod>::value, "");
}

TEST(XStreamHeaders, ComFunc) {
  EXPECT_EQ(hobotcommon::get_parent_path("a/b/c.json"), "a/b/");
  EXPECT_EQ(hobotcommon::get_parent_path("/c.json"), "/");
  EXPECT_EQ(hobotcommon::get_parent_path("c.json"), "./");
  EXPECT_EQ(hobotcommon::split(" a , b,,c ,  ", ','), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(XStreamHeaders, VisionBBox) {
  hobot::vision::BBox box(1, 2, 11, 7);
  EXPECT_EQ(box.x1, 1);
  EXPECT_EQ(box.y2, 7);
  EXPECT_EQ(box.Width(), 10);
  EXPECT_EQ(box.Height(), 5);
}

TEST(XStreamHeaders, CapiBaseDataRoundTrip) {
  auto cpp = std::make_shared<BaseData>();
  cpp->name_ = "face";
  cpp->error_code_ = -7;
  HobotXStreamCapiData* c = cpp->c_data_->cpp2c_method_(cpp);
  ASSERT_NE(c, nullptr);
  EXPECT_STREQ(c->type_, "BaseData");
  EXPECT_STREQ(c->name_, "face");
  EXPECT_EQ(c->error_code_, -7);
  EXPECT_EQ(c->error_detail_, nullptr);  // empty strings are not copied
  auto* context = static_cast<CppContext*>(c->context_);
  EXPECT_EQ(context->cpp_data_, cpp);
  BaseDataPtr back = context->c2cpp_method_(c);
  EXPECT_EQ(back->name_, "face");
  EXPECT_EQ(back->error_code_, -7);
  context->cfree_method_(&c);
  EXPECT_EQ(c, nullptr);
}

TEST(XStreamHeaders, HobotlogStreamsAndLevels) {
  SetLogLevel(HOBOT_LOG_NULL);
  int evaluated = 0;
  LOGE << "silenced " << ++evaluated;
  EXPECT_EQ(evaluated, 0);  // disabled messages are not evaluated
  SetLogLevel(HOBOT_LOG_VERBOSE);
  EXPECT_EQ(GetLogLevel(), rtc::HOBOT_LOG_VERBOSE);
  LOGV << "shown " << ++evaluated;
  EXPECT_EQ(evaluated, 1);
  SetLogLevelVar(rtc::HOBOT_LOG_WARN);
  LOGI << "hidden " << ++evaluated;
  EXPECT_EQ(evaluated, 1);
  HOBOT_CHECK(evaluated == 1) << "not evaluated";
  HOBOT_CHECK_EQ(evaluated, 1);
  HOBOT_CHECK_GE(2, 1) << "fine";
  if (evaluated == 0)
    HOBOT_CHECK_NE(1, 2);
  else
    HOBOT_CHECK_LT(1, 2);
}

TEST(XStreamHeadersDeathTest, HobotCheckAbortsWithMessage) {
  EXPECT_DEATH({ HOBOT_CHECK(1 + 1 == 3) << "math " << 42; }, "1 \\+ 1 == 3.*math 42");
  EXPECT_DEATH({ HOBOT_CHECK_GT(1, 2) << "order"; }, "1 > 2 \\(1 vs. 2\\).*order");
}

}  // namespace
