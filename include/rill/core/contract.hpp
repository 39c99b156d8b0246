#pragma once
// A node type's contract: its ports and its arguments, each declared once as a typed constant
// that registration reads and the node itself uses, so a port or argument name is written in
// exactly one place. The planner checks a config against the contract before anything runs
// (unknown, missing, mistyped and out-of-range arguments are located errors), and nodes receive
// their arguments already typed and defaulted.
//
//   class Scale final : public rill::Node {
//    public:
//     static constexpr rill::Input<double> kIn{"inp"};
//     static constexpr rill::Output<double> kOut{"out"};
//     static constexpr rill::FloatArg kFactor{.name = "factor", .def = 2, .doc = "multiplier"};
//     static rill::Contract contract() { return {kIn, kOut, kFactor}; }
//
//     explicit Scale(const rill::NodeConfig& c) : factor_(c.arg(kFactor)) {}
//     void init(rill::Context& ctx) override { in_ = &ctx[kIn]; out_ = &ctx[kOut]; }
//     ...
//   };
//   RILL_REGISTER_NODE(Scale, "Scale", "multiplies every number by `factor`");
//
// Nodes that are plain functions need no class: see function_node.hpp.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rill/core/value.hpp"

namespace rill {

class Frame;
class Tensor;

// ---------------------------------------------------------------------------------------- ports

/// Shape of a port: one channel end, an ordered list (`inp:[]`), a tag-keyed dict (`out:{}`), or
/// a dynamic port that creates subgraph instances at run time (`out:dyn`).
enum class PortKind : std::uint8_t { kUnit, kList, kDict, kDyn };

/// Which way messages go through a port, seen from the node.
enum class PortDir : std::uint8_t { kIn, kOut };

/// The runtime's description of one port of a node type.
struct PortDecl {
  std::string name;
  PortKind kind = PortKind::kUnit;
  std::string type = "any";  ///< payload type, for `rill nodes` and the catalogue
  std::string doc;           ///< one line
};

/// Parses MegFlow's declaration syntax: "p", "p:[]", "p:{}", "p:dyn". False on anything else.
bool parse_port_decl(std::string_view text, PortDecl* out);
std::string format_port_decl(const PortDecl& p);

/// Name of a payload type as `rill nodes` shows it ("int", "frame", "any", ...).
template <typename T>
constexpr std::string_view payload_name() {
  if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, int>)
    return "int";
  else if constexpr (std::is_same_v<T, double>)
    return "float";
  else if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_same_v<T, std::string>)
    return "string";
  else if constexpr (std::is_same_v<T, Bytes>)
    return "bytes";
  else if constexpr (std::is_same_v<T, List>)
    return "list";
  else if constexpr (std::is_same_v<T, Map>)
    return "map";
  else if constexpr (std::is_same_v<T, Frame>)
    return "frame";
  else if constexpr (std::is_same_v<T, Tensor>)
    return "tensor";
  else if constexpr (std::is_same_v<T, Value>)
    return "any";
  else
    return "object";
}

/// A port constant. `T` is the payload the port carries (documentation for `rill nodes`, and the
/// conversion function nodes apply); `Value` means any payload.
/// Example: `static constexpr rill::Input<Frame> kIn{"inp", "frames to detect faces in"};`
template <PortDir D, PortKind K, typename T = Value>
struct Port {
  std::string_view name;
  std::string_view doc = {};

  static constexpr PortDir kDir = D;
  static constexpr PortKind kKind = K;
  using Payload = T;

  [[nodiscard]] PortDecl decl() const {
    return {std::string(name), K, std::string(payload_name<T>()), std::string(doc)};
  }
};

template <typename T = Value>
using Input = Port<PortDir::kIn, PortKind::kUnit, T>;
template <typename T = Value>
using Output = Port<PortDir::kOut, PortKind::kUnit, T>;
/// `inp:[]`: any number of connections, in tag order.
template <typename T = Value>
using InputList = Port<PortDir::kIn, PortKind::kList, T>;
template <typename T = Value>
using OutputList = Port<PortDir::kOut, PortKind::kList, T>;
/// `out:{}`: connections addressed by tag (`node:out:3`).
template <typename T = Value>
using OutputDict = Port<PortDir::kOut, PortKind::kDict, T>;
template <typename T = Value>
using InputDict = Port<PortDir::kIn, PortKind::kDict, T>;
/// `out:dyn` / `inp:dyn`: creates / collects dynamic subgraph instances.
using OutputDyn = Port<PortDir::kOut, PortKind::kDyn>;
using InputDyn = Port<PortDir::kIn, PortKind::kDyn>;

// ------------------------------------------------------------------------------------ arguments

/// What kind of value an argument takes.
enum class ArgKind : std::uint8_t { kInt, kFloat, kBool, kString, kEnum, kList, kMap, kAny };

std::string_view to_string(ArgKind kind);

/// The runtime's description of one argument (what the typed constants below turn into).
struct ArgSpec {
  std::string name;
  ArgKind kind = ArgKind::kAny;
  Value def;                         ///< default; null when the argument has none
  bool required = false;             ///< the config must give it (`def` is then unused)
  std::optional<double> min, max;    ///< kInt, kFloat: inclusive range
  std::vector<std::string> choices;  ///< kEnum
  std::string doc;                   ///< one line
};

inline constexpr std::int64_t kIntMin = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kIntMax = std::numeric_limits<std::int64_t>::max();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// An integer argument: `static constexpr rill::IntArg kN{.name = "n", .def = 8, .min = 1};`
struct IntArg {
  std::string_view name;
  std::int64_t def = 0;
  std::int64_t min = kIntMin;
  std::int64_t max = kIntMax;
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

/// A number; an integer in the config is accepted and converted.
struct FloatArg {
  std::string_view name;
  double def = 0;
  double min = -kInf;
  double max = kInf;
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

struct BoolArg {
  std::string_view name;
  bool def = false;
  std::string_view doc = {};
  [[nodiscard]] ArgSpec spec() const;
};

struct StringArg {
  std::string_view name;
  std::string_view def = {};
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

/// One string of a fixed set: `static constexpr rill::EnumArg kMode{.name = "mode",
/// .def = "fast", .choices = {"fast", "exact"}};`
template <std::size_t N>
struct EnumArg {
  std::string_view name;
  std::string_view def;
  std::string_view choices[N];
  std::string_view doc = {};
  [[nodiscard]] ArgSpec spec() const {
    ArgSpec s{std::string(name), ArgKind::kEnum, Value(def), false, {}, {}, {}, std::string(doc)};
    for (std::string_view c : choices) s.choices.emplace_back(c);
    return s;
  }
};

/// A list (default empty).
struct ListArg {
  std::string_view name;
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

/// A table / map (default empty).
struct MapArg {
  std::string_view name;
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

/// Any value (default null): for arguments whose shape the node checks itself.
struct AnyArg {
  std::string_view name;
  std::string_view doc = {};
  bool required = false;
  [[nodiscard]] ArgSpec spec() const;
};

// ------------------------------------------------------------------------------------- contract

/// A node type's ports and arguments: `return {kIn, kOut, kBatchSize};` from `T::contract()`.
///
/// Arguments a contract does not declare are errors ("did you mean ...") unless the contract is
/// open (`open_args()`: Python nodes, whose attributes MegFlow never checked) or names the key as
/// ignored (`ignore(key, why)`: a key real MegFlow configs pass that rill does not need; a
/// warning).
class Contract {
 public:
  /// One port or argument constant.
  class Item {
   public:
    template <PortDir D, PortKind K, typename T>
    Item(const Port<D, K, T>& p)  // NOLINT(google-explicit-constructor): list element
        : v_(PortItem{D, p.decl()}) {}
    template <typename A, typename = decltype(std::declval<const A&>().spec())>
    Item(const A& a) : v_(a.spec()) {}  // NOLINT(google-explicit-constructor): list element

   private:
    friend class Contract;
    struct PortItem {
      PortDir dir;
      PortDecl decl;
    };
    std::variant<PortItem, ArgSpec> v_;
  };

  Contract() = default;
  Contract(std::initializer_list<Item> items);

  /// Blocking node: each instance gets a thread of its own (MegFlow `exclusive = true`).
  Contract& exclusive(bool on = true) {
    exclusive_ = on;
    return *this;
  }
  /// Accept arguments the contract does not declare.
  Contract& open_args(bool on = true) {
    open_args_ = on;
    return *this;
  }
  /// `key` is accepted with a warning saying `why` (MegFlow keys rill ignores).
  Contract& ignore(std::string key, std::string why);
  /// For bridges that learn ports and arguments at run time (Python nodes).
  Contract& add_input(PortDecl port);
  Contract& add_output(PortDecl port);
  Contract& add_arg(ArgSpec arg);

  [[nodiscard]] const std::vector<PortDecl>& inputs() const { return inputs_; }
  [[nodiscard]] const std::vector<PortDecl>& outputs() const { return outputs_; }
  [[nodiscard]] const std::vector<ArgSpec>& args() const { return args_; }
  [[nodiscard]] const ArgSpec* find_arg(std::string_view name) const;
  [[nodiscard]] bool is_exclusive() const { return exclusive_; }
  [[nodiscard]] bool has_open_args() const { return open_args_; }
  /// (key, why) pairs.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& ignored() const {
    return ignored_;
  }

 private:
  std::vector<PortDecl> inputs_;
  std::vector<PortDecl> outputs_;
  std::vector<ArgSpec> args_;
  std::vector<std::pair<std::string, std::string>> ignored_;
  bool exclusive_ = false;
  bool open_args_ = false;
};

/// An open contract (undeclared arguments allowed) whose ports are written in MegFlow's port
/// syntax ("inp", "out:[]", "out:{}", "out:dyn"): for bridges and tests whose nodes read their
/// ports by name. Throws std::invalid_argument on a malformed declaration.
Contract contract_from_ports(const std::vector<std::string>& inputs,
                             const std::vector<std::string>& outputs);

/// One problem found by check_args: `key` is the argument (empty for the node as a whole).
struct ArgProblem {
  std::string key;
  std::string message;
  bool warning = false;
};

/// Checks `args` against `contract`: every declared argument's kind, range and choices, required
/// arguments present, undeclared keys. `strict` = undeclared keys are problems (false for
/// arguments a subgraph node passes down to every node inside, which are meant for some of them).
std::vector<ArgProblem> check_args(const Contract& contract, const Map& args, bool strict = true);

/// `args` with every declared argument present and typed (defaults filled in, integers given for
/// float arguments converted). Throws std::invalid_argument naming the first problem when the
/// arguments do not pass check_args(contract, args, false).
Map normalize_args(const Contract& contract, const Map& args);

}  // namespace rill
