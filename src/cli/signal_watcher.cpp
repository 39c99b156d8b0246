// SignalWatcher: a signalfd read by a dedicated thread.

#include "signal_watcher.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "exit_codes.hpp"

namespace rill::cli {

namespace {

sigset_t termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

const char* signal_name(int signo) { return signo == SIGINT ? "SIGINT" : "SIGTERM"; }

}  // namespace

void SignalWatcher::block_termination_signals() {
  sigset_t set = termination_signals();
  if (int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0) {
    throw std::system_error(rc, std::generic_category(), "pthread_sigmask");
  }
}

SignalWatcher::SignalWatcher(std::function<void(int)> on_first) : on_first_(std::move(on_first)) {
  sigset_t set = termination_signals();
  signal_fd_ = signalfd(-1, &set, SFD_CLOEXEC);
  if (signal_fd_ < 0) throw std::system_error(errno, std::generic_category(), "signalfd");
  wake_fd_ = eventfd(0, EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    close(signal_fd_);
    throw std::system_error(errno, std::generic_category(), "eventfd");
  }
  thread_ = std::thread([this] { loop(); });
}

SignalWatcher::~SignalWatcher() {
  std::uint64_t one = 1;
  // Cannot fail short of a broken fd; the loop also ends when poll reports an error.
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof one);
  thread_.join();
  close(signal_fd_);
  close(wake_fd_);
}

void SignalWatcher::loop() {
  int seen = 0;
  for (;;) {
    pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if ((fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    signalfd_siginfo info{};
    if (read(signal_fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) continue;
    const int signo = static_cast<int>(info.ssi_signo);
    if (++seen == 1) {
      std::fprintf(stderr, "rill: %s received, draining in-flight messages (again to quit now)\n",
                   signal_name(signo));
      on_first_(signo);
    } else {
      std::fprintf(stderr, "rill: %s received again, quitting without draining\n",
                   signal_name(signo));
      std::fflush(stdout);
      std::_Exit(kExitInterrupted);
    }
  }
}

}  // namespace rill::cli
