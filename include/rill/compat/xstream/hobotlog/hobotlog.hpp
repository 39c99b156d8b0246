// hobotlog compatibility shim: the subset of Horizon's hobotlog that XStream programs use,
// header-only, writing to std::cerr. Compiles as C++14.
//
//   SetLogLevel(HOBOT_LOG_DEBUG);        // or SetLogLevelVar(rtc::HOBOT_LOG_DEBUG)
//   LOGI << "frame " << id << " done";   // one line per statement, prefixed with level/file:line
//   HOBOT_CHECK(ptr != nullptr) << "no data";  // prints and aborts when false
//   HOBOT_CHECK_GE(count, 1);                  // prints both values when they are printable
//
// Levels, lowest first: VERBOSE, DEBUG, INFO, WARN, ERROR, FATAL, NULL (silences everything).
// A message is written when its level is at least the current one; the default is WARN (the real
// library defaults to INFO in debug and NULL in release builds). LOGF only logs; it does not abort.
// Thread safety: the level is atomic; each message is written with one locked write, so lines
// from different threads do not interleave.
#ifndef HOBOTLOG_HOBOTLOG_HPP_
#define HOBOTLOG_HOBOTLOG_HPP_

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace rtc {

/// Log levels (hobotlog keeps them in namespace rtc; SetLogLevel prefixes the namespace).
enum LoggingSeverity {
  HOBOT_LOG_VERBOSE,
  HOBOT_LOG_DEBUG,
  HOBOT_LOG_INFO,
  HOBOT_LOG_WARN,
  HOBOT_LOG_ERROR,
  HOBOT_LOG_FATAL,
  HOBOT_LOG_NULL
};

}  // namespace rtc

namespace hobotlog {
namespace internal {

inline std::atomic<int>& Level() {
  static std::atomic<int> level(rtc::HOBOT_LOG_WARN);
  return level;
}

inline void SetLevel(rtc::LoggingSeverity sev) { Level().store(sev, std::memory_order_relaxed); }

inline rtc::LoggingSeverity GetLevel() {
  return static_cast<rtc::LoggingSeverity>(Level().load(std::memory_order_relaxed));
}

inline bool Enabled(rtc::LoggingSeverity sev) {
  return sev != rtc::HOBOT_LOG_NULL && sev >= Level().load(std::memory_order_relaxed);
}

inline void Write(const std::string& line) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::cerr << line << std::flush;
}

inline const char* LevelName(rtc::LoggingSeverity sev) {
  switch (sev) {
    case rtc::HOBOT_LOG_VERBOSE:
      return "VERBOSE";
    case rtc::HOBOT_LOG_DEBUG:
      return "DEBUG";
    case rtc::HOBOT_LOG_INFO:
      return "INFO";
    case rtc::HOBOT_LOG_WARN:
      return "WARN";
    case rtc::HOBOT_LOG_ERROR:
      return "ERROR";
    case rtc::HOBOT_LOG_FATAL:
      return "FATAL";
    default:
      return "LOG";
  }
}

inline const char* BaseName(const char* path) {
  const char* base = path;
  for (const char* p = path; *p; ++p) {
    if (*p == '/' || *p == '\\') base = p + 1;
  }
  return base;
}

/// One log statement: collects the streamed text, writes the line when destroyed.
class LogMessage {
 public:
  LogMessage(const char* file, int line, rtc::LoggingSeverity sev, const std::string& tag = "") {
    stream_ << "[" << LevelName(sev) << "][" << BaseName(file) << ":" << line << "] ";
    if (!tag.empty()) stream_ << "[" << tag << "] ";
  }
  ~LogMessage() {
    stream_ << '\n';
    Write(stream_.str());
  }
  LogMessage(const LogMessage&) = delete;
  LogMessage& operator=(const LogMessage&) = delete;
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

/// A failed check: collects the streamed text, writes it and aborts when destroyed.
class FatalMessage {
 public:
  FatalMessage(const char* file, int line, const std::string& what) {
    stream_ << "[FATAL][" << BaseName(file) << ":" << line << "] Check failed: " << what << " ";
  }
  ~FatalMessage() {
    stream_ << '\n';
    Write(stream_.str());
    std::abort();
  }
  FatalMessage(const FatalMessage&) = delete;
  FatalMessage& operator=(const FatalMessage&) = delete;
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

/// Turns `voidify & stream << ...` into a void expression for the ?: in the macros.
struct Voidify {
  void operator&(std::ostream&) {}
};

template <typename T, typename = void>
struct IsPrintable : std::false_type {};
template <typename T>
struct IsPrintable<T, decltype(void(std::declval<std::ostream&>() << std::declval<const T&>()))>
    : std::true_type {};

template <typename T>
void PrintValue(std::ostream& os, const T& v, std::true_type) {
  os << v;
}
template <typename T>
void PrintValue(std::ostream& os, const T&, std::false_type) {
  os << "<value>";
}

/// nullptr when `a op b` held; otherwise the text of the failed comparison with both values.
template <typename A, typename B, typename Op>
std::unique_ptr<std::string> CheckOp(const A& a, const B& b, Op op, const char* expr) {
  if (op(a, b)) return nullptr;
  std::ostringstream os;
  os << expr << " (";
  PrintValue(os, a, IsPrintable<A>());
  os << " vs. ";
  PrintValue(os, b, IsPrintable<B>());
  os << ")";
  return std::unique_ptr<std::string>(new std::string(os.str()));
}

// Generic comparisons (C++14 std::equal_to<> etc. would need <functional>; these are enough).
struct Eq {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a == b;
  }
};
struct Ne {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a != b;
  }
};
struct Le {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a <= b;
  }
};
struct Lt {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a < b;
  }
};
struct Ge {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a >= b;
  }
};
struct Gt {
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return a > b;
  }
};

}  // namespace internal
}  // namespace hobotlog

// Level control. SetLogLevel takes an unqualified level name (SetLogLevel(HOBOT_LOG_INFO));
// SetLogLevelVar takes a value (rtc::LoggingSeverity).
#define SetLogLevel(sev) ::hobotlog::internal::SetLevel(::rtc::sev)
#define SetLogLevelVar(sev) ::hobotlog::internal::SetLevel(sev)
#define GetLogLevel() ::hobotlog::internal::GetLevel()

#define HOBOTLOG_STREAM_(sev, tag)        \
  !::hobotlog::internal::Enabled(sev)     \
      ? (void)0                           \
      : ::hobotlog::internal::Voidify() & \
            ::hobotlog::internal::LogMessage(__FILE__, __LINE__, sev, tag).stream()

#define LOGV HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_VERBOSE, "")
#define LOGD HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_DEBUG, "")
#define LOGI HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_INFO, "")
#define LOGW HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_WARN, "")
#define LOGE HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_ERROR, "")
#define LOGF HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_FATAL, "")

#define LOGV_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_VERBOSE, tag)
#define LOGD_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_DEBUG, tag)
#define LOGI_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_INFO, tag)
#define LOGW_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_WARN, tag)
#define LOGE_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_ERROR, tag)
#define LOGF_T(tag) HOBOTLOG_STREAM_(::rtc::HOBOT_LOG_FATAL, tag)

// Checks: always active (also with NDEBUG). The streamed text is evaluated only on failure.
#define HOBOT_CHECK(condition)                    \
  (condition) ? (void)0                           \
              : ::hobotlog::internal::Voidify() & \
                    ::hobotlog::internal::FatalMessage(__FILE__, __LINE__, #condition).stream()

#define HOBOTLOG_CHECK_OP_(op, symbol, a, b)                                                  \
  while (std::unique_ptr<std::string> hobotlog_check_failed_ = ::hobotlog::internal::CheckOp( \
             (a), (b), ::hobotlog::internal::op(), #a " " symbol " " #b))                     \
  ::hobotlog::internal::FatalMessage(__FILE__, __LINE__, *hobotlog_check_failed_).stream()

#define HOBOT_CHECK_EQ(a, b) HOBOTLOG_CHECK_OP_(Eq, "==", a, b)
#define HOBOT_CHECK_NE(a, b) HOBOTLOG_CHECK_OP_(Ne, "!=", a, b)
#define HOBOT_CHECK_LE(a, b) HOBOTLOG_CHECK_OP_(Le, "<=", a, b)
#define HOBOT_CHECK_LT(a, b) HOBOTLOG_CHECK_OP_(Lt, "<", a, b)
#define HOBOT_CHECK_GE(a, b) HOBOTLOG_CHECK_OP_(Ge, ">=", a, b)
#define HOBOT_CHECK_GT(a, b) HOBOTLOG_CHECK_OP_(Gt, ">", a, b)

// Debug checks: like the above without NDEBUG; compiled but never evaluated with it.
#ifdef NDEBUG
#define HOBOTLOG_DCHECK_OFF_(check) \
  while (false) check
#define HOBOT_DCHECK(condition) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK(condition))
#define HOBOT_DCHECK_EQ(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_EQ(a, b))
#define HOBOT_DCHECK_NE(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_NE(a, b))
#define HOBOT_DCHECK_LE(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_LE(a, b))
#define HOBOT_DCHECK_LT(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_LT(a, b))
#define HOBOT_DCHECK_GE(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_GE(a, b))
#define HOBOT_DCHECK_GT(a, b) HOBOTLOG_DCHECK_OFF_(HOBOT_CHECK_GT(a, b))
#else
#define HOBOT_DCHECK(condition) HOBOT_CHECK(condition)
#define HOBOT_DCHECK_EQ(a, b) HOBOT_CHECK_EQ(a, b)
#define HOBOT_DCHECK_NE(a, b) HOBOT_CHECK_NE(a, b)
#define HOBOT_DCHECK_LE(a, b) HOBOT_CHECK_LE(a, b)
#define HOBOT_DCHECK_LT(a, b) HOBOT_CHECK_LT(a, b)
#define HOBOT_DCHECK_GE(a, b) HOBOT_CHECK_GE(a, b)
#define HOBOT_DCHECK_GT(a, b) HOBOT_CHECK_GT(a, b)
#endif

#endif  // HOBOTLOG_HOBOTLOG_HPP_
