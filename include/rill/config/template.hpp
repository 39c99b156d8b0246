#pragma once
// The MegFlow config template engine: the subset of templar (the Rust crate MegFlow renders every
// config with before parsing it as TOML) that MegFlow configs use, with located errors.
//
// Syntax (see the docs of render_template below):
//   {{ expr }}            substitution          {{ x = expr }}   assignment, renders nothing
//   {% for i in xs %}...{% end for %}           {% if c %}...{% else if d %}...{% else %}...{% end
//   if %}
//   {% scope %}...{% end scope %}               {# comment #}
//   `{{-` `{%-` `{#-` swallow all whitespace (newlines too) before the tag, `-}}` `-%}` `-#}`
//   all whitespace after it.

#include <cstddef>
#include <string>
#include <vector>

#include <rill/core/diagnostic.hpp>
#include <rill/core/value.hpp>

namespace rill::config {

/// Maps byte offsets of a rendered template back to its source text, so that errors found in the
/// rendered output (TOML syntax, schema) point at the line the user wrote. Text copied verbatim
/// maps character for character; text produced by a `{{ }}` tag maps to the tag.
///
/// Thread safety: immutable after rendering; safe to share between threads.
class SourceMap {
 public:
  /// One run of output bytes starting at `out_offset`. Verbatim runs map to `src_offset + delta`,
  /// generated runs map to `src_offset` (the start of the tag that produced them).
  struct Segment {
    std::size_t out_offset = 0;
    std::size_t src_offset = 0;
    bool verbatim = true;
  };

  SourceMap() = default;
  /// `source` is the template text (kept for line/column computation), `file` names it.
  SourceMap(std::string file, std::string source);

  /// Appends a segment; segments must be added in increasing `out_offset` order.
  void add(Segment segment);
  /// The identity map of `source` (used when a text is not templated).
  static SourceMap identity(std::string file, std::string source);

  /// Source byte offset for an output byte offset.
  [[nodiscard]] std::size_t source_offset(std::size_t out_offset) const;
  /// Source location (1-based line, 1-based column counted in code points) of a source offset.
  [[nodiscard]] SourceLoc source_loc(std::size_t src_offset) const;
  /// Source location of an output byte offset.
  [[nodiscard]] SourceLoc locate(std::size_t out_offset) const {
    return source_loc(source_offset(out_offset));
  }
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::string file_;
  std::string source_;
  std::vector<std::size_t> line_starts_;
  std::vector<Segment> segments_;
};

/// A rendered template and the map from its bytes back to the template source.
struct RenderedTemplate {
  std::string text;
  SourceMap map;
  bool ok = true;  ///< false when an error was reported (text is then best effort)
};

/// Renders `text` with `context` (a Value map; null means empty) and records where each output
/// byte came from. Errors (syntax, unknown variable, bad operand types, ...) are reported to
/// `diags` as `file:line:col: error: ...` pointing into `text`; rendering continues past an error
/// where it can, so one pass reports every problem.
///
/// Semantics, where they differ from or refine templar's:
/// - an unknown variable is an error (templar renders an empty string; an unknown variable in a
///   config is nearly always a typo), except as the input of `| default(v)`;
/// - binary operators have the usual precedence (`* / %` over `+ -` over `~` over comparisons
///   over `&&` over `||`); templar folds strictly left to right. A filter applies to the whole
///   expression on its left (as in templar): `a ~ b | upper` is `upper(a ~ b)`;
/// - `<=` and `>=` work (templar's grammar cannot reach them); `if` accepts any value and tests
///   its truthiness (templar requires a bool);
/// - `{% for x in m %}` over a map binds `x.key` and `x.value` (templar); over anything other than
///   a list or map it is an error (templar ran the body once).
/// Output of `{{ v }}`: strings raw, ints in decimal, bools true/false, null as nothing, lists as
/// TOML arrays (`[1, "a"]`) and maps as TOML inline tables (`{ k = 1 }`).
///
/// Thread safety: pure function; `diags` must not be shared with another thread meanwhile.
RenderedTemplate render_template_mapped(const std::string& text, const Value& context,
                                        const std::string& file, Diagnostics& diags);

/// render_template_mapped() without the source map.
/// Example: render_template("n = {{ 1 + 2 }}", Value(Map{}), "x.toml", diags) == "n = 3".
std::string render_template(const std::string& text, const Value& context, const std::string& file,
                            Diagnostics& diags);

}  // namespace rill::config
