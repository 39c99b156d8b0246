#include "rill/core/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rill {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <typename Range>
std::string closest_in(std::string_view word, const Range& known) {
  std::string best;
  std::size_t best_d = 3;
  for (std::string_view k : known) {
    std::size_t d = edit_distance(word, k);
    if (d < best_d && d * 2 <= word.size()) {
      best_d = d;
      best = std::string(k);
    }
  }
  return best;
}

}  // namespace

std::string closest_match(std::string_view word, std::initializer_list<std::string_view> known) {
  return closest_in(word, known);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& known) {
  return closest_in(word, known);
}

std::string Diagnostic::format() const {
  const char* sev = severity == Severity::kError     ? "error"
                    : severity == Severity::kWarning ? "warning"
                                                     : "note";
  std::string where = loc.file.empty() ? std::string("<config>") : loc.file;
  if (loc.line > 0) {
    where += fmt::format(":{}:{}", loc.line, loc.col > 0 ? loc.col : 1);
  }
  return fmt::format("{}: {}: {}", where, sev, message);
}

void Diagnostics::error(SourceLoc loc, std::string message, std::string key) {
  items_.push_back({Severity::kError, std::move(loc), std::move(key), std::move(message)});
}
void Diagnostics::warning(SourceLoc loc, std::string message, std::string key) {
  items_.push_back({Severity::kWarning, std::move(loc), std::move(key), std::move(message)});
}
void Diagnostics::note(SourceLoc loc, std::string message, std::string key) {
  items_.push_back({Severity::kNote, std::move(loc), std::move(key), std::move(message)});
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kError;
  return n;
}

std::string Diagnostics::format() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.format();
    out.push_back('\n');
  }
  return out;
}

ConfigError::ConfigError(Diagnostics d) : diags_(std::move(d)), text_(diags_.format()) {
  if (!text_.empty() && text_.back() == '\n') text_.pop_back();
}

}  // namespace rill
