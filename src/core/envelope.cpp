#include "rill/core/envelope.hpp"

namespace rill {

namespace {
const std::optional<std::string> kNoTag;
const Value kNull;
}  // namespace

Info::Ext& Info::mutable_ext() {
  // Copy-on-write: envelopes repacked from one another share Ext until one of them changes it.
  if (!ext_) {
    ext_ = std::make_shared<const Ext>();
  } else if (ext_.use_count() > 1) {
    ext_ = std::make_shared<const Ext>(*ext_);
  }
  return const_cast<Ext&>(*ext_);  // sole owner now
}

const std::optional<std::string>& Info::tag() const { return ext_ ? ext_->tag : kNoTag; }
void Info::set_tag(std::optional<std::string> tag) {
  if (!tag && !ext_) return;
  mutable_ext().tag = std::move(tag);
}
const Value& Info::extra_data() const { return ext_ ? ext_->extra_data : kNull; }
void Info::set_extra_data(Value v) {
  if (v.is_null() && !ext_) return;
  mutable_ext().extra_data = std::move(v);
}
const Value& Info::params() const { return ext_ ? ext_->params : kNull; }
void Info::set_params(Value v) {
  if (v.is_null() && !ext_) return;
  mutable_ext().params = std::move(v);
}

}  // namespace rill
