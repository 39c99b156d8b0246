#include "envelope.hpp"

#include <optional>

#include "convert.hpp"

namespace rill::python {
namespace {

std::optional<std::uint64_t> opt_u64(const py::handle& v) {
  if (v.is_none()) return std::nullopt;
  return v.cast<std::uint64_t>();
}

py::object from_opt(const std::optional<std::uint64_t>& v) {
  return v ? py::object(py::int_(*v)) : py::none();
}

}  // namespace

PyEnvelope PyEnvelope::pack(py::object msg, const py::object& info) {
  Info in;
  if (!info.is_none()) {
    py::dict d = info.cast<py::dict>();
    for (auto [k, v] : d) {
      const auto key = k.cast<std::string>();
      if (key == "partial_id") {
        in.set_partial_id(opt_u64(v));
      } else if (key == "from_addr") {
        in.set_from_addr(opt_u64(v));
      } else if (key == "to_addr") {
        in.set_to_addr(opt_u64(v));
      } else if (key == "transfer_addr") {
        in.set_transfer_addr(opt_u64(v));
      } else if (key == "tag") {
        in.set_tag(v.is_none() ? std::nullopt : std::optional<std::string>(v.cast<std::string>()));
      } else if (key == "extra_data") {
        in.set_extra_data(from_python(v));
      } else {
        throw py::key_error("Envelope.pack: unknown info key '" + key +
                            "' (known: partial_id, from_addr, to_addr, transfer_addr, tag, "
                            "extra_data)");
      }
    }
  }
  if (msg.is_none()) return PyEnvelope(Envelope::empty_with(std::move(in)));
  PyEnvelope e(Envelope(Value(), std::move(in)));
  e.msg_ = std::move(msg);
  return e;
}

PyEnvelope PyEnvelope::repack(py::object msg) const {
  check();
  PyEnvelope e(Envelope::empty_with(env_.info()));
  if (!msg.is_none()) e.set_msg(std::move(msg));
  return e;
}

void PyEnvelope::check() const {
  if (moved_) {
    throw py::value_error(
        "this Envelope was already sent (sending moves it) or was never packed; use "
        "Envelope.pack(msg) or env.repack(msg) for a new one");
  }
}

py::object PyEnvelope::msg() {
  check();
  if (!msg_) msg_ = env_.empty() ? py::none() : to_python(env_.msg());
  return msg_;
}

void PyEnvelope::set_msg(py::object msg) {
  check();
  msg_ = std::move(msg);
  env_.set_msg(Value());  // the Python object is the message now (converted when sent)
}

const Info& PyEnvelope::info() const {
  check();
  return env_.info();
}

Info& PyEnvelope::mutable_info() {
  check();
  return env_.info();
}

Envelope PyEnvelope::take() {
  check();
  // A materialised message may have been mutated in place (msg["k"] = v): convert it again.
  if (msg_) env_.set_msg(from_python(msg_));
  msg_ = py::object();
  moved_ = true;
  return std::move(env_);
}

std::string PyEnvelope::repr() const {
  if (moved_) return "<Envelope (sent)>";
  std::string s = "<Envelope";
  const Info& in = env_.info();
  if (auto v = in.partial_id()) s += " partial_id=" + std::to_string(*v);
  if (auto v = in.from_addr()) s += " from_addr=" + std::to_string(*v);
  if (auto v = in.to_addr()) s += " to_addr=" + std::to_string(*v);
  if (in.tag()) s += " tag=" + *in.tag();
  if (env_.empty() && !msg_) s += " empty";
  return s + ">";
}

void bind_envelope(py::module_& m) {
  py::class_<PyEnvelope>(m, "Envelope",
                         "A message and its routing info. Sending an envelope moves it: the "
                         "object is unusable afterwards.")
      .def(py::init<>())
      .def_static("pack", &PyEnvelope::pack, py::arg("msg"), py::arg("info") = py::none(),
                  "Envelope.pack(msg, info=None): a new envelope; msg None = an empty envelope; "
                  "info may hold partial_id, from_addr, to_addr, transfer_addr, tag, extra_data.")
      .def("repack", &PyEnvelope::repack, py::arg("msg"),
           "A new envelope with this one's info and another message.")
      .def_property("msg", &PyEnvelope::msg, &PyEnvelope::set_msg)
      .def_property(
          "partial_id", [](const PyEnvelope& e) { return from_opt(e.info().partial_id()); },
          [](PyEnvelope& e, const py::object& v) { e.mutable_info().set_partial_id(opt_u64(v)); })
      .def_property(
          "from_addr", [](const PyEnvelope& e) { return from_opt(e.info().from_addr()); },
          [](PyEnvelope& e, const py::object& v) { e.mutable_info().set_from_addr(opt_u64(v)); })
      .def_property(
          "to_addr", [](const PyEnvelope& e) { return from_opt(e.info().to_addr()); },
          [](PyEnvelope& e, const py::object& v) { e.mutable_info().set_to_addr(opt_u64(v)); })
      .def_property_readonly("transfer_addr",
                             [](const PyEnvelope& e) { return from_opt(e.info().transfer_addr()); })
      .def_property(
          "tag",
          [](const PyEnvelope& e) -> py::object {
            const auto& t = e.info().tag();
            return t ? py::object(py::str(*t)) : py::none();
          },
          [](PyEnvelope& e, const py::object& v) {
            e.mutable_info().set_tag(
                v.is_none() ? std::nullopt : std::optional<std::string>(v.cast<std::string>()));
          })
      .def_property(
          "extra_data",
          [](const PyEnvelope& e) -> py::object {
            const Value& x = e.info().extra_data();
            return x.is_null() ? py::none() : to_python(x);
          },
          [](PyEnvelope& e, const py::object& v) {
            e.mutable_info().set_extra_data(from_python(v));
          })
      .def("__repr__", &PyEnvelope::repr);
}

}  // namespace rill::python
