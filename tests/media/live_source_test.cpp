// LiveSource against a real HTTP server on 127.0.0.1 (Python's http.server serving a transport
// stream): a source that ends is reconnected and its frames count on; a refusing server is an
// error at once; a silent wait gives the caller control back.

#include "live_source.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "media/test_videos.hpp"
#include "support/loopback.hpp"

namespace rill::media {
namespace {

using rill::testing::accepts;
using rill::testing::free_port;
using rill::testing::make_test_video;
using rill::testing::ScratchDir;

/// `python3 -m http.server` on 127.0.0.1 serving `dir`, killed when the test ends.
class HttpServer {
 public:
  explicit HttpServer(const std::string& dir) : port_(free_port()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      std::string port = std::to_string(port_);
      ::execl("/usr/bin/python3", "python3", "-m", "http.server", "--bind", "127.0.0.1",
              "--directory", dir.c_str(), port.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i) {  // at most 10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~HttpServer() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  [[nodiscard]] std::string url(const std::string& file) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + file;
  }
  [[nodiscard]] bool up() const { return accepts(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

ReconnectPolicy quick_policy() {
  ReconnectPolicy p;
  p.first_delay = std::chrono::milliseconds(50);
  p.max_delay = std::chrono::milliseconds(200);
  p.give_up_after = std::chrono::milliseconds(10'000);
  return p;
}

TEST(LiveSource, ASourceThatEndsIsReconnectedAndItsFramesCountOn) {
  ScratchDir dir;
  make_test_video(dir, "clip.ts", "160x120", 25, 0.4);  // 10 frames per connection
  HttpServer server(dir.path());
  ASSERT_TRUE(server.up());
  LiveSource source(server.url("clip.ts"), ReaderOptions{}, quick_policy());
  std::int64_t last_pts = -1;
  for (std::int64_t i = 0; i < 25; ++i) {
    LiveSource::Next next;
    for (int tries = 0; tries < 100; ++tries) {  // bounded: 100 waits of 200 ms
      next = sync_wait(source.next_for(std::chrono::milliseconds(200)));
      if (!next.timed_out) break;
    }
    ASSERT_TRUE(next.frame) << "frame " << i;
    EXPECT_EQ(next.frame->frame_index, i);
    EXPECT_GT(next.frame->pts, last_pts) << "pts go on across reconnections";
    last_pts = next.frame->pts;
  }
  EXPECT_GE(source.reconnects(), 2u);
}

TEST(LiveSource, ARefusingServerIsAnErrorAtOnce) {
  LiveSource source("http://127.0.0.1:" + std::to_string(free_port()) + "/clip.ts", ReaderOptions{},
                    quick_policy());
  bool threw = false;
  for (int tries = 0; tries < 100 && !threw; ++tries) {
    try {
      LiveSource::Next next = sync_wait(source.next_for(std::chrono::milliseconds(200)));
      ASSERT_TRUE(next.timed_out) << "no frame can come from a refusing server";
    } catch (const MediaError& e) {
      threw = true;
      EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(threw);
}

// A server that accepts and never answers: the caller gets control back at every wait, and
// destroying the source (a stopping graph) ends its blocked open promptly.
TEST(LiveSource, ASilentServerNeitherBlocksTheCallerNorTheStop) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  std::string url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/clip.ts";
  {
    ReaderOptions options;
    options.open_timeout = std::chrono::seconds(60);  // longer than the test may take
    LiveSource source(url, options, quick_policy());
    LiveSource::Next next = sync_wait(source.next_for(std::chrono::milliseconds(100)));
    EXPECT_TRUE(next.timed_out);
  }  // returns only once the reader thread has ended; ctest's timeout bounds it
  ::close(fd);
}

}  // namespace
}  // namespace rill::media
