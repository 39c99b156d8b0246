#pragma once
// How deeply a config may nest. Every front-end stage that recurses over what a config wrote
// (parsers, the template evaluator, conversions to Value) would otherwise recurse as deep as the
// text asks, and a few hundred kilobytes of brackets or dots would overflow the stack. Each limit
// is checked before recursing and reported as a located error; docs/cli.md lists them.

namespace rill::config::limits {

/// Nesting levels of a MegFlow (TOML) config and of its template:
/// - template expressions: `(`, `[`, `{`, a call's parentheses and a unary `-` each open a level
///   for what they enclose; the steps of a path (`a.b.c`: 2) and the operators or filters of a
///   chain (`1 + 2 + 3`, `x | upper | trim`: 2) add a level each;
/// - template blocks: `for`, `if` and `scope` inside one another;
/// - values a template builds (list and map literals, assignments into a path), so that a loop
///   repeating `{{ a = [a] }}` cannot build one without bound;
/// - TOML keys: the segments of a key's table header, of the dotted keys whose inline-table
///   values enclose it and of its own dotted key (`[a.b]` then `c = { d.e = 1 }` puts `e` at
///   level 5); arrays do not count (toml++ bounds them itself).
/// Real MegFlow configs nest fewer than 10 levels; 128 leaves room for generated ones, while the
/// recursion it allows needs a few hundred KiB of stack at most.
inline constexpr int kMaxNesting = 128;

/// Nesting levels of the values in an XStream (JSON) workflow, the top-level value being level 0:
/// what jsoncpp's default reader (the one XStream parses with) accepts, so that every workflow
/// XStream reads is read here too. The same bound applies after templates and includes are
/// expanded, which splice one document into another.
inline constexpr int kMaxJsonNesting = 1000;

}  // namespace rill::config::limits
