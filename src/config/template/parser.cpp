// Template statement parser: builds nested for/if/scope blocks from the segment list.

#include "template/parser.hpp"

#include <optional>

#include <rill/core/limits.hpp>

#include "template/expr_parser.hpp"

namespace rill::config::tmpl {

std::string Expr::path_text() const {
  std::string out = name;
  for (const auto& step : steps) {
    if (step.index && step.index->kind == ExprKind::kLiteral) {
      const Value& k = step.index->literal;
      out += k.is_string() ? "['" + k.as_string() + "']" : "[" + k.debug_string() + "]";
    } else if (step.index) {
      out += "[...]";
    } else {
      out += "." + step.key;
    }
  }
  return out;
}

namespace {

/// How a body ended: end of input, `{% end X %}`, `{% else %}` or `{% else if c %}`.
struct Closer {
  enum Kind { kEof, kEnd, kElse } kind = kEof;
  std::string block;  ///< kEnd: "for", "if" or "scope"
  ExprPtr cond;       ///< kElse: the `else if` condition, null for plain `else`
  std::size_t offset = 0;
};

class TemplateParser {
 public:
  TemplateParser(std::string_view src, std::vector<Segment> segs,
                 std::vector<TemplateError>* errors)
      : src_(src), segs_(std::move(segs)), errors_(errors) {}

  std::vector<Node> parse_root() {
    std::vector<Node> nodes;
    for (;;) {
      Closer c = parse_body(&nodes);
      if (c.kind == Closer::kEof) return nodes;
      error(c.offset, c.kind == Closer::kElse
                          ? "'else' without a matching 'if'"
                          : "'end " + c.block + "' without a matching '" + c.block + "'");
    }
  }

 private:
  void error(std::size_t offset, std::string message) {
    errors_->push_back({offset, std::move(message)});
  }

  /// Parses nodes into `out` until the input ends or a statement closes the current block.
  Closer parse_body(std::vector<Node>* out) {
    while (pos_ < segs_.size()) {
      const Segment& seg = segs_[pos_++];
      try {
        if (seg.kind == SegmentKind::kText) {
          Node n;
          n.kind = NodeKind::kText;
          n.offset = seg.begin;
          n.text = std::string(src_.substr(seg.begin, seg.end - seg.begin));
          out->push_back(std::move(n));
        } else if (seg.kind == SegmentKind::kExpr) {
          out->push_back(parse_output(seg));
        } else {
          std::optional<Closer> closer = parse_statement(seg, out);
          if (closer) return std::move(*closer);
        }
      } catch (const ExprSyntaxError& e) {
        error(e.offset, e.what());
      }
    }
    return Closer{};
  }

  std::vector<Token> tokens(const Segment& seg) {
    std::vector<TemplateError> lex_errors;
    std::vector<Token> toks = tokenize(src_, seg.begin, seg.end, &lex_errors);
    if (!lex_errors.empty()) {
      // One error per tag is enough; the rest of a mis-lexed tag is noise.
      throw ExprSyntaxError(lex_errors.front().offset, lex_errors.front().message);
    }
    return toks;
  }

  Node parse_output(const Segment& seg) {
    std::vector<Token> toks = tokens(seg);
    ExprParser p(toks);
    Node n;
    n.offset = seg.tag_offset;
    if (p.peek().kind == TokenKind::kEnd) throw ExprSyntaxError(seg.tag_offset, "empty '{{ }}'");
    ExprPtr e = p.parse_pipeline();
    if (p.at_punct("=")) {
      std::size_t eq = p.advance().offset;
      if (e->kind != ExprKind::kPath) {
        throw ExprSyntaxError(eq, "the left side of '=' must be a variable name or path");
      }
      n.kind = NodeKind::kAssign;
      n.target = std::move(e);
      n.expr = p.parse_pipeline();
    } else {
      n.kind = NodeKind::kOutput;
      n.expr = std::move(e);
    }
    p.expect_end();
    return n;
  }

  /// Parses a `{% %}` tag: opens a block (parsing it to its end) or returns the closer.
  std::optional<Closer> parse_statement(const Segment& seg, std::vector<Node>* out) {
    std::vector<Token> toks = tokens(seg);
    ExprParser p(toks);
    if (p.peek().kind != TokenKind::kIdent) {
      throw ExprSyntaxError(
          p.peek().kind == TokenKind::kEnd ? seg.tag_offset : p.peek().offset,
          "expected a statement (for, if, else, scope, end), found " + describe(p.peek()));
    }
    const Token& kw = p.advance();
    std::size_t at = seg.tag_offset;
    if (kw.text == "end") {
      Closer c{Closer::kEnd, p.expect_ident("'for', 'if' or 'scope' after 'end'"), nullptr, at};
      if (c.block != "for" && c.block != "if" && c.block != "scope") {
        throw ExprSyntaxError(toks[1].offset, "unknown block 'end " + c.block + "'");
      }
      p.expect_end();
      return c;
    }
    if (kw.text == "else") {
      Closer c{Closer::kElse, {}, nullptr, at};
      if (p.at_ident("if")) {
        p.advance();
        c.cond = p.parse_pipeline();
      }
      p.expect_end();
      return c;
    }
    Node n;
    n.offset = at;
    bool opens_block = kw.text == "for" || kw.text == "if" || kw.text == "scope";
    if (opens_block && depth_ == limits::kMaxNesting) {
      // Blocks are parsed recursively: refuse the one too many before descending, and stop
      // there (every `end` after it would otherwise be reported as unmatched).
      error(at, "blocks nested deeper than " + std::to_string(limits::kMaxNesting) + " levels");
      abandoned_ = true;
      pos_ = segs_.size();
      return std::nullopt;
    }
    if (kw.text == "for") {
      n.kind = NodeKind::kFor;
      // A bad header is reported but the block is still consumed up to its `end for`, so the
      // error does not cascade into "end without matching for".
      bool ok = header([&] {
        n.var = p.expect_ident("a loop variable name");
        if (!p.at_ident("in")) {
          throw ExprSyntaxError(p.peek().offset, "expected 'in', found " + describe(p.peek()));
        }
        p.advance();
        n.expr = p.parse_pipeline();
        p.expect_end();
      });
      parse_block(&n.body, "for", at);
      if (!ok) return std::nullopt;
    } else if (kw.text == "if") {
      n.kind = NodeKind::kIf;
      n.branches.emplace_back();
      bool ok = header([&] {
        n.branches.front().cond = p.parse_pipeline();
        p.expect_end();
      });
      parse_if_rest(&n, at);
      if (!ok) return std::nullopt;
    } else if (kw.text == "scope") {
      n.kind = NodeKind::kScope;
      bool ok = header([&] { p.expect_end(); });
      parse_block(&n.body, "scope", at);
      if (!ok) return std::nullopt;
    } else {
      std::string hint;
      if (kw.text == "endfor" || kw.text == "endif" || kw.text == "endscope") {
        hint = " (write 'end " + kw.text.substr(3) + "')";
      } else if (kw.text == "elif" || kw.text == "elseif") {
        hint = " (write 'else if')";
      }
      throw ExprSyntaxError(kw.offset, "unknown statement '" + kw.text + "'" + hint);
    }
    out->push_back(std::move(n));
    return std::nullopt;
  }

  /// Runs a block header parser; reports its error and returns false instead of throwing.
  template <typename F>
  bool header(F&& parse) {
    try {
      parse();
      return true;
    } catch (const ExprSyntaxError& e) {
      error(e.offset, e.what());
      return false;
    }
  }

  /// Parses a for/scope body up to its `end`, reporting stray closers inside it.
  void parse_block(std::vector<Node>* body, const std::string& block, std::size_t open_at) {
    Depth nested(this);
    for (;;) {
      Closer c = parse_body(body);
      if (c.kind == Closer::kEnd && c.block == block) return;
      if (c.kind == Closer::kEof) {
        if (abandoned_) return;
        error(open_at, "unterminated '" + block + "' block: missing '{% end " + block + " %}'");
        return;
      }
      if (c.kind == Closer::kElse) {
        error(c.offset, "'else' inside a '" + block + "' block without an 'if'");
        continue;
      }
      error(c.offset, "'end " + c.block + "' closes a '" + block + "' block");
      return;
    }
  }

  void parse_if_rest(Node* n, std::size_t open_at) {
    Depth nested(this);
    bool seen_else = false;
    for (;;) {
      Closer c = parse_body(&n->branches.back().body);
      if (c.kind == Closer::kEnd && c.block == "if") return;
      if (c.kind == Closer::kEof) {
        if (abandoned_) return;
        error(open_at, "unterminated 'if' block: missing '{% end if %}'");
        return;
      }
      if (c.kind == Closer::kEnd) {
        error(c.offset, "'end " + c.block + "' closes an 'if' block");
        return;
      }
      if (seen_else) error(c.offset, "'else' after the final 'else' of an 'if' block");
      seen_else = seen_else || c.cond == nullptr;
      IfBranch branch;
      branch.cond = std::move(c.cond);
      n->branches.push_back(std::move(branch));
    }
  }

  /// One more block open for as long as it lives.
  struct Depth {
    explicit Depth(TemplateParser* p) : parser(p) { ++parser->depth_; }
    ~Depth() { --parser->depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    TemplateParser* parser;
  };

  std::string_view src_;
  std::vector<Segment> segs_;
  std::size_t pos_ = 0;
  std::vector<TemplateError>* errors_;
  int depth_ = 0;           ///< blocks open around the current segment
  bool abandoned_ = false;  ///< parsing stopped at a block nested too deep
};

}  // namespace

std::vector<Node> parse_template(std::string_view src, std::vector<TemplateError>* errors) {
  std::vector<Segment> segs = split_segments(src, errors);
  TemplateParser parser(src, std::move(segs), errors);
  return parser.parse_root();
}

}  // namespace rill::config::tmpl
