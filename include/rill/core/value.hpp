#pragma once
// Value: the dynamically typed payload of an Envelope and the type of node arguments.

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <variant>
#include <vector>

namespace rill {

class Value;
class Frame;
class Tensor;

/// An object a Value carries without knowing its type: a Python object, a model handle, any C++
/// object. Subclasses decide how they are released (a Python object needs the GIL).
/// Thread safety: the Value machinery only copies the shared_ptr; the object itself must be safe
/// to share between the nodes that see it.
class Object {
 public:
  virtual ~Object() = default;
  /// A short type name for messages and debugging (e.g. "python:dict", "cv::Mat").
  [[nodiscard]] virtual std::string type_name() const = 0;
  /// The dynamic type of what is held, so typed accessors can check before casting.
  [[nodiscard]] virtual const std::type_info& held_type() const = 0;
  /// Address of the held object (of held_type()).
  [[nodiscard]] virtual void* get() noexcept = 0;
};

/// Holds any copyable or movable C++ object as an Object.
template <typename T>
class OpaqueObject final : public Object {
 public:
  explicit OpaqueObject(T value) : value_(std::move(value)) {}
  [[nodiscard]] std::string type_name() const override { return typeid(T).name(); }
  [[nodiscard]] const std::type_info& held_type() const override { return typeid(T); }
  [[nodiscard]] void* get() noexcept override { return &value_; }

 private:
  T value_;
};

using Bytes = std::vector<std::uint8_t>;
using List = std::vector<Value>;
using Entry = std::pair<std::string, Value>;

/// Insertion-ordered string-keyed map (a Python dict / TOML table / JSON object keeps its order).
/// Lookups are linear: payload and argument maps are small, and order matters more than O(1).
class Map {
 public:
  Map() = default;
  Map(std::initializer_list<Entry> entries);

  [[nodiscard]] const Value* find(std::string_view key) const;
  [[nodiscard]] Value* find(std::string_view key);
  [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
  /// Inserts or replaces; keeps the position of an existing key.
  Value& set(std::string key, Value value);
  /// Returns the existing value or inserts null.
  Value& operator[](std::string_view key);
  bool erase(std::string_view key);

  // Defined after Value: their bodies need Value complete, which clang (unlike GCC) checks
  // where the body is, not at the end of the translation unit.
  using iterator = std::vector<Entry>::iterator;
  using const_iterator = std::vector<Entry>::const_iterator;
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool empty() const;
  [[nodiscard]] const_iterator begin() const;
  [[nodiscard]] const_iterator end() const;
  [[nodiscard]] iterator begin();
  [[nodiscard]] iterator end();

  friend bool operator==(const Map& a, const Map& b);

 private:
  std::vector<Entry> entries_;
};

/// The kinds a Value can hold, in the order of the variant below.
enum class ValueKind : std::uint8_t {
  kNull,
  kBool,
  kInt,
  kDouble,
  kString,
  kBytes,
  kList,
  kMap,
  kFrame,
  kTensor,
  kObject,
};

std::string_view to_string(ValueKind kind);

/// A dynamically typed value: null, bool, int64, double, string, bytes, list, map, Frame, Tensor
/// or an opaque Object.
///
/// Copying is cheap and never copies pixels or containers: heavy alternatives are shared and
/// copied on the first mutation through a `mutable_*` accessor (copy-on-write).
/// Thread safety: a Value may be read from several threads at once; mutation needs exclusive
/// access to this Value object (other copies are unaffected).
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}               // NOLINT(google-explicit-constructor)
  Value(bool b) : v_(b) {}               // NOLINT(google-explicit-constructor)
  Value(int i) : v_(std::int64_t{i}) {}  // NOLINT(google-explicit-constructor)
  Value(std::int64_t i) : v_(i) {}       // NOLINT(google-explicit-constructor)
  Value(std::uint64_t i) : v_(static_cast<std::int64_t>(i)) {}  // NOLINT
  Value(double d) : v_(d) {}                            // NOLINT(google-explicit-constructor)
  Value(const char* s) : Value(std::string(s)) {}       // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : Value(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  Value(std::string s)                                  // NOLINT(google-explicit-constructor)
      : v_(std::make_shared<const std::string>(std::move(s))) {}
  Value(Bytes b) : v_(std::make_shared<const Bytes>(std::move(b))) {}  // NOLINT
  Value(List l) : v_(std::make_shared<const List>(std::move(l))) {}    // NOLINT
  Value(Map m) : v_(std::make_shared<const Map>(std::move(m))) {}      // NOLINT
  Value(std::shared_ptr<const Frame> f);                               // NOLINT
  Value(std::shared_ptr<const Tensor> t);                              // NOLINT
  Value(std::shared_ptr<Object> o) : v_(std::move(o)) {}               // NOLINT

  /// Wraps any C++ object as an opaque Object.
  template <typename T>
  static Value opaque(T value) {
    return Value(std::shared_ptr<Object>(std::make_shared<OpaqueObject<T>>(std::move(value))));
  }

  [[nodiscard]] ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  [[nodiscard]] bool is_null() const { return kind() == ValueKind::kNull; }
  [[nodiscard]] bool is_bool() const { return kind() == ValueKind::kBool; }
  [[nodiscard]] bool is_int() const { return kind() == ValueKind::kInt; }
  [[nodiscard]] bool is_double() const { return kind() == ValueKind::kDouble; }
  [[nodiscard]] bool is_number() const { return is_int() || is_double(); }
  [[nodiscard]] bool is_string() const { return kind() == ValueKind::kString; }
  [[nodiscard]] bool is_bytes() const { return kind() == ValueKind::kBytes; }
  [[nodiscard]] bool is_list() const { return kind() == ValueKind::kList; }
  [[nodiscard]] bool is_map() const { return kind() == ValueKind::kMap; }
  [[nodiscard]] bool is_frame() const { return kind() == ValueKind::kFrame; }
  [[nodiscard]] bool is_tensor() const { return kind() == ValueKind::kTensor; }
  [[nodiscard]] bool is_object() const { return kind() == ValueKind::kObject; }

  // Typed accessors throw std::bad_variant_access-derived TypeError on a kind mismatch.
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  /// An int converts to double; anything else throws.
  [[nodiscard]] double as_double() const;
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const Bytes& as_bytes() const;
  [[nodiscard]] const List& as_list() const;
  [[nodiscard]] const Map& as_map() const;
  [[nodiscard]] const std::shared_ptr<const Frame>& as_frame() const;
  [[nodiscard]] const std::shared_ptr<const Tensor>& as_tensor() const;
  [[nodiscard]] const std::shared_ptr<Object>& as_object() const;

  /// The held object if it is an OpaqueObject<T> (or another Object holding a T), else nullptr.
  template <typename T>
  [[nodiscard]] T* object_as() const {
    if (!is_object()) return nullptr;
    const auto& o = as_object();
    if (!o || o->held_type() != typeid(T)) return nullptr;
    return static_cast<T*>(o->get());
  }

  /// Copy-on-write mutable access: copies the container first if it is shared.
  List& mutable_list();
  Map& mutable_map();

  /// Map lookup; nullptr when this is not a map or the key is missing.
  [[nodiscard]] const Value* get(std::string_view key) const;

  /// Human-readable rendering (JSON-like), for logs, tests and the CLI.
  [[nodiscard]] std::string debug_string() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  using Storage =
      std::variant<std::monostate, bool, std::int64_t, double, std::shared_ptr<const std::string>,
                   std::shared_ptr<const Bytes>, std::shared_ptr<const List>,
                   std::shared_ptr<const Map>, std::shared_ptr<const Frame>,
                   std::shared_ptr<const Tensor>, std::shared_ptr<Object>>;
  [[noreturn]] void type_error(ValueKind wanted) const;
  Storage v_;
};

inline std::size_t Map::size() const { return entries_.size(); }
inline bool Map::empty() const { return entries_.empty(); }
inline Map::const_iterator Map::begin() const { return entries_.begin(); }
inline Map::const_iterator Map::end() const { return entries_.end(); }
inline Map::iterator Map::begin() { return entries_.begin(); }
inline Map::iterator Map::end() { return entries_.end(); }

/// Thrown by the typed accessors of Value on a kind mismatch.
class TypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Merges `patch` into `base`: scalars and lists replace, nested maps merge key by key, keys only
/// in `base` stay. This is MegFlow's rule for arguments inherited into subgraphs.
Value merge_values(const Value& base, const Value& patch);

}  // namespace rill
