#pragma once
// RtspServer: the test RTSP server (tests/support/rtsp_server.py, gst-rtsp-server through
// python3-gi) as a child process on 127.0.0.1, serving H.264 files in an endless loop. A test
// can kill it (a camera that dies) and start another on the same port (it comes back).
//
// Needs RILL_SOURCE_DIR (the test target defines it) to find the script.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace rill::testing {

class RtspServer {
 public:
  struct Mount {
    std::string path;  ///< "/cam"
    std::string file;  ///< an mp4 or mkv holding H.264
  };

  /// Why the server cannot run on this machine ("" when it can): e.g. gst-rtsp-server is not
  /// installed. Asked once per process.
  static const std::string& unavailable() {
    static const std::string reason = [] {
      std::string cmd = "/usr/bin/python3 '" + script() + "' --check 2>&1";
      std::string out;
      FILE* p = ::popen(cmd.c_str(), "r");
      if (p == nullptr) return std::string("cannot run /usr/bin/python3");
      char buf[512];
      while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
      int status = ::pclose(p);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::string();
      return out.empty() ? std::string("rtsp_server.py --check failed") : out;
    }();
    return reason;
  }

  /// Starts the server on `port` (0: a free one) and waits, at most 30 s, until it listens.
  /// When it could not start, port() is 0 and error() says why.
  explicit RtspServer(const std::vector<Mount>& mounts, int port = 0, double max_seconds = 120) {
    std::vector<std::string> args = {"/usr/bin/python3", script(),
                                     "--port",           std::to_string(port),
                                     "--max-seconds",    std::to_string(max_seconds)};
    for (const Mount& m : mounts) {
      args.push_back("--mount");
      args.push_back(m.path + "=" + m.file);
    }
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
      error_ = "pipe failed";
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      // Only async-signal-safe calls between fork and exec (the test process has threads).
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a test killed by its timeout takes the server along
      ::dup2(out[1], STDOUT_FILENO);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    // The server prints its port once it listens (bounded: the first GStreamer start-up on a
    // machine scans its plugins).
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{out[0], POLLIN, 0};
      if (::poll(&pfd, 1, 100) <= 0) continue;
      char buf[64];
      ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;  // it exited
      line.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    port_ = std::atoi(line.c_str());
    if (port_ <= 0) {
      error_ = "rtsp_server.py did not start (its stderr is in the test log)";
      kill();
    }
  }

  ~RtspServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {  // at most 5 s for a clean stop, then no more patience
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill();
  }
  RtspServer(const RtspServer&) = delete;
  RtspServer& operator=(const RtspServer&) = delete;

  /// SIGKILL now, as a camera that loses power: no RTSP teardown, connections just drop.
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] std::string url(const std::string& path) const {
    return "rtsp://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  static std::string script() {
    return std::string(RILL_SOURCE_DIR) + "/tests/support/rtsp_server.py";
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace rill::testing
