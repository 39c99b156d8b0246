#include "rill/core/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rill/core/limits.hpp"

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
  add({Severity::kError, std::move(loc), std::move(key), std::move(message)});
}
void Diagnostics::warning(SourceLoc loc, std::string message, std::string key) {
  add({Severity::kWarning, std::move(loc), std::move(key), std::move(message)});
}
void Diagnostics::note(SourceLoc loc, std::string message, std::string key) {
  add({Severity::kNote, std::move(loc), std::move(key), std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
  if (items_.size() >= limits::kMaxDiagnostics) {
    // A template loop or a generated config can repeat one mistake without end: count them.
    (d.severity == Severity::kError ? dropped_errors_ : dropped_others_) += 1;
    return;
  }
  d.message = cut_for_message(std::move(d.message));
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
  dropped_errors_ += other.dropped_errors_;
  dropped_others_ += other.dropped_others_;
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  std::size_t n = dropped_errors_;
  for (const auto& d : items_) n += d.severity == Severity::kError;
  return n;
}

std::string Diagnostics::format() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.format();
    out.push_back('\n');
  }
  if (const std::size_t more = dropped_errors_ + dropped_others_; more > 0) {
    out +=
        fmt::format("({} more diagnostics not shown, {} of them errors)\n", more, dropped_errors_);
  }
  return out;
}

std::string cut_for_message(std::string text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  std::size_t end = max_chars;
  // Back to the start of a UTF-8 sequence, so the cut never splits a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  const std::size_t cut = text.size() - end;
  text.resize(end);
  text += fmt::format("... ({} more bytes)", cut);
  return text;
}

ConfigError::ConfigError(Diagnostics d) : diags_(std::move(d)), text_(diags_.format()) {
  if (!text_.empty() && text_.back() == '\n') text_.pop_back();
}

}  // namespace rill
