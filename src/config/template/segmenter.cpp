// Splits a template into text runs and tags and applies whitespace trimming.

#include <string>

#include "template/lexer.hpp"

namespace rill::config::tmpl {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Finds the closing delimiter of an expression/statement tag whose content starts at `pos`.
/// Quoted strings and brace pairs are skipped so that `{{ '}}' }}` and `{{ {'a': {'b': 1}} }}`
/// close at their last `}}`, as templar's grammar (which parses the expression before looking for
/// the end) does.
std::size_t find_close(std::string_view src, std::size_t pos, char close_first) {
  char quote = 0;
  int depth = 0;  // map literals nest braces: `{{ {'a': {'b': 1}} }}`
  for (std::size_t i = pos; i < src.size(); ++i) {
    char c = src[i];
    if (quote) {
      if (c == '\\' && i + 1 < src.size() && src[i + 1] == quote) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (depth == 0 && c == close_first && i + 1 < src.size() && src[i + 1] == '}') {
      return i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string_view opener(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kExpr:
      return "{{";
    case SegmentKind::kStmt:
      return "{%";
    default:
      return "{#";
  }
}

}  // namespace

std::vector<Segment> split_segments(std::string_view src, std::vector<TemplateError>* errors) {
  std::vector<Segment> out;
  bool trim_next_text = false;
  std::size_t pos = 0;
  auto push_text = [&](std::size_t begin, std::size_t end, bool trim_tail) {
    if (trim_next_text) {
      while (begin < end && is_space(src[begin])) ++begin;
    }
    if (trim_tail) {
      while (end > begin && is_space(src[end - 1])) --end;
    }
    trim_next_text = false;
    if (begin < end) out.push_back({SegmentKind::kText, begin, end, begin});
  };

  while (pos < src.size()) {
    std::size_t open = pos;
    SegmentKind kind = SegmentKind::kText;
    for (; open + 1 < src.size(); ++open) {
      if (src[open] != '{') continue;
      char c = src[open + 1];
      if (c == '{') kind = SegmentKind::kExpr;
      if (c == '%') kind = SegmentKind::kStmt;
      if (c == '#') kind = SegmentKind::kComment;
      if (kind != SegmentKind::kText) break;
    }
    if (kind == SegmentKind::kText) {
      push_text(pos, src.size(), false);
      break;
    }
    std::size_t content = open + 2;
    bool trim_before = content < src.size() && src[content] == '-';
    if (trim_before) ++content;
    push_text(pos, open, trim_before);

    std::size_t close = kind == SegmentKind::kComment ? src.find("#}", content)
                        : kind == SegmentKind::kExpr  ? find_close(src, content, '}')
                                                      : find_close(src, content, '%');
    if (close == std::string_view::npos) {
      errors->push_back({open, "unterminated '" + std::string(opener(kind)) + "' tag"});
      return out;
    }
    std::size_t content_end = close;
    if (content_end > content && src[content_end - 1] == '-') {
      --content_end;
      trim_next_text = true;
    }
    if (kind != SegmentKind::kComment) out.push_back({kind, content, content_end, open});
    pos = close + 2;
  }
  return out;
}

}  // namespace rill::config::tmpl
