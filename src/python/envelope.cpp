#include "envelope.hpp"

#include <optional>

#include "convert.hpp"
#include "native_type.hpp"

namespace rill::python {
namespace {

std::optional<std::uint64_t> opt_u64(const py::handle& v) {
  if (v.is_none()) return std::nullopt;
  return v.cast<std::uint64_t>();
}

std::optional<std::string> opt_str(const py::handle& v) {
  if (v.is_none()) return std::nullopt;
  return v.cast<std::string>();
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
        in.set_tag(opt_str(v));
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

namespace {

PyTypeObject* envelope_type = nullptr;
using Box = Boxed<PyEnvelope>;

PyEnvelope& self_of(PyObject* self) { return reinterpret_cast<Box*>(self)->value; }

PyObject* new_envelope(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  return guarded<PyObject*>(nullptr, [&] {
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs != nullptr && PyDict_GET_SIZE(kwargs) != 0)) {
      throw py::type_error("Envelope() takes no arguments; use Envelope.pack(msg, info)");
    }
    return Box::make(type, PyEnvelope());
  });
}

PyObject* pack(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* names[] = {"msg", "info", nullptr};
  PyObject* msg = nullptr;
  PyObject* info = Py_None;
  if (PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:pack", const_cast<char**>(names), &msg,
                                  &info) == 0) {
    return nullptr;
  }
  return guarded<PyObject*>(nullptr, [&] {
    return wrap_envelope(PyEnvelope::pack(py::reinterpret_borrow<py::object>(msg),
                                          py::reinterpret_borrow<py::object>(info)))
        .release()
        .ptr();
  });
}

PyObject* repack(PyObject* self, PyObject* msg) {
  return guarded<PyObject*>(nullptr, [&] {
    return wrap_envelope(self_of(self).repack(py::reinterpret_borrow<py::object>(msg)))
        .release()
        .ptr();
  });
}

PyObject* repr(PyObject* self) {
  return guarded<PyObject*>(nullptr, [&] { return py::str(self_of(self).repr()).release().ptr(); });
}

PyObject* u64_or_none(const std::optional<std::uint64_t>& v) {
  if (!v) Py_RETURN_NONE;
  return PyLong_FromUnsignedLongLong(*v);
}

/// A property of the info: getter and (optional) setter over Info's optional u64 fields.
template <std::optional<std::uint64_t> (Info::*Get)() const,
          void (Info::*Set)(std::optional<std::uint64_t>)>
struct U64Field {
  static PyObject* get(PyObject* self, void*) {
    return guarded<PyObject*>(nullptr, [&] { return u64_or_none((self_of(self).info().*Get)()); });
  }
  static int set(PyObject* self, PyObject* v, void*) {
    return guarded<int>(-1, [&] {
      if (v == nullptr) throw py::type_error("cannot delete an envelope field");
      (self_of(self).mutable_info().*Set)(opt_u64(py::handle(v)));
      return 0;
    });
  }
};

PyObject* get_msg(PyObject* self, void*) {
  return guarded<PyObject*>(nullptr, [&] { return self_of(self).msg().release().ptr(); });
}
int set_msg(PyObject* self, PyObject* v, void*) {
  return guarded<int>(-1, [&] {
    if (v == nullptr) throw py::type_error("cannot delete msg");
    self_of(self).set_msg(py::reinterpret_borrow<py::object>(v));
    return 0;
  });
}
PyObject* get_tag(PyObject* self, void*) {
  return guarded<PyObject*>(nullptr, [&] {
    const auto& t = self_of(self).info().tag();
    return (t ? py::object(py::str(*t)) : py::none()).release().ptr();
  });
}
int set_tag(PyObject* self, PyObject* v, void*) {
  return guarded<int>(-1, [&] {
    if (v == nullptr) throw py::type_error("cannot delete tag");
    self_of(self).mutable_info().set_tag(opt_str(py::handle(v)));
    return 0;
  });
}
PyObject* get_extra(PyObject* self, void*) {
  return guarded<PyObject*>(nullptr, [&] {
    const Value& x = self_of(self).info().extra_data();
    return (x.is_null() ? py::none() : to_python(x)).release().ptr();
  });
}
int set_extra(PyObject* self, PyObject* v, void*) {
  return guarded<int>(-1, [&] {
    if (v == nullptr) throw py::type_error("cannot delete extra_data");
    self_of(self).mutable_info().set_extra_data(from_python(v));
    return 0;
  });
}

using PartialId = U64Field<&Info::partial_id, &Info::set_partial_id>;
using FromAddr = U64Field<&Info::from_addr, &Info::set_from_addr>;
using ToAddr = U64Field<&Info::to_addr, &Info::set_to_addr>;
using TransferAddr = U64Field<&Info::transfer_addr, &Info::set_transfer_addr>;

PyMethodDef methods[] = {
    {"pack", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&pack)),
     METH_VARARGS | METH_KEYWORDS | METH_STATIC,
     "Envelope.pack(msg, info=None): a new envelope; msg None = an empty envelope; info may hold "
     "partial_id, from_addr, to_addr, transfer_addr, tag, extra_data."},
    {"repack", &repack, METH_O, "A new envelope with this one's info and another message."},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef getset[] = {
    {"msg", &get_msg, &set_msg, "the message (None for an empty envelope)", nullptr},
    {"partial_id", &PartialId::get, &PartialId::set, "sequence number", nullptr},
    {"from_addr", &FromAddr::get, &FromAddr::set, "origin (e.g. stream id)", nullptr},
    {"to_addr", &ToAddr::get, &ToAddr::set, "destination key (Demux, DynDemux)", nullptr},
    {"transfer_addr", &TransferAddr::get, nullptr, "shared-node client id (set by rill)", nullptr},
    {"tag", &get_tag, &set_tag, "dynamic-subgraph alternative", nullptr},
    {"extra_data", &get_extra, &set_extra, "any per-message data", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyType_Slot slots[] = {
    {Py_tp_new, reinterpret_cast<void*>(&new_envelope)},
    {Py_tp_dealloc, reinterpret_cast<void*>(&Box::dealloc)},
    {Py_tp_repr, reinterpret_cast<void*>(&repr)},
    {Py_tp_methods, methods},
    {Py_tp_getset, getset},
    {Py_tp_doc, const_cast<char*>("A message and its routing info. Sending an envelope moves it: "
                                  "the object is unusable afterwards.")},
    {0, nullptr}};

PyType_Spec spec = {"rill.Envelope", sizeof(Box), 0, Py_TPFLAGS_DEFAULT, slots};

}  // namespace

py::object wrap_envelope(PyEnvelope env) {
  return py::reinterpret_steal<py::object>(Box::make(envelope_type, std::move(env)));
}

PyEnvelope* envelope_of(PyObject* obj) { return Box::of(obj, envelope_type); }

void bind_envelope(py::module_& m) { envelope_type = add_type(m, &spec, "Envelope"); }

}  // namespace rill::python
