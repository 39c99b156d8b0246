// TraceRecorder: complete events written as Chrome / Perfetto trace-event JSON.

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <rill/core/trace.hpp>

namespace rill {
namespace {

TEST(TraceRecorder, EmptyTraceIsAnEmptyEventArray) {
  TraceRecorder rec;
  EXPECT_EQ(rec.size(), 0u);
  EXPECT_EQ(rec.to_json(), "{\"traceEvents\":[\n],\"displayTimeUnit\":\"ms\"}\n");
}

TEST(TraceRecorder, EachSpanIsOneCompleteEventNamedAsGiven) {
  TraceRecorder rec;
  rec.end(TraceRecorder::begin(), "main/a");
  rec.end(TraceRecorder::begin(), "main/b");
  ASSERT_EQ(rec.size(), 2u);
  const std::string json = rec.to_json();
  const std::regex event(
      R"re(\{"name":"(main/[ab])","cat":"node","ph":"X","ts":[0-9]+\.[0-9]{3},"dur":[0-9]+\.[0-9]{3},"pid":[0-9]+,"tid":[0-9]+\})re");
  std::string names;
  for (std::sregex_iterator it(json.begin(), json.end(), event), end; it != end; ++it) {
    names += (*it)[1].str() + ";";
  }
  EXPECT_EQ(names, "main/a;main/b;") << json;  // in start order
}

TEST(TraceRecorder, NamesAreJsonEscaped) {
  TraceRecorder rec;
  rec.end(TraceRecorder::begin(), "odd\"name\\\n");
  EXPECT_NE(rec.to_json().find(R"("name":"odd\"name\\\n")"), std::string::npos) << rec.to_json();
}

TEST(TraceRecorder, TidIsTheThreadTheSpanBeganOn) {
  TraceRecorder rec;
  TraceRecorder::Span here = TraceRecorder::begin();
  TraceRecorder::Span there;
  std::thread([&] { there = TraceRecorder::begin(); }).join();
  EXPECT_NE(here.tid, there.tid);
  rec.end(there, "x");  // ended on this thread, still attributed to the other one
  EXPECT_NE(rec.to_json().find(",\"tid\":" + std::to_string(there.tid) + "}"), std::string::npos);
}

TEST(TraceRecorder, WriteCreatesTheFileAndReportsAnUnwritablePath) {
  TraceRecorder rec;
  rec.end(TraceRecorder::begin(), "n");
  const std::string path =
      (std::filesystem::temp_directory_path() / ("rill_trace_test_" + std::to_string(::getpid())))
          .string();
  std::string error;
  ASSERT_TRUE(rec.write(path, &error)) << error;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), rec.to_json());
  std::filesystem::remove(path);

  EXPECT_FALSE(rec.write("/nonexistent-dir/trace.json", &error));
  EXPECT_EQ(error, "No such file or directory");
}

}  // namespace
}  // namespace rill
