#include "ports.hpp"

#include <rill/core/task.hpp>

#include "fiber.hpp"
#include "gil.hpp"
#include "native_type.hpp"

namespace rill::python {
namespace {

PyObject* stopped_type = nullptr;  // rill.Stopped, set by bind_ports

py::object as_python(std::optional<Envelope>& e) {
  if (!e) return py::none();
  return wrap_envelope(PyEnvelope(std::move(*e)));
}

struct RecvRequest final : Request {
  explicit RecvRequest(RecvEnd* e) : end(e) {}
  Task<> perform() override { out = co_await end->recv_async(); }
  RecvEnd* end;
  std::optional<Envelope> out;
};

struct BatchRequest final : Request {
  BatchRequest(RecvEnd* e, std::size_t count, std::chrono::nanoseconds t)
      : end(e), n(count), timeout(t) {}
  Task<> perform() override { out = co_await end->batch_async(n, timeout); }
  RecvEnd* end;
  std::size_t n;
  std::chrono::nanoseconds timeout;
  BatchResult<Envelope> out;
};

struct SendRequest final : Request {
  SendRequest(SendEnd* e, Envelope v) : end(e), env(std::move(v)) {}
  Task<> perform() override { status = co_await end->send_async(std::move(env)); }
  SendEnd* end;
  Envelope env;
  SendStatus status = SendStatus::kOk;
};

}  // namespace

void check_may_block(const char* what) {
  if (Fiber::current() == nullptr && Executor::current() != nullptr) {
    throw std::runtime_error(std::string(what) +
                             " would block an executor thread: call it from a node's exec() "
                             "(or inside join/block_on), not from a constructor");
  }
}

// ---------------------------------------------------------------------------------------------
// RecvEnd

void PortLife::check(const std::shared_ptr<PortLife>& life) {
  if (life && !life->alive()) throw std::runtime_error("this port's node has finished");
}

void RecvEnd::check() const { PortLife::check(life_); }

RecvStatus RecvEnd::try_recv(std::optional<Envelope>& out) {
  return port_ ? port_->try_recv(out) : host_.try_recv(out);
}

Task<std::optional<Envelope>> RecvEnd::recv_async() {
  if (port_) {
    std::optional<Envelope> v = co_await port_->recv();
    co_return v;
  }
  std::optional<Envelope> v = co_await host_.recv();
  co_return v;
}

Task<RecvResult<Envelope>> RecvEnd::recv_for(std::chrono::nanoseconds timeout) {
  return port_ ? port_->recv_for(timeout) : host_.recv_for(timeout);
}

Task<BatchResult<Envelope>> RecvEnd::batch_async(std::size_t n, std::chrono::nanoseconds timeout) {
  return port_ ? port_->batch_recv(n, timeout) : host_.batch_recv(n, timeout);
}

py::object RecvEnd::recv() {
  check();
  std::optional<Envelope> out;
  const RecvStatus st = try_recv(out);
  if (st == RecvStatus::kValue) return as_python(out);
  if (st != RecvStatus::kEmpty) return py::none();
  if (Fiber* f = Fiber::current()) {
    auto req = std::make_unique<RecvRequest>(this);
    if (!f->wait_for(req.get())) throw py::error_already_set();
    return as_python(req->out);
  }
  check_may_block("recv()");
  RecvResult<Envelope> r;
  wait_interruptibly([&](std::chrono::milliseconds slice) {
    r = sync_wait(recv_for(slice));
    return r.status != RecvStatus::kTimeout;
  });
  return as_python(r.value);
}

py::tuple RecvEnd::batch_recv(std::size_t n, std::int64_t timeout_ms) {
  check();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::vector<Envelope> got;
  bool closed = false;
  while (got.size() < n) {
    std::optional<Envelope> out;
    const RecvStatus st = try_recv(out);
    if (st == RecvStatus::kValue) {
      got.push_back(std::move(*out));
    } else {
      closed = st != RecvStatus::kEmpty;
      break;
    }
  }
  const auto left = deadline - std::chrono::steady_clock::now();
  if (got.size() < n && !closed && left > std::chrono::nanoseconds::zero()) {
    BatchResult<Envelope> more;
    if (Fiber* f = Fiber::current()) {
      auto req = std::make_unique<BatchRequest>(this, n - got.size(), left);
      if (!f->wait_for(req.get())) throw py::error_already_set();
      more = std::move(req->out);
    } else {
      check_may_block("batch_recv()");
      GilRelease unlocked;
      more = sync_wait(batch_async(n - got.size(), left));
    }
    for (auto& e : more.values) got.push_back(std::move(e));
    closed = more.closed;
  }
  py::list items(got.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    items[i] = wrap_envelope(PyEnvelope(std::move(got[i])));
  return py::make_tuple(std::move(items), closed);
}

std::string RecvEnd::repr() const {
  return port_ ? "<Receiver " + port_->name() + ">" : std::string("<Receiver (graph output)>");
}

// ---------------------------------------------------------------------------------------------
// SendEnd

void SendEnd::check() const { PortLife::check(life_); }

SendStatus SendEnd::try_send(Envelope& e) {
  if (port_) return port_->try_send(e);
  if (!host_.valid()) return SendStatus::kClosed;
  return host_.try_send(e);
}

Task<SendStatus> SendEnd::send_async(Envelope e) {
  if (port_) {
    SendStatus s = co_await port_->send(std::move(e));
    co_return s;
  }
  SendStatus s = co_await host_.send(std::move(e));
  co_return s;
}

void SendEnd::on_closed() const {
  // A source's sends fail once its graph stops: end its exec instead of letting an endless
  // generator spin on a dead channel.
  if (life_ && life_->ctx->stop_requested() && !life_->ctx->has_inputs()) {
    PyErr_SetString(stopped_type, "the graph is stopping");
    throw py::error_already_set();
  }
}

void SendEnd::send(PyObject* obj) {
  check();
  PyEnvelope* env = envelope_of(obj);
  if (env == nullptr) {
    throw py::type_error(std::string("send() takes an Envelope, not ") + Py_TYPE(obj)->tp_name +
                         " (wrap the message: Envelope.pack(msg))");
  }
  Envelope e = env->take();
  SendStatus st = try_send(e);
  if (st == SendStatus::kFull) {
    if (Fiber* f = Fiber::current()) {
      auto req = std::make_unique<SendRequest>(this, std::move(e));
      if (!f->wait_for(req.get())) throw py::error_already_set();
      st = req->status;
    } else {
      check_may_block("send()");
      GilRelease unlocked;
      st = host_.send_blocking(std::move(e));
    }
  }
  if (st == SendStatus::kClosed) on_closed();
}

std::string SendEnd::repr() const {
  return port_ ? "<Sender " + port_->name() + ">" : std::string("<Sender (graph input)>");
}

// ---------------------------------------------------------------------------------------------

namespace {

PyTypeObject* receiver_type = nullptr;
PyTypeObject* sender_type = nullptr;
using RecvBox = Boxed<std::shared_ptr<RecvEnd>>;
using SendBox = Boxed<std::shared_ptr<SendEnd>>;

RecvEnd& recv_end(PyObject* self) { return *reinterpret_cast<RecvBox*>(self)->value; }
SendEnd& send_end(PyObject* self) { return *reinterpret_cast<SendBox*>(self)->value; }

PyObject* py_recv(PyObject* self, PyObject*) {
  return guarded<PyObject*>(nullptr, [&] { return recv_end(self).recv().release().ptr(); });
}

PyObject* py_batch_recv(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* names[] = {"n", "timeout_ms", nullptr};
  Py_ssize_t n = 0;
  long long timeout = 0;
  if (PyArg_ParseTupleAndKeywords(args, kwargs, "nL:batch_recv", const_cast<char**>(names), &n,
                                  &timeout) == 0) {
    return nullptr;
  }
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "batch_recv: n must be >= 0");
    return nullptr;
  }
  return guarded<PyObject*>(nullptr, [&] {
    return recv_end(self).batch_recv(static_cast<std::size_t>(n), timeout).release().ptr();
  });
}

PyObject* py_send(PyObject* self, PyObject* env) {
  return guarded<PyObject*>(nullptr, [&] {
    send_end(self).send(env);
    Py_RETURN_NONE;
  });
}

PyObject* recv_repr(PyObject* self) {
  return guarded<PyObject*>(nullptr,
                            [&] { return py::str(recv_end(self).repr()).release().ptr(); });
}
PyObject* send_repr(PyObject* self) {
  return guarded<PyObject*>(nullptr,
                            [&] { return py::str(send_end(self).repr()).release().ptr(); });
}

PyMethodDef recv_methods[] = {
    {"recv", &py_recv, METH_NOARGS,
     "The next Envelope, or None at end-of-stream (in a shared node: when one client's stream "
     "ended)."},
    {"batch_recv", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&py_batch_recv)),
     METH_VARARGS | METH_KEYWORDS,
     "batch_recv(n, timeout_ms): up to n envelopes, waiting at most timeout_ms from the call; "
     "returns (list, closed)."},
    {nullptr, nullptr, 0, nullptr}};

PyMethodDef send_methods[] = {
    {"send", &py_send, METH_O,
     "send(envelope): sends it (the envelope becomes unusable), waiting while the channel is "
     "full; dropped if the channel is closed."},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot recv_slots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(&RecvBox::dealloc)},
                            {Py_tp_repr, reinterpret_cast<void*>(&recv_repr)},
                            {Py_tp_methods, recv_methods},
                            {Py_tp_doc, const_cast<char*>("The receiving end of a port.")},
                            {0, nullptr}};
PyType_Slot send_slots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(&SendBox::dealloc)},
                            {Py_tp_repr, reinterpret_cast<void*>(&send_repr)},
                            {Py_tp_methods, send_methods},
                            {Py_tp_doc, const_cast<char*>("The sending end of a port.")},
                            {0, nullptr}};
// No tp_new: ends are made by rill (node attributes, Graph.input/output), never by user code.
PyType_Spec recv_spec = {"rill.Receiver", sizeof(RecvBox), 0, Py_TPFLAGS_DEFAULT, recv_slots};
PyType_Spec send_spec = {"rill.Sender", sizeof(SendBox), 0, Py_TPFLAGS_DEFAULT, send_slots};

}  // namespace

py::object wrap_receiver(std::shared_ptr<RecvEnd> end) {
  return py::reinterpret_steal<py::object>(RecvBox::make(receiver_type, std::move(end)));
}

py::object wrap_sender(std::shared_ptr<SendEnd> end) {
  return py::reinterpret_steal<py::object>(SendBox::make(sender_type, std::move(end)));
}

void bind_ports(py::module_& m) {
  // A BaseException, like GeneratorExit: `except Exception` in user code does not swallow it.
  static py::exception<std::runtime_error> stopped(m, "Stopped", PyExc_BaseException);
  stopped_type = stopped.ptr();
  receiver_type = add_type(m, &recv_spec, "Receiver");
  sender_type = add_type(m, &send_spec, "Sender");
}

bool is_stopped_error(PyObject* type) {
  return stopped_type != nullptr && PyErr_GivenExceptionMatches(type, stopped_type) != 0;
}

}  // namespace rill::python
