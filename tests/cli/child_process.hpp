#pragma once
// ChildProcess: runs a real binary (bin/rill, bin/megflow_run) with its stdout and stderr
// captured, always bounded: whatever the child does, finish() returns by its deadline, killing
// the child if need be. Linux only (fork/exec, poll).

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rill::testing {

/// Where the build put the binaries and plugins the CLI tests run.
inline std::string bin_path(const std::string& name) {
  return std::string(RILL_BINARY_DIR) + "/bin/" + name;
}
inline std::string hello_plugin_dir() { return std::string(RILL_BINARY_DIR) + "/examples/hello"; }
inline std::string test_plugin_dir() { return std::string(RILL_BINARY_DIR) + "/tests/cli/plugins"; }
inline std::string cli_data(const std::string& name) {
  return std::string(RILL_TEST_DATA_DIR) + "/cli/" + name;
}
inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct ProcessResult {
  int exit_code = -1;      ///< -1 when the child was killed by a signal
  int term_signal = 0;     ///< the signal that killed it, if any
  bool timed_out = false;  ///< killed by us at the deadline
  std::string out;
  std::string err;
};

class ChildProcess {
 public:
  /// Starts `argv[0]` (a path) with `argv`; `cwd` empty = the test's working directory.
  explicit ChildProcess(const std::vector<std::string>& argv, const std::string& cwd = {}) {
    int out_pipe[2];
    int err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe2 failed");
    }
    // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    sigset_t none;
    sigemptyset(&none);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(out_pipe[1], STDOUT_FILENO);
      dup2(err_pipe[1], STDERR_FILENO);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
      execv(args[0], args.data());
      _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (err_fd_ >= 0) close(err_fd_);
  }

  /// Reads output until stdout contains `needle` (true) or the deadline/EOF (false).
  bool wait_for_stdout(std::string_view needle, std::chrono::seconds timeout) {
    return wait_for(result_.out, needle, timeout);
  }
  /// The same for stderr.
  bool wait_for_stderr(std::string_view needle, std::chrono::seconds timeout) {
    return wait_for(result_.err, needle, timeout);
  }

  void send_signal(int signo) { kill(pid_, signo); }

  /// Reads everything until both pipes close, then reaps the child. Past `timeout` the child is
  /// killed and timed_out set.
  ProcessResult finish(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pump(deadline)) {
    }
    if (out_fd_ >= 0 || err_fd_ >= 0) {  // deadline passed with the pipes still open
      result_.timed_out = true;
      kill(pid_, SIGKILL);
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFEXITED(status)) result_.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result_.term_signal = WTERMSIG(status);
    return result_;
  }

 private:
  bool wait_for(const std::string& text, std::string_view needle, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (text.find(needle) == std::string::npos) {
      if (!pump(deadline)) return text.find(needle) != std::string::npos;
    }
    return true;
  }

  /// One poll round; false when both pipes are closed or the deadline passed.
  bool pump(std::chrono::steady_clock::time_point deadline) {
    if (out_fd_ < 0 && err_fd_ < 0) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    int n = poll(fds, 2, static_cast<int>(left.count()));
    if (n <= 0) return n < 0 && errno == EINTR;
    drain(fds[0], out_fd_, result_.out);
    drain(fds[1], err_fd_, result_.err);
    return true;
  }

  static void drain(const pollfd& p, int& fd, std::string& into) {
    if (fd < 0 || (p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) return;
    char buf[4096];
    ssize_t got = read(fd, buf, sizeof buf);
    if (got > 0) {
      into.append(buf, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      close(fd);
      fd = -1;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  ProcessResult result_;
};

/// Runs a command to its end (bounded) and returns what it did.
inline ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = {},
                                 std::chrono::seconds timeout = std::chrono::seconds(60)) {
  return ChildProcess(argv, cwd).finish(timeout);
}

/// `bin/rill` followed by `args`.
inline ProcessResult rill(const std::vector<std::string>& args, const std::string& cwd = {}) {
  std::vector<std::string> argv{bin_path("rill")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, cwd);
}

}  // namespace rill::testing
