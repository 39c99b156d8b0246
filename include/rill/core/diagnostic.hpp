#pragma once
// Diagnostic: one located problem in a config, printed as `FILE:LINE:COL: error: MESSAGE`.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/limits.hpp"

namespace rill {

/// Where something was written: a file and a 1-based line and column (0 = unknown).
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLoc loc;
  std::string key;  ///< the config key at fault, when there is one (e.g. "graphs.nodes.ty")
  std::string message;

  /// `FILE:LINE:COL: error: MESSAGE` (line/col omitted when unknown).
  [[nodiscard]] std::string format() const;
};

/// Collects diagnostics from validation passes; passes add every problem they find rather than
/// stopping at the first.
class Diagnostics {
 public:
  void error(SourceLoc loc, std::string message, std::string key = {});
  void warning(SourceLoc loc, std::string message, std::string key = {});
  void note(SourceLoc loc, std::string message, std::string key = {});
  /// Keeps the first limits::kMaxDiagnostics, each message cut to limits::kMaxMessageChars;
  /// the rest are only counted (error_count() includes them, format() says how many).
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Every diagnostic formatted, one per line.
  [[nodiscard]] std::string format() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t dropped_errors_ = 0;
  std::size_t dropped_others_ = 0;
};

/// `text` cut to `max_chars` bytes (at a UTF-8 character boundary) plus how much was cut: for
/// values echoed into messages, which may be megabytes of a hostile config.
std::string cut_for_message(std::string text, std::size_t max_chars = limits::kMaxMessageChars);

/// "did you mean 'x'?" candidate: the closest of `known` within edit distance 2 (and within half
/// the word's length, so short words do not match everything), or empty.
std::string closest_match(std::string_view word, std::initializer_list<std::string_view> known);
std::string closest_match(std::string_view word, const std::vector<std::string>& known);

/// Thrown where a caller wants an exception instead of a Diagnostics list (e.g. Graph::create
/// convenience overloads). what() is Diagnostics::format().
class ConfigError : public std::exception {
 public:
  explicit ConfigError(Diagnostics d);
  [[nodiscard]] const char* what() const noexcept override { return text_.c_str(); }
  [[nodiscard]] const Diagnostics& diagnostics() const { return diags_; }

 private:
  Diagnostics diags_;
  std::string text_;
};

}  // namespace rill
