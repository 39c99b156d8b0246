// Include directives and file reading.

#include "json/include_files.hpp"

#include <filesystem>

#include "json/error_codes.hpp"
#include "json/json_parser.hpp"
#include "text_file.hpp"

namespace rill::config::json_fe {
namespace {

constexpr std::string_view kIncludePrefix = "@include:";

}  // namespace

bool is_include(const std::string& s) {
  return s.size() > kIncludePrefix.size() &&
         s.compare(0, kIncludePrefix.size(), kIncludePrefix) == 0;
}

std::string include_target(const std::string& s, const std::string& folder) {
  std::string path = s.substr(kIncludePrefix.size());
  // Only spaces are trimmed, as in XStream: a tab or newline stays part of the name.
  std::size_t first = path.find_first_not_of(' ');
  if (first == std::string::npos) return folder;
  std::size_t last = path.find_last_not_of(' ');
  return folder + path.substr(first, last - first + 1);
}

std::optional<JsonNode> load_include(const JsonNode& directive, const std::string& folder,
                                     Diagnostics& diags) {
  std::string target = include_target(directive.text, folder);
  // Shown as written but without "./" noise; the path itself is opened unchanged.
  std::string shown = std::filesystem::path(target).lexically_normal().string();
  std::string text;
  std::string why;
  if (!read_text_file(target, &text, &why)) {
    diags.error(directive.loc, "cannot read included file '" + shown + "': " + why +
                                   code_suffix(ParseCode::kFilePath));
    return std::nullopt;
  }
  return parse_json(text, shown, diags);
}

}  // namespace rill::config::json_fe
