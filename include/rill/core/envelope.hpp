#pragma once
// Envelope = Info (routing and tracing metadata) + Value (the message).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "rill/core/value.hpp"

namespace rill {

/// Metadata that travels with a message. Numeric fields are inline with a presence mask so that
/// moving an Envelope is a few words; rarely used fields (tag, extra_data, per-frame params) sit
/// behind a shared, copy-on-write pointer.
///
/// Field meanings follow MegFlow (partial_id, from_addr, to_addr, transfer_addr, tag, extra_data)
/// and XStream (source_id, sequence id = partial_id, per-frame params).
class Info {
 public:
  enum Field : std::uint8_t {
    kPartialId = 1u << 0,
    kFromAddr = 1u << 1,
    kToAddr = 1u << 2,
    kTransferAddr = 1u << 3,
    kSourceId = 1u << 4,
    kTransactionId = 1u << 5,
  };

  [[nodiscard]] std::optional<std::uint64_t> partial_id() const {
    return get(kPartialId, partial_id_);
  }
  [[nodiscard]] std::optional<std::uint64_t> from_addr() const {
    return get(kFromAddr, from_addr_);
  }
  [[nodiscard]] std::optional<std::uint64_t> to_addr() const { return get(kToAddr, to_addr_); }
  [[nodiscard]] std::optional<std::uint64_t> transfer_addr() const {
    return get(kTransferAddr, transfer_addr_);
  }
  [[nodiscard]] std::optional<std::uint64_t> source_id() const {
    return get(kSourceId, source_id_);
  }
  [[nodiscard]] std::optional<std::uint64_t> transaction_id() const {
    return get(kTransactionId, transaction_id_);
  }
  void set_partial_id(std::optional<std::uint64_t> v) { put(kPartialId, partial_id_, v); }
  void set_from_addr(std::optional<std::uint64_t> v) { put(kFromAddr, from_addr_, v); }
  void set_to_addr(std::optional<std::uint64_t> v) { put(kToAddr, to_addr_, v); }
  void set_transfer_addr(std::optional<std::uint64_t> v) { put(kTransferAddr, transfer_addr_, v); }
  void set_source_id(std::optional<std::uint64_t> v) { put(kSourceId, source_id_, v); }
  void set_transaction_id(std::optional<std::uint64_t> v) {
    put(kTransactionId, transaction_id_, v);
  }

  /// Selects a dynamic-subgraph alternative (MegFlow `tag`). Empty optional when absent.
  [[nodiscard]] const std::optional<std::string>& tag() const;
  void set_tag(std::optional<std::string> tag);
  /// Opaque per-message data (MegFlow `extra_data`). Null when absent.
  [[nodiscard]] const Value& extra_data() const;
  void set_extra_data(Value v);
  /// Per-frame parameters keyed by node name (XStream flow control). Null when absent.
  [[nodiscard]] const Value& params() const;
  void set_params(Value v);

  /// Monotonic nanoseconds when the message entered the graph (0 = unknown); for latency.
  std::int64_t created_ns = 0;

 private:
  struct Ext {
    std::optional<std::string> tag;
    Value extra_data;
    Value params;
  };
  [[nodiscard]] std::optional<std::uint64_t> get(Field f, std::uint64_t v) const {
    return (mask_ & f) ? std::optional<std::uint64_t>(v) : std::nullopt;
  }
  void put(Field f, std::uint64_t& slot, std::optional<std::uint64_t> v) {
    if (v) {
      slot = *v;
      mask_ |= f;
    } else {
      mask_ &= static_cast<std::uint8_t>(~f);
    }
  }
  Ext& mutable_ext();

  std::uint8_t mask_ = 0;
  std::uint64_t partial_id_ = 0;
  std::uint64_t from_addr_ = 0;
  std::uint64_t to_addr_ = 0;
  std::uint64_t transfer_addr_ = 0;
  std::uint64_t source_id_ = 0;
  std::uint64_t transaction_id_ = 0;
  std::shared_ptr<const Ext> ext_;
};

/// A message plus its Info. An Envelope without a message (`empty()`) is meaningful: MegFlow uses
/// it to close one dynamic subgraph instance. A *marker* is the in-band flush signal of shared
/// nodes; nodes never see markers as data.
class Envelope {
 public:
  Envelope() = default;
  explicit Envelope(Value msg) : msg_(std::move(msg)), has_msg_(true) {}
  Envelope(Value msg, Info info) : info_(std::move(info)), msg_(std::move(msg)), has_msg_(true) {}

  /// An envelope with no message (MegFlow `Envelope.pack(None)`).
  static Envelope empty_with(Info info) {
    Envelope e;
    e.info_ = std::move(info);
    return e;
  }
  static Envelope marker() {
    Envelope e;
    e.marker_ = true;
    return e;
  }

  /// A new envelope with the same info and another message (MegFlow `repack`).
  [[nodiscard]] Envelope repack(Value msg) const { return Envelope(std::move(msg), info_); }

  [[nodiscard]] bool empty() const { return !has_msg_; }
  [[nodiscard]] bool is_marker() const { return marker_; }
  [[nodiscard]] const Value& msg() const { return msg_; }
  Value& msg() { return msg_; }
  void set_msg(Value v) {
    msg_ = std::move(v);
    has_msg_ = true;
  }
  [[nodiscard]] const Info& info() const { return info_; }
  Info& info() { return info_; }

 private:
  Info info_;
  Value msg_;
  bool has_msg_ = false;
  bool marker_ = false;
};

}  // namespace rill
