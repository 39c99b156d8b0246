#include "python_node.hpp"

#include <span>

#include <rill/core/executor.hpp>

#include "convert.hpp"
#include "gil.hpp"
#include "python_executor.hpp"

namespace rill::python {
namespace {

/// The Python exception in flight (the GIL held) as a node error message.
std::string take_error() { return PyError::fetch().format(); }

}  // namespace

PythonNode::PythonNode(std::shared_ptr<const PyNodeClass> cls, NodeConfig config)
    : cls_(std::move(cls)), config_(std::move(config)) {}

PythonNode::~PythonNode() {
  if (life_) life_->ctx = nullptr;
}

namespace {

/// The attribute for one declared port: one end (unit), a list of ends (`p:[]`) or a dict of
/// ends keyed by tag (`p:{}`; untagged ends by position, as MegFlow's Python nodes).
template <typename End, typename Port>
py::object port_attribute(PortKind kind, Port* unit, std::span<Port> ends,
                          const std::shared_ptr<PortLife>& life,
                          py::object (*wrap)(std::shared_ptr<End>)) {
  if (kind == PortKind::kUnit) return wrap(std::make_shared<End>(unit, life));
  if (kind == PortKind::kList) {
    py::list l;
    for (auto& e : ends) l.append(wrap(std::make_shared<End>(&e, life)));
    return l;
  }
  py::dict m;
  std::size_t i = 0;
  for (auto& e : ends) m[py::int_(e.tag().value_or(i++))] = wrap(std::make_shared<End>(&e, life));
  return m;
}

}  // namespace

void PythonNode::bind_attributes(py::object& inst, Context& ctx) {
  // Declared arguments, unless the constructor set that attribute itself (its choice wins).
  if (!cls_->args.empty() && py::hasattr(inst, "__dict__")) {
    py::dict own = inst.attr("__dict__");
    for (const auto& d : cls_->args) {
      if (own.contains(d.name)) continue;
      const Value* v = config_.args.find(d.name);
      inst.attr(d.name.c_str()) = v != nullptr ? to_python(*v) : py::none();
    }
  }
  for (const auto& d : cls_->inputs) {
    const bool unit = d.kind == PortKind::kUnit;
    inst.attr(d.name.c_str()) = port_attribute<RecvEnd>(
        d.kind, unit ? &ctx.input(d.name) : nullptr,
        unit ? std::span<InputPort>{} : ctx.inputs(d.name), life_, &wrap_receiver);
  }
  for (const auto& d : cls_->outputs) {
    const bool unit = d.kind == PortKind::kUnit;
    inst.attr(d.name.c_str()) = port_attribute<SendEnd>(
        d.kind, unit ? &ctx.output(d.name) : nullptr,
        unit ? std::span<OutputPort>{} : ctx.outputs(d.name), life_, &wrap_sender);
  }
  for (const auto& name : ctx.resource_names()) {
    Value v;
    {
      // A resource is built once, under its cell's lock, by whoever asks first; a Python
      // factory takes the GIL. Holding the GIL while waiting for that lock would deadlock.
      GilRelease unlocked;
      v = ctx.resource(name);
    }
    inst.attr(name.c_str()) = to_python(v);
  }
}

void PythonNode::init(Context& ctx) {
  ctx_ = &ctx;
  Executor* here = Executor::current();
  // Greenlets are bound to one thread: an exclusive node keeps the dedicated thread it was given;
  // everything else (or a node configured onto a multi-thread executor) runs on the Python one.
  home_ = cls_->exclusive && here != nullptr && here->thread_count() == 1
              ? here
              : PythonExecutor::instance().get();
  GilHold gil;
  try {
    py::object inst = py::handle(cls_->cls.get())(config_.name, to_python(Value(config_.args)));
    life_ = std::make_shared<PortLife>();
    life_->ctx = &ctx;
    bind_attributes(inst, ctx);
    py::object fn = inst.attr("exec");
    exec_ = PyRef::borrow(fn.ptr());
    instance_ = PyRef::borrow(inst.ptr());
  } catch (py::error_already_set& e) {
    e.restore();
    throw std::runtime_error(take_error());
  }
}

void PythonNode::run_batch() {
  Context& ctx = *ctx_;
  const bool source = !ctx.has_inputs();
  const std::uint64_t markers = ctx.markers_seen();
  int calls = 0;
  for (;;) {
    PyObject* r = PyObject_CallNoArgs(exec_.get());
    ++calls;
    if (r == nullptr) {
      if (PyErr_Occurred() != nullptr && is_stopped_error(PyErr_Occurred())) {
        PyErr_Clear();  // a source told its graph is stopping: a normal end
      } else {
        error_ = take_error();
      }
      break;
    }
    Py_DECREF(r);
    if (source || calls >= kExecBatch || ctx.all_inputs_ended() || ctx.markers_seen() != markers) {
      break;
    }
  }
  if (calls > 1)
    ctx.counters().execs.fetch_add(static_cast<std::uint64_t>(calls - 1),
                                   std::memory_order_relaxed);
}

void PythonNode::body() {
  for (;;) {
    run_batch();
    if (!Fiber::current()->park()) throw py::error_already_set();
    if (quit_) return;
  }
}

Task<> PythonNode::exec(Context& ctx) {
  if (Executor::current() != home_) co_await schedule_on(*home_);
  if (!fiber_) {
    GilHold gil;
    py::cpp_function fn([this] { body(); });
    fiber_ = std::make_unique<Fiber>(PyRef::borrow(fn.ptr()));
  }
  co_await fiber_->run();
  if (fiber_->finished()) {
    std::string why;
    {
      GilHold gil;
      why = fiber_->error() ? fiber_->error().format() : "it returned";
    }
    fiber_.reset();
    throw std::runtime_error("the node's greenlet ended: " + why);
  }
  if (!error_.empty()) throw std::runtime_error(std::exchange(error_, {}));
}

void PythonNode::finalize(Context& ctx) {
  GilHold gil;
  if (fiber_ && fiber_->parked()) {
    quit_ = true;
    fiber_->resume_parked();
  }
  fiber_.reset();
  if (life_) life_->ctx = nullptr;
  exec_ = {};
  instance_ = {};  // the last reference, normally: __del__ runs now, once
}

}  // namespace rill::python
