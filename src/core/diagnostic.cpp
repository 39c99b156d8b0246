#include "rill/core/diagnostic.hpp"

#include <fmt/format.h>

namespace rill {

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
