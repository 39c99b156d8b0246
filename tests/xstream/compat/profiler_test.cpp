// XStream's profiler (hobotxstream/profiler.h): raw line format, threshold, FPS windows, the chrome
// trace written on destruction, and the user macros.
#include "hobotxstream/profiler.h"

#include <unistd.h>

#include <chrono>
#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <json/json.h>

#include "support/scratch_dir.hpp"

namespace xstream {
namespace {

// The macros as XStream methods use them: inside namespace xstream, with and without `;`.
int ScopesWithSemicolons(const ProfilerPtr& profiler) {
  RUN_FPS_PROFILER_WITH_PROFILER(profiler, "fps");
  RUN_TIME_PROFILER_WITH_PROFILER(profiler, "time", 3);
  return (scope_fps != nullptr) + (scope_time != nullptr);
}

int ScopesWithoutSemicolons(const ProfilerPtr& profiler) {
  RUN_FPS_PROFILER_WITH_PROFILER(profiler, "fps")
  RUN_TIME_PROFILER_WITH_PROFILER(profiler, "time", 3)
  return (scope_fps != nullptr) + (scope_time != nullptr);
}

// The global-profiler forms; the time scope outlives a 5 ms sleep.
void GlobalScopes() {
  RUN_FPS_PROFILER("global fps")
  RUN_PROCESS_TIME_PROFILER("global time");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace
}  // namespace xstream

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t pos; (pos = line.find(" | ", start)) != std::string::npos; start = pos + 3) {
    fields.push_back(line.substr(start, pos - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

std::vector<std::vector<std::string>> RawEvents(const std::string& path) {
  std::vector<std::vector<std::string>> events;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) events.push_back(Fields(line));
  return events;
}

Json::Value ParseJson(const std::string& text) {
  Json::Value root;
  std::string error;
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  EXPECT_TRUE(reader->parse(text.data(), text.data() + text.size(), &root, &error)) << error;
  return root;
}

std::string ThisThreadId() {
  std::ostringstream os;
  os << std::this_thread::get_id();
  return os.str();
}

class ProfilerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_threshold_ = TimeStatisticInfo::cycle_ms;
    path_ = dir_.write("profiler.txt", "");
    profiler_ = std::make_shared<Profiler>();
    ASSERT_TRUE(profiler_->SetOutputFile(path_));
  }
  void TearDown() override {
    profiler_.reset();
    TimeStatisticInfo::cycle_ms = saved_threshold_;
  }

  rill::testing::ScratchDir dir_;
  std::string path_;
  ProfilerPtr profiler_;
  int saved_threshold_ = 0;
};

TEST_F(ProfilerTest, StoppedProfilerCreatesNoScopes) {
  EXPECT_FALSE(profiler_->IsRunning());
  EXPECT_EQ(xstream::ScopesWithSemicolons(profiler_), 0);
  profiler_->Start();
  EXPECT_TRUE(profiler_->IsRunning());
  EXPECT_EQ(xstream::ScopesWithSemicolons(profiler_), 2);
  EXPECT_EQ(xstream::ScopesWithoutSemicolons(profiler_), 2);
  profiler_->Stop();
  EXPECT_FALSE(profiler_->IsRunning());
  EXPECT_EQ(xstream::ScopesWithoutSemicolons(profiler_), 0);
}

TEST_F(ProfilerTest, TimeScopeLongerThanThresholdWritesXLine) {
  profiler_->SetIntervalForTimeStat(1000);
  EXPECT_EQ(TimeStatisticInfo::cycle_ms, 1000);
  profiler_->Start();
  std::int64_t before = getMicroSecond();
  {
    RUN_TIME_PROFILER_WITH_PROFILER(profiler_, "node", 7)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto events = RawEvents(path_);
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0], "node");
  EXPECT_EQ(e[1], "sequencec_id_7");
  EXPECT_EQ(e[2], "X");
  EXPECT_GE(std::stoll(e[3]), before);
  EXPECT_GE(std::stoll(e[4]), 5000);
}

TEST_F(ProfilerTest, TimeScopeWithinThresholdWritesNothing) {
  profiler_->SetIntervalForTimeStat(INT_MAX);
  profiler_->Start();
  {RUN_TIME_PROFILER_WITH_PROFILER(profiler_, "short", -1)} EXPECT_EQ(ReadFile(path_), "");
}

TEST_F(ProfilerTest, ThresholdBelowOneIsIgnored) {
  profiler_->SetIntervalForTimeStat(2000);
  profiler_->SetIntervalForTimeStat(0);
  EXPECT_EQ(TimeStatisticInfo::cycle_ms, 2000);
}

TEST_F(ProfilerTest, TimeScopeTidIsThreadNameOrId) {
  profiler_->SetIntervalForTimeStat(1);
  profiler_->Start();
  std::string named, unnamed;
  std::thread worker([&] {
    Profiler::SetThreadName(std::this_thread::get_id(), "sdk_0_thread_3");
    {
      RUN_TIME_PROFILER_WITH_PROFILER(profiler_, "method", -1)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    Profiler::ClearThreadName(std::this_thread::get_id());
  });
  worker.join();
  {
    RUN_TIME_PROFILER_WITH_PROFILER(profiler_, "method", -1)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  {
    auto scope = profiler_->CreateTimeScopeWithTid("explicit", "my_tid");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  auto events = RawEvents(path_);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0][1], "sdk_0_thread_3");
  EXPECT_EQ(events[1][1], ThisThreadId());
  EXPECT_EQ(events[2][0], "explicit");
  EXPECT_EQ(events[2][1], "my_tid");
}

TEST_F(ProfilerTest, FpsCounterWritesTwoCLinesAfterOneSecond) {
  profiler_->Start();
  std::int64_t before = getMicroSecond();
  {RUN_FPS_PROFILER_WITH_PROFILER(profiler_, "input")} EXPECT_EQ(ReadFile(path_),
                                                                 "");  // window still open
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  { RUN_FPS_PROFILER_WITH_PROFILER(profiler_, "input") }
  auto events = RawEvents(path_);
  ASSERT_EQ(events.size(), 2u);
  for (const auto& e : events) {
    ASSERT_EQ(e.size(), 5u);
    EXPECT_EQ(e[0], "input");
    EXPECT_EQ(e[1], ThisThreadId());
    EXPECT_EQ(e[2], "C");
  }
  EXPECT_GE(std::stoll(events[0][3]), before);
  EXPECT_GE(std::stoll(events[1][3]), std::stoll(events[0][3]) + 1000000);
  double rate = std::stod(events[0][4]);  // 2 events in more than 1 s
  EXPECT_GT(rate, 0.0);
  EXPECT_LT(rate, 2.0);
  EXPECT_EQ(events[1][4], "0");
}

TEST_F(ProfilerTest, RestartResetsFpsCounters) {
  profiler_->Start();
  {RUN_FPS_PROFILER_WITH_PROFILER(profiler_, "input")} std::this_thread::sleep_for(
      std::chrono::milliseconds(1050));
  profiler_->Stop();
  profiler_->Start();
  {RUN_FPS_PROFILER_WITH_PROFILER(profiler_, "input")}  // a new window starts here
  EXPECT_EQ(ReadFile(path_), "");
}

TEST_F(ProfilerTest, DestructionRewritesFileAsChromeTrace) {
  std::stringstream ss;
  ss << "decode | sdk_0_thread_1 | X | 1000 | 4000\n"
     << "input | 140 | C | 2000 | 29.5\n"
     << "malformed | 1 | X | 3000\n"
     << "too | many | X | 1 | 2 | 3\n"
     << "\n"
     << "quote\"d | t | X | 5 | 6\n";
  profiler_->Log(ss);
  profiler_.reset();

  Json::Value trace = ParseJson(ReadFile(path_));
  ASSERT_TRUE(trace.isArray());
  ASSERT_EQ(trace.size(), 3u);
  const Json::Value& x = trace[0];
  EXPECT_EQ(x["pid"], "0");
  EXPECT_EQ(x["name"], "decode");
  EXPECT_EQ(x["tid"], "sdk_0_thread_1");
  EXPECT_EQ(x["ph"], "X");
  EXPECT_EQ(x["ts"], "1000");
  EXPECT_EQ(x["dur"], "4000");
  EXPECT_FALSE(x.isMember("args"));
  const Json::Value& c = trace[1];
  EXPECT_EQ(c["pid"], "0");
  EXPECT_EQ(c["name"], "input");
  EXPECT_EQ(c["tid"], "140");
  EXPECT_EQ(c["ph"], "C");
  EXPECT_EQ(c["ts"], "2000");
  EXPECT_EQ(c["args"]["frame cnt"], "29.5");
  EXPECT_FALSE(c.isMember("dur"));
  EXPECT_EQ(trace[2]["name"], "quote\"d");
}

TEST_F(ProfilerTest, SetOutputFileSwitchesFilesAndFailsForBadPath) {
  std::stringstream first;
  first << "a | t | X | 1 | 2\n";
  profiler_->Log(first);
  std::string second_path = dir_.write("second.txt", "stale");
  ASSERT_TRUE(profiler_->SetOutputFile(second_path));
  EXPECT_EQ(ReadFile(second_path), "");              // truncated
  EXPECT_EQ(ParseJson(ReadFile(path_)).size(), 1u);  // the first file was closed as a trace
  EXPECT_FALSE(profiler_->SetOutputFile(dir_.path() + "/missing/dir/p.txt"));
}

TEST_F(ProfilerTest, LogWithoutFileIsDropped) {
  auto bare = std::make_shared<Profiler>();
  std::stringstream ss;
  ss << "a | t | X | 1 | 2\n";
  bare->Log(ss);  // nothing to check but that it does not crash
}

TEST_F(ProfilerTest, GlobalProfilerWritesMethodFileInCurrentDirectory) {
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  Profiler::Release();  // a fresh global profiler, whose file goes to dir_
  Profiler::SetThreadName(std::this_thread::get_id(), "main_thread");
  Profiler::Get()->SetIntervalForTimeStat(1000);
  EXPECT_FALSE(std::filesystem::exists("PROFILER_METHOD.txt"));  // nothing before Start
  Profiler::Get()->Start();
  EXPECT_TRUE(std::filesystem::exists("PROFILER_METHOD.txt"));
  xstream::GlobalScopes();
  Profiler::Get()->Stop();
  EXPECT_EQ(Profiler::Release(), nullptr);
  Profiler::ClearThreadName(std::this_thread::get_id());

  Json::Value trace = ParseJson(ReadFile("PROFILER_METHOD.txt"));
  std::filesystem::current_path(cwd);
  ASSERT_EQ(trace.size(), 1u);
  EXPECT_EQ(trace[0]["name"], "global time");
  EXPECT_EQ(trace[0]["tid"], "main_thread");
  EXPECT_EQ(trace[0]["ph"], "X");
}

TEST_F(ProfilerTest, ConcurrentScopesFromManyThreads) {
  profiler_->SetIntervalForTimeStat(1);
  profiler_->Start();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 50; ++i) {
        RUN_FPS_PROFILER_WITH_PROFILER(profiler_, "fps")
        auto scope = profiler_->CreateTimeScopeWithTid("busy", "worker");
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
    });
  }
  for (auto& t : threads) t.join();
  // Whole lines only (one locked write per event); every 100 us scope exceeds the 1 us threshold.
  int busy = 0;
  for (const auto& e : RawEvents(path_)) {
    ASSERT_EQ(e.size(), 5u);
    if (e[2] == "X") {
      EXPECT_EQ(e[0], "busy");
      ++busy;
    } else {
      EXPECT_EQ(e[2], "C");  // an FPS window closes only if the run took over a second
    }
  }
  EXPECT_EQ(busy, 200);
}

}  // namespace
