// A recursive-descent JSON reader that records the line and column of every value.

#include "json/json_parser.hpp"

#include <charconv>

#include <rill/core/limits.hpp>

#include "json/json_cursor.hpp"

namespace rill::config::json_fe {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, Diagnostics& diags)
      : in_(text, file, diags) {}

  std::optional<JsonNode> parse_document() {
    try {
      in_.skip_bom();
      in_.skip_space();
      if (in_.at_end()) in_.fail(in_.here(), "expected a JSON value, found end of file");
      JsonNode root = parse_value(0);
      in_.skip_space();
      if (!in_.at_end()) in_.diags().warning(in_.here(), "text after the JSON value is ignored");
      return root;
    } catch (const ParseFailure&) {
      return std::nullopt;
    }
  }

 private:
  JsonNode parse_value(int depth) {
    // Checked before recursing into the value: the parser recurses once per level.
    if (depth > limits::kMaxJsonNesting) {
      in_.fail(in_.here(),
               "values nested deeper than " + std::to_string(limits::kMaxJsonNesting) + " levels");
    }
    char c = in_.peek();
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') {
      SourceLoc at = in_.here();
      return JsonNode::string(read_string_literal(in_), at);
    }
    if (c == '-' || is_digit(c)) return parse_number();
    if (c >= 'a' && c <= 'z') return parse_literal();
    in_.fail(in_.here(), "expected a JSON value, found " + in_.describe_here());
  }

  JsonNode parse_object(int depth) {
    JsonNode obj = JsonNode::object(in_.here());
    in_.advance();  // '{'
    in_.skip_space();
    if (in_.peek() == '}') {
      in_.advance();
      return obj;
    }
    while (true) {
      if (in_.peek() != '"') {
        in_.fail(in_.here(), "expected a string key, found " + in_.describe_here());
      }
      SourceLoc key_at = in_.here();
      std::string key = read_string_literal(in_);
      in_.skip_space();
      if (in_.peek() != ':') in_.fail(in_.here(), "expected ':' after key '" + key + "'");
      in_.advance();
      in_.skip_space();
      JsonNode value = parse_value(depth + 1);
      auto [it, inserted] = obj.members.try_emplace(key);
      // jsoncpp keeps the last value of a repeated key.
      if (!inserted) {
        in_.diags().warning(key_at, "duplicate key '" + key + "': the last value is used");
      }
      it->second = std::move(value);
      in_.skip_space();
      if (in_.peek() == '}') {
        in_.advance();
        return obj;
      }
      if (in_.peek() != ',') {
        in_.fail(in_.here(),
                 "expected ',' or '}' after object member, found " + in_.describe_here());
      }
      in_.advance();
      in_.skip_space();
    }
  }

  JsonNode parse_array(int depth) {
    JsonNode arr = JsonNode::array(in_.here());
    in_.advance();  // '['
    in_.skip_space();
    if (in_.peek() == ']') {
      in_.advance();
      return arr;
    }
    while (true) {
      arr.items.push_back(parse_value(depth + 1));
      in_.skip_space();
      if (in_.peek() == ']') {
        in_.advance();
        return arr;
      }
      if (in_.peek() != ',') {
        in_.fail(in_.here(),
                 "expected ',' or ']' after array element, found " + in_.describe_here());
      }
      in_.advance();
      in_.skip_space();
    }
  }

  void digits(const SourceLoc& start, const char* where) {
    if (!is_digit(in_.peek()))
      in_.fail(start, std::string("invalid number: expected a digit") + where);
    while (is_digit(in_.peek())) in_.advance();
  }

  JsonNode parse_number() {
    JsonNode n;
    n.loc = in_.here();
    std::size_t begin = in_.offset();
    if (in_.peek() == '-') in_.advance();
    digits(n.loc, "");
    bool is_float = false;
    if (in_.peek() == '.') {
      in_.advance();
      digits(n.loc, " after '.'");
      is_float = true;
    }
    if (in_.peek() == 'e' || in_.peek() == 'E') {
      in_.advance();
      if (in_.peek() == '+' || in_.peek() == '-') in_.advance();
      digits(n.loc, " in the exponent");
      is_float = true;
    }
    std::string_view token = in_.slice(begin);
    const char* first = token.data();
    const char* last = first + token.size();
    if (!is_float) {
      // Integers that fit stay integers; larger ones become floats, as in jsoncpp.
      if (std::from_chars(first, last, n.int_value).ec == std::errc()) {
        n.kind = JsonNode::Kind::kInt;
        return n;
      }
      if (*first != '-' && std::from_chars(first, last, n.uint_value).ec == std::errc()) {
        n.kind = JsonNode::Kind::kUint;
        return n;
      }
    }
    auto [ptr, ec] = std::from_chars(first, last, n.float_value);
    if (ec != std::errc() || ptr != last) in_.fail(n.loc, "number out of range");
    n.kind = JsonNode::Kind::kFloat;
    return n;
  }

  JsonNode parse_literal() {
    JsonNode n;
    n.loc = in_.here();
    std::size_t begin = in_.offset();
    while (in_.peek() >= 'a' && in_.peek() <= 'z') in_.advance();
    std::string_view word = in_.slice(begin);
    if (word == "true" || word == "false") {
      n.kind = JsonNode::Kind::kBool;
      n.boolean = word == "true";
    } else if (word != "null") {
      in_.fail(n.loc, "expected a JSON value, found '" + std::string(word) + "'");
    }
    return n;
  }

  Cursor in_;
};

}  // namespace

std::optional<JsonNode> parse_json(std::string_view text, const std::string& file,
                                   Diagnostics& diags) {
  return Parser(text, file, diags).parse_document();
}

}  // namespace rill::config::json_fe
